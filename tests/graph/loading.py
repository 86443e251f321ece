"""Shared helpers for the loading tests: real extraction output and graph snapshots.

The dev corpus is extracted once per test process (``dev_records`` is cached),
so every loading test works on what the real extractor produces today.
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import neo4j

from blocgraph.graph.write.rows import Context, prepare_record
from blocgraph.graph.write.writer import GraphWriter
from blocgraph.schema.model import load_model
from blocgraph.schema.reference import load_reference

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT / "samples" / "corpus" / "dev"


@cache
def _extracted() -> tuple[str, ...]:
    from blocgraph.api.service import Extraction

    results = Extraction().batch([str(DEV_CORPUS)]).results()
    return tuple(json.dumps(r.to_load_record()) for r in results)


def dev_records() -> list[dict[str, Any]]:
    """``to_load_record()`` of every dev-corpus article (a fresh copy each call)."""
    return [json.loads(line) for line in _extracted()]


def clone_records(records: Sequence[Mapping[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` records cycling through ``records``, each under a new article id."""
    clones = []
    for index in range(count):
        record = copy.deepcopy(dict(records[index % len(records)]))
        article = record["article"]
        article["id"] = f"a-clone-{index:05d}"
        article["source"] = f"{article['source']}#clone-{index}"
        article["content_hash"] = hashlib.sha256(article["id"].encode()).hexdigest()
        clones.append(record)
    return clones


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def distinct_fact_keys(record: Mapping[str, Any]) -> int:
    """How many facts the record yields once same-key facts are one (no redirects)."""
    ctx = Context(load_model(), frozenset(e.id for e in load_reference().all_entries()))
    return len(prepare_record(record, ctx).support)


def counts(driver: neo4j.Driver) -> dict[str, int]:
    query = (
        "CALL { MATCH (n) RETURN count(n) AS nodes } "
        "CALL { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "CALL { MATCH (f:Fact) RETURN count(f) AS facts } "
        "CALL { MATCH (a:Article) RETURN count(a) AS articles } "
        "CALL { MATCH ()-[s:SUPPORTED_BY]->() RETURN count(s) AS support } "
        "RETURN nodes, rels, facts, articles, support"
    )
    record = driver.execute_query(query).records[0]
    return dict(record)


def _identity(labels: Sequence[str], props: Mapping[str, Any]) -> str:
    for name in ("key", "iso", "id"):
        if name in props:
            return f"{sorted(labels)}:{props[name]}"
    return f"{sorted(labels)}:?"


def snapshot(driver: neo4j.Driver, *, with_props: bool = True) -> tuple[list[Any], list[Any]]:
    """Every node and relationship, sorted, for comparing two states of the graph."""
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN labels(a) AS la, properties(a) AS pa, type(r) AS t, "
        "properties(r) AS pr, labels(b) AS lb, properties(b) AS pb"
    ).records
    node_rows = sorted(
        json.dumps([sorted(r["l"]), r["p"] if with_props else _identity(r["l"], r["p"])],
                   sort_keys=True, default=str)
        for r in nodes
    )
    rel_rows = sorted(
        json.dumps([_identity(r["la"], r["pa"]), r["t"], _identity(r["lb"], r["pb"]),
                    r["pr"] if with_props else None], sort_keys=True, default=str)
        for r in rels
    )
    return node_rows, rel_rows


def duplicate_relationships(driver: neo4j.Driver) -> list[Any]:
    return driver.execute_query(
        "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1 "
        "RETURN coalesce(a.key, a.id, a.iso) AS a, t, coalesce(b.key, b.id, b.iso) AS b, n"
    ).records


def incomplete_articles(driver: neo4j.Driver, expected: Mapping[str, int]) -> list[str]:
    """Articles in the graph whose SUPPORTED_BY count differs from their record's facts."""
    found = driver.execute_query(
        "MATCH (a:Article) WHERE a.id IN $ids "
        "RETURN a.id AS id, COUNT { (a)<-[:SUPPORTED_BY]-() } AS n",
        ids=list(expected),
    ).records
    return [r["id"] for r in found if r["n"] != expected[r["id"]]]


def cli_command(*args: str) -> list[str]:
    """Run the real console entry point in a child process."""
    return [sys.executable, "-m", "blocgraph.api.cli", *args]


def new_writer(driver: neo4j.Driver, database: str, **kwargs: Any) -> GraphWriter:
    writer = GraphWriter(driver, database, **kwargs)
    writer.ensure_schema()
    return writer


def fact(kind: str, evidence: str = "evidence", confidence: float = 0.8,
         **fields: Any) -> dict[str, Any]:
    """A hand-written contract fact (missing fields are null or empty)."""
    spec = load_model().fact_type(kind)
    data: dict[str, Any] = {"type": kind}
    for field in spec.fields:
        data[field.name] = fields.get(field.name, [] if field.list else None)
    data["evidence"] = [{"start": 0, "end": len(evidence), "text": evidence}]
    data["confidence"] = confidence
    return data


def record(article_id: str, entities: Sequence[tuple[str, str, str]],
           facts: Sequence[dict[str, Any]], published: str | None = None) -> dict[str, Any]:
    """A hand-written load record; entities are ``(id, name, type)``."""
    return {
        "article": {"id": article_id, "source": f"test/{article_id}.txt", "title": article_id,
                    "url": None, "published": published, "text": "text", "outlet": None,
                    "content_hash": hashlib.sha256(article_id.encode()).hexdigest()},
        "entities": [{"id": i, "name": n, "type": t, "country": None, "aliases": []}
                     for i, n, t in entities],
        "facts": list(facts),
        "extractor": "test",
    }
