"""Serving the explorer: the built single-page app at ``/`` and its files at ``/assets``.

The explorer is plain static files built by ``make explorer`` into ``api/static``
(shipped as package data), so a ``pip install`` serves it without Node.js. It
reads everything through the public GraphQL API and export endpoints, hence the
strict Content-Security-Policy: scripts, styles and connections only from this
origin, no inline code, and no framing. The policy is added to explorer
responses only, so the GraphQL IDE at ``/graphql`` keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from fastapi import FastAPI, Response
from fastapi.responses import FileResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC_DIR = Path(__file__).resolve().parent / "static"
ASSETS_PREFIX = "/assets"

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# Built files carry a content hash in their names, so they never change in place.
ASSET_CACHE = "public, max-age=31536000, immutable"
INDEX_CACHE = "no-cache"

NOT_BUILT = (
    "The BlocGraph explorer is not built in this installation. "
    "Run `make explorer` (needs Node.js and npm) and restart the API; "
    "the GraphQL API is at /graphql meanwhile.\n"
)


def mount_explorer(app: FastAPI, static_dir: Path = STATIC_DIR) -> None:
    """Serve the explorer from ``static_dir`` on ``app`` with its security headers."""
    index = static_dir / "index.html"

    @app.get("/", include_in_schema=False, response_model=None)
    def explorer_index() -> Response:
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return FileResponse(index, media_type="text/html", headers={"Cache-Control": INDEX_CACHE})

    assets = static_dir / "assets"
    if assets.is_dir():
        app.mount(ASSETS_PREFIX, StaticFiles(directory=assets), name="explorer-assets")
    app.add_middleware(ExplorerHeaders)


def is_explorer_path(path: str) -> bool:
    """True for the responses that make up the explorer page."""
    return path == "/" or path == "/index.html" or path.startswith(ASSETS_PREFIX + "/")


class ExplorerHeaders:
    """Adds the security and cache headers to explorer responses.

    A plain ASGI middleware: every other request (``/graphql`` above all) passes
    straight through, without the per-request task and body streaming that
    ``@app.middleware("http")`` wrappers cost.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not is_explorer_path(path):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if path.startswith(ASSETS_PREFIX + "/") and message["status"] == 200:
                    headers["Cache-Control"] = ASSET_CACHE
            await send(message)

        await self.app(scope, receive, with_headers)
