"""RSS and Atom feeds: one article per item.

Safety: the bytes are first parsed by defusedxml with entity declarations
forbidden, so entity bombs (billion laughs, quadratic blow-up) and external
entities are refused, and only well-formed XML reaches feedparser (we accept
losing feedparser's tolerance of broken feeds in exchange). feedparser gets a
``BytesIO``: given a plain string or bytes it may open it as a URL or a local
file name.

Summary-only items: when an item has no full content, its summary is short
(< ``SUMMARY_MIN_CHARS``) and it links to a page, the page is fetched through
the safe fetcher and used when it yields more text. When that fetch is refused
or fails, the summary is used (with a logged warning); a SourceError is yielded
only when the item has no text at all.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from blocgraph.errors import InputError

from .article import Article, SourceError, http_url_or_none, make_article
from .fetch import Fetcher
from .html import html_fragment_to_text
from .page import article_from_page

SUMMARY_MIN_CHARS = 500
_FEED_ROOT = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?.*?\?>\s*|<!DOCTYPE[^>]*>\s*)*"""
    rb"""<(?:rss|feed|rdf:RDF)[\s>/]""",
    re.S | re.I,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
log = logging.getLogger(__name__)

FeedDict = Any  # feedparser.FeedParserDict: an untyped dict with attribute access


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is rss, feed or rdf:RDF."""
    return _FEED_ROOT.match(data[:4096]) is not None


def refuse_unsafe_xml(data: bytes) -> None:
    """Raise unless ``data`` is well-formed XML without entity declarations."""
    try:
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            "the feed declares XML entities or external references (a possible entity bomb); "
            "refused"
        ) from exc
    except ParseError as exc:
        raise InputError(f"the feed is not well-formed XML ({exc})") from exc


def parse_feed(data: bytes, base_url: str | None = None) -> FeedDict:
    """Checked and parsed feed; raises InputError for unsafe, malformed or empty feeds."""
    refuse_unsafe_xml(data)
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version"):
        raise InputError("the XML is not an RSS or Atom feed")
    if not parsed.entries:
        raise InputError("the feed has no items")
    return parsed


def read_feed(
    source: str, data: bytes, fetcher: Fetcher | None, base_url: str | None = None
) -> Iterator[Article | SourceError]:
    """Articles of every item; a bad item yields a SourceError and the rest go on."""
    parsed = parse_feed(data, base_url)
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        label = f"{source} item {number}"
        try:
            yield _entry_article(source, entry, outlet, fetcher, label)
        except InputError as exc:
            yield SourceError(item=label, reason=exc.message)


def _detail_text(detail: FeedDict) -> str:
    value = str(detail.get("value") or "")
    if detail.get("type", "text/html") in ("text/plain",):
        return value.strip()
    return html_fragment_to_text(value)


def entry_content_text(entry: FeedDict) -> str:
    """The longest of the item's full-content blocks as plain text ("" when it has none)."""
    texts = [_detail_text(block) for block in entry.get("content") or []]
    return max(texts, key=len, default="")


def entry_summary_text(entry: FeedDict) -> str:
    summary = entry.get("summary_detail")
    return _detail_text(summary) if summary else html_fragment_to_text(entry.get("summary", ""))


def entry_date(entry: FeedDict) -> str | None:
    """The published (else updated) date of an item as ``YYYY-MM-DD``."""
    stamp: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp is None:
        return None
    return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()


def _entry_article(
    source: str, entry: FeedDict, outlet: str | None, fetcher: Fetcher | None, label: str
) -> Article:
    link = http_url_or_none(entry.get("link"))
    title, published = entry.get("title"), entry_date(entry)
    text = entry_content_text(entry)
    if not text:
        text = entry_summary_text(entry)
        page = _longer_linked_page(source, text, link, fetcher, label)
        if page is not None:
            return make_article(
                source,
                page.text,
                title=title or page.title,
                url=page.url or link,
                published=published or page.published,
                outlet=outlet or page.outlet,
            )
    if not text:
        why = "its linked page could not be used" if link else "it has no link"
        raise InputError(f"the item has no text and {why}")
    return make_article(source, text, title=title, url=link, published=published, outlet=outlet)


def _longer_linked_page(
    source: str, summary: str, link: str | None, fetcher: Fetcher | None, label: str
) -> Article | None:
    """The linked page when the summary is short and the page says more, else None."""
    if len(summary) >= SUMMARY_MIN_CHARS or link is None or fetcher is None:
        return None
    page = _fetch_linked(source, link, fetcher, label)
    return page if page is not None and len(page.text) > len(summary) else None


def _fetch_linked(source: str, link: str, fetcher: Fetcher, label: str) -> Article | None:
    """The linked page as an article, or None (logged) when it cannot be fetched or read."""
    try:
        page = fetcher.fetch(link)
        if page.content_type not in (*_HTML_TYPES, "text/plain"):
            raise InputError(f"{link} is {page.content_type}, not an article page")
        return article_from_page(source, page)
    except InputError as exc:
        log.warning("%s: using the feed summary; linked page unusable: %s", label, exc.message)
        return None
