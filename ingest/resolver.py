"""Entity resolution within one article, against the gazetteer.

A mention becomes an entity id by, in order: the gazetteer ruler's id, an exact
alias look-up (case, punctuation and legal suffixes normalised), a fuzzy look-up,
a short form of an entity already named in the article ("Mensch" for "Arthur
Mensch", "Zhipu" for "Zhipu AI"), else a new stable slug. Descriptive references
("the lab", "its", "the Heidelberg-based company") take the most salient
compatible entity named just before them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mentions import Mention, Sentence
from blocgraph.ingest.names import normalise, normalise_org, slug

ORG_TYPES = frozenset({"Company", "Investor", "Organization"})
ACTOR_TYPES = ORG_TYPES | {"Government"}
NOUN_TYPES: dict[str, frozenset[str]] = {
    "company": ORG_TYPES, "startup": frozenset({"Company"}), "start-up": frozenset({"Company"}),
    "lab": frozenset({"Company", "Organization"}), "laboratory": frozenset({"Company"}),
    "group": frozenset({"Company", "Investor"}), "firm": ORG_TYPES,
    "chipmaker": frozenset({"Company"}), "developer": frozenset({"Company"}),
    "maker": frozenset({"Company"}), "provider": frozenset({"Company"}),
    "giant": frozenset({"Company"}), "supplier": frozenset({"Company"}),
    "fund": frozenset({"Investor"}), "investor": frozenset({"Investor"}),
    "venture": frozenset({"Investor", "Company"}), "bank": frozenset({"Investor", "Company"}),
    "authority": frozenset({"Government"}), "regulator": frozenset({"Government"}),
    "executive": frozenset({"Government"}), "agency": frozenset({"Government"}),
    "ministry": frozenset({"Government"}), "commission": frozenset({"Government"}),
    "government": frozenset({"Government"}), "administration": frozenset({"Government"}),
    "state": frozenset({"Government"}), "its": ACTOR_TYPES, "it": ACTOR_TYPES,
}
WINDOW = 3


@dataclass
class EntityRecord:
    id: str
    name: str
    type: str
    country: str | None
    known: bool
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0


class ArticleResolver:
    """Resolves every mention of one article; holds the article's entity table."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.records: dict[str, EntityRecord] = {}
        self._subjects: dict[int, str] = {}
        self._history: list[tuple[int, int, str]] = []

    def resolve(self, sentences: list[Sentence]) -> dict[str, EntityRecord]:
        for sentence in sentences:
            for mention in sentence.mentions:
                if mention.is_entity:
                    self._resolve_name(mention)
            for mention in sentence.mentions:
                if mention.type == "Descriptor":
                    self._resolve_descriptor(mention, sentence)
        return self.records

    def _resolve_name(self, mention: Mention) -> None:
        record = self._record_for(mention)
        record.mentions += 1
        if mention.text != record.name and normalise(mention.text) != normalise(record.name):
            record.aliases.add(mention.text)
        mention.entity_id = record.id
        mention.type = record.type
        self._history.append((mention.sent, mention.start, record.id))
        self._subjects.setdefault(mention.sent, record.id)

    def _record_for(self, mention: Mention) -> EntityRecord:
        if mention.entity_id and mention.entity_id in self.records:
            return self.records[mention.entity_id]
        known = None
        if mention.entity_id:
            known = self.gazetteer.entries.get(mention.entity_id)
        known = known or self.gazetteer.lookup(mention.text, mention.type)
        local = None if known else self._local_match(mention)
        if local is not None:
            return local
        if known is None and mention.type != "Person":
            known = self.gazetteer.fuzzy(mention.text)
        if known is not None:
            if known.id not in self.records:
                self.records[known.id] = EntityRecord(
                    known.id, known.name, known.type, known.country, known=True
                )
            return self.records[known.id]
        return self._new_record(mention)

    def _local_match(self, mention: Mention) -> EntityRecord | None:
        """A short form of an entity the article already named."""
        key = normalise_org(mention.text)
        for record in self.records.values():
            full = normalise_org(record.name)
            if key == full:
                return record
            if record.type == "Person" and mention.type == "Person":
                parts = full.split()
                if len(parts) > 1 and key in (parts[-1], parts[0]):
                    return record
            elif record.type in ORG_TYPES and full.startswith(key + " ") and len(key) > 2:
                return record
        return None

    def _new_record(self, mention: Mention) -> EntityRecord:
        entity_id = slug(mention.text)
        clash = self.gazetteer.entries.get(entity_id) or self.records.get(entity_id)
        if clash is not None and clash.type != mention.type:
            entity_id = f"{entity_id}-{mention.type.lower()}"
        record = self.records.get(entity_id)
        if record is None:
            record = EntityRecord(entity_id, mention.text, mention.type, None, known=False)
            self.records[entity_id] = record
        return record

    def _resolve_descriptor(self, mention: Mention, sentence: Sentence) -> None:
        allowed = NOUN_TYPES.get(mention.cue or "", ACTOR_TYPES)
        target = self._appositive(mention, sentence, allowed) or self._named_next(
            mention, sentence, allowed
        )
        if target is None and mention.attrs.get("det") not in ("a", "an"):
            target = self._state_from_demonym(mention) or self._salient(mention, allowed)
        if target is None:
            return
        record = self.records[target]
        mention.entity_id = record.id
        mention.type = record.type
        if mention.cue != "its" and mention.attrs.get("det") == "the":
            record.aliases.add(mention.text[0].lower() + mention.text[1:])

    def _appositive(
        self, mention: Mention, sentence: Sentence, allowed: frozenset[str]
    ) -> str | None:
        """"Aleph Alpha, the Heidelberg-based company": the name just before the comma."""
        previous = [m for m in sentence.mentions if m.end <= mention.start and m.entity_id]
        if not previous:
            return None
        last = previous[-1]
        gap = sentence.text[last.end - sentence.start : mention.start - sentence.start]
        if gap.strip() in (",", "(", "—", "-", "–") and last.type in allowed:
            return last.entity_id
        return None

    def _named_next(
        self, mention: Mention, sentence: Sentence, allowed: frozenset[str]
    ) -> str | None:
        """"the American company OpenAI": the name right after the description."""
        if mention.cue in ("its", "it"):
            return None
        following = [m for m in sentence.mentions if m.start >= mention.end and m.entity_id]
        if not following:
            return None
        first = following[0]
        gap = sentence.text[mention.end - sentence.start : first.start - sentence.start]
        if gap.strip() in ("", ",") and first.type in allowed:
            return first.entity_id
        return None

    def _state_from_demonym(self, mention: Mention) -> str | None:
        if mention.cue not in ("government", "state", "administration"):
            return None
        for word in str(mention.attrs.get("mods", "")).split():
            iso = self.gazetteer.demonym_iso(word)
            gov = self.gazetteer.government_id(iso) if iso else None
            if gov:
                self._ensure_government(gov)
                return gov
        governments = [r for r in self.records.values() if r.type == "Government"]
        if not governments:
            return None
        return max(governments, key=lambda r: r.mentions).id

    def _ensure_government(self, gov_id: str) -> None:
        if gov_id not in self.records:
            known = self.gazetteer.entries[gov_id]
            self.records[gov_id] = EntityRecord(gov_id, known.name, known.type, known.country,
                                                known=True)

    def _salient(self, mention: Mention, allowed: frozenset[str]) -> str | None:
        """The compatible entity most mentioned lately, favouring sentence subjects."""
        scores: Counter[str] = Counter()
        for sent, start, entity_id in self._history:
            if mention.sent - sent > WINDOW or self.records[entity_id].type not in allowed:
                continue
            if sent == mention.sent and start >= mention.start and mention.end > 0:
                continue
            scores[entity_id] += 1 + (sent == mention.sent) * 0.5
            if self._subjects.get(sent) == entity_id:
                scores[entity_id] += 2
        if not scores:
            return None
        return scores.most_common(1)[0][0]
