"""HTML pages (via trafilatura) and HTML fragments (feed summaries) to text."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import trafilatura
from trafilatura.settings import set_date_params

from blocgraph.errors import InputError

from .article import Article, iso_date, make_article

_LIST_AND_TABLE_TAGS = {"li", "ul", "ol", "tr", "table"}
_HEADING_TAGS = {f"h{level}" for level in range(1, 7)}
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "blockquote", "section", "article", "pre", "hr", "figure", "figcaption"}
    | _LIST_AND_TABLE_TAGS
    | _HEADING_TAGS
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template"})


def article_from_html(source: str, html: str, *, url: str | None = None) -> Article:
    """Main text and metadata of a page; ``url`` (where it was fetched) is the fallback URL."""
    document = _extract(html, url)
    text = (document.text or "").strip() if document is not None else ""
    if document is None or not any(char.isalnum() for char in text):
        raise InputError("no article text could be extracted from the HTML")
    return make_article(
        source,
        text,
        title=document.title,
        url=_canonical_url(document.url, url),
        published=iso_date(document.date),
        outlet=document.sitename,
    )


def _canonical_url(declared: str | None, fetched_from: str | None) -> str | None:
    """The page's own canonical URL (made absolute), else where it was fetched from."""
    if declared and fetched_from:
        return urljoin(fetched_from, declared)
    return declared or fetched_from


def _extract(html: str, url: str | None) -> trafilatura.settings.Document | None:
    """Run trafilatura; its parser failures on hostile markup become one input error."""
    if not html.strip():
        return None
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as exc:  # lxml and trafilatura raise many unrelated types on bad markup
        raise InputError(f"the HTML could not be parsed ({type(exc).__name__})") from exc
    return result if isinstance(result, trafilatura.settings.Document) else None


class _TextCollector(HTMLParser):
    """Keeps text nodes, turns block elements into line breaks, drops scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_fragment_to_text(fragment: str) -> str:
    """Readable text of a small HTML fragment: one paragraph per line, spaces collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)
