"""JSON Lines: one article object per line.

Fields: ``text`` (required, non-empty string), ``url``, ``title``,
``published`` (ISO 8601 date or date-time), ``outlet`` (all optional strings);
other fields are ignored. Each line is decoded and checked on its own, so one
bad line yields a SourceError naming ``file.jsonl:line N`` and the rest go on.
Blank lines are skipped.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any

from blocgraph.errors import InputError

from .article import Article, SourceError, iso_date, make_article
from .text import decode_strict

_OPTIONAL_FIELDS = ("url", "title", "published", "outlet")


def read_jsonl(source: str, data: bytes) -> Iterator[Article | SourceError]:
    """Articles of every line of ``data``; raises InputError when no line holds anything."""
    seen_any = False
    for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield article_from_line(source, raw)
        except InputError as exc:
            yield SourceError(item=f"{source}:line {number}", reason=exc.message)
    if not seen_any:
        raise InputError("the file holds no JSON lines")


def article_from_line(source: str, raw: bytes) -> Article:
    record = _parse_object(decode_strict(raw))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError('the line has no "text" string')
    fields = {name: _optional_string(record, name) for name in _OPTIONAL_FIELDS}
    published = iso_date(fields["published"])
    if fields["published"] and published is None:
        raise InputError(f'"published" is not an ISO 8601 date: {fields["published"]!r}')
    if fields["url"] and not fields["url"].lower().startswith(("http://", "https://")):
        raise InputError(f'"url" is not an http(s) URL: {fields["url"]!r}')
    return make_article(
        source,
        text,
        title=fields["title"],
        url=fields["url"],
        published=published,
        outlet=fields["outlet"],
    )


def _parse_object(line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"the line is not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError("the line nests JSON too deeply") from exc
    if not isinstance(value, dict):
        raise InputError(f"the line is a JSON {type(value).__name__}, not an object")
    return value


def _optional_string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InputError(f'"{name}" must be a string, not {type(value).__name__}')
    return value.strip()
