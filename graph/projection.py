"""An in-memory networkx projection of the graph, for analytics.

Lookups go to Neo4j with Cypher; scores that walk many facts per entity (bloc
dependency, matrices) read the graph once, in four batched queries, into a
``networkx.MultiDiGraph`` and work there, so a matrix over every company costs
four round trips instead of thousands.

Node keys carry their kind as a prefix (``entity:mistral-ai``, ``fact:<key>``,
``country:FR``, ``bloc:eu``) so an entity id can never collide with a fact key.
Edges: fact -> participant (key = the model's edge type, ``lead`` on investor
edges), entity -> country (``IN_COUNTRY``, reference data), country -> bloc
(``MEMBER_OF``).

Curation is applied while reading: an entity merged by ``SAME_AS`` is not a
node, its facts hang off the surviving entity (``redirects`` maps old ids to
new), and retracted facts are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
import networkx as nx

from blocgraph.errors import NotFoundError
from blocgraph.graph.reading import read
from blocgraph.graph.temporal import as_iso, as_of_bound, check_as_of, in_force

INTERNAL_FACT_PROPS = frozenset({"key", "type", "conflict", "conflicts", "retracted",
                                 "retracted_why", "retracted_at"})
MAX_REDIRECT_HOPS = 8

_ENTITIES = f"""
MATCH (e:Entity)
OPTIONAL MATCH (e)-[:SAME_AS*1..{MAX_REDIRECT_HOPS}]->(t:Entity) WHERE NOT (t)-[:SAME_AS]->()
WITH e, head(collect(t.id)) AS target
RETURN e.id AS id, e.name AS name, labels(e) AS labels, e.country AS country,
       coalesce(e.aliases, []) AS aliases, target,
       [(e)-[:IN_COUNTRY]->(c:Country) | c.iso] AS ref_countries
"""
_GEOGRAPHY = """
MATCH (c:Country) OPTIONAL MATCH (c)-[:MEMBER_OF]->(b:Bloc)
RETURN c.iso AS iso, c.name AS name, b.id AS bloc, b.name AS bloc_name
"""
_FACT_FILTER = """
WHERE NOT coalesce(f.retracted, false)
  AND ($as_of_bound IS NULL OR f.date IS NULL OR toString(f.date) <= $as_of_bound)
"""
_FACTS = f"""
MATCH (f:Fact) {_FACT_FILTER}
RETURN properties(f) AS props,
       [(f)-[r]->(p) WHERE type(r) <> 'SUPPORTED_BY'
        | {{edge: type(r), lead: coalesce(r.lead, false), id: p.id, iso: p.iso}}] AS participants
"""
_SOURCES = f"""
MATCH (f:Fact)-[s:SUPPORTED_BY]->(a:Article) {_FACT_FILTER}
RETURN f.key AS key, a.id AS article_id, a.title AS title, a.url AS url,
       a.published AS published, s.text AS text, s.start AS start, s.end AS end,
       s.confidence AS confidence
ORDER BY key, published, article_id
"""


@dataclass(frozen=True)
class SourceRef:
    """One article's support for a fact: where, and the sentence that says it."""

    article_id: str
    title: str | None
    url: str | None
    published: str | None
    text: str | None
    start: int | None
    end: int | None
    confidence: float | None


@dataclass(frozen=True)
class FactRecord:
    key: str
    type: str
    date: str | None
    amount: float | None
    currency: str | None
    attrs: Mapping[str, Any]
    conflict: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class EntityRecord:
    id: str
    name: str
    type: str
    country: str | None
    reference_countries: tuple[str, ...]


@dataclass(frozen=True)
class Participant:
    """A fact's participant: an entity id or, for country fields, an ISO code."""

    id: str
    kind: str  # "entity" or "country"
    lead: bool = False


def entity_node(entity_id: str) -> str:
    return f"entity:{entity_id}"


def fact_node(key: str) -> str:
    return f"fact:{key}"


def country_node(iso: str) -> str:
    return f"country:{iso}"


def bloc_node(bloc_id: str) -> str:
    return f"bloc:{bloc_id}"


class Projection:
    """The graph as networkx sees it, with the lookups analytics need."""

    def __init__(self, graph: Any, redirects: Mapping[str, str], as_of: str | None) -> None:
        self.graph = graph
        self.redirects = dict(redirects)
        self.as_of = as_of

    def canonical(self, entity_id: str) -> str:
        """The surviving id of a (possibly merged) entity; NotFoundError if unknown."""
        resolved = self.redirects.get(entity_id, entity_id)
        if entity_node(resolved) not in self.graph:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return resolved

    def entity(self, entity_id: str) -> EntityRecord:
        record: EntityRecord = self.graph.nodes[entity_node(self.canonical(entity_id))]["entity"]
        return record

    def has_entity(self, entity_id: str) -> bool:
        return entity_node(self.redirects.get(entity_id, entity_id)) in self.graph

    def fact(self, key: str) -> FactRecord:
        record: FactRecord = self.graph.nodes[fact_node(key)]["fact"]
        return record

    def entities_of_type(self, type_name: str) -> list[str]:
        return sorted(data["entity"].id for _, data in self.graph.nodes(data=True)
                      if data["kind"] == "entity" and data["entity"].type == type_name)

    def facts_touching(
        self, entity_id: str, fact_type: str | None = None, roles: Iterable[str] | None = None
    ) -> list[tuple[FactRecord, str]]:
        """(fact, the entity's role in it) for every fact the entity takes part in."""
        wanted = set(roles) if roles is not None else None
        found = []
        for source, _, role in self.graph.in_edges(entity_node(entity_id), keys=True):
            if not source.startswith("fact:") or (wanted is not None and role not in wanted):
                continue
            fact = self.graph.nodes[source]["fact"]
            if fact_type is None or fact.type == fact_type:
                found.append((fact, role))
        return sorted(found, key=lambda item: (item[0].date or "", item[0].key, item[1]))

    def participants(self, key: str, role: str) -> list[Participant]:
        found = []
        for _, target, edge_role, data in self.graph.out_edges(fact_node(key), keys=True,
                                                                data=True):
            if edge_role == role:
                kind, _, ident = target.partition(":")
                found.append(Participant(ident, kind, bool(data.get("lead"))))
        return sorted(found, key=lambda p: p.id)

    def bloc_of_country(self, iso: str) -> str | None:
        node = country_node(iso)
        if node not in self.graph:
            return None
        for _, target in self.graph.out_edges(node):
            return str(target.partition(":")[2])
        return None

    def bloc_name(self, bloc_id: str) -> str:
        node = bloc_node(bloc_id)
        return str(self.graph.nodes[node]["name"]) if node in self.graph else bloc_id

    def restricted(self, as_of: str | None) -> Projection:
        """A copy without the dated facts that begin after ``as_of`` (see :func:`in_force`)."""
        if as_of is None:
            return self
        as_of = check_as_of(as_of)
        drop = [node for node, data in self.graph.nodes(data=True)
                if data["kind"] == "fact" and not in_force(data["fact"].date, as_of)]
        graph = self.graph.copy()
        graph.remove_nodes_from(drop)
        return Projection(graph, self.redirects, as_of)


def load_projection(driver: neo4j.Driver, as_of: str | None = None, *,
                    database: str | None = None) -> Projection:
    """Read the whole graph (retracted facts left out) into a :class:`Projection`.

    With ``as_of`` only facts in force on that day are read: a fact dated to a
    day, month or year counts from the first day of that period, and a fact
    with no date (every HEADQUARTERS, OWNERSHIP, DEVELOPS and ROLE fact, and any
    other whose text gave no date) is kept, because the graph cannot tell when
    it began and dropping it would empty the home and ownership evidence.
    Callers that care can tell undated facts apart by ``FactRecord.date``.
    """
    as_of = check_as_of(as_of) if as_of is not None else None
    graph = nx.MultiDiGraph()
    redirects = _add_entities(graph, read(driver, _ENTITIES, {}, database))
    _add_geography(graph, read(driver, _GEOGRAPHY, {}, database))
    params = {"as_of_bound": as_of_bound(as_of) if as_of is not None else None}
    sources = _group_sources(read(driver, _SOURCES, params, database))
    _add_facts(graph, read(driver, _FACTS, params, database), sources, redirects)
    return Projection(graph, redirects, as_of)


def _add_entities(graph: Any, rows: list[neo4j.Record]) -> dict[str, str]:
    redirects: dict[str, str] = {}
    for row in rows:
        if row["target"] is not None:
            redirects[row["id"]] = row["target"]
            continue
        record = EntityRecord(
            id=row["id"], name=row["name"] or row["id"], type=entity_type(row["labels"]),
            country=row["country"], reference_countries=tuple(sorted(row["ref_countries"])),
        )
        graph.add_node(entity_node(record.id), kind="entity", entity=record)
        for iso in record.reference_countries:
            graph.add_edge(entity_node(record.id), country_node(iso), key="IN_COUNTRY",
                           via="reference")
    return redirects


def entity_type(labels: Iterable[str]) -> str:
    """The concrete type among a node's labels (``Entity`` itself is the shared label)."""
    specific = sorted(label for label in labels if label != "Entity")
    return specific[0] if specific else "Entity"


def _add_geography(graph: Any, rows: list[neo4j.Record]) -> None:
    for row in rows:
        graph.add_node(country_node(row["iso"]), kind="country", iso=row["iso"], name=row["name"])
        if row["bloc"] is not None:
            graph.add_node(bloc_node(row["bloc"]), kind="bloc", id=row["bloc"],
                           name=row["bloc_name"])
            graph.add_edge(country_node(row["iso"]), bloc_node(row["bloc"]), key="MEMBER_OF")


def _group_sources(rows: list[neo4j.Record]) -> dict[str, list[SourceRef]]:
    grouped: dict[str, list[SourceRef]] = {}
    for row in rows:
        grouped.setdefault(row["key"], []).append(SourceRef(
            article_id=row["article_id"], title=row["title"], url=row["url"],
            published=as_iso(row["published"]), text=row["text"], start=row["start"],
            end=row["end"], confidence=row["confidence"],
        ))
    return grouped


def _add_facts(graph: Any, rows: list[neo4j.Record], sources: Mapping[str, list[SourceRef]],
               redirects: Mapping[str, str]) -> None:
    for row in rows:
        props = dict(row["props"])
        record = _fact_record(props, tuple(sources.get(props["key"], ())))
        node = fact_node(record.key)
        graph.add_node(node, kind="fact", fact=record)
        for part in row["participants"]:
            target = _participant_node(part, redirects)
            if target is not None and target in graph:
                graph.add_edge(node, target, key=part["edge"], lead=bool(part["lead"]))


def _fact_record(props: dict[str, Any], sources: tuple[SourceRef, ...]) -> FactRecord:
    amount = props.get("amount")
    return FactRecord(
        key=props["key"], type=props.get("type", ""), date=as_iso(props.get("date")),
        amount=float(amount) if amount is not None else None, currency=props.get("currency"),
        attrs={k: v for k, v in props.items() if k not in INTERNAL_FACT_PROPS},
        conflict=bool(props.get("conflict")), sources=sources,
    )


def _participant_node(part: Mapping[str, Any], redirects: Mapping[str, str]) -> str | None:
    if part["iso"] is not None:
        return country_node(part["iso"])
    if part["id"] is None:
        return None
    return entity_node(redirects.get(part["id"], part["id"]))


def as_projection(source: neo4j.Driver | Projection, as_of: str | None = None, *,
                  database: str | None = None) -> Projection:
    """Use a projection already read (narrowed to ``as_of``) or read one from the driver."""
    if isinstance(source, Projection):
        return source.restricted(as_of)
    return load_projection(source, as_of, database=database)
