"""Cypher lookups the API exposes: search, entities, facts, sources and listings.

Every function takes the driver first, returns plain dataclasses
(:mod:`blocgraph.graph.read.results`) and puts user input only in query
parameters. Entities merged by ``SAME_AS`` answer as their survivor (their
facts included) and retracted facts are hidden, except in :func:`conflicts`,
an audit listing. Batched functions (``entity_facts``, ``fact_sources``,
``get_entities``) take many ids at once for the API's DataLoaders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import neo4j

from blocgraph.errors import InputError
from blocgraph.graph.read.homes import home_countries_expr
from blocgraph.graph.read.results import (
    ARTICLE_FIELDS,
    FACT_MAP,
    NOT_RETRACTED,
    ConflictView,
    EntityView,
    FactView,
    Page,
    SearchHit,
    SourceView,
    TimelineEntry,
    alias_ids_in,
    canonical,
    check_first,
    decode_cursor,
    encode_cursor,
    entity_view,
    fact_map,
    fact_view,
    merged_into,
    page_of,
    source_view,
)
from blocgraph.graph.read.transactions import read, read_work
from blocgraph.graph.read.walks import neighbourhood, shortest_paths
from blocgraph.schema.model import load_model

__all__ = [
    "alias_ids", "conflicts", "entity_facts", "fact_sources", "facts_by_key",
    "get_entities", "get_entity", "neighbourhood", "search", "shortest_paths", "timeline",
]


FULLTEXT_INDEX = "entity_names"
ALL_FACTS = 2**31 - 1  # LIMIT wants a number; no entity has more facts
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@cache
def _search_query(with_homes: bool) -> str:
    """Hits, best first; their home countries too when the caller will show them."""
    homes = f", {home_countries_expr('e')} AS homes" if with_homes else ", null AS homes"
    return f"""
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH {canonical('node', 'nt')} AS e, score
WITH e, max(score) AS score
WHERE $labels IS NULL OR any(label IN labels(e) WHERE label IN $labels)
WITH e, score ORDER BY score DESC, e.id SKIP $skip LIMIT $limit
RETURN e AS entity, score{homes} ORDER BY score DESC, e.id
"""


_ENTITIES = f"""
UNWIND $ids AS rid MATCH (n:Entity {{id: rid}}) WITH rid, {canonical('n', 'nt')} AS e
RETURN rid, e AS entity, CASE WHEN $with_homes THEN {home_countries_expr('e')} END AS homes
"""


@cache
def _entity_facts_query(with_sources: bool, with_homes: bool) -> str:
    """A page of each entity's facts, oldest first, in one statement for many entities."""
    return f"""
UNWIND $ids AS rid MATCH (n:Entity {{id: rid}})
WITH rid, {canonical('n', 'nt')} AS e
RETURN rid, COLLECT {{
  MATCH {merged_into('e', 'm')}<-[]-(f:Fact)
  WHERE {NOT_RETRACTED} AND ($types IS NULL OR f.type IN $types)
  WITH DISTINCT f ORDER BY f.date, f.key SKIP $skip LIMIT $limit
  RETURN {fact_map('f', with_sources, with_homes)} }} AS facts
"""


_FACTS_BY_KEY = f"UNWIND $keys AS k MATCH (f:Fact {{key: k}}) RETURN {FACT_MAP} AS fact"
_SOURCES = f"""
UNWIND $keys AS k MATCH (f:Fact {{key: k}})-[s:SUPPORTED_BY]->(a:Article)
RETURN k AS key, properties(s) AS support, {ARTICLE_FIELDS} AS article
ORDER BY k, a.published, a.id
"""
_CONFLICTS = f"""
MATCH (f:Fact) WHERE f.conflict = true
RETURN {FACT_MAP} AS fact ORDER BY f.type, f.key SKIP $skip LIMIT $limit
"""


def search(driver: neo4j.Driver, text: str, types: Sequence[str] | None = None, first: int = 20,
           after: str | None = None, *, with_homes: bool = False,
           database: str | None = None) -> Page[SearchHit]:
    """Entities whose name or alias matches every word of ``text`` (a word may be a prefix).

    ``types`` restricts to entity types of the model; merged entities answer as
    their survivor, once. ``with_homes`` reads each hit's home countries too.
    """
    skip = decode_cursor(after)
    first = check_first(first)
    params = {"index": FULLTEXT_INDEX, "query": lucene_query(text),
              "labels": entity_labels(types), "skip": skip, "limit": first + 1}
    rows = read(driver, _search_query(with_homes), params, database)
    hits = [SearchHit(entity_view(r["entity"], r["homes"]), float(r["score"]),
                      encode_cursor(skip + i + 1)) for i, r in enumerate(rows)]
    return page_of(hits, skip, first)


def lucene_query(text: str) -> str:
    """A Lucene query for the words of ``text``: every word must match, exactly or as a prefix.

    Special characters are escaped and words lower-cased (so ``AND``/``OR`` are
    words, not operators): user text can never change the query's structure.
    """
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.lower().split()]
    if not words:
        raise InputError("search text is empty")
    return " AND ".join(f"({w}^2 OR {w}*)" for w in words)


def get_entity(driver: neo4j.Driver, entity_id: str, *,
               database: str | None = None) -> EntityView | None:
    """The entity (its survivor if merged), or None."""
    return get_entities(driver, [entity_id], database=database).get(entity_id)


def get_entities(driver: neo4j.Driver, ids: Sequence[str], *, with_homes: bool = False,
                 database: str | None = None) -> dict[str, EntityView]:
    """Requested id -> entity (survivor if merged); unknown ids are left out.
    ``with_homes`` reads their home countries too."""
    params = {"ids": list(dict.fromkeys(ids)), "with_homes": with_homes}
    rows = read(driver, _ENTITIES, params, database)
    return {r["rid"]: entity_view(r["entity"], r["homes"]) for r in rows}


def alias_ids(driver: neo4j.Driver, entity_id: str, *, database: str | None = None) -> list[str]:
    """The survivor's id and every id merged into it; NotFoundError for an unknown id."""
    return read_work(driver, lambda tx: alias_ids_in(tx, entity_id), database)


def entity_facts(driver: neo4j.Driver, ids: Sequence[str], types: Sequence[str] | None = None,
                 *, skip: int = 0, limit: int | None = None, with_sources: bool = False,
                 with_homes: bool = False, database: str | None = None
                 ) -> dict[str, list[FactView]]:
    """Requested id -> its non-retracted facts (those of entities merged into it too),
    oldest first, optionally only of the given fact type codes (as the model declares
    them) and only ``limit`` of them after the first ``skip`` (paged in Cypher, so a
    busy entity's page does not read all its facts)."""
    codes = _fact_codes(types)
    result: dict[str, list[FactView]] = {i: [] for i in ids}
    params = {"ids": list(dict.fromkeys(ids)), "types": codes, "skip": skip,
              "limit": ALL_FACTS if limit is None else limit}
    for row in read(driver, _entity_facts_query(with_sources, with_homes), params, database):
        result[row["rid"]] = [fact_view(fact) for fact in row["facts"]]
    return result


def facts_by_key(driver: neo4j.Driver, keys: Sequence[str], *,
                 database: str | None = None) -> dict[str, FactView]:
    """Key -> fact, retracted ones included (a key is asked for on purpose)."""
    rows = read(driver, _FACTS_BY_KEY, {"keys": list(dict.fromkeys(keys))}, database)
    views = [fact_view(r["fact"]) for r in rows]
    return {v.key: v for v in views}


def fact_sources(driver: neo4j.Driver, keys: Sequence[str], *,
                 database: str | None = None) -> dict[str, list[SourceView]]:
    """Fact key -> every article supporting it, oldest first, with evidence and own values."""
    result: dict[str, list[SourceView]] = {k: [] for k in keys}
    for row in read(driver, _SOURCES, {"keys": list(dict.fromkeys(keys))}, database):
        result[row["key"]].append(source_view(row["key"], row["support"], row["article"]))
    return result


def timeline(driver: neo4j.Driver, entity_id: str, *,
             database: str | None = None) -> list[TimelineEntry]:
    """The entity's facts in time order: by the fact's date, else its first source's date;
    facts with neither come last. NotFoundError for an unknown id."""
    alias_ids(driver, entity_id, database=database)
    facts = entity_facts(driver, [entity_id], database=database)[entity_id]
    entries = [_timeline_entry(fact) for fact in facts]
    return sorted(entries, key=lambda e: (e.when is None, e.when or "", e.fact.type, e.fact.key))


def _timeline_entry(fact: FactView) -> TimelineEntry:
    if fact.date:
        return TimelineEntry(fact.date, "fact", fact)
    if fact.first_published:
        return TimelineEntry(fact.first_published, "article", fact)
    return TimelineEntry(None, None, fact)


def conflicts(driver: neo4j.Driver, first: int = 50, after: str | None = None, *,
              database: str | None = None) -> Page[ConflictView]:
    """Facts whose sources disagree, retracted ones included (an audit listing), each with
    every source's own values."""
    skip = decode_cursor(after)
    first = check_first(first)
    rows = read(driver, _CONFLICTS, {"skip": skip, "limit": first + 1}, database)
    facts = [fact_view(r["fact"]) for r in rows]
    sources = fact_sources(driver, [f.key for f in facts[:first]], database=database)
    views = [ConflictView(f, tuple(sources.get(f.key, ()))) for f in facts]
    return page_of(views, skip, first)


def _fact_codes(types: Sequence[str] | None) -> list[str] | None:
    """Fact type codes (the model's ``code``) as given, checked against the model."""
    if not types:
        return None
    known = {str(t.code) for t in load_model().fact_types}
    unknown = sorted(set(types) - known)
    if unknown:
        raise InputError(f"unknown fact type(s): {', '.join(unknown)}")
    return list(types)


def _label(code: str) -> str:
    return load_model().fact_type(code).label


def entity_labels(types: Sequence[str] | None) -> list[str] | None:
    """Labels of the model's entity types named in ``types`` (InputError for others)."""
    if not types:
        return None
    known = {t.name: t.label for t in load_model().entity_types}
    unknown = sorted(set(types) - set(known))
    if unknown:
        raise InputError(f"unknown entity type(s): {', '.join(unknown)}")
    return [known[t] for t in types]
