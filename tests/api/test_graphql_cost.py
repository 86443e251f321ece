"""The static cost limit, the per-client limit on analytics, and the transaction timeout."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import neo4j
import pytest
from graphql import parse

from blocgraph.api.backend import Backend
from blocgraph.api.gql.cost import ClientSlots, Cost, operation_cost
from blocgraph.api.gql.schema import build_schema
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import Server, error_codes, serve
from tests.graph.dev_corpus import ensure_dev_graph

MATRIX = "dependencyMatrix(first: 100) { rows { entity { id } } }"
FIFTEEN_MATRICES = "{ " + " ".join(f"m{i}: {MATRIX}" for i in range(15)) + " }"
NESTED = "query($n: Int!) { entities(first: $n) { nodes { facts(first: 100) { nodes { key } } } } }"
SCHEMA = build_schema()._schema


@pytest.mark.parametrize(("document", "variables", "cost"), [
    ("{ blocs { id name } }", {}, Cost(1)),
    ("{ " + MATRIX + " }", {}, Cost(1000 + 100 * 2, 1000)),
    (FIFTEEN_MATRICES, {}, Cost(15 * 1200, 15 * 1000)),
    (NESTED, {"n": 10}, Cost(1 + 10 * (1 + 1 + 100 * 1))),
    ('query { ...F ...F } fragment F on Query { search(text: "x", first: 5) '
     "{ nodes { score } } }", {}, Cost(2 * (10 + 5 * 1))),
])
def test_operation_cost(document: str, variables: dict[str, Any], cost: Cost) -> None:
    assert operation_cost(SCHEMA, parse(document), None, variables) == cost


def test_client_slots_hold_at_most_the_limit_per_client() -> None:
    slots = ClientSlots(2)
    assert slots.take("a") and slots.take("a") and not slots.take("a")
    assert slots.take("b")
    slots.give_back("a")
    assert slots.take("a")


@pytest.fixture(scope="module")
def defaults(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> Iterator[Server]:
    """The API with default limits, on the dev graph."""
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    server = serve(ApiSettings(), Backend(neo4j_driver, neo4j_settings.database))
    yield server
    server.stop()


def _ask(server: Server, query: str, variables: dict[str, Any] | None = None
         ) -> dict[str, Any]:
    body: dict[str, Any] = server.client.post(
        "/graphql", json={"query": query, "variables": variables or {}}).json()
    return body


@pytest.mark.neo4j
def test_fifteen_aliased_matrices_are_refused_before_running(defaults: Server) -> None:
    """They used to run: fifteen whole-graph loads from one anonymous request."""
    started = time.perf_counter()
    body = _ask(defaults, FIFTEEN_MATRICES)
    assert time.perf_counter() - started < 1.0
    assert body.get("data") is None and error_codes(body) == ["QUERY_TOO_COSTLY"]
    assert "costs 18,000. Allowed: 5,000" in body["errors"][0]["message"]
    assert _ask(defaults, "{ " + MATRIX + " }")["data"]["dependencyMatrix"]["rows"]


@pytest.mark.neo4j
def test_cost_follows_variables(defaults: Server) -> None:
    assert error_codes(_ask(defaults, NESTED, {"n": 100})) == ["QUERY_TOO_COSTLY"]
    assert "entities" in _ask(defaults, NESTED, {"n": 5})["data"]


@pytest.fixture(scope="module")
def one_at_a_time(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> Iterator[Server]:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    server = serve(ApiSettings(max_expensive=1), Backend(neo4j_driver, neo4j_settings.database))
    yield server
    server.stop()


@pytest.mark.neo4j
def test_a_client_runs_a_limited_number_of_analytics_at_once(one_at_a_time: Server) -> None:
    start = threading.Barrier(4)
    codes: list[list[str]] = []

    def ask() -> None:
        start.wait()
        body = httpx.post(one_at_a_time.url + "/graphql", timeout=120,
                          json={"query": "{ dependencyMatrix(type: Company, first: 100) "
                                         "{ rows { entity { id } } } }"}).json()
        codes.append(error_codes(body))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [] in codes  # at least one ran
    assert ["TOO_MANY_REQUESTS"] in codes  # and the overlapping ones were told to wait
    # a cheap query is never held back
    assert httpx.post(one_at_a_time.url + "/graphql", json={"query": "{ blocs { id } }"}
                      ).json()["data"]["blocs"]


@pytest.mark.neo4j
def test_every_statement_of_the_api_runs_under_a_transaction_timeout(
        neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> None:
    backend = Backend(neo4j_driver, neo4j_settings.database, transaction_timeout=0.5)
    slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n"
    started = time.perf_counter()
    with pytest.raises(neo4j.exceptions.ClientError, match=r"(?i)timeout|terminated"):
        backend.driver.execute_query(slow, database_=neo4j_settings.database)
    with pytest.raises(neo4j.exceptions.ClientError, match=r"(?i)timeout|terminated"), \
            backend.driver.session(database=neo4j_settings.database) as session:
        session.execute_read(lambda tx: tx.run(slow).single())
    assert time.perf_counter() - started < 20
