"""Curation against the real Neo4j: merges, retractions, their audit trail, later loads."""

from __future__ import annotations

import json

import neo4j
import pytest

from blocgraph.api.cli import main
from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write import curation
from blocgraph.graph.write.writer import GraphWriter
from blocgraph.schema.model import load_model
from tests.graph.loading import (
    counts,
    dev_records,
    duplicate_relationships,
    fact,
    new_writer,
    record,
    snapshot,
)

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


# --- unmerge ---------------------------------------------------------------------

# Snapshots leave out the judgement log (Curation nodes) and nothing else: it keeps the
# merge and the unmerge, which is the point of it.
_NOT_LOG = "NOT n:Curation"


def _graph(driver: neo4j.Driver) -> tuple[list[str], list[str]]:
    """The whole graph but the judgement log: every node and relationship with properties."""
    nodes = driver.execute_query(
        f"MATCH (n) WHERE {_NOT_LOG} RETURN labels(n) AS l, properties(n) AS p").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.key, a.id, a.iso) AS a, "
        "coalesce(b.key, b.id, b.iso) AS b, properties(r) AS p").records
    dump = json.dumps
    return (sorted(dump([sorted(r["l"]), r["p"]], sort_keys=True, default=str) for r in nodes),
            sorted(dump([r["t"], r["a"], r["b"], r["p"]], sort_keys=True, default=str)
                   for r in rels))


def _reingested() -> dict[str, object]:
    """Article a-2 again, now also naming acme-corp in a role (a key the merge redirects)."""
    again = _records()[1]
    facts = list(again["facts"])  # type: ignore[call-overload]
    facts.append(fact("ROLE", person="jane", org="acme-corp", role="Chair"))
    again["facts"] = facts
    return again


def test_merge_then_unmerge_restores_the_graph_exactly(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    before = _graph(clean_db)
    curation.merge_entities(clean_db, "acme", "acme-corp", "tester", "same company")
    assert _graph(clean_db) != before
    result = curation.unmerge_entities(clean_db, "acme-corp", "tester", "not the same")
    assert (result.action, result.subject, result.target) == ("unmerge", "acme-corp", "acme")
    assert _graph(clean_db) == before
    assert [c["action"] for c in curation.list_curations(clean_db)] == ["merge", "unmerge"]
    assert curation.redirects(clean_db) == {}


def test_unmerge_after_a_reingest_matches_loading_without_the_merge(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    writer.load([_reingested()])
    expected = _graph(clean_db)
    roles = _rows(clean_db, "MATCH (f:Role)-[:ORG]->(e) RETURN e.id AS org ORDER BY org")
    assert roles == [{"org": "acme"}, {"org": "acme-corp"}]

    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    writer.load(_records())
    curation.merge_entities(clean_db, "acme", "acme-corp", "tester")
    writer.load([_reingested()])  # lands on acme: one ROLE fact, two sources
    assert _rows(clean_db, "MATCH (f:Role) RETURN count(f) AS n") == [{"n": 1}]
    curation.unmerge_entities(clean_db, "acme-corp", "tester")
    assert _graph(clean_db) == expected
    assert duplicate_relationships(clean_db) == []


def test_unmerge_in_a_chain_keeps_the_earlier_merge(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    curation.merge_entities(clean_db, "acme-corp", "acme", "tester")
    middle = _graph(clean_db)
    curation.merge_entities(clean_db, "vc", "acme-corp", "tester")
    assert curation.redirects(clean_db) == {"acme": "vc", "acme-corp": "vc"}
    curation.unmerge_entities(clean_db, "acme-corp", "tester")
    assert curation.redirects(clean_db) == {"acme": "acme-corp"}
    assert _graph(clean_db) == middle
    before = {c["id"] for c in curation.list_curations(clean_db)}
    again = curation.merge_entities(clean_db, "vc", "acme-corp", "tester")
    # The merge after an unmerge is a new judgement, not the old one repeated.
    assert again.id not in before
    assert again.id in {c["id"] for c in curation.list_curations(clean_db)}


def test_unmerge_of_what_was_never_merged_is_refused(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    writer.load(_records())
    with pytest.raises(InputError, match="not merged"):
        curation.unmerge_entities(clean_db, "acme", "tester")
    with pytest.raises(NotFoundError):
        curation.unmerge_entities(clean_db, "nobody", "tester")
    assert curation.list_curations(clean_db) == []


def test_curate_unmerge_command(writer: GraphWriter, neo4j_settings: Settings,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    writer.load(_records())
    assert main(["curate", "merge", "acme", "acme-corp", "--by", "ann"]) == 0
    assert main(["curate", "unmerge", "acme-corp", "--why", "two firms", "--by", "ann"]) == 0
    assert main(["curate", "unmerge", "acme-corp"]) == 2
    out = capsys.readouterr().out
    assert "unmerged acme-corp from acme: 1 facts moved back, 1 split by source" in out


def test_merge_then_unmerge_of_extracted_articles_is_exact(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    """The dev corpus as the extractor gives it, two investors with many facts merged."""
    writer.load_reference()
    writer.load(dev_records())
    before = _graph(clean_db)
    first = curation.merge_entities(clean_db, "general-catalyst", "andreessen-horowitz", "t")
    second = curation.merge_entities(clean_db, "sasac", "china-mobile", "t")
    assert first.moved + first.folded > 0 and second.moved + second.folded > 0
    curation.unmerge_entities(clean_db, "china-mobile", "t")
    curation.unmerge_entities(clean_db, "andreessen-horowitz", "t")
    assert _graph(clean_db) == before
