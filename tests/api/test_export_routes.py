"""``GET /export/{format}`` on the dev corpus: streamed bodies, and errors before the body."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import httpx
import neo4j
import pyoxigraph as ox
import pytest

from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import serve
from tests.graph.cuttable_proxy import CuttableProxy
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    """The API, served by uvicorn on a free loopback port, on the dev corpus."""
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    server = serve(ApiSettings(), Backend(neo4j_driver, neo4j_settings.database))
    try:
        yield server.client
    finally:
        server.stop()


def test_json_lines_of_an_entity(client: httpx.Client) -> None:
    response = client.get("/export/jsonl", params={"entity": "mistral-ai", "hops": 1})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="blocgraph-mistral-ai.jsonl"' in response.headers["content-disposition"]
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert any(line.get("id") == "mistral-ai" for line in lines)
    assert any(line["kind"] == "fact" and line["sources"] for line in lines)


def test_turtle_of_a_bloc_and_the_csv_zip(client: httpx.Client) -> None:
    with client.stream("GET", "/export/ttl", params={"bloc": "eu"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/turtle")
        body = b"".join(response.iter_bytes())
    assert len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) > 1000
    response = client.get("/export/csv", params={"entity": "mistral-ai"})
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "nodes_Company.csv" in archive.namelist()


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/export/xml", {}, 400),
    ("/export/jsonl", {"entity": "no-such-entity"}, 404),
    ("/export/jsonl", {"bloc": "atlantis"}, 404),
    ("/export/jsonl", {"entity": "mistral-ai", "bloc": "eu"}, 400),
    ("/export/jsonl", {"entity": "mistral-ai", "hops": 9}, 400),
])
def test_errors_come_before_the_body(client: httpx.Client, path: str,
                                     params: dict[str, str | int], status: int) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    error = response.json()["errors"][0]  # the same error format as /graphql
    assert error["message"] and error["extensions"]["code"] in ("BAD_USER_INPUT", "NOT_FOUND")


def test_a_store_failure_midway_aborts_the_download(neo4j_driver: neo4j.Driver,
                                                    neo4j_settings: Settings) -> None:
    """The status is sent with the first chunk; a failure after it must not look like
    the end of a whole export: the chunked body is cut, and the client says so."""
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    relay = CuttableProxy(neo4j_settings.uri)
    victim = neo4j.GraphDatabase.driver(relay.uri, auth=neo4j_settings.auth,
                                        max_transaction_retry_time=0)
    server = serve(ApiSettings(), Backend(victim, neo4j_settings.database))
    received = 0
    try:
        with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"), \
                server.client.stream("GET", "/export/jsonl") as response:
            assert response.status_code == 200
            for chunk in response.iter_bytes():
                if not received:
                    relay.close()  # the worker still reads pages: the queue holds 8 chunks
                received += len(chunk)
    finally:
        server.stop()
        victim.close()
        relay.close()
    assert received > 0
