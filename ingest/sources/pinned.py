"""The network layer under the fetcher: one pinned address and one time budget.

httpcore lets us supply the code that opens sockets. Ours ignores DNS
entirely and connects to the address the guard already checked, so a second,
different DNS answer (DNS rebinding) can never be used, while the URL keeps its
real host name for the ``Host`` header, TLS SNI and certificate checks.
Every connect, read, write and TLS handshake gets the smaller of its own
time-out and what is left of the total budget, so a server that trickles its
headers or body one byte at a time still cannot hold us past the budget.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from ssl import SSLContext

import httpcore
from httpcore import NetworkBackend, NetworkStream, SyncBackend

from .guard import IPAddress


class TimeBudgetExceeded(httpcore.TimeoutException):
    """The total time budget of one fetch is used up."""


class Deadline:
    """A monotonic end time shared by every hop and socket operation of one fetch."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeBudgetExceeded(f"the {self.seconds:g} s time budget is used up")
        return left

    def bound(self, timeout: float | None) -> float:
        left = self.remaining()
        return left if timeout is None else min(timeout, left)


class _BudgetedStream(NetworkStream):
    """A socket stream whose every operation respects the shared deadline."""

    def __init__(self, inner: NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> NetworkStream:
        secured = self._inner.start_tls(ssl_context, server_hostname, self._deadline.bound(timeout))
        return _BudgetedStream(secured, self._deadline)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class PinnedBackend(NetworkBackend):
    """Opens TCP connections for ``host`` only, and only to ``address``."""

    def __init__(self, host: str, address: IPAddress, deadline: Deadline) -> None:
        self._host = host
        self._address = address
        self._deadline = deadline
        self._system = SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> NetworkStream:
        if host != self._host:  # never connect anywhere the guard did not check
            raise httpcore.ConnectError(f"unexpected connection to {host!r}")
        stream = self._system.connect_tcp(
            str(self._address),
            port,
            timeout=self._deadline.bound(timeout),
            local_address=local_address,
            socket_options=socket_options,
        )
        return _BudgetedStream(stream, self._deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> NetworkStream:
        raise httpcore.ConnectError("unix sockets are never used for fetching")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, self._deadline.remaining()))
