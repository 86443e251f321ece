"""Which nodes a scoped export holds: an entity's neighbourhood, or a bloc's entities.

A scope is resolved to sets of keys (ids, not nodes), a few queries per hop,
and closed so the export is self-contained: every fact brings its
participants and supporting articles, every entity its countries and the
entities it was merged into (the whole chain), every country its bloc. Retracted facts are kept
(an export is a faithful copy; they carry ``retracted``), but a bloc's
membership is never decided by one.
"""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.identity import canonical, chain_targets, merged_into
from blocgraph.graph.read.transactions import read
from blocgraph.schema.vocabulary import SUPPORTED_BY, NodeKind

MAX_HOPS = 5

_SEEDS_OF_ENTITY = f"""
MATCH (n:Entity {{id: $id}})
WITH {canonical('n', 't')} AS e
MATCH {merged_into('e', 'm')}
RETURN collect(DISTINCT m.id) AS ids
"""
_BLOC_EXISTS = "MATCH (b:Bloc {id: $bloc}) RETURN b.id AS id"
_SEEDS_OF_BLOC = """
MATCH (:Bloc {id: $bloc})<-[:MEMBER_OF]-(c:Country)
WITH collect(c.iso) AS isos
MATCH (e:Entity)
WHERE e.country IN isos
   OR EXISTS { (e)-[:IN_COUNTRY]->(c:Country) WHERE c.iso IN isos }
   OR EXISTS { (e)<--(f:Fact)-->(c:Country)
               WHERE c.iso IN isos AND NOT coalesce(f.retracted, false) }
RETURN collect(e.id) AS ids
"""
_FACTS_OF = """
UNWIND $ids AS i MATCH (:Entity {id: i})<--(f:Fact)
RETURN collect(DISTINCT f.key) AS keys
"""
_PARTICIPANTS_OF = """
UNWIND $keys AS k MATCH (:Fact {key: k})-[r]->(e:Entity)
RETURN collect(DISTINCT e.id) AS ids
"""
_MERGE_TARGETS = f"""
{chain_targets('ids', 't')}
RETURN collect(DISTINCT t.id) AS ids
"""
_FACT_CLOSURE = f"""
UNWIND $keys AS k MATCH (f:Fact {{key: k}})
RETURN [(f)-[:{SUPPORTED_BY}]->(a:Article) | a.id] AS articles,
       [(f)-[]->(c:Country) | c.iso] AS countries
"""
_ENTITY_COUNTRIES = """
UNWIND $ids AS i MATCH (:Entity {id: i})-[]->(c:Country) RETURN collect(DISTINCT c.iso) AS isos
"""
_BLOC_MEMBERS = "MATCH (:Bloc {id: $bloc})<-[:MEMBER_OF]-(c:Country) RETURN collect(c.iso) AS isos"
_BLOCS_OF = """
UNWIND $isos AS i MATCH (:Country {iso: i})-[:MEMBER_OF]->(b:Bloc)
RETURN collect(DISTINCT b.id) AS ids
"""
_CURATIONS_OF = """
MATCH (c:Curation) WHERE c.subject IN $refs OR c.target IN $refs RETURN collect(c.id) AS ids
"""


@dataclass(frozen=True)
class Scope:
    """All of the graph (no entity, no bloc), an entity and what lies within ``hops`` facts
    of it, or the entities a bloc holds (by reference country, property or home facts)
    with their facts ``hops`` deep."""

    entity: str | None = None
    bloc: str | None = None
    hops: int = 1

    def __post_init__(self) -> None:
        if self.entity and self.bloc:
            raise InputError("choose either an entity or a bloc, not both")
        if not 0 <= self.hops <= MAX_HOPS:
            raise InputError(f"hops must be between 0 and {MAX_HOPS}, got {self.hops}")

    @property
    def is_all(self) -> bool:
        return not self.entity and not self.bloc

    def describe(self) -> str:
        if self.entity:
            return f"entity {self.entity} ({self.hops} hops)"
        return f"bloc {self.bloc}" if self.bloc else "whole graph"


Keys = dict[NodeKind, list[str]]


class _Reader:
    def __init__(self, driver: neo4j.Driver, database: str | None) -> None:
        self.driver = driver
        self.database = database

    def ids(self, query: str, column: str, **params: object) -> set[str]:
        rows = read(self.driver, query, dict(params), self.database)
        return {str(v) for v in rows[0][column]} if rows else set()


def resolve_scope(driver: neo4j.Driver, scope: Scope, database: str | None = None) -> Keys:
    """The sorted keys of every node in a scoped export, per kind."""
    reader = _Reader(driver, database)
    entities, countries = _seeds(reader, scope)
    facts: set[str] = set()
    frontier = set(entities)
    for _ in range(scope.hops):
        new_facts = reader.ids(_FACTS_OF, "keys", ids=sorted(frontier)) - facts
        facts |= new_facts
        frontier = reader.ids(_PARTICIPANTS_OF, "ids", keys=sorted(new_facts)) - entities
        entities |= frontier
    entities |= reader.ids(_MERGE_TARGETS, "ids", ids=sorted(entities))
    articles: set[str] = set()
    for row in read(driver, _FACT_CLOSURE, {"keys": sorted(facts)}, database):
        articles.update(row["articles"])
        countries.update(row["countries"])
    countries |= reader.ids(_ENTITY_COUNTRIES, "isos", ids=sorted(entities))
    blocs = reader.ids(_BLOCS_OF, "ids", isos=sorted(countries))
    curations = reader.ids(_CURATIONS_OF, "ids", refs=sorted(entities | facts))
    return {"bloc": sorted(blocs), "country": sorted(countries), "article": sorted(articles),
            "entity": sorted(entities), "fact": sorted(facts), "curation": sorted(curations)}


def _seeds(reader: _Reader, scope: Scope) -> tuple[set[str], set[str]]:
    """Starting entities, and countries the scope names outright (a bloc's members)."""
    if scope.entity:
        seeds = reader.ids(_SEEDS_OF_ENTITY, "ids", id=scope.entity)
        if not seeds:
            raise NotFoundError(f"no entity with id {scope.entity!r}")
        return seeds, set()
    if not read(reader.driver, _BLOC_EXISTS, {"bloc": scope.bloc}, reader.database):
        raise NotFoundError(f"no bloc with id {scope.bloc!r}")
    members = reader.ids(_BLOC_MEMBERS, "isos", bloc=scope.bloc)
    return reader.ids(_SEEDS_OF_BLOC, "ids", bloc=scope.bloc), members
