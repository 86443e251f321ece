"""One service layer: prepare the store, extract, write; the CLI, the API and the tests call it.

"Apply the schema, load the reference data (once), extract, write" used to be
assembled three times (the API backend, ``blocgraph load``, ``blocgraph ingest``),
each with its own idea of when the reference data is loaded. Here it is once:

* :class:`Extraction` holds the extractor, built on first use (spaCy loads only
  then), and runs it one article at a time: a spaCy pipeline is not safe to share
  between threads;
* :class:`IngestService` holds a writer on a prepared store (prepared on first
  use, or up front with :meth:`IngestService.prepare` when the caller wants to
  report it or fail fast) and offers ``ingest(article)``, ``load(record)`` and
  batches of either, where every bad input yields one error naming the item and
  the reason and the rest of the batch goes on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import neo4j

from blocgraph.graph.write.writer import GraphWriter, LoadError, LoadStats

if TYPE_CHECKING:  # spaCy and the fetchers load only when the first article is extracted
    from blocgraph.ingest.batch import Batch, BatchSummary
    from blocgraph.ingest.pipeline import ExtractionResult, Extractor
    from blocgraph.ingest.sources import Article, Fetcher

DEFAULT_BATCH = 25  # articles per write transaction for batch runs

LoadRecord = Mapping[str, Any]
"""One ``ExtractionResult.to_load_record()`` object, as ``GraphWriter.load`` takes it."""


class Extraction:
    """The extractor, made on first use, run by one thread at a time."""

    def __init__(self, extractor: Extractor | None = None, *,
                 use_model: bool | None = None) -> None:
        self._extractor = extractor
        self._use_model = use_model
        self._make_lock = threading.Lock()
        self._run_lock = threading.Lock()

    def extractor(self) -> Extractor:
        from blocgraph.ingest.pipeline import Extractor

        with self._make_lock:
            if self._extractor is None:
                self._extractor = Extractor(use_model=self._use_model)
            return self._extractor

    def extract(self, article: Article) -> ExtractionResult:
        extractor = self.extractor()
        with self._run_lock:
            return extractor.extract(article)

    def batch(self, items: Iterable[str], *, errors_to: TextIO | None = None,
              fetcher: Fetcher | None = None) -> Batch:
        """Every item read and extracted, streaming; bad items reported once to ``errors_to``
        (default: ``sys.stderr`` as it is at the call, so a redirected stderr is honoured)."""
        from blocgraph.ingest.batch import Batch

        report_to = sys.stderr if errors_to is None else errors_to
        return Batch(self.extractor(), items, errors_to=report_to, fetcher=fetcher)


@dataclass(frozen=True)
class IngestReport:
    """What a batch ingest read (and failed to read) and what it stored (and failed to)."""

    read: BatchSummary
    stored: LoadStats

    @property
    def failed(self) -> int:
        return self.read.failed + self.stored.failed

    def line(self) -> str:
        return f"{self.read.line()}; {self.stored.line()}"


class IngestService:
    """A writer on a store with the schema and reference data in place, plus extraction.

    The store is prepared once per service: the schema is applied and the
    reference data loaded when the graph lacks it (or always, with
    ``reload_reference``). A failed preparation is tried again on the next call.
    """

    def __init__(self, driver: neo4j.Driver, database: str | None = None, *,
                 batch_articles: int = DEFAULT_BATCH,
                 on_error: Callable[[LoadError], None] | None = None,
                 reload_reference: bool = False,
                 extraction: Extraction | None = None) -> None:
        self.driver = driver
        self.database = database
        self.extraction = extraction or Extraction()
        self._batch_articles = batch_articles
        self._on_error = on_error
        self._reload_reference = reload_reference
        self._writer: GraphWriter | None = None
        self._lock = threading.Lock()

    def prepare(self) -> LoadStats | None:
        """Prepare the store if not done yet; the reference load's stats when it ran now."""
        with self._lock:
            if self._writer is not None:
                return None
            writer = GraphWriter(self.driver, self.database, self._batch_articles,
                                 on_error=self._on_error)
            writer.ensure_schema()
            loaded = None
            if self._reload_reference or not writer.reference_loaded():
                loaded = writer.load_reference()
            self._writer = writer
            return loaded

    def writer(self) -> GraphWriter:
        """The writer, on a database with the schema and the reference data in place."""
        self.prepare()
        assert self._writer is not None  # prepare() either set it or raised
        return self._writer

    # --- one item -----------------------------------------------------------------

    def ingest(self, article: Article) -> tuple[ExtractionResult, LoadStats]:
        """Extract one article and store it; a refused article shows in the stats' errors."""
        writer = self.writer()  # first: fail fast when the store is down, before spaCy loads
        result = self.extraction.extract(article)
        return result, writer.load([result.to_load_record()])

    def load(self, record: LoadRecord) -> LoadStats:
        """Store one saved extraction record without extracting again."""
        return self.writer().load([record])

    # --- batches ------------------------------------------------------------------

    def load_many(self, records: Iterable[LoadRecord]) -> LoadStats:
        """Store records in transactions of whole articles; each bad one is one LoadError."""
        return self.writer().load(records)

    def ingest_items(self, items: Iterable[str], *, errors_to: TextIO | None = None,
                     fetcher: Fetcher | None = None) -> IngestReport:
        """Read, extract and store every item (files, folders, URLs, registered sources),
        streaming; unreadable items are reported to ``errors_to`` and skipped."""
        writer = self.writer()
        batch = self.extraction.batch(items, errors_to=errors_to, fetcher=fetcher)
        stats = writer.load(result.to_load_record() for result in batch.results())
        return IngestReport(batch.summary, stats)
