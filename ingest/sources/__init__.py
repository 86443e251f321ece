"""Article sources: .txt, HTML, RSS/Atom, JSON Lines, folders and http(s) URLs.

``read_sources`` is the one entry point; URLs (and feed items' linked pages) are
fetched only through the SSRF-safe :class:`Fetcher`.
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
from .reader import SUFFIX_KINDS, read_sources

__all__ = [
    "SUFFIX_KINDS",
    "Article",
    "FetchError",
    "FetchTimeoutError",
    "FetchedPage",
    "Fetcher",
    "RefusedURLError",
    "ResponseTooLargeError",
    "SourceError",
    "TooManyRedirectsError",
    "UnsupportedContentTypeError",
    "article_id",
    "read_sources",
]
