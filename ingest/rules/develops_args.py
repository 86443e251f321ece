"""Who made it: the maker and product arguments of a DEVELOPS trigger beyond its slots.

The frames of :mod:`.develops_frames` read subject and object; news often names
them elsewhere: a pronoun object ("released it"), staff standing for their firm
("engineers at X built"), first person in quotes and interviews ("we trained"), a
maker named in a description ("the X maker Y") or just before the product. Kept
apart so the frame module stays about triggers."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.frames import (
    ACTORS,
    ORGS,
    PRODUCTS,
    asserted_at,
)
from blocgraph.ingest.rules.parse_args import (
    OBJECTS,
    Arguments,
    is_passive,
    is_verbal,
    subjects,
)

MAKER_NOUNS = frozenset({"developer", "maker", "creator", "designer", "builder", "publisher",
                         "author", "inventor"})
# "the Oslo lab behind the Aster models": a description of an organisation + "behind".
BEHIND_NOUNS = frozenset({
    "company", "start-up", "startup", "lab", "laboratory", "group", "firm", "developer",
    "institute", "centre", "center", "team", "unit", "maker", "outfit", "venture",
    "organisation", "organization", "business", "chipmaker", "designer", "people",
    "up",  # the tokeniser splits "start-up" into "start", "-", "up" (a noun here)
})
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




@dataclass(frozen=True)
class Focus:
    """What the article around a sentence supplies: the organisation "we" speaks for,
    and the organisation that was the subject of the previous sentence."""

    speaker: str | None = None
    previous_subject: str | None = None
    previous_product: str | None = None

def pronoun_object(args: Arguments, trigger: Token, focus: Focus) -> list[str]:
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
        return [entity_id_of(earlier[-1])]
    return [focus.previous_product] if focus.previous_product else []


def higher_antecedent(args: Arguments, trigger: Token, focus: Focus) -> list[str]:
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
        return [entity_id_of(own[0])]
    determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
    if determiners & {"the", "this", "that"} and focus.previous_product:
        return [focus.previous_product]
    return []


def staff_of(args: Arguments, trigger: Token) -> list[str]:
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
                return [entity_id_of(named[0])]
    return []


def pronoun_agent(trigger: Token) -> bool:
    return any(s.pos_ == "PRON" for s in subjects(trigger))


def first_person(trigger: Token, focus: Focus) -> list[str]:
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


def gap_object(args: Arguments, trigger: Token) -> list[str]:
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
    return [entity_id_of(m) for m in found]


def listed_with_maker(args: Arguments, trigger: Token) -> list[str]:
    """"the maker of the X models and the Y assistant": the parse may list the second
    product beside the agent noun rather than beside the first product."""
    if is_verbal(trigger):
        return []
    return [entity_id_of(m) for c in trigger.conjuncts if c.i > trigger.i
            for m in args.of(c)[:1] if m.type in PRODUCTS and m.entity_id]


def maker_of(args: Arguments, trigger: Token) -> list[str]:
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
            return [entity_id_of(found[0])]
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


def entity_id_of(mention: Mention) -> str:
    assert mention.entity_id is not None
    return mention.entity_id
