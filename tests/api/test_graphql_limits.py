"""Abuse limits on by default, each refused with a clear error; errors masked; switches work."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator

import httpx
import neo4j
import pytest

from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import Api, Server, error_codes, serve
from tests.api.test_document_limits import chain

pytestmark = pytest.mark.neo4j

DEPTH_11 = """{ entity(id: "mistral-ai") { facts { nodes { participants { entity { facts { nodes {
  participants { entity { facts { nodes { key } } } } } } } } } } } }"""
DEPTH_10 = DEPTH_11.replace("facts { nodes { key } }", "id")


@pytest.fixture(scope="module")
def strict(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> Iterator[Server]:
    """Tight limits, introspection off."""
    settings = ApiSettings(max_depth=3, max_aliases=1, max_tokens=40, max_page_size=5,
                           max_selections=6, introspection=False)
    server = serve(settings, Backend(neo4j_driver, neo4j_settings.database))
    yield server
    server.stop()


def _post(server: Server, query: str) -> httpx.Response:
    return httpx.post(server.url + "/graphql", json={"query": query}, timeout=30)


def test_depth_limit(api: Api) -> None:
    assert api.data(DEPTH_10)["entity"]["facts"]["nodes"]
    refused = api.gql(DEPTH_11)
    assert refused.get("data") is None
    assert "exceeds maximum operation depth of 10" in refused["errors"][0]["message"]


def test_alias_limit_counts_aliases_in_fragments(api: Api) -> None:
    fifteen = "{ " + " ".join(f"b{i}: blocs {{ id }}" for i in range(15)) + " }"
    assert len(api.data(fifteen)) == 15
    sixteen = "{ " + " ".join(f"b{i}: blocs {{ id }}" for i in range(16)) + " }"
    assert "16 aliases found. Allowed: 15" in api.gql(sixteen)["errors"][0]["message"]
    spread = """query { ...F ...F ...F ...F }
      fragment F on Query { a: blocs { id } b: blocs { id } c: blocs { id } d: blocs { id } }"""
    refused = api.gql(spread)
    assert refused.get("data") is None
    assert "16 aliases found. Allowed: 15" in refused["errors"][0]["message"]
    nested = """query { ...G } fragment G on Query { ...F ...F ...F ...F }
      fragment F on Query { a: blocs { id } b: blocs { id } c: blocs { id } d: blocs { id } }"""
    assert "aliases found" in api.gql(nested)["errors"][0]["message"]


def test_fragment_chain_is_refused_at_once_and_the_server_keeps_answering(api: Api) -> None:
    """24 fragments, each spreading the previous one twice (about 220 tokens): the
    refusal takes time linear in the document, so it comes back at once and
    ``/healthz`` keeps answering meanwhile (it froze for minutes before)."""
    document = chain(24)
    health: list[float] = []
    probes_done = threading.Event()

    def probe() -> None:
        with httpx.Client(base_url=api.server.url, timeout=30) as client:
            for _ in range(10):
                started = time.perf_counter()
                assert client.get("/healthz").status_code == 200
                health.append(time.perf_counter() - started)
        probes_done.set()

    prober = threading.Thread(target=probe)
    prober.start()
    refusals: list[float] = []
    deadline = time.monotonic() + 60
    while len(refusals) < 5 or (not probes_done.is_set() and time.monotonic() < deadline):
        started = time.perf_counter()
        body = api.gql(document)
        refusals.append(time.perf_counter() - started)
        assert body.get("data") is None
        assert "expands to 33,554,432 field selections" in body["errors"][0]["message"]
    prober.join()
    assert statistics.median(refusals) < 0.1, refusals
    assert len(health) == 10 and statistics.median(health) < 0.1, health


def test_expansion_limit_is_configurable(strict: Server) -> None:
    body = _post(strict, chain(2)).json()  # 4 copies of blocs { id }: 8 fields
    assert "expands to 8 field selections" in body["errors"][0]["message"]


def test_several_operations_need_an_operation_name(api: Api) -> None:
    document = "query A { blocs { id } } query B { blocs { name } }"
    refused = api.gql(document)
    assert refused.get("data") is None and error_codes(refused) == ["BAD_USER_INPUT"]
    assert "name the one to run" in refused["errors"][0]["message"]
    chosen = api.post({"query": document, "operationName": "B"}).json()
    assert chosen["data"]["blocs"][0]["name"]


def test_token_limit(api: Api) -> None:
    query = "{ blocs { " + "id " * 2100 + "} }"
    refused = api.gql(query)
    assert refused.get("data") is None
    assert "more than 2000 tokens" in refused["errors"][0]["message"]


def test_page_size_is_capped_everywhere(api: Api) -> None:
    for query in ['{ entities(first: 101) { nodes { id } } }',
                  '{ search(text: "ai", first: 101) { nodes { score } } }',
                  '{ articles(first: 0) { nodes { id } } }',
                  '{ entity(id: "mistral-ai") { facts(first: 101) { nodes { key } } } }',
                  '{ neighbourhood(entity: "mistral-ai", limit: 101) { truncated } }']:
        body = api.gql(query)
        assert error_codes(body) == ["BAD_USER_INPUT"], query
        assert "between 1 and 100" in body["errors"][0]["message"]


def test_batching_is_off(api: Api) -> None:
    response = api.post([{"query": "{ blocs { id } }"}, {"query": "{ blocs { name } }"}])
    assert response.status_code == 400
    assert "batching" in response.text.lower()


def test_limits_are_configurable(strict: Server) -> None:
    deep = _post(strict, '{ entity(id: "x") { home { bloc { countries { iso } } } } }').json()
    assert "exceeds maximum operation depth of 3" in deep["errors"][0]["message"]
    aliased = _post(strict, "{ a: blocs { id } b: blocs { id } }").json()
    assert "2 aliases found. Allowed: 1" in aliased["errors"][0]["message"]
    long = _post(strict, "{ blocs { " + "id " * 50 + "} }").json()
    assert "more than 40 tokens" in long["errors"][0]["message"]
    page = _post(strict, "{ articles(first: 6) { nodes { id } } }").json()
    assert "between 1 and 5" in page["errors"][0]["message"]
    assert _post(strict, "{ articles(first: 5) { nodes { id } } }").json()["data"]["articles"]


def test_introspection_switch_and_no_field_suggestions(api: Api, strict: Server) -> None:
    probe = "{ __schema { queryType { name } } }"
    assert api.data(probe)["__schema"]["queryType"]["name"] == "Query"
    refused = _post(strict, probe).json()
    assert refused.get("data") is None
    assert "introspection" in refused["errors"][0]["message"].lower()
    enum = httpx.post(strict.url + "/graphql", timeout=30, json={
        "query": "query($t: EntityType) { entities(type: $t) { nodes { id } } }",
        "variables": {"t": "Compny"}}).json()
    assert "Compny" in enum["errors"][0]["message"]
    assert "Did you mean" not in enum["errors"][0]["message"]  # it named the enum's values
    typo = _post(strict, "{ blocz { id } }").json()
    assert "Did you mean" not in typo["errors"][0]["message"]
    assert "Did you mean" in api.gql("{ blocz { id } }")["errors"][0]["message"]


def test_unexpected_errors_are_masked(neo4j_settings: Settings,
                                      neo4j_driver: neo4j.Driver) -> None:
    """A database the server does not have makes Neo4j fail inside the resolver; the
    answer says only "Internal server error" (no driver text, Cypher or trace)."""
    server = serve(ApiSettings(), Backend(neo4j_driver, "no-such-database"))
    try:
        response = _post(server, '{ entity(id: "mistral-ai") { id } blocs { id } }')
    finally:
        server.stop()
    assert response.status_code == 200
    body = response.json()
    assert {e["message"] for e in body["errors"]} == {"Internal server error"}
    assert set(error_codes(body)) == {"INTERNAL_SERVER_ERROR"}
    for leak in ("no-such-database", "Neo", "MATCH", "Traceback", "neo4j", "File "):
        assert leak not in response.text


def test_expected_errors_keep_their_message_and_code(api: Api) -> None:
    body = api.gql('{ dependency(entity: "nobody-at-all") { asOf } }')
    assert body["errors"][0]["message"] == "no entity with id 'nobody-at-all'"
    assert error_codes(body) == ["NOT_FOUND"]
