"""The write side: ingest an article, merge two entities (or undo it), retract a fact.

Every mutation needs a key with write scope (:class:`WriteScope`, checked before
the resolver runs). Expected failures (bad input, unknown ids, a refused URL)
are answers, not errors: each result is a union of a success type and
:class:`MutationError`, so clients handle them with ``__typename``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, cast

import strawberry
from strawberry.permission import BasePermission

from blocgraph.api.gql.base import F, Info, typed_field
from blocgraph.api.gql.fact_types import as_fact
from blocgraph.api.gql.types import Article, Entity, Fact
from blocgraph.errors import AuthError, InputError, NotFoundError
from blocgraph.graph.read.catalogue import ArticleView
from blocgraph.graph.write import curation
from blocgraph.graph.write.curation import CurationResult
from blocgraph.ingest.sources import Article as SourceArticle
from blocgraph.ingest.sources.html import article_from_html
from blocgraph.ingest.sources.page import article_from_page
from blocgraph.ingest.sources.text import article_from_text

MAX_INPUT_CHARS = 1_000_000
SOURCE_LABEL = "graphql"
ERROR_CODES = {InputError: "BAD_USER_INPUT", NotFoundError: "NOT_FOUND"}


def typed_mutation(**options: Any) -> Callable[[F], F]:
    """``@strawberry.mutation(...)``, typed like :func:`blocgraph.api.gql.base.typed_field`."""
    def decorate(resolver: F) -> F:
        return cast(F, strawberry.mutation(resolver, **options))

    return decorate


class WriteScope(BasePermission):
    """Refuses callers without a write-scope key, before the mutation runs."""

    message = "this operation needs an API key with write scope"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.principal.can_write

    def on_unauthorized(self) -> None:
        raise AuthError(f"{self.message} (send it as X-API-Key)")


@strawberry.type(description="An expected failure: `code` is BAD_USER_INPUT or NOT_FOUND.")
class MutationError:
    message: str
    code: str


@strawberry.type(description="The article as stored, what was extracted and what it supports.")
class IngestSuccess:
    article: Article
    entity_ids: strawberry.Private[list[str]]

    @typed_field(description="The entities the extractor found (as stored).")
    async def entities(self, info: Info) -> list[Entity]:
        views = await info.context.loaders.entity.load_many(self.entity_ids)
        return [Entity.of(v) for v in views if v is not None]

    @typed_field(description="The facts this article now supports.")
    async def facts(self, info: Info) -> list[Fact]:
        views = await info.context.loaders.article_facts.load(str(self.article.id))
        return [as_fact(v) for v in views]


@strawberry.type(description="A recorded curation decision.")
class Curation:
    id: strawberry.ID
    action: str
    subject: str
    target: str | None
    moved: int
    folded: int

    @staticmethod
    def of(result: CurationResult) -> Curation:
        return Curation(id=strawberry.ID(result.id), action=result.action,
                        subject=result.subject, target=result.target, moved=result.moved,
                        folded=result.folded)


@strawberry.type
class MergeSuccess:
    curation: Curation
    survivor: Entity | None


@strawberry.type
class UnmergeSuccess:
    curation: Curation
    entity: Entity | None
    survivor: Entity | None


@strawberry.type
class RetractSuccess:
    curation: Curation
    fact: Fact | None


IngestResult = Annotated[IngestSuccess | MutationError, strawberry.union("IngestResult")]
MergeResult = Annotated[MergeSuccess | MutationError, strawberry.union("MergeResult")]
UnmergeResult = Annotated[UnmergeSuccess | MutationError, strawberry.union("UnmergeResult")]
RetractResult = Annotated[RetractSuccess | MutationError, strawberry.union("RetractResult")]


def _failure(exc: InputError | NotFoundError) -> MutationError:
    code = next(c for kind, c in ERROR_CODES.items() if isinstance(exc, kind))
    return MutationError(message=exc.message, code=code)


@strawberry.type
class Mutation:
    @typed_mutation(permission_classes=[WriteScope],
                    description="Extract one article (give exactly one of text, html, url) "
                                "and store what it states.")
    async def ingest_article(self, info: Info, text: str | None = None, html: str | None = None,
                             url: str | None = None) -> IngestResult:
        backend = info.context.backend
        try:
            article = await backend.run(_article, backend.fetcher, text, html, url)
            result, stats = await backend.run(backend.ingest, article)
        except (InputError, NotFoundError) as exc:
            return _failure(exc)
        if stats.failed:
            return MutationError(message=stats.errors[0].reason, code="BAD_USER_INPUT")
        view = ArticleView(article.id, article.title, article.url, article.outlet,
                           result.published, article.source)
        return IngestSuccess(article=Article.of(view),
                             entity_ids=[e.id for e in result.entities])

    @typed_mutation(permission_classes=[WriteScope],
                    description="Make entity `drop` one with entity `keep`.")
    async def merge_entities(self, info: Info, keep: strawberry.ID, drop: strawberry.ID,
                             why: str | None = None) -> MergeResult:
        try:
            result = await info.context.backend.call(
                curation.merge_entities, str(keep), str(drop), info.context.principal.name, why)
        except (InputError, NotFoundError) as exc:
            return _failure(exc)
        survivor = await info.context.loaders.entity.load(str(result.target))
        return MergeSuccess(curation=Curation.of(result),
                            survivor=Entity.of(survivor) if survivor else None)

    @typed_mutation(permission_classes=[WriteScope],
                    description="Undo the merge of entity `drop`: its facts come back on it.")
    async def unmerge_entity(self, info: Info, drop: strawberry.ID,
                             why: str | None = None) -> UnmergeResult:
        try:
            result = await info.context.backend.call(
                curation.unmerge_entities, str(drop), info.context.principal.name, why)
        except (InputError, NotFoundError) as exc:
            return _failure(exc)
        entity = await info.context.loaders.entity.load(str(drop))
        survivor = await info.context.loaders.entity.load(str(result.target))
        return UnmergeSuccess(curation=Curation.of(result),
                              entity=Entity.of(entity) if entity else None,
                              survivor=Entity.of(survivor) if survivor else None)

    @typed_mutation(permission_classes=[WriteScope],
                    description="Mark a fact wrong; readers hide it from then on.")
    async def retract_fact(self, info: Info, key: strawberry.ID, why: str) -> RetractResult:
        try:
            result = await info.context.backend.call(
                curation.retract_fact, str(key), why, info.context.principal.name)
        except (InputError, NotFoundError) as exc:
            return _failure(exc)
        fact = await info.context.loaders.fact.load(str(key))
        return RetractSuccess(curation=Curation.of(result), fact=as_fact(fact) if fact else None)


def _article(fetcher: Any, text: str | None, html: str | None, url: str | None) -> SourceArticle:
    """The article from exactly one of the inputs; URLs only through the SSRF-safe fetcher."""
    given = [name for name, value in (("text", text), ("html", html), ("url", url))
             if value is not None]
    if len(given) != 1:
        raise InputError("give exactly one of text, html or url")
    value = text if text is not None else html if html is not None else url
    assert value is not None
    if len(value) > MAX_INPUT_CHARS:
        raise InputError(f"the {given[0]} is over {MAX_INPUT_CHARS:,} characters")
    if text is not None:
        return article_from_text(SOURCE_LABEL, text)
    if html is not None:
        return article_from_html(SOURCE_LABEL, html)
    if not value.lower().startswith(("http://", "https://")):
        raise InputError("url must be an absolute http(s) URL")
    return article_from_page(value, fetcher.fetch(value))
