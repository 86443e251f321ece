"""The per-article entity table's record, and the passes that fix a record's type.

A record takes its type from the first mention resolved to it, and the first
mention is often the weakest: a headline the model reads as a company ("Orrin
lands on phones"), a name the model reads as a person. Later sentences say what
the name is ("its Orrin model", "chief executive, Ana Lima"); these passes let
that wording decide once the whole article has been read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from blocgraph.ingest.kind_cues import appositive_kind
from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.names import normalise_org
from blocgraph.ingest.product_cues import product_kind

# Types a phrase can give a name outright; an appositive saying "a company" is too weak
# to undo the model's reading of a product, so only these count.
DECISIVE = frozenset({"AIModel", "Hardware", "Person", "Investor"})


@dataclass
class EntityRecord:
    id: str
    name: str
    type: str
    country: str | None
    known: bool
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    surfaces: list[str] = field(default_factory=list)
    # What descriptions tied to the name by syntax said of it ("the Shenzhen chip group"):
    # trades and places a later, looser description must not contradict.
    traits: set[str] = field(default_factory=set)

    def display_name(self) -> str:
        """The name as the article writes it: the curated name if used (or a fuller form of
        it, "Micron Technology" for "Micron"), else the fullest form."""
        if not self.surfaces:
            return self.name
        if self.name in self.surfaces:
            key = normalise_org(self.name)
            fuller = [s for s in self.surfaces if normalise_org(s).startswith(key + " ")]
            return max(fuller, key=len) if fuller else self.name
        return max(self.surfaces, key=len)


def said_kind(text: str, mention: Mention) -> str | None:
    """The type the wording around one mention gives outright, or None: a titled name
    is a person, "its X model" a product, "X, a venture firm" an investor."""
    if mention.attrs.get("found_as", mention.type) == "Person" and mention.source == "cue":
        return "Person"
    kind = product_kind(text, mention.start, mention.end) or appositive_kind(text, mention.end)
    return kind if kind in DECISIVE else None


def retype_by_wording(records: dict[str, EntityRecord], sentences: list[Sentence],
                      text: str) -> None:
    """Give an unknown record the type its mentions' wording agrees on."""
    votes: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            record = records.get(mention.entity_id or "")
            if record is None or not mention.is_entity:
                continue
            # A known (gazetteer) entity keeps its curated type: the graph stores it under
            # that type, and a fact typed otherwise would break the model's constraints.
            kind = None if record.known else said_kind(text, mention)
            if kind is not None:
                votes.setdefault(record.id, Counter())[kind] += 1
    retyped = {}
    for entity_id, counter in votes.items():
        (kind, _), *rest = counter.most_common()
        if not rest and records[entity_id].type != kind:
            records[entity_id].type = retyped[entity_id] = kind
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.entity_id in retyped:
                mention.type = retyped[mention.entity_id]


def retype_lone_names(records: dict[str, EntityRecord], sentences: list[Sentence]) -> None:
    """News introduces a person by full name; a "person" the article only ever names
    with one word ("Nexperia", "Sogou") is the model misreading an organisation."""
    lone = {r.id for r in records.values()
            if r.type == "Person" and not r.known and r.surfaces
            and all(" " not in s.strip() for s in r.surfaces)}
    for entity_id in lone:
        records[entity_id].type = "Company"
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.entity_id in lone:
                mention.type = "Company"
