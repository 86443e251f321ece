"""The two values the sources yield: an :class:`Article` or a :class:`SourceError`.

Ids are stable so re-ingesting the same story updates instead of duplicating:
the canonical URL decides when known (the same story fetched twice, or found in
a feed and given directly); otherwise the text with whitespace normalised does
(the same text from a .txt and a URL-less JSONL line gets the same id).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

ID_PREFIX = "a-"
ID_HEX_CHARS = 16
TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class Article:
    """One article's text and metadata; ``text`` is what offsets index."""

    id: str
    source: str
    text: str
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None
    content_hash: str


@dataclass(frozen=True)
class SourceError:
    """An input item that yielded no article, with one human sentence saying why."""

    item: str
    reason: str


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_url(url: str) -> str:
    """Lower-case scheme and host and drop the fragment, which never names a different page."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def article_id(url: str | None, text: str) -> str:
    """Stable id: from the canonical URL when known, else from whitespace-normalised text."""
    key = "url:" + normalise_url(url) if url else "text:" + " ".join(text.split())
    return ID_PREFIX + sha256_hex(key)[:ID_HEX_CHARS]


def clean_optional(value: str | None) -> str | None:
    """Stripped text, or None for missing or blank metadata."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def http_url_or_none(url: str | None) -> str | None:
    """Keep only absolute http(s) URLs; anything else cannot be a canonical address."""
    url = clean_optional(url)
    if url is None:
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 date or date-time, or None when absent or unreadable."""
    value = clean_optional(value)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def make_article(
    source: str,
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> Article:
    """Build an article, deriving its id and content hash."""
    url = http_url_or_none(url)
    return Article(
        id=article_id(url, text),
        source=source,
        text=text,
        title=clean_optional(title),
        url=url,
        published=published,
        outlet=clean_optional(outlet),
        content_hash=sha256_hex(text),
    )
