"""The service layer against the real Neo4j: the store prepared once, one article, batches.

The CLI, the API backend and the test fixtures all go through this one
assembly, so what is checked here (reference data loaded exactly once, every
bad input one error naming it while the rest is stored) holds for all of them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

from blocgraph.api.backend import Backend
from blocgraph.api.service import Extraction, IngestService
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import LoadError
from blocgraph.ingest.sources import SOURCES, Article, Source, SourceContext, SourceError
from blocgraph.ingest.sources.article import make_article
from tests.graph.loading import record

pytestmark = pytest.mark.neo4j

SAMPLE = Path(__file__).resolve().parents[2] / "samples/corpus/dev/seed-mistral-open-source.txt"
ENTITIES = [("acme", "Acme", "Company"), ("vc", "VC Partners", "Investor")]
REFERENCE_ARTICLES = "MATCH (a:Article:Reference) RETURN count(a) AS n"


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    """One rules-only extractor for the module: building spaCy once is enough."""
    return Extraction(use_model=False)


def _count(driver: neo4j.Driver, query: str) -> int:
    return int(driver.execute_query(query).records[0]["n"])


def _article_ids(driver: neo4j.Driver) -> list[str]:
    query = "MATCH (a:Article) WHERE NOT a:Reference RETURN a.id AS id ORDER BY id"
    return [str(r["id"]) for r in driver.execute_query(query).records]


def test_the_store_is_prepared_once_and_reference_data_loaded_only_when_missing(
    clean_db: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    service = IngestService(clean_db, neo4j_settings.database)
    loaded = service.prepare()
    assert loaded is not None and loaded.entities > 0
    assert service.prepare() is None  # the same service never prepares twice
    assert service.writer() is service.writer()
    assert IngestService(clean_db, neo4j_settings.database).prepare() is None  # graph has it
    forced = IngestService(clean_db, neo4j_settings.database, reload_reference=True)
    assert forced.prepare() is not None
    assert _count(clean_db, REFERENCE_ARTICLES) == 1


def test_ingest_extracts_one_article_and_stores_it(
    clean_db: neo4j.Driver, neo4j_settings: Settings, extraction: Extraction,
) -> None:
    service = IngestService(clean_db, neo4j_settings.database, extraction=extraction)
    article = make_article("seed.txt", SAMPLE.read_text(encoding="utf-8"))
    result, stats = service.ingest(article)
    assert (stats.articles, stats.failed) == (1, 0)
    assert result.article.id == article.id and result.entities
    assert _article_ids(clean_db) == [article.id]
    assert _count(clean_db, REFERENCE_ARTICLES) == 1  # prepared on first use


def test_load_names_each_bad_record_and_stores_the_rest(
    clean_db: neo4j.Driver, neo4j_settings: Settings,
) -> None:
    seen: list[LoadError] = []
    service = IngestService(clean_db, neo4j_settings.database, batch_articles=2,
                            on_error=seen.append)
    good = [record("a-1", ENTITIES, []), record("a-3", ENTITIES, [])]
    bad = record("a-2", [("ship", "Ship", "Spaceship")], [])
    stats = service.load_many([good[0], bad, good[1]])
    assert (stats.articles, stats.failed) == (2, 1)
    assert seen == stats.errors
    assert seen[0].source == "test/a-2.txt" and "'Spaceship'" in seen[0].reason
    assert service.load(record("a-4", ENTITIES, [])).articles == 1
    assert _article_ids(clean_db) == ["a-1", "a-3", "a-4"]


def test_a_batch_reports_each_bad_item_once_and_stores_the_rest(
    clean_db: neo4j.Driver, neo4j_settings: Settings, extraction: Extraction, tmp_path: Path,
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    errors = io.StringIO()
    service = IngestService(clean_db, neo4j_settings.database, extraction=extraction)
    report = service.ingest_items([str(empty), str(SAMPLE), str(missing)], errors_to=errors)
    lines = errors.getvalue().splitlines()
    assert lines == [f"error: {empty}: the file is empty",
                     f"error: {missing}: no such file or folder"]
    assert (report.read.read, report.read.failed, report.stored.articles) == (1, 2, 1)
    assert report.failed == 2
    assert report.line().startswith("articles read: 1, failed: 2, ")
    assert "; articles stored: 1, failed: 0" in report.line()


@dataclass(frozen=True)
class _Desk:
    """A non-path source (think of a news API): one story per record."""

    name: str

    def read(self) -> Iterator[Article | SourceError]:
        yield make_article(f"{self.name}/1", SAMPLE.read_text(encoding="utf-8"))
        yield SourceError(f"{self.name} record 2", "the record has no text")


def _desk(item: str, context: SourceContext) -> Source:
    return _Desk(item)


def test_a_registered_source_is_ingested_without_touching_the_reader(
    clean_db: neo4j.Driver, neo4j_settings: Settings, extraction: Extraction,
) -> None:
    SOURCES.register_scheme("desk", _desk)
    try:
        errors = io.StringIO()
        service = IngestService(clean_db, neo4j_settings.database, extraction=extraction)
        report = service.ingest_items(["desk://wire"], errors_to=errors)
    finally:
        SOURCES.unregister_scheme("desk")
    assert errors.getvalue() == "error: desk://wire record 2: the record has no text\n"
    assert (report.stored.articles, report.failed) == (1, 1)


def test_the_api_backend_ingests_through_the_service(
    clean_db: neo4j.Driver, neo4j_settings: Settings, extraction: Extraction,
) -> None:
    backend = Backend(clean_db, neo4j_settings.database, extractor=extraction.extractor())
    assert backend.writer() is backend.service.writer()
    assert backend.extractor() is extraction.extractor()
    article = make_article("seed.txt", SAMPLE.read_text(encoding="utf-8"))
    before = backend.queries
    _, stats = backend.ingest(article)
    assert stats.articles == 1 and backend.queries > before  # counted, on the wrapped driver
    assert _article_ids(clean_db) == [article.id]
