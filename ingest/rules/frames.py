"""Fact frames: how news states a kind of fact around a trigger word, held as data.

A :class:`Frame` names its trigger lemmas (verbs such as "ban", "bar", "block"
and nominalisations such as "ban", "investment") and, for each fact field,
the grammatical roles that may fill it (:mod:`.parse_args`), tried in order,
with the entity types it accepts. :func:`match_frames` finds every trigger of a
sentence and reads its arguments from the dependency parse; the family module
turns a :class:`FrameMatch` into candidates, adding what only it knows (a
ban on a product targets its maker, a round's amount).

Frames run only where the model gives a parse; the skeleton rules of each
family are the fallback without it, and both feed the same article-level merge,
so a fact found by both is one fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.parse_args import Arguments, negated, parsed, role_tokens

ACTORS = frozenset({"Company", "Investor", "Organization", "Government"})
ORGS = frozenset({"Company", "Investor", "Organization"})
PRODUCTS = frozenset({"AIModel", "Hardware"})
# Inside these the words describe someone, not the clause: "X, a lab that could ...".
ASIDES = frozenset({"relcl", "appos", "acl", "parataxis"})


@dataclass(frozen=True)
class Slot:
    """A fact field and where the parse may name it."""

    field: str
    roles: tuple[str, ...]
    types: frozenset[str]


@dataclass(frozen=True)
class Frame:
    name: str
    fact: str
    slots: tuple[Slot, ...]
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    confidence: float = 0.8
    # Words that must stand right after a verb trigger ("cut off", "shut out").
    particle: str | None = None

    def triggered_by(self, token: Token) -> bool:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            if lemma not in self.verbs:
                return False
            return self.particle is None or any(
                c.lower_ == self.particle for c in token.children)
        return token.pos_ in ("NOUN", "PROPN") and lemma in self.nouns


@dataclass
class FrameMatch:
    """One trigger and the mentions each slot found."""

    frame: Frame
    trigger: Token
    args: Arguments
    fields: dict[str, list[Mention]] = field(default_factory=dict)

    def ids(self, name: str) -> list[str]:
        return [m.entity_id for m in self.fields.get(name, []) if m.entity_id]

    def first(self, name: str) -> str | None:
        ids = self.ids(name)
        return ids[0] if ids else None

    def money(self) -> list[Mention]:
        """Money in the trigger's phrase, nearest first."""
        found = self.args.money(self.trigger.subtree)
        return sorted(found, key=lambda m: abs(m.start - self.trigger.idx))

    def date(self) -> str | None:
        """The date in the trigger's phrase, else the sentence's date nearest to it."""
        near = self.args.dates(self.trigger.subtree)
        if not near:
            near = sorted(self.args.dates(self.args.span),
                          key=lambda m: abs(m.start - self.trigger.idx))
        return str(near[0].value.value) if near else None


def match_frames(sentence: Sentence, frames: Iterable[Frame]) -> Iterator[FrameMatch]:
    """Every asserted trigger of ``frames`` in the sentence with its filled slots;
    a match missing a required slot is dropped."""
    span = parsed(sentence)
    if span is None:
        return
    args = Arguments(span, sentence.mentions)
    by_lemma = _trigger_index(tuple(frames))
    for token in span:
        candidates = by_lemma.get(token.lemma_.lower())
        for frame in candidates or ():
            if not frame.triggered_by(token) or not asserted_at(token):
                continue
            match = FrameMatch(frame, token, args)
            for slot in frame.slots:
                match.fields[slot.field] = fill(args, token, slot)
            if all(match.ids(name) for name in frame.required):
                yield match


@cache
def _trigger_index(frames: tuple[Frame, ...]) -> dict[str, tuple[Frame, ...]]:
    """The frames a lemma may trigger, in their order: most tokens trigger none, and
    asking every frame about every token was a large share of extraction time."""
    index: dict[str, list[Frame]] = {}
    for frame in frames:
        for lemma in frame.verbs | frame.nouns:
            index.setdefault(lemma, []).append(frame)
    return {lemma: tuple(found) for lemma, found in index.items()}


def fill(args: Arguments, trigger: Token, slot: Slot) -> list[Mention]:
    for role in slot.roles:
        found = [m for t in role_tokens(trigger, role) for m in args.of(t)
                 if m.type in slot.types and m.entity_id]
        if found:
            return unique(found)
    return []


def unique(mentions: list[Mention]) -> list[Mention]:
    """In order, each entity once."""
    seen: set[str | None] = set()
    kept = []
    for mention in mentions:
        if mention.entity_id not in seen:
            seen.add(mention.entity_id)
            kept.append(mention)
    return kept


def asserted_at(trigger: Token) -> bool:
    """Neither negated in the parse nor hedged in the words of its own clause (asides
    such as a relative clause about the subject are left out)."""
    if negated(trigger):
        return False
    return is_asserted(clause_text(trigger))


def clause_text(trigger: Token) -> str:
    top = trigger
    while top.dep_ in ("xcomp", "conj", "ccomp", "dobj", "pobj", "prep", "advcl") \
            and top.head.i != top.i:
        top = top.head
    words = [t for t in trigger.doc[top.left_edge.i : trigger.i + 1]
             if not _in_aside(t, top) and t.i >= _clause_start(top)]
    return " ".join(t.text for t in words)


def _clause_start(top: Token) -> int:
    """After the last ";" or ":" before the clause's verb."""
    start = top.left_edge.i
    for t in top.doc[start : top.i]:
        if t.text in (";", ":"):
            start = t.i + 1
    return start


def _in_aside(token: Token, top: Token) -> bool:
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in ASIDES:
            return True
        current = current.head
    return False
