"""RSS/Atom feeds: items, summary-only items fetched safely, unsafe and broken feeds."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from ipaddress import ip_network
from pathlib import Path

import pytest

from blocgraph.ingest.sources import Article, Fetcher, SourceError, read_sources
from blocgraph.ingest.sources.feed import looks_like_feed
from tests.ingest.fixtures.local_server import LocalServer

FIXTURES = Path(__file__).parent / "fixtures"
LOOPBACK_FETCHER = Fetcher(allowed_networks=[ip_network("127.0.0.1/32")], timeout=5)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.page("/linked-page", (FIXTURES / "linked_page.html").read_bytes())
        yield running


@pytest.fixture
def feed_file(tmp_path: Path, server: LocalServer) -> Path:
    """The RSS fixture with its summary-only item linking to the local server."""
    text = (FIXTURES / "feed.rss").read_text(encoding="utf-8")
    path = tmp_path / "feed.rss"
    path.write_text(text.replace("__BASE__", server.base_url), encoding="utf-8")
    return path


def read_all(*items: str | Path, fetcher: Fetcher) -> list[Article | SourceError]:
    return list(read_sources([str(item) for item in items], fetcher=fetcher))


def test_rss_items_with_full_content_become_articles(feed_file: Path) -> None:
    first, second, _third = read_all(feed_file, fetcher=LOOPBACK_FETCHER)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.title == "Japan funds Rapidus chip plant"
    assert first.text == (
        "The government of Japan approved another 590 billion yen for Rapidus, the chipmaker "
        "building a 2-nanometre plant in Hokkaido.\n"
        "The subsidy brings public support for the project to more than 920 billion yen."
    )
    assert first.url == "https://blocwire.example.com/2024/04/rapidus"
    assert first.published == "2024-04-02"
    assert first.outlet == "Bloc Wire: AI"
    assert first.source == feed_file.name
    assert "track()" not in second.text
    assert second.published == "2024-04-14"  # 06:00 +09:00 is the 14th in UTC


def test_summary_only_item_is_completed_from_its_linked_page(
    feed_file: Path, server: LocalServer
) -> None:
    *_, third = read_all(feed_file, fetcher=LOOPBACK_FETCHER)
    assert isinstance(third, Article)
    assert "Public Investment Fund of Saudi Arabia" in third.text
    assert third.title == "Saudi fund invests in AI data centres"
    assert third.url == server.url("/linked-page")
    assert third.published == "2024-04-02"
    assert third.outlet == "Bloc Wire: AI"
    assert "/linked-page" in server.paths_requested()


def test_summary_is_used_when_linked_page_is_refused(
    feed_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        *_, third = read_all(feed_file, fetcher=Fetcher())
    assert isinstance(third, Article)
    assert third.text == "Saudi Arabia's PIF plans AI data centres."
    assert third.url is not None
    assert third.url.endswith("/linked-page")
    assert "item 3" in caplog.text
    assert "loopback" in caplog.text


def test_item_without_text_or_link_is_an_error_naming_the_item(tmp_path: Path) -> None:
    path = tmp_path / "gaps.xml"
    path.write_text(
        "<rss version='2.0'><channel><title>Gaps</title>"
        "<item><title>Fine</title><description>Baidu released Ernie 4.</description></item>"
        "<item><title>Nothing</title></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    fine, empty = read_all(path, fetcher=Fetcher())
    assert isinstance(fine, Article)
    assert isinstance(empty, SourceError)
    assert empty.item == f"{path} item 2"
    assert empty.reason == "the item has no text and it has no link"


def test_atom_feed_is_read() -> None:
    [article] = read_all(FIXTURES / "feed.atom", fetcher=Fetcher())
    assert isinstance(article, Article)
    assert article.text == (
        "TSMC began volume production at its plant in Arizona, supported by the CHIPS Act."
    )
    assert article.url == "https://chipwatch.example.org/tsmc-arizona"
    assert article.published == "2024-05-01"
    assert article.outlet == "Chip Watch"


def test_same_url_from_feed_and_jsonl_gets_same_id(tmp_path: Path) -> None:
    jsonl = tmp_path / "same.jsonl"
    jsonl.write_text(
        '{"url": "https://chipwatch.example.org/tsmc-arizona", "text": "Different text."}\n'
    )
    from_feed, from_jsonl = read_all(FIXTURES / "feed.atom", jsonl, fetcher=Fetcher())
    assert isinstance(from_feed, Article)
    assert isinstance(from_jsonl, Article)
    assert from_feed.id == from_jsonl.id


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("entity_bomb.xml", "entity bomb"),
        ("malformed_feed.xml", "not well-formed XML"),
        ("not_a_feed.xml", "not an RSS or Atom feed"),
    ],
)
def test_unsafe_or_broken_feeds_are_errors(name: str, reason: str) -> None:
    [error] = read_all(FIXTURES / name, fetcher=Fetcher())
    assert isinstance(error, SourceError)
    assert error.item == str(FIXTURES / name)
    assert reason in error.reason


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<rss version='2.0'><channel><title>&xxe;</title>"
        "<item><description>x</description></item></channel></rss>",
        encoding="utf-8",
    )
    [error] = read_all(path, fetcher=Fetcher())
    assert isinstance(error, SourceError)
    assert "entity" in error.reason


def test_doctype_without_entities_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "rss091.rss"
    path.write_text(
        '<?xml version="1.0"?>'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        "<rss version='0.91'><channel><title>Old</title><link>https://old.example.com/</link>"
        "<item><title>T</title><description>Samsung builds HBM in Korea.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [article] = read_all(path, fetcher=Fetcher())
    assert isinstance(article, Article)
    assert article.text == "Samsung builds HBM in Korea."


def test_feed_without_items_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>', encoding="utf-8"
    )
    [error] = read_all(path, fetcher=Fetcher())
    assert isinstance(error, SourceError)
    assert error.reason == "the feed has no items"


def test_feed_sniffing() -> None:
    assert looks_like_feed((FIXTURES / "feed.rss").read_bytes())
    assert looks_like_feed((FIXTURES / "feed.atom").read_bytes())
    assert looks_like_feed(b"\xef\xbb\xbf<!-- c --><rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed((FIXTURES / "article.html").read_bytes())
    assert not looks_like_feed((FIXTURES / "not_a_feed.xml").read_bytes())
