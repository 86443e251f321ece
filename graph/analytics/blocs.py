"""Entity -> country -> bloc, with the facts that justify each step.

Two questions, answered differently on purpose:

* :func:`home` is where an entity *is*: its home facts (split by how
  many articles support each, when texts disagree), else the gazetteer's
  country (``IN_COUNTRY`` from reference data), else the entity's ``country``
  property. A Government's home is its own country, reference data first,
  because news never "headquarters" a state.
* :func:`reach` is whose money or power an entity carries: a chain of ownership
  facts up to a state wins over the entity's own address (Temasek -> Singapore's
  Government -> SG; a Luxembourg fund owned by a Chinese ministry reaches
  China), then its home, then the home of its nearest owner that has one.

Each answer is a list of :class:`Placement` whose shares add up to 1 (or an
empty list when nothing places the entity), so uncertainty is spread instead
of hidden. Which fact types and fields are home and ownership facts is declared
in ``channels.yaml`` (:mod:`blocgraph.graph.analytics.channel_spec`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from blocgraph.graph.analytics.channel_spec import channel_spec
from blocgraph.graph.analytics.projection import Projection

MAX_OWNERSHIP_DEPTH = 6
GOVERNMENT = "Government"


@dataclass(frozen=True)
class Placement:
    """One way an entity reaches a bloc.

    ``steps`` are fact keys in path order from the entity outwards: one
    ownership fact per owner in ``through`` (the owners passed, the last one
    is the entity whose country counted), then the home fact if one
    placed that last entity.
    ``via`` says what placed that last entity: ``headquarters`` (its home facts),
    ``reference``, ``property``; ``state-owner`` or ``owner`` when ownership was followed.
    """

    bloc: str | None
    country: str
    share: float
    via: str
    steps: tuple[str, ...] = ()
    through: tuple[str, ...] = ()


@dataclass(frozen=True)
class OwnerChain:
    """Owner facts from an entity up to an owner, and the owners passed."""

    facts: tuple[str, ...]
    owners: tuple[str, ...]

    @property
    def top(self) -> str:
        return self.owners[-1]


def home(projection: Projection, entity_id: str) -> list[Placement]:
    """Where the entity is based; see the module docstring for the order of evidence."""
    entity_id = projection.canonical(entity_id)
    return list(projection.memoised(("home", entity_id),
                                    lambda: tuple(_home(projection, entity_id))))


def _home(projection: Projection, entity_id: str) -> list[Placement]:
    entity = projection.entity(entity_id)
    if entity.type == GOVERNMENT:
        finders = (_by_reference, _by_property, _by_home_facts)
    else:
        finders = (_by_home_facts, _by_reference, _by_property)
    for finder in finders:
        found = finder(projection, entity_id)
        if found:
            return found
    return []


def reach(projection: Projection, entity_id: str) -> list[Placement]:
    """Whose bloc the entity's money or acts stand for: state owner, own home, owner's home.

    Memoised per projection: a matrix asks it for the same investors and states
    on behalf of every company they back.
    """
    entity_id = projection.canonical(entity_id)
    return list(projection.memoised(("reach", entity_id),
                                    lambda: tuple(_reach(projection, entity_id))))


def _reach(projection: Projection, entity_id: str) -> list[Placement]:
    if projection.entity(entity_id).type == GOVERNMENT:
        return home(projection, entity_id)
    chains = state_chains(projection, entity_id)
    if chains:
        return _through_chains(projection, chains, "state-owner")
    own = home(projection, entity_id)
    if own:
        return own
    return _through_chains(projection, _nearest_placed_owners(projection, entity_id), "owner")


def dominant_bloc(placements: Sequence[Placement]) -> str | None:
    """The bloc with the largest share (ties broken by bloc id), or None."""
    totals: dict[str, float] = defaultdict(float)
    for placement in placements:
        if placement.bloc is not None:
            totals[placement.bloc] += placement.share
    if not totals:
        return None
    return min(totals, key=lambda bloc: (-totals[bloc], bloc))


def owner_chains(projection: Projection, entity_id: str) -> list[list[OwnerChain]]:
    """Owner chains level by level (index 0: direct owners), cycle-safe and bounded."""
    found = projection.memoised(("owner_chains", entity_id), lambda: tuple(
        tuple(level) for level in _owner_chains(projection, entity_id)))
    return [list(level) for level in found]


def _owner_chains(projection: Projection, entity_id: str) -> list[list[OwnerChain]]:
    levels: list[list[OwnerChain]] = []
    frontier = [OwnerChain((), (entity_id,))]
    seen = {entity_id}
    for _ in range(MAX_OWNERSHIP_DEPTH):
        frontier = [longer for chain in frontier for longer in _extend(projection, chain, seen)]
        if not frontier:
            break
        seen.update(chain.top for chain in frontier)
        levels.append(frontier)
    return levels


def state_chains(projection: Projection, entity_id: str) -> list[OwnerChain]:
    """The shortest ownership chains that end at a Government (empty when none does)."""
    for level in owner_chains(projection, entity_id):
        states = [c for c in level if projection.entity(c.top).type == GOVERNMENT]
        if states:
            return states
    return []


def _extend(projection: Projection, chain: OwnerChain, seen: set[str]) -> list[OwnerChain]:
    ownership = channel_spec().ownership
    longer = []
    for fact, _ in projection.facts_touching(chain.top, ownership.fact,
                                             roles=(ownership.owned.edge,)):
        for owner in projection.participants(fact.key, ownership.owner.edge):
            if owner.kind == "entity" and owner.id not in seen:
                longer.append(OwnerChain((*chain.facts, fact.key), (*chain.owners, owner.id)))
    return longer


def _nearest_placed_owners(projection: Projection, entity_id: str) -> list[OwnerChain]:
    for level in owner_chains(projection, entity_id):
        placed = [c for c in level if home(projection, c.top)]
        if placed:
            return placed
    return []


def _through_chains(projection: Projection, chains: Sequence[OwnerChain],
                    via: str) -> list[Placement]:
    placements = []
    for chain in chains:
        for placement in home(projection, chain.top):
            placements.append(Placement(
                bloc=placement.bloc, country=placement.country,
                share=placement.share / len(chains), via=via,
                steps=(*chain.facts, *placement.steps), through=chain.owners[1:],
            ))
    return placements


def _by_home_facts(projection: Projection, entity_id: str) -> list[Placement]:
    """Home facts, each weighted by its number of supporting articles."""
    declared = channel_spec().home
    weighted: list[tuple[str, str, float]] = []
    for fact, _ in projection.facts_touching(entity_id, declared.fact,
                                             roles=(declared.entity.edge,)):
        for country in projection.participants(fact.key, declared.country.edge):
            if country.kind == "country":
                weighted.append((country.id, fact.key, float(max(1, len(fact.sources)))))
    total = sum(weight for _, _, weight in weighted)
    return [Placement(projection.bloc_of_country(iso), iso, weight / total, "headquarters",
                      (key,)) for iso, key, weight in weighted]


def _by_reference(projection: Projection, entity_id: str) -> list[Placement]:
    countries = projection.entity(entity_id).reference_countries
    return [Placement(projection.bloc_of_country(iso), iso, 1 / len(countries), "reference")
            for iso in countries]


def _by_property(projection: Projection, entity_id: str) -> list[Placement]:
    iso = projection.entity(entity_id).country
    if not iso:
        return []
    return [Placement(projection.bloc_of_country(iso), iso, 1.0, "property")]
