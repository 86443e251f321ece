"""Interrupted loads: a killed process, a cut connection, a row the server rejects.

In every case each article in the graph is complete (all its facts are
supported) and loading again gives exactly the state of an uninterrupted run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from blocgraph.errors import StoreUnavailableError
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import GraphWriter
from tests.graph.cuttable_proxy import CuttableProxy
from tests.graph.loading import (
    cli_command,
    clone_records,
    counts,
    dev_records,
    distinct_fact_keys,
    fact,
    incomplete_articles,
    new_writer,
    record,
    snapshot,
    write_jsonl,
)

pytestmark = pytest.mark.neo4j

ARTICLES = 240
BATCH = 5
RUNNING_LOAD = (
    "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH 'UNWIND $rows' "
    "RETURN count(*) AS n"
)


def _stored(driver: neo4j.Driver) -> int:
    return int(driver.execute_query(
        "MATCH (a:Article) WHERE NOT a:Reference RETURN count(a) AS n").records[0]["n"])


def _wipe_and_reference(driver: neo4j.Driver, database: str) -> GraphWriter:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    writer = new_writer(driver, database, batch_articles=BATCH)
    writer.load_reference()
    return writer


def _clean_run(driver: neo4j.Driver, database: str, records: list[dict[str, Any]]
               ) -> tuple[dict[str, int], Any]:
    """Counts and full snapshot of an uninterrupted load, then an empty graph again."""
    # Batch size does not matter for the result: within and across batches articles
    # meet in id order, and the clones' ids follow the file order.
    writer = _wipe_and_reference(driver, database)
    writer.batch_articles = 60
    writer.load(records)
    state = counts(driver), snapshot(driver)
    _wipe_and_reference(driver, database)
    return state


def _origin(rec: dict[str, Any]) -> str:
    return str(rec["article"]["source"]).split("#")[0]


def _expected(records: list[dict[str, Any]]) -> dict[str, int]:
    """Each clone's fact count, from the dev record it was cloned from."""
    per_source = {_origin(r): distinct_fact_keys(r) for r in dev_records()}
    return {r["article"]["id"]: per_source[_origin(r)] for r in records}


def test_killed_load_leaves_whole_articles_and_rerun_completes(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    records = clone_records(dev_records(), ARTICLES)
    clean_counts, clean_state = _clean_run(clean_db, neo4j_settings.database, records)
    path = write_jsonl(tmp_path / "big.jsonl", records)
    env = {**os.environ, "BLOCGRAPH_NEO4J_URI": neo4j_settings.uri,
           "BLOCGRAPH_NEO4J_DATABASE": neo4j_settings.database}
    command = cli_command("load", str(path), "--batch-articles", str(BATCH))
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(clean_db) < 4 * BATCH and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    stored = _stored(clean_db)
    assert 4 * BATCH <= stored < ARTICLES, "the kill must land mid-run"
    assert incomplete_articles(clean_db, _expected(records)) == []

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(clean_db) == clean_counts
    assert snapshot(clean_db) == clean_state


@pytest.fixture
def proxy(neo4j_settings: Settings) -> Iterator[CuttableProxy]:
    relay = CuttableProxy(neo4j_settings.uri)
    yield relay
    relay.close()


def _cut_when_loading(watcher: neo4j.Driver, proxy: CuttableProxy, after: int) -> None:
    """Cut every proxied connection while a load transaction runs, ``after`` articles in."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if _stored(watcher) >= after and watcher.execute_query(RUNNING_LOAD).records[0]["n"]:
            break
        time.sleep(0.005)
    proxy.cut()


def test_cut_connection_rolls_back_the_batch_in_flight(
    clean_db: neo4j.Driver, neo4j_settings: Settings, proxy: CuttableProxy
) -> None:
    records = clone_records(dev_records(), ARTICLES)
    clean_counts, clean_state = _clean_run(clean_db, neo4j_settings.database, records)
    # No retries, so the cut is final and the graph shows what the cut left behind.
    victim = neo4j.GraphDatabase.driver(proxy.uri, auth=neo4j_settings.auth,
                                        max_transaction_retry_time=0)
    writer = GraphWriter(victim, neo4j_settings.database, batch_articles=50)
    cutter = threading.Thread(target=_cut_when_loading, args=(clean_db, proxy, 50))
    cutter.start()
    try:
        with pytest.raises(StoreUnavailableError, match="lost the connection"):
            writer.load(records)
    finally:
        cutter.join()
        victim.close()
    stored = _stored(clean_db)
    assert stored % 50 == 0 and 50 <= stored < ARTICLES  # whole batches only
    assert incomplete_articles(clean_db, _expected(records)) == []

    new_writer(clean_db, neo4j_settings.database, batch_articles=BATCH).load(records)
    assert counts(clean_db) == clean_counts and snapshot(clean_db) == clean_state


def test_cut_connection_is_retried_by_the_managed_transaction(
    clean_db: neo4j.Driver, neo4j_settings: Settings, proxy: CuttableProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    records = clone_records(dev_records(), 120)
    clean_counts, clean_state = _clean_run(clean_db, neo4j_settings.database, records)
    victim = neo4j.GraphDatabase.driver(proxy.uri, auth=neo4j_settings.auth)
    writer = GraphWriter(victim, neo4j_settings.database, batch_articles=40)
    cutter = threading.Thread(target=_cut_when_loading, args=(clean_db, proxy, 40))
    cutter.start()
    try:
        stats = writer.load(records)
    finally:
        cutter.join()
        victim.close()
    assert "will be retried" in caplog.text  # the cut did hit a running transaction
    assert (stats.articles, stats.failed) == (120, 0)
    assert counts(clean_db) == clean_counts and snapshot(clean_db) == clean_state


def test_row_rejected_by_the_server_mid_batch_fails_only_its_article(
    clean_db: neo4j.Driver, neo4j_settings: Settings
) -> None:
    entities = [("acme", "Acme", "Company"), ("vc", "VC", "Investor")]
    good = [record(f"a-{i}", entities, [fact("INVESTMENT", investor="vc", company="acme",
                                              date=f"202{i}")]) for i in range(1, 5)]
    # A map is no property value: Neo4j rejects the row after earlier rows were written.
    # (Fact fields are refused before they reach the server, by their typed records; an
    # entity's free-text description is passed through, so the server is the one to say.)
    bad = record("a-bad", [*entities, ("only-bad", "Only In Bad", "Company")],
                 [fact("HEADQUARTERS", org="only-bad", country="FR"),
                  fact("INVESTMENT", investor="vc", company="only-bad")])
    bad["entities"][2]["description"] = {"v": 1}
    writer = new_writer(clean_db, neo4j_settings.database, batch_articles=10)
    stats = writer.load([good[0], good[1], bad, good[2], good[3]])
    assert (stats.articles, stats.failed) == (4, 1)
    error = stats.errors[0]
    assert error.source == "test/a-bad.txt" and "Property values" in error.reason
    found = clean_db.execute_query(
        "OPTIONAL MATCH (a:Article {id: 'a-bad'}) OPTIONAL MATCH (e:Entity {id: 'only-bad'}) "
        "OPTIONAL MATCH (f:Headquarters) RETURN a, e, f").records[0]
    assert (found["a"], found["e"], found["f"]) == (None, None, None)
    assert incomplete_articles(clean_db, {f"a-{i}": 1 for i in range(1, 5)}) == []
