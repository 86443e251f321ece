"""The GraphQL types for the graph's nodes: entities, facts, sources, articles, places.

The object type of each fact type is generated from the domain model in
:mod:`blocgraph.api.gql.fact_types`, which registers how to make each one here
(:func:`register_fact_type`): this module never imports it, so the two do not
import each other, and entities and articles still answer with typed facts.
Stored values are plain attributes copied from the reader views (strawberry
reads those without calling a resolver); nested fields that need another read
go through the request's DataLoaders, so a list of 100 entities with facts
and sources costs one query per level, not one per entity, and a selection
that asks for sources gets them with the facts (see :func:`base.selects`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.scalars import JSON

from blocgraph.api.gql.base import (
    ENTITY_TYPE,
    FACT_TYPE,
    Connection,
    FactTypesArg,
    Info,
    Selections,
    connection,
    facts_select_homes,
    selection_tree,
    selects,
    typed_field,
)
from blocgraph.api.gql.loaders import FactsKey
from blocgraph.errors import ModelError
from blocgraph.graph.analytics.projection import SourceRef
from blocgraph.graph.read.catalogue import ArticleView
from blocgraph.graph.read.homes import BlocView, CountryView
from blocgraph.graph.read.results import (
    EntityView,
    FactView,
    ParticipantView,
    SourceView,
    decode_cursor,
    page_of,
)
from blocgraph.graph.read.temporal import as_iso

T = TypeVar("T")


@strawberry.type(description="A geopolitical bloc: the unit of 'who depends on which bloc'.")
class Bloc:
    id: strawberry.ID
    name: str

    @typed_field(description="Its member countries.")
    async def countries(self, info: Info) -> list[Country]:
        found = await info.context.loaders.bloc.load(str(self.id))
        isos = found[1] if found else []
        views = await info.context.loaders.country.load_many(isos)
        return [Country.of(v) for v in views if v is not None]

    @staticmethod
    def of(view: BlocView) -> Bloc:
        return Bloc(id=strawberry.ID(view.id), name=view.name)


@strawberry.type(description="An ISO 3166-1 country (or EU) and its bloc.")
class Country:
    iso: str
    name: str
    bloc: Bloc | None

    @staticmethod
    def of(view: CountryView) -> Country:
        return Country(iso=view.iso, name=view.name,
                       bloc=Bloc.of(view.bloc) if view.bloc else None)


@strawberry.type(description="A news article (or the reference data) that supports facts.")
class Article:
    id: strawberry.ID
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    source: str | None = strawberry.field(description="Where it was read from (a path or URL).")

    @typed_field(description="The stored text; evidence offsets index it.")
    async def text(self, info: Info) -> str | None:
        return await info.context.loaders.article_text.load(str(self.id))

    @typed_field(description="The facts this article supports (retracted ones hidden).")
    async def facts(self, info: Info) -> list[Fact]:
        return [as_fact(v) for v in await info.context.loaders.article_facts.load(str(self.id))]

    @staticmethod
    def of(view: ArticleView) -> Article:
        return Article(id=strawberry.ID(view.id), title=view.title, url=view.url,
                       outlet=view.outlet, published=view.published, source=view.source)


@strawberry.type(description="One article's support for a fact: the evidence and its weight.")
class Source:
    article: Article
    evidence: str | None = strawberry.field(description="The sentence stating the fact.")
    start: int | None = strawberry.field(description="Character offset in the article text.")
    end: int | None
    confidence: float | None
    extractor: str | None
    values: JSON = strawberry.field(description="This source's own values for the fact.")

    @staticmethod
    def of(view: SourceView) -> Source:
        article = Article(id=strawberry.ID(view.article_id), title=view.title, url=view.url,
                          outlet=view.outlet, published=view.published, source=view.source)
        return Source(article=article, evidence=view.text, start=view.start,
                      end=view.end, confidence=view.confidence, extractor=view.extractor,
                      values=JSON(dict(view.values)))

    @staticmethod
    def of_ref(ref: SourceRef) -> Source:
        article = Article(id=strawberry.ID(ref.article_id), title=ref.title, url=ref.url,
                          outlet=None, published=ref.published, source=None)
        return Source(article=article, evidence=ref.text, start=ref.start,
                      end=ref.end, confidence=ref.confidence, extractor=None, values=JSON({}))


@strawberry.type(description="A person, organisation, state, model, chip or law.")
class Entity:
    """Plain attributes for the stored properties (strawberry reads them without a
    resolver call, which matters when a page holds thousands of values); loaders for
    what needs another query."""

    id: strawberry.ID
    name: str
    type: Enum = strawberry.field(graphql_type=ENTITY_TYPE)
    aliases: list[str]
    country: str | None = strawberry.field(
        description="The stored ISO country code, if any (see `home`).")
    description: str | None
    known: bool = strawberry.field(description="True for curated (gazetteer or reference) "
                                               "entities.")
    homes_found: strawberry.Private[tuple[CountryView, ...] | None] = None

    @typed_field(graphql_type=list[Country],
                 description="Countries placing it: headquarters facts (most supported "
                             "first), else reference data, else its country property.")
    def homes(self, info: Info) -> Any:
        return _from_homes(self, info, lambda homes: [Country.of(v) for v in homes])

    @typed_field(graphql_type=Country | None, description="The best-supported of `homes`.")
    def home(self, info: Info) -> Any:
        return _from_homes(self, info, lambda homes: Country.of(homes[0]) if homes else None)

    @typed_field(graphql_type=Bloc | None, description="The bloc of `home`.")
    def bloc(self, info: Info) -> Any:
        return _from_homes(self, info, lambda homes: Bloc.of(homes[0].bloc)
                           if homes and homes[0].bloc else None)

    @typed_field(description="Its facts (merged entities' included), oldest first.")
    async def facts(self, info: Info, types: FactTypesArg = None, first: int = 50,
                    after: str | None = None) -> Connection[Fact]:
        first = info.context.page_size(first)
        skip = decode_cursor(info.context.cursor(after))
        codes = tuple(sorted(str(t.value) for t in types)) if types else None
        key = facts_key(str(self.id), codes, skip, first, selection_tree(info))
        facts = await info.context.loaders.facts.load(key)
        return connection(page_of(facts, skip, first), as_fact)

    @staticmethod
    def of(view: EntityView) -> Entity:
        return Entity(id=strawberry.ID(view.id), name=view.name, type=ENTITY_TYPE[view.type],
                      aliases=list(view.aliases), country=view.country,
                      description=view.description, known=view.known, homes_found=view.homes)


def facts_key(entity_id: str, codes: tuple[str, ...] | None, skip: int, first: int,
              tree: Selections) -> FactsKey:
    """The loader key of a page of an entity's facts, with what its selection shows."""
    return FactsKey(entity_id, codes, skip, first + 1, selects(tree, "nodes", "sources"),
                    facts_select_homes(tree, "nodes"))


def _from_homes(entity: Entity, info: Info, pick: Callable[[Sequence[CountryView]], T]) -> Any:
    """``pick(homes)`` now when they were read with the entity, else once the loader has them
    (a resolver may return a value or an awaitable; a value skips the event loop)."""
    if entity.homes_found is not None:
        return pick(entity.homes_found)

    async def later() -> T:
        found = await info.context.loaders.placed_entity.load(str(entity.id))
        return pick(found.homes or () if found else ())

    return later()


@strawberry.type(description="A fact's participant; `role` is the edge type, `field` the "
                             "model's field name. Countries have type `Country`.")
class Participant:
    role: str
    field: str
    id: strawberry.ID
    name: str
    type: str
    lead: bool = strawberry.field(description="True for a lead investor.")
    entity: Entity | None = strawberry.field(
        description="The entity, read with the fact (countries have none).")

    @staticmethod
    def of(view: ParticipantView) -> Participant:
        return Participant(role=view.role, field=view.field, id=strawberry.ID(view.id),
                           name=view.name, type=view.type, lead=view.lead,
                           entity=Entity.of(view.entity) if view.entity else None)


@strawberry.interface(description="A statement with a deterministic key, its participants and "
                                  "every article supporting it.")
class Fact:
    view: strawberry.Private[FactView]
    key: strawberry.ID
    type: Enum = strawberry.field(graphql_type=FACT_TYPE)
    conflict: bool = strawberry.field(
        description="True when sources disagree on an attribute (see `conflicts`).")
    conflicts: list[str] = strawberry.field(description="The attributes the sources disagree on.")
    retracted: bool
    retracted_why: str | None
    source_count: int
    first_published: str | None = strawberry.field(
        description="Publication date of its earliest source.")
    attributes: JSON = strawberry.field(description="The stored attribute values "
                                                    "(amount, date ...).")
    participants: list[Participant]

    @typed_field(graphql_type=list[Source],
                 description="Every supporting article with its evidence, oldest first.")
    def sources(self, info: Info) -> Any:
        if self.view.sources is not None:  # read with the fact (the query looked ahead)
            return [Source.of(v) for v in self.view.sources]

        async def later() -> list[Source]:
            return [Source.of(v) for v in await info.context.loaders.sources.load(self.view.key)]

        return later()


def fact_fields(view: FactView) -> dict[str, Any]:
    """The interface's plain fields of a fact, as constructor arguments."""
    return {
        "view": view, "key": strawberry.ID(view.key), "type": FACT_TYPE[view.type],
        "conflict": view.conflict, "conflicts": list(view.conflicts),
        "retracted": view.retracted, "retracted_why": view.retracted_why,
        "source_count": view.source_count, "first_published": view.first_published,
        "attributes": JSON({k: as_iso(v) if hasattr(v, "iso_format") else v
                            for k, v in view.attrs.items()}),
        "participants": [Participant.of(p) for p in view.participants],
    }


_FACT_MAKERS: dict[str, Callable[[FactView], Fact]] = {}


def register_fact_type(code: str, make: Callable[[FactView], Fact]) -> None:
    """How to make the GraphQL object of fact type ``code`` from its view (called by
    :mod:`blocgraph.api.gql.fact_types` for every fact type of the model)."""
    _FACT_MAKERS[code] = make


def as_fact(view: FactView) -> Fact:
    """The GraphQL object of the view's fact type, its stored values filled in."""
    try:
        make = _FACT_MAKERS[view.type]
    except KeyError:
        raise ModelError(f"no GraphQL type for fact type {view.type!r} (is "
                         "blocgraph.api.gql.fact_types imported?)") from None
    return make(view)
