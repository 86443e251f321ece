"""http(s) URLs through ``read_sources``: dispatch by content type, refusals as SourceErrors."""

from __future__ import annotations

from collections.abc import Iterator
from ipaddress import ip_network
from pathlib import Path

import pytest

from blocgraph.ingest.sources import Article, Fetcher, SourceError, read_sources
from tests.ingest.fixtures.local_server import LocalServer

FIXTURES = Path(__file__).parent / "fixtures"
LOOPBACK_FETCHER = Fetcher(allowed_networks=[ip_network("127.0.0.1/32")], timeout=5)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.page("/article", (FIXTURES / "article.html").read_bytes())
        running.page("/linked-page", (FIXTURES / "linked_page.html").read_bytes())
        running.page(
            "/plain",
            b"Arm licenses chips to Chinese firms.\r\nDetails follow.",
            content_type="text/plain; charset=utf-8",
        )
        running.page(
            "/latin",
            "Caf\u00e9 talk about Mistral.".encode("latin-1"),
            content_type="text/plain; charset=iso-8859-1",
        )
        running.page("/bad-utf8", b"caf\xe9", content_type="text/plain")
        running.page("/atom", (FIXTURES / "feed.atom").read_bytes(), "application/atom+xml")
        running.page("/feed-as-html", (FIXTURES / "feed.atom").read_bytes(), "text/html")
        running.page("/bomb", (FIXTURES / "entity_bomb.xml").read_bytes(), "application/xml")
        running.page("/image", b"\x89PNG", "image/png")
        yield running


def read_one(url: str, fetcher: Fetcher = LOOPBACK_FETCHER) -> Article | SourceError:
    [result] = read_sources([url], fetcher=fetcher)
    return result


def test_html_url_becomes_article_with_canonical_url(server: LocalServer) -> None:
    url = server.url("/article")
    article = read_one(url)
    assert isinstance(article, Article)
    assert article.source == url
    assert article.url == "https://blocwire.example.com/2024/03/eu-adopts-ai-act"
    assert article.title == "EU adopts the AI Act"


def test_html_url_without_canonical_uses_fetched_url(server: LocalServer) -> None:
    article = read_one(server.url("/linked-page"))
    assert isinstance(article, Article)
    assert article.url == server.url("/linked-page")


def test_same_page_via_file_and_url_gets_same_id(server: LocalServer) -> None:
    from_url = read_one(server.url("/article"))
    [from_file] = read_sources([str(FIXTURES / "article.html")], fetcher=LOOPBACK_FETCHER)
    assert isinstance(from_url, Article)
    assert isinstance(from_file, Article)
    assert from_url.id == from_file.id


def test_plain_text_url_keeps_text_exactly(server: LocalServer) -> None:
    article = read_one(server.url("/plain"))
    assert isinstance(article, Article)
    assert article.text == "Arm licenses chips to Chinese firms.\r\nDetails follow."
    assert article.title == "Arm licenses chips to Chinese firms."
    assert article.url == server.url("/plain")


def test_declared_charset_is_honoured_and_bad_utf8_refused(server: LocalServer) -> None:
    latin = read_one(server.url("/latin"))
    assert isinstance(latin, Article)
    assert latin.text == "Caf\u00e9 talk about Mistral."
    error = read_one(server.url("/bad-utf8"))
    assert isinstance(error, SourceError)
    assert "not valid utf-8" in error.reason


@pytest.mark.parametrize("path", ["/atom", "/feed-as-html"])
def test_feed_url_yields_its_items(server: LocalServer, path: str) -> None:
    article = read_one(server.url(path))
    assert isinstance(article, Article)
    assert article.source == server.url(path)
    assert article.outlet == "Chip Watch"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/bomb", "entity bomb"), ("/image", "image/png"), ("/missing", "HTTP 404")],
)
def test_bad_url_content_is_an_error(server: LocalServer, path: str, reason: str) -> None:
    error = read_one(server.url(path))
    assert isinstance(error, SourceError)
    assert error.item == server.url(path)
    assert reason in error.reason


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.com/a.rss",
    ],
)
def test_refused_urls_are_errors_and_iteration_goes_on(url: str) -> None:
    first, second = read_sources([url, str(FIXTURES / "article.txt")], fetcher=Fetcher())
    assert isinstance(first, SourceError)
    assert first.item == url
    assert first.reason.startswith("refused")
    assert isinstance(second, Article)


def test_default_fetcher_is_used_when_none_given(server: LocalServer) -> None:
    [error] = read_sources([server.url("/article")])
    assert isinstance(error, SourceError)
    assert "loopback" in error.reason
