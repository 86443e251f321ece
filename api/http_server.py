"""How ``blocgraph serve`` runs uvicorn: bounded connections and a deadline for headers.

Uvicorn times out idle keep-alive connections but not a client that trickles its
request headers a byte at a time: 1,100 such connections were held open at once
in a probe. :class:`HeaderDeadline` closes a connection whose request line and
headers have not all arrived ``header_timeout`` seconds after it opened (or
after the previous response on it), and ``limit_concurrency`` makes uvicorn
answer 503 at once beyond that many connections and requests in flight, rather
than queueing without bound. Behind a reverse proxy (see docs/security.md) the
proxy buffers requests, so these limits mostly guard direct exposure; uvicorn
trusts ``X-Forwarded-For`` from 127.0.0.1 only (its default), so a proxy on the
same host passes the real client address, which the per-client analytics limit uses.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from blocgraph.api.settings import positive_setting

HEADER_TIMEOUT_S = 10.0
MAX_CONNECTIONS = 256
KEEP_ALIVE_S = 5


class HeaderDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose headers come too slowly."""

    header_timeout = HEADER_TIMEOUT_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # the request's headers are all in

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()


def server_config(app: Any, host: str, port: int,
                  environ: Mapping[str, str] | None = None) -> uvicorn.Config:
    """The uvicorn configuration ``blocgraph serve`` runs with; the limits come from
    ``BLOCGRAPH_API_HEADER_TIMEOUT`` (seconds) and ``BLOCGRAPH_API_MAX_CONNECTIONS``."""
    env = os.environ if environ is None else environ
    timeout = positive_setting(env, "BLOCGRAPH_API_HEADER_TIMEOUT", HEADER_TIMEOUT_S)
    connections = int(positive_setting(env, "BLOCGRAPH_API_MAX_CONNECTIONS", MAX_CONNECTIONS,
                                       int))
    protocol = type("HeaderDeadlineH11", (HeaderDeadline,), {"header_timeout": timeout})
    return uvicorn.Config(app, host=host, port=port, log_level="info", http=protocol,
                          limit_concurrency=connections, timeout_keep_alive=KEEP_ALIVE_S)
