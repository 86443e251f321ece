"""The generated constraints against the real Neo4j: applied twice, then enforced."""

from __future__ import annotations

import neo4j
import pytest
from neo4j.exceptions import ConstraintError

from blocgraph.schema.constraints import constraint_statements
from blocgraph.schema.model import load_model

pytestmark = pytest.mark.neo4j


def _apply(driver: neo4j.Driver) -> None:
    for statement in constraint_statements(load_model()):
        driver.execute_query(statement)


def test_constraints_apply_twice_and_a_node_round_trips(clean_db: neo4j.Driver) -> None:
    _apply(clean_db)
    _apply(clean_db)
    records, _, _ = clean_db.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
    assert records[0]["n"] >= len([t for t in load_model().types.values() if t.key])
    clean_db.execute_query(
        "MERGE (e:Entity:Company {id: $id}) SET e.name = $name, e.aliases = $aliases",
        id="mistral-ai", name="Mistral AI", aliases=["Mistral"],
    )
    records, _, _ = clean_db.execute_query(
        "MATCH (e:Company {id: $id}) RETURN e.name AS name, e.aliases AS aliases", id="mistral-ai"
    )
    assert records[0]["name"] == "Mistral AI"
    assert records[0]["aliases"] == ["Mistral"]
    with pytest.raises(ConstraintError):
        clean_db.execute_query("CREATE (:Entity:Company {id: 'mistral-ai'})")


def test_fulltext_index_finds_aliases(clean_db: neo4j.Driver) -> None:
    _apply(clean_db)
    clean_db.execute_query("CALL db.awaitIndexes(60)")
    clean_db.execute_query(
        "CREATE (:Entity:Investor {id: 'andreessen-horowitz', name: 'Andreessen Horowitz', "
        "aliases: ['a16z']})"
    )
    records, _, _ = clean_db.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id",
        q="a16z",
    )
    assert [r["id"] for r in records] == ["andreessen-horowitz"]
