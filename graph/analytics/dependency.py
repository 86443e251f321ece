"""Who depends on which bloc: per-bloc scores with the fact paths behind them.

For an entity E and a bloc B each channel scores the weighted share of E's
links in that channel whose far end reaches B (channels, their links and weights
are declared in ``channels.yaml``, :mod:`blocgraph.graph.analytics.channel_spec`;
following them: :mod:`blocgraph.graph.analytics.channels`; reaching a bloc:
:mod:`blocgraph.graph.analytics.blocs`). The combined score mixes the channels with
:data:`CHANNEL_WEIGHTS`, renormalised over the channels that have any link, so
an entity with no known investors is not scored as if it had no foreign
capital. Shares that reach no bloc (an investor nothing places) stay
unattributed, which is why a bloc row can sum to less than 1.

``docs/dependency.md`` describes the method and a worked example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import neo4j

from blocgraph.errors import InputError
from blocgraph.graph.analytics.blocs import Placement
from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.graph.analytics.channels import (
    Hop,
    Link,
    channel_names,
    links,
    placements,
    to_usd,
)
from blocgraph.graph.analytics.entity_projection import load_entity_projection
from blocgraph.graph.analytics.projection import Projection, SourceRef, as_projection
from blocgraph.schema.model import Model, load_model

# Each channel's nominal weight in the combined score, as declared in ``channels.yaml``.
CHANNEL_WEIGHTS: Mapping[str, float] = MappingProxyType(channel_spec().weights)


def dated_fact_types() -> frozenset[str]:
    """The fact types whose model declares a date field (the others are never dated),
    worked out once per model."""
    return _dated_fact_types(load_model())


@cache
def _dated_fact_types(model: Model) -> frozenset[str]:
    return frozenset(t.code for t in model.fact_types if t.code and t.date_field)


@dataclass(frozen=True)
class FactStep:
    """One fact on a path, crossed from ``source`` (entity id) to ``target``
    (entity id, or a country code for a home fact's step), with its evidence."""

    key: str
    type: str
    date: str | None
    amount: float | None
    currency: str | None
    amount_usd: float | None
    source: str
    target: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class DependencyPath:
    """How one link reaches one bloc; ``share`` is its part of the channel (0..1)."""

    channel: str
    bloc: str | None
    country: str
    via: str
    counterpart: str | None
    weight: float
    share: float
    steps: tuple[FactStep, ...]

    @property
    def undated(self) -> bool:
        """True when a step of a dated fact type has no date (kept under ``as_of``)."""
        dated = dated_fact_types()
        return any(s.date is None for s in self.steps if s.type in dated)


@dataclass(frozen=True)
class ChannelEvidence:
    score: float
    paths: tuple[DependencyPath, ...]


@dataclass(frozen=True)
class BlocDependency:
    bloc: str
    name: str
    score: float
    channels: Mapping[str, ChannelEvidence]


@dataclass(frozen=True)
class ChannelSummary:
    """A channel's nominal weight, its weight after renormalising, its number of links
    and the share of it that reaches no bloc."""

    name: str
    weight: float
    effective_weight: float
    links: int
    unattributed: float


@dataclass(frozen=True)
class DependencyResult:
    entity_id: str
    name: str
    type: str
    as_of: str | None
    blocs: tuple[BlocDependency, ...]
    channels: tuple[ChannelSummary, ...]

    def bloc(self, bloc_id: str) -> BlocDependency | None:
        return next((b for b in self.blocs if b.bloc == bloc_id), None)

    def score(self, bloc_id: str, channel: str | None = None) -> float:
        found = self.bloc(bloc_id)
        if found is None:
            return 0.0
        if channel is None:
            return found.score
        evidence = found.channels.get(channel)
        return evidence.score if evidence else 0.0

    def paths(self, bloc_id: str | None = None, channel: str | None = None) -> list[DependencyPath]:
        return [path for b in self.blocs if bloc_id in (None, b.bloc)
                for name, evidence in b.channels.items() if channel in (None, name)
                for path in evidence.paths]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Matrix:
    """Rows: entities; columns: blocs; cells: combined dependency scores."""

    as_of: str | None
    blocs: tuple[str, ...]
    bloc_names: tuple[str, ...]
    entities: tuple[str, ...]
    names: tuple[str, ...]
    scores: tuple[tuple[float, ...], ...]

    def row(self, entity_id: str) -> dict[str, float]:
        index = self.entities.index(entity_id)
        return dict(zip(self.blocs, self.scores[index], strict=True))

    def to_rows(self) -> list[dict[str, Any]]:
        return [{"id": entity, "name": name, **dict(zip(self.blocs, row, strict=True))}
                for entity, name, row in zip(self.entities, self.names, self.scores, strict=True)]


def dependency(source: neo4j.Driver | Projection, entity_id: str, as_of: str | None = None,
               *, database: str | None = None) -> DependencyResult:
    """The entity's dependency on every bloc it reaches (NotFoundError if it does not exist).

    ``as_of`` keeps only facts in force on that day; undated facts stay (see
    :func:`blocgraph.graph.analytics.projection.load_projection`) and their paths say so.
    From a driver only the entity's neighbourhood is read
    (:func:`~blocgraph.graph.analytics.entity_projection.load_entity_projection`), not the graph.
    """
    if isinstance(source, Projection):
        projection = source.restricted(as_of)
    else:
        projection = load_entity_projection(source, entity_id, as_of, database=database)
    return score_entity(projection, projection.canonical(entity_id))


def dependency_matrix(source: neo4j.Driver | Projection, entity_type: str = "Company",
                      as_of: str | None = None, *, include_empty: bool = False,
                      database: str | None = None) -> Matrix:
    """Combined scores of every entity of a type against every bloc, from one projection
    (of the whole graph when given a driver: every entity is scored)."""
    if entity_type not in {t.name for t in load_model().entity_types}:
        raise InputError(f"unknown entity type {entity_type!r}")
    projection = as_projection(source, as_of, database=database)
    bloc_ids = tuple(sorted(d["id"] for _, d in projection.graph.nodes(data=True)
                            if d["kind"] == "bloc"))
    rows = []
    for entity_id in projection.entities_of_type(entity_type):
        result = score_entity(projection, entity_id)
        if result.blocs or include_empty:
            rows.append((entity_id, result.name, tuple(result.score(b) for b in bloc_ids)))
    return Matrix(
        as_of=projection.as_of, blocs=bloc_ids,
        bloc_names=tuple(projection.bloc_name(b) for b in bloc_ids),
        entities=tuple(r[0] for r in rows), names=tuple(r[1] for r in rows),
        scores=tuple(r[2] for r in rows),
    )


def score_entity(projection: Projection, entity_id: str) -> DependencyResult:
    entity = projection.entity(entity_id)
    names = channel_names()
    by_channel = {name: _channel_paths(projection, entity.id, name) for name in names}
    used = [name for name, (found, _) in by_channel.items() if found]
    norm = sum(CHANNEL_WEIGHTS[name] for name in used)
    effective = {name: CHANNEL_WEIGHTS[name] / norm if name in used else 0.0
                 for name in names}
    summaries = tuple(
        ChannelSummary(name, CHANNEL_WEIGHTS[name], effective[name], len(found),
                       _unattributed(found, paths))
        for name, (found, paths) in by_channel.items()
    )
    blocs = _per_bloc(projection, {n: paths for n, (_, paths) in by_channel.items()}, effective)
    return DependencyResult(entity.id, entity.name, entity.type, projection.as_of, blocs,
                            summaries)


def _channel_paths(projection: Projection, entity_id: str,
                   channel: str) -> tuple[list[Link], list[DependencyPath]]:
    found = links(projection, entity_id, channel)
    total = sum(link.weight for link in found)
    paths = [
        _path(projection, entity_id, link, placement, total)
        for link in found for placement in placements(projection, entity_id, link)
    ]
    if channel_spec().channel(channel).own_home and not paths:
        return [], []
    return found, paths


def _unattributed(found: Sequence[Link], paths: Sequence[DependencyPath]) -> float:
    if not found:
        return 0.0
    return max(0.0, 1.0 - sum(path.share for path in paths if path.bloc is not None))


def _per_bloc(projection: Projection, paths: Mapping[str, list[DependencyPath]],
              effective: Mapping[str, float]) -> tuple[BlocDependency, ...]:
    grouped: dict[str, dict[str, list[DependencyPath]]] = defaultdict(lambda: defaultdict(list))
    for channel, channel_paths in paths.items():
        for path in channel_paths:
            if path.bloc is not None:
                grouped[path.bloc][channel].append(path)
    result = []
    for bloc, channels in grouped.items():
        evidence = {
            channel: ChannelEvidence(min(1.0, sum(p.share for p in found)),
                                     tuple(sorted(found, key=lambda p: -p.share)))
            for channel, found in channels.items()
        }
        score = sum(effective[channel] * ev.score for channel, ev in evidence.items())
        result.append(BlocDependency(bloc, projection.bloc_name(bloc), min(1.0, score),
                                     evidence))
    return tuple(sorted(result, key=lambda b: (-b.score, b.bloc)))


def _path(projection: Projection, entity_id: str, link: Link, placement: Placement,
          total: float) -> DependencyPath:
    weight = link.weight * placement.share
    hops = (*link.hops, *_placement_hops(link.counterpart or entity_id, placement))
    return DependencyPath(
        channel=link.channel, bloc=placement.bloc, country=placement.country, via=placement.via,
        counterpart=link.counterpart, weight=weight, share=weight / total if total else 0.0,
        steps=tuple(_step(projection, hop) for hop in hops),
    )


def _placement_hops(start: str, placement: Placement) -> list[Hop]:
    """Owner facts go owner to owner; a trailing home fact goes to the country."""
    chain = (start, *placement.through)
    hops = []
    for index, key in enumerate(placement.steps):
        if index < len(placement.through):
            hops.append(Hop(key, chain[index], chain[index + 1]))
        else:
            hops.append(Hop(key, chain[-1], placement.country))
    return hops


def _step(projection: Projection, hop: Hop) -> FactStep:
    fact = projection.fact(hop.key)
    return FactStep(
        key=fact.key, type=fact.type, date=fact.date, amount=fact.amount,
        currency=fact.currency, amount_usd=to_usd(fact.amount, fact.currency),
        source=hop.source, target=hop.target, sources=fact.sources,
    )
