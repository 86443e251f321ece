"""One entity's neighbourhood as a :class:`~blocgraph.graph.analytics.projection.Projection`.

Scoring one entity (:func:`blocgraph.graph.analytics.dependency.score_entity`) looks at
a small part of the graph: the entity's own links, the links of the products it
makes (restrictions on them), and where each counterpart is placed, which means its
home facts and, level by level, its owners' (``blocs.MAX_OWNERSHIP_DEPTH`` levels up).
Which fact types and roles those are is derived from the declared channels
(:mod:`blocgraph.graph.analytics.channel_spec`), never listed here.
Reading the whole graph for that (``load_projection``) costs seconds and
hundreds of megabytes on a large graph, so :func:`load_entity_projection`
reads just that neighbourhood, one statement per ownership level in one read
transaction, and builds it with the whole-graph loader's own row
handlers: ``score_entity`` gives the same answer on either projection.

The neighbourhood is a superset of what scoring follows (every participant of
a fact read is placed, not only the counterparts), which keeps the reads
simple; the tests check the equality on every entity of the dev corpus.
Curation applies as in ``load_projection``: facts of entities merged into one
that is read hang off the survivor, and retracted facts are left out; with
``as_of`` dated facts that begin later are left out and undated ones kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import neo4j
import networkx as nx

from blocgraph.errors import NotFoundError
from blocgraph.graph.analytics.blocs import MAX_OWNERSHIP_DEPTH
from blocgraph.graph.analytics.channel_spec import ChannelSpec, channel_spec
from blocgraph.graph.analytics.projection import (
    FACT_COLUMNS,
    GEOGRAPHY,
    LIVE_FACT,
    MAX_REDIRECT_HOPS,
    SOURCE_MAP,
    Projection,
    add_entities,
    add_facts,
    add_geography,
    entity_map,
    fact_params,
    group_sources,
)
from blocgraph.graph.read.temporal import check_as_of
from blocgraph.graph.read.transactions import read_work, records

Wanted = Mapping[str, tuple[str, ...]]  # fact type -> the roles the entity may play in it


@dataclass(frozen=True)
class _Wants:
    """What is read around an entity, by step of :func:`_read_around`."""

    own: Wanted  # the entity's links (every channel's anchors), its home, owners, products
    products: Wanted  # the links of its products, for channels declared through products
    placing: Wanted  # placing a participant (blocs.reach): where it is and who owns it
    home: Wanted  # the last level of owners is only placed, never followed further


@cache
def _wants(spec: ChannelSpec) -> _Wants:
    """The wanted roles, derived from the declared channels and placement relations."""
    home = {spec.home.fact: (spec.home.entity.edge,)}
    placing = _merge(home, {spec.ownership.fact: (spec.ownership.owned.edge,)})
    links = [declared for channel in spec.channels for declared in channel.links]
    own = _merge(placing, {spec.makes.fact: (spec.makes.maker.edge,)},
                 *({d.fact: d.anchor_edges} for d in links))
    products = _merge(*({d.fact: d.anchor_edges} for d in links if d.products))
    return _Wants(own, products, placing, home)


def _merge(*wanted: Wanted) -> dict[str, tuple[str, ...]]:
    merged: dict[str, set[str]] = {}
    for one in wanted:
        for code, roles in one.items():
            merged.setdefault(code, set()).update(roles)
    return {code: tuple(sorted(roles)) for code, roles in merged.items()}


# Entities by id, each with the survivor it was merged into.
_ENTITIES = f"""
UNWIND $ids AS rid MATCH (n:Entity {{id: rid}})
OPTIONAL MATCH (n)-[:SAME_AS*1..{MAX_REDIRECT_HOPS}]->(s:Entity) WHERE NOT (s)-[:SAME_AS]->()
WITH n, head(collect(s)) AS s
UNWIND [n, s] AS e
WITH DISTINCT e WHERE e IS NOT NULL
RETURN {entity_map('e')} AS entity
"""


@cache
def _facts_query(edges: tuple[str, ...]) -> str:
    """Live facts in which an entity of ``$ids``, or one merged into it, plays a wanted role,
    with their sources and the rows of their participants.

    The relationship types are the model's fixed edge names, written into the
    pattern so Neo4j expands only those relationships of a busy node.
    """
    return f"""
UNWIND $ids AS rid
MATCH (:Entity {{id: rid}})<-[:SAME_AS*0..{MAX_REDIRECT_HOPS}]-(:Entity)
      <-[r:{'|'.join(edges)}]-(f:Fact)
WHERE f.type + '/' + type(r) IN $wanted AND {LIVE_FACT}
WITH DISTINCT f
RETURN {FACT_COLUMNS},
       COLLECT {{ MATCH (f)-[s:SUPPORTED_BY]->(a:Article)
                 RETURN {SOURCE_MAP} ORDER BY a.published, a.id }} AS sources,
       COLLECT {{ MATCH (f)-[q]->(e:Entity) WHERE type(q) <> 'SUPPORTED_BY'
                 RETURN {entity_map('e')} }} AS entities
"""


@dataclass
class _Neighbourhood:
    """Entity and fact rows read so far in one transaction, by id and by fact key."""

    tx: neo4j.ManagedTransaction
    params: Mapping[str, Any]
    entities: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    facts: dict[str, Mapping[str, Any]] = field(default_factory=dict)

    def canonical(self, entity_id: str) -> str:
        row = self.entities.get(entity_id)
        return str(row["target"]) if row is not None and row["target"] else entity_id

    def read_entities(self, ids: Iterable[str]) -> None:
        """Rows of these entities and of the survivors they were merged into."""
        missing = set(ids) - self.entities.keys()
        while missing:
            rows = [row["entity"] for row in records(self.tx, _ENTITIES, {"ids": sorted(missing)})]
            missing = self._add_entities(rows)

    def _add_entities(self, rows: Iterable[Mapping[str, Any]]) -> set[str]:
        """Keeps the rows; returns the survivors they name that are not read yet."""
        rows = list(rows)
        self.entities.update((row["id"], row) for row in rows)
        return {row["target"] for row in rows if row["target"]} - self.entities.keys()

    def read_facts(self, ids: Iterable[str], wanted: Wanted) -> list[Mapping[str, Any]]:
        """Facts in which these (surviving) entities play a wanted role, and the entity
        rows of all their participants (and of the survivors of merged ones), so every
        edge of a fact read gets drawn."""
        edges = tuple(sorted({role for roles in wanted.values() for role in roles}))
        pairs = sorted(f"{code}/{role}" for code, roles in wanted.items() for role in roles)
        params = {**self.params, "ids": sorted(set(ids)), "wanted": pairs}
        rows: list[Mapping[str, Any]] = list(records(self.tx, _facts_query(edges), params))
        self.facts.update((row["props"]["key"], row) for row in rows)
        self.read_entities(self._add_entities(e for row in rows for e in row["entities"]))
        return rows

    def countries(self) -> set[str]:
        """Every country an entity or fact read names: the only ones scoring can ask about."""
        named = {p["iso"] for row in self.facts.values() for p in row["participants"]
                 if p["iso"] is not None}
        for row in self.entities.values():
            named.update(row["ref_countries"])
            if row["country"]:
                named.add(row["country"])
        return named

    def canonical_participants(self, rows: Iterable[Mapping[str, Any]],
                               code: str | None = None, edge: str | None = None) -> set[str]:
        return {self.canonical(i) for i in _participant_ids(rows, code, edge)}


def _participant_ids(rows: Iterable[Mapping[str, Any]], code: str | None = None,
                    edge: str | None = None) -> set[str]:
    """Entity participants of fact rows, optionally of one fact type and edge only."""
    return {p["id"] for row in rows for p in row["participants"]
            if p["id"] is not None and p["iso"] is None
            and code in (None, row["props"].get("type")) and edge in (None, p["edge"])}


def load_entity_projection(driver: neo4j.Driver, entity_id: str, as_of: str | None = None, *,
                           database: str | None = None) -> Projection:
    """What ``score_entity`` looks at for the entity, read in one transaction.

    NotFoundError when no entity has that id; ``as_of`` as in
    :func:`~blocgraph.graph.analytics.projection.load_projection`.
    """
    as_of = check_as_of(as_of) if as_of is not None else None
    params = fact_params(as_of)

    def work(tx: neo4j.ManagedTransaction) -> tuple[_Neighbourhood, list[Mapping[str, Any]]] | None:
        reads = _Neighbourhood(tx, params)
        reads.read_entities([entity_id])
        if entity_id not in reads.entities:
            return None
        _read_around(reads, reads.canonical(entity_id))
        countries = records(tx, GEOGRAPHY, {"isos": sorted(reads.countries())})
        return reads, countries[0]["countries"]

    found = read_work(driver, work, database)
    if found is None:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    return _projection(*found, as_of)


def _read_around(reads: _Neighbourhood, root: str) -> None:
    """The root's links and its products' links, then the placing facts of every
    participant, then of their owners, breadth first, so each entity is read
    once at the shortest ownership distance any start has to it."""
    spec = channel_spec()
    wants = _wants(spec)
    rows = reads.read_facts([root], wants.own)
    products = reads.canonical_participants(rows, spec.makes.fact,
                                            spec.makes.product.edge) - {root}
    if products and wants.products:
        rows += reads.read_facts(products, wants.products)
    placed = {root} | reads.canonical_participants(rows)
    frontier = placed - {root}  # the root's own placing facts are among its links
    for level in range(MAX_OWNERSHIP_DEPTH + 1):
        if not frontier:
            break
        wanted = wants.placing if level < MAX_OWNERSHIP_DEPTH else wants.home
        found = reads.read_facts(frontier, wanted)
        frontier = reads.canonical_participants(found, spec.ownership.fact,
                                                spec.ownership.owner.edge) - placed
        placed |= frontier


def _projection(reads: _Neighbourhood, geography: Sequence[Mapping[str, Any]],
                as_of: str | None) -> Projection:
    """Built as ``load_projection`` builds the whole graph: entities, geography, facts."""
    graph = nx.MultiDiGraph()
    redirects = add_entities(graph, reads.entities.values())
    add_geography(graph, geography)
    facts = list(reads.facts.values())
    sources = group_sources(source for row in facts for source in row["sources"])
    add_facts(graph, facts, sources, redirects)
    return Projection(graph, redirects, as_of)
