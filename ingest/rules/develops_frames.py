"""DEVELOPS from the dependency parse: who makes a named model, product or chip.

News names the maker of a product as the subject of a making verb, in any voice
and behind any aside ("Nordwind, the Oslo lab that trained the Aster models",
"Aster, developed by Nordwind", "the chip Nordwind designed"), or with an agent
noun ("Nordwind, the developer of Aster", "Nordwind is the maker of Aster").
A using or licensing verb does not make someone the developer; a selling verb
does only for the seller's own product named as the object itself ("Nordwind
sells its Aster chips", not "sells Harbour's chatbot" or "sells Aster-based
servers"), at a lower confidence. Interviews speak for their organisation in the
first person ("Aster 3, which we released ...", "Aster, our next chip"): "we",
"us" and "our" stand for the article's most named organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.develops_links import series_object
from blocgraph.ingest.rules.frames import (
    ACTORS,
    ORGS,
    PRODUCTS,
    Frame,
    Slot,
    asserted_at,
    match_frames,
)
from blocgraph.ingest.rules.parse_args import (
    OBJECTS,
    Arguments,
    is_passive,
    is_verbal,
    parsed,
    role_tokens,
    subjects,
)

MAKE_VERBS = frozenset({
    "develop", "build", "make", "design", "create", "train", "release", "launch", "unveil",
    "introduce", "debut", "publish", "open-source", "pretrain", "fine-tune", "invent",
})
# "released a new version of X": the object names a version of the product.
VERSION_NOUNS = frozenset({"version", "generation", "family", "series", "line", "edition",
                           "update", "upgrade", "iteration", "release", "variant"})
# A state launches programmes; it develops, builds or trains a product itself.
STATE_MAKE_VERBS = frozenset({"develop", "build", "train", "design", "create", "pretrain"})
MAKER_NOUNS = frozenset({"developer", "maker", "creator", "designer", "builder", "publisher",
                         "author", "inventor"})
# "the Oslo lab behind the Aster models": a description of an organisation + "behind".
BEHIND_NOUNS = frozenset({
    "company", "start-up", "startup", "lab", "laboratory", "group", "firm", "developer",
    "institute", "centre", "center", "team", "unit", "maker", "outfit", "venture",
    "organisation", "organization", "business", "chipmaker", "designer", "people",
    "up",  # the tokeniser splits "start-up" into "start", "-", "up" (a noun here)
})
SELL_VERBS = frozenset({"sell"})
# Launch idioms: "put X on phones", "brought X to market".
LAUNCH_VERBS = frozenset({"put", "bring"})
LAUNCH_PLACES = frozenset({"phone", "smartphone", "market", "sale", "shelf", "store", "device",
                           "laptop", "computer", "app"})
# Nouns a product's name is put before: "the Aster chip", "its Corvid models".
PRODUCT_WORDS = frozenset({"model", "chip", "processor", "accelerator", "chatbot", "assistant",
                           "app", "gpu", "system", "platform", "supercomputer", "agent"})
# The people of an organisation who do its making.
STAFF_NOUNS = frozenset({"engineer", "researcher", "scientist", "team", "staff", "employee",
                         "developer", "designer"})
# What a named supercomputer or chip is called when it is taken up again.
MACHINE_NOUNS = frozenset({"machine", "supercomputer", "computer", "system", "cluster", "chip",
                           "processor", "model"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours"})
# Finite active forms: such a verb coordinated with a passive one keeps its subject as agent
# ("X is run by Y and develops Z").
FINITE_ACTIVE = frozenset({"VBZ", "VBP"})

MAKE_FRAME = Frame(
    "make-verb", "DEVELOPS", verbs=MAKE_VERBS,
    slots=(Slot("org", ("agent",), ACTORS), Slot("model", ("patient", "prep:of"), PRODUCTS)),
    required=(), confidence=0.85,
)
MAKER_FRAME = Frame(
    "maker-noun", "DEVELOPS", nouns=MAKER_NOUNS,
    slots=(Slot("model", ("patient",), PRODUCTS),),
    required=("model",), confidence=0.85,
)
BEHIND_FRAME = Frame(
    "behind-noun", "DEVELOPS", nouns=BEHIND_NOUNS,
    slots=(Slot("model", ("prep:behind",), PRODUCTS),),
    required=("model",), confidence=0.8,
)
SELL_FRAME = Frame(
    "sell-own", "DEVELOPS", verbs=SELL_VERBS,
    slots=(Slot("org", ("agent",), ACTORS), Slot("model", ("patient",), PRODUCTS)),
    required=(), confidence=0.7,
)
LAUNCH_FRAME = Frame(
    "launch-idiom", "DEVELOPS", verbs=LAUNCH_VERBS,
    slots=(Slot("org", ("agent",), ACTORS), Slot("model", ("patient",), PRODUCTS)),
    required=(), confidence=0.75,
)
FRAMES = (MAKE_FRAME, MAKER_FRAME, BEHIND_FRAME, SELL_FRAME, LAUNCH_FRAME)


@dataclass(frozen=True)
class Focus:
    """What the article around a sentence supplies: the organisation "we" speaks for,
    and the organisation that was the subject of the previous sentence."""

    speaker: str | None = None
    previous_subject: str | None = None
    previous_product: str | None = None


def parse_develops(sentence: Sentence, focus: Focus | None = None
                   ) -> list[tuple[str, str, float]] | None:
    """(org, model, confidence) for every frame match whose maker can be named; None
    when the sentence has no parse."""
    span = parsed(sentence)
    if span is None:
        return None
    focus = focus or Focus()
    args = Arguments(span, sentence.mentions)
    found = []
    for match in match_frames(sentence, FRAMES):
        trigger, lemma = match.trigger, match.trigger.lemma_.lower()
        models = match.ids("model")
        if match.frame is SELL_FRAME:
            models = _own_products(args, trigger)
        elif models and not _direct_or_version(args, trigger, models):
            continue
        models = models or _gap_object(args, trigger) or series_object(args, trigger) \
            or _pronoun_object(args, trigger, focus) or _higher_antecedent(args, trigger, focus)
        if match.frame is LAUNCH_FRAME and not _launches(trigger):
            continue
        if not models:
            continue
        models += _listed_with_maker(args, trigger)
        makers = match.ids("org") or _maker_of(args, trigger) or _first_person(trigger, focus) \
            or _staff_of(args, trigger)
        if makers and ctx_type(sentence, makers[0]) == "Government" \
                and lemma not in STATE_MAKE_VERBS:
            # "It ... sold the H800": a pronoun read as a state; the maker is the
            # organisation the previous sentence was about.
            makers = [focus.previous_subject] if _pronoun_agent(trigger) \
                and focus.previous_subject else []
        makers = makers[:1] + _partners(args, trigger) if makers else []
        found += [(maker, model, match.frame.confidence) for maker in dict.fromkeys(makers)
                  for model in dict.fromkeys(models) if maker != model]
    return found


def _pronoun_object(args: Arguments, trigger: Token, focus: Focus) -> list[str]:
    """"X is excellent work. Y built it": "it" as the object of a making verb is the
    product the sentence's own earlier subject names ("X runs on phones, and we built
    it"), else the product the previous sentence was about."""
    if not is_verbal(trigger) or is_passive(trigger):
        return []
    objects = [c for c in trigger.children if c.dep_ in OBJECTS]
    if not objects or objects[0].lower_ != "it":
        return []
    earlier = [m for t in args.span if t.i < trigger.i and t.dep_ in ("nsubj", "nsubjpass")
               for m in args.of(t) if m.type in PRODUCTS and m.entity_id]
    if earlier:
        return [_id(earlier[-1])]
    return [focus.previous_product] if focus.previous_product else []


def _higher_antecedent(args: Arguments, trigger: Token, focus: Focus) -> list[str]:
    """"the machine at the University of X, which was built by Y": a relative clause
    after "noun + preposition + organisation" is about the machine, not the
    organisation; the machine is the product named there or just before."""
    if trigger.dep_ != "relcl" or not is_passive(trigger):
        return []
    antecedent = trigger.head
    named = args.of(antecedent)
    if antecedent.dep_ != "pobj" or not named or named[0].type in PRODUCTS:
        return []
    prep = antecedent.head
    if prep.dep_ != "prep" or prep.i == args.span.start:
        return []
    noun = prep.doc[prep.i - 1]  # the noun the preposition follows, wherever it attached
    if noun.lemma_.lower() not in MACHINE_NOUNS or noun.pos_ != "NOUN":
        return []
    own = [m for m in args.of(noun) if m.type in PRODUCTS and m.entity_id]
    if own:
        return [_id(own[0])]
    determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
    if determiners & {"the", "this", "that"} and focus.previous_product:
        return [focus.previous_product]
    return []


def _partners(args: Arguments, verb: Token) -> list[str]:
    """Co-makers: "built it together with A and B", "developed X in partnership with A",
    "alongside A"; names only, not a tool named after its maker ("with Nvidia chips")."""
    if not is_verbal(verb):
        return []
    found: list[str] = []
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        before = prep.doc[prep.i - 1].lower_ if prep.i > 0 else ""
        word = prep.lower_
        if not (word == "alongside" or (word == "with" and before in (
                "together", "jointly", "partnership", "collaboration", "conjunction"))):
            continue
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for mention in args.of(obj):
                heads = [t for t in obj.subtree if mention.start <= t.idx < mention.end]
                if mention.type in ORGS and mention.entity_id and not all(
                        t.dep_ == "compound" and t.head.pos_ == "NOUN" for t in heads):
                    found.append(mention.entity_id)
    return found


def subject_org(sentence: Sentence) -> str | None:
    """The organisation a sentence is about: its first subject naming a company or
    organisation (for the pronoun of the next sentence)."""
    span = parsed(sentence)
    if span is None:
        return None
    args = Arguments(span, sentence.mentions)
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass"):
            named = [m for m in args.of(token) if m.type in ORGS and m.entity_id]
            if named:
                return _id(named[0])
    return None


def _staff_of(args: Arguments, trigger: Token) -> list[str]:
    """"its engineers trained X", "researchers at Nordwind built X": the people who
    made a product stand for the organisation they work for."""
    if not is_verbal(trigger):
        return []
    if is_passive(trigger):
        heads = [p for a in trigger.children if a.dep_ == "agent" for p in a.children]
    else:
        heads = [s for s in subjects(trigger) if s.dep_ not in ("nsubjpass", "csubjpass")]
    for head in (h for h in heads if h.lemma_.lower() in STAFF_NOUNS):
        holders = [c for c in head.children if c.dep_ == "poss"] + [
            o for p in head.children if p.dep_ == "prep" and p.lower_ in ("at", "from", "of")
            for o in p.children if o.dep_ == "pobj"]
        for holder in holders:
            named = [m for m in args.of(holder) if m.type in ORGS and m.entity_id]
            if named:
                return [_id(named[0])]
    return []


def _pronoun_agent(trigger: Token) -> bool:
    return any(s.pos_ == "PRON" for s in subjects(trigger))


def _first_person(trigger: Token, focus: Focus) -> list[str]:
    """"which we released", "REBEL, our next chip, is designed": the speaker's
    organisation."""
    if focus.speaker is None:
        return []
    if is_verbal(trigger):
        heads = [s for s in subjects(trigger) if s.dep_ not in ("nsubjpass", "csubjpass")]
        if is_passive(trigger):
            heads = [p for a in trigger.children if a.dep_ == "agent" for p in a.children]
    else:
        heads = [c for c in trigger.children if c.dep_ == "poss"]
    return [focus.speaker] if any(h.lower_ in FIRST_PERSON for h in heads) else []


def _gap_object(args: Arguments, trigger: Token) -> list[str]:
    """"ALLaM, the model it developed": a relative clause with no object of its own
    makes the noun it modifies (or the name that noun describes) its object."""
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "relcl" or not is_verbal(trigger) or is_passive(trigger) \
            or any(c.dep_ in OBJECTS for c in trigger.children):
        return []
    head = clause.head
    found = [m for m in args.of(head) if m.type in PRODUCTS and m.entity_id]
    if not found and head.dep_ == "appos":
        found = [m for m in args.of(head.head) if m.type in PRODUCTS and m.entity_id]
    return [_id(m) for m in found]


def _listed_with_maker(args: Arguments, trigger: Token) -> list[str]:
    """"the maker of the X models and the Y assistant": the parse may list the second
    product beside the agent noun rather than beside the first product."""
    if is_verbal(trigger):
        return []
    return [_id(m) for c in trigger.conjuncts if c.i > trigger.i
            for m in args.of(c)[:1] if m.type in PRODUCTS and m.entity_id]


def _own_products(args: Arguments, verb: Token) -> list[str]:
    """What a seller sells as its own: a product named by the object itself, its
    apposition or a "such as" list ("sells models such as X"), or a product noun named
    after it ("its Aster chips"), with no other organisation tied to it ("Harbour's
    chatbot", "made by Harbour"); not a thing built on it ("Aster-based servers")."""
    found: list[str] = []
    for obj in role_tokens(verb, "patient"):
        listed = [c for p in obj.children if p.dep_ == "prep"
                  and (p.lower_ in ("like", "including")
                       or (p.lower_ == "as" and any(a.lower_ == "such" for a in p.children)))
                  for c in p.children if c.dep_ == "pobj"]
        for head in [obj, *(c for c in obj.children if c.dep_ == "appos"), *listed,
                     *(c for x in listed for c in x.conjuncts)]:
            mention = args.mention_at(head)
            if mention is None and head.lemma_.lower() in PRODUCT_WORDS:
                named = [args.mention_at(c) for c in head.children if c.dep_ == "compound"]
                mention = next((m for m in named if m is not None), None)
            if mention is None or mention.type not in PRODUCTS or not mention.entity_id:
                continue
            if any(m.type in ORGS for t in head.subtree for m in [args.mention_at(t)]
                   if m is not None and m is not mention and t.lower_ not in ("its", "their")):
                continue
            found.append(mention.entity_id)
    return found


def _launches(verb: Token) -> bool:
    """"put X on phones", "brought X to market": the launch of one's own product."""
    places = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("on", "to", "onto")
              for c in p.children if c.dep_ == "pobj"]
    return any(t.lemma_.lower() in LAUNCH_PLACES for t in places)


def ctx_type(sentence: Sentence, entity_id: str) -> str | None:
    """The type the sentence's mentions give an entity."""
    for mention in sentence.mentions:
        if mention.entity_id == entity_id:
            return mention.type
    return None


def _direct_or_version(args: Arguments, trigger: Token, models: list[str]) -> bool:
    """The product is the object itself, or the object is a version of it ("released a
    new version of X"), not any "of" phrase ("built a rival of X")."""
    if not is_verbal(trigger):
        return True
    objects = role_tokens(trigger, "patient")
    if any(m.entity_id in models for t in objects for m in args.of(t)):
        return True
    return any(t.lemma_.lower() in VERSION_NOUNS for t in objects)


def _maker_of(args: Arguments, trigger: Token) -> list[str]:
    """The maker when the slot found no name: a description standing for a name
    ("Nordwind, the lab that built ...": lab -> Nordwind), or for an agent noun the
    name it describes ("Nordwind, the maker of ...", "Nordwind is the maker of ...")."""
    if is_verbal(trigger):
        inherited = trigger.tag_ in FINITE_ACTIVE and not is_passive(trigger)
        heads = [_antecedent(s) for s in subjects(trigger)
                 if s.dep_ not in ("nsubjpass", "csubjpass") or inherited]
    else:
        heads = [trigger]
        if trigger.dep_ == "attr" and is_verbal(trigger.head) and asserted_at(trigger.head):
            heads = [s for s in subjects(trigger.head)] or heads
    for head in heads:
        named = _described(args, head)
        if named:
            return named
    return []


def _antecedent(subject: Token) -> Token:
    """"the lab that built X": the relative pronoun stands for the noun the clause is on."""
    if subject.lower_ not in ("that", "which", "who"):
        return subject
    clause = subject.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else subject


def _described(args: Arguments, token: Token) -> list[str]:
    """The actor a noun phrase names, climbing from a description to the name it is in
    apposition (or listed) with; at most three steps."""
    current = token
    for _ in range(4):
        found = [m for m in args.of(current) if m.type in ACTORS and m.entity_id
                 and not _place_modifier(current, m)]
        if found:
            return [_id(found[0])]
        if current.dep_ not in ("appos", "conj") or current.head.i == current.i:
            return _named_before(args, current)
        if current.pos_ == "PROPN":
            return []  # a name of its own, just not an actor we know
        current = current.head
    return []


def _place_modifier(noun: Token, mention: Mention) -> bool:
    """"the Oslo research centre": a state named inside a description is where it is,
    not who it is."""
    return noun.pos_ == "NOUN" and mention.type == "Government" \
        and not mention.start <= noun.idx < mention.end


def _named_before(args: Arguments, token: Token) -> list[str]:
    """"the Nordwind Academy (NA), a research institute that ...": when the parse misses
    the apposition, a description right after a name and a comma still describes it."""
    if token.pos_ != "NOUN" or token.i == 0:
        return []
    doc, index = token.doc, token.left_edge.i - 1
    if index < 0 or doc[index].text != ",":
        return []
    index -= 1
    if index >= 0 and doc[index].text == ")":
        while index > 0 and doc[index].text != "(":
            index -= 1
        index -= 1
    if index < args.span.start:
        return []
    mention = args.mention_at(doc[index])
    if mention is None or mention.type not in ORGS or not mention.entity_id \
            or token.lemma_.lower() not in BEHIND_NOUNS | MAKER_NOUNS:
        return []
    return [mention.entity_id]


def _id(mention: Mention) -> str:
    assert mention.entity_id is not None
    return mention.entity_id
