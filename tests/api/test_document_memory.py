"""Parse and validation caches stay small however many distinct large documents arrive.

Before: the caches kept 256 whole documents each, so 700 distinct 2 MB documents
took the API from 312 MB to 1.8 GB for good. Now documents over the size limit are
refused before parsing and only small ones are cached. The API runs as the real
``blocgraph serve`` in a subprocess, so its resident memory is measured alone;
the documents fail validation, so no database is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from blocgraph.api.gql.limits import CACHED_DOCUMENT_CHARS
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store import local_neo4j
from tests.api.test_app import _closed_uri

DOCUMENTS = 1000
LIMIT_MB = 500


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    port = local_neo4j.free_port()
    env = {**os.environ, "BLOCGRAPH_NEO4J_URI": _closed_uri()}
    process = subprocess.Popen(
        [sys.executable, "-m", "blocgraph.api.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/healthz", timeout=2)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)
    try:
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _document(index: int, chars: int) -> str:
    head = f'{{ nothingHere(text: "{index}-'
    return head + "x" * (chars - len(head) - 4) + '") }'


def test_a_document_over_the_size_limit_is_refused_before_parsing(
        server: tuple[str, int]) -> None:
    limit = ApiSettings().max_document_chars
    response = httpx.post(server[0] + "/graphql", json={"query": _document(0, limit + 1)})
    assert response.status_code == 400
    assert f"Allowed: {limit:,}" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("chars", [CACHED_DOCUMENT_CHARS, ApiSettings().max_document_chars])
def test_memory_stays_flat_over_distinct_maximal_documents(
        server: tuple[str, int], chars: int) -> None:
    """1,000 distinct documents of the largest cached size, then of the largest
    accepted size: every one answered, resident memory under 500 MB."""
    base, pid = server
    with httpx.Client(base_url=base, timeout=30) as client:
        for index in range(DOCUMENTS):
            body = client.post("/graphql", json={"query": _document(index, chars)}).json()
            assert "nothingHere" in body["errors"][0]["message"]
    assert _rss_mb(pid) < LIMIT_MB
