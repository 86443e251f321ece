"""Execution with a short path for plain leaf fields.

An answer of the API is mostly leaves read straight off an object: a page of
100 facts with participants and sources holds thousands of ``key``, ``name``,
``evidence`` ... values. graphql-core executes each of them in full: a
resolve-info object, an argument check, strawberry's resolver wrapper, then
value completion. For a field with none of those needs (a strawberry field
with no resolver, no arguments, no permission or extension, whose type is a
scalar or an enum) the answer is always ``coerce_output_value(getattr(source,
name))``, so this execution context computes exactly that and leaves every
other field, and every value that would need an error, to graphql-core.

The shortcut is off when a middleware (a schema extension with a ``resolve``
hook) would have to see each field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import GroupedFieldSet
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


_NOT_PLAIN = None
# per type object, which lives as long as its schema (a few dozen per process, tests included)
_plans: dict[GraphQLObjectType, dict[str, PlainLeaf]] = {}


class PlainLeafExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain leaves answered by attribute reads."""

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
                result = _answer(plan, source_value) if plan is not None else Undefined
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
               name: str) -> PlainLeaf | None:
    """The plan for ``parent_type.name`` (None: not a plain leaf)."""
    return _plans_of(schema, parent_type).get(name)


def _plans_of(schema: GraphQLSchema, parent_type: GraphQLObjectType) -> dict[str, PlainLeaf]:
    """The plain leaves of a type, by field name, worked out once per type."""
    plans = _plans.get(parent_type)
    if plans is None:
        found = {name: _plan(schema, parent_type, name) for name in parent_type.fields}
        plans = _plans[parent_type] = {name: p for name, p in found.items() if p is not None}
    return plans


def _plan(schema: GraphQLSchema, parent_type: GraphQLObjectType, name: str) -> PlainLeaf | None:
    field_def = schema.get_field(parent_type, name)
    if field_def is None or field_def.args or not getattr(field_def.resolve, "_is_default", False):
        return _NOT_PLAIN
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or not definition.is_basic_field:
        return _NOT_PLAIN
    field_type = field_def.type
    nullable = not isinstance(field_type, GraphQLNonNull)
    leaf = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(leaf):
        return _NOT_PLAIN
    return PlainLeaf(definition.python_name, leaf, nullable)
