"""Graph lookups: search, facts, sources, walks, listings; merges and retractions honoured."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.analytics.dependency import dependency
from blocgraph.graph.analytics.projection import load_projection
from blocgraph.graph.read import lookups
from blocgraph.graph.read.listing_aliases import listing_aliases
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import GraphWriter
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j


def test_lucene_query_escapes_user_text() -> None:
    assert lookups.lucene_query("a16z") == "(a16z^2 OR a16z*)"
    assert lookups.lucene_query('AND (x) "y"') == (
        r'(and^2 OR and*) AND (\(x\)^2 OR \(x\)*) AND (\"y\"^2 OR \"y\"*)')
    with pytest.raises(InputError):
        lookups.lucene_query("   ")


# --- the dev corpus ----------------------------------------------------------------------


@pytest.fixture
def dev(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> neo4j.Driver:
    return ensure_dev_graph(neo4j_driver, neo4j_settings.database)


def test_search_by_alias_with_types_and_cursors(dev: neo4j.Driver) -> None:
    assert lookups.search(dev, "a16z").items[0].entity.id == "andreessen-horowitz"
    models = lookups.search(dev, "mistral", types=["AIModel"], first=50).items
    assert models and all(hit.entity.type == "AIModel" for hit in models)
    assert "mistral-ai" not in {hit.entity.id for hit in models}
    everything = lookups.search(dev, "mistral", first=50).items
    first = lookups.search(dev, "mistral", first=1)
    assert first.has_next and first.items[0] == everything[0]
    second = lookups.search(dev, "mistral", first=1, after=first.end_cursor)
    assert second.items[0].entity.id == everything[1].entity.id
    assert lookups.search(dev, 'Mistral AND (7B" ~').items == ()
    with pytest.raises(InputError):
        lookups.search(dev, "mistral", types=["Spaceship"])
    with pytest.raises(InputError):
        lookups.search(dev, "mistral", after="not-a-cursor")


def test_entity_facts_are_batched_and_sources_carry_evidence(dev: neo4j.Driver) -> None:
    facts = lookups.entity_facts(dev, ["mistral-ai", "anthropic", "nobody"])
    assert facts["nobody"] == []
    [hq] = [f for f in facts["mistral-ai"]
            if f.type == "HEADQUARTERS" and f.ids("country") == ["FR"]]
    assert hq.source_count >= 1
    sources = lookups.fact_sources(dev, [hq.key])[hq.key]
    assert len(sources) == hq.source_count
    first = sources[0]
    assert first.title and first.text and first.end is not None and first.start is not None
    assert first.values.get("country") == "FR"
    bans = lookups.entity_facts(dev, ["anthropic"], types=["BAN"])["anthropic"]
    assert bans and all(f.type == "BAN" for f in bans)
    with pytest.raises(InputError):
        lookups.entity_facts(dev, ["anthropic"], types=["Ban"])


def test_neighbourhood_and_paths_on_the_dev_corpus(dev: neo4j.Driver) -> None:
    near = lookups.neighbourhood(dev, "mistral-ai", hops=1, limit=200)
    ids = {e.id for e in near.entities}
    assert {"bpifrance", "temasek", "andreessen-horowitz"} <= ids
    assert "singapore" not in ids
    assert "singapore" in {e.id for e in lookups.neighbourhood(dev, "mistral-ai", 2, 500).entities}
    small = lookups.neighbourhood(dev, "mistral-ai", hops=2, limit=3)
    assert len(small.facts) == 3 and small.truncated
    with pytest.raises(InputError):
        lookups.neighbourhood(dev, "mistral-ai", hops=4)
    paths = lookups.shortest_paths(dev, "mistral-ai", "singapore")
    assert paths
    for path in paths:
        assert [e.id for e in (path.entities[0], path.entities[-1])] == ["mistral-ai", "singapore"]
        assert path.facts[-1].type == "OWNERSHIP" and len(path.facts) == 2
    with pytest.raises(NotFoundError):
        lookups.shortest_paths(dev, "mistral-ai", "nobody")


def test_timeline_is_in_time_order(dev: neo4j.Driver) -> None:
    entries = lookups.timeline(dev, "mistral-ai")
    dated = [e.when for e in entries if e.when is not None]
    assert dated == sorted(dated) and len(dated) >= 2
    assert all(e.when is not None for e in entries[: len(dated)])
    assert {e.dated_by for e in entries} <= {"fact", "article", None}


def test_ban_and_round_listings(dev: neo4j.Driver) -> None:
    # The model's named listings (declared with `listing:` in the type files).
    named = listing_aliases()
    bans, funding_rounds = named["bans"], named["funding_rounds"]
    anthropic_bans = bans(dev, actor="anthropic").items
    assert any("china" in f.ids("target") for f in anthropic_bans)
    since = bans(dev, since="2024", first=100).items
    assert since and all(f.date and f.date[:4] >= "2024" for f in since)
    rounds = funding_rounds(dev, company="mistral-ai", min_amount=4e8).items
    assert rounds and all(f.ids("company") == ["mistral-ai"] for f in rounds)
    assert all(float(f.attrs["amount"]) * 1.08 >= 4e8 for f in rounds)
    both = funding_rounds(dev, company="mistral-ai", investor="andreessen-horowitz").items
    assert both and all("andreessen-horowitz" in f.ids("investors") for f in both)
    assert {f.key for f in both} <= {
        f.key for f in funding_rounds(dev, company="mistral-ai", first=100).items}
    led_mistral = funding_rounds(dev, company="mistral-ai", investor="andreessen-horowitz",
                                         lead=True).items
    assert led_mistral and all("andreessen-horowitz" in f.ids("lead_investors")
                               for f in led_mistral)
    pair = bans(dev, actor="anthropic", target="china").items
    assert pair and {f.key for f in pair} <= {f.key for f in anthropic_bans}
    led = funding_rounds(dev, investor="andreessen-horowitz", lead=True).items
    assert all("andreessen-horowitz" in f.ids("lead_investors") for f in led)
    assert all(set(f.ids("lead_investors")) <= set(f.ids("investors")) for f in led)
    page = bans(dev, first=1)
    assert page.has_next
    assert bans(dev, first=1, after=page.end_cursor).items[0] != page.items[0]


# --- curation: merges and retractions, on a small graph loaded through the writer --------


def _record(article: str, published: str, facts: list[dict[str, Any]]) -> dict[str, Any]:
    text = " ".join(f["evidence"] for f in facts)
    entities = [
        {"id": "acme", "name": "Acme", "type": "Company", "country": None, "aliases": []},
        {"id": "acme-inc", "name": "Acme Incorporated", "type": "Company", "country": None,
         "aliases": ["ACME Inc."]},
        {"id": "fundco", "name": "FundCo", "type": "Investor", "country": "US", "aliases": []},
        {"id": "bigstate", "name": "Bigstate", "type": "Government", "country": "CN",
         "aliases": []},
    ]
    return {
        "article": {"id": article, "source": f"test/{article}.txt", "title": article.title(),
                    "url": None, "published": published, "text": text, "outlet": None,
                    "content_hash": article},
        "entities": entities,
        "facts": [{**f, "evidence": [{"start": 0, "end": len(f["evidence"]),
                                      "text": f["evidence"]}], "confidence": 0.9}
                  for f in facts],
        "extractor": "test",
    }


def _investment(amount: float) -> dict[str, Any]:
    return {"type": "INVESTMENT", "investor": "fundco", "company": "acme", "amount": amount,
            "currency": "USD", "date": "2024-01", "evidence": f"FundCo put ${amount} in Acme."}


def _ban(target: str, date: str) -> dict[str, Any]:
    return {"type": "BAN", "actor": "bigstate", "target": target, "date": date,
            "evidence": f"Bigstate banned {target} in {date}."}


@pytest.fixture
def curated(clean_db: neo4j.Driver, neo4j_settings: Settings) -> neo4j.Driver:
    writer = GraphWriter(clean_db, neo4j_settings.database)
    writer.ensure_schema()
    stats = writer.load([
        _record("first", "2024-02-01", [_investment(10.0), _ban("acme-inc", "2023")]),
        _record("second", "2024-03-01", [_investment(20.0), _ban("acme", "2022")]),
    ])
    assert stats.failed == 0, stats.errors
    clean_db.execute_query(
        "MATCH (b:Entity {id: 'acme-inc'}), (a:Entity {id: 'acme'}) "
        "CREATE (b)-[:SAME_AS {by: 'test', at: '2024-04-01'}]->(a) SET b.merged_into = 'acme' "
        "WITH a MATCH (f:Ban)-[:TARGET]->(a) "
        "SET f.retracted = true, f.retracted_why = 'wrong target'",
        database_=neo4j_settings.database)
    return clean_db


def test_merged_entities_answer_as_their_survivor(curated: neo4j.Driver) -> None:
    entity = lookups.get_entity(curated, "acme-inc")
    assert entity is not None and entity.id == "acme"
    assert lookups.get_entity(curated, "nobody") is None
    hits = lookups.search(curated, "acme").items
    assert [h.entity.id for h in hits] == ["acme"]
    assert [h.entity.id for h in lookups.search(curated, "incorporated").items] == ["acme"]
    facts = lookups.entity_facts(curated, ["acme", "acme-inc"])
    assert {f.key for f in facts["acme"]} == {f.key for f in facts["acme-inc"]}
    [ban] = [f for f in facts["acme"] if f.type == "BAN"]
    assert ban.ids("target") == ["acme"] and ban.date == "2023"
    near = lookups.neighbourhood(curated, "acme-inc")
    assert near.center.id == "acme"
    assert {e.id for e in near.entities} == {"acme", "fundco", "bigstate"}


def test_retracted_facts_are_hidden_but_audited(curated: neo4j.Driver) -> None:
    listed = listing_aliases()["bans"](curated, target="acme").items
    assert [f.date for f in listed] == ["2023"]
    [path] = lookups.shortest_paths(curated, "fundco", "bigstate")
    assert [e.id for e in path.entities] == ["fundco", "acme", "bigstate"]
    assert path.facts[1].date == "2023"
    assert [e.fact.date for e in lookups.timeline(curated, "acme")] == ["2023", "2024-01"]
    projection = load_projection(curated)
    assert all(f.date != "2022" for f, _ in projection.facts_touching("acme", "BAN"))
    restrictions = {c.name: c.links for c in dependency(projection, "acme-inc").channels}
    assert restrictions["restrictions"] == 1
    records, _, _ = curated.execute_query("MATCH (f:Ban {retracted: true}) RETURN f.key AS key")
    [audit] = lookups.facts_by_key(curated, [records[0]["key"]]).values()
    assert audit.retracted and audit.retracted_why == "wrong target" and audit.date == "2022"


def test_conflicts_list_each_sources_values(curated: neo4j.Driver) -> None:
    page = lookups.conflicts(curated)
    [conflict] = page.items
    assert conflict.fact.type == "INVESTMENT" and conflict.fact.conflicts == ("amount",)
    assert sorted(s.values["amount"] for s in conflict.sources) == [10.0, 20.0]
    assert {s.article_id for s in conflict.sources} == {"first", "second"}
    assert not page.has_next
