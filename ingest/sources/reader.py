"""Dispatch over user-given items: files, folders and http(s) URLs.

Every failure of one item becomes a :class:`SourceError` and iteration goes
on, so a batch of a thousand files is not stopped by one bad file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from blocgraph.errors import InputError

from .article import Article, SourceError
from .feed import looks_like_feed, read_feed
from .fetch import Fetcher
from .html import article_from_html
from .jsonl import read_jsonl
from .page import article_from_page, decode_html
from .text import article_from_text, decode_strict

Output = Iterator[Article | SourceError]

SUFFIX_KINDS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
}
XML_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
DEFAULT_MAX_BYTES = 5_000_000


def read_sources(
    items: Iterable[str], *, fetcher: Fetcher | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Output:
    """Articles from every item, in order; bad items yield SourceError values instead.

    ``fetcher`` fetches URLs and feed items' linked pages (default: a safe
    :class:`Fetcher` with the same ``max_bytes``); ``max_bytes`` caps local files.
    """
    active = fetcher if fetcher is not None else Fetcher(max_bytes=max_bytes)
    for item in items:
        yield from _read_item(item, active, max_bytes)


def _read_item(item: str, fetcher: Fetcher, max_bytes: int) -> Output:
    if not item.strip():  # Path("") is the current folder, which nobody means
        yield SourceError(item=item, reason="the item is empty")
    elif _URL_LIKE.match(item):
        yield from _guarded(item, lambda: _read_url(item, fetcher))
    elif Path(item).is_dir():
        yield from _read_folder(item, fetcher, max_bytes)
    else:
        yield from _guarded(item, lambda: _read_file(item, fetcher, max_bytes, Path(item).name))


def _guarded(item: str, produce: Callable[[], Output]) -> Output:
    """Run one item's reader, turning its expected failures into a SourceError."""
    try:
        yield from produce()
    except InputError as exc:
        yield SourceError(item=item, reason=exc.message)
    except OSError as exc:
        yield SourceError(item=item, reason=f"the file could not be read ({exc.strerror or exc})")


def _read_url(url: str, fetcher: Fetcher) -> Output:
    page = fetcher.fetch(url)
    if page.content_type in XML_TYPES or looks_like_feed(page.body):
        yield from read_feed(url, page.body, fetcher, base_url=page.url)
    else:
        yield article_from_page(url, page)


def _read_file(item: str, fetcher: Fetcher, max_bytes: int, shown: str) -> Output:
    """The file's articles, their ``source`` starting with ``shown`` (the file name, or
    its path below the folder given) instead of the path on this machine: articles are
    public, the server's folders are not. Errors still name ``item`` as the user gave it."""
    for output in _file_outputs(item, fetcher, max_bytes):
        if isinstance(output, Article) and output.source.startswith(item):
            output = replace(output, source=shown + output.source[len(item):])
        yield output


def _file_outputs(item: str, fetcher: Fetcher, max_bytes: int) -> Output:
    path = Path(item)
    kind = _file_kind(path)
    data = read_capped(path, max_bytes)
    if kind == "text":
        yield article_from_text(item, decode_strict(data))
    elif kind == "html":
        yield article_from_html(item, decode_html(data))
    elif kind == "feed":
        yield from read_feed(item, data, fetcher)
    else:
        yield from read_jsonl(item, data)


def _file_kind(path: Path) -> str:
    if not path.exists():
        raise InputError("no such file or folder")
    if not path.is_file():
        raise InputError("not a regular file or folder")
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind is None:
        shown = path.suffix or "no extension"
        raise InputError(f"unsupported file type ({shown}); supported: {_supported_list()}")
    return kind


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; its size is checked before reading so a huge file is never loaded."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"the file is {size:,} bytes, over the {max_bytes:,} byte limit")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"the file grew past the {max_bytes:,} byte limit while being read")
    if not data.strip():
        raise InputError("the file is empty")
    return data


def _read_folder(item: str, fetcher: Fetcher, max_bytes: int) -> Output:
    relative_paths = folder_files(Path(item))
    if not relative_paths:
        yield SourceError(item, f"the folder holds no supported files ({_supported_list()})")
    folder = Path(item).resolve().name
    for relative in relative_paths:
        shown = str(PurePosixPath(folder, Path(relative).as_posix()))
        yield from _read_member(os.path.join(item, relative), fetcher, max_bytes, shown)


def _read_member(member: str, fetcher: Fetcher, max_bytes: int, shown: str) -> Output:
    yield from _guarded(member, lambda: _read_file(member, fetcher, max_bytes, shown))


def folder_files(root: Path) -> list[str]:
    """Supported, non-hidden files under ``root`` (recursively), relative, sorted by path parts."""
    found: list[Path] = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        base = Path(directory)
        found.extend(
            base / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIX_KINDS
        )
    return [str(path.relative_to(root)) for path in sorted(found, key=lambda p: p.parts)]


def _supported_list() -> str:
    return ", ".join(sorted(SUFFIX_KINDS))
