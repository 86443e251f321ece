"""The explorer's GraphQL documents against the API's schema and abuse limits.

``explorer/src/queries.ts`` holds every operation as a plain string; each one,
with the fragments it spreads, must pass the real schema's parsing, validation
and limits (depth, aliases, tokens). Execution then fails for want of a
database, which is fine: only errors without a ``path`` come from the checks.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from blocgraph.api.gql.schema import build_schema
from blocgraph.api.settings import ApiSettings
from blocgraph.schema.model import load_model

QUERIES = Path(__file__).resolve().parents[2] / "explorer" / "src" / "queries.ts"
_ENTRY = re.compile(r"^\s*(\w+): `([^`]*)`", re.MULTILINE)
_SPREAD = re.compile(r"\.\.\.([A-Z][A-Za-z]*)")
VARIABLES = {
    "text": "mistral", "types": ["Company"], "first": 5, "after": None, "id": "mistral-ai",
    "type": "Company", "country": "FR", "entity": "mistral-ai", "asOf": None, "hops": 1,
    "from": "mistral-ai", "to": "china", "maxHops": 3, "key": "k", "actor": None,
    "target": "china", "bloc": None, "company": None, "investor": None, "investorBloc": None,
    "minAmount": None, "currency": None, "html": None, "url": None,
}


def variables(name: str) -> dict[str, Any]:
    """The shared variables, with what an operation types differently (``Facts`` takes a
    fact type, participant filters and dates)."""
    if name != "Facts":
        return VARIABLES
    fact = next(f for f in load_model().fact_types if f.date_field is not None)
    field = next(s.name for s in fact.fields if s.is_participant)
    return {**VARIABLES, "type": str(fact.code), "participants": [{"field": field, "id": "china"}],
            "bloc": "eu", "from": "2023", "to": "2025-06", "minAmount": None}


def _entries() -> tuple[dict[str, str], dict[str, str]]:
    source = QUERIES.read_text(encoding="utf-8")
    fragments_part, _, operations_part = source.partition("export const OPERATIONS")
    fragments = dict(_ENTRY.findall(fragments_part))
    operations = dict(_ENTRY.findall(operations_part))
    return fragments, operations


FRAGMENTS, OPERATIONS = _entries()


def document(name: str) -> str:
    """The same assembly as ``documentFor`` in queries.ts."""
    needed: list[str] = []

    def visit(text: str) -> None:
        for fragment in _SPREAD.findall(text):
            if fragment in FRAGMENTS and fragment not in needed:
                needed.append(fragment)
                visit(FRAGMENTS[fragment])

    visit(OPERATIONS[name])
    return "\n".join([OPERATIONS[name], *(FRAGMENTS[f] for f in needed)])


def test_every_operation_and_fragment_was_found() -> None:
    assert {"E", "ES", "S", "F", "FS", "FB"} <= set(FRAGMENTS)
    assert {"Search", "EntityFacts", "Dependency", "Matrix", "Neighbourhood", "Paths",
            "Timeline", "Facts", "Conflicts", "ArticleText", "Ingest"} <= set(OPERATIONS)
    used = {f for name in OPERATIONS for f in _SPREAD.findall(document(name))}
    assert set(FRAGMENTS) <= used, "a fragment no operation uses"


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_passes_schema_and_limits(name: str) -> None:
    schema = build_schema(ApiSettings())
    result = _in_own_loop(lambda: schema.execute(document(name), variable_values=variables(name)))
    refused = [e.message for e in result.errors or [] if not e.path]
    assert refused == [], refused


def _in_own_loop(make: Any) -> Any:
    """Run a coroutine in a fresh thread: Playwright's sync API may own this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()
