"""The HTTP application: probes, readiness with Neo4j down, keys, body limit, GraphiQL, CLI."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import neo4j
import pytest

from blocgraph.api.backend import Backend
from blocgraph.api.commands import serve as serve_command
from blocgraph.api.gql.limits import STORE_MESSAGE
from blocgraph.api.settings import ApiSettings, parse_keys
from blocgraph.errors import InputError
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import READ_KEY, WRITE_KEY, Api, Server, error_codes, serve


def _closed_uri() -> str:
    return f"bolt://127.0.0.1:{local_neo4j.free_port()}"


@pytest.fixture(scope="module")
def down() -> Iterator[Server]:
    """An API whose lifespan builds its backend for a Neo4j that is not there."""
    settings = Settings.from_env({"BLOCGRAPH_NEO4J_URI": _closed_uri()})
    server = serve(ApiSettings(), graph_settings=settings)
    yield server
    server.stop()


@pytest.mark.parametrize("fmt", ["jsonl", "ttl", "csv"])
def test_exports_during_an_outage_answer_503_at_once(down: Server, fmt: str) -> None:
    """They answered 500 after 15 s ("Exception in ASGI application"): now the same
    error body as /graphql, within the short retry budget, and at once after that."""
    for _ in range(2):
        started = time.perf_counter()
        response = down.client.get(f"/export/{fmt}")
        elapsed = time.perf_counter() - started
        assert response.status_code == 503
        assert error_codes(response.json()) == ["STORE_UNAVAILABLE"]
        assert elapsed < 2.0, elapsed


def test_queries_and_mutations_during_an_outage_answer_within_two_seconds() -> None:
    """A query answered STORE_UNAVAILABLE after 16 s and a mutation after 13 s: the API's
    driver now connects within 2 s and retries once."""
    settings = Settings.from_env({"BLOCGRAPH_NEO4J_URI": _closed_uri()})
    server = serve(ApiSettings(keys={WRITE_KEY: "write"}), graph_settings=settings)
    calls = [({"query": "{ blocs { id } }"}, {}),
             ({"query": 'mutation { retractFact(key: "k", why: "test") '
                        "{ __typename ... on MutationError { code } } }"},
              {"X-API-Key": WRITE_KEY})]
    try:
        for body, headers in calls:
            started = time.perf_counter()
            answer = server.client.post("/graphql", json=body, headers=headers)
            assert time.perf_counter() - started < 2.0
            assert "STORE_UNAVAILABLE" in answer.text
    finally:
        server.stop()


def test_settings_from_env() -> None:
    settings = ApiSettings.from_env({"BLOCGRAPH_API_KEYS": "alpha-key-1:write, beta-key-22:read",
                                     "BLOCGRAPH_API_READS": "keyed",
                                     "BLOCGRAPH_API_MAX_DEPTH": "7"})
    assert dict(settings.keys) == {"alpha-key-1": "write", "beta-key-22": "read"}
    assert settings.keyed_reads and settings.max_depth == 7
    assert (settings.max_aliases, settings.max_tokens, settings.max_page_size) == (15, 2000, 100)
    assert not settings.dev and not settings.introspection
    dev = ApiSettings.from_env({"BLOCGRAPH_API_DEV": "1"})
    assert dev.introspection
    assert not ApiSettings.from_env({"BLOCGRAPH_API_DEV": "1",
                                     "BLOCGRAPH_API_INTROSPECTION": "off"}).introspection
    assert parse_keys("lonely-key-1") == {"lonely-key-1": "read"}
    for bad in ({"BLOCGRAPH_API_KEYS": "short:write"}, {"BLOCGRAPH_API_KEYS": "longenough:admin"},
                {"BLOCGRAPH_API_READS": "sometimes"}, {"BLOCGRAPH_API_MAX_PAGE": "500"},
                {"BLOCGRAPH_API_MAX_DEPTH": "deep"}, {"BLOCGRAPH_API_DEV": "maybe"}):
        with pytest.raises(InputError):
            ApiSettings.from_env(bad)


@pytest.mark.neo4j
def test_health_and_readiness(api: Api) -> None:
    assert api.server.client.get("/healthz").json() == {"status": "ok"}
    ready = api.server.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}  # no version or address for anonymous probes


def test_readiness_says_why_while_neo4j_is_down(down: Server) -> None:
    assert down.client.get("/healthz").status_code == 200
    ready = down.client.get("/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body == {"status": "unavailable", "reason": STORE_MESSAGE}
    assert "127.0.0.1" not in ready.text and "bolt" not in ready.text


def test_queries_while_neo4j_is_down_answer_store_unavailable() -> None:
    uri = _closed_uri()
    driver = neo4j.GraphDatabase.driver(uri, connection_timeout=1,
                                        max_transaction_retry_time=0.2)
    server = serve(ApiSettings(), Backend(driver, "neo4j", uri=uri, owns_driver=True))
    try:
        body = server.client.post("/graphql", json={"query": "{ blocs { id } }"}).json()
    finally:
        server.stop()
        driver.close()
    assert error_codes(body) == ["STORE_UNAVAILABLE"]
    assert body["errors"][0]["message"] == STORE_MESSAGE
    assert uri.split("//")[1] not in str(body)


def test_a_failing_mutation_does_not_show_the_store_address() -> None:
    """The writer's message names the host and port the driver failed on: only the
    server log may show it."""
    uri = _closed_uri()
    driver = neo4j.GraphDatabase.driver(uri, connection_timeout=1, max_transaction_retry_time=0)
    server = serve(ApiSettings(keys={WRITE_KEY: "write"}),
                   Backend(driver, "neo4j", uri=uri, owns_driver=True))
    try:
        response = server.client.post("/graphql", headers={"X-API-Key": WRITE_KEY}, json={
            "query": 'mutation { ingestArticle(text: "Nordwind Robotics raised $5m.") '
                     "{ __typename ... on MutationError { message code } } }"})
    finally:
        server.stop()
        driver.close()
    assert "127.0.0.1" not in response.text and uri.split(":")[-1] not in response.text
    assert STORE_MESSAGE in response.text


@pytest.mark.neo4j
def test_keyed_reads_need_a_key(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> None:
    settings = ApiSettings(keys={READ_KEY: "read"}, keyed_reads=True)
    server = serve(settings, Backend(neo4j_driver, neo4j_settings.database))
    try:
        anonymous = server.client.post("/graphql", json={"query": "{ blocs { id } }"})
        keyed = server.client.post("/graphql", json={"query": "{ blocs { id } }"},
                                   headers={"X-API-Key": READ_KEY})
        export = server.client.get("/export/jsonl", params={"bloc": "eu"})
    finally:
        server.stop()
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert keyed.status_code == 200 and keyed.json()["data"]["blocs"]
    assert export.status_code == 401


@pytest.mark.neo4j
def test_oversized_bodies_are_refused(api: Api, neo4j_settings: Settings,
                                      neo4j_driver: neo4j.Driver) -> None:
    huge = {"query": "{ blocs { id } }", "variables": {"pad": "x" * 2_100_000}}
    response = api.server.client.post("/graphql", json=huge)
    assert response.status_code == 413
    assert "byte limit" in response.json()["errors"][0]["message"]
    small = serve(ApiSettings(max_body_bytes=1000), Backend(neo4j_driver, neo4j_settings.database))
    chunks = (b'{"query": "{ blocs { id } }", "pad": "' + b"x" * 300 + b'"}' for _ in range(9))
    try:
        streamed = small.client.post("/graphql", content=chunks,  # no Content-Length
                                     headers={"Content-Type": "application/json"})
        fits = small.client.post("/graphql", json={"query": "{ blocs { id } }"})
    finally:
        small.stop()
    assert streamed.status_code == 413
    assert fits.status_code == 200


@pytest.mark.neo4j
def test_graphiql_only_in_development(api: Api, neo4j_settings: Settings,
                                      neo4j_driver: neo4j.Driver) -> None:
    html = {"Accept": "text/html"}
    assert "graphiql" not in api.server.client.get("/graphql", headers=html).text.lower()
    dev = serve(ApiSettings(dev=True, introspection=True),
                Backend(neo4j_driver, neo4j_settings.database))
    try:
        page = dev.client.get("/graphql", headers=html)
    finally:
        dev.stop()
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_openapi_description_only_in_development(api: Api) -> None:
    assert api.server.client.get("/openapi.json").status_code == 404
    assert api.server.client.get("/docs").status_code == 404


def test_serve_command_options() -> None:
    parser = argparse.ArgumentParser()
    serve_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--port", "9123", "--dev"])
    assert (args.host, args.port, args.dev, args.handler) == (
        "127.0.0.1", 9123, True, serve_command.run)


def test_blocgraph_serve_starts_without_neo4j() -> None:
    """The real command in a subprocess: it serves, and /readyz explains what is missing."""
    port = local_neo4j.free_port()
    env = {**os.environ, "BLOCGRAPH_NEO4J_URI": _closed_uri()}
    process = subprocess.Popen(
        [sys.executable, "-m", "blocgraph.api.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(base + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert health.json() == {"status": "ok"}
        assert httpx.get(base + "/readyz", timeout=10).status_code == 503
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize(("body", "reason"), [
    (b'{"query": "{ blocs { id } }", "x": "\xff\xfe"}', "not valid UTF-8"),
    (b'{"query": "{ blocs { id } }", "variables": {"v": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
     "depth limit"),
    (b'{"query": "query($t: String!) { search(text: $t) { nodes { score } } }",'
     b' "variables": {"t": "\\ud800"}}', "surrogate"),
])
def test_malformed_bodies_are_400_with_the_reason(api: Api, body: bytes, reason: str) -> None:
    """Each of these was a masked 500 (RecursionError, UnicodeDecodeError, or a lone
    surrogate reaching the driver)."""
    response = httpx.post(api.server.url + "/graphql", content=body,
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "not valid JSON" in error["message"] and reason in error["message"]


def test_a_lone_surrogate_escape_in_the_query_text_is_a_syntax_error(api: Api) -> None:
    body = api.gql('{ search(text: "\\ud800") { nodes { score } } }')
    assert body.get("data") is None
    assert "Invalid Unicode escape sequence" in body["errors"][0]["message"]
