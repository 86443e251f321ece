"""A running API for the GraphQL tests: uvicorn in a thread, on the session's real Neo4j.

The main server (session-wide) holds the dev corpus and the reference data,
has a read key and a write key, and counts its Cypher statements through its
:class:`Backend`. Tests that need other settings start their own server with
:func:`serve`. Every test that reads the dev graph asks for ``api``, which
reloads the corpus first if an earlier test changed the database.

The modules in :data:`BOTH_EXECUTIONS` run every ``api`` test twice: on the main
server (the plain-field short path of ``api/gql/execution.py``) and on one using
graphql-core's own execution, so an upgrade the short path misreads shows up as
a difference. ``BLOCGRAPH_API_FAST_EXECUTION=off`` turns the short path off for
the main server too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import neo4j
import pytest
import uvicorn

from blocgraph.api.app import create_app
from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph

READ_KEY = "read-key-0123456789"
WRITE_KEY = "write-key-0123456789"
# A trusted analysts' deployment: introspection on, and a cost budget large enough for the
# loader tests' 100 entities x 100 facts with sources (the default refuses it; the cost
# limit itself is tested on a server with default settings).
TEST_SETTINGS = ApiSettings(keys={READ_KEY: "read", WRITE_KEY: "write"}, introspection=True,
                            max_cost=100_000, fast_execution=ApiSettings.from_env(
                                {k: v for k, v in os.environ.items()
                                 if k == "BLOCGRAPH_API_FAST_EXECUTION"}).fast_execution)
# Test modules whose `api` tests run with and without the execution short path.
BOTH_EXECUTIONS = frozenset({
    "tests.api.test_graphql_queries", "tests.api.test_graphql_loaders",
    "tests.api.test_fact_listing", "tests.api.test_model_info",
})


@dataclass
class Server:
    """One uvicorn server running ``create_app`` in a daemon thread."""

    url: str
    backend: Backend
    settings: ApiSettings
    client: httpx.Client
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        self.client.close()
        self._server.should_exit = True
        self._thread.join(timeout=10)


def serve(settings: ApiSettings, backend: Backend | None = None,
          graph_settings: Settings | None = None) -> Server:
    """Start an API on a free 127.0.0.1 port and wait until it accepts requests; without
    ``backend`` the app's lifespan builds (and closes) its own from ``graph_settings``."""
    port = local_neo4j.free_port()
    app = create_app(settings, backend, graph_settings=graph_settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"api-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test API did not start")
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    return Server(url, app.state.backend, settings, httpx.Client(base_url=url, timeout=60),
                  server, thread)


@dataclass
class Api:
    """A client of one running server, with GraphQL helpers."""

    server: Server
    driver: neo4j.Driver
    database: str

    @property
    def backend(self) -> Backend:
        return self.server.backend

    def post(self, body: Any, key: str | None = None, **headers: str) -> httpx.Response:
        if key is not None:
            headers["X-API-Key"] = key
        return self.server.client.post("/graphql", json=body, headers=headers)

    def gql(self, query: str, variables: dict[str, Any] | None = None,
            key: str | None = None) -> dict[str, Any]:
        """The whole JSON answer of one operation (data and errors), status checked < 500."""
        response = self.post({"query": query, "variables": variables or {}}, key)
        assert response.status_code < 500, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None,
             key: str | None = None) -> dict[str, Any]:
        """The data of an operation that must succeed without errors."""
        body = self.gql(query, variables, key)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture(scope="session")
def api_server(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> Iterator[Server]:
    backend = Backend(neo4j_driver, neo4j_settings.database, uri=neo4j_settings.uri)
    server = serve(TEST_SETTINGS, backend)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def plain_api_server(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> Iterator[Server]:
    """The main server's twin on graphql-core's own execution (no short path)."""
    backend = Backend(neo4j_driver, neo4j_settings.database, uri=neo4j_settings.uri)
    server = serve(dataclasses.replace(TEST_SETTINGS, fast_execution=False), backend)
    try:
        yield server
    finally:
        server.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "api" in metafunc.fixturenames and metafunc.module.__name__ in BOTH_EXECUTIONS:
        metafunc.parametrize("api", ["fast", "plain"], indirect=True)


@pytest.fixture
def api(request: pytest.FixtureRequest, neo4j_driver: neo4j.Driver,
        neo4j_settings: Settings) -> Api:
    """The running API on a database holding exactly the reference data and dev corpus
    (the graphql-core execution twin when parametrized with ``plain``)."""
    plain = getattr(request, "param", "fast") == "plain"
    server: Server = request.getfixturevalue("plain_api_server" if plain else "api_server")
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return Api(server, neo4j_driver, neo4j_settings.database)


def error_codes(body: dict[str, Any]) -> list[str]:
    return [str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []]


def fingerprint(driver: neo4j.Driver, database: str) -> str:
    """A digest of every node and relationship with its labels or type and properties:
    any write (create, delete, set, remove) changes it."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props",
        database_=database).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS a, "
        "elementId(b) AS b, properties(r) AS props", database_=database).records
    rows = sorted(repr([(k, sorted(v.items()) if isinstance(v, dict) else v)
                        for k, v in sorted(record.data().items())]) for record in [*nodes, *rels])
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()
