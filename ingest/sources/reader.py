"""The entry point over user-given items, and the built-in sources it knows.

Built in: local files by suffix (.txt, HTML, RSS/Atom, JSON Lines), folders of
them, and http(s) URLs (a page, or a feed when the server says so or the body
looks like one). Further kinds are registered on :data:`SOURCES` (a scheme for
a non-path source, a format for a file suffix) without editing this module.

Every failure of one item becomes a :class:`SourceError` and iteration goes
on, so a batch of a thousand files is not stopped by one bad file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from blocgraph.errors import InputError

from .feed import looks_like_feed, read_feed
from .fetch import Fetcher
from .html import article_from_html
from .jsonl import read_jsonl
from .local import FileSource, FolderSource
from .page import article_from_page, decode_html
from .registry import Output, SourceContext, SourceRegistry, failure, guarded
from .text import article_from_text, decode_strict

SUFFIX_KINDS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
}
"""The file formats built in, by suffix (the registry may know more)."""

XML_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class UrlSource:
    """An http(s) URL, fetched only through the SSRF-safe fetcher."""

    name: str
    context: SourceContext

    @classmethod
    def of(cls, item: str, context: SourceContext) -> UrlSource:
        return cls(item, context)

    def read(self) -> Output:
        fetcher = self.context.fetcher
        page = fetcher.fetch(self.name)
        if page.content_type in XML_TYPES or looks_like_feed(page.body):
            yield from read_feed(self.name, page.body, fetcher, base_url=page.url)
        else:
            yield article_from_page(self.name, page)


def _text_file(source: str, data: bytes, context: SourceContext) -> Output:
    yield article_from_text(source, decode_strict(data))


def _html_file(source: str, data: bytes, context: SourceContext) -> Output:
    yield article_from_html(source, decode_html(data))


def _feed_file(source: str, data: bytes, context: SourceContext) -> Output:
    yield from read_feed(source, data, context.fetcher)


def _jsonl_file(source: str, data: bytes, context: SourceContext) -> Output:
    yield from read_jsonl(source, data)


def default_registry() -> SourceRegistry:
    """A fresh registry holding only the built-in sources and formats."""
    registry = SourceRegistry(file=FileSource.of, folder=FolderSource.of, url=UrlSource.of)
    registry.register_scheme("http", UrlSource.of)
    registry.register_scheme("https", UrlSource.of)
    formats = {"text": _text_file, "html": _html_file, "feed": _feed_file, "jsonl": _jsonl_file}
    for kind, parse in formats.items():
        suffixes = tuple(suffix for suffix, named in SUFFIX_KINDS.items() if named == kind)
        registry.register_format(kind, parse, suffixes)
    return registry


SOURCES = default_registry()
"""The registry ``read_sources`` uses unless given another; register new kinds here."""


def read_sources(
    items: Iterable[str], *, fetcher: Fetcher | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    registry: SourceRegistry | None = None,
) -> Output:
    """Articles from every item, in order; bad items yield SourceError values instead.

    ``fetcher`` fetches URLs and feed items' linked pages (default: a safe
    :class:`Fetcher` with the same ``max_bytes``); ``max_bytes`` caps local files;
    ``registry`` says which source opens which item (default: :data:`SOURCES`).
    """
    active = fetcher if fetcher is not None else Fetcher(max_bytes=max_bytes)
    context = SourceContext(active, max_bytes, registry if registry is not None else SOURCES)
    for item in items:
        yield from _read_item(item, context)


def _read_item(item: str, context: SourceContext) -> Output:
    try:
        source = context.registry.open(item, context)
    except (InputError, OSError) as exc:
        yield failure(item, exc)
        return
    yield from guarded(source.name, source.read)
