"""Named listings of one fact type, generated from the model's ``listing:`` declarations.

A fact type that declares ``listing: {name: ..., bloc: [...]}`` gets a listing of
its own with flat arguments, a shorthand for the generic listing
(:func:`blocgraph.graph.read.listings.facts`) that the API serves as a field of
that name and the readers as a function of its snake-case name. The arguments
follow from the type's fields, in the model's order:

* one id per participant field, named by its singular (``investors`` -> ``investor``);
* a flag field (``lead_investors``, flag ``lead``) is a boolean named by its flag
  that narrows its edge's plain field to the flagged participants;
* a bloc argument over the declared ``bloc`` fields (all participant fields when
  none are named): named after its field when there is one (``investor_bloc``),
  ``bloc`` otherwise;
* ``min_amount`` with an amount field, ``currency`` with a currency field;
* ``since``/``until`` with a date field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

import neo4j

from blocgraph.graph.read.listings import FactFilters, FieldFilter, facts
from blocgraph.graph.read.results import FactView, Page
from blocgraph.schema.model import FieldSpec, NodeType, load_model

ArgumentKind = Literal["participant", "flag", "bloc", "min_amount", "currency"]
Value = str | float | bool | None


@dataclass(frozen=True)
class AliasArgument:
    """One argument: its Python name, what it filters, and the model field it names
    (for a flag, the flagged field)."""

    name: str
    kind: ArgumentKind
    field: str | None = None


@dataclass(frozen=True)
class ListingAlias:
    """A fact type's named listing; calling it lists a page (see the module docstring)."""

    name: str  # as declared, the API field's name (``fundingRounds``)
    code: str
    arguments: tuple[AliasArgument, ...]
    bloc_fields: tuple[str, ...]
    dated: bool

    @property
    def python_name(self) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @property
    def bloc_argument(self) -> str | None:
        return next((a.name for a in self.arguments if a.kind == "bloc"), None)

    def filters(self, values: Mapping[str, Value], since: str | None = None,
                until: str | None = None) -> FactFilters:
        """The generic listing's filters for these argument values (None: not given)."""
        unknown = set(values) - {a.name for a in self.arguments}
        if unknown:
            raise TypeError(f"{self.python_name}() has no argument {sorted(unknown)[0]!r}")
        flagged = {a.field: bool(values.get(a.name)) for a in self.arguments if a.kind == "flag"}
        participants = []
        for argument in self.arguments:
            value = values.get(argument.name)
            if argument.kind == "participant" and value:
                chosen = next((name for name, on in flagged.items()
                               if on and name is not None
                               and _flagged_base(self.code, name) == argument.field), None)
                participants.append(FieldFilter(chosen or str(argument.field), str(value)))
        bloc = values.get(self.bloc_argument) if self.bloc_argument else None
        least = values.get("min_amount")
        currency = values.get("currency")
        return FactFilters(
            participants=tuple(participants), bloc=str(bloc) if bloc else None,
            bloc_fields=self.bloc_fields, since=since, until=until,
            min_amount=None if least is None else float(least),
            currency=None if currency is None else str(currency))

    def __call__(self, driver: neo4j.Driver, *, since: str | None = None,
                 until: str | None = None, first: int = 50, after: str | None = None,
                 with_sources: bool = False, with_homes: bool = False,
                 database: str | None = None, **values: Value) -> Page[FactView]:
        return facts(driver, self.code, self.filters(values, since, until), first=first,
                     after=after, with_sources=with_sources, with_homes=with_homes,
                     database=database)


def singular(spec: FieldSpec) -> str:
    """A list field's argument name names one of its items (``investors`` -> ``investor``)."""
    return spec.name[:-1] if spec.list and spec.name.endswith("s") else spec.name


def listing_alias(fact: NodeType) -> ListingAlias:
    """The named listing a fact type declares (its ``listing`` must be set)."""
    participants = [s for s in fact.fields if s.is_participant]
    arguments: list[AliasArgument] = []
    for spec in participants:
        if spec.edge_flag:
            continue
        arguments.append(AliasArgument(singular(spec), "participant", spec.name))
        arguments.extend(AliasArgument(str(f.edge_flag), "flag", f.name) for f in participants
                         if f.edge_flag and f.edge == spec.edge)
    bloc_fields = fact.listing_bloc or tuple(s.name for s in participants)
    bloc_name = (f"{singular(fact.field(bloc_fields[0]))}_bloc" if len(bloc_fields) == 1
                 else "bloc")
    arguments.append(AliasArgument(bloc_name, "bloc"))
    if any(s.type == "amount" for s in fact.fields):
        arguments.append(AliasArgument("min_amount", "min_amount"))
    if any(s.type == "currency" for s in fact.fields):
        arguments.append(AliasArgument("currency", "currency"))
    return ListingAlias(str(fact.listing), str(fact.code), tuple(arguments), bloc_fields,
                        fact.date_field is not None)


@cache
def listing_aliases() -> Mapping[str, ListingAlias]:
    """Every declared named listing, by its Python name, in the model's order."""
    found = (listing_alias(f) for f in load_model().fact_types if f.listing)
    return {alias.python_name: alias for alias in found}


@cache
def _flagged_base(code: str, flagged: str) -> str | None:
    """The plain field sharing the flagged field's edge (``lead_investors`` -> ``investors``)."""
    fact = load_model().fact_type(code)
    spec = fact.field(flagged)
    return next((s.name for s in fact.fields
                 if s.edge == spec.edge and not s.edge_flag and s.is_participant), None)
