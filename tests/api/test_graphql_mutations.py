"""Mutations: refused without a write key (database untouched), typed results otherwise.

The tests share one loaded graph (module scope) and pick their own subjects, so
the corpus is reloaded once for the module rather than after every write.
"""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.graph.store.settings import Settings
from tests.api.conftest import READ_KEY, WRITE_KEY, Api, Server, error_codes, fingerprint
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j

RESULT = "__typename ... on MutationError { message code }"
INGEST = """mutation($text: String, $html: String, $url: String) {
  ingestArticle(text: $text, html: $html, url: $url) { RESULT
    ... on IngestSuccess { article { id title source } entities { id } facts { key type
      sources { evidence confidence article { id } } } } } }""".replace("RESULT", RESULT)
MERGE = """mutation($keep: ID!, $drop: ID!) {
  mergeEntities(keep: $keep, drop: $drop, why: "test") { RESULT
    ... on MergeSuccess { curation { action subject target } survivor { id aliases } } } }
""".replace("RESULT", RESULT)
UNMERGE = """mutation($drop: ID!) { unmergeEntity(drop: $drop, why: "test") { RESULT
    ... on UnmergeSuccess { curation { action subject target } entity { id }
      survivor { id aliases } } } }
""".replace("RESULT", RESULT)
RETRACT = """mutation($key: ID!, $why: String!) { retractFact(key: $key, why: $why) { RESULT
  ... on RetractSuccess { curation { action subject } fact { key retracted retractedWhy } } } }
""".replace("RESULT", RESULT)
CALLS = [(INGEST, {"text": "Paris-based Mistral AI raised EUR 600 million."}),
         (MERGE, {"keep": "mistral-ai", "drop": "anthropic"}),
         (UNMERGE, {"drop": "anthropic"}),
         (RETRACT, {"key": "ban-2d32855176f04d318b64", "why": "test"})]
ARTICLE = ("Mistral AI, the Paris-based start-up, raised EUR 600 million in a round led by "
           "General Catalyst in June 2024, its chief executive Arthur Mensch said.")


@pytest.fixture(scope="module")
def writable(api_server: Server, neo4j_driver: neo4j.Driver,
             neo4j_settings: Settings) -> Api:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return Api(api_server, neo4j_driver, neo4j_settings.database)


def _state(api: Api) -> str:
    return fingerprint(api.driver, api.database)


@pytest.mark.parametrize("key", [None, READ_KEY])
def test_every_mutation_needs_a_write_key(writable: Api, key: str | None) -> None:
    before = _state(writable)
    for query, variables in CALLS:
        body = writable.gql(query, variables, key)
        assert body["data"] is None, query
        assert error_codes(body) == ["UNAUTHENTICATED"]
        assert "write scope" in body["errors"][0]["message"]
    assert _state(writable) == before


def test_an_unknown_key_is_refused_outright(writable: Api) -> None:
    response = writable.post({"query": CALLS[1][0], "variables": CALLS[1][1]}, "not-a-key-at-all")
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    bearer = writable.post({"query": "{ blocs { id } }"}, Authorization=f"Bearer {WRITE_KEY}")
    assert bearer.status_code == 200 and bearer.json()["data"]["blocs"]


@pytest.mark.parametrize(("query", "variables", "code"), [
    (INGEST, {}, "BAD_USER_INPUT"),
    (INGEST, {"text": "a", "html": "<p>b</p>"}, "BAD_USER_INPUT"),
    (INGEST, {"url": "http://127.0.0.1:9/article"}, "BAD_USER_INPUT"),
    (INGEST, {"url": "file:///etc/passwd"}, "BAD_USER_INPUT"),
    (INGEST, {"url": "/etc/passwd"}, "BAD_USER_INPUT"),
    (INGEST, {"html": "<html><body><script>x()</script></body></html>"}, "BAD_USER_INPUT"),
    (MERGE, {"keep": "mistral-ai", "drop": "no-such-entity"}, "NOT_FOUND"),
    (MERGE, {"keep": "mistral-ai", "drop": "mistral-ai"}, "BAD_USER_INPUT"),
    (RETRACT, {"key": "no-such-fact", "why": "test"}, "NOT_FOUND"),
    (RETRACT, {"key": "ban-2d32855176f04d318b64", "why": "  "}, "BAD_USER_INPUT"),
])
def test_expected_failures_are_typed_results(writable: Api, query: str,
                                             variables: dict[str, str], code: str) -> None:
    before = _state(writable)
    body = writable.gql(query, variables, WRITE_KEY)
    assert not body.get("errors"), body
    [result] = body["data"].values()
    assert result["__typename"] == "MutationError" and result["code"] == code
    assert result["message"]
    assert _state(writable) == before


def test_retract_fact_hides_it_from_listings(writable: Api) -> None:
    bans = "{ bans(first: 100) { nodes { key } } }"
    key = writable.data(bans)["bans"]["nodes"][0]["key"]
    result = writable.data(RETRACT, {"key": key, "why": "wrong date"}, WRITE_KEY)["retractFact"]
    assert result["__typename"] == "RetractSuccess"
    assert result["fact"] == {"key": key, "retracted": True, "retractedWhy": "wrong date"}
    assert result["curation"] == {"action": "retract", "subject": key}
    assert key not in {b["key"] for b in writable.data(bans)["bans"]["nodes"]}


def test_merge_entities_answers_old_ids_with_the_survivor(writable: Api) -> None:
    facts = '{ entity(id: "biren-technology") { facts { nodes { key } } } }'
    moved = {f["key"] for f in writable.data(facts)["entity"]["facts"]["nodes"]}
    result = writable.data(MERGE, {"keep": "moore-threads", "drop": "biren-technology"},
                           WRITE_KEY)["mergeEntities"]
    assert result["__typename"] == "MergeSuccess"
    assert result["curation"] == {"action": "merge", "subject": "biren-technology",
                                  "target": "moore-threads"}
    old = writable.data('{ entity(id: "biren-technology") { id facts { nodes { key } } } }')
    assert old["entity"]["id"] == "moore-threads"
    assert len(old["entity"]["facts"]["nodes"]) >= len(moved)


def test_unmerge_entity_gives_the_old_id_its_facts_back(writable: Api) -> None:
    facts = '{ entity(id: "cambricon") { id facts { nodes { key } } } }'
    own = sorted(f["key"] for f in writable.data(facts)["entity"]["facts"]["nodes"])
    merged = writable.data(MERGE, {"keep": "moore-threads", "drop": "cambricon"},
                           WRITE_KEY)["mergeEntities"]
    assert merged["__typename"] == "MergeSuccess"
    result = writable.data(UNMERGE, {"drop": "cambricon"}, WRITE_KEY)["unmergeEntity"]
    assert result["__typename"] == "UnmergeSuccess"
    assert result["curation"] == {"action": "unmerge", "subject": "cambricon",
                                  "target": "moore-threads"}
    assert result["entity"] == {"id": "cambricon"}
    back = writable.data(facts)["entity"]
    assert back["id"] == "cambricon"
    assert sorted(f["key"] for f in back["facts"]["nodes"]) == own
    again = writable.data(UNMERGE, {"drop": "cambricon"}, WRITE_KEY)["unmergeEntity"]
    assert again["__typename"] == "MutationError" and again["code"] == "BAD_USER_INPUT"


def test_ingest_article_stores_it_with_its_facts_and_sources(writable: Api) -> None:
    result = writable.data(INGEST, {"text": ARTICLE}, WRITE_KEY)["ingestArticle"]
    assert result["__typename"] == "IngestSuccess"
    assert result["article"]["source"] == "graphql"
    assert "mistral-ai" in {e["id"] for e in result["entities"]}
    assert "FUNDING_ROUND" in {f["type"] for f in result["facts"]}
    for fact in result["facts"]:
        assert result["article"]["id"] in {s["article"]["id"] for s in fact["sources"]}
    listed = writable.data("{ articles(first: 100) { nodes { id } } }")["articles"]["nodes"]
    assert result["article"]["id"] in {a["id"] for a in listed}
    html = f"<html><head><title>Mistral</title></head><body><article><p>{ARTICLE}</p>" \
           "<p>The company is based in France.</p></article></body></html>"
    again = writable.data(INGEST, {"html": html}, WRITE_KEY)["ingestArticle"]
    assert again["__typename"] == "IngestSuccess" and again["facts"]
