"""The API benchmark's hand-written side: one Cypher statement per request where one will do.

Each reader answers what one of :data:`bench.api_load.DOCUMENTS` asks for,
through the driver in a read transaction (:func:`blocgraph.graph.read.transactions.read`,
as the API's readers do). Like the API they follow ``SAME_AS`` merges, hide
retracted facts and order pages the same way; they reuse the readers' pure
Cypher fragments for merges (``canonical``, ``merged_into``) and homes
(``homes_expr``), so the answers match, but each request is one statement
anchored on its entity and fetching only the page asked for.

``dependency`` cannot be one statement without rewriting the scoring in
Cypher, so it is the reads the scoring needs (the entity's facts, its
products' bans, then headquarters and ownership facts of everyone to be
placed, one query per ownership level) into a small projection, scored by the
same :func:`~blocgraph.graph.analytics.dependency.score_entity` the API uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, cast

import neo4j
import networkx as nx

from blocgraph.errors import NotFoundError
from blocgraph.graph.analytics import projection as proj
from blocgraph.graph.analytics.blocs import MAX_OWNERSHIP_DEPTH
from blocgraph.graph.analytics.dependency import DependencyResult, score_entity
from blocgraph.graph.analytics.projection import MAX_REDIRECT_HOPS
from blocgraph.graph.read.homes import homes_expr
from blocgraph.graph.read.lookups import FULLTEXT_INDEX, lucene_query
from blocgraph.graph.read.results import canonical, merged_into
from blocgraph.graph.read.transactions import read
from blocgraph.schema.model import load_model

Reader = Callable[[neo4j.Driver, str, dict[str, Any]], Any]
ENTITY_FACTS_PAGE = 100  # the explorer's facts(first: 100)
SEARCH_PAGE = 20
LISTING_PAGE = 50

_LIVE = "NOT coalesce(f.retracted, false)"
_NEWEST_FIRST = "f.date IS NULL, f.date DESC, f.key"


def _first_home(var: str) -> str:
    """The ISO code of the entity's home: the first of its homes that is a stored country."""
    return f"head([iso IN {homes_expr(var)} WHERE EXISTS {{ (:Country {{iso: iso}}) }}])"


def _participants(with_bloc: bool) -> str:
    """A fact's participants as the Participant type shows them; with ``with_bloc`` also
    each entity's bloc (``entity { bloc { id name } }``)."""
    home = f"WITH r, p, CASE WHEN p:Entity THEN {_first_home('p')} END AS home " \
        if with_bloc else ""
    bloc = ", bloc: head([(c:Country {iso: home})-[:MEMBER_OF]->(b:Bloc) | b {.id, .name}])" \
        if with_bloc else ""
    return (
        f"COLLECT {{ MATCH (f)-[r]->(q) WHERE type(r) <> 'SUPPORTED_BY' "
        f"WITH r, {canonical('q', 'qt')} AS p {home}"
        f"RETURN {{role: type(r), field: $fields[f.type + '/' + type(r)], "
        f"lead: coalesce(r.lead, false), id: coalesce(p.id, p.iso), "
        f"name: coalesce(p.name, p.id, p.iso), type: CASE WHEN p:Country THEN 'Country' "
        f"ELSE head([l IN labels(p) WHERE l <> 'Entity']) END{bloc}}} }}"
    )


_SOURCES = ("COLLECT { MATCH (f)-[s:SUPPORTED_BY]->(a:Article) RETURN {evidence: s.text, "
            "start: s.start, end: s.end, confidence: s.confidence, values: s.values, "
            "article: a {.id, .title, .url, .outlet, .published, .source}} "
            "ORDER BY a.published, a.id }")
_HOME_MAP = ("head(COLLECT { MATCH (c:Country {iso: home}) RETURN c {.iso, .name, "
             "bloc: head([(c)-[:MEMBER_OF]->(b:Bloc) | b {.id, .name}])} })")


def _fact(with_bloc: bool) -> str:
    return f"f {{.*, participants: {_participants(with_bloc)}, sources: {_SOURCES}}}"


ENTITY_PAGE = f"""
MATCH (n:Entity {{id: $id}})
WITH {canonical('n', 'nt')} AS e
WITH e, {_first_home('e')} AS home
RETURN e {{.*, labels: labels(e)}} AS entity, {_HOME_MAP} AS home,
       COLLECT {{ MATCH {merged_into('e', 'm')}<-[]-(f:Fact) WHERE {_LIVE}
                 WITH DISTINCT f ORDER BY f.date, f.key LIMIT $limit
                 RETURN {_fact(False)} }} AS facts
"""
SEARCH = f"""
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH {canonical('node', 'nt')} AS e, score
WITH e, max(score) AS score ORDER BY score DESC, e.id LIMIT $limit
WITH e, score, {_first_home('e')} AS home
RETURN e {{.*, labels: labels(e)}} AS entity, score, {_HOME_MAP} AS home
ORDER BY score DESC, entity.id
"""


def _listing(code: str, field: str) -> str:
    """Facts of one type in which the entity (or one merged into it) plays ``field``."""
    fact = load_model().fact_type(code)
    return f"""
MATCH (n:Entity {{id: $id}}) WITH {canonical('n', 'nt')} AS e
MATCH {merged_into('e', 'm')}<-[:{fact.field(field).edge}]-(f:{fact.label})
WHERE {_LIVE}
WITH DISTINCT f ORDER BY {_NEWEST_FIRST} LIMIT $limit
RETURN {_fact(True)} AS fact ORDER BY {_NEWEST_FIRST}
"""


@cache
def field_names() -> dict[str, str]:
    """``"CODE/EDGE"`` -> the model's field name, the unflagged field first (as the readers)."""
    names: dict[str, str] = {}
    for fact in load_model().fact_types:
        for spec in sorted(fact.fields, key=lambda s: bool(s.edge_flag)):
            if spec.edge:
                names.setdefault(f"{fact.code}/{spec.edge}", spec.name)
    return names


def entity_page(driver: neo4j.Driver, database: str, variables: dict[str, Any]) -> Any:
    params = {"id": variables["id"], "limit": ENTITY_FACTS_PAGE + 1, "fields": field_names()}
    return read(driver, ENTITY_PAGE, params, database)


def search(driver: neo4j.Driver, database: str, variables: dict[str, Any]) -> Any:
    params = {"index": FULLTEXT_INDEX, "query": lucene_query(variables["text"]),
              "limit": variables["first"] + 1}
    return read(driver, SEARCH, params, database)


def listing(code: str, field: str, variable: str) -> Reader:
    query = _listing(code, field)

    def run(driver: neo4j.Driver, database: str, variables: dict[str, Any]) -> Any:
        params = {"id": variables[variable], "limit": variables["first"] + 1,
                  "fields": field_names()}
        return read(driver, query, params, database)

    return run


# --- dependency: the reads the scoring needs, into a small projection ------------------------

_ENTITIES = f"""
UNWIND $ids AS rid MATCH (e:Entity {{id: rid}})
OPTIONAL MATCH (e)-[:SAME_AS*1..{MAX_REDIRECT_HOPS}]->(t:Entity) WHERE NOT (t)-[:SAME_AS]->()
WITH e, head(collect(t.id)) AS target
RETURN e.id AS id, e.name AS name, labels(e) AS labels, e.country AS country,
       coalesce(e.aliases, []) AS aliases, target,
       [(e)-[:IN_COUNTRY]->(c:Country) | c.iso] AS ref_countries
"""
_FACTS = f"""
UNWIND $ids AS rid
MATCH (:Entity {{id: rid}})<-[:SAME_AS*0..{MAX_REDIRECT_HOPS}]-(:Entity)<-[r]-(f:Fact)
WHERE {_LIVE} AND ($types IS NULL OR f.type IN $types) AND ($roles IS NULL OR type(r) IN $roles)
WITH DISTINCT f
RETURN properties(f) AS props,
       [(f)-[r]->(p) WHERE type(r) <> 'SUPPORTED_BY'
        | {{edge: type(r), lead: coalesce(r.lead, false), id: p.id, iso: p.iso}}] AS participants,
       COLLECT {{ MATCH (f)-[s:SUPPORTED_BY]->(a:Article)
                 RETURN {{key: f.key, article_id: a.id, title: a.title, url: a.url,
                         published: a.published, text: s.text, start: s.start, end: s.end,
                         confidence: s.confidence}} ORDER BY a.published, a.id }} AS sources
"""
_GEOGRAPHY = """
MATCH (c:Country) OPTIONAL MATCH (c)-[:MEMBER_OF]->(b:Bloc)
RETURN c.iso AS iso, c.name AS name, b.id AS bloc, b.name AS bloc_name
"""
_PLACING = (["HEADQUARTERS", "OWNERSHIP"], ["ORG", "OWNED"])  # where an entity is, who owns it


class LocalReads:
    """Entity and fact rows read so far, keyed by id and fact key."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver, self.database = driver, database
        self.entities: dict[str, neo4j.Record] = {}
        self.facts: dict[str, neo4j.Record] = {}

    def canonical(self, entity_id: str) -> str:
        row = self.entities.get(entity_id)
        return str(row["target"]) if row is not None and row["target"] else entity_id

    def fetch_entities(self, ids: Iterable[str]) -> None:
        """Rows of these entities and of the survivors they were merged into."""
        missing = set(ids) - set(self.entities)
        while missing:
            rows = read(self.driver, _ENTITIES, {"ids": sorted(missing)}, self.database)
            self.entities.update((row["id"], row) for row in rows)
            known = set(self.entities)
            missing = {row["target"] for row in rows if row["target"]} - known

    def fetch_facts(self, ids: Iterable[str], types: list[str] | None = None,
                    roles: list[str] | None = None) -> list[neo4j.Record]:
        """Facts touching these (survivor) entities; entity rows of their participants too."""
        params = {"ids": sorted(set(ids)), "types": types, "roles": roles}
        rows: list[neo4j.Record] = read(self.driver, _FACTS, params, self.database)
        self.facts.update((row["props"]["key"], row) for row in rows)
        self.fetch_entities(p["id"] for row in rows for p in row["participants"] if p["id"])
        return rows


def _participant_ids(rows: Iterable[neo4j.Record], edge: str | None = None,
                     code: str | None = None) -> set[str]:
    return {p["id"] for row in rows for p in row["participants"]
            if p["id"] and edge in (None, p["edge"]) and code in (None, row["props"]["type"])}


def local_projection(driver: neo4j.Driver, database: str, entity_id: str) -> proj.Projection:
    """Everything ``score_entity`` looks at for the entity, and nothing else."""
    reads = LocalReads(driver, database)
    reads.fetch_entities([entity_id])
    if entity_id not in reads.entities:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    root = reads.canonical(entity_id)
    rows = reads.fetch_facts([root])
    products = {reads.canonical(i) for i in _participant_ids(rows, "PRODUCT", "DEVELOPS")}
    if products:
        rows += reads.fetch_facts(products, ["BAN"])
    placed = {root} | {reads.canonical(i) for i in _participant_ids(rows)}
    frontier = set(placed)
    for _ in range(MAX_OWNERSHIP_DEPTH + 1):  # owners' owners, and where the last ones are
        found = reads.fetch_facts(frontier, *_PLACING)
        frontier = {reads.canonical(i) for i in _participant_ids(found, "OWNER")} - placed
        placed |= frontier
        if not frontier:
            break
    return _projection(reads, read(driver, _GEOGRAPHY, {}, database))


def _projection(reads: LocalReads, geography: list[neo4j.Record]) -> proj.Projection:
    """Built by the projection module's own row handlers, so only the reads differ."""
    graph = nx.MultiDiGraph()
    redirects = proj.add_entities(graph, list(reads.entities.values()))
    proj.add_geography(graph, geography)
    sources = [source for row in reads.facts.values() for source in row["sources"]]
    grouped = proj.group_sources(cast(list[neo4j.Record], sources))  # maps with record keys
    proj.add_facts(graph, list(reads.facts.values()), grouped, redirects)
    return proj.Projection(graph, redirects, None)


def dependency(driver: neo4j.Driver, database: str, variables: dict[str, Any]) -> Any:
    projection = local_projection(driver, database, variables["entity"])
    return score_entity(projection, projection.canonical(variables["entity"]))


CYPHER_READS: Mapping[str, Reader] = {
    "entity": entity_page, "search": search, "bans": listing("BAN", "target", "target"),
    "rounds": listing("FUNDING_ROUND", "investors", "investor"), "dependency": dependency,
}


# --- what both paths must agree on -----------------------------------------------------------


def cypher_signature(name: str, found: Any) -> Any:
    """The Cypher answer reduced as ``bench_api.api_signature`` reduces the API's."""
    if name == "dependency":
        result = cast(DependencyResult, found)
        return tuple((b.bloc, round(b.score, 6), tuple(sorted(
            (channel, round(ev.score, 6), len(ev.paths)) for channel, ev in b.channels.items())))
            for b in result.blocs)
    rows = cast(list[neo4j.Record], found)
    if name == "entity":
        row = rows[0]
        home = row["home"] or {}
        facts = row["facts"][:ENTITY_FACTS_PAGE]
        return (row["entity"]["id"], home.get("iso"), (home.get("bloc") or {}).get("id"),
                tuple(_fact_signature(f, False) for f in facts))
    if name == "search":
        return tuple((r["entity"]["id"], (r["home"] or {}).get("iso"),
                      ((r["home"] or {}).get("bloc") or {}).get("id")) for r in rows[:SEARCH_PAGE])
    return tuple(_fact_signature(r["fact"], True) for r in rows[:LISTING_PAGE])


def _fact_signature(fact: Mapping[str, Any], blocs: bool) -> Any:
    return (fact["key"], tuple(sorted(
        (p["id"], p["field"], (p.get("bloc") or {}).get("id") if blocs else None)
        for p in fact["participants"])), tuple(s["article"]["id"] for s in fact["sources"]))
