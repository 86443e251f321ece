"""The links behind each dependency channel, weighted and placed in blocs.

A *link* is one thing tying the entity to a counterpart: an investor in one of
its rounds, a funder, the other side of a restriction. Which facts and fields
give a channel its links is declared in ``channels.yaml``
(:mod:`blocgraph.graph.analytics.channel_spec`); this module only follows the
declarations. Each link has a weight (money in US dollars at the reference
exchange rates, or 1 when the channel has no amounts) and the placements of its
counterpart (:func:`blocgraph.graph.analytics.blocs.reach`); a channel's score
for a bloc is the weighted share of its links that land there.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from blocgraph.graph.analytics import blocs
from blocgraph.graph.analytics.blocs import Placement
from blocgraph.graph.analytics.channel_spec import LinkSpec, channel_spec
from blocgraph.graph.analytics.projection import FactRecord, Participant, Projection
from blocgraph.schema.exchange_rates import load_exchange_rates

LEAD_FACTOR = 1.5
# US dollars per unit, from reference data (fixed 2023-2024 averages, so scores do not
# move with exchange rates). Amounts in other currencies count as unknown.
USD_PER_UNIT = load_exchange_rates()


@dataclass(frozen=True)
class Hop:
    """One fact on a path, and the direction the path crosses it."""

    key: str
    source: str
    target: str


@dataclass(frozen=True)
class Link:
    channel: str
    counterpart: str | None
    hops: tuple[Hop, ...]
    usd: float | None = None
    lead: bool = False
    weight: float = 1.0


def to_usd(amount: float | None, currency: str | None) -> float | None:
    """The amount in US dollars at the fixed table, or None when it cannot be converted."""
    if amount is None or amount <= 0 or currency is None:
        return None
    rate = USD_PER_UNIT.get(currency.upper())
    return amount * rate if rate is not None else None


def channel_names() -> tuple[str, ...]:
    """The declared channels in scoring order (``channels.yaml``)."""
    return channel_spec().names


def links(projection: Projection, entity_id: str, channel: str) -> list[Link]:
    """The channel's links for the entity, weights final (unknown amounts imputed).

    A link without an amount field weighs 1 when no link of the channel has an amount,
    so count-weighted channels (restrictions) go through the same weighing."""
    spec = channel_spec().channel(channel)
    if spec.own_home:
        return [Link(spec.name, None, ())]
    return weigh([link for declared in spec.links
                  for link in _declared_links(projection, entity_id, spec.name, declared)])


def placements(projection: Projection, entity_id: str, link: Link) -> list[Placement]:
    """Where a link lands: the entity's own home for the home channel, else its counterpart's
    reach (state owner first)."""
    if link.counterpart is None:
        return blocs.home(projection, entity_id)
    return blocs.reach(projection, link.counterpart)


def weigh(raw: Sequence[Link]) -> list[Link]:
    """Known amounts count as they are; an unknown one counts as the median known amount
    of the same channel (1 when none is known), times the lead factor for round leads."""
    known = [link.usd for link in raw if link.usd is not None]
    typical = statistics.median(known) if known else 1.0
    return [_with_weight(link, typical) for link in raw]


def _with_weight(link: Link, typical: float) -> Link:
    weight = link.usd if link.usd is not None else typical * (LEAD_FACTOR if link.lead else 1.0)
    return Link(link.channel, link.counterpart, link.hops, link.usd, link.lead, weight)


def _declared_links(projection: Projection, entity_id: str, channel: str,
                    declared: LinkSpec) -> Iterator[Link]:
    """Facts of the declared type naming the entity (or, when declared, a product it
    makes) on one of their anchor sides; each counterpart on the other side is a link.

    The amount of a split fact is shared among its counterparts, leads counting
    LEAD_FACTOR times; a distinct declaration counts each (fact, counterpart) once,
    however often it is reached (directly and through a product)."""
    seen: set[tuple[str, str]] = set()
    subjects = _self_and_products(projection, entity_id) if declared.products else [
        (entity_id, ())]
    for subject, prefix in subjects:
        for fact, role in projection.facts_touching(subject, declared.fact,
                                                    roles=declared.anchor_edges):
            others = []
            for other in _counterparts(projection, fact.key, declared.counterpart_edges(role)):
                if other.id in (entity_id, subject) or (fact.key, other.id) in seen:
                    continue
                if declared.distinct:
                    seen.add((fact.key, other.id))
                others.append(other)
            usd = to_usd(_amount(fact, declared.amount), _currency(fact, declared.currency))
            yield from _fact_links(channel, declared, subject, prefix, fact, others, usd)


def _fact_links(channel: str, declared: LinkSpec, subject: str, prefix: tuple[Hop, ...],
                fact: FactRecord, others: Sequence[Participant],
                usd: float | None) -> Iterator[Link]:
    leads = [declared.leads is not None and other.lead for other in others]
    parts = sum(LEAD_FACTOR if lead else 1.0 for lead in leads)
    for other, lead in zip(others, leads, strict=True):
        share = usd
        if declared.split and usd is not None:
            share = usd * (LEAD_FACTOR if lead else 1.0) / parts
        yield Link(channel, other.id, (*prefix, Hop(fact.key, subject, other.id)), share, lead)


def _counterparts(projection: Projection, key: str,
                  edges: Sequence[str]) -> list[Participant]:
    return [p for edge in edges for p in projection.participants(key, edge)
            if p.kind == "entity"]


def _amount(fact: FactRecord, field: str | None) -> float | None:
    value: Any = fact.attrs.get(field) if field is not None else None
    return float(value) if value is not None else None


def _currency(fact: FactRecord, field: str | None) -> str | None:
    value: Any = fact.attrs.get(field) if field is not None else None
    return str(value) if value is not None else None


def _self_and_products(projection: Projection,
                       entity_id: str) -> list[tuple[str, tuple[Hop, ...]]]:
    """The entity, then every product it makes (declared relation ``makes``)."""
    makes = channel_spec().makes
    found: list[tuple[str, tuple[Hop, ...]]] = [(entity_id, ())]
    for fact, _ in projection.facts_touching(entity_id, makes.fact, roles=(makes.maker.edge,)):
        for product in projection.participants(fact.key, makes.product.edge):
            if product.id != entity_id:
                found.append((product.id, (Hop(fact.key, entity_id, product.id),)))
    return found
