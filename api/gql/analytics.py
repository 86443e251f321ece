"""GraphQL types for answers computed over the graph: dependency, walks, timelines.

Every fact they mention is a full :class:`~blocgraph.api.gql.types.Fact` (or a
:class:`FactStep` that carries its sources and can load the fact), so each
score and path can show the articles, sentences and confidences behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import strawberry

from blocgraph.api.gql.base import Info, PageInfo, selection_tree, selects, typed_field
from blocgraph.api.gql.fact_types import as_fact
from blocgraph.api.gql.types import Bloc, Entity, Fact, Source
from blocgraph.graph.analytics.dependency import (
    BlocDependency,
    ChannelSummary,
    DependencyPath,
    DependencyResult,
    FactStep,
)
from blocgraph.graph.read.results import (
    ConflictView,
    EntityView,
    FactView,
    Page,
    SearchHit,
    TimelineEntry,
)


async def _entity(info: Info, entity_id: str | None) -> Entity | None:
    if entity_id is None:
        return None
    view = await info.context.loaders.entity.load(entity_id)
    return Entity.of(view) if view else None


@strawberry.type(name="SearchHit", description="A search result and its full-text score.")
class Hit:
    entity: Entity
    score: float

    @staticmethod
    def of(hit: SearchHit) -> Hit:
        return Hit(entity=Entity.of(hit.entity), score=hit.score)


@dataclass(frozen=True)
class Found:
    """Entities and facts a dependency answer mentions, loaded in one batch each."""

    entities: Mapping[str, EntityView | None]
    facts: Mapping[str, FactView | None] | None

    @staticmethod
    async def load(info: Info, result: DependencyResult) -> Found:
        loaders = info.context.loaders
        paths = result.paths()
        ids = sorted({result.entity_id} | {p.counterpart for p in paths if p.counterpart})
        entities = dict(zip(ids, await loaders.entity.load_many(ids), strict=True))
        if not selects(selection_tree(info), "blocs", "channels", "paths", "steps", "fact"):
            return Found(entities, None)
        keys = sorted({step.key for path in paths for step in path.steps})
        return Found(entities, dict(zip(keys, await loaders.fact.load_many(keys), strict=True)))


@strawberry.type(name="DependencyStep",
                 description="One fact on a dependency path, crossed from `from` to `to`.")
class Step:
    key: strawberry.ID
    type: str = strawberry.field(description="The fact type code.")
    date: str | None
    amount: float | None
    currency: str | None
    amount_usd: float | None = strawberry.field(
        description="The amount at the fixed US dollar table.")
    source_id: str = strawberry.field(name="from", description="Entity id the path comes from.")
    target_id: str = strawberry.field(
        name="to", description="Entity id (or ISO country code) it goes to.")
    sources: list[Source]
    found: strawberry.Private[Found]

    @typed_field(graphql_type=Fact | None, description="The fact itself.")
    def fact(self, info: Info) -> Any:
        if self.found.facts is not None:  # loaded for every step at once
            view = self.found.facts.get(str(self.key))
            return as_fact(view) if view else None

        async def later() -> Fact | None:
            view = await info.context.loaders.fact.load(str(self.key))
            return as_fact(view) if view else None

        return later()

    @staticmethod
    def of(step: FactStep, found: Found) -> Step:
        return Step(key=strawberry.ID(step.key), type=step.type, date=step.date,
                    amount=step.amount, currency=step.currency, amount_usd=step.amount_usd,
                    source_id=step.source, target_id=step.target,
                    sources=[Source.of_ref(ref) for ref in step.sources], found=found)


@strawberry.type(name="DependencyPath",
                 description="How one link reaches one bloc; `share` is its part of the channel.")
class Path:
    channel: str
    bloc: str | None
    country: str
    via: str = strawberry.field(
        description="What placed the last entity: headquarters, reference ...")
    counterpart: Entity | None
    weight: float
    share: float
    undated: bool = strawberry.field(description="A dated kind of fact on the path has no date.")
    steps: list[Step]

    @staticmethod
    def of(path: DependencyPath, found: Found) -> Path:
        entity = found.entities.get(path.counterpart) if path.counterpart else None
        return Path(channel=path.channel, bloc=path.bloc, country=path.country, via=path.via,
                    counterpart=Entity.of(entity) if entity else None, weight=path.weight,
                    share=path.share,
                    undated=path.undated, steps=[Step.of(step, found) for step in path.steps])


@strawberry.type
class ChannelScore:
    channel: str
    score: float
    paths: list[Path]


@strawberry.type(description="The entity's dependency on one bloc, per channel.")
class BlocScore:
    bloc: Bloc
    score: float
    channels: list[ChannelScore]

    @staticmethod
    def of(bloc: BlocDependency, found: Found) -> BlocScore:
        channels = [ChannelScore(channel=name, score=ev.score,
                                 paths=[Path.of(p, found) for p in ev.paths])
                    for name, ev in bloc.channels.items()]
        return BlocScore(bloc=Bloc(id=strawberry.ID(bloc.bloc), name=bloc.name),
                         score=bloc.score, channels=channels)


@strawberry.type(name="ChannelSummary",
                 description="A channel's nominal and renormalised weight, links, "
                             "and the share of it that reaches no bloc.")
class Channel:
    name: str
    weight: float
    effective_weight: float
    links: int
    unattributed: float

    @staticmethod
    def of(summary: ChannelSummary) -> Channel:
        return Channel(name=summary.name, weight=summary.weight,
                       effective_weight=summary.effective_weight, links=summary.links,
                       unattributed=summary.unattributed)


@strawberry.type(description="Who an entity depends on, bloc by bloc, with the evidence.")
class Dependency:
    entity: Entity
    as_of: str | None
    blocs: list[BlocScore]
    channels: list[Channel]

    @staticmethod
    async def of(info: Info, result: DependencyResult) -> Dependency:
        """The answer, with the entity, every path's counterpart and (when the query shows
        them) every step's fact loaded at once: a path list runs to thousands, and one
        awaitable per path would cost more than the paths."""
        found = await Found.load(info, result)
        entity = found.entities[result.entity_id]
        assert entity is not None  # the scorer only answers for entities that exist
        return Dependency(entity=Entity.of(entity), as_of=result.as_of,
                          blocs=[BlocScore.of(b, found) for b in result.blocs],
                          channels=[Channel.of(c) for c in result.channels])


@strawberry.type
class MatrixScore:
    bloc: Bloc
    score: float


@strawberry.type
class MatrixRow:
    entity_id: strawberry.Private[str]
    scores: list[MatrixScore]

    @strawberry.field
    async def entity(self, info: Info) -> Entity | None:
        return await _entity(info, self.entity_id)


@strawberry.type(description="Combined scores of every entity of a type against every bloc.")
class DependencyMatrix:
    as_of: str | None
    blocs: list[Bloc]
    rows: list[MatrixRow]
    page_info: PageInfo


@strawberry.type(description="Entities within some facts of `center`, and those facts.")
class Subgraph:
    center: Entity
    entities: list[Entity]
    facts: list[Fact]
    truncated: bool


@strawberry.type(description="`facts[i]` links `entities[i]` and `entities[i + 1]`.")
class FactPath:
    entities: list[Entity]
    facts: list[Fact]


@strawberry.type(description="A fact in time: `when` is its date, else (datedBy: article) "
                             "its first source's.")
class TimelineItem:
    when: str | None
    dated_by: str | None
    fact: Fact

    @staticmethod
    def of(entry: TimelineEntry) -> TimelineItem:
        return TimelineItem(when=entry.when, dated_by=entry.dated_by, fact=as_fact(entry.fact))


@strawberry.type(description="A fact whose sources disagree, with each source's own values.")
class Conflict:
    fact: Fact
    attributes: list[str]
    sources: list[Source]

    @staticmethod
    def of(view: ConflictView) -> Conflict:
        return Conflict(fact=as_fact(view.fact), attributes=list(view.fact.conflicts),
                        sources=[Source.of(s) for s in view.sources])


def page_info(page: Page[Any]) -> PageInfo:
    return PageInfo(end_cursor=page.end_cursor, has_next_page=page.has_next)
