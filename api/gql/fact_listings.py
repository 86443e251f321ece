"""BAN and FUNDING_ROUND listings with the API's filters, bloc filters included.

Same semantics as :func:`blocgraph.graph.readers.bans` and
:func:`~blocgraph.graph.readers.funding_rounds` (entity filters follow merges,
``since``/``until`` keep dated facts whose period overlaps, newest first), plus
bloc filters: a fact passes when a participant in the named roles has a home
(:func:`blocgraph.api.gql.geography.homes_expr`) in the bloc. Edge types and
labels are the model's; every value from a request is a parameter.
"""

from __future__ import annotations

from typing import Any

import neo4j

from blocgraph.api.gql.geography import bloc_members, homes_expr
from blocgraph.errors import InputError
from blocgraph.graph.dependency_channels import USD_PER_UNIT
from blocgraph.graph.reader_views import (
    FACT_MAP,
    NOT_RETRACTED,
    FactView,
    Page,
    check_first,
    decode_cursor,
    fact_view,
    page_of,
)
from blocgraph.graph.readers import alias_ids
from blocgraph.graph.reading import read
from blocgraph.graph.temporal import as_of_bound, check_as_of
from blocgraph.schema.model import NodeType, load_model

_DATES = """
  AND ($since IS NULL OR (f.date IS NOT NULL AND toString(f.date) + '~' >= $since))
  AND ($until IS NULL OR (f.date IS NOT NULL AND toString(f.date) <= $until))
"""


def bans(driver: neo4j.Driver, *, actor: str | None = None, target: str | None = None,
         subject: str | None = None, bloc: str | None = None, since: str | None = None,
         until: str | None = None, first: int = 50, after: str | None = None,
         database: str | None = None) -> Page[FactView]:
    """BAN facts, newest first; ``bloc`` keeps bans whose actor or target is based there."""
    fact = load_model().fact_type("BAN")
    where = [_role(fact, "actor", "actor"), _role(fact, "target", "target"),
             _role(fact, "subject", "subject"), _in_bloc(fact, ("actor", "target"), "bloc")]
    params = _entities(driver, database, actor=actor, target=target, subject=subject)
    params["bloc"] = bloc_members(driver, bloc, database=database) if bloc else None
    return _listing(driver, fact, where, params, since, until, first, after, database)


def funding_rounds(driver: neo4j.Driver, *, company: str | None = None,
                   investor: str | None = None, investor_bloc: str | None = None,
                   lead: bool = False, min_amount: float | None = None,
                   currency: str | None = None, since: str | None = None,
                   until: str | None = None, first: int = 50, after: str | None = None,
                   database: str | None = None) -> Page[FactView]:
    """FUNDING_ROUND facts, newest first.

    ``currency`` keeps rounds stated in it, and then ``min_amount`` is in that
    currency; without it ``min_amount`` is US dollars at the dependency model's
    fixed rates (unknown currencies never pass). ``investor_bloc`` keeps rounds
    with an investor based in the bloc; ``lead`` narrows ``investor`` to leads.
    """
    fact = load_model().fact_type("FUNDING_ROUND")
    where = [_role(fact, "company", "company"), _investor(fact, lead),
             _in_bloc(fact, ("investors",), "investor_bloc"),
             "($currency IS NULL OR f.currency = $currency)",
             "($min IS NULL OR (f.amount IS NOT NULL AND CASE WHEN $currency IS NULL "
             "THEN f.amount * coalesce($rates[f.currency], 0.0) ELSE f.amount END >= $min))"]
    params = _entities(driver, database, company=company, investor=investor)
    params.update(min=min_amount, rates=dict(USD_PER_UNIT), currency=_currency(currency),
                  investor_bloc=(bloc_members(driver, investor_bloc, database=database)
                                 if investor_bloc else None))
    return _listing(driver, fact, where, params, since, until, first, after, database)


def _listing(driver: neo4j.Driver, fact: NodeType, where: list[str], params: dict[str, Any],
             since: str | None, until: str | None, first: int, after: str | None,
             database: str | None) -> Page[FactView]:
    skip = decode_cursor(after)
    first = check_first(first)
    conditions = " AND ".join([NOT_RETRACTED, *where])
    query = (f"MATCH (f:{fact.label}) WHERE {conditions} {_DATES} RETURN {FACT_MAP} AS fact "
             "ORDER BY f.date IS NULL, f.date DESC, f.key SKIP $skip LIMIT $limit")
    params.update(since=check_as_of(since) if since else None,
                  until=as_of_bound(check_as_of(until)) if until else None,
                  skip=skip, limit=first + 1)
    rows = read(driver, query, params, database)
    return page_of([fact_view(r["fact"]) for r in rows], skip, first)


def _role(fact: NodeType, field: str, param: str) -> str:
    edge = fact.field(field).edge
    return (f"(${param} IS NULL OR EXISTS {{ (f)-[:{edge}]->(x:Entity) "
            f"WHERE x.id IN ${param} }})")


def _investor(fact: NodeType, lead: bool) -> str:
    spec = fact.field("lead_investors" if lead else "investors")
    flag = f" AND r.{spec.edge_flag} = true" if spec.edge_flag else ""
    return (f"($investor IS NULL OR EXISTS {{ (f)-[r:{spec.edge}]->(x:Entity) "
            f"WHERE x.id IN $investor{flag} }})")


def _in_bloc(fact: NodeType, fields: tuple[str, ...], param: str) -> str:
    edges = "|".join(sorted({str(fact.field(name).edge) for name in fields}))
    return (f"(${param} IS NULL OR EXISTS {{ MATCH (f)-[:{edges}]->(x:Entity) "
            f"WHERE any(iso IN {homes_expr('x')} WHERE iso IN ${param}) }})")


def _entities(driver: neo4j.Driver, database: str | None,
              **filters: str | None) -> dict[str, Any]:
    return {name: alias_ids(driver, value, database=database) if value else None
            for name, value in filters.items()}


def _currency(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InputError(f"currency must be an ISO 4217 code such as USD, got {code!r}")
    return code
