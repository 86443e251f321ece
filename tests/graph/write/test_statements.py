"""The query builders: labels from the model, values only as parameters (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocgraph.errors import ModelError
from blocgraph.graph.read.conflicts import clash_expression, conflicting_attributes, values_conflict
from blocgraph.graph.store.schema_apply import schema_statements, statement_name
from blocgraph.graph.write import statements
from blocgraph.graph.write.writer import batch_queries
from blocgraph.schema.model import load_model
from blocgraph.schema.reference import load_reference
from tests.graph.loading import fact, record

MODEL = load_model()


def test_ident_refuses_anything_but_plain_names() -> None:
    assert statements.ident("FundingRound") == "FundingRound"
    for bad in ("Company) DETACH DELETE (n", "a b", "x`y", "", "1abc"):
        with pytest.raises(ModelError):
            statements.ident(bad)


def test_entity_merge_puts_values_in_parameters_only() -> None:
    rows = [{"id": "evil'}) DETACH DELETE n //", "name": "X", "aliases": [], "country": None,
             "description": None, "known": False}]
    query, params = statements.merge_entities(MODEL, "Company", rows)
    assert query.startswith("UNWIND $rows AS row MERGE (e:Entity {id: row.id})")
    assert "ON CREATE SET e:Company" in query
    assert "evil" not in query
    assert params == {"rows": rows}


def test_reference_entities_fix_the_type_label() -> None:
    query, _ = statements.merge_reference_entities(MODEL, "Investor", [])
    assert "SET e:Investor" in query
    remove = query.split("REMOVE ", 1)[1].split(" ", 1)[0]
    assert ":Company:" in remove and "Investor" not in remove


def test_fact_merge_uses_model_labels_and_compares_measured_fields() -> None:
    query, _ = statements.merge_facts(MODEL, "FUNDING_ROUND", [])
    assert "MERGE (f:Fact:FundingRound {key: row.key})" in query
    for name in ("amount", "currency", "date", "valuation"):
        assert f"THEN '{name}'" in query
    assert "THEN 'round'" not in query  # free text describes, it does not contradict
    assert "'company'" not in query  # participants are edges, not compared values
    role, _ = statements.merge_facts(MODEL, "ROLE", [])
    assert "THEN 'role'" not in role
    # Retraction is only ever initialised, never overwritten by a load.
    assert query.count("retracted") == 1 and "ON CREATE SET" in query


def test_fact_without_scalar_fields_still_locks_and_releases() -> None:
    query, _ = statements.merge_facts(MODEL, "DEVELOPS", [])
    assert "MERGE (f:Fact:Develops" in query
    assert "ON MATCH SET f._lock = true" in query and query.endswith("REMOVE f._lock")
    assert "clash" not in query


def test_participant_edges_follow_the_model() -> None:
    lead_query, _ = statements.merge_participants(MODEL, "FUNDING_ROUND", "INVESTOR", [])
    assert "MERGE (f)-[r:INVESTOR]->(e)" in lead_query
    assert "r.lead = r.lead OR row.flag" in lead_query
    plain, _ = statements.merge_participants(MODEL, "INVESTMENT", "INVESTOR", [])
    assert "lead" not in plain
    country, _ = statements.merge_participants(MODEL, "HEADQUARTERS", "IN_COUNTRY", [])
    assert "MERGE (e:Country {iso: row.id})" in country
    with pytest.raises(ModelError):
        statements.merge_participants(MODEL, "BAN", "INVESTOR", [])


@pytest.mark.parametrize(
    ("kind", "old", "new", "clash"),
    [
        ("date", "2024", "2024-05-14", False),
        ("date", "2024-05", "2024-06", True),
        ("date", "2019", "2024", True),
        ("amount", 100.0, 101.9, False),
        ("amount", 100.0, 103.0, True),
        ("amount", 0, 0, False),
        ("currency", "USD", "usd", False),
        ("string", "Series B", "Series C", True),
        ("string", None, "Series C", False),
    ],
)
def test_value_comparison(kind: str, old: object, new: object, clash: bool) -> None:
    assert values_conflict(kind, old, new) is clash


def test_conflicting_attributes_names_each_disagreement() -> None:
    fields = MODEL.fact_type("INVESTMENT").fields
    old = {"amount": 1e9, "currency": "USD", "date": "2023"}
    new = {"amount": 2e9, "currency": "EUR", "date": "2023-01"}
    assert conflicting_attributes(fields, old, new) == ["amount", "currency"]


def test_clash_expression_is_parameter_free_cypher() -> None:
    text = clash_expression("amount", "f.amount", "row.props.amount", "amount")
    assert text.startswith("CASE WHEN f.amount IS NOT NULL AND row.props.amount IS NOT NULL")
    assert text.endswith("THEN 'amount' END")


def test_batch_queries_write_in_lock_order() -> None:
    from blocgraph.graph.write.rows import Context, prepare_record

    ctx = Context(MODEL, frozenset(e.id for e in load_reference().all_entries()))
    rec = record("a-1", [("mistral-ai", "Mistral AI", "Company"), ("microsoft", "Microsoft",
                                                                   "Company")],
                 [fact("INVESTMENT", investor="microsoft", company="mistral-ai"),
                  fact("HEADQUARTERS", org="mistral-ai", country="FR")])
    queries = batch_queries(MODEL, [prepare_record(rec, ctx)])
    texts = [q for q, _ in queries]
    assert texts[0].startswith("UNWIND $rows AS row MERGE (a:Article")
    assert "e:Company" in texts[1]
    fact_positions = [i for i, q in enumerate(texts) if "MERGE (f:Fact" in q]
    edge_positions = [i for i, q in enumerate(texts) if "MERGE (f)-[r:" in q]
    assert max(fact_positions) < min(edge_positions)
    assert "SUPPORTED_BY" in texts[-2] and "DETACH DELETE f" in texts[-1]
    entity_rows = queries[1][1]["rows"]
    assert [r["id"] for r in entity_rows] == ["microsoft", "mistral-ai"]  # sorted: lock order


def test_schema_statements_are_read_from_the_generated_file(tmp_path: Path) -> None:
    statements = schema_statements()
    names = [statement_name(s) for s in statements]
    assert "entity_id_unique" in names and "fact_key_unique" in names
    assert len(names) == len(set(names))
    custom = tmp_path / "c.cypher"
    custom.write_text("// comment\nCREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b);\n")
    assert schema_statements(custom) == ["CREATE INDEX x IF NOT EXISTS FOR (n:A) ON (n.b)"]
    with pytest.raises(ModelError):
        statement_name("MATCH (n) RETURN n")
