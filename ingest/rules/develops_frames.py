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

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Sentence
from blocgraph.ingest.rules.develops_args import (
    BEHIND_NOUNS,
    MAKER_NOUNS,
    Focus,
    entity_id_of,
    first_person,
    gap_object,
    higher_antecedent,
    listed_with_maker,
    maker_of,
    pronoun_agent,
    pronoun_object,
    staff_of,
)
from blocgraph.ingest.rules.develops_links import series_object
from blocgraph.ingest.rules.frames import (
    ACTORS,
    ORGS,
    PRODUCTS,
    Frame,
    Slot,
    match_frames,
)
from blocgraph.ingest.rules.parse_args import (
    Arguments,
    is_verbal,
    parsed,
    role_tokens,
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
SELL_VERBS = frozenset({"sell"})
# Launch idioms: "put X on phones", "brought X to market".
LAUNCH_VERBS = frozenset({"put", "bring"})
LAUNCH_PLACES = frozenset({"phone", "smartphone", "market", "sale", "shelf", "store", "device",
                           "laptop", "computer", "app"})
# Nouns a product's name is put before: "the Aster chip", "its Corvid models".
PRODUCT_WORDS = frozenset({"model", "chip", "processor", "accelerator", "chatbot", "assistant",
                           "app", "gpu", "system", "platform", "supercomputer", "agent"})
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
        models = models or gap_object(args, trigger) or series_object(args, trigger) \
            or pronoun_object(args, trigger, focus) or higher_antecedent(args, trigger, focus)
        if match.frame is LAUNCH_FRAME and not _launches(trigger):
            continue
        if not models:
            continue
        models += listed_with_maker(args, trigger)
        makers = match.ids("org") or maker_of(args, trigger) or first_person(trigger, focus) \
            or staff_of(args, trigger)
        if makers and ctx_type(sentence, makers[0]) == "Government" \
                and lemma not in STATE_MAKE_VERBS:
            # "It ... sold the H800": a pronoun read as a state; the maker is the
            # organisation the previous sentence was about.
            makers = [focus.previous_subject] if pronoun_agent(trigger) \
                and focus.previous_subject else []
        makers = makers[:1] + _partners(args, trigger) if makers else []
        found += [(maker, model, match.frame.confidence) for maker in dict.fromkeys(makers)
                  for model in dict.fromkeys(models) if maker != model]
    return found


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
                return entity_id_of(named[0])
    return None


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


