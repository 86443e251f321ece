"""Eight ``blocgraph load`` processes on overlapping records at once: no duplicates, no losses."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import neo4j
import pytest

from blocgraph.graph.store.settings import Settings
from tests.graph.loading import (
    cli_command,
    clone_records,
    counts,
    dev_records,
    duplicate_relationships,
    new_writer,
    record,
    snapshot,
    write_jsonl,
)

pytestmark = pytest.mark.neo4j

PROCESSES = 8
SHARED = ("shared-co", "Shared Co", "Company")


def _alias_record(index: int) -> dict[str, object]:
    """Every process names the same entity with an alias of its own."""
    rec = record(f"a-alias-{index}", [SHARED], [])
    rec["entities"][0]["aliases"] = [f"Shared alias {index}"]  # type: ignore[index]
    return rec


def _inputs(tmp_path: Path) -> tuple[list[Path], list[dict[str, object]]]:
    """Per process a shuffled ~70 % of one pool of records (so they overlap heavily)."""
    pool = [*dev_records(), *clone_records(dev_records(), 30)]
    files, union = [], {}
    for index in range(PROCESSES):
        rng = random.Random(index)
        mine = [r for r in pool if rng.random() < 0.7] + [_alias_record(index)]
        rng.shuffle(mine)
        union.update({r["article"]["id"]: r for r in mine})  # type: ignore[index]
        files.append(write_jsonl(tmp_path / f"part-{index}.jsonl", mine))
    return files, list(union.values())


def test_parallel_loaders_leave_no_duplicates(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    files, union = _inputs(tmp_path)
    env = {**os.environ, "BLOCGRAPH_NEO4J_URI": neo4j_settings.uri,
           "BLOCGRAPH_NEO4J_DATABASE": neo4j_settings.database}
    # Nothing is prepared: the eight also race to apply the schema and the reference data.
    children = [
        subprocess.Popen(cli_command("load", str(path), "--batch-articles", "5"), env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in files
    ]
    outcomes = [(child.wait(timeout=300), child.communicate()) for child in children]
    for code, (_, err) in outcomes:
        assert code == 0, err
        assert "failed: 0" in err
    assert duplicate_relationships(clean_db) == []
    aliases = clean_db.execute_query(
        "MATCH (e:Entity {id: $id}) RETURN e.aliases AS a", id=SHARED[0]).records[0]["a"]
    assert sorted(aliases) == sorted(f"Shared alias {i}" for i in range(PROCESSES))
    parallel, structure = counts(clean_db), snapshot(clean_db, with_props=False)

    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    writer = new_writer(clean_db, neo4j_settings.database)
    writer.load_reference()
    writer.load(union)
    assert counts(clean_db) == parallel
    sequential = snapshot(clean_db, with_props=False)
    for mine, theirs in zip(sequential, structure, strict=True):  # nodes, then relationships
        assert set(mine) ^ set(theirs) == set()
