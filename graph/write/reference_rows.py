"""The reference data (countries, blocs, gazetteer) as load rows.

Gazetteer ``owner`` links become ordinary ownership facts (the ``ownership``
relation declared in ``graph/analytics/channels.yaml``, which scoring follows) in
a load record whose article is the Reference node, so they go through the same
validation, keys and conflict rules as extracted facts and readers need no
special case.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.graph.write.statements import REFERENCE_ID
from blocgraph.schema.reference import GazetteerEntry, ReferenceData

REFERENCE_SOURCE = "schema/reference"
REFERENCE_TITLE = "BlocGraph reference data"
REFERENCE_EXTRACTOR = "reference"


def reference_hash(ref: ReferenceData) -> str:
    """A digest of the data itself, so an edited YAML file is noticed and reloaded."""
    canonical = {
        "countries": [dataclasses.asdict(c) for c in ref.countries.values()],
        "blocs": [{"id": b.id, "name": b.name, "members": sorted(b.members)}
                  for b in ref.blocs.values()],
        "entries": [dataclasses.asdict(e) for e in ref.all_entries()],
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reference_ids(ref: ReferenceData) -> frozenset[str]:
    return frozenset(entry.id for entry in ref.all_entries())


def bloc_rows(ref: ReferenceData) -> list[dict[str, Any]]:
    return [{"id": b.id, "name": b.name} for b in sorted(ref.blocs.values(), key=lambda b: b.id)]


def country_rows(ref: ReferenceData) -> list[dict[str, Any]]:
    return [{"iso": c.iso, "name": c.name, "bloc": ref.bloc_of(c.iso)}
            for c in sorted(ref.countries.values(), key=lambda c: c.iso)]


def entity_row(entry: GazetteerEntry) -> dict[str, Any]:
    """Seat aliases ("Washington") stay out: they name the state only in state contexts."""
    aliases = [a for a in dict.fromkeys(entry.aliases) if a != entry.name]
    return {"id": entry.id, "name": entry.name, "aliases": aliases, "country": entry.country,
            "description": entry.description or None}


def ownership_record(ref: ReferenceData, content_hash: str) -> dict[str, Any]:
    """A load record for every ``owner`` link, supported by the Reference article."""
    facts = [_ownership_fact(entry) for entry in ref.all_entries() if entry.owner]
    return {
        "article": {"id": REFERENCE_ID, "source": REFERENCE_SOURCE, "title": REFERENCE_TITLE,
                    "url": None, "published": None, "outlet": None, "text": None,
                    "content_hash": content_hash},
        "entities": [],
        "facts": facts,
        "extractor": REFERENCE_EXTRACTOR,
    }


def _ownership_fact(entry: GazetteerEntry) -> dict[str, Any]:
    text = f"{entry.source or 'gazetteer'}: entry {entry.id!r} has owner {entry.owner!r}"
    ownership = channel_spec().ownership
    return {"type": ownership.fact, ownership.owner.name: entry.owner,
            ownership.owned.name: entry.id,
            "evidence": [{"start": 0, "end": 0, "text": text}], "confidence": 1.0}
