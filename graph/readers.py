"""Cypher lookups the API exposes: search, entities, facts, sources and listings.

Every function takes the driver first, returns plain dataclasses
(:mod:`blocgraph.graph.reader_views`) and puts user input only in query
parameters. Entities merged by ``SAME_AS`` answer as their survivor (their
facts included) and retracted facts are hidden, except in :func:`conflicts`,
an audit listing. Batched functions (``entity_facts``, ``fact_sources``,
``get_entities``) take many ids at once for the API's DataLoaders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import neo4j

from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.dependency_channels import USD_PER_UNIT
from blocgraph.graph.reader_views import (
    FACT_MAP,
    NOT_RETRACTED,
    ConflictView,
    EntityView,
    FactView,
    Page,
    SearchHit,
    SourceView,
    TimelineEntry,
    canonical,
    check_first,
    decode_cursor,
    encode_cursor,
    entity_view,
    fact_view,
    merged_into,
    page_of,
    source_view,
)
from blocgraph.graph.reader_walks import neighbourhood, shortest_paths
from blocgraph.graph.reading import read
from blocgraph.graph.temporal import as_of_bound, check_as_of
from blocgraph.schema.model import load_model

__all__ = [
    "alias_ids", "bans", "conflicts", "entity_facts", "fact_sources", "facts_by_key",
    "funding_rounds", "get_entities", "get_entity", "neighbourhood", "search",
    "shortest_paths", "timeline",
]

FULLTEXT_INDEX = "entity_names"
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')

_SEARCH = f"""
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WITH {canonical('node', 'nt')} AS e, score
WITH e, max(score) AS score
WHERE $labels IS NULL OR any(label IN labels(e) WHERE label IN $labels)
RETURN e AS entity, score ORDER BY score DESC, e.id SKIP $skip LIMIT $limit
"""
_ENTITIES = f"""
UNWIND $ids AS rid MATCH (n:Entity {{id: rid}}) RETURN rid, {canonical('n', 'nt')} AS entity
"""
_ALIAS_IDS = f"""
MATCH (n:Entity {{id: $id}}) WITH {canonical('n', 'nt')} AS e
MATCH {merged_into('e', 'm')} RETURN collect(DISTINCT m.id) AS ids
"""
_ENTITY_FACTS = f"""
UNWIND $ids AS rid MATCH (n:Entity {{id: rid}})
WITH rid, {canonical('n', 'nt')} AS e
MATCH {merged_into('e', 'm')}<-[]-(f:Fact)
WHERE {NOT_RETRACTED} AND ($types IS NULL OR f.type IN $types)
WITH DISTINCT rid, f
RETURN rid, {FACT_MAP} AS fact ORDER BY rid, f.date, f.key
"""
_FACTS_BY_KEY = f"UNWIND $keys AS k MATCH (f:Fact {{key: k}}) RETURN {FACT_MAP} AS fact"
_SOURCES = """
UNWIND $keys AS k MATCH (f:Fact {key: k})-[s:SUPPORTED_BY]->(a:Article)
RETURN k AS key, properties(s) AS support,
       a {.id, .title, .url, .outlet, .published, .source} AS article
ORDER BY k, a.published, a.id
"""
_CONFLICTS = f"""
MATCH (f:Fact) WHERE f.conflict = true
RETURN {FACT_MAP} AS fact ORDER BY f.type, f.key SKIP $skip LIMIT $limit
"""
_DATE_FILTER = """
  AND ($since IS NULL OR (f.date IS NOT NULL AND toString(f.date) + '~' >= $since))
  AND ($until IS NULL OR (f.date IS NOT NULL AND toString(f.date) <= $until))
"""
_ORDER_PAGE = "ORDER BY f.date IS NULL, f.date DESC, f.key SKIP $skip LIMIT $limit"


def search(driver: neo4j.Driver, text: str, types: Sequence[str] | None = None, first: int = 20,
           after: str | None = None, *, database: str | None = None) -> Page[SearchHit]:
    """Entities whose name or alias matches every word of ``text`` (a word may be a prefix).

    ``types`` restricts to entity types of the model; merged entities answer as
    their survivor, once.
    """
    skip = decode_cursor(after)
    first = check_first(first)
    params = {"index": FULLTEXT_INDEX, "query": lucene_query(text),
              "labels": _labels(types), "skip": skip, "limit": first + 1}
    rows = read(driver, _SEARCH, params, database)
    hits = [SearchHit(entity_view(r["entity"]), float(r["score"]), encode_cursor(skip + i + 1))
            for i, r in enumerate(rows)]
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


def get_entities(driver: neo4j.Driver, ids: Sequence[str], *,
                 database: str | None = None) -> dict[str, EntityView]:
    """Requested id -> entity (survivor if merged); unknown ids are left out."""
    rows = read(driver, _ENTITIES, {"ids": list(dict.fromkeys(ids))}, database)
    return {r["rid"]: entity_view(r["entity"]) for r in rows}


def alias_ids(driver: neo4j.Driver, entity_id: str, *, database: str | None = None) -> list[str]:
    """The survivor's id and every id merged into it; NotFoundError for an unknown id."""
    rows = read(driver, _ALIAS_IDS, {"id": entity_id}, database)
    if not rows:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    return sorted(rows[0]["ids"])


def entity_facts(driver: neo4j.Driver, ids: Sequence[str], types: Sequence[str] | None = None,
                 *, database: str | None = None) -> dict[str, list[FactView]]:
    """Requested id -> its non-retracted facts (those of entities merged into it too),
    optionally only of the given type codes (``BAN``, ``FUNDING_ROUND`` ...)."""
    codes = _fact_codes(types)
    result: dict[str, list[FactView]] = {i: [] for i in ids}
    params = {"ids": list(dict.fromkeys(ids)), "types": codes}
    for row in read(driver, _ENTITY_FACTS, params, database):
        result[row["rid"]].append(fact_view(row["fact"]))
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


def bans(driver: neo4j.Driver, *, actor: str | None = None, target: str | None = None,
         subject: str | None = None, involving: str | None = None, since: str | None = None,
         until: str | None = None, first: int = 50, after: str | None = None,
         database: str | None = None) -> Page[FactView]:
    """BAN facts, newest first; entity filters follow merges, ``involving`` matches any role,
    ``since``/``until`` keep dated bans whose period overlaps (undated ones drop out)."""
    where = [_role_filter("ACTOR", "actor"), _role_filter("TARGET", "target"),
             _role_filter("SUBJECT", "subject"), _role_filter(None, "involving")]
    params = _entity_params(driver, database, actor=actor, target=target, subject=subject,
                            involving=involving)
    return _listing(driver, _label("BAN"), where, params, since, until, first, after, database)


def funding_rounds(driver: neo4j.Driver, *, company: str | None = None,
                   investor: str | None = None, lead: bool = False, since: str | None = None,
                   until: str | None = None, min_amount_usd: float | None = None,
                   round_name: str | None = None, first: int = 50, after: str | None = None,
                   database: str | None = None) -> Page[FactView]:
    """FUNDING_ROUND facts, newest first. ``investor`` with ``lead=True`` keeps rounds it
    led; ``min_amount_usd`` converts at the dependency model's fixed table (unknown
    currencies never pass); ``round_name`` matches case-insensitively."""
    where = [_role_filter("RAISED_BY", "company"), _investor_filter(lead)]
    where.append("($min_usd IS NULL OR (f.amount IS NOT NULL "
                 "AND f.amount * coalesce($rates[f.currency], 0.0) >= $min_usd))")
    where.append("($round IS NULL OR toLower(f.round) = toLower($round))")
    params = _entity_params(driver, database, company=company, investor=investor)
    params.update(min_usd=min_amount_usd, rates=dict(USD_PER_UNIT), round=round_name)
    label = _label("FUNDING_ROUND")
    return _listing(driver, label, where, params, since, until, first, after, database)


def _listing(driver: neo4j.Driver, label: str, where: list[str], params: dict[str, Any],
             since: str | None, until: str | None, first: int, after: str | None,
             database: str | None) -> Page[FactView]:
    skip = decode_cursor(after)
    first = check_first(first)
    conditions = " AND ".join([NOT_RETRACTED, *where])
    query = (f"MATCH (f:{label}) WHERE {conditions} {_DATE_FILTER} "
             f"RETURN {FACT_MAP} AS fact {_ORDER_PAGE}")
    params.update(since=check_as_of(since) if since else None,
                  until=as_of_bound(check_as_of(until)) if until else None,
                  skip=skip, limit=first + 1)
    rows = read(driver, query, params, database)
    return page_of([fact_view(r["fact"]) for r in rows], skip, first)


def _role_filter(edge: str | None, name: str) -> str:
    rel = f"[:{edge}]" if edge else "[]"
    return f"(${name} IS NULL OR EXISTS {{ (f)-{rel}->(x:Entity) WHERE x.id IN ${name} }})"


def _investor_filter(lead: bool) -> str:
    flag = " AND r.lead = true" if lead else ""
    return f"($investor IS NULL OR EXISTS {{ (f)-[r:INVESTOR]->(x:Entity) " \
           f"WHERE x.id IN $investor{flag} }})"


def _entity_params(driver: neo4j.Driver, database: str | None,
                   **filters: str | None) -> dict[str, Any]:
    return {name: alias_ids(driver, value, database=database) if value else None
            for name, value in filters.items()}


def _fact_codes(types: Sequence[str] | None) -> list[str] | None:
    """Fact type codes (``BAN``) as given, checked against the model."""
    if not types:
        return None
    known = {str(t.code) for t in load_model().fact_types}
    unknown = sorted(set(types) - known)
    if unknown:
        raise InputError(f"unknown fact type(s): {', '.join(unknown)}")
    return list(types)


def _label(code: str) -> str:
    return load_model().fact_type(code).label


def _labels(types: Sequence[str] | None) -> list[str] | None:
    if not types:
        return None
    known = {t.name: t.label for t in load_model().entity_types}
    unknown = sorted(set(types) - set(known))
    if unknown:
        raise InputError(f"unknown entity type(s): {', '.join(unknown)}")
    return [known[t] for t in types]
