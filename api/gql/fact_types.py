"""One GraphQL object type per fact type of the domain model, generated at import.

Each implements the :class:`~blocgraph.api.gql.types.Fact` interface and adds the
fact type's own fields, named and typed as the model declares them: scalars
(``amount``, ``currency``, ``date`` ...) from the stored attributes, entity
participants as :class:`~blocgraph.api.gql.types.Entity` (loaded in batches),
country participants as :class:`~blocgraph.api.gql.types.Country`. Adding a
field or a fact type to ``schema/types/*.yaml`` changes the API with no code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import strawberry

from blocgraph.api.gql.base import Info
from blocgraph.api.gql.types import Country, Entity, Fact, as_fact, fact_fields, register_fact_type
from blocgraph.errors import ModelError
from blocgraph.graph.read.results import FactView
from blocgraph.graph.read.temporal import as_iso
from blocgraph.schema.model import FieldSpec, NodeType, load_model

_SCALARS: Mapping[str, Any] = {"amount": float | None, "currency": str | None,
                               "date": str | None, "string": str | None}


def _scalar_field(spec: FieldSpec) -> Any:
    """A plain attribute, filled by :func:`as_fact` (no resolver call per value)."""
    return strawberry.field(default=None, graphql_type=_SCALARS[spec.type])


def _scalar_value(spec: FieldSpec, view: FactView) -> Any:
    value = view.attrs.get(spec.name)
    if value is None:
        return None
    if spec.type == "amount":
        return float(value)
    return as_iso(value) if spec.type == "date" else str(value)


def _entity_field(spec: FieldSpec) -> Any:
    def resolve(self: Fact) -> Any:
        """The participants' entities were read with the fact."""
        ids = self.view.ids(spec.name)
        by_id = {p.id: p.entity for p in self.view.participants if p.entity is not None}
        entities = [Entity.of(by_id[i]) for i in ids if i in by_id]
        if spec.list:
            return entities
        return entities[0] if entities else None

    graphql_type = list[Entity] if spec.list else Entity | None
    return strawberry.field(resolver=resolve, graphql_type=graphql_type)


def _country_field(spec: FieldSpec) -> Any:
    async def resolve(self: Fact, info: Info) -> Any:
        isos = [p.id for p in self.view.participants if p.field == spec.name]
        views = await info.context.loaders.country.load_many(isos)
        return next((Country.of(v) for v in views if v is not None), None)

    return strawberry.field(resolver=resolve, graphql_type=Country | None)


_FIELD_MAKERS: Mapping[str, Callable[[FieldSpec], Any]] = {
    "entity": _entity_field, "country": _country_field,
}


def _fact_class(fact: NodeType) -> type[Fact]:
    namespace: dict[str, Any] = {"__module__": __name__, "__annotations__": {}}
    for spec in fact.fields:
        maker = _FIELD_MAKERS.get(spec.type, _scalar_field)
        field = namespace[spec.name] = maker(spec)
        # annotated, every field keeps the model's order in the schema
        namespace["__annotations__"][spec.name] = field.type_annotation or Any
    cls = type(fact.name, (Fact,), namespace)
    generated: type[Fact] = strawberry.type(cls, description=fact.description)
    return generated


FACT_CLASSES: Mapping[str, type[Fact]] = {
    str(fact.code): _fact_class(fact) for fact in load_model().fact_types
}
_SCALAR_SPECS: Mapping[str, tuple[FieldSpec, ...]] = {
    str(fact.code): tuple(s for s in fact.fields if s.type not in _FIELD_MAKERS)
    for fact in load_model().fact_types
}


def fact_class(code: str) -> type[Fact]:
    try:
        return FACT_CLASSES[code]
    except KeyError:
        raise ModelError(f"unknown fact type {code!r}") from None


def _maker(cls: type[Fact], scalars: tuple[FieldSpec, ...]) -> Callable[[FactView], Fact]:
    def make(view: FactView) -> Fact:
        return cls(**fact_fields(view), **{s.name: _scalar_value(s, view) for s in scalars})

    return make


for _code, _cls in FACT_CLASSES.items():
    register_fact_type(_code, _maker(_cls, _SCALAR_SPECS[_code]))

__all__ = ["FACT_CLASSES", "as_fact", "fact_class"]
