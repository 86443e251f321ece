"""Building blocks of the GraphQL schema: model enums, pages, typed field decorators.

The enums are made from the domain model at import, so a new entity or fact
type in ``schema/types/*.yaml`` is a new enum value with no code change.
Lists are :class:`Connection` pages whose cursors are the readers' offset
cursors (:mod:`blocgraph.graph.read.results`), in memory or from Cypher alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from types import GenericAlias
from typing import Annotated, Any, Generic, TypeVar, cast

import strawberry
from strawberry.types.nodes import SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case

from blocgraph.api.gql.loaders import Context
from blocgraph.graph.read.results import Page, decode_cursor, page_of
from blocgraph.schema.model import load_model

T = TypeVar("T")
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])
Info = strawberry.Info[Context, None]
_FUNCTIONAL_ENUM: Any = Enum


HOME_FIELDS = ("home", "bloc", "homes")
_ENTITY_PATHS = (("participants", "entity"), *sorted({
    (to_camel_case(spec.name),) for fact in load_model().fact_types for spec in fact.fields
    if spec.type == "entity"}))


def _model_enum(name: str, members: Sequence[tuple[str, str]], description: str) -> type[Enum]:
    """A GraphQL enum of the model's types; each value's description is the type's title,
    which clients show as its label."""
    values = {m: strawberry.enum_value(m, description=title) for m, title in members}
    created = cast(type[Enum], _FUNCTIONAL_ENUM(name, values))
    return strawberry.enum(created, description=description)


ENTITY_TYPE = _model_enum("EntityType", [(t.name, t.title) for t in load_model().entity_types],
                          "The domain model's concrete entity types.")
FACT_TYPE = _model_enum("FactType", [(str(t.code), t.title) for t in load_model().fact_types],
                        "The domain model's fact type codes.")


# GraphQL types built from the runtime enums, spelled so mypy reads them as values.
OPTIONAL_ENTITY_TYPE: Any = ENTITY_TYPE | None
OPTIONAL_ENTITY_TYPES: Any = GenericAlias(list, (ENTITY_TYPE,)) | None
OPTIONAL_FACT_TYPES: Any = GenericAlias(list, (FACT_TYPE,)) | None
FactTypesArg = Annotated[list[Enum] | None, strawberry.argument(graphql_type=OPTIONAL_FACT_TYPES)]


def typed_field(**options: Any) -> Callable[[F], F]:
    """``@strawberry.field(...)`` with options, keeping the resolver's type for mypy
    (strawberry types the keyword-only form as ``Any``)."""
    def decorate(resolver: F) -> F:
        return cast(F, strawberry.field(resolver, **options))

    return decorate


@strawberry.type
class PageInfo:
    end_cursor: str | None = strawberry.field(description="Pass as `after` for the next page.")
    has_next_page: bool


@strawberry.type(description="One page of a list.")
class Connection(Generic[T]):
    nodes: list[T]
    page_info: PageInfo


def connection(page: Page[V], convert: Callable[[V], T]) -> Connection[T]:
    return Connection(nodes=[convert(item) for item in page.items],
                      page_info=PageInfo(end_cursor=page.end_cursor, has_next_page=page.has_next))


Selections = dict[str, "Selections"]


def selection_tree(info: Info) -> Selections:
    """The query's selections below the field being resolved, by field name, with
    fragments and inline fragments merged in (aliases and arguments dropped)."""
    tree: Selections = {}
    _merge(tree, (s for f in info.selected_fields for s in f.selections))
    return tree


def fields_named(info: Info, name: str) -> list[SelectedField]:
    """The selections of field ``name`` just below the field being resolved (fragments
    followed), with their arguments (literals as written, variables as given)."""
    return [f for f in _fields(s for top in info.selected_fields for s in top.selections)
            if f.name == name]


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


def _merge(tree: Selections, selections: Iterable[Selection]) -> None:
    for selection in selections:
        if isinstance(selection, SelectedField):
            _merge(tree.setdefault(selection.name, {}), selection.selections)
        else:
            _merge(tree, selection.selections)


def selects(tree: Selections, *path: str) -> bool:
    """True when the query asks for ``path`` in ``tree`` (see :func:`selection_tree`),
    e.g. ``selects(tree, "nodes", "sources")``.

    Resolvers use it to look ahead: a page whose facts will show their sources
    reads them in the same statement, instead of a second round trip.
    """
    for name in path:
        if name not in tree:
            return False
        tree = tree[name]
    return True


def selects_homes(tree: Selections, *path: str) -> bool:
    """True when the entity at ``path`` shows where it is (``home``, ``bloc`` or ``homes``)."""
    return any(selects(tree, *path, name) for name in HOME_FIELDS)


def facts_select_homes(tree: Selections, *path: str) -> bool:
    """True when the facts at ``path`` show a participant entity's home: through
    ``participants { entity }`` or a fact type's own entity field (``actor``, ...)."""
    return any(selects_homes(tree, *path, *through) for through in _ENTITY_PATHS)


def slice_page(items: Sequence[V], first: int, after: str | None) -> Page[V]:
    """A page of a list already in memory, with the same cursors as the readers."""
    skip = decode_cursor(after)
    return page_of(items[skip:skip + first + 1], skip, first)
