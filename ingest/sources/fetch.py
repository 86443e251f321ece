"""A careful HTTP fetcher for article pages and feeds.

Why each safeguard exists:

* every hop (the first URL and each redirect) goes through :class:`AddressGuard`,
  which refuses non-http(s) schemes and hosts with any non-public address;
* the socket goes to the address the guard checked (:class:`PinnedBackend`),
  never to a fresh DNS answer, so DNS rebinding cannot slip in an internal
  address; the URL keeps its host name for ``Host``, SNI and certificate checks;
* redirects are followed by hand, at most ``max_redirects``;
* one total time budget (:class:`Deadline`) bounds every DNS look-up, connect, read and
  write of all hops together, so a trickling server cannot stall us;
* the body is decompressed by :class:`BoundedBody`, capped AFTER decompression;
* only the media types we can read are downloaded at all;
* no proxy is ever used: httpcore is driven directly and reads no environment.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

import certifi
import httpcore

from .body import BoundedBody
from .errors import (
    FetchError,
    FetchTimeoutError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
)
from .guard import AddressGuard, IPNetwork, Resolver, Target
from .pinned import Deadline, PinnedBackend, TimeBudgetExceeded

ALLOWED_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "text/plain",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "BlocGraph/0.1 (article ingest)"


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded body with what the reader needs to interpret it."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def parse_content_type(header: str) -> tuple[str, str | None]:
    """Media type (lower case, no parameters) and the declared charset, if any."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


class Fetcher:
    """Fetches http(s) URLs safely; see the module docstring for the rules.

    ``allowed_networks`` lets one instance reach the listed networks even though
    they are not public (tests use ``ip_network("127.0.0.1/32")``). There is no
    global switch: production code that does not pass it cannot reach them.
    ``resolver`` replaces DNS (tests map made-up names to the local server) and
    ``tls_context`` the certificate trust (default: certifi's Mozilla bundle).
    """

    def __init__(
        self,
        *,
        allowed_networks: Iterable[IPNetwork] = (),
        timeout: float = 10.0,
        max_bytes: int = 5_000_000,
        max_redirects: int = 5,
        resolver: Resolver | None = None,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self._guard = AddressGuard(allowed_networks, resolver)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._tls = tls_context

    def fetch(self, url: str) -> FetchedPage:
        """Download ``url`` following safe redirects; raises ``FetchError`` subclasses."""
        deadline = Deadline(self.timeout)
        current = url
        for _hop in range(self.max_redirects + 1):
            target = self._checked(current, deadline)
            location, page = self._hop(target, deadline)
            if page is not None:
                return page
            current = urljoin(str(target.url), location)
        raise TooManyRedirectsError(f"{url} redirected more than {self.max_redirects} times")

    def _checked(self, url: str, deadline: Deadline) -> Target:
        """The guard's check of ``url``, its DNS look-up included, within what is left of
        the time budget: ``getaddrinfo`` has no time-out of its own, so it runs in a
        daemon thread that is abandoned (it ends by itself) if the budget runs out."""
        outcome: list[Target | BaseException] = []

        def check() -> None:
            try:
                outcome.append(self._guard.check(url))
            except BaseException as exc:  # handed to the caller below
                outcome.append(exc)

        worker = threading.Thread(target=check, name="fetch-resolve", daemon=True)
        worker.start()
        with contextlib.suppress(TimeBudgetExceeded):  # used up before: no wait at all
            worker.join(deadline.remaining())
        if not outcome:
            raise FetchTimeoutError(f"{url} timed out after {self.timeout:g} s "
                                    "(resolving its host)")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    def _hop(self, target: Target, deadline: Deadline) -> tuple[str, FetchedPage | None]:
        """One request: the redirect location, or the page when the hop is final."""
        url = str(target.url)
        backend = PinnedBackend(target.host, target.address, deadline)
        try:
            with (
                httpcore.ConnectionPool(
                    ssl_context=self._tls_context(),
                    max_keepalive_connections=0,
                    network_backend=backend,
                ) as pool,
                pool.stream(
                    "GET",
                    _core_url(target),
                    headers=_request_headers(target),
                    extensions={"timeout": dict.fromkeys(_TIMEOUT_KINDS, self.timeout)},
                ) as response,
            ):
                location = _redirect_location(response, url)
                if location is not None:
                    return location, None
                return "", self._read_page(response, url, deadline)
        except httpcore.TimeoutException as exc:
            raise FetchTimeoutError(f"{url} timed out after {self.timeout:g} s") from exc
        except (httpcore.NetworkError, httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            raise FetchError(f"could not fetch {url}: {str(exc) or type(exc).__name__}") from exc

    def _tls_context(self) -> ssl.SSLContext:
        """Certificate-verifying TLS with the Mozilla CA bundle, built once per fetcher."""
        if self._tls is None:
            self._tls = ssl.create_default_context(cafile=certifi.where())
        return self._tls

    def _read_page(self, response: httpcore.Response, url: str, deadline: Deadline) -> FetchedPage:
        if not 200 <= response.status < 300:
            raise FetchError(f"{url} answered HTTP {response.status}")
        media, charset = parse_content_type(_header(response, b"content-type"))
        if media not in ALLOWED_CONTENT_TYPES:
            shown = media or "no content type"
            raise UnsupportedContentTypeError(f"{url} is {shown}, not a page, feed or text")
        encoding = _header(response, b"content-encoding") or "identity"
        self._refuse_declared_oversize(response, url, encoding)
        body = BoundedBody(encoding, self.max_bytes, url)
        for chunk in response.iter_stream():
            deadline.remaining()
            body.feed(chunk)
        return FetchedPage(url=url, content_type=media, charset=charset, body=body.finish())

    def _refuse_declared_oversize(
        self, response: httpcore.Response, url: str, encoding: str
    ) -> None:
        """Fail before downloading when the server already says the body is too big."""
        declared = _header(response, b"content-length")
        is_plain = encoding.strip().lower() == "identity"
        if is_plain and declared.isdigit() and int(declared) > self.max_bytes:
            raise ResponseTooLargeError(
                f"{url} is {int(declared):,} bytes, over the {self.max_bytes:,} byte limit"
            )


_TIMEOUT_KINDS = ("connect", "read", "write", "pool")


def _core_url(target: Target) -> httpcore.URL:
    return httpcore.URL(
        scheme=target.url.raw_scheme,
        host=target.url.raw_host,
        port=target.url.port,
        target=target.url.raw_path,
    )


def _request_headers(target: Target) -> list[tuple[bytes, bytes]]:
    return [
        (b"Host", target.url.netloc),
        (b"User-Agent", USER_AGENT.encode("ascii")),
        (b"Accept-Encoding", b"gzip, deflate"),
        (b"Accept", ", ".join(sorted(ALLOWED_CONTENT_TYPES)).encode("ascii")),
    ]


def _header(response: httpcore.Response, name: bytes) -> str:
    """The first value of a response header ("" when absent)."""
    for key, value in response.headers:
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return ""


def _redirect_location(response: httpcore.Response, url: str) -> str | None:
    if response.status not in REDIRECT_STATUSES:
        return None
    location = _header(response, b"location")
    if not location:
        raise FetchError(f"{url} answered HTTP {response.status} without a Location")
    return location
