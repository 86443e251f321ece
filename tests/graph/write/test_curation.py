"""Curation against the real Neo4j: merges, retractions, their audit trail, later loads."""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.api.cli import main
from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write import curation
from blocgraph.graph.write.writer import GraphWriter
from blocgraph.schema.model import load_model
from tests.graph.loading import counts, duplicate_relationships, fact, new_writer, record, snapshot

pytestmark = pytest.mark.neo4j

MODEL = load_model()
PEOPLE = [("acme", "Acme", "Company"), ("acme-corp", "Acme Corp", "Company"),
          ("vc", "VC Partners", "Investor"), ("jane", "Jane Doe", "Person")]


@pytest.fixture
def writer(clean_db: neo4j.Driver, neo4j_settings: Settings) -> GraphWriter:
    return new_writer(clean_db, neo4j_settings.database)


def _records() -> list[dict[str, object]]:
    """Two articles naming one company two ways: the same investment twice, and a role."""
    return [
        record("a-1", PEOPLE, [fact("INVESTMENT", investor="vc", company="acme", date="2024",
                                    amount=5e6, currency="USD"),
                               fact("ROLE", person="jane", org="acme", role="CEO")]),
        record("a-2", PEOPLE, [fact("INVESTMENT", investor="vc", company="acme-corp",
                                    date="2024-05", amount=9e6, currency="USD"),
                               fact("FUNDING_ROUND", company="vc", round="Fund I",
                                    investors=["acme-corp"], lead_investors=["acme-corp"])]),
    ]


def _rows(driver: neo4j.Driver, query: str, **params: object) -> list[dict[str, object]]:
    return [dict(r) for r in driver.execute_query(query, params).records]


def test_merge_moves_rekeys_and_folds_facts(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    writer.load(_records())
    result = curation.merge_entities(clean_db, "acme", "acme-corp", "tester", "same company")
    assert (result.moved, result.folded) == (1, 1)
    investment = _rows(clean_db, "MATCH (f:Investment) RETURN f.key AS key, f.conflicts AS c, "
                                 "COUNT { (f)-[:SUPPORTED_BY]->() } AS sources")
    key = MODEL.fact_key("INVESTMENT", {"investor": "vc", "company": "acme", "date": "2024"})
    assert investment == [{"key": key, "c": ["amount"], "sources": 2}]
    lead = _rows(clean_db, "MATCH (:FundingRound)-[r:INVESTOR]->(e) RETURN e.id AS id, "
                           "r.lead AS lead")
    assert lead == [{"id": "acme", "lead": True}]  # a non-key participant simply moves
    assert _rows(clean_db, "MATCH (f:Fact)-[r]->(:Entity {id: 'acme-corp'}) RETURN f") == []
    merged = _rows(clean_db, "MATCH (d {id: 'acme-corp'})-[s:SAME_AS]->(k) RETURN k.id AS k, "
                             "d.merged_into AS into, s.by AS by, k.aliases AS aliases")
    assert merged == [{"k": "acme", "into": "acme", "by": "tester", "aliases": ["Acme Corp"]}]
    audit = curation.list_curations(clean_db)
    assert [(c["action"], c["subject"], c["target"], c["why"]) for c in audit] == [
        ("merge", "acme-corp", "acme", "same company")]
    assert duplicate_relationships(clean_db) == []


def test_merge_is_idempotent_and_later_loads_land_on_the_survivor(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    curation.merge_entities(clean_db, "acme", "acme-corp", "tester")
    before, state = counts(clean_db), snapshot(clean_db)
    again = curation.merge_entities(clean_db, "acme", "acme-corp", "tester")
    assert (again.moved, again.folded) == (0, 0)
    assert counts(clean_db) == before and snapshot(clean_db) == state
    writer.load(_records())  # the same articles again, still naming "acme-corp"
    assert counts(clean_db) == before and snapshot(clean_db) == state
    assert _rows(clean_db, "MATCH (f:Fact)-[r]->(:Entity {id: 'acme-corp'}) RETURN f") == []


def test_redirect_chains_resolve_to_the_last_survivor(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    curation.merge_entities(clean_db, "acme-corp", "acme", "tester")
    curation.merge_entities(clean_db, "vc", "acme-corp", "tester")
    assert curation.redirects(clean_db) == {"acme": "vc", "acme-corp": "vc"}
    with pytest.raises(InputError):
        curation.merge_entities(clean_db, "acme", "vc", "tester")  # would loop
    with pytest.raises(NotFoundError):
        curation.merge_entities(clean_db, "vc", "nobody", "tester")
    with pytest.raises(InputError):
        curation.merge_entities(clean_db, "vc", "vc", "tester")


def test_retraction_survives_reloading(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    records = _records()
    writer.load(records)
    key = MODEL.fact_key("ROLE", {"person": "jane", "org": "acme"})
    curation.retract_fact(clean_db, key, "misread the byline", "tester")
    curation.retract_fact(clean_db, key, "misread the byline", "tester")
    writer.load(records)
    row = _rows(clean_db, "MATCH (f:Fact {key: $key}) RETURN f.retracted AS r, "
                          "f.retracted_why AS why, f.retracted_at IS NOT NULL AS at", key=key)
    assert row == [{"r": True, "why": "misread the byline", "at": True}]
    assert len(curation.list_curations(clean_db)) == 1
    with pytest.raises(NotFoundError):
        curation.retract_fact(clean_db, "role-nope", "x", "tester")


def test_curate_command(writer: GraphWriter, clean_db: neo4j.Driver, neo4j_settings: Settings,
                        monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    writer.load(_records())
    assert main(["curate", "merge", "acme", "acme-corp", "--why", "dupe", "--by", "ann"]) == 0
    key = MODEL.fact_key("ROLE", {"person": "jane", "org": "acme"})
    assert main(["curate", "retract", key, "--why", "wrong", "--by", "ann"]) == 0
    assert main(["curate", "retract", "role-missing", "--why", "wrong"]) == 2
    assert main(["curate", "list"]) == 0
    out = capsys.readouterr().out
    assert "merged acme-corp into acme" in out
    assert "merge  acme-corp -> acme  by ann: dupe" in out
    assert f"retract  {key}  by ann: wrong" in out
