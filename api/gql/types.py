"""The GraphQL types for the graph's nodes: entities, facts, sources, articles, places.

The object type of each fact type is generated from the domain model in
:mod:`blocgraph.api.gql.fact_types`.
Each object wraps a reader view (a private field) and resolves its nested
fields through the request's DataLoaders, so a list of 100 entities with facts
and sources costs one query per level, not one per entity.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.scalars import JSON

from blocgraph.api.gql.base import (
    ENTITY_TYPE,
    FACT_TYPE,
    Connection,
    FactTypesArg,
    Info,
    connection,
    slice_page,
    typed_field,
)
from blocgraph.api.gql.geography import BlocView, CountryView
from blocgraph.api.gql.listings import ArticleView
from blocgraph.graph.projection import SourceRef
from blocgraph.graph.reader_views import EntityView, FactView, ParticipantView, SourceView
from blocgraph.graph.temporal import as_iso


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
    view: strawberry.Private[ArticleView]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.view.id)

    @strawberry.field
    def title(self) -> str | None:
        return self.view.title

    @strawberry.field
    def url(self) -> str | None:
        return self.view.url

    @strawberry.field
    def outlet(self) -> str | None:
        return self.view.outlet

    @strawberry.field
    def published(self) -> str | None:
        return self.view.published

    @typed_field(description="Where it was read from (a path or URL).")
    def source(self) -> str | None:
        return self.view.source

    @typed_field(description="The stored text; evidence offsets index it.")
    async def text(self, info: Info) -> str | None:
        return await info.context.loaders.article_text.load(self.view.id)

    @typed_field(description="The facts this article supports (retracted ones hidden).")
    async def facts(self, info: Info) -> list[Fact]:
        from blocgraph.api.gql.fact_types import as_fact  # generated from the model

        return [as_fact(v) for v in await info.context.loaders.article_facts.load(self.view.id)]


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
        article = ArticleView(view.article_id, view.title, view.url, view.outlet,
                              view.published, view.source)
        return Source(article=Article(view=article), evidence=view.text, start=view.start,
                      end=view.end, confidence=view.confidence, extractor=view.extractor,
                      values=JSON(dict(view.values)))

    @staticmethod
    def of_ref(ref: SourceRef) -> Source:
        article = ArticleView(ref.article_id, ref.title, ref.url, None, ref.published, None)
        return Source(article=Article(view=article), evidence=ref.text, start=ref.start,
                      end=ref.end, confidence=ref.confidence, extractor=None, values=JSON({}))


@strawberry.type(description="A person, organisation, state, model, chip or law.")
class Entity:
    view: strawberry.Private[EntityView]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.view.id)

    @strawberry.field
    def name(self) -> str:
        return self.view.name

    @typed_field(graphql_type=ENTITY_TYPE)
    def type(self) -> Enum:
        return ENTITY_TYPE[self.view.type]

    @strawberry.field
    def aliases(self) -> list[str]:
        return list(self.view.aliases)

    @typed_field(description="The stored ISO country code, if any (see `home`).")
    def country(self) -> str | None:
        return self.view.country

    @strawberry.field
    def description(self) -> str | None:
        return self.view.description

    @typed_field(description="True for curated (gazetteer or reference) entities.")
    def known(self) -> bool:
        return self.view.known

    @typed_field(description="Countries placing it: headquarters facts (most supported "
                             "first), else reference data, else its country property.")
    async def homes(self, info: Info) -> list[Country]:
        return [Country.of(v) for v in await info.context.loaders.homes.load(self.view.id)]

    @typed_field(description="The best-supported of `homes`.")
    async def home(self, info: Info) -> Country | None:
        homes = await info.context.loaders.homes.load(self.view.id)
        return Country.of(homes[0]) if homes else None

    @typed_field(description="The bloc of `home`.")
    async def bloc(self, info: Info) -> Bloc | None:
        homes = await info.context.loaders.homes.load(self.view.id)
        return Bloc.of(homes[0].bloc) if homes and homes[0].bloc else None

    @typed_field(description="Its facts (merged entities' included), oldest first.")
    async def facts(self, info: Info, types: FactTypesArg = None, first: int = 50,
                    after: str | None = None) -> Connection[Fact]:
        from blocgraph.api.gql.fact_types import as_fact  # generated from the model

        first = info.context.page_size(first)
        codes = tuple(sorted(str(t.value) for t in types)) if types else None
        facts = await info.context.loaders.facts.load((self.view.id, codes))
        return connection(slice_page(facts, first, after), as_fact)


@strawberry.type(description="A fact's participant; `role` is the edge type, `field` the "
                             "model's field name. Countries have type `Country`.")
class Participant:
    view: strawberry.Private[ParticipantView]

    @strawberry.field
    def role(self) -> str:
        return self.view.role

    @strawberry.field
    def field(self) -> str:
        return self.view.field

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.view.id)

    @strawberry.field
    def name(self) -> str:
        return self.view.name

    @strawberry.field
    def type(self) -> str:
        return self.view.type

    @typed_field(description="True for a lead investor.")
    def lead(self) -> bool:
        return self.view.lead

    @strawberry.field
    async def entity(self, info: Info) -> Entity | None:
        if self.view.type == "Country":
            return None
        found = await info.context.loaders.entity.load(self.view.id)
        return Entity(view=found) if found else None


@strawberry.interface(description="A statement with a deterministic key, its participants and "
                                  "every article supporting it.")
class Fact:
    view: strawberry.Private[FactView]

    @strawberry.field
    def key(self) -> strawberry.ID:
        return strawberry.ID(self.view.key)

    @typed_field(graphql_type=FACT_TYPE)
    def type(self) -> Enum:
        return FACT_TYPE[self.view.type]

    @typed_field(description="True when sources disagree on an attribute (see `conflicts`).")
    def conflict(self) -> bool:
        return self.view.conflict

    @typed_field(description="The attributes the sources disagree on.")
    def conflicts(self) -> list[str]:
        return list(self.view.conflicts)

    @strawberry.field
    def retracted(self) -> bool:
        return self.view.retracted

    @strawberry.field
    def retracted_why(self) -> str | None:
        return self.view.retracted_why

    @strawberry.field
    def source_count(self) -> int:
        return self.view.source_count

    @typed_field(description="Publication date of its earliest source.")
    def first_published(self) -> str | None:
        return self.view.first_published

    @typed_field(description="The stored attribute values (amount, date ...).")
    def attributes(self) -> JSON:
        return JSON({k: as_iso(v) if hasattr(v, "iso_format") else v
                     for k, v in self.view.attrs.items()})

    @strawberry.field
    def participants(self) -> list[Participant]:
        return [Participant(view=p) for p in self.view.participants]

    @typed_field(description="Every supporting article with its evidence, oldest first.")
    async def sources(self, info: Info) -> list[Source]:
        return [Source.of(v) for v in await info.context.loaders.sources.load(self.view.key)]
