"""Loading extraction results into Neo4j: idempotent, atomic per article, safe to run in parallel.

A batch of whole articles is one managed transaction (``execute_write`` retries
deadlocks and lost connections) holding a few ``UNWIND $rows`` queries, grouped
by label so labels stay static per query. Locks are taken in one order (articles,
entities by label and id, facts by label and key, then edges between already
locked nodes), which keeps concurrent loaders from deadlocking in the common case.
If a batch fails for a reason retrying cannot fix, its articles are written one
by one so only the bad one is reported and the rest are stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from blocgraph.errors import BlocGraphError, StoreUnavailableError
from blocgraph.graph import identity
from blocgraph.graph.store.schema_apply import apply_schema
from blocgraph.graph.write import statements
from blocgraph.graph.write.reference_rows import (
    bloc_rows,
    country_rows,
    entity_row,
    ownership_record,
    reference_hash,
    reference_ids,
)
from blocgraph.graph.write.rows import ArticleRows, Context, describe, prepare_record
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.reference import ReferenceData
from blocgraph.schema.reference import load_reference as read_reference

REFERENCE_CHUNK = 500
_T = TypeVar("_T")


@dataclass(frozen=True)
class LoadError:
    source: str
    reason: str

    def line(self) -> str:
        return f"error: {self.source}: {self.reason}"


@dataclass
class LoadStats:
    articles: int = 0
    entities: int = 0
    facts: int = 0
    failed: int = 0
    batches: int = 0
    seconds: float = 0.0
    errors: list[LoadError] = field(default_factory=list)

    def line(self) -> str:
        return (f"articles stored: {self.articles}, failed: {self.failed}, "
                f"entities: {self.entities}, facts: {self.facts} ({self.seconds:.1f} s)")

    def count(self, rows: Iterable[ArticleRows]) -> None:
        for article in rows:
            self.articles += 1
            self.entities += article.entity_count
            self.facts += len(article.support)


def batch_queries(model: Model, articles: list[ArticleRows], *, reference: bool = False,
                  ) -> list[statements.Query]:
    """The queries writing ``articles`` together, in lock order."""
    by_id = {a.article_id: a for a in articles}  # the same article twice: the last one wins
    batch = sorted(by_id.values(), key=lambda a: a.article_id)
    heads = [a.article for a in batch]
    queries = [statements.merge_reference_article(heads[0]) if reference
               else statements.merge_articles(heads)]
    for type_name, rows in _grouped(batch, "entities", "id"):
        queries.append(statements.merge_entities(model, type_name, rows))
    for code, rows in _grouped(batch, "facts", "key"):
        queries.append(statements.merge_facts(model, code, rows))
    for (code, edge), rows in _grouped(batch, "edges", "key"):
        queries.append(statements.merge_participants(model, code, edge, rows))
    support = sorted((s for a in batch for s in a.support), key=lambda s: (s["key"], s["article"]))
    if support:
        queries.append(statements.merge_support(support))
    queries.append(statements.drop_stale_support(
        [{"article": a.article_id, "keys": a.fact_keys} for a in batch]))
    return queries


def _grouped(batch: list[ArticleRows], attr: str, sort_key: str) -> list[tuple[Any, list[Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = {}
    for article in batch:
        for group, rows in getattr(article, attr).items():
            groups.setdefault(group, []).extend(rows)
    return [(g, sorted(rows, key=lambda r: r[sort_key])) for g, rows in sorted(groups.items())]


def _run_all(tx: neo4j.ManagedTransaction, queries: list[statements.Query]) -> None:
    for query, params in queries:
        tx.run(query, params).consume()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class GraphWriter:
    """Writes load records and the reference data through one driver."""

    def __init__(self, driver: neo4j.Driver, database: str | None = None,
                 batch_articles: int = 25, *, on_error: Callable[[LoadError], None] | None = None,
                 reference: ReferenceData | None = None) -> None:
        self.driver = driver
        self.database = database
        self.batch_articles = max(1, batch_articles)
        self.on_error = on_error
        self.model = load_model()
        self.reference = reference or read_reference()
        self._known_ids = reference_ids(self.reference)

    def ensure_schema(self) -> None:
        self._guard(lambda: apply_schema(self.driver, self.database))

    # --- reference data ------------------------------------------------------

    def reference_loaded(self) -> bool:
        """True when the graph holds exactly the current reference data."""
        records = self._read(statements.read_reference_hash())
        return bool(records) and records[0]["content_hash"] == reference_hash(self.reference)

    def load_reference(self, reference: ReferenceData | None = None) -> LoadStats:
        """Countries, blocs, every gazetteer entity, IN_COUNTRY and the gazetteer's
        ownership facts.

        The Reference article is written last, so ``reference_loaded`` only turns
        true once everything before it committed.
        """
        ref = reference or self.reference
        began = time.monotonic()
        stats = LoadStats()
        self._write_reference([statements.merge_blocs(bloc_rows(ref)),
                               statements.merge_countries(country_rows(ref))])
        for chunk in _chunks(sorted(ref.all_entries(), key=lambda e: e.id), REFERENCE_CHUNK):
            self._write_reference(self._reference_entity_queries(chunk))
            stats.entities += len(chunk)
            stats.batches += 1
        ctx = Context(self.model, reference_ids(ref), self._redirects())
        record = ownership_record(ref, reference_hash(ref))
        rows = prepare_record(record, ctx)
        self._write_reference(batch_queries(self.model, [rows], reference=True))
        stats.count([rows])
        stats.batches += 2
        stats.seconds = time.monotonic() - began
        return stats

    def _reference_entity_queries(self, entries: list[Any]) -> list[statements.Query]:
        by_type: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            by_type.setdefault(entry.type, []).append(entity_row(entry))
        queries = [statements.merge_reference_entities(self.model, t, rows)
                   for t, rows in sorted(by_type.items())]
        located = [{"id": e.id, "iso": e.country} for e in entries if e.country]
        queries.append(statements.merge_entity_countries(located))
        return queries

    # --- extraction results --------------------------------------------------

    def load(self, records: Iterable[Mapping[str, Any]]) -> LoadStats:
        """Write ``to_load_record()`` dicts in batches of whole articles, streaming."""
        began = time.monotonic()
        stats = LoadStats()
        for chunk in _chunks(records, self.batch_articles):
            ctx = Context(self.model, self._known_ids, self._redirects())
            prepared: list[ArticleRows] = []
            for record in chunk:
                try:
                    prepared.append(prepare_record(record, ctx))
                except BlocGraphError as exc:
                    self._fail(stats, describe(record), exc.message)
            self._write_articles(prepared, stats)
            stats.batches += 1
        stats.seconds = time.monotonic() - began
        return stats

    def _write_articles(self, prepared: list[ArticleRows], stats: LoadStats) -> None:
        if not prepared:
            return
        try:
            self._write(batch_queries(self.model, prepared))
        except neo4j_errors.Neo4jError as exc:
            if len(prepared) == 1:
                self._fail(stats, prepared[0].source, _server_reason(exc))
                return
            for article in prepared:  # find the bad one; the others are stored
                self._write_articles([article], stats)
            return
        stats.count(prepared)

    def _fail(self, stats: LoadStats, source: str, reason: str) -> None:
        error = LoadError(source, reason)
        stats.failed += 1
        stats.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)

    # --- plumbing ------------------------------------------------------------

    def _redirects(self) -> dict[str, str]:
        """The live merge judgements, read through the one identity module."""
        def work() -> dict[str, str]:
            with self._session() as session:
                return session.execute_read(identity.read_redirects)

        return self._guard(work)

    def _session(self) -> neo4j.Session:
        # Labels such as Reference or SAME_AS are missing from a fresh graph; that is expected.
        return self.driver.session(database=self.database, notifications_min_severity="OFF")

    def _read(self, query: statements.Query) -> list[neo4j.Record]:
        def work() -> list[neo4j.Record]:
            with self._session() as session:
                return session.execute_read(lambda tx: list(tx.run(*query)))

        return self._guard(work)

    def _write_reference(self, queries: list[statements.Query]) -> None:
        try:
            self._write(queries)
        except neo4j_errors.Neo4jError as exc:
            raise StoreUnavailableError(f"could not store the reference data: {exc}") from exc

    def _write(self, queries: list[statements.Query]) -> None:
        def work() -> None:
            with self._session() as session:
                session.execute_write(_run_all, queries)

        self._guard(work)

    def _guard(self, action: Callable[[], _T]) -> _T:
        """Run ``action``; a lost or closed connection becomes one clear error."""
        try:
            return action()
        except (neo4j_errors.DriverError, OSError) as exc:
            raise StoreUnavailableError(f"lost the connection to Neo4j while loading ({exc})"
                                        ) from exc


def _server_reason(exc: neo4j_errors.Neo4jError) -> str:
    """The server's message; ``str`` because ``exc.message`` warns on newer drivers."""
    text = str(exc)
    return f"Neo4j refused the article: {' '.join(text.split())}"
