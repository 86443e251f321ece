"""BAN and FUNDING_ROUND listings: entity, bloc, date and amount filters, newest first.

Entity filters follow merges (an id answers for everything merged into it) and
the listing is anchored on the first one given: the statement starts from
that entity's node (and its merged aliases) through the index and walks its
edges, instead of scanning every fact of the type and testing each. Bloc
filters keep a fact when a participant in the named roles has a home
(:func:`blocgraph.graph.read.homes.homes_expr`) in the bloc. ``since``/``until``
keep dated facts whose period overlaps (undated ones drop out). The alias and
bloc lookups and the listing run in one read transaction; ``with_sources`` and
``with_homes`` read what the caller will show with the facts (see
:func:`blocgraph.graph.read.results.fact_map`).

Edge types and labels are the model's; every value from a request is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j

from blocgraph.errors import InputError
from blocgraph.graph.analytics.channels import USD_PER_UNIT
from blocgraph.graph.read.homes import bloc_members_in, homes_expr
from blocgraph.graph.read.results import (
    NOT_RETRACTED,
    FactView,
    Page,
    alias_ids_in,
    canonical,
    check_first,
    decode_cursor,
    fact_map,
    fact_view,
    merged_into,
    page_of,
)
from blocgraph.graph.read.temporal import as_of_bound, check_as_of
from blocgraph.graph.read.transactions import read_work, records
from blocgraph.schema.model import NodeType, load_model

_DATES = ("($since IS NULL OR (f.date IS NOT NULL AND toString(f.date) + '~' >= $since)) "
          "AND ($until IS NULL OR (f.date IS NOT NULL AND toString(f.date) <= $until))")
_NEWEST_FIRST = "f.date IS NULL, f.date DESC, f.key"


@dataclass
class Filters:
    """One listing's conditions as Cypher text, with their parameters.

    ``entities`` maps a parameter to (edge, requested id, edge condition with a
    ``{rel}`` slot for the edge's variable); the first is the statement's anchor,
    the others are replaced by their merged aliases when the transaction runs.
    """

    fact: NodeType
    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    entities: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    blocs: dict[str, str] = field(default_factory=dict)

    def entity(self, param: str, field_name: str, value: str | None) -> None:
        """Keep facts where ``value`` (or an entity merged into it) plays ``field_name``."""
        if value is None:
            return
        spec = self.fact.field(field_name)
        flag = f"{{rel}}.{spec.edge_flag} = true" if spec.edge_flag else "true"
        self.entities[param] = (str(spec.edge), value, flag)

    def in_bloc(self, param: str, fields: tuple[str, ...], bloc: str | None) -> None:
        """Keep facts with a participant in ``fields`` based in ``bloc``."""
        if bloc is None:
            return
        edges = "|".join(sorted({str(self.fact.field(name).edge) for name in fields}))
        self.where.append(f"EXISTS {{ MATCH (f)-[:{edges}]->(x:Entity) "
                          f"WHERE any(iso IN {homes_expr('x')} WHERE iso IN ${param}) }}")
        self.blocs[param] = bloc


def bans(driver: neo4j.Driver, *, actor: str | None = None, target: str | None = None,
         subject: str | None = None, bloc: str | None = None, since: str | None = None,
         until: str | None = None, first: int = 50, after: str | None = None,
         with_sources: bool = False, with_homes: bool = False,
         database: str | None = None) -> Page[FactView]:
    """BAN facts, newest first; ``bloc`` keeps bans whose actor or target is based there."""
    filters = Filters(load_model().fact_type("BAN"))
    filters.entity("target", "target", target)
    filters.entity("actor", "actor", actor)
    filters.entity("subject", "subject", subject)
    filters.in_bloc("bloc", ("actor", "target"), bloc)
    return _listing(driver, filters, since, until, first, after,
                    (with_sources, with_homes), database)


def funding_rounds(driver: neo4j.Driver, *, company: str | None = None,
                   investor: str | None = None, investor_bloc: str | None = None,
                   lead: bool = False, min_amount: float | None = None,
                   currency: str | None = None, round_name: str | None = None,
                   since: str | None = None, until: str | None = None, first: int = 50,
                   after: str | None = None, with_sources: bool = False,
                   with_homes: bool = False, database: str | None = None) -> Page[FactView]:
    """FUNDING_ROUND facts, newest first.

    ``currency`` keeps rounds stated in it, and then ``min_amount`` is in that
    currency; without it ``min_amount`` is US dollars at the dependency model's
    fixed rates (unknown currencies never pass). ``investor_bloc`` keeps rounds
    with an investor based in the bloc; ``lead`` narrows ``investor`` to leads;
    ``round_name`` matches case-insensitively.
    """
    filters = Filters(load_model().fact_type("FUNDING_ROUND"))
    filters.entity("company", "company", company)
    filters.entity("investor", "lead_investors" if lead else "investors", investor)
    filters.in_bloc("investor_bloc", ("investors",), investor_bloc)
    code = _currency(currency)
    if code is not None:
        filters.where.append("f.currency = $currency")
    if min_amount is not None:
        filters.where.append("f.amount IS NOT NULL AND (CASE WHEN $currency IS NULL THEN "
                             "f.amount * coalesce($rates[f.currency], 0.0) ELSE f.amount END) "
                             ">= $min")
    if round_name is not None:
        filters.where.append("toLower(f.round) = toLower($round)")
    filters.params.update(currency=code, min=min_amount, rates=dict(USD_PER_UNIT),
                          round=round_name)
    return _listing(driver, filters, since, until, first, after,
                    (with_sources, with_homes), database)


def _listing(driver: neo4j.Driver, filters: Filters, since: str | None, until: str | None,
             first: int, after: str | None, extras: tuple[bool, bool],
             database: str | None) -> Page[FactView]:
    skip = decode_cursor(after)
    first = check_first(first)
    filters.params.update(since=check_as_of(since) if since else None,
                          until=as_of_bound(check_as_of(until)) if until else None,
                          skip=skip, limit=first + 1)
    query = listing_query(filters, *extras)

    def work(tx: neo4j.ManagedTransaction) -> list[FactView]:
        params = dict(filters.params)
        entities = list(filters.entities.items())
        anchor = entities[0][1][1] if entities else None
        if entities:
            params[entities[0][0]] = anchor  # the statement follows its merges itself
        for param, (_, value, _) in entities[1:]:
            params[param] = alias_ids_in(tx, value)
        for param, bloc in filters.blocs.items():
            params[param] = bloc_members_in(tx, bloc)
        rows = records(tx, query, params)
        if not rows and anchor is not None:
            alias_ids_in(tx, anchor)  # nothing found: NotFoundError if it is unknown
        return [fact_view(r["fact"]) for r in rows]

    return page_of(read_work(driver, work, database), skip, first)


def listing_query(filters: Filters, with_sources: bool = False, with_homes: bool = False) -> str:
    """The statement: anchored on the first entity filter (its survivor and everything
    merged into it) when there is one."""
    label = filters.fact.label
    anchors = list(filters.entities.items())
    if anchors:
        param, (edge, _, flag) = anchors[0]
        start = (f"MATCH (n:Entity {{id: ${param}}}) WITH {canonical('n', 'nt')} AS e "
                 f"MATCH {merged_into('e', 'm')}<-[anchor:{edge}]-(f:{label}) "
                 f"WHERE {flag.format(rel='anchor')} AND ")
    else:
        start = f"MATCH (f:{label}) WHERE "
    conditions = [NOT_RETRACTED, _DATES, *filters.where]
    for param, (edge, _, flag) in anchors[1:]:  # own variables: never the anchor's
        conditions.append(f"EXISTS {{ MATCH (f)-[{param}_r:{edge}]->({param}_x:Entity) "
                          f"WHERE {param}_x.id IN ${param} AND {flag.format(rel=param + '_r')} }}")
    return (f"{start}{' AND '.join(conditions)} WITH DISTINCT f "
            f"ORDER BY {_NEWEST_FIRST} SKIP $skip LIMIT $limit "
            f"RETURN {fact_map('f', with_sources, with_homes)} AS fact ORDER BY {_NEWEST_FIRST}")


def _currency(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InputError(f"currency must be an ISO 4217 code such as USD, got {code!r}")
    return code
