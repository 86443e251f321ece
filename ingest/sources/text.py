"""Plain-text articles, and the strict UTF-8 decoding every local file gets.

The text is kept exactly as decoded (no newline or whitespace changes) because
later stages store character offsets into it as evidence.
"""

from __future__ import annotations

from blocgraph.errors import InputError

from .article import TITLE_MAX_CHARS, Article, make_article


def decode_strict(data: bytes, encoding: str = "utf-8") -> str:
    """Decode without guessing: a wrong or unknown encoding is an error, not mojibake."""
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise InputError(f"the declared character set {encoding!r} is unknown") from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the content is not valid {encoding} (first bad byte at offset {exc.start}); "
            "convert it to UTF-8 first"
        ) from exc


def title_from_text(text: str) -> str | None:
    """The first non-empty line when it is short enough to be a headline."""
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff").strip()
        if line:
            return line if len(line) < TITLE_MAX_CHARS else None
    return None


def article_from_text(source: str, text: str, *, url: str | None = None) -> Article:
    """An article whose text is ``text`` unchanged."""
    if not text.strip():
        raise InputError("the text is empty")
    return make_article(source, text, title=title_from_text(text), url=url)
