"""The HTTP application: GraphQL at ``/graphql``, probes, exports and the explorer.

``create_app`` is the one entry point (``blocgraph serve`` and the tests call
it). The :class:`~blocgraph.api.backend.Backend` comes from the lifespan, built
from ``BLOCGRAPH_NEO4J_*`` and closed at shutdown, unless the caller injects
one (then the caller owns it). Routes get it as a FastAPI dependency.

* ``/healthz``: the process answers (no database involved);
* ``/readyz``: Neo4j answers; 503 with the reason when it does not;
* ``/graphql``: the API; GraphiQL on GET in development mode only;
* ``/export/{format}``: downloads (:mod:`blocgraph.api.export_routes`), same read policy;
* ``/``: the explorer (:mod:`blocgraph.api.explorer`).

Every :class:`~blocgraph.errors.BlocGraphError` becomes its HTTP status with
a GraphQL-shaped body (``{"errors": [{"message", "extensions": {"code"}}]}``),
so clients read one error format everywhere; anything else is a bare 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from blocgraph import __version__
from blocgraph.api.auth import Principal, authenticate, presented_key, require_read
from blocgraph.api.backend import Backend
from blocgraph.api.explorer import mount_explorer
from blocgraph.api.export_routes import router as export_router
from blocgraph.api.gql.limits import MASKED_MESSAGE, error_code, public_message
from blocgraph.api.gql.loaders import Context
from blocgraph.api.gql.schema import build_schema
from blocgraph.api.settings import ApiSettings
from blocgraph.errors import BlocGraphError, InputError, StoreUnavailableError
from blocgraph.graph.store.settings import Settings

LOG = logging.getLogger("blocgraph.api")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLargeError(InputError):
    status = 413


def get_backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.api_settings
    return settings


BackendDep = Annotated[Backend, Depends(get_backend)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]


def get_principal(request: Request, settings: SettingsDep) -> Principal:
    """The caller; AuthError for an unknown key, or for no key when reads are keyed."""
    principal = authenticate(settings, presented_key(request.headers))
    require_read(settings, principal)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_context(backend: BackendDep, settings: SettingsDep,
                      principal: PrincipalDep) -> Context:
    return Context(backend, settings, principal)


def create_app(settings: ApiSettings | None = None, backend: Backend | None = None, *,
               graph_settings: Settings | None = None) -> FastAPI:
    """The application; ``backend`` (owned by the caller) replaces the lifespan's own."""
    api_settings = settings or ApiSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = None if backend else Backend.from_settings(
            graph_settings or Settings.from_env(), api_settings.transaction_timeout_s)
        app.state.backend = backend or own
        try:
            yield
        finally:
            if own is not None:
                own.close()

    dev = api_settings.dev  # the OpenAPI description and its viewer are for development
    app = FastAPI(title="BlocGraph", version=__version__, lifespan=lifespan,
                  docs_url="/docs" if dev else None, redoc_url=None,
                  openapi_url="/openapi.json" if dev else None)
    app.state.api_settings = api_settings
    app.add_exception_handler(BlocGraphError, _blocgraph_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(BodyLimit, max_bytes=api_settings.max_body_bytes)
    _add_probes(app)
    graphql = FastJsonRouter(
        build_schema(api_settings), context_getter=get_context,
        graphql_ide="graphiql" if api_settings.dev else None, subscription_protocols=(),
    )
    graphql.max_document_chars = api_settings.max_document_chars
    app.include_router(graphql, prefix="/graphql")
    app.include_router(export_router, dependencies=[Depends(get_principal)])
    mount_explorer(app)
    return app


class FastJsonRouter(GraphQLRouter[Context, None]):
    """Encodes answers with orjson: a page of facts with sources is a large document,
    and the standard library's encoder takes a noticeable share of the request.

    Bodies are decoded with orjson too, which refuses what must not reach a resolver
    or the driver: invalid UTF-8, lone surrogates (``"\\ud800"``) and nesting over
    1,024 levels (the standard library's decoder raised RecursionError there, a 500).
    Each is a 400 naming the reason, in the API's one error format.

    A document (the ``query`` text, variables aside) over ``max_document_chars`` is
    refused here, before parsing: a string literal is one token, so the token limit
    alone lets a 2 MB document through. Long text (an article to ingest) travels in
    variables."""

    max_document_chars = 20_000

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            body = self.decode_json(data)
        except json.JSONDecodeError as exc:  # orjson's error is a subclass
            raise InputError(f"the request body is not valid JSON: {exc}") from None
        query = body.get("query") if isinstance(body, dict) else None
        if isinstance(query, str) and len(query) > self.max_document_chars:
            raise InputError(f"the document has {len(query):,} characters. Allowed: "
                             f"{self.max_document_chars:,} (send long text as variables)")
        return body

    def encode_json(self, data: object) -> bytes:
        try:
            return orjson.dumps(data)
        except TypeError:  # a value orjson refuses (e.g. an integer over 64 bits)
            return json.dumps(data, separators=(",", ":")).encode()


def _add_probes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["probes"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["probes"], response_model=None)
    async def readyz(backend: BackendDep) -> JSONResponse:
        """Ready or not, and nothing about the store's version or address (probes are
        anonymous; the reason is in the server log)."""
        try:
            await run_in_threadpool(backend.ready)
        except StoreUnavailableError as exc:
            return JSONResponse({"status": "unavailable", "reason": public_message(exc)}, 503)
        return JSONResponse({"status": "ready"})


def error_body(message: str, code: str) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code}}]}


async def _blocgraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BlocGraphError)
    return JSONResponse(error_body(public_message(exc), error_code(exc)), exc.status)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    LOG.error("unexpected error on %s", request.url.path, exc_info=exc)
    return JSONResponse(error_body(MASKED_MESSAGE, "INTERNAL_SERVER_ERROR"), 500)


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = JSONResponse(error_body(self._message(), "BAD_USER_INPUT"), 413)
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLargeError(self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"the request body is over the {self.max_bytes:,} byte limit"
