"""Local files and folders as sources; the file format comes from the registry by suffix.

Articles name their file as the user would see it (the file name, or its path
below the folder given), never the path on this machine: articles are public,
the server's folders are not. Errors still name the item as the user gave it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from blocgraph.errors import InputError

from .article import Article, SourceError
from .registry import Output, SourceContext, guarded


@dataclass(frozen=True)
class FileSource:
    """One local file; ``shown`` replaces the path as given in the articles' ``source``."""

    name: str
    shown: str
    context: SourceContext

    @classmethod
    def of(cls, item: str, context: SourceContext) -> FileSource:
        return cls(item, Path(item).name, context)

    def read(self) -> Output:
        for output in self._outputs():
            if isinstance(output, Article) and output.source.startswith(self.name):
                output = replace(output, source=self.shown + output.source[len(self.name):])
            yield output

    def _outputs(self) -> Output:
        path = Path(self.name)
        if not path.exists():
            raise InputError("no such file or folder")
        if not path.is_file():
            raise InputError("not a regular file or folder")
        parse = self.context.registry.format_of(path)
        yield from parse(self.name, read_capped(path, self.context.max_bytes), self.context)


@dataclass(frozen=True)
class FolderSource:
    """Every supported, non-hidden file below a folder, each failing on its own."""

    name: str
    context: SourceContext

    @classmethod
    def of(cls, item: str, context: SourceContext) -> FolderSource:
        return cls(item, context)

    def read(self) -> Output:
        registry = self.context.registry
        relative_paths = folder_files(Path(self.name), frozenset(registry.suffixes))
        if not relative_paths:
            yield SourceError(
                self.name, f"the folder holds no supported files ({registry.supported()})")
        folder = Path(self.name).resolve().name
        for relative in relative_paths:
            shown = str(PurePosixPath(folder, Path(relative).as_posix()))
            member = FileSource(os.path.join(self.name, relative), shown, self.context)
            yield from guarded(member.name, member.read)


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


def folder_files(root: Path, suffixes: frozenset[str]) -> list[str]:
    """Non-hidden files under ``root`` (recursively) ending in one of ``suffixes``,
    relative, sorted by path parts."""
    found: list[Path] = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        base = Path(directory)
        found.extend(
            base / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes
        )
    return [str(path.relative_to(root)) for path in sorted(found, key=lambda p: p.parts)]
