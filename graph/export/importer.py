"""``blocgraph import``: an export (JSON Lines, Turtle, N-Triples, JSON-LD) into Neo4j.

Two passes over the input: nodes first, then relationships, so a relationship
never waits for a node later in the file (SAME_AS between entities is one).
Each pass writes batches in one transaction of ``UNWIND $rows ... MERGE``
queries on the uniqueness keys, grouped so labels and relationship types are
static per query. Labels come from the model (an entity's type, a fact's
code), relationship types must be ones the model gives that kind of node,
and only the model's properties are written: a file cannot add anything the
graph model does not know. Meant for an empty database; MERGE makes a re-run
harmless.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import neo4j

from blocgraph.errors import InputError, ModelError
from blocgraph.graph.export.base import DEFAULT_BATCH, GraphItem
from blocgraph.graph.export.jsonl import read_jsonl
from blocgraph.graph.export.rdf_read import RDF_FORMATS, RdfItemReader, parse_rdf
from blocgraph.graph.store.schema_apply import apply_schema
from blocgraph.graph.write.statements import ident
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.vocabulary import KIND_SPECS, NodeKind, labels_for, link_specs, node_columns

IMPORT_FORMATS = ("jsonl", *RDF_FORMATS)
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".ttl": "ttl", ".nt": "nt",
             ".jsonld": "jsonld"}
_SCALARS = (str, int, float, bool)


@dataclass
class ImportStats:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: int = 0
    missing: int = 0
    ignored: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        nodes = ", ".join(f"{kind}: {count}" for kind, count in self.nodes.items())
        ignored = f", ignored properties: {self.ignored}" if self.ignored else ""
        return (f"imported {nodes}; relationships: {self.relationships}, "
                f"dangling: {self.missing}{ignored} ({self.seconds:.1f} s)")


def detect_format(path: Path) -> str:
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise InputError(f"{path}: cannot tell the format from the name; give --format "
                         f"({', '.join(IMPORT_FORMATS)})") from None


def item_source(path: Path, fmt: str | None = None,
                model: Model | None = None) -> Callable[[], Iterator[GraphItem]]:
    """A function returning a fresh iterator over the file's items (one per pass)."""
    current = model or load_model()
    chosen = fmt or detect_format(path)
    if chosen not in IMPORT_FORMATS:
        raise InputError(f"unknown import format {chosen!r}; choose one of "
                         f"{', '.join(IMPORT_FORMATS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if chosen == "jsonl":
        def jsonl_items() -> Iterator[GraphItem]:
            with path.open(encoding="utf-8") as handle:
                yield from read_jsonl(current, handle, str(path))
        return jsonl_items
    reader = RdfItemReader(current, parse_rdf(path, chosen))
    return lambda: iter(reader)


def import_file(driver: neo4j.Driver, path: Path, fmt: str | None = None, *,
                database: str | None = None, batch_size: int = DEFAULT_BATCH,
                allow_nonempty: bool = False) -> ImportStats:
    model = load_model()
    items = item_source(path, fmt, model)
    return GraphImporter(driver, database, batch_size, model).run(items, allow_nonempty)


class GraphImporter:
    def __init__(self, driver: neo4j.Driver, database: str | None = None,
                 batch_size: int = DEFAULT_BATCH, model: Model | None = None) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = max(1, batch_size)
        self.model = model or load_model()
        self._columns: dict[tuple[str, str], set[str]] = {}

    def run(self, items: Callable[[], Iterable[GraphItem]],
            allow_nonempty: bool = False) -> ImportStats:
        began = time.monotonic()
        if not allow_nonempty and not self._is_empty():
            raise InputError("the database is not empty; import into an empty one "
                             "(or allow merging into existing data)")
        apply_schema(self.driver, self.database)
        stats = ImportStats()
        for batch in _chunks(items(), self.batch_size):
            self._write([self._node_query(group, rows)
                         for group, rows in self._node_groups(batch, stats).items()])
        for batch in _chunks(items(), self.batch_size):
            for (kind, rel, target), rows in _link_groups(self.model, batch).items():
                linked = self._write([_link_query(kind, rel, target, rows)])
                stats.relationships += linked
                stats.missing += len(rows) - linked
        stats.seconds = time.monotonic() - began
        return stats

    def _is_empty(self) -> bool:
        records, _, _ = self.driver.execute_query("MATCH (n) RETURN count(n) > 0 AS any",
                                                  database_=self.database)
        return not records[0]["any"]

    def _node_groups(self, batch: list[GraphItem], stats: ImportStats,
                     ) -> dict[tuple[NodeKind, str], list[dict[str, Any]]]:
        groups: dict[tuple[NodeKind, str], list[dict[str, Any]]] = {}
        for item in batch:
            self._check_type(item)
            props = self._known_props(item, stats)
            groups.setdefault((item.kind, item.type), []).append({"key": item.id, "props": props})
            stats.nodes[item.kind] = stats.nodes.get(item.kind, 0) + 1
        return groups

    def _check_type(self, item: GraphItem) -> None:
        """Labels come from the item's type, so the type must be one of the model's."""
        try:
            if item.kind == "fact":
                self.model.fact_type(item.type)
            elif item.kind == "entity" and self.model.get(item.type).kind != "entity":
                raise ModelError(f"{item.type!r} is not an entity type")
        except ModelError as exc:
            raise InputError(f"{item.kind} {item.id}: {exc.message}") from None

    def _known_props(self, item: GraphItem, stats: ImportStats) -> dict[str, Any]:
        allowed = self._allowed(item)
        props: dict[str, Any] = {}
        for name, value in item.props.items():
            if name not in allowed:
                stats.ignored[name] = stats.ignored.get(name, 0) + 1
            elif value is not None:
                props[name] = _storable(value, f"{item.kind} {item.id}: {name}")
        props[KIND_SPECS[item.kind].key] = item.id
        return props

    def _allowed(self, item: GraphItem) -> set[str]:
        type_key = (item.kind, item.type)
        if type_key not in self._columns:
            code = item.type if item.kind == "fact" else None
            self._columns[type_key] = {c.name for c in node_columns(self.model, item.kind, code)}
        return self._columns[type_key]

    def _node_query(self, group: tuple[NodeKind, str],
                    rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
        kind, type_name = group
        spec = KIND_SPECS[kind]
        extra = [ident(label) for label in labels_for(self.model, kind, type_name)
                 if label != spec.label]
        labels = f" SET n:{':'.join(extra)}" if extra else ""
        query = (f"UNWIND $rows AS row MERGE (n:{spec.label} {{{spec.key}: row.key}}) "
                 f"SET n += row.props{labels}")
        return query, {"rows": rows}

    def _write(self, queries: list[tuple[str, dict[str, Any]]]) -> int:
        def work(tx: neo4j.ManagedTransaction) -> int:
            total = 0
            for query, params in queries:
                record = tx.run(query, params).single()
                total += int(record.get("linked", 0)) if record is not None else 0
            return total

        with self.driver.session(database=self.database,
                                 notifications_min_severity="OFF") as session:
            return session.execute_write(work)


def _link_groups(model: Model, batch: list[GraphItem],
                 ) -> dict[tuple[NodeKind, str, NodeKind], list[dict[str, Any]]]:
    groups: dict[tuple[NodeKind, str, NodeKind], list[dict[str, Any]]] = {}
    for item in batch:
        allowed = {spec.type: spec for spec in
                   link_specs(model, item.kind, item.type if item.kind == "fact" else None)}
        for link in item.links:
            spec = allowed.get(link.type)
            if spec is None or spec.target != link.target_kind:
                raise InputError(f"{item.kind} {item.id}: a {link.type} to a "
                                 f"{link.target_kind} is not in the graph model")
            props = {c.name: _storable(link.props[c.name], f"{link.type} {c.name}")
                     for c in spec.columns if link.props.get(c.name) is not None}
            groups.setdefault((item.kind, link.type, link.target_kind), []).append(
                {"src": item.id, "dst": link.target, "props": props})
    return groups


def _link_query(kind: NodeKind, rel_type: str, target: NodeKind,
                rows: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    start, end = KIND_SPECS[kind], KIND_SPECS[target]
    query = (f"UNWIND $rows AS row MATCH (a:{start.label} {{{start.key}: row.src}}) "
             f"MATCH (b:{end.label} {{{end.key}: row.dst}}) "
             f"MERGE (a)-[r:{ident(rel_type)}]->(b) SET r += row.props "
             "RETURN count(r) AS linked")
    return query, {"rows": rows}


def _storable(value: Any, where: str) -> Any:
    """A value Neo4j can store as a property: a scalar or a list of scalars."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value):
        return value
    raise InputError(f"{where}: {value!r} cannot be a property value")


def _chunks(items: Iterable[GraphItem], size: int) -> Iterator[list[GraphItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
