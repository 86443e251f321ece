"""Schema fuzzing: hypothesis-graphql documents against the running /graphql, no 5xx.

Valid documents (every query field, random arguments and selections) and
invalid ones (wrong types, unknown fields) must all be answered without a
server failure and without an internal error in the body.
"""

from __future__ import annotations

import neo4j
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from blocgraph.api.gql.schema import render_sdl
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import READ_KEY, Api, Server, error_codes
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j

SDL = render_sdl()
FUZZ = settings(max_examples=200, deadline=None, phases=[Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DOCUMENTS = st.one_of(queries(SDL), queries(SDL, mode=Mode.NEGATIVE))


@pytest.fixture(scope="module")
def fuzzed(api_server: Server, neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Api:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return Api(api_server, neo4j_driver, neo4j_settings.database)


def _check(api: Api, document: str, key: str | None) -> None:
    response = api.post({"query": document}, key)
    assert response.status_code < 500, (document, response.text)
    if response.headers.get("content-type", "").startswith("application/json"):
        assert "INTERNAL_SERVER_ERROR" not in error_codes(response.json()), (
            document, response.text)


@FUZZ
@given(document=DOCUMENTS)
def test_fuzzed_queries_never_fail_the_server(fuzzed: Api, document: str) -> None:
    _check(fuzzed, document, READ_KEY)


@settings(FUZZ, max_examples=50)
@given(document=mutations(SDL))
def test_fuzzed_mutations_without_a_key_are_refused_cleanly(fuzzed: Api, document: str) -> None:
    response = fuzzed.post({"query": document})
    assert response.status_code < 500, (document, response.text)
    body = response.json()
    # refused before any write: no key, or over the cost budget (checked before permissions)
    assert set(error_codes(body)) <= {"UNAUTHENTICATED", "QUERY_TOO_COSTLY", "None"}, \
        (document, body)
