"""The export pipeline's common ground: graph items, the exporter interface, the reader.

Every format sees the graph as a stream of :class:`GraphItem` (one node with
its outgoing relationships) and implements :class:`Exporter` (``write`` one
item, ``finalize`` once), so no format ever asks for the whole graph.
:func:`iter_graph` reads the items in pages of ``batch_size`` nodes, each
page its own read transaction: the whole graph by key order (keyset
pagination on the uniqueness constraints), or the keys a :class:`Scope`
resolves to. Pages are not one snapshot; export from a quiet database when a
consistent copy matters.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import neo4j

from blocgraph.graph.export.scope import Scope, resolve_scope
from blocgraph.graph.read.temporal import as_iso
from blocgraph.graph.read.transactions import read
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.vocabulary import (
    DEFAULT_BASE,
    KIND_SPECS,
    KINDS,
    REFERENCE_LABEL,
    NodeKind,
)

__all__ = ["DEFAULT_BATCH", "Exporter", "GraphItem", "Link", "Scope", "iter_graph"]

DEFAULT_BATCH = 500


@dataclass(frozen=True)
class Link:
    """One outgoing relationship: its type, the target's kind and key, its properties."""

    type: str
    target_kind: NodeKind
    target: str
    props: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphItem:
    """One node: ``id`` is its key (id, iso or fact key); ``type`` the entity type name,
    the fact code, ``Article`` or ``Reference``, or the kind's label."""

    kind: NodeKind
    id: str
    type: str
    props: Mapping[str, Any]
    links: tuple[Link, ...] = ()

    def links_of(self, rel_type: str) -> list[Link]:
        return [link for link in self.links if link.type == rel_type]


class Exporter(ABC):
    """Writes items to a binary stream as they come; ``finalize`` completes the document."""

    media_type = "application/octet-stream"
    suffix = ""

    def __init__(self, out: IO[bytes], model: Model | None = None,
                 base: str = DEFAULT_BASE) -> None:
        self.out = out
        self.model = model or load_model()
        self.base = base.rstrip("/")
        self.counts: dict[str, int] = {}

    def write(self, item: GraphItem) -> None:
        self.counts[item.kind] = self.counts.get(item.kind, 0) + 1
        self.write_item(item)

    @abstractmethod
    def write_item(self, item: GraphItem) -> None: ...

    def finalize(self) -> None:  # noqa: B027 - most formats need no closing
        """Close the document (brackets, trailing buffers); the stream stays open."""

    def close(self) -> None:  # noqa: B027 - most formats hold nothing outside the stream
        """Release what the export held besides the stream, finished or not."""


def sort_links(links: Iterable[Link]) -> tuple[Link, ...]:
    """Links in one canonical order, so items read from any source compare equal."""
    return tuple(sorted(links, key=lambda link: (link.type, link.target_kind, link.target)))


# --- reading -------------------------------------------------------------------------------


def _target_key() -> str:
    cases = " ".join(f"WHEN m:{spec.label} THEN m.{spec.key}" for spec in KIND_SPECS.values())
    return f"CASE {cases} END"


def _page_query(kind: NodeKind, scoped: bool) -> str:
    spec = KIND_SPECS[kind]
    if scoped:
        match = f"UNWIND $keys AS k MATCH (n:{spec.label} {{{spec.key}: k}})"
        tail = f"ORDER BY n.{spec.key}"
    else:
        match = f"MATCH (n:{spec.label}) WHERE n.{spec.key} > $after"
        tail = f"ORDER BY n.{spec.key} LIMIT $limit"
    return (
        f"{match} RETURN n.{spec.key} AS id, labels(n) AS labels, properties(n) AS props, "
        f"[(n)-[r]->(m) | {{type: type(r), labels: labels(m), key: {_target_key()}, "
        f"props: properties(r)}}] AS links {tail}"
    )


def iter_graph(driver: neo4j.Driver, scope: Scope | None = None, *, database: str | None = None,
               batch_size: int = DEFAULT_BATCH, model: Model | None = None,
               ) -> Iterator[GraphItem]:
    """Every node of the scope as an item, kinds in dependency order, each kind by key."""
    current = model or load_model()
    chosen = scope or Scope()
    keys = None if chosen.is_all else resolve_scope(driver, chosen, database)
    for kind in KINDS:
        pages = (_all_pages(driver, kind, database, batch_size) if keys is None
                 else _scoped_pages(driver, kind, keys[kind], database, batch_size))
        for rows in pages:
            for row in rows:
                yield _item(current, kind, row)


def _all_pages(driver: neo4j.Driver, kind: NodeKind, database: str | None,
               batch_size: int) -> Iterator[list[neo4j.Record]]:
    query = _page_query(kind, scoped=False)
    after = ""
    while True:
        rows = read(driver, query, {"after": after, "limit": batch_size}, database)
        if rows:
            yield rows
        if len(rows) < batch_size:
            return
        after = str(rows[-1]["id"])


def _scoped_pages(driver: neo4j.Driver, kind: NodeKind, keys: Sequence[str],
                  database: str | None, batch_size: int) -> Iterator[list[neo4j.Record]]:
    query = _page_query(kind, scoped=True)
    for start in range(0, len(keys), batch_size):
        yield read(driver, query, {"keys": list(keys[start:start + batch_size])}, database)


def _item(model: Model, kind: NodeKind, row: neo4j.Record) -> GraphItem:
    labels = list(row["labels"])
    props = {name: plain(value) for name, value in dict(row["props"]).items()}
    links = [link for raw in row["links"] if (link := _link(raw)) is not None]
    return GraphItem(kind, str(row["id"]), _type_of(model, kind, labels, props), props,
                     sort_links(links))


def _link(raw: Mapping[str, Any]) -> Link | None:
    target_kind = next((k for k in KINDS if KIND_SPECS[k].label in raw["labels"]), None)
    if target_kind is None or raw["key"] is None:
        return None
    props = {name: plain(value) for name, value in dict(raw["props"]).items()}
    return Link(str(raw["type"]), target_kind, str(raw["key"]), props)


def _type_of(model: Model, kind: NodeKind, labels: list[str], props: Mapping[str, Any]) -> str:
    if kind == "entity":
        concrete = sorted(t.name for t in model.entity_types if t.label in labels)
        return concrete[0] if concrete else "Entity"
    if kind == "fact":
        return str(props.get("type", ""))
    if kind == "article" and REFERENCE_LABEL in labels:
        return REFERENCE_LABEL
    return KIND_SPECS[kind].label


def plain(value: Any) -> Any:
    """Neo4j values as JSON-ready Python: temporal values become ISO text."""
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return as_iso(value)
