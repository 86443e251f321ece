"""Turn one fetched page (HTML or plain text) into an article.

Character sets come only from declarations (the HTTP header, else an HTML
``<meta charset>``), else UTF-8; we never guess from the bytes.
"""

from __future__ import annotations

import re

from blocgraph.errors import InputError

from .article import Article
from .fetch import FetchedPage
from .html import article_from_html
from .text import article_from_text, decode_strict

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_META_SCAN_BYTES = 4096


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` near its start."""
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    return bytes(match.group(1)).decode("ascii").lower() if match else None


def decode_html(data: bytes, header_charset: str | None = None) -> str:
    charset = header_charset or declared_html_charset(data) or "utf-8"
    return decode_strict(data, charset)


def article_from_page(source: str, page: FetchedPage) -> Article:
    """The article of an HTML or text/plain page; other types are the caller's business."""
    if page.content_type in HTML_TYPES:
        return article_from_html(source, decode_html(page.body, page.charset), url=page.url)
    if page.content_type == "text/plain":
        text = decode_strict(page.body, page.charset or "utf-8")
        return article_from_text(source, text, url=page.url)
    raise InputError(f"{page.url} is {page.content_type}, not an HTML page or plain text")
