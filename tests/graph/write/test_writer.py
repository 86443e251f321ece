"""Loading into the real Neo4j: idempotency, shared facts, conflicts, bad records."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest

from blocgraph.api.cli import main
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import GraphWriter, LoadError
from tests.graph.loading import (
    counts,
    dev_records,
    distinct_fact_keys,
    duplicate_relationships,
    fact,
    incomplete_articles,
    new_writer,
    record,
    snapshot,
    write_jsonl,
)

pytestmark = pytest.mark.neo4j

ENTITIES = [("acme", "Acme", "Company"), ("vc", "VC Partners", "Investor")]


@pytest.fixture
def writer(clean_db: neo4j.Driver, neo4j_settings: Settings) -> GraphWriter:
    return new_writer(clean_db, neo4j_settings.database)


def _one(driver: neo4j.Driver, query: str, **params: object) -> dict[str, object]:
    records = driver.execute_query(query, params).records
    assert len(records) == 1, records
    return dict(records[0])


def test_dev_corpus_loaded_twice_is_identical(writer: GraphWriter, clean_db: neo4j.Driver) -> None:
    writer.load_reference()
    records = dev_records()
    first = writer.load(records)
    assert (first.articles, first.failed) == (len(records), 0)
    after_first, state = counts(clean_db), snapshot(clean_db)
    second = writer.load(dev_records())
    assert second.failed == 0
    assert counts(clean_db) == after_first
    assert snapshot(clean_db) == state  # not a single property changed
    assert duplicate_relationships(clean_db) == []
    expected = {r["article"]["id"]: distinct_fact_keys(r) for r in records}
    assert incomplete_articles(clean_db, expected) == []
    assert after_first["articles"] == len(records) + 1  # plus the Reference article


def test_a_fact_from_two_articles_is_one_node_with_two_sources(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    claim = fact("INVESTMENT", investor="vc", company="acme", date="2024")
    writer.load([record("a-1", ENTITIES, [claim]), record("a-2", ENTITIES, [claim])])
    found = _one(clean_db, "MATCH (f:Fact:Investment) RETURN count(f) AS facts, "
                           "COUNT { (f)-[:SUPPORTED_BY]->(:Article) } AS sources")
    assert found == {"facts": 1, "sources": 2}
    assert _one(clean_db, "MATCH (:Investment)-[r:INVESTOR]->(e) RETURN e.id AS id") == {
        "id": "vc"}


@pytest.mark.parametrize("separate_loads", [True, False])
def test_disagreeing_dates_are_flagged_and_each_source_keeps_its_values(
    writer: GraphWriter, clean_db: neo4j.Driver, separate_loads: bool
) -> None:
    first = record("a-1", ENTITIES, [fact("FUNDING_ROUND", company="acme", round="Series A",
                                          date="2024-03-01", amount=10e6, currency="USD")])
    second = record("a-2", ENTITIES, [fact("FUNDING_ROUND", company="acme", round="series a",
                                           date="2024-07-15", amount=10.1e6, currency="USD")])
    third = record("a-3", ENTITIES, [fact("FUNDING_ROUND", company="acme", round="Series A",
                                          date="2024-03", amount=None, valuation=1e9)])
    if separate_loads:
        for rec in (first, second, third):
            writer.load([rec])
    else:
        writer.load([first, second, third])
    found = _one(clean_db, "MATCH (f:FundingRound) RETURN properties(f) AS p")["p"]
    assert isinstance(found, dict)
    assert found["conflict"] is True and found["conflicts"] == ["date"]  # 1 % apart is no clash
    assert (found["date"], found["amount"]) == ("2024-03-01", 10e6)  # the first values stay
    assert found["valuation"] == 1e9  # a value no earlier source gave fills the gap
    dates = clean_db.execute_query(
        "MATCH (:FundingRound)-[s:SUPPORTED_BY]->(a) RETURN a.id AS a, s.values AS v").records
    assert {r["a"]: json.loads(r["v"])["date"] for r in dates} == {
        "a-1": "2024-03-01", "a-2": "2024-07-15", "a-3": "2024-03"}


@pytest.mark.parametrize("order", [("Company", "Investor"), ("Investor", "Company")])
def test_an_entity_typed_two_ways_gets_the_same_type_in_any_order(
    writer: GraphWriter, clean_db: neo4j.Driver, order: tuple[str, str]
) -> None:
    """Load order must not decide the graph (concurrent loaders interleave freely): the
    type of lowest precedence in the model (Investor before Company) is kept."""
    for index, type_name in enumerate(order):
        writer.load([record(f"t-{index}", [("harbour", "Harbour", type_name)], [])])
    found = _one(clean_db, "MATCH (e:Entity {id: 'harbour'}) RETURN labels(e) AS l")
    assert sorted(found["l"]) == ["Entity", "Investor"]  # type: ignore[arg-type]


def test_entity_keeps_first_type_and_collects_aliases(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    one = record("a-1", ENTITIES, [])
    one["entities"][0]["aliases"] = ["Acme Inc."]
    two = record("a-2", [("acme", "ACME", "Organization")], [])
    two["entities"][0]["aliases"] = ["Acme Corp"]
    writer.load([one])
    writer.load([two])
    found = _one(clean_db, "MATCH (e:Entity {id: 'acme'}) RETURN labels(e) AS l, e.name AS n, "
                           "e.aliases AS a, e.known AS k")
    assert sorted(found["l"]) == ["Company", "Entity"]  # type: ignore[arg-type]
    assert found["n"] == "Acme" and found["k"] is False
    assert found["a"] == ["Acme Inc.", "ACME", "Acme Corp"]


def test_a_reextracted_article_no_longer_supports_dropped_facts(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    invest = fact("INVESTMENT", investor="vc", company="acme")
    based = fact("HEADQUARTERS", org="acme", country="FR")
    ruled = fact("ROLE", person="jane", org="acme", role="CEO")
    people = [*ENTITIES, ("jane", "Jane Doe", "Person")]
    writer.load([record("a-1", people, [invest, based, ruled]), record("a-2", ENTITIES, [based])])
    writer.load([record("a-1", people, [invest])])
    types = [r["t"] for r in clean_db.execute_query(
        "MATCH (f:Fact) RETURN f.type AS t ORDER BY t").records]
    assert types == ["HEADQUARTERS", "INVESTMENT"]  # ROLE had no other source: gone
    assert _one(clean_db, "MATCH (:Headquarters)-[s:SUPPORTED_BY]->(a) RETURN a.id AS a") == {
        "a": "a-2"}


def test_a_bad_record_is_reported_and_the_rest_stored(
    writer: GraphWriter, clean_db: neo4j.Driver
) -> None:
    seen: list[LoadError] = []
    writer.on_error = seen.append
    bad = record("a-2", ENTITIES, [fact("INVESTMENT", investor="ghost", company="acme")])
    good = [record(f"a-{i}", ENTITIES, [fact("INVESTMENT", investor="vc", company="acme")])
            for i in (1, 3)]
    stats = writer.load([good[0], bad, good[1]])
    assert (stats.articles, stats.failed) == (2, 1)
    assert seen == stats.errors
    assert seen[0].source == "test/a-2.txt" and "'ghost'" in seen[0].reason
    ids = [r["id"] for r in clean_db.execute_query(
        "MATCH (a:Article) RETURN a.id AS id ORDER BY id").records]
    assert ids == ["a-1", "a-3"]


def test_ingest_command_loads_reference_then_articles(
    clean_db: neo4j.Driver, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    article = Path(__file__).parents[3] / "samples/corpus/dev/seed-mistral-open-source.txt"
    code = main(["ingest", str(article), str(tmp_path / "missing.txt"), "--no-model"])
    err = capsys.readouterr().err
    assert code == 1  # the missing file
    assert "missing.txt" in err and "reference data loaded" in err
    assert "articles stored: 1, failed: 0" in err
    assert _one(clean_db, "MATCH (a:Article:Reference) RETURN count(a) AS n") == {"n": 1}
    before = counts(clean_db)
    saved = write_jsonl(tmp_path / "dev.jsonl", dev_records()[:2])
    assert main(["load", str(saved)]) == 0
    assert "reference data loaded" not in capsys.readouterr().err  # only on first use
    assert counts(clean_db)["articles"] >= before["articles"] + 1


def test_load_command_reports_each_bad_line_and_exits_1(
    clean_db: neo4j.Driver, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    good = record("a-1", ENTITIES, [fact("INVESTMENT", investor="vc", company="acme")])
    bad = record("a-2", ENTITIES, [fact("INVESTMENT", investor="vc", company="nobody")])
    path = write_jsonl(tmp_path / "mixed.jsonl", [good, bad])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n[1, 2]\n")
    assert main(["load", str(path), "--batch-articles", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"error: {path}:3: not valid JSON (Expecting property name enclosed in double " \
           "quotes)" in err
    assert f"error: {path}:4: not a JSON object" in err
    assert any(line.startswith("error: test/a-2.txt: fact #1: 'company' refers to 'nobody'")
               for line in err)
    assert err[-1].startswith("lines unreadable: 2, articles stored: 1, failed: 1")
