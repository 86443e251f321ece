"""The bare baseline of ``bench_ingest`` must build the graph the writer builds, only cheaper."""

from __future__ import annotations

from collections import Counter
from typing import Any

import neo4j
import pytest

from bench.ingest_loaders import BareBatches, bare_loader, chunks, prepare_all, query_kind
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.reference_rows import country_rows
from blocgraph.graph.write.rows import Context
from blocgraph.graph.write.writer import batch_queries
from blocgraph.schema.model import load_model
from blocgraph.schema.reference import load_reference
from tests.graph.loading import counts, fact, new_writer, record, snapshot

ENTITIES = [("acme", "Acme", "Company"), ("vc", "VC Partners", "Investor"),
            ("lead-vc", "Lead Capital", "Investor")]
ROUND = fact("FUNDING_ROUND", company="acme", round="Series A", date="2024-03",
             investors=["vc", "lead-vc"], lead_investors=["lead-vc"], amount=1e7, currency="USD")
RECORDS = [
    record("a-1", ENTITIES, [ROUND, fact("HEADQUARTERS", org="acme", country="FR")]),
    record("a-2", ENTITIES, [ROUND, fact("INVESTMENT", investor="vc", company="acme")]),
    record("a-3", ENTITIES[:1], [fact("HEADQUARTERS", org="acme", country="FR")]),
]


def _bare_batches(records: list[dict[str, Any]], size: int) -> list[Counter[str]]:
    """Rows per query kind, for each batch."""
    model, builder, found = load_model(), BareBatches(load_model()), []
    for chunk in chunks(records, size):
        rows: Counter[str] = Counter()
        for query, params in builder.queries(prepare_all(chunk, Context(model))):
            rows[query_kind(query)] += len(params["rows"])
        found.append(rows)
    return found


def test_bare_creates_each_node_and_edge_once_across_batches() -> None:
    first, second, third = _bare_batches(RECORDS, 1)
    # round: company + 2 investors; hq: org + country
    assert first == {"articles": 1, "entities": 3, "facts": 2, "participants": 5, "support": 2}
    # a-2 repeats the round: only the new investment and its two edges are new
    assert second == {"articles": 1, "facts": 1, "participants": 2, "support": 2}
    assert third == {"articles": 1, "support": 1}


def test_every_query_of_both_loaders_has_a_kind() -> None:
    model = load_model()
    prepared = prepare_all(RECORDS, Context(model))
    texts = [q for q, _ in batch_queries(model, prepared)]
    texts += [q for q, _ in BareBatches(model).queries(prepared)]
    kinds = {query_kind(text) for text in texts}
    assert "other" not in kinds
    assert kinds == {"articles", "entities", "facts", "participants", "support",
                     "stale support"}


def _countries(driver: neo4j.Driver) -> None:
    driver.execute_query("UNWIND $rows AS row CREATE (:Country {iso: row.iso, name: row.name})",
                         rows=country_rows(load_reference()))


@pytest.mark.neo4j
def test_bare_load_builds_the_same_graph_as_the_writer(
    clean_db: neo4j.Driver, neo4j_settings: Settings
) -> None:
    database = neo4j_settings.database
    writer = new_writer(clean_db, database, batch_articles=2)  # uniqueness constraints on
    _countries(clean_db)
    writer.load(RECORDS)
    ours = snapshot(clean_db, with_props=False)
    ours_counts = counts(clean_db)
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    _countries(clean_db)
    bare_loader(clean_db, database, 2)(RECORDS)  # a duplicate would break a constraint
    assert snapshot(clean_db, with_props=False) == ours
    assert counts(clean_db) == ours_counts
