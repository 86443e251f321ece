"""A running API over the development graph, and headless Chromium to drive it.

The server is the real application (``create_app``) served by uvicorn in a
thread on a free 127.0.0.1 port, over the session's Neo4j holding the
reference data and the dev corpus. Chromium is Debian's ``/usr/bin/chromium``
driven by Playwright (``make browser-deps`` installs both); the browser tests
are skipped with a reason when either is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
import uvicorn

from blocgraph.api.app import create_app
from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.store.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph

CHROMIUM = os.environ.get("BLOCGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WRITE_KEY = "explorer-test-write-key"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn serving ``app`` in a daemon thread until :meth:`stop`."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def dev_graph(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    return ensure_dev_graph(neo4j_driver, neo4j_settings.database)


@pytest.fixture(scope="session")
def api_server(neo4j_settings: Settings, dev_graph: neo4j.Driver) -> Iterator[ServerThread]:
    """The API and explorer on a free port, over the dev graph, with a write key."""
    backend = Backend(dev_graph, neo4j_settings.database)
    app = create_app(ApiSettings(keys={WRITE_KEY: "write"}), backend)
    server = ServerThread(app)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser_context() -> Iterator[Any]:
    """A Chromium context with a fresh, empty profile directory."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="make browser-deps")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run make browser-deps")
    profile = tempfile.mkdtemp(prefix="blocgraph-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 960}, accept_downloads=True,
            device_scale_factor=1,
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
