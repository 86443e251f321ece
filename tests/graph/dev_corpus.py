"""The development corpus in Neo4j, loaded through the real extractor and loader.

Extraction (spaCy) runs once per test session; loading is repeated only when
the database no longer holds what the last load left (another test wiped or
changed it), detected by counting nodes and relationships.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import neo4j

from blocgraph.api.service import Extraction, IngestService
from tests.conftest import WIPE_QUERY

DEV_CORPUS = Path(__file__).resolve().parents[2] / "samples" / "corpus" / "dev"
_NODES = "MATCH (n) RETURN count(n) AS total"
_RELS = "MATCH ()-[r]->() RETURN count(r) AS total"
_loaded: dict[str, tuple[int, int]] = {}


@cache
def dev_records() -> tuple[dict[str, Any], ...]:
    """``to_load_record()`` of every dev article, extracted once per session."""
    batch = Extraction().batch([str(DEV_CORPUS)])
    return tuple(result.to_load_record() for result in batch.results())


def ensure_dev_graph(driver: neo4j.Driver, database: str) -> neo4j.Driver:
    """The driver on a database holding reference data plus the dev corpus, and nothing else."""
    if _loaded.get(database) == _counts(driver, database):
        return driver
    with driver.session(database=database) as session:
        session.run(WIPE_QUERY).consume()
    stats = IngestService(driver, database, reload_reference=True).load_many(dev_records())
    assert stats.failed == 0, [e.line() for e in stats.errors]
    _loaded[database] = _counts(driver, database)
    return driver


def _counts(driver: neo4j.Driver, database: str) -> tuple[int, int]:
    nodes = driver.execute_query(_NODES, database_=database).records[0]["total"]
    rels = driver.execute_query(_RELS, database_=database).records[0]["total"]
    return int(nodes), int(rels)
