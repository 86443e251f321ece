"""Reference data in the graph: geography, gazetteer entities, owner facts; idempotent."""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import GraphWriter
from blocgraph.schema.reference import load_reference
from tests.graph.loading import counts, duplicate_relationships, new_writer, record, snapshot

pytestmark = pytest.mark.neo4j

REF = load_reference()


@pytest.fixture
def writer(clean_db: neo4j.Driver, neo4j_settings: Settings) -> GraphWriter:
    return new_writer(clean_db, neo4j_settings.database)


def _value(driver: neo4j.Driver, query: str) -> object:
    return driver.execute_query(query).records[0][0]


def test_reference_load_is_complete(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    assert not writer.reference_loaded()
    stats = writer.load_reference()
    assert writer.reference_loaded()
    entries = REF.all_entries()
    owned = [e for e in entries if e.owner]
    assert (stats.entities, stats.facts, stats.failed) == (len(entries), len(owned), 0)
    assert _value(clean_db, "MATCH (c:Country) RETURN count(c)") == len(REF.countries)
    assert _value(clean_db, "MATCH (b:Bloc) RETURN count(b)") == len(REF.blocs)
    assert _value(clean_db, "MATCH (:Country)-[m:MEMBER_OF]->(:Bloc) RETURN count(m)") == len(
        REF.countries)
    assert _value(clean_db, "MATCH (e:Entity) RETURN count(e)") == len(entries)
    assert _value(clean_db, "MATCH (e:Entity) WHERE NOT e.known RETURN count(e)") == 0
    located = [e for e in entries if e.country]
    assert _value(clean_db, "MATCH (:Entity)-[r:IN_COUNTRY {via: 'reference'}]->(:Country) "
                            "RETURN count(r)") == len(located)
    assert _value(clean_db, "MATCH (f:Fact:Ownership)-[:SUPPORTED_BY]->(:Article:Reference) "
                            "RETURN count(f)") == len(owned)


def test_governments_and_blocs_line_up(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    writer.load_reference()
    row = clean_db.execute_query(
        "MATCH (g:Entity:Government {id: 'france'})-[:IN_COUNTRY]->(c:Country)-[:MEMBER_OF]->"
        "(b:Bloc) RETURN g.name AS name, c.iso AS iso, b.id AS bloc, g.aliases AS aliases"
    ).records[0]
    assert (row["name"], row["iso"], row["bloc"]) == ("France", "FR", "eu")
    assert "French government" in row["aliases"]
    assert _value(clean_db, "MATCH (:Country {iso: 'EU'})-[:MEMBER_OF]->(b) RETURN b.id") == "eu"


def test_owner_fact_names_its_gazetteer_entry(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    writer.load_reference()
    row = clean_db.execute_query(
        "MATCH (o:Entity {id: 'google'})<-[:OWNED]-(f:Ownership)-[:OWNER]->(p:Entity), "
        "(f)-[s:SUPPORTED_BY]->(a:Reference) RETURN p.id AS owner, s.text AS text, "
        "s.extractor AS extractor, a.title AS title, a.source AS source"
    ).records[0]
    assert row["owner"] == "alphabet" and row["extractor"] == "reference"
    assert "gazetteer/big_tech.yaml" in row["text"] and "'google'" in row["text"]
    assert (row["title"], row["source"]) == ("BlocGraph reference data", "schema/reference")


def test_reference_load_twice_changes_nothing(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    writer.load_reference()
    before, state = counts(clean_db), snapshot(clean_db)
    writer.load_reference()
    assert counts(clean_db) == before and snapshot(clean_db) == state
    assert duplicate_relationships(clean_db) == []


def test_reference_corrects_an_entity_extracted_earlier(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load([record("a-1", [("mistral-ai", "Mistral", "Organization")], [])])
    writer.load_reference()
    row = clean_db.execute_query(
        "MATCH (e:Entity {id: 'mistral-ai'}) RETURN labels(e) AS labels, e.name AS name, "
        "e.aliases AS aliases, e.country AS country, e.known AS known").records[0]
    assert sorted(row["labels"]) == ["Company", "Entity"]
    assert (row["name"], row["country"], row["known"]) == ("Mistral AI", "FR", True)
    assert "Mistral" in row["aliases"]
