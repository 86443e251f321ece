"""Walking the graph from an entity: its neighbourhood and the paths to another entity.

A *hop* is one fact: two entities are neighbours when a (non-retracted) fact
names both. Neighbourhoods expand hop by hop in Python, one batched query per
hop (at most three), so the fact limit is enforced as the walk goes instead of
after a variable-length match has already exploded. Paths use Cypher's
``allShortestPaths`` over participant edges, with ``SAME_AS`` edges allowed so
merged entities still connect; the merge steps are folded away in the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import neo4j

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.read.results import (
    FACT_MAP,
    NOT_RETRACTED,
    EntityView,
    FactView,
    canonical,
    entity_view,
    fact_map,
    fact_view,
    merged_into,
)
from blocgraph.graph.read.transactions import read
from blocgraph.schema.model import load_model

MAX_HOPS = 3
MAX_PATH_HOPS = 6
MAX_LIMIT = 1000

_CENTER = f"MATCH (n:Entity {{id: $id}}) RETURN {canonical('n', 'nt')} AS entity"
_EXPAND = f"""
UNWIND $ids AS cid MATCH (e:Entity {{id: cid}})
MATCH {merged_into('e', 'm')}<-[]-(f:Fact)
WHERE {NOT_RETRACTED} AND NOT f.key IN $seen
WITH DISTINCT f ORDER BY f.date DESC, f.key LIMIT $limit
RETURN {FACT_MAP} AS fact,
       [(f)-[]->(p:Entity) | {canonical('p', 'pt')}] AS entities
"""


@dataclass(frozen=True)
class Subgraph:
    """Entities within ``hops`` facts of ``center``, and those facts (participants inside)."""

    center: EntityView
    entities: tuple[EntityView, ...]
    facts: tuple[FactView, ...]
    truncated: bool


@dataclass(frozen=True)
class PathView:
    """``facts[i]`` links ``entities[i]`` and ``entities[i + 1]``."""

    entities: tuple[EntityView, ...]
    facts: tuple[FactView, ...]


def neighbourhood(driver: neo4j.Driver, entity_id: str, hops: int = 1, limit: int = 100, *,
                  database: str | None = None) -> Subgraph:
    """Facts within ``hops`` (1..3) of the entity, at most ``limit`` of them (newest first
    at each hop); ``truncated`` says the limit cut the walk short."""
    if not 1 <= hops <= MAX_HOPS:
        raise InputError(f"hops must be between 1 and {MAX_HOPS}, got {hops}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    center = _center(driver, entity_id, database)
    entities = {center.id: center}
    facts: dict[str, FactView] = {}
    frontier = [center.id]
    truncated = False
    for _ in range(hops):
        room = limit - len(facts)
        if not frontier or room == 0:
            truncated = bool(frontier)
            break
        params = {"ids": frontier, "seen": list(facts), "limit": room + 1}
        rows = read(driver, _EXPAND, params, database)
        frontier = _absorb(rows[:room], facts, entities)
        if len(rows) > room:
            truncated = True
            break
    return Subgraph(center, tuple(entities.values()), tuple(facts.values()), truncated)


def _center(driver: neo4j.Driver, entity_id: str, database: str | None) -> EntityView:
    rows = read(driver, _CENTER, {"id": entity_id}, database)
    if not rows:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    return entity_view(rows[0]["entity"])


def _absorb(rows: list[Any], facts: dict[str, FactView],
            entities: dict[str, EntityView]) -> list[str]:
    """Add rows' facts and entities; returns the entities seen for the first time."""
    new: list[str] = []
    for row in rows:
        view = fact_view(row["fact"])
        facts[view.key] = view
        for node in row["entities"]:
            entity = entity_view(node)
            if entity.id not in entities:
                entities[entity.id] = entity
                new.append(entity.id)
    return new


def shortest_paths(driver: neo4j.Driver, a: str, b: str, max_hops: int = 4, limit: int = 10, *,
                   database: str | None = None) -> list[PathView]:
    """All shortest fact paths between two entities (at most ``max_hops`` facts, 1..6),
    through non-retracted facts only; empty when none is that short."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InputError(f"max_hops must be between 1 and {MAX_PATH_HOPS}, got {max_hops}")
    if not 1 <= limit <= 100:
        raise InputError(f"limit must be between 1 and 100, got {limit}")
    start, end = _center(driver, a, database), _center(driver, b, database)
    if start.id == end.id:
        return [PathView((start,), ())]
    rows = read(driver, _paths_query(max_hops), {"a": start.id, "b": end.id, "limit": limit * 4},
                database)
    paths: dict[tuple[str, ...], PathView] = {}
    for row in rows:
        path = _fold(row["steps"])
        if path is not None and len(path.facts) <= max_hops:
            paths.setdefault(tuple(f.key for f in path.facts), path)
    return list(paths.values())[:limit]


def _paths_query(max_hops: int) -> str:
    """The path query; edge types come from the model and the length bound is an int."""
    edges = sorted({spec.edge for fact in load_model().fact_types for spec in fact.fields
                    if spec.edge and spec.type == "entity"} | {"SAME_AS"})
    length = 2 * max_hops + 2  # room for two SAME_AS steps
    return f"""
MATCH (s:Entity {{id: $a}}), (t:Entity {{id: $b}})
MATCH path = allShortestPaths((s)-[:{'|'.join(edges)}*..{length}]-(t))
WHERE all(n IN nodes(path) WHERE n:Entity OR (n:Fact AND NOT coalesce(n.retracted, false)))
RETURN [n IN nodes(path) | CASE WHEN n:Fact THEN {{fact: {fact_map('n')}}}
        ELSE {{entity: {canonical('n', 'nt')}}} END] AS steps
LIMIT $limit
"""


def _fold(steps: list[dict[str, Any]]) -> PathView | None:
    """Entities and facts in order, merge steps (the same survivor twice in a row) folded."""
    entities: list[EntityView] = []
    facts: list[FactView] = []
    for step in steps:
        if step.get("fact") is not None:
            facts.append(fact_view(step["fact"]))
            continue
        entity = entity_view(step["entity"])
        if not entities or entities[-1].id != entity.id:
            entities.append(entity)
    if len(entities) != len(facts) + 1:
        return None
    return PathView(tuple(entities), tuple(facts))
