"""Listings besides facts: entities by type, country and bloc; articles and their facts.

They follow the readers' rules (:mod:`blocgraph.graph.read.lookups`): user input
only in parameters, labels from the model, merged entities answer as their
survivor (and are not listed twice), retracted facts are hidden, and pages
are offset cursors with ``first + 1`` rows fetched to know whether more follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import neo4j

from blocgraph.graph.read.geography import bloc_members
from blocgraph.graph.read.homes import homes_expr
from blocgraph.graph.read.lookups import entity_labels
from blocgraph.graph.read.results import (
    ARTICLE_FIELDS,
    FACT_MAP,
    NOT_RETRACTED,
    EntityView,
    FactView,
    Page,
    check_first,
    decode_cursor,
    entity_view,
    fact_view,
    page_of,
)
from blocgraph.graph.read.temporal import as_iso
from blocgraph.graph.read.transactions import read

_ARTICLES = f"""
MATCH (a:Article)
RETURN {ARTICLE_FIELDS} AS article
ORDER BY a.published IS NULL, a.published DESC, a.id SKIP $skip LIMIT $limit
"""
_ARTICLES_BY_ID = "UNWIND $ids AS aid MATCH (a:Article {id: aid}) RETURN a.id AS id, a.text AS text"
_ARTICLE_FACTS = f"""
UNWIND $ids AS aid MATCH (a:Article {{id: aid}})<-[:SUPPORTED_BY]-(f:Fact)
WHERE {NOT_RETRACTED}
RETURN aid, {FACT_MAP} AS fact ORDER BY aid, f.type, f.key
"""


@dataclass(frozen=True)
class ArticleView:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    source: str | None


def entities(driver: neo4j.Driver, *, entity_type: str | None = None, country: str | None = None,
             bloc: str | None = None, first: int = 50, after: str | None = None,
             database: str | None = None) -> Page[EntityView]:
    """Entities (survivors only) by id; ``country``/``bloc`` match any of their homes."""
    skip = decode_cursor(after)
    first = check_first(first)
    members = bloc_members(driver, bloc, database=database) if bloc else None
    query = f"""
MATCH (e:Entity) WHERE NOT (e)-[:SAME_AS]->()
  AND ($labels IS NULL OR any(label IN labels(e) WHERE label IN $labels))
WITH e, CASE WHEN $country IS NULL AND $members IS NULL THEN [] ELSE {homes_expr('e')} END
     AS homes
WHERE ($country IS NULL OR $country IN homes)
  AND ($members IS NULL OR any(iso IN homes WHERE iso IN $members))
RETURN e AS entity ORDER BY e.id SKIP $skip LIMIT $limit
"""
    params = {"labels": entity_labels([entity_type] if entity_type else None),
              "country": country.upper() if country else None, "members": members,
              "skip": skip, "limit": first + 1}
    rows = read(driver, query, params, database)
    return page_of([entity_view(r["entity"]) for r in rows], skip, first)


def articles(driver: neo4j.Driver, first: int = 50, after: str | None = None, *,
             database: str | None = None) -> Page[ArticleView]:
    """Stored articles, newest first (the reference-data pseudo-article included)."""
    skip = decode_cursor(after)
    first = check_first(first)
    rows = read(driver, _ARTICLES, {"skip": skip, "limit": first + 1}, database)
    return page_of([article_view(r["article"]) for r in rows], skip, first)


def article_texts(driver: neo4j.Driver, ids: Sequence[str], *,
                  database: str | None = None) -> dict[str, str | None]:
    """Article id -> stored text (what evidence offsets index)."""
    rows = read(driver, _ARTICLES_BY_ID, {"ids": list(dict.fromkeys(ids))}, database)
    return {r["id"]: r["text"] for r in rows}


def article_facts(driver: neo4j.Driver, ids: Sequence[str], *,
                  database: str | None = None) -> dict[str, list[FactView]]:
    """Article id -> the non-retracted facts it supports (one query for all ids)."""
    result: dict[str, list[FactView]] = {i: [] for i in ids}
    for row in read(driver, _ARTICLE_FACTS, {"ids": list(dict.fromkeys(ids))}, database):
        result[row["aid"]].append(fact_view(row["fact"]))
    return result


def article_view(data: dict[str, object]) -> ArticleView:
    def text(name: str) -> str | None:
        value = data.get(name)
        return None if value is None else str(value)

    return ArticleView(str(data["id"]), text("title"), text("url"), text("outlet"),
                       as_iso(data.get("published")), text("source"))
