"""``blocgraph serve``'s server: slow headers are cut off, connections are bounded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from blocgraph.api.http_server import HeaderDeadline, server_config
from blocgraph.errors import InputError
from blocgraph.graph.store import local_neo4j
from tests.api.test_app import _closed_uri


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, int]]:
    """The real command in a subprocess, with a 1 s header deadline (no Neo4j needed)."""
    port = local_neo4j.free_port()
    env = {**os.environ, "BLOCGRAPH_NEO4J_URI": _closed_uri(),
           "BLOCGRAPH_API_HEADER_TIMEOUT": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "blocgraph.api.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)
    try:
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=20)


def _trickle(address: tuple[str, int], seconds: float) -> float:
    """Send a request line and then a header byte every 0.2 s; when did the server hang up?"""
    started = time.monotonic()
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        try:
            while time.monotonic() - started < seconds:
                sock.sendall(b"X")
                time.sleep(0.2)
                sock.setblocking(False)
                try:
                    if sock.recv(1) == b"":
                        break  # closed by the server
                except BlockingIOError:
                    pass
                finally:
                    sock.setblocking(True)
        except OSError:
            pass  # reset by the server
    return time.monotonic() - started


def test_trickled_headers_are_cut_off(served: tuple[str, int]) -> None:
    """Before, such a connection stayed open as long as bytes kept coming."""
    assert _trickle(served, seconds=8) < 4
    # and an ordinary client on a kept-alive connection is served as before
    with httpx.Client(base_url=f"http://{served[0]}:{served[1]}") as client:
        for _ in range(3):
            assert client.get("/healthz").json() == {"status": "ok"}
            time.sleep(0.3)


def test_server_config_bounds_connections() -> None:
    config = server_config(object(), "127.0.0.1", 8000, {"BLOCGRAPH_API_MAX_CONNECTIONS": "64",
                                                         "BLOCGRAPH_API_HEADER_TIMEOUT": "3"})
    assert config.limit_concurrency == 64 and config.timeout_keep_alive == 5
    assert isinstance(config.http, type) and issubclass(config.http, HeaderDeadline)
    assert config.http.header_timeout == 3.0
    with pytest.raises(InputError, match="BLOCGRAPH_API_HEADER_TIMEOUT"):
        server_config(object(), "127.0.0.1", 8000, {"BLOCGRAPH_API_HEADER_TIMEOUT": "soon"})
