"""Execution with a short path for plain fields.

An answer of the API is mostly leaves read straight off an object: a page of
100 facts with participants and sources holds thousands of ``key``, ``name``,
``evidence`` ... values. graphql-core executes each of them in full: a
resolve-info object, an argument check, strawberry's resolver wrapper, then
value completion. For a field with none of those needs (a strawberry field
with no resolver, no arguments, no permission or extension, whose type is a
scalar or an enum) the answer is always ``coerce_output_value(getattr(source,
name))``, so this execution context computes exactly that and leaves every
other field, and every value that would need an error, to graphql-core.
Plain fields holding objects (a fact's participants, a source's article) skip
the resolve info and the resolver call too, and are completed by graphql-core.

The shortcut is off when a middleware (a schema extension with a ``resolve``
hook) would have to see each field.
"""

from __future__ import annotations

from collections.abc import Awaitable
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
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField


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


class PlainFieldExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain fields read without resolver calls."""

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any,
                       path: Path | None, grouped_field_set: GroupedFieldSet,
                       position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's ``execute_fields``, with plain leaves answered in the loop (no
        path, resolve info or resolver call for them)."""
        plans = _plans_of(self.schema, parent_type) if not _has_middleware(self) else {}
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                plan = plans.get(field_details_list[0].node.name.value)
                if isinstance(plan, PlainLeaf):
                    result = _answer(plan, source_value)
                elif plan is not None:
                    field_path = Path(path, response_name, parent_type.name)
                    result = self.complete_plain_object(plan, source_value, field_details_list,
                                                        field_path, position_context)
                    if self.is_awaitable(result):
                        awaitable_fields.append(response_name)
                else:
                    result = Undefined
                if result is Undefined:
                    result = self.execute_field(
                        parent_type, source_value, field_details_list,
                        Path(path, response_name, parent_type.name), position_context)
                    if result is Undefined:
                        continue
                    if self.is_awaitable(result):
                        awaitable_fields.append(response_name)
                results[response_name] = result
        except Exception:
            if awaitable_fields:  # settle the other fields' awaitables, which may fail too
                self.settle_in_background([results[name] for name in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return _awaited(results, awaitable_fields)

    def complete_plain_object(self, plan: PlainObject, source: Any,
                              field_details_list: FieldDetailsList, path: Path,
                              position_context: Any) -> Any:
        """What ``execute_field`` would give for a plain object field, without building a
        resolve info or calling a resolver; Undefined when the value is one graphql-core
        must judge itself (a null where none is allowed, a wrong type)."""
        value = getattr(source, plan.attribute, Undefined)
        if value is None and plan.nullable:
            return None
        if not _completes_without_info(plan, value):
            return Undefined
        try:  # info is only read for errors these values cannot raise (checked above)
            completed = self.complete_value(plan.return_type, field_details_list,
                                            cast(Any, None), path, value, position_context)
        except Exception as raw_error:
            self.handle_field_error(raw_error, plan.return_type, field_details_list, path)
            return None
        if self.is_awaitable(completed):
            return self._settled(completed, plan.return_type, field_details_list, path)
        return completed

    async def _settled(self, completed: Awaitable[Any], return_type: GraphQLOutputType,
                       field_details_list: FieldDetailsList, path: Path) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None


def _completes_without_info(plan: PlainObject, value: Any) -> bool:
    """True when completing ``value`` cannot reach graphql-core's error branches (the
    only places that read the resolve info for these types)."""
    if value is None or value is Undefined:
        return False
    items = value if plan.is_list else (value,)
    if plan.is_list and not isinstance(value, list | tuple):
        return False
    is_type_of = plan.object_type.is_type_of  # strawberry's reads the object only
    no_info = cast(Any, None)
    return all(item is not None and (is_type_of is None or is_type_of(item, no_info) is True)
               for item in items)


async def _awaited(results: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """``results`` with the awaitable fields' values filled in, awaited together."""
    if len(names) == 1:
        results[names[0]] = await results[names[0]]
    else:
        values = await gather_with_cancel(*(results[name] for name in names))
        results.update(zip(names, values, strict=True))
    return results


def _has_middleware(context: StrawberryGraphQLCoreExecutionContext) -> bool:
    """Strawberry always passes a manager; it matters only when it holds middleware."""
    manager = context.middleware_manager
    return manager is not None and bool(manager.middlewares)


def _answer(plan: PlainLeaf, source: Any) -> Any:
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
    return _plans_of(schema, parent_type).get(name)


def _plans_of(schema: GraphQLSchema, parent_type: GraphQLObjectType) -> dict[str, Plan]:
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
