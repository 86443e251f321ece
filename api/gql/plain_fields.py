"""Which fields of the API's types are plain, and how to answer them without resolvers.

A field is plain when it is a strawberry field with no resolver, no arguments
and no extension: its value is an attribute of the object. Leaves (scalars,
enums) are answered with the type's output coercion; objects and lists of
objects of a concrete type are completed from the attribute; and a
sub-selection made only of plain fields is answered by a :class:`Projector`
in one pass over the object. Every function returns ``Undefined`` where
graphql-core must decide (a null where none is allowed, a value of the wrong
type, anything that would be an error), and has no side effect, so the
caller can then execute the field in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

NO_INFO = cast(Any, None)  # strawberry's is_type_of reads the object only


@dataclass(frozen=True)
class PlainLeaf:
    """How to answer one plain leaf field: the attribute, its type, whether null is allowed."""

    attribute: str
    leaf: GraphQLLeafType
    nullable: bool


@dataclass(frozen=True)
class PlainObject:
    """A plain field holding an object (or a list of objects) of a concrete type: its value
    is read directly, then completed by graphql-core as usual."""

    attribute: str
    return_type: GraphQLOutputType
    object_type: GraphQLObjectType
    nullable: bool
    is_list: bool


Plan = PlainLeaf | PlainObject
_NOT_PLAIN = None
# per type object, which lives as long as its schema (a few dozen per process, tests included)
_plans: dict[GraphQLObjectType, dict[str, Plan]] = {}


def completes_without_info(plan: PlainObject, value: Any) -> bool:
    """True when completing ``value`` cannot reach graphql-core's error branches (the
    only places that read the resolve info for these types)."""
    if value is None or value is Undefined:
        return False
    items = value if plan.is_list else (value,)
    if plan.is_list and not isinstance(value, list | tuple):
        return False
    return all(item is not None and _is_type(plan.object_type, item) for item in items)


def _is_type(object_type: GraphQLObjectType, value: Any) -> bool:
    is_type_of = object_type.is_type_of
    return is_type_of is None or is_type_of(value, NO_INFO) is True


def answer(plan: PlainLeaf, source: Any) -> Any:
    """The completed value, or Undefined when graphql-core must handle it (errors above all)."""
    value = getattr(source, plan.attribute, Undefined)
    if value is None:
        return None if plan.nullable else Undefined
    if value is Undefined:
        return Undefined
    try:
        coerced = plan.leaf.coerce_output_value(value)
    except Exception:  # graphql-core repeats the call and reports the error properly
        return Undefined
    return Undefined if coerced is None else coerced


def plain_leaf(schema: GraphQLSchema, parent_type: GraphQLObjectType,
               name: str) -> Plan | None:
    """The plan for ``parent_type.name`` (None: graphql-core executes it in full)."""
    return plans_of(schema, parent_type).get(name)


def plans_of(schema: GraphQLSchema, parent_type: GraphQLObjectType) -> dict[str, Plan]:
    """The plain fields of a type, by field name, worked out once per type."""
    plans = _plans.get(parent_type)
    if plans is None:
        found = {name: _plan(schema, parent_type, name) for name in parent_type.fields}
        plans = _plans[parent_type] = {name: p for name, p in found.items() if p is not None}
    return plans


def _plan(schema: GraphQLSchema, parent_type: GraphQLObjectType, name: str) -> Plan | None:
    field_def = schema.get_field(parent_type, name)
    if field_def is None or field_def.args or not getattr(field_def.resolve, "_is_default", False):
        return _NOT_PLAIN
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or not definition.is_basic_field:
        return _NOT_PLAIN
    field_type = field_def.type
    nullable = not isinstance(field_type, GraphQLNonNull)
    inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if is_leaf_type(inner):
        return PlainLeaf(definition.python_name, inner, nullable)
    is_list = isinstance(inner, GraphQLList)
    item = inner.of_type if isinstance(inner, GraphQLList) else inner
    item = item.of_type if isinstance(item, GraphQLNonNull) else item
    if isinstance(item, GraphQLObjectType):  # lists of lists and abstract types: in full
        return PlainObject(definition.python_name, field_type, item, nullable, is_list)
    return _NOT_PLAIN


@dataclass(frozen=True)
class Entry:
    """One response key of a projected selection: a leaf, ``__typename``, or a plain
    object field with the projector of its own selection."""

    name: str
    leaf: PlainLeaf | None = None
    typename: str | None = None
    nested: tuple[PlainObject, Projector] | None = None


@dataclass(frozen=True)
class Projector:
    """Answers a selection made only of plain fields, for objects of one type, as the
    response's dict in one pass (no per-field execution)."""

    object_type: GraphQLObjectType
    entries: tuple[Entry, ...]

    def project(self, obj: Any) -> Any:
        """The object's answer, or Undefined (then graphql-core executes it in full)."""
        if not _is_type(self.object_type, obj):
            return Undefined
        out: dict[str, Any] = {}
        for entry in self.entries:
            if entry.leaf is not None:
                value = answer(entry.leaf, obj)
            elif entry.nested is not None:
                plan, projector = entry.nested
                value = projector.complete(plan, getattr(obj, plan.attribute, Undefined))
            else:
                value = entry.typename
            if value is Undefined:
                return Undefined
            out[entry.name] = value
        return out

    def complete(self, plan: PlainObject, value: Any) -> Any:
        """A plain object field's answer: the object's dict, a list of them, or null."""
        if value is None:
            return None if plan.nullable else Undefined
        if not plan.is_list:
            return Undefined if value is Undefined else self.project(value)
        if not isinstance(value, list | tuple):
            return Undefined
        items = [self.project(item) if item is not None else Undefined for item in value]
        return Undefined if any(item is Undefined for item in items) else items


def build_entry(schema: GraphQLSchema, object_type: GraphQLObjectType, response_name: str,
                field_name: str, nested: Any) -> Entry | None:
    """The entry for one response key (None: not plain). ``nested(plan)`` gives the
    projector of a plain object field's own selection, or None."""
    if field_name == "__typename":
        return Entry(response_name, typename=object_type.name)
    plan = plain_leaf(schema, object_type, field_name)
    if isinstance(plan, PlainLeaf):
        return Entry(response_name, leaf=plan)
    if isinstance(plan, PlainObject):
        projector = nested(plan)
        return Entry(response_name, nested=(plan, projector)) if projector else None
    return None
