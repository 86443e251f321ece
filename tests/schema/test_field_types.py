"""The field-type registry: cleaning, comparing, and the Cypher check against real Neo4j.

The Cypher predicates are evaluated by Neo4j itself (over a row value typed at run
time, as a loader's is), and the generated value checks run against the dev graph
the real extractor and loader build, so the model, the registry and what the loader
stores cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from blocgraph.graph.store.settings import Settings
from blocgraph.schema.constraints import value_checks
from blocgraph.schema.field_types import (
    FACT_FIELD_TYPES,
    PROPERTY_TYPES,
    REGISTRY,
    field_type,
)
from blocgraph.schema.model import load_model
from blocgraph.schema.vocabulary import KINDS, all_columns, link_specs
from tests.graph.dev_corpus import ensure_dev_graph

# (type, raw value, cleaned value)
GOOD = [
    ("id", " mistral-ai ", "mistral-ai"),
    ("string", "  Series B ", "Series B"),
    ("entity", "openai", "openai"),
    ("country", " fr", "FR"),
    ("currency", "usd", "USD"),
    ("amount", "1.5e9", 1.5e9),
    ("amount", 600_000_000, 600_000_000.0),
    ("float", 0.75, 0.75),
    ("integer", 12.0, 12),
    ("boolean", True, True),
    ("date", "2024", "2024"),
    ("date", "2024-06", "2024-06"),
    ("date", " 2024-06-11", "2024-06-11"),
    ("datetime", "2024-06-11T09:30:00+00:00", "2024-06-11T09:30:00+00:00"),
    ("datetime", "2024-06-11T09:30:00.25Z", "2024-06-11T09:30:00.25Z"),
]
BAD = [
    ("id", 42),
    ("id", "   "),
    ("string", None),
    ("country", "FRA"),
    ("country", "F1"),
    ("currency", "dollars"),
    ("amount", "a lot"),
    ("amount", float("nan")),
    ("amount", True),
    ("float", "inf"),
    ("integer", 1.5),
    ("boolean", "yes"),
    ("date", "June 2024"),
    ("date", "2024-6"),
    ("datetime", "2024-06-11"),
]


@pytest.mark.parametrize(("name", "raw", "cleaned"), GOOD)
def test_clean_normalises(name: str, raw: Any, cleaned: Any) -> None:
    assert field_type(name).clean(raw) == cleaned


@pytest.mark.parametrize(("name", "raw"), BAD)
def test_clean_rejects_naming_the_value(name: str, raw: Any) -> None:
    with pytest.raises(ValueError) as caught:
        field_type(name).clean(raw)
    assert repr(raw) in str(caught.value)


def test_amounts_are_the_same_within_two_percent() -> None:
    same = field_type("amount").same
    assert same(100.0, 101.9)
    assert same(101.9, 100.0)
    assert not same(100.0, 103.0)
    assert same(None, None)
    assert not same(None, 100.0)
    assert not same(100.0, None)
    assert same(0.0, 0.0)
    # Only amounts are tolerant: a float property compares exactly.
    assert not field_type("float").same(100.0, 101.0)


def test_codes_are_compared_upper_case() -> None:
    for name in ("country", "currency"):
        same = field_type(name).same
        assert same("usd" if name == "currency" else "fr", "USD" if name == "currency" else "FR")
    assert field_type("currency").same(" eur", "EUR")
    assert not field_type("currency").same("EUR", "USD")
    assert not field_type("string").same("Series a", "Series A")


def test_unknown_type_names_itself() -> None:
    with pytest.raises(KeyError, match="'money'"):
        field_type("money")


def test_every_type_the_model_uses_is_registered() -> None:
    model = load_model()
    used = {f.type for t in model.types.values() for f in t.fields}
    used |= {p.type for t in model.types.values() for p in t.properties}
    used |= {p.type for t in model.types.values() for e in t.edges for p in e.properties}
    assert used <= set(REGISTRY)
    assert set(REGISTRY) >= FACT_FIELD_TYPES
    assert set(REGISTRY) >= PROPERTY_TYPES


def test_every_export_column_type_is_registered() -> None:
    """Exports, the ontology and the shapes look column types up in the registry."""
    model = load_model()
    types = {c.type for _, columns in all_columns(model) for c in columns}
    types |= {c.type for kind in KINDS for link in link_specs(model, kind) for c in link.columns}
    assert types <= set(REGISTRY), types - set(REGISTRY)
    assert {t.export for t in REGISTRY.values()} <= set(REGISTRY)


def test_participants_are_the_edge_types() -> None:
    model = load_model()
    for fact in model.fact_types:
        for spec in fact.fields:
            assert field_type(spec.type).participant == spec.is_participant


def test_partial_dates_take_one_of_three_datatypes() -> None:
    assert field_type("date").xsd_datatypes == ("xsd:gYear", "xsd:gYearMonth", "xsd:date")
    assert field_type("amount").xsd_datatypes == ("xsd:double",)


# --- the Cypher check, evaluated by Neo4j -----------------------------------------------------

STORED_GOOD = [(name, cleaned) for name, _, cleaned in GOOD]
STORED_BAD = [
    ("string", 3), ("id", ["a"]), ("country", "fr"), ("country", "FRA"), ("currency", 978),
    ("amount", 600_000_000), ("amount", "1e9"), ("float", True), ("integer", 1.0),
    ("boolean", "true"), ("date", "2024-6"), ("date", 2024), ("datetime", "2024-06-11"),
]


def _holds(driver: neo4j.Driver, predicate: str, value: Any) -> bool:
    """The predicate over ``row.v``, a value typed at run time, as a loader's row is."""
    records, _, _ = driver.execute_query(f"WITH $row AS row RETURN {predicate} AS ok",
                                         row={"v": value})
    ok = records[0]["ok"]
    assert isinstance(ok, bool), f"{predicate} gave {ok!r}, not a boolean"
    return ok


@pytest.mark.neo4j
def test_cypher_predicate_accepts_what_clean_gives(neo4j_driver: neo4j.Driver) -> None:
    for name, value in STORED_GOOD:
        kind = field_type(name)
        assert _holds(neo4j_driver, kind.cypher("row.v"), value), (name, value)
        assert _holds(neo4j_driver, kind.cypher("row.v", required=True), value), (name, value)
        assert _holds(neo4j_driver, kind.cypher("row.v", many=True), [value, value]), (name, value)
        assert _holds(neo4j_driver, kind.cypher("row.v"), None), name
        assert not _holds(neo4j_driver, kind.cypher("row.v", required=True), None), name


@pytest.mark.neo4j
def test_cypher_predicate_rejects_other_stored_values(neo4j_driver: neo4j.Driver) -> None:
    for name, value in STORED_BAD:
        kind = field_type(name)
        assert not _holds(neo4j_driver, kind.cypher("row.v"), value), (name, value)
        assert not _holds(neo4j_driver, kind.cypher("row.v", many=True), [value]), (name, value)
        if not isinstance(value, list):  # a single value where a list belongs
            assert not _holds(neo4j_driver, kind.cypher("row.v", many=True), value), (name, value)


@pytest.mark.neo4j
def test_value_checks_find_bad_values(clean_db: neo4j.Driver) -> None:
    """A hand-broken fact: a text amount, a lower-case currency, a participant of no type."""
    model = load_model()
    fact = next(f for f in model.fact_types
                if {"amount", "currency"} <= {s.name for s in f.fields})
    participant = next(s for s in fact.fields if s.is_participant and s.required)
    clean_db.execute_query(
        f"CREATE (f:Fact:`{fact.label}` {{key: 'k1', type: $code, amount: '12 million', "
        f"currency: 'usd', date: '2024-06'}})-[:`{participant.edge}`]->(:Stray {{id: 'x'}})",
        code=fact.code)
    broken = {(c.owner, c.field): c for c in value_checks(model)}
    found = {}
    for (owner, name), check in broken.items():
        rows, _, _ = clean_db.execute_query(check.query)
        if rows:
            found[(owner, name)] = [(r["key"], r["value"]) for r in rows]
    assert found == {
        (fact.label, "amount"): [("k1", "12 million")],
        (fact.label, "currency"): [("k1", "usd")],
        (fact.label, participant.name): [("k1", ["x"])],
    } | {(fact.label, s.name): [("k1", [])] for s in fact.fields
         if s.is_participant and s.required and s.name != participant.name}


@pytest.mark.neo4j
def test_dev_graph_values_fit_their_types(neo4j_driver: neo4j.Driver,
                                          neo4j_settings: Settings) -> None:
    """Every stored fact field and property of the dev corpus passes its generated check."""
    driver = ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    failures = {}
    checks = value_checks(load_model())
    assert len(checks) >= sum(len(f.fields) for f in load_model().fact_types)
    for check in checks:
        rows, _, _ = driver.execute_query(check.query, database_=neo4j_settings.database)
        if rows:
            failures[f"{check.owner}.{check.field} ({check.type})"] = [
                (r["key"], r["value"]) for r in rows[:3]]
    assert failures == {}
