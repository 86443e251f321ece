"""Fact listings as Query fields: the generic ``facts`` and the model's named aliases.

``facts(type: ...)`` lists any fact type with the filters the model gives it
(:mod:`blocgraph.graph.read.listings`). Each fact type that declares
``listing:`` in its YAML also gets a field of that name with flat arguments and
a page of its own object type, so a client can select the type's fields
without an inline fragment; the field, its arguments and its description are
generated here from :class:`~blocgraph.graph.read.listing_aliases.ListingAlias`
at import, so no fact type is named in this code.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any, cast

import strawberry
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from blocgraph.api.gql.base import (
    FACT_TYPE,
    Connection,
    Info,
    connection,
    facts_select_homes,
    selection_tree,
    selects,
)
from blocgraph.api.gql.fact_types import as_fact, fact_class
from blocgraph.api.gql.types import Fact
from blocgraph.graph.read import listings
from blocgraph.graph.read.listing_aliases import (
    AliasArgument,
    ListingAlias,
    Value,
    listing_aliases,
)
from blocgraph.schema.model import load_model

FromArg = Annotated[str | None, strawberry.argument(
    name="from", description="Keep facts dated in or after this (partial) ISO date.")]
ToArg = Annotated[str | None, strawberry.argument(
    description="Keep facts dated in or before this (partial) ISO date.")]
FactTypeArg = Annotated[Enum, strawberry.argument(graphql_type=FACT_TYPE)]


@strawberry.input(description="Keep facts where `id` (or an entity merged into it) fills the "
                              "participant field `field` (the model's name, e.g. `actor`; a "
                              "country field takes an ISO code).")
class FieldFilter:
    field: str
    id: strawberry.ID


async def facts(info: Info, type: FactTypeArg, entity: strawberry.ID | None = None,
                participants: list[FieldFilter] | None = None, bloc: strawberry.ID | None = None,
                from_: FromArg = None, to: ToArg = None, min_amount: float | None = None,
                first: int = 50, after: str | None = None) -> Connection[Fact]:
    """The ``facts`` field (see :data:`FACTS_DESCRIPTION`)."""
    filters = listings.FactFilters(
        entity=_id(entity),
        participants=tuple(listings.FieldFilter(p.field, str(p.id)) for p in participants or ()),
        bloc=_id(bloc), since=from_, until=to, min_amount=min_amount)
    page = await info.context.backend.call(
        listings.facts, str(type.value), filters, first=info.context.page_size(first),
        after=info.context.cursor(after), **facts_extras(info))
    return connection(page, as_fact)


FACTS_DESCRIPTION = (
    "Facts of one type. `entity` keeps those where it (or an entity merged into it) is any "
    "participant, `participants` those where each id fills the named field, `bloc` those "
    "with a participant based in the bloc; `from`/`to` keep overlapping periods (dated "
    "types only), `minAmount` is in US dollars at fixed rates when the type states a "
    "currency (types with an amount only). Dated types come newest first, others by key.")


def facts_extras(info: Info) -> dict[str, bool]:
    """What a fact listing reads with its facts, from what the query shows of them."""
    tree = selection_tree(info)
    return {"with_sources": selects(tree, "nodes", "sources"),
            "with_homes": facts_select_homes(tree, "nodes")}


def _id(value: object) -> str | None:
    return str(value) if value else None


_ANNOTATIONS: Mapping[str, Any] = {
    "participant": strawberry.ID | None, "bloc": strawberry.ID | None,
    "min_amount": float | None, "currency": str | None,
}


def _parameter(argument: AliasArgument) -> inspect.Parameter:
    """The resolver parameter strawberry reads one alias argument from."""
    if argument.kind == "flag":  # `lead` -> leadOnly: narrows its field to flagged ones
        annotation: Any = Annotated[bool, strawberry.argument(
            name=to_camel_case(f"{argument.name}_only"),
            description=f"Only where the id is among `{to_camel_case(str(argument.field))}`.")]
        return inspect.Parameter(argument.name, inspect.Parameter.KEYWORD_ONLY, default=False,
                                 annotation=annotation)
    return inspect.Parameter(argument.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation=_ANNOTATIONS[argument.kind])


def _value(argument: AliasArgument, raw: object) -> Value:
    if argument.kind == "flag":
        return bool(raw)
    if argument.kind == "min_amount":
        return None if raw is None else float(cast(float, raw))
    return _id(raw) if argument.kind != "currency" else cast(str | None, raw)


def _description(alias: ListingAlias) -> str:
    fact = load_model().fact_type(alias.code)
    order = "newest first" if alias.dated else "by key"
    parts = [f"{fact.plural}, {order} (`facts` with `type: {alias.code}`)"]
    if alias.bloc_argument:
        names = " or ".join(f"`{to_camel_case(n)}`" for n in alias.bloc_fields)
        parts.append(f"`{to_camel_case(alias.bloc_argument)}` keeps those with {names} "
                     "based in the bloc")
    if any(a.kind == "currency" for a in alias.arguments):
        parts.append("with `currency`, `minAmount` is in it; without, in US dollars at "
                     "fixed rates")
    if alias.dated:
        parts.append("dates keep overlapping periods")
    return "; ".join(parts) + "."


def alias_field(alias: ListingAlias) -> StrawberryField:
    """The Query field of one named listing, its arguments made from the alias's."""
    async def resolve(self: object, info: Info, **arguments: Any) -> Any:
        values = {a.name: _value(a, arguments.get(a.name)) for a in alias.arguments}
        page = await info.context.backend.call(
            alias, since=arguments.get("from_"), until=arguments.get("to"),
            first=info.context.page_size(arguments["first"]),
            after=info.context.cursor(arguments.get("after")), **facts_extras(info), **values)
        return connection(page, as_fact)

    keyword = inspect.Parameter.KEYWORD_ONLY
    dates = [inspect.Parameter("from_", keyword, default=None, annotation=FromArg),
             inspect.Parameter("to", keyword, default=None, annotation=ToArg)]
    parameters = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter("info", keyword, annotation=Info),
        *(_parameter(a) for a in alias.arguments), *(dates if alias.dated else ()),
        inspect.Parameter("first", keyword, default=50, annotation=int),
        inspect.Parameter("after", keyword, default=None, annotation=str | None),
    ]
    resolve.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    resolve.__name__ = alias.python_name
    connection_type = cast(Any, Connection)[fact_class(alias.code)]
    field: StrawberryField = strawberry.field(resolver=resolve, name=alias.name,
                                              graphql_type=connection_type,
                                              description=_description(alias))
    return field


def alias_fields() -> dict[str, StrawberryField]:
    """Every named listing's field, by Python name, for the Query type's namespace."""
    return {name: alias_field(alias) for name, alias in listing_aliases().items()}
