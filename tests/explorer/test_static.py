"""The built explorer as shipped in the package: served at ``/`` with a strict policy.

No database and no browser: the application is built with an injected backend
that is never called, and the checks read HTTP headers and the built files.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from blocgraph.api.explorer import CONTENT_SECURITY_POLICY, STATIC_DIR, mount_explorer

REPO = Path(__file__).resolve().parents[2]
INDEX = STATIC_DIR / "index.html"


class _Collector(HTMLParser):
    """Scripts, styles and attributes of the built page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.script_bodies: list[str] = []
        self.styles = 0
        self.attributes: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((name, value or "") for name, value in attrs)
        if tag == "script":
            self.scripts.append(dict(attrs))
            self._in_script = True
        elif tag == "style":
            self.styles += 1
        elif tag == "link":
            self.links.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_bodies.append(data)


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    mount_explorer(app)

    @app.get("/graphql")
    def graphql() -> dict[str, str]:
        return {"ok": "yes"}

    return TestClient(app)


@pytest.fixture(scope="module")
def page() -> _Collector:
    assert INDEX.is_file(), "the explorer is not built: run make explorer"
    collector = _Collector()
    collector.feed(INDEX.read_text(encoding="utf-8"))
    return collector


def test_index_is_served_at_root_with_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "BlocGraph" in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    policy = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-cache"


def test_policy_leaves_other_routes_alone(client: TestClient) -> None:
    response = client.get("/graphql")
    assert "content-security-policy" not in response.headers


def test_built_page_has_no_inline_code(page: _Collector) -> None:
    assert page.scripts, "the page loads no script"
    assert all(script.get("src") for script in page.scripts)
    assert page.script_bodies == []
    assert page.styles == 0
    names = {name for name, _ in page.attributes}
    assert "style" not in names
    assert not [name for name in names if name.startswith("on")]


def test_assets_are_served_with_the_policy_and_long_cache(client: TestClient,
                                                          page: _Collector) -> None:
    sources = [s["src"] for s in page.scripts if s.get("src")]
    sources += [link["href"] for link in page.links if link.get("rel") == "stylesheet"]
    assert len(sources) >= 2
    for source in sources:
        assert source is not None and source.startswith("/assets/")
        response = client.get(source)
        assert response.status_code == 200, source
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "immutable" in response.headers["cache-control"]
        kind = "javascript" if source.endswith(".js") else "css"
        assert kind in response.headers["content-type"]


def test_bundle_never_parses_markup_or_evaluates_code() -> None:
    bundles = list((STATIC_DIR / "assets").glob("*.js"))
    assert bundles
    for bundle in bundles:
        code = bundle.read_text(encoding="utf-8")
        for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                      "new Function", "eval("):
            assert risky not in code, f"{risky} in {bundle.name}"


def test_page_holds_no_secrets(page: _Collector) -> None:
    text = INDEX.read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (STATIC_DIR / "assets").glob("*.js"))
    assert not re.search(r"(?i)(api[_-]?key|password|secret)\s*[:=]\s*[\"'][^\"']{6,}", text)


def test_unbuilt_explorer_says_how_to_build_it(tmp_path: Path) -> None:
    app = FastAPI()
    mount_explorer(app, static_dir=tmp_path)
    response = TestClient(app).get("/")
    assert response.status_code == 503
    assert "make explorer" in response.text


def test_front_end_dependencies_come_from_the_lock_file() -> None:
    package = json.loads((REPO / "explorer" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "explorer" / "package-lock.json").read_text(encoding="utf-8"))
    assert "cytoscape" in package["dependencies"]
    locked = lock["packages"]["node_modules/cytoscape"]
    assert locked["integrity"].startswith("sha512-")
    wanted = package["dependencies"]["cytoscape"].lstrip("^~")
    assert locked["version"].split(".")[0] == wanted.split(".")[0]
    assert package["scripts"]["build"].endswith("vite build")
