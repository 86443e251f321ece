"""The read side of the API: every query field, each a thin call into the graph lookups.

Arguments are checked here (page sizes against the configured cap, enums by
GraphQL itself) and passed on as values; the readers put them in Cypher only
as parameters. Lists are pages with cursors (``first``/``after``).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry

from blocgraph.api.gql import fact_listings
from blocgraph.api.gql.analytics import (
    Conflict,
    Dependency,
    DependencyMatrix,
    FactPath,
    Hit,
    MatrixRow,
    MatrixScore,
    Subgraph,
    TimelineItem,
    page_info,
)
from blocgraph.api.gql.base import (
    OPTIONAL_ENTITY_TYPE,
    OPTIONAL_ENTITY_TYPES,
    Connection,
    Info,
    Selections,
    connection,
    fields_named,
    selection_tree,
    selects_homes,
    slice_page,
    typed_field,
)
from blocgraph.api.gql.fact_types import as_fact
from blocgraph.api.gql.model_info import ModelInfo, model_info
from blocgraph.api.gql.types import Article, Bloc, Entity, Fact, facts_key
from blocgraph.errors import InputError, NotFoundError
from blocgraph.graph.analytics.dependency import dependency, dependency_matrix
from blocgraph.graph.read import catalogue, geography, lookups
from blocgraph.graph.read.walks import MAX_HOPS, MAX_PATH_HOPS

EntityTypeArg = Annotated[Enum | None, strawberry.argument(graphql_type=OPTIONAL_ENTITY_TYPE)]
EntityTypesArg = Annotated[list[Enum] | None,
                           strawberry.argument(graphql_type=OPTIONAL_ENTITY_TYPES)]
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 12


def _type_name(value: Enum | None) -> str | None:
    return None if value is None else str(value.value)


@strawberry.type(name="Reads")
class Reads:
    """The fixed read fields; :data:`Query` adds the model's named fact listings."""

    @typed_field(description="An entity by id (a merged-away id answers as its survivor).")
    async def entity(self, info: Info, id: strawberry.ID) -> Entity | None:
        loaders = info.context.loaders
        tree = selection_tree(info)
        _prefetch_facts(info, str(id), tree)
        view = await (loaders.placed_entity if selects_homes(tree) else loaders.entity).load(
            str(id))
        return Entity.of(view) if view else None

    @typed_field(description="A fact by key, retracted or not.")
    async def fact(self, info: Info, key: strawberry.ID) -> Fact | None:
        view = await info.context.loaders.fact.load(str(key))
        return as_fact(view) if view else None

    @typed_field(description="Entities whose name or an alias matches every word "
                             "(a word may be a prefix), best first.")
    async def search(self, info: Info, text: str, types: EntityTypesArg = None,
                     first: int = 20, after: str | None = None) -> Connection[Hit]:
        names = [str(t.value) for t in types] if types else None
        page = await info.context.backend.call(
            lookups.search, _search_text(text), names, info.context.page_size(first),
            info.context.cursor(after),
            with_homes=selects_homes(selection_tree(info), "nodes", "entity"))
        return connection(page, Hit.of)

    @typed_field(description="Entities by id; `country` (ISO code) and `bloc` match any "
                             "of their homes.")
    async def entities(self, info: Info, type: EntityTypeArg = None, country: str | None = None,
                       bloc: strawberry.ID | None = None, first: int = 50,
                       after: str | None = None) -> Connection[Entity]:
        page = await info.context.backend.call(
            catalogue.entities, entity_type=_type_name(type), country=country,
            bloc=str(bloc) if bloc else None, first=info.context.page_size(first),
            after=info.context.cursor(after))
        return connection(page, lambda view: Entity.of(view))

    facts: Connection[Fact] = strawberry.field(resolver=fact_listings.facts,
                                               description=fact_listings.FACTS_DESCRIPTION)

    @typed_field(description="The domain model: fact and entity types with their titles, "
                             "order, fields, summary templates and graph edges.")
    def model(self) -> ModelInfo:
        return model_info()

    @typed_field(description="Every bloc.")
    async def blocs(self, info: Info) -> list[Bloc]:
        found = await info.context.backend.call(geography.blocs)
        return [Bloc.of(view) for view, _ in found]

    @typed_field(description="The entity's dependency on every bloc it reaches, with the "
                             "fact paths behind each score; `asOf` keeps facts in force.")
    async def dependency(self, info: Info, entity: strawberry.ID,
                         as_of: str | None = None) -> Dependency:
        if await info.context.loaders.entity.load(str(entity)) is None:
            raise NotFoundError(f"no entity with id {str(entity)!r}")  # before the projection
        result = await info.context.backend.call(dependency, str(entity), as_of)
        return await Dependency.of(info, result)

    @typed_field(description="Combined scores of every entity of a type against every "
                             "bloc; rows are paged.")
    async def dependency_matrix(self, info: Info, type: EntityTypeArg = None,
                                as_of: str | None = None, first: int = 50,
                                after: str | None = None) -> DependencyMatrix:
        first = info.context.page_size(first)
        info.context.cursor(after)  # a bad cursor fails before the matrix is computed
        matrix = await info.context.backend.call(
            dependency_matrix, _type_name(type) or "Company", as_of)
        blocs = [Bloc(id=strawberry.ID(b), name=n)
                 for b, n in zip(matrix.blocs, matrix.bloc_names, strict=True)]
        page = slice_page(list(zip(matrix.entities, matrix.scores, strict=True)), first, after)
        rows = [MatrixRow(entity_id=entity, scores=[
                    MatrixScore(bloc=bloc, score=score) for bloc, score in zip(
                        blocs, scores, strict=True)])
                for entity, scores in page.items]
        return DependencyMatrix(as_of=matrix.as_of, blocs=blocs, rows=rows,
                                page_info=page_info(page))

    @typed_field(description=f"Facts within `hops` (1..{MAX_HOPS}) of the entity, at most "
                             "`limit` (newest first at each hop).")
    async def neighbourhood(self, info: Info, entity: strawberry.ID, hops: int = 1,
                            limit: int = 50) -> Subgraph:
        limit = info.context.bounded("limit", limit, info.context.settings.max_page_size)
        found = await info.context.backend.call(lookups.neighbourhood, str(entity), hops, limit)
        return Subgraph(center=Entity.of(found.center),
                        entities=[Entity.of(e) for e in found.entities],
                        facts=[as_fact(f) for f in found.facts], truncated=found.truncated)

    @typed_field(description=f"All shortest fact paths between two entities (at most "
                                  f"`maxHops` facts, 1..{MAX_PATH_HOPS}).")
    async def paths(self, info: Info, from_: Annotated[strawberry.ID, strawberry.argument(
                        name="from")], to: strawberry.ID, max_hops: int = 4,
                    limit: int = 10) -> list[FactPath]:
        limit = info.context.bounded("limit", limit, info.context.settings.max_page_size)
        found = await info.context.backend.call(lookups.shortest_paths, str(from_), str(to),
                                                max_hops, limit)
        return [FactPath(entities=[Entity.of(e) for e in path.entities],
                         facts=[as_fact(f) for f in path.facts]) for path in found]

    @typed_field(description="The entity's facts in time order (undated ones last).")
    async def timeline(self, info: Info, entity: strawberry.ID, first: int = 50,
                       after: str | None = None) -> Connection[TimelineItem]:
        first = info.context.page_size(first)
        entries = await info.context.backend.call(lookups.timeline, str(entity))
        return connection(slice_page(entries, first, after), TimelineItem.of)

    @typed_field(description="Facts whose sources disagree (retracted ones included).")
    async def conflicts(self, info: Info, first: int = 50,
                        after: str | None = None) -> Connection[Conflict]:
        page = await info.context.backend.call(lookups.conflicts, info.context.page_size(first),
                                               info.context.cursor(after))
        return connection(page, Conflict.of)

    @typed_field(description="Stored articles, newest first.")
    async def articles(self, info: Info, first: int = 50,
                       after: str | None = None) -> Connection[Article]:
        page = await info.context.backend.call(catalogue.articles, info.context.page_size(first),
                                               info.context.cursor(after))
        return connection(page, lambda view: Article.of(view))


def _search_text(text: str) -> str:
    """Search text short enough for the full-text index (Lucene refuses huge queries)."""
    if len(text) > MAX_SEARCH_CHARS or len(text.split()) > MAX_SEARCH_WORDS:
        raise InputError(f"search text is limited to {MAX_SEARCH_WORDS} words and "
                         f"{MAX_SEARCH_CHARS} characters")
    return text


def _prefetch_facts(info: Info, entity_id: str, tree: Selections) -> None:
    """Start loading the entity's first page of facts with the entity itself, when the
    query asks for one plain page (an entity page does), so the two statements run side
    by side instead of one after the other. The page's own resolver then finds it in the
    loader's cache; anything unusual is left to that resolver."""
    found = fields_named(info, "facts")
    if len(found) != 1 or set(found[0].arguments) - {"first"}:
        return
    try:
        first = info.context.page_size(int(found[0].arguments.get("first", 50)))
    except (InputError, TypeError, ValueError):
        return
    pending = info.context.loaders.facts.load(facts_key(entity_id, None, 0, first, tree["facts"]))
    pending.add_done_callback(lambda done: done.cancelled() or done.exception())


def _query_type() -> type:
    """``Query``: the fixed reads plus one field per ``listing:`` the model declares."""
    namespace: dict[str, Any] = {"__module__": __name__, "__annotations__": {}}
    for name, field in fact_listings.alias_fields().items():
        namespace[name] = field
        namespace["__annotations__"][name] = Any
    query: type = strawberry.type(type("Query", (Reads,), namespace))
    return query


Query = _query_type()
