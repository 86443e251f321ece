"""The linking index over the reference data: names and aliases to known entities.

Built once per process from ``blocgraph.schema.reference``; the extractor asks it
for EntityRuler patterns, exact and fuzzy look-ups, demonyms and state entities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from blocgraph.ingest.names import normalise, normalise_org
from blocgraph.schema.reference import ReferenceData, load_reference

FUZZY_THRESHOLD = 92.0
SEAT_PREFIX = "seat:"
# Buildings that stand for a government the way capitals do ("the White House said"),
# general knowledge like the capitals in countries.yaml: they are the state, not a body.
SEATS_OF_GOVERNMENT = {
    "White House": "US", "Kremlin": "RU", "Elysee": "FR", "Élysée": "FR",
    "Downing Street": "GB", "Zhongnanhai": "CN", "Kantei": "JP", "Blue House": "KR",
}


@dataclass(frozen=True)
class KnownEntity:
    id: str
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    owner: str | None = None
    developer: str | None = None
    category: str = ""


class Gazetteer:
    """Look-ups by normalised name; the one place that knows the reference layout."""

    def __init__(self, reference: ReferenceData) -> None:
        self.reference = reference
        self.entries: dict[str, KnownEntity] = {}
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._demonyms: dict[str, str] = {}
        self._country_names: dict[str, str] = {}
        self._seats: dict[str, str] = {}
        self._load_countries()
        self._load_entries()
        self._fuzzy_keys = [k for k in self._by_name if len(k) >= 6]

    def _load_countries(self) -> None:
        for country in self.reference.countries.values():
            for word in country.demonyms:
                self._demonyms.setdefault(word.casefold(), country.iso)
            for name in (country.name, *country.aliases):
                self._country_names.setdefault(normalise(name), country.iso)
            for seat in country.seat_aliases:
                self._seats.setdefault(seat, country.gov_id)
        for seat, iso in SEATS_OF_GOVERNMENT.items():
            gov_id = self.government_id(iso)
            if gov_id:
                self._seats.setdefault(seat, gov_id)

    def _load_entries(self) -> None:
        for entry in self.reference.all_entries():
            known = KnownEntity(
                id=entry.id,
                name=entry.name,
                type=entry.type,
                country=entry.country,
                aliases=tuple(entry.aliases),
                owner=entry.owner,
                developer=entry.developer,
                category=entry.category,
            )
            self.entries[known.id] = known
            for name in (known.name, *known.aliases):
                key = normalise_org(name)
                if key and known.id not in self._by_name[key]:
                    self._by_name[key].append(known.id)

    def lookup(self, name: str, type_hint: str | None = None) -> KnownEntity | None:
        ids = self._by_name.get(normalise_org(name), [])
        if not ids:
            return None
        if type_hint:
            for entity_id in ids:
                if self.entries[entity_id].type == type_hint:
                    return self.entries[entity_id]
        return self.entries[ids[0]]

    def fuzzy(self, name: str) -> KnownEntity | None:
        """A near-exact match for spelling variants; short names never match fuzzily."""
        key = normalise_org(name)
        if len(key) < 6:
            return None
        found = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        if found is None:
            return None
        return self.entries[self._by_name[found[0]][0]]

    def demonym_iso(self, word: str) -> str | None:
        return self._demonyms.get(word.casefold())

    def country_iso(self, name: str) -> str | None:
        return self._country_names.get(normalise(name))

    def government_id(self, iso: str) -> str | None:
        country = self.reference.countries.get(iso)
        return country.gov_id if country else None

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Exact-case phrase patterns for every name and alias, and the states' seats."""
        patterns: list[dict[str, Any]] = []
        for known in self.entries.values():
            for name in {known.name, *known.aliases}:
                if name and not name.islower() and name.removeprefix("the ") not in self._seats:
                    patterns.append({"label": known.type, "pattern": name, "id": known.id})
        for seat, gov_id in self._seats.items():
            patterns.append({"label": "Government", "pattern": seat, "id": SEAT_PREFIX + gov_id})
        return patterns


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer(load_reference())
