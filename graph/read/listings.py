"""Fact listings driven by the domain model: one statement builder for every fact type.

A listing keeps the facts of one type that match its filters (:class:`FactFilters`):
an entity in any participant field, an id in named participant fields, a bloc,
a date range (types with a date field), a smallest amount (types with an amount
field). What each filter means comes from the type's fields in
``schema/types/*.yaml``, so a new fact type is listed with no code change.

Entity filters follow merges (an id answers for everything merged into it) and
the listing is anchored on one of them: the statement starts from that entity's
node (and its merged aliases) through the index and walks its edges, instead of
scanning every fact of the type and testing each. The anchor is the filter on the
field the type's graph edge points at (the side a fact is about), the
narrower side in practice, else the first filter given. Bloc filters keep a fact
when a participant in the named fields has a home
(:func:`blocgraph.graph.read.homes.homes_expr`), or, for a country field, is a
country of the bloc. ``since``/``until`` keep dated facts whose period overlaps
(undated ones drop out). Dated types list newest first, others by key. The
alias and bloc lookups and the listing run in one read transaction;
``with_sources`` and ``with_homes`` read what the caller will show with the facts
(see :func:`blocgraph.graph.read.results.fact_map`).

Labels, edge types and property names are the model's; every value from a
request is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import neo4j

from blocgraph.errors import InputError, ModelError
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
from blocgraph.schema.model import FieldSpec, NodeType, load_model


@dataclass(frozen=True)
class FieldFilter:
    """Keep facts where ``id`` (or an entity merged into it) fills the participant field
    ``field`` (the model's name, e.g. ``actor``); a country field takes an ISO code."""

    field: str
    id: str


@dataclass(frozen=True)
class FactFilters:
    """What a listing keeps; every filter given must hold.

    ``bloc_fields`` names the participant fields ``bloc`` checks (None: all of them).
    ``currency`` keeps facts stated in it, and then ``min_amount`` is in that currency;
    without it ``min_amount`` is US dollars at the dependency model's fixed rates
    (unknown currencies never pass) when the type has a currency field.
    """

    entity: str | None = None
    participants: tuple[FieldFilter, ...] = ()
    bloc: str | None = None
    bloc_fields: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    min_amount: float | None = None
    currency: str | None = None


@dataclass(frozen=True)
class _EntityCondition:
    """Facts with the entity bound to ``param`` (or an alias) on one of ``edges``;
    ``flag`` is an edge condition with a ``{rel}`` slot for the edge's variable."""

    param: str
    edges: tuple[str, ...]
    value: str
    flag: str = "true"


@dataclass
class _Statement:
    """One listing's conditions as Cypher text, with their parameters."""

    fact: NodeType
    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    entities: list[_EntityCondition] = field(default_factory=list)
    blocs: dict[str, str] = field(default_factory=dict)


def facts(driver: neo4j.Driver, code: str, filters: FactFilters | None = None, *,
          first: int = 50, after: str | None = None, with_sources: bool = False,
          with_homes: bool = False, database: str | None = None) -> Page[FactView]:
    """One page of the facts of type ``code`` that pass ``filters``."""
    skip = decode_cursor(after)
    first = check_first(first)
    statement = build(_fact_type(code), filters or FactFilters())
    statement.params.update(skip=skip, limit=first + 1)
    query = listing_query(statement, with_sources, with_homes)

    def work(tx: neo4j.ManagedTransaction) -> list[FactView]:
        params = dict(statement.params)
        anchor = statement.entities[0].value if statement.entities else None
        if statement.entities:  # the statement follows the anchor's merges itself
            params[statement.entities[0].param] = anchor
        for condition in statement.entities[1:]:
            params[condition.param] = alias_ids_in(tx, condition.value)
        for param, bloc in statement.blocs.items():
            params[param] = bloc_members_in(tx, bloc)
        rows = records(tx, query, params)
        if not rows and anchor is not None:
            alias_ids_in(tx, anchor)  # nothing found: NotFoundError if it is unknown
        return [fact_view(r["fact"]) for r in rows]

    return page_of(read_work(driver, work, database), skip, first)


def build(fact: NodeType, filters: FactFilters) -> _Statement:
    """The statement's conditions for ``filters`` on ``fact``; InputError for a filter
    the type cannot take (an unknown or non-participant field, dates on an undated
    type, an amount on a type without one)."""
    statement = _Statement(fact)
    for wanted in sorted(filters.participants, key=lambda f: _anchor_rank(fact, f.field)):
        _participant(statement, _participant_field(fact, wanted.field), wanted.id)
    if filters.entity is not None:
        edges = tuple(sorted({str(s.edge) for s in fact.entity_fields}))
        statement.entities.append(_EntityCondition(_param(statement, "p_entity"), edges,
                                                   filters.entity))
    if filters.bloc is not None:
        names = (filters.bloc_fields if filters.bloc_fields is not None
                 else tuple(s.name for s in fact.fields if s.is_participant))
        _in_bloc(statement, tuple(_participant_field(fact, n) for n in names), filters.bloc)
    if filters.since is not None or filters.until is not None:
        _dates(statement, filters.since, filters.until)
    if filters.currency is not None or filters.min_amount is not None:
        _amount(statement, filters.min_amount, filters.currency)
    return statement


def listing_query(statement: _Statement, with_sources: bool = False,
                  with_homes: bool = False) -> str:
    """The statement's text: anchored on the first entity condition (its survivor and
    everything merged into it) when there is one."""
    label = statement.fact.label
    if statement.entities:
        anchor = statement.entities[0]
        start = (f"MATCH (n:Entity {{id: ${anchor.param}}}) WITH {canonical('n', 'nt')} AS e "
                 f"MATCH {merged_into('e', 'm')}<-[anchor:{'|'.join(anchor.edges)}]-(f:{label}) "
                 f"WHERE {anchor.flag.format(rel='anchor')} AND ")
    else:
        start = f"MATCH (f:{label}) WHERE "
    conditions = [NOT_RETRACTED, *statement.where]
    for other in statement.entities[1:]:  # own variables: never the anchor's
        rel, node = f"{other.param}_r", f"{other.param}_x"
        conditions.append(f"EXISTS {{ MATCH (f)-[{rel}:{'|'.join(other.edges)}]->({node}:Entity) "
                          f"WHERE {node}.id IN ${other.param} AND {other.flag.format(rel=rel)} }}")
    order = _order(statement.fact)
    return (f"{start}{' AND '.join(conditions)} WITH DISTINCT f "
            f"ORDER BY {order} SKIP $skip LIMIT $limit "
            f"RETURN {fact_map('f', with_sources, with_homes)} AS fact ORDER BY {order}")


def _fact_type(code: str) -> NodeType:
    try:
        return load_model().fact_type(code)
    except ModelError:
        raise InputError(f"unknown fact type {code!r}") from None


def _participant_field(fact: NodeType, name: str) -> FieldSpec:
    spec = next((s for s in fact.fields if s.name == name), None)
    if spec is None or not spec.is_participant:
        known = ", ".join(s.name for s in fact.fields if s.is_participant)
        raise InputError(f"{fact.code} has no participant field {name!r} (its participant "
                         f"fields: {known})")
    return spec


def _anchor_rank(fact: NodeType, name: str) -> int:
    """The field the type's graph edge points at first: the narrower side to start from."""
    return 0 if fact.edge is not None and fact.edge.target == name else 1


def _param(statement: _Statement, stem: str) -> str:
    """A parameter name not used yet (``p_actor``, ``p_actor_2`` ...)."""
    taken = {*statement.params, *(c.param for c in statement.entities), *statement.blocs}
    name, count = stem, 1
    while name in taken:
        count += 1
        name = f"{stem}_{count}"
    return name


def _flag(spec: FieldSpec) -> str:
    return f"{{rel}}.{spec.edge_flag} = true" if spec.edge_flag else "true"


def _participant(statement: _Statement, spec: FieldSpec, value: str) -> None:
    param = _param(statement, f"p_{spec.name}")  # never a fixed parameter's name
    if spec.type == "country":
        statement.where.append(f"EXISTS {{ MATCH (f)-[:{spec.edge}]->({param}_c:Country) "
                               f"WHERE {param}_c.iso = ${param} }}")
        statement.params[param] = value.strip().upper()
        return
    statement.entities.append(_EntityCondition(param, (str(spec.edge),), value, _flag(spec)))


def _in_bloc(statement: _Statement, specs: tuple[FieldSpec, ...], bloc: str) -> None:
    """Keep facts with a participant in ``specs`` based in ``bloc`` (one parameter holds
    the bloc's ISO codes, looked up in the listing's transaction)."""
    param = _param(statement, "bloc")
    plain = sorted({str(s.edge) for s in specs if s.type == "entity" and not s.edge_flag})
    tests = []
    if plain:
        tests.append(f"EXISTS {{ MATCH (f)-[:{'|'.join(plain)}]->(x:Entity) "
                     f"WHERE any(iso IN {homes_expr('x')} WHERE iso IN ${param}) }}")
    for spec in specs:
        if spec.type == "entity" and spec.edge_flag:
            tests.append(f"EXISTS {{ MATCH (f)-[r:{spec.edge}]->(x:Entity) WHERE "
                         f"{_flag(spec).format(rel='r')} AND "
                         f"any(iso IN {homes_expr('x')} WHERE iso IN ${param}) }}")
        elif spec.type == "country":
            tests.append(f"EXISTS {{ MATCH (f)-[:{spec.edge}]->(c:Country) "
                         f"WHERE c.iso IN ${param} }}")
    statement.where.append(tests[0] if len(tests) == 1 else f"({' OR '.join(tests)})")
    statement.blocs[param] = bloc


def _dates(statement: _Statement, since: str | None, until: str | None) -> None:
    date = statement.fact.date_field
    if date is None:
        raise InputError(f"{statement.fact.code} facts have no date: drop from/to")
    prop = f"f.{date.name}"
    statement.where.append(
        f"($since IS NULL OR ({prop} IS NOT NULL AND toString({prop}) + '~' >= $since)) "
        f"AND ($until IS NULL OR ({prop} IS NOT NULL AND toString({prop}) <= $until))")
    statement.params.update(since=check_as_of(since) if since else None,
                            until=as_of_bound(check_as_of(until)) if until else None)


def _amount(statement: _Statement, least: float | None, currency: str | None) -> None:
    fact = statement.fact
    amount = next((s for s in fact.fields if s.type == "amount"), None)
    unit = next((s for s in fact.fields if s.type == "currency"), None)
    if currency is not None:
        if unit is None:
            raise InputError(f"{fact.code} facts have no currency")
        statement.where.append(f"f.{unit.name} = $currency")
    if least is None:
        statement.params["currency"] = _currency(currency)
        return
    if amount is None:
        raise InputError(f"{fact.code} facts have no amount: drop minAmount")
    value = f"f.{amount.name}"
    if unit is not None:  # US dollars at fixed rates, unless a currency was named
        value = (f"CASE WHEN $currency IS NULL THEN {value} * coalesce($rates[f.{unit.name}], "
                 f"0.0) ELSE {value} END")
    statement.where.append(f"f.{amount.name} IS NOT NULL AND {value} >= $min")
    statement.params.update(currency=_currency(currency), min=least, rates=dict(USD_PER_UNIT))


def _order(fact: NodeType) -> str:
    """Newest first for dated types (undated facts last), by key otherwise."""
    date = fact.date_field
    if date is None:
        return "f.key"
    return f"f.{date.name} IS NULL, f.{date.name} DESC, f.key"


def _currency(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InputError(f"currency must be an ISO 4217 code such as USD, got {code!r}")
    return code
