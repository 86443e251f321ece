"""A batch over many inputs: read, extract, report each bad item once, go on.

Shared by ``blocgraph extract`` and ``blocgraph ingest`` so both give the same
per-item error lines, the same end-of-run summary and the same exit rule.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from tqdm import tqdm

from blocgraph.ingest.pipeline import ExtractionResult, Extractor
from blocgraph.ingest.sources import Article, Fetcher, SourceError, read_sources


@dataclass
class BatchSummary:
    read: int = 0
    failed: int = 0
    entities: int = 0
    facts: int = 0
    errors: list[SourceError] = field(default_factory=list)

    def line(self) -> str:
        return (f"articles read: {self.read}, failed: {self.failed}, "
                f"entities: {self.entities}, facts: {self.facts}")

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class Batch:
    """Iterates extraction results; errors go to ``errors_to`` as they happen."""

    def __init__(self, extractor: Extractor, items: Iterable[str], *,
                 errors_to: TextIO = sys.stderr, fetcher: Fetcher | None = None,
                 progress: bool | None = None) -> None:
        self.extractor = extractor
        self.items = list(items)
        self.errors_to = errors_to
        self.fetcher = fetcher
        self.summary = BatchSummary()
        self.progress = errors_to.isatty() if progress is None else progress

    def _articles(self) -> Iterator[Article]:
        for item in read_sources(self.items, fetcher=self.fetcher):
            if isinstance(item, SourceError):
                self.summary.failed += 1
                self.summary.errors.append(item)
                print(f"error: {item.item}: {item.reason}", file=self.errors_to)
            else:
                yield item

    def results(self) -> Iterator[ExtractionResult]:
        bar = tqdm(desc="articles", unit="art", file=self.errors_to, disable=not self.progress)
        try:
            for result in self.extractor.extract_many(self._articles()):
                self.summary.read += 1
                self.summary.entities += len(result.entities)
                self.summary.facts += len(result.facts)
                bar.update(1)
                yield result
        finally:
            bar.close()
