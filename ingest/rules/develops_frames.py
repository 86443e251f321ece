"""DEVELOPS from the dependency parse: who makes a named model, product or chip.

News names the maker of a product as the subject of a making verb, in any voice
and behind any aside ("Nordwind, the Oslo lab that trained the Aster models",
"Aster, developed by Nordwind", "the chip Nordwind designed"), or with an agent
noun ("Nordwind, the developer of Aster", "Nordwind is the maker of Aster").
A selling, using or licensing verb does not make someone the developer ("it
sells Harbour's chatbot"), so those verbs are not triggers here.
"""

from __future__ import annotations

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.frames import (
    ACTORS,
    PRODUCTS,
    Frame,
    Slot,
    asserted_at,
    match_frames,
)
from blocgraph.ingest.rules.parse_args import (
    Arguments,
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

MAKE_FRAME = Frame(
    "make-verb", "DEVELOPS", verbs=MAKE_VERBS,
    slots=(Slot("org", ("agent",), ACTORS), Slot("model", ("patient", "prep:of"), PRODUCTS)),
    required=("model",), confidence=0.85,
)
MAKER_FRAME = Frame(
    "maker-noun", "DEVELOPS", nouns=MAKER_NOUNS,
    slots=(Slot("model", ("patient",), PRODUCTS),),
    required=("model",), confidence=0.85,
)


def parse_develops(sentence: Sentence) -> list[tuple[str, str, float]] | None:
    """(org, model, confidence) for every frame match whose maker can be named; None
    when the sentence has no parse."""
    span = parsed(sentence)
    if span is None:
        return None
    args = Arguments(span, sentence.mentions)
    found = []
    for match in match_frames(sentence, [MAKE_FRAME, MAKER_FRAME]):
        if not _direct_or_version(args, match.trigger, match.ids("model")):
            continue
        makers = match.ids("org") or _maker_of(args, match.trigger)
        if makers and ctx_type(sentence, makers[0]) == "Government" \
                and match.trigger.lemma_.lower() not in STATE_MAKE_VERBS:
            continue
        found += [(makers[0], model, match.frame.confidence)
                  for model in match.ids("model") if makers and makers[0] != model]
    return found


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
        heads = [_antecedent(s) for s in subjects(trigger)
                 if s.dep_ not in ("nsubjpass", "csubjpass")]
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
        found = [m for m in args.of(current) if m.type in ACTORS and m.entity_id]
        if found:
            return [_id(found[0])]
        if current.dep_ not in ("appos", "conj") or current.head.i == current.i:
            return []
        if current.pos_ == "PROPN":
            return []  # a name of its own, just not an actor we know
        current = current.head
    return []


def _id(mention: Mention) -> str:
    assert mention.entity_id is not None
    return mention.entity_id
