"""What the export tests share: the dev graph fixture's export, and whole-graph snapshots."""

from __future__ import annotations

import io
import json
from typing import Any

import neo4j

from blocgraph.graph.export.formats import ExportOptions, export_graph
from blocgraph.graph.export.scope import Scope

NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.iso, a.key) AS start,
       coalesce(b.id, b.iso, b.key) AS end, properties(r) AS props
"""


def export_bytes(driver: neo4j.Driver, database: str, fmt: str,
                 scope: Scope | None = None, batch_size: int = 500) -> bytes:
    out = io.BytesIO()
    export_graph(driver, fmt, out, ExportOptions(scope or Scope(), database=database,
                                                 batch_size=batch_size))
    return out.getvalue()


def _props(props: dict[str, Any], rdf: bool) -> dict[str, Any]:
    """RDF has no list order and no empty list: compare lists as sets, drop empty ones."""
    if not rdf:
        return dict(sorted(props.items()))
    return {k: sorted(v) if isinstance(v, list) else v
            for k, v in sorted(props.items()) if v != []}


def snapshot(driver: neo4j.Driver, database: str, *, rdf: bool = False,
             ) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (type, ends, properties), sorted."""
    nodes = driver.execute_query(NODES, database_=database).records
    rels = driver.execute_query(RELS, database_=database).records
    node_rows = sorted(json.dumps([sorted(r["labels"]), _props(dict(r["props"]), rdf)],
                                  sort_keys=True) for r in nodes)
    rel_rows = sorted(json.dumps([r["type"], r["start"], r["end"], dict(r["props"])],
                                 sort_keys=True) for r in rels)
    return node_rows, rel_rows


def property_count(driver: neo4j.Driver, database: str) -> int:
    """Properties as a CSV import stores them: empty lists are not written."""
    nodes, rels = snapshot(driver, database, rdf=True)
    return sum(len(json.loads(row)[1]) for row in nodes) + \
        sum(len(json.loads(row)[3]) for row in rels)


def label_counts(driver: neo4j.Driver, database: str) -> dict[str, int]:
    query = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
    return {r["label"]: r["n"] for r in driver.execute_query(query, database_=database).records}


def relationship_count(driver: neo4j.Driver, database: str) -> int:
    query = "MATCH ()-[r]->() RETURN count(r) AS n"
    return int(driver.execute_query(query, database_=database).records[0]["n"])
