"""Sources beyond paths and URLs: a kind registered on the registry, read through ``read_sources``.

The in-memory "desk" stands for a news API or a database: nothing in the reader
knows it, yet its articles and its per-record errors come out of the normal
entry point next to files, in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from blocgraph.errors import InputError
from blocgraph.ingest.sources import (
    SOURCES,
    Article,
    Fetcher,
    Source,
    SourceContext,
    SourceError,
    SourceRegistry,
    read_sources,
)
from blocgraph.ingest.sources.article import make_article

FIXTURES = Path(__file__).parent / "fixtures"
OFFLINE = Fetcher(resolver=lambda host, port: [])  # any fetch attempt fails: no network in tests
DESKS = {
    "memory://desk": ["Mistral AI raised money in Paris.", "", "Zhipu was added to a list."],
    "memory://broken": ["A first story.", "!disconnect"],
}


@dataclass(frozen=True)
class DeskSource:
    """Stories held in memory; an empty one is a per-record error, "!disconnect" a lost feed."""

    name: str
    stories: list[str]

    def read(self) -> Iterator[Article | SourceError]:
        for number, story in enumerate(self.stories, start=1):
            if story == "!disconnect":
                raise ConnectionResetError(104, "the desk hung up")
            if not story.strip():
                yield SourceError(f"{self.name} record {number}", "the record has no text")
                continue
            yield make_article(f"{self.name}/{number}", story, title=f"story {number}")


def desk(item: str, context: SourceContext) -> Source:
    if item not in DESKS:
        raise InputError("no such desk")
    return DeskSource(item, DESKS[item])


def read_all(*items: str, registry: SourceRegistry | None = None) -> list[Article | SourceError]:
    return list(read_sources(list(items), fetcher=OFFLINE, registry=registry))


@pytest.fixture
def desk_registered() -> Iterator[None]:
    """``memory://`` on the default registry, removed again afterwards."""
    SOURCES.register_scheme("memory", desk)
    try:
        yield
    finally:
        SOURCES.unregister_scheme("memory")


def test_a_registered_scheme_is_read_in_order_with_its_own_errors() -> None:
    registry = SOURCES.copy()
    registry.register_scheme("memory", desk)
    out = read_all("memory://desk", "memory://nowhere", str(FIXTURES / "article.txt"),
                   registry=registry)
    kinds = [type(o).__name__ for o in out]
    assert kinds == ["Article", "SourceError", "Article", "SourceError", "Article"]
    first, record_error, third, desk_error, from_file = out
    assert isinstance(first, Article) and first.source == "memory://desk/1"
    assert isinstance(third, Article) and third.source == "memory://desk/3"
    assert record_error == SourceError("memory://desk record 2", "the record has no text")
    assert desk_error == SourceError("memory://nowhere", "no such desk")
    assert isinstance(from_file, Article) and from_file.source == "article.txt"


def test_a_source_failing_midway_keeps_what_it_yielded_and_the_batch_goes_on() -> None:
    registry = SOURCES.copy()
    registry.register_scheme("memory", desk)
    first, lost, after = read_all("memory://broken", "memory://desk", registry=registry)[:3]
    assert isinstance(first, Article) and first.text == "A first story."
    assert isinstance(lost, SourceError) and lost.item == "memory://broken"
    assert "the desk hung up" in lost.reason
    assert isinstance(after, Article) and after.source == "memory://desk/1"


def test_a_copy_leaves_the_default_registry_alone() -> None:
    registry = SOURCES.copy()
    registry.register_scheme("memory", desk)
    [error] = read_all("memory://desk")  # the default registry sends it to the fetcher
    assert isinstance(error, SourceError) and error.reason.startswith("refused")


def test_the_default_registry_serves_read_sources_without_arguments(
    desk_registered: None,
) -> None:
    titles = [o.title for o in read_sources(["memory://desk"]) if isinstance(o, Article)]
    assert titles == ["story 1", "story 3"]


def test_a_file_format_registered_by_suffix_reaches_files_and_folders(tmp_path: Path) -> None:
    registry = SOURCES.copy()
    registry.register_format("text", registry.formats["text"], (".md",))
    (tmp_path / "notes.md").write_text("# OpenAI opened an office in Tokyo.\n", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    [article] = read_all(str(tmp_path), registry=registry)
    assert isinstance(article, Article) and article.source == f"{tmp_path.name}/notes.md"
    [error] = read_all(str(tmp_path / "notes.md"))
    assert isinstance(error, SourceError) and "unsupported file type (.md)" in error.reason
