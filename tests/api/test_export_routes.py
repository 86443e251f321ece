"""``GET /export/{format}`` on the dev corpus: streamed bodies, and errors before the body."""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import neo4j
import pyoxigraph as ox
import pytest
import uvicorn
from fastapi import FastAPI

from blocgraph.api.export_routes import router
from blocgraph.graph import local_neo4j
from blocgraph.graph.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    """The router alone in an app, served by uvicorn on a free loopback port."""
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    app = FastAPI()
    app.include_router(router)
    app.state.backend = SimpleNamespace(driver=neo4j_driver, database=neo4j_settings.database)
    port = local_neo4j.free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            yield http
    finally:
        server.should_exit = True
        thread.join(timeout=10)


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
    assert response.json()["detail"]
