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

The Cypher fragments (``entity_map``, ``LIVE_FACT``, ``FACT_COLUMNS``,
``SOURCE_MAP``, ``GEOGRAPHY``) and the row handlers (``add_entities``, ``add_geography``,
``group_sources``, ``add_facts``) are public because
:mod:`blocgraph.graph.analytics.entity_projection` reads one entity's neighbourhood with
the same rows, so both projections are built the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
import networkx as nx

from blocgraph.errors import NotFoundError
from blocgraph.graph.identity import MAX_REDIRECT_HOPS as MAX_REDIRECT_HOPS  # re-exported
from blocgraph.graph.identity import survivor_id
from blocgraph.graph.read.temporal import as_iso, as_of_bound, check_as_of, in_force
from blocgraph.graph.read.transactions import read

T = TypeVar("T")

INTERNAL_FACT_PROPS = frozenset({"key", "type", "conflict", "conflicts", "retracted",
                                 "retracted_why", "retracted_at"})


def entity_map(var: str) -> str:
    """Cypher for the row of entity ``var`` as :func:`add_entities` reads it; ``target`` is
    the survivor it was merged into (null when it was not merged)."""
    return f"""{{id: {var}.id, name: {var}.name, labels: labels({var}), country: {var}.country,
        aliases: coalesce({var}.aliases, []),
        target: {survivor_id(var)},
        ref_countries: [({var})-[:IN_COUNTRY]->({var}_c:Country) | {var}_c.iso]}}"""


# Facts ``f`` that count: not retracted, and begun by ``$as_of_bound`` when one is given.
LIVE_FACT = """NOT coalesce(f.retracted, false)
  AND ($as_of_bound IS NULL OR f.date IS NULL OR toString(f.date) <= $as_of_bound)"""
FACT_COLUMNS = """properties(f) AS props,
       [(f)-[part_r]->(part) WHERE type(part_r) <> 'SUPPORTED_BY'
        | {edge: type(part_r), lead: coalesce(part_r.lead, false), id: part.id,
           iso: part.iso}] AS participants"""
# One SUPPORTED_BY ``s`` from fact ``f`` to article ``a``, as group_sources takes it.
SOURCE_MAP = """{key: f.key, article_id: a.id, title: a.title, url: a.url,
        published: a.published, text: s.text, start: s.start, end: s.end,
        confidence: s.confidence}"""

_ENTITIES = f"MATCH (e:Entity) RETURN {entity_map('e')} AS entity"
# One row: the countries with ISO codes in ``$isos`` (every one when null) and their blocs,
# as a list (one record instead of hundreds).
GEOGRAPHY = """
MATCH (c:Country) WHERE $isos IS NULL OR c.iso IN $isos
OPTIONAL MATCH (c)-[:MEMBER_OF]->(b:Bloc)
RETURN collect({iso: c.iso, name: c.name, bloc: b.id, bloc_name: b.name}) AS countries
"""
_FACTS = f"""
MATCH (f:Fact) WHERE {LIVE_FACT}
RETURN {FACT_COLUMNS}
"""
_SOURCES = f"""
MATCH (f:Fact)-[s:SUPPORTED_BY]->(a:Article) WHERE {LIVE_FACT}
RETURN {SOURCE_MAP} AS source
ORDER BY source.key, source.published, source.article_id
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


Touching = tuple[tuple[FactRecord, str], ...]


class Projection:
    """The graph as networkx sees it, with the lookups analytics need.

    ``facts_touching`` and ``participants`` are memoised (and :meth:`memoised`
    serves analytics built on them): scoring asks them the
    same questions once per ownership chain of every counterpart, and each
    answer scans and sorts networkx edges. Answers are tuples so no caller can
    change a cached one; the graph must not change once it is queried
    (:meth:`restricted` copies it into a new projection, with empty caches).
    """

    def __init__(self, graph: Any, redirects: Mapping[str, str], as_of: str | None) -> None:
        self.graph = graph
        self.redirects = dict(redirects)
        self.as_of = as_of
        self._touching: dict[tuple[str, str | None, frozenset[str] | None], Touching] = {}
        self._participants: dict[tuple[str, str], tuple[Participant, ...]] = {}
        self._memo: dict[Hashable, Any] = {}

    def memoised(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per key for this projection: analytics built on it (where an
        entity is, whose bloc it reaches) ask the same question for every entity that
        links to it. Callers must return immutable values."""
        if key not in self._memo:
            self._memo[key] = compute()
        found: T = self._memo[key]
        return found

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
    ) -> Touching:
        """(fact, the entity's role in it) for every fact the entity takes part in,
        by date, key and role."""
        wanted = frozenset(roles) if roles is not None else None
        cache_key = (entity_id, fact_type, wanted)
        found = self._touching.get(cache_key)
        if found is None:
            found = self._touching[cache_key] = tuple(
                (fact, role) for fact, role in self._all_facts_touching(entity_id)
                if (fact_type is None or fact.type == fact_type)
                and (wanted is None or role in wanted))
        return found

    def _all_facts_touching(self, entity_id: str) -> Touching:
        cache_key = (entity_id, None, None)
        found = self._touching.get(cache_key)
        if found is None:
            edges = self.graph.in_edges(entity_node(entity_id), keys=True)
            unsorted = [(self.graph.nodes[source]["fact"], role) for source, _, role in edges
                        if source.startswith("fact:")]
            found = self._touching[cache_key] = tuple(sorted(
                unsorted, key=lambda item: (item[0].date or "", item[0].key, item[1])))
        return found

    def participants(self, key: str, role: str) -> tuple[Participant, ...]:
        """The fact's participants in one role, by id."""
        found = self._participants.get((key, role))
        if found is None:
            edges = self.graph.out_edges(fact_node(key), keys=True, data=True)
            unsorted = [_participant(target, data) for _, target, edge_role, data in edges
                        if edge_role == role]
            found = self._participants[(key, role)] = tuple(sorted(unsorted, key=lambda p: p.id))
        return found

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


def _participant(node: str, edge: Mapping[str, Any]) -> Participant:
    kind, _, ident = node.partition(":")
    return Participant(ident, kind, bool(edge.get("lead")))


def load_projection(driver: neo4j.Driver, as_of: str | None = None, *,
                    database: str | None = None) -> Projection:
    """Read the whole graph (retracted facts left out) into a :class:`Projection`.

    With ``as_of`` only facts in force on that day are read: a fact dated to a
    day, month or year counts from the first day of that period, and a fact
    with no date (every fact of a type without a date field, such as home,
    ownership and product facts, and any other whose text gave no date) is
    kept, because the graph cannot tell when it began and dropping it would
    empty the home and ownership evidence.
    Callers that care can tell undated facts apart by ``FactRecord.date``.
    """
    as_of = check_as_of(as_of) if as_of is not None else None
    graph = nx.MultiDiGraph()
    redirects = add_entities(graph, (row["entity"] for row in read(driver, _ENTITIES, {},
                                                                     database)))
    add_geography(graph, read(driver, GEOGRAPHY, {"isos": None}, database)[0]["countries"])
    params = fact_params(as_of)
    sources = group_sources(row["source"] for row in read(driver, _SOURCES, params, database))
    add_facts(graph, read(driver, _FACTS, params, database), sources, redirects)
    return Projection(graph, redirects, as_of)


def fact_params(as_of: str | None) -> dict[str, Any]:
    """The parameters of :data:`LIVE_FACT` for a checked ``as_of`` (or None)."""
    return {"as_of_bound": as_of_bound(as_of) if as_of is not None else None}


def add_entities(graph: Any, rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Entity nodes (and their reference countries) from :func:`entity_map` rows;
    returns the redirects of the merged ones, which get no node."""
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


def add_geography(graph: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """Country and bloc nodes with their MEMBER_OF edges, from :data:`GEOGRAPHY`'s list."""
    for row in rows:
        graph.add_node(country_node(row["iso"]), kind="country", iso=row["iso"], name=row["name"])
        if row["bloc"] is not None:
            graph.add_node(bloc_node(row["bloc"]), kind="bloc", id=row["bloc"],
                           name=row["bloc_name"])
            graph.add_edge(country_node(row["iso"]), bloc_node(row["bloc"]), key="MEMBER_OF")


def group_sources(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[SourceRef]]:
    """:data:`SOURCE_MAP` maps grouped by fact key, in the order given."""
    grouped: dict[str, list[SourceRef]] = {}
    for row in rows:
        grouped.setdefault(row["key"], []).append(SourceRef(
            article_id=row["article_id"], title=row["title"], url=row["url"],
            published=as_iso(row["published"]), text=row["text"], start=row["start"],
            end=row["end"], confidence=row["confidence"],
        ))
    return grouped


def add_facts(graph: Any, rows: Iterable[Mapping[str, Any]],
              sources: Mapping[str, list[SourceRef]], redirects: Mapping[str, str]) -> None:
    """Fact nodes from :data:`FACT_COLUMNS` rows, with an edge to every participant
    already in the graph (merged ones through ``redirects``), so entities come first."""
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
