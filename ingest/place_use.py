"""Places that are also governments: when "Hong Kong" or "California" is only a place.

A city-state or territory (a state with no separate capital) and a region with its
own government are named far more often as places ("moved to California", "Hong
Kong time", "a Hong Kong listing") than as actors ("California passed a law").
Countries stay governments however they are named (the corpus convention); these
names become a Government only where the sentence uses them as an actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from blocgraph.ingest.gazetteer import Gazetteer

PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|to|from|across|into|outside|throughout|around|via)|[(,])\s+$"
)
# "Hong Kong, Tuesday", "Hong Kong time", "California-based": a dateline or a modifier.
PLACE_AFTER = re.compile(
    r"^(?:,\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d)"
    r"|\s+(?:time|listing|stock|office|offices|campus|branch|court|courts)\b|-based\b|\))"
)
COUNTING_WORDS = frozenset({"a", "an", "two", "three", "four", "five", "several", "some",
                            "many", "most", "other", "local"})


def place_like(gazetteer: Gazetteer, entity_id: str, name: str) -> bool:
    """A territory without its own capital, or a government named like a city or region."""
    known = gazetteer.entries.get(entity_id)
    if known is None or known.type != "Government":
        return False
    country = gazetteer.reference.countries.get(known.country or "")
    if country is not None and country.gov_id == entity_id:
        return country.capital is None
    from blocgraph.schema.places import load_places

    place = load_places().lookup(name)
    return place is not None and place.kind in ("city", "region")


def used_as_place(text: str, start: int, end: int) -> bool:
    """The words around the name make it a location, not an actor."""
    return bool(PLACE_BEFORE.search(text[max(0, start - 20) : start])
                or PLACE_AFTER.match(text[end : end + 20]))


def attributive_place(ent: Span) -> bool:
    """"two Seoul brokerages", "a Tokyo court": a counted noun the place only locates."""
    if ent.start == 0 or ent.end >= len(ent.doc):
        return False
    before, after = ent.doc[ent.start - 1], ent.doc[ent.end]
    counted = before.lower_ in COUNTING_WORDS or before.pos_ == "NUM"
    return counted and after.pos_ == "NOUN" and after.text.islower()
