"""The safe fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import shutil
import ssl
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from ipaddress import ip_address, ip_network
from pathlib import Path
from typing import Any

import pytest

from blocgraph.errors import InputError
from blocgraph.ingest.sources import (
    Fetcher,
    FetchError,
    FetchTimeoutError,
    RefusedURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
)
from blocgraph.ingest.sources.guard import IPAddress, forbidden_reason
from tests.ingest.fixtures.local_server import LocalServer

LOOPBACK_ONLY = [ip_network("127.0.0.1/32")]
PAGE = b"<html><body><p>Nvidia ships H20 chips to China.</p></body></html>"


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def test_fetcher_allowed_for_loopback_reads_page(server: LocalServer) -> None:
    url = server.page("/ok", PAGE)
    page = Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)
    assert page.body == PAGE
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.url == url


def test_connection_goes_to_checked_address_with_real_host_header(server: LocalServer) -> None:
    """news.test exists in no DNS: the request only arrives if the checked address is pinned."""
    server.page("/pinned", PAGE)
    resolved: list[str] = []

    def resolver(host: str, port: int) -> list[IPAddress]:
        resolved.append(host)
        return [ip_address("127.0.0.1")]

    fetcher = Fetcher(allowed_networks=LOOPBACK_ONLY, resolver=resolver)
    page = fetcher.fetch(f"http://news.test:{server.port}/pinned#section")
    assert page.body == PAGE
    assert resolved == ["news.test"]  # resolved once, by the guard, never again
    assert ("/pinned", f"news.test:{server.port}") in server.requests


def test_default_fetcher_refuses_local_server_without_contacting_it(server: LocalServer) -> None:
    url = server.page("/never", PAGE)
    with pytest.raises(RefusedURLError, match="loopback"):
        Fetcher().fetch(url)
    assert "/never" not in server.paths_requested()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://100.64.0.1/", "shared"),
        ("http://[::1]/", "loopback"),
        ("http://[fc00::1]/", "private"),
        ("http://[fe80::1]/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[2002:7f00:1::]/", "loopback"),
        ("http://[::ffff:a00:1]/", "private"),
        ("http://[64:ff9b::a9fe:a9fe]/", r"link-local \(embedded 169\.254\.169\.254\)"),
        ("http://2130706433/", "loopback"),
        ("https://240.0.0.1/", "reserved"),
    ],
)
def test_non_public_addresses_are_refused(url: str, reason: str) -> None:
    with pytest.raises(RefusedURLError, match=reason) as caught:
        Fetcher().fetch(url)
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/feed.xml",
        "gopher://example.com/",
        "data:text/html,<p>hi</p>",
        "javascript:alert(1)",
        "example.com/no-scheme",
    ],
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(RefusedURLError, match="only http and https"):
        Fetcher().fetch(url)


def test_url_with_credentials_is_refused() -> None:
    with pytest.raises(RefusedURLError, match="credentials"):
        Fetcher().fetch("http://user:secret@example.com/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://example.com:99999/", "out of range"), ("http://example.com:abc/", "not a valid URL")],
)
def test_bad_port_is_refused(url: str, reason: str) -> None:
    with pytest.raises(RefusedURLError, match=reason):
        Fetcher().fetch(url)


def test_host_is_refused_when_any_resolved_address_is_private() -> None:
    def resolver(host: str, port: int) -> list[IPAddress]:
        return [ip_address("93.184.216.34"), ip_address("10.0.0.7")]

    with pytest.raises(RefusedURLError, match=r"10\.0\.0\.7"):
        Fetcher(resolver=resolver).fetch("https://mixed.test/")


def test_public_addresses_have_no_forbidden_reason() -> None:
    for text in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"):
        assert forbidden_reason(ip_address(text)) is None


def test_allowed_networks_open_only_what_they_list(server: LocalServer) -> None:
    url = server.page("/other-loopback", PAGE).replace("127.0.0.1", "127.0.0.2")
    with pytest.raises(RefusedURLError, match=r"127\.0\.0\.2"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)


def test_redirect_to_forbidden_address_is_refused_at_the_hop(server: LocalServer) -> None:
    url = server.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(RefusedURLError, match=r"169\.254\.169\.254"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)
    assert "/to-metadata" in server.paths_requested()


def test_redirect_to_non_http_scheme_is_refused(server: LocalServer) -> None:
    url = server.redirect("/to-file", "file:///etc/passwd")
    with pytest.raises(RefusedURLError, match="only http and https"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)


def test_relative_redirect_is_followed(server: LocalServer) -> None:
    target = server.page("/moved-here", PAGE)
    url = server.redirect("/moved", "/moved-here", status=301)
    page = Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)
    assert page.body == PAGE
    assert page.url == target


def test_too_many_redirects_are_refused(server: LocalServer) -> None:
    for hop in range(10):
        server.redirect(f"/loop/{hop}", f"/loop/{hop + 1}")
    before = len(server.paths_requested())
    with pytest.raises(TooManyRedirectsError, match="more than 5"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(server.url("/loop/0"))
    assert len(server.paths_requested()) - before == 6


def test_gzip_bomb_is_stopped_by_decompressed_cap(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * 40_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    url = server.page("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(ResponseTooLargeError, match="after decompression"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, no zlib header
    ],
)
def test_compressed_bodies_are_decoded(
    server: LocalServer, encoding: str, compress: Callable[[bytes], bytes]
) -> None:
    path = f"/compressed-{encoding}-{id(compress)}"
    url = server.page(path, compress(PAGE), headers={"Content-Encoding": encoding})
    assert Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url).body == PAGE


def test_unsupported_content_encoding_is_refused(server: LocalServer) -> None:
    url = server.page("/brotli", b"\x0b\x02\x80hi\x03", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="unsupported content encoding"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)


def test_declared_oversize_body_is_refused_before_download(server: LocalServer) -> None:
    url = server.page("/big", b"a" * 2_000, content_type="text/plain")
    with pytest.raises(ResponseTooLargeError, match="2,000 bytes"):
        Fetcher(allowed_networks=LOOPBACK_ONLY, max_bytes=1_000).fetch(url)


def test_undeclared_oversize_body_is_cut_off(server: LocalServer) -> None:
    url = server.page(
        "/big-undeclared", b"a" * 2_000, content_type="text/plain", declare_length=False
    )
    with pytest.raises(ResponseTooLargeError):
        Fetcher(allowed_networks=LOOPBACK_ONLY, max_bytes=1_000).fetch(url)


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream", None])
def test_wrong_content_type_is_refused(server: LocalServer, content_type: str | None) -> None:
    url = server.page(f"/typed-{content_type}", b"\x89PNG....", content_type=content_type)
    with pytest.raises(UnsupportedContentTypeError, match="not a page, feed or text"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(url)


def test_http_error_status_is_an_error(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(allowed_networks=LOOPBACK_ONLY).fetch(server.url("/missing"))


def test_server_silent_before_headers_times_out(server: LocalServer) -> None:
    url = server.trickle("/slow-headers", pieces=1, delay=0.0, headers_delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="timed out"):
        Fetcher(allowed_networks=LOOPBACK_ONLY, timeout=0.5).fetch(url)
    assert time.monotonic() - started < 2.0


def test_trickling_body_hits_the_total_time_budget(server: LocalServer) -> None:
    url = server.trickle("/trickle", pieces=60, delay=0.05)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="timed out"):
        Fetcher(allowed_networks=LOOPBACK_ONLY, timeout=0.6).fetch(url)
    assert time.monotonic() - started < 2.0


def test_trickling_headers_hit_the_total_time_budget(server: LocalServer) -> None:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for number in range(100):
            handler.wfile.write(b"X-Pad-%d: y\r\n" % number)
            handler.wfile.flush()
            time.sleep(0.05)

    server.routes["/trickle-headers"] = route
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="timed out"):
        Fetcher(allowed_networks=LOOPBACK_ONLY, timeout=0.6).fetch(server.url("/trickle-headers"))
    assert time.monotonic() - started < 2.0


def test_unresolvable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve host"):
        Fetcher().fetch("http://no-such-host.invalid/")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for news.test (made with the openssl tool)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def test_https_to_pinned_address_keeps_sni_and_certificate_checks(
    certificate: tuple[Path, Path],
) -> None:
    cert, key = certificate
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    with LocalServer(tls=server_tls) as server:
        server.page("/secure", PAGE)
        options: dict[str, Any] = {
            "allowed_networks": LOOPBACK_ONLY,
            "resolver": lambda host, port: [ip_address("127.0.0.1")],
        }
        trusting = Fetcher(tls_context=ssl.create_default_context(cafile=str(cert)), **options)
        assert trusting.fetch(f"https://news.test:{server.port}/secure").body == PAGE
        with pytest.raises(FetchError, match="certificate"):
            trusting.fetch(f"https://other.test:{server.port}/secure")
        with pytest.raises(FetchError, match="certificate"):
            Fetcher(**options).fetch(f"https://news.test:{server.port}/secure")


def test_a_slow_dns_answer_counts_against_the_time_budget() -> None:
    """getaddrinfo has no time-out: a resolver that takes 5 s used to hold a 1 s fetch
    for all 5 s before its first connect."""
    def slow_resolver(host: str, port: int) -> list[IPAddress]:
        time.sleep(5)
        return [ip_address("127.0.0.1")]

    fetcher = Fetcher(allowed_networks=LOOPBACK_ONLY, resolver=slow_resolver, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="resolving its host"):
        fetcher.fetch("http://slow-dns.test/")
    assert time.monotonic() - started < 2.5
