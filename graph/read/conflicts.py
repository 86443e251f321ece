"""When two sources disagree about one fact's attribute.

The same rule is needed twice: inside the loading query (so the comparison
happens under the fact node's write lock and concurrent loaders cannot miss a
disagreement) and in Python when curation folds one fact into another. Both
come from here so they cannot drift apart.

A difference only counts when both values are given: dates must be
prefix-compatible ("2024" agrees with "2024-05-14"), amounts may differ by up
to 2 % (rounding in the press), any other text compares case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from blocgraph.schema.model import FieldSpec, NodeType

AMOUNT_TOLERANCE = 0.02


# Measured values can contradict each other; free text (a role, "CEO" against "chief
# executive") describes the same fact in other words, or adds to it, so it never conflicts.
CONFLICTING_KINDS = frozenset({"date", "amount", "currency"})


def compared_fields(fact: NodeType) -> list[FieldSpec]:
    """The measured attributes whose values sources can disagree on."""
    return [spec for spec in fact.fields
            if not spec.is_participant and spec.type in CONFLICTING_KINDS]


def values_conflict(kind: str, old: Any, new: Any) -> bool:
    """True when two non-null values of one attribute cannot both be right."""
    if old is None or new is None:
        return False
    if kind == "date":
        a, b = str(old), str(new)
        return not (a.startswith(b) or b.startswith(a))
    if kind == "amount":
        try:
            x, y = float(old), float(new)
        except (TypeError, ValueError):
            return str(old) != str(new)
        return abs(x - y) > AMOUNT_TOLERANCE * max(abs(x), abs(y))
    return str(old).strip().casefold() != str(new).strip().casefold()


def conflicting_attributes(
    fields: Iterable[FieldSpec], old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[str]:
    """Names of the attributes on which ``new`` contradicts ``old``."""
    return [s.name for s in fields if values_conflict(s.type, old.get(s.name), new.get(s.name))]


def clash_expression(kind: str, old: str, new: str, name: str) -> str:
    """A Cypher expression that is ``name`` (a string literal) when ``old`` and ``new`` clash.

    ``old``/``new`` are Cypher expressions; ``name`` must already be a safe identifier.
    """
    if kind == "date":
        differs = f"NOT ({old} STARTS WITH {new} OR {new} STARTS WITH {old})"
    elif kind == "amount":
        bigger = f"CASE WHEN abs({old}) > abs({new}) THEN abs({old}) ELSE abs({new}) END"
        differs = f"abs({old} - {new}) > {AMOUNT_TOLERANCE} * {bigger}"
    else:
        differs = f"toLower(trim({old})) <> toLower(trim({new}))"
    return f"CASE WHEN {old} IS NOT NULL AND {new} IS NOT NULL AND {differs} THEN '{name}' END"
