"""The source protocol and the registry that maps a user-given item to a source.

Why a registry: the reader used to be one dispatch over path suffixes and URLs,
so a source that is not a path (a news API, a database table) meant editing it.
Now an item is opened by whatever is registered for it:

* ``scheme://...`` by the factory registered for its scheme; a scheme nobody
  registered goes to the URL source, whose fetcher refuses it with its usual
  reason (``file://``, ``ftp://``);
* a folder by the folder source, a file by the file source, which pick a file
  format by suffix from :attr:`SourceRegistry.suffixes`.

A :class:`Source` yields articles and, for items inside it that fail (a line, a
feed item, a record), :class:`SourceError` values; an :class:`InputError` or
``OSError`` it raises fails the whole source and becomes one SourceError
naming it (:func:`guarded`), so one bad item never stops a batch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from blocgraph.errors import InputError

from .article import Article, SourceError
from .fetch import Fetcher

Output = Iterator[Article | SourceError]
URL_LIKE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


class Source(Protocol):
    """Anything that yields articles, or a SourceError per item that failed."""

    @property
    def name(self) -> str:
        """What errors of the whole source are reported under (the item as given)."""
        ...

    def read(self) -> Output: ...


@dataclass(frozen=True)
class SourceContext:
    """What every source may use: the safe fetcher, the local file size cap, the registry."""

    fetcher: Fetcher
    max_bytes: int
    registry: SourceRegistry


SourceFactory = Callable[[str, SourceContext], Source]
"""Makes the source of one item; may raise InputError when the item cannot be a source."""

FileFormat = Callable[[str, bytes, SourceContext], Output]
"""Parses a local file's bytes (``source`` is its path as given) into articles."""


@dataclass
class SourceRegistry:
    """Scheme factories, the file, folder and URL sources, and file formats by suffix."""

    file: SourceFactory
    folder: SourceFactory
    url: SourceFactory
    schemes: dict[str, SourceFactory] = field(default_factory=dict)
    formats: dict[str, FileFormat] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)  # ".txt" -> format kind

    def register_scheme(self, scheme: str, factory: SourceFactory) -> None:
        """Items ``scheme://...`` are opened by ``factory`` from now on."""
        self.schemes[scheme.lower()] = factory

    def unregister_scheme(self, scheme: str) -> None:
        self.schemes.pop(scheme.lower(), None)

    def register_format(self, kind: str, parse: FileFormat, suffixes: tuple[str, ...]) -> None:
        """Local files ending in one of ``suffixes`` are parsed by ``parse``."""
        self.formats[kind] = parse
        for suffix in suffixes:
            self.suffixes[suffix.lower()] = kind

    def copy(self) -> SourceRegistry:
        """An independent registry to extend (tests, an embedding application)."""
        return SourceRegistry(self.file, self.folder, self.url, dict(self.schemes),
                              dict(self.formats), dict(self.suffixes))

    def open(self, item: str, context: SourceContext) -> Source:
        """The source for ``item``; InputError when there can be none."""
        if not item.strip():  # Path("") is the current folder, which nobody means
            raise InputError("the item is empty")
        match = URL_LIKE.match(item)
        if match:
            factory = self.schemes.get(match.group(1).lower(), self.url)
        elif Path(item).is_dir():
            factory = self.folder
        else:
            factory = self.file
        return factory(item, context)

    def format_of(self, path: Path) -> FileFormat:
        """The parser for a local file's suffix; InputError naming the supported ones."""
        kind = self.suffixes.get(path.suffix.lower())
        if kind is None:
            shown = path.suffix or "no extension"
            raise InputError(f"unsupported file type ({shown}); supported: {self.supported()}")
        return self.formats[kind]

    def supported(self) -> str:
        return ", ".join(sorted(self.suffixes))


def guarded(name: str, produce: Callable[[], Output]) -> Output:
    """Run one source, turning its expected failures into a SourceError naming it."""
    try:
        yield from produce()
    except (InputError, OSError) as exc:
        yield failure(name, exc)


def failure(name: str, exc: InputError | OSError) -> SourceError:
    """The one sentence a user sees for an expected failure of the source ``name``."""
    if isinstance(exc, InputError):
        return SourceError(item=name, reason=exc.message)
    return SourceError(item=name, reason=f"the file could not be read ({exc.strerror or exc})")
