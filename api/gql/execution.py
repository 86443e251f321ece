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
the resolve info and the resolver call too, and a selection made only of plain
fields is answered in one pass by a projector
(:mod:`blocgraph.api.gql.plain_fields`).

The shortcut is off when a middleware (a schema extension with a ``resolve``
hook) would have to see each field.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, cast

from graphql import GraphQLObjectType, GraphQLOutputType, Undefined
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from blocgraph.api.gql.plain_fields import (
    PlainLeaf,
    PlainObject,
    Projector,
    answer,
    build_entry,
    completes_without_info,
    plans_of,
)


class PlainFieldExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, with plain fields read without resolver calls."""

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any,
                       path: Path | None, grouped_field_set: GroupedFieldSet,
                       position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's ``execute_fields``, with plain leaves answered in the loop (no
        path, resolve info or resolver call for them)."""
        plans = plans_of(self.schema, parent_type) if not _has_middleware(self) else {}
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list in grouped_field_set.items():
                plan = plans.get(field_details_list[0].node.name.value)
                if isinstance(plan, PlainLeaf):
                    result = answer(plan, source_value)
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
        if not completes_without_info(plan, value):
            return Undefined
        projector = self.projector(plan.object_type, field_details_list)
        if projector is not None:
            projected = projector.complete(plan, value)
            if projected is not Undefined:
                return projected
        try:  # info is only read for errors these values cannot raise (checked above)
            completed = self.complete_value(plan.return_type, field_details_list,
                                            cast(Any, None), path, value, position_context)
        except Exception as raw_error:
            self.handle_field_error(raw_error, plan.return_type, field_details_list, path)
            return None
        if self.is_awaitable(completed):
            return self._settled(completed, plan.return_type, field_details_list, path)
        return completed

    def collect_and_execute_subfields(self, return_type: GraphQLObjectType,
                                      field_details_list: FieldDetailsList, path: Path,
                                      result: Any, position_context: Any
                                      ) -> AwaitableOrValue[dict[str, Any]]:
        """An object whose selection is all plain fields is answered by its projector."""
        projector = self.projector(return_type, field_details_list)
        if projector is not None:
            projected = projector.project(result)
            if projected is not Undefined:
                return cast(dict[str, Any], projected)
        return super().collect_and_execute_subfields(return_type, field_details_list, path,
                                                     result, position_context)

    def projector(self, object_type: GraphQLObjectType,
                  field_details_list: FieldDetailsList) -> Projector | None:
        """The projector of this selection on this type (None when a field in it is not
        plain), built once per request and selection, as graphql-core memoises
        ``collect_subfields`` (keyed by the list's identity, the list kept alive)."""
        if _has_middleware(self):
            return None
        cache: dict[tuple[GraphQLObjectType, int], tuple[FieldDetailsList, Projector | None]]
        cache = self.__dict__.setdefault("_projectors", {})
        key = (object_type, id(field_details_list))
        if key not in cache:
            cache[key] = (field_details_list, self._build_projector(object_type,
                                                                    field_details_list))
        return cache[key][1]

    def _build_projector(self, object_type: GraphQLObjectType,
                         field_details_list: FieldDetailsList) -> Projector | None:
        grouped, deferred, _ = self.collect_subfields(object_type, field_details_list)
        if deferred:
            return None
        entries = []
        for response_name, sub_fields in grouped.items():
            entry = build_entry(
                self.schema, object_type, response_name, sub_fields[0].node.name.value,
                lambda plan, sub=sub_fields: self.projector(plan.object_type, sub))
            if entry is None:
                return None
            entries.append(entry)
        return Projector(object_type, tuple(entries))

    async def _settled(self, completed: Awaitable[Any], return_type: GraphQLOutputType,
                       field_details_list: FieldDetailsList, path: Path) -> Any:
        try:
            return await completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None


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


