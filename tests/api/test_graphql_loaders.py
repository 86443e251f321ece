"""Nested fields load through per-request DataLoaders: a fixed number of Cypher queries.

The running API's backend counts every statement it sends to Neo4j, so the
tests read the exact cost of one request from the real server.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.neo4j

NESTED = """query($first: Int!) { entities(first: $first) { nodes { id name home { iso bloc { id } }
  facts(first: 100) { nodes { key
    ... on FundingRound { company { name } investors { name } }
    participants { entity { name } }
    sources { evidence confidence article { id title } } } } } } }"""
# listing, homes, facts, sources, participant entities: one each, however many entities
MOST_QUERIES = 5


def _cost(api: Api, query: str, variables: dict[str, int]) -> tuple[int, dict[str, object]]:
    before = api.backend.queries
    data = api.data(query, variables)
    return api.backend.queries - before, data


def test_one_hundred_entities_with_facts_and_sources_cost_a_fixed_number_of_queries(
        api: Api) -> None:
    many, data = _cost(api, NESTED, {"first": 100})
    entities = data["entities"]["nodes"]  # type: ignore[index]
    assert len(entities) == 100
    facts = [f for e in entities for f in e["facts"]["nodes"]]
    assert len(facts) > 50 and all(f["sources"] for f in facts)
    assert many <= MOST_QUERIES
    fewer, smaller = _cost(api, NESTED, {"first": 40})
    assert any(f["sources"] for e in smaller["entities"]["nodes"]  # type: ignore[index]
               for f in e["facts"]["nodes"])
    assert fewer == many


def test_repeated_lookups_in_one_request_are_cached(api: Api) -> None:
    query = """{ a: entity(id: "mistral-ai") { name } b: entity(id: "mistral-ai") { name }
                 c: entity(id: "anthropic") { name } }"""
    cost, data = _cost(api, query, {})
    assert cost == 1
    assert data["a"] == data["b"] == {"name": "Mistral AI"}


def test_pages_read_what_they_show_with_their_facts(api: Api) -> None:
    """Sources and participants' homes asked for come in the listing's own statement."""
    keys_only = "{ bans(first: 50) { nodes { key } } }"
    shown = """{ bans(first: 50) { nodes { key sources { evidence article { id } }
        participants { entity { name bloc { id } } }
        ... on Ban { actor { id home { iso } } } } } }"""
    bare, _ = _cost(api, keys_only, {})
    full, data = _cost(api, shown, {})
    assert full == bare
    bans = data["bans"]["nodes"]  # type: ignore[index]
    assert bans and all(b["sources"] for b in bans)
    # the homes read inside the listing are the ones the entity page reads on its own
    for actor in {b["actor"]["id"]: b["actor"] for b in bans}.values():
        alone = api.data('query($id: ID!) { entity(id: $id) { home { iso } } }',
                         {"id": actor["id"]})["entity"]
        assert actor["home"] == alone["home"], actor["id"]
    assert sum(1 for b in bans if b["actor"]["home"]) > len(bans) / 2
    assert "us" in {(p["entity"]["bloc"] or {}).get("id") for b in bans for p in b["participants"]
                    if p["entity"]}


def test_an_entity_page_costs_two_queries(api: Api) -> None:
    page = """{ entity(id: "mistral-ai") { name home { iso } bloc { id }
        facts(first: 100) { nodes { key sources { evidence } } } } }"""
    cost, data = _cost(api, page, {})
    assert cost == 2  # the entity with its homes, then its facts with their sources
    entity = data["entity"]  # type: ignore[index]
    assert entity["home"] == {"iso": "FR"} and entity["bloc"] == {"id": "eu"}
    assert entity["facts"]["nodes"] and all(f["sources"] for f in entity["facts"]["nodes"])
