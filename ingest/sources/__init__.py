"""Article sources: .txt, HTML, RSS/Atom, JSON Lines, folders and http(s) URLs.

``read_sources`` is the one entry point; URLs (and feed items' linked pages) are
fetched only through the SSRF-safe :class:`Fetcher`. Which :class:`Source` opens
an item is decided by a :class:`SourceRegistry` (:data:`SOURCES` by default), where
a non-path source (a news API, a database) registers a scheme of its own.
"""

from __future__ import annotations

from .article import Article, SourceError, article_id
from .errors import (
    FetchError,
    FetchTimeoutError,
    RefusedURLError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    UnsupportedContentTypeError,
)
from .fetch import FetchedPage, Fetcher
from .reader import SOURCES, SUFFIX_KINDS, default_registry, read_sources
from .registry import FileFormat, Source, SourceContext, SourceFactory, SourceRegistry

__all__ = [
    "SOURCES",
    "SUFFIX_KINDS",
    "Article",
    "FetchError",
    "FetchTimeoutError",
    "FetchedPage",
    "Fetcher",
    "FileFormat",
    "RefusedURLError",
    "ResponseTooLargeError",
    "Source",
    "SourceContext",
    "SourceError",
    "SourceFactory",
    "SourceRegistry",
    "TooManyRedirectsError",
    "UnsupportedContentTypeError",
    "article_id",
    "default_registry",
    "read_sources",
]
