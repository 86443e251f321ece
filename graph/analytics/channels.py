"""The links behind each dependency channel, weighted and placed in blocs.

A *link* is one thing tying the entity to a counterpart: an investor in one of
its rounds, a funder, the other side of a ban. Each link has a weight (money
in US dollars, or 1 for bans) and the placements of its counterpart
(:func:`blocgraph.graph.analytics.blocs.reach`); a channel's score for a bloc is the
weighted share of its links that land there.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from blocgraph.graph.analytics import blocs
from blocgraph.graph.analytics.blocs import Placement
from blocgraph.graph.analytics.projection import FactRecord, Projection

HOME, CAPITAL, STATE, RESTRICTIONS = "home", "capital", "state", "restrictions"
CHANNELS = (HOME, CAPITAL, STATE, RESTRICTIONS)
LEAD_FACTOR = 1.5
# US dollars per unit: rough 2023-2024 averages, fixed so scores do not move
# with exchange rates. Amounts in other currencies count as unknown.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "CAD": 0.74, "AUD": 0.66,
    "NZD": 0.61, "JPY": 0.0069, "CNY": 0.14, "HKD": 0.128, "TWD": 0.031, "KRW": 0.00074,
    "INR": 0.012, "SGD": 0.74, "AED": 0.272, "SAR": 0.267, "QAR": 0.275, "KWD": 3.25,
    "ILS": 0.27, "SEK": 0.094, "NOK": 0.093, "DKK": 0.145, "PLN": 0.25, "CZK": 0.043,
    "BRL": 0.19, "RUB": 0.011,
}


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


def links(projection: Projection, entity_id: str, channel: str) -> list[Link]:
    """The channel's links for the entity, weights final (unknown amounts imputed)."""
    if channel == HOME:
        return [Link(HOME, None, ())]
    if channel == CAPITAL:
        return weigh(list(_capital_links(projection, entity_id)))
    if channel == STATE:
        return weigh(list(_state_links(projection, entity_id)))
    if channel == RESTRICTIONS:
        return list(_restriction_links(projection, entity_id))
    raise ValueError(f"unknown channel {channel!r}")


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


def _capital_links(projection: Projection, entity_id: str) -> Iterator[Link]:
    for fact, _ in projection.facts_touching(entity_id, "INVESTMENT", roles=("INVESTEE",)):
        usd = to_usd(fact.amount, fact.currency)
        for investor in projection.participants(fact.key, "INVESTOR"):
            if investor.id != entity_id:
                yield Link(CAPITAL, investor.id, (Hop(fact.key, entity_id, investor.id),), usd)
    for fact, _ in projection.facts_touching(entity_id, "FUNDING_ROUND", roles=("RAISED_BY",)):
        yield from _round_links(projection, entity_id, fact)


def _round_links(projection: Projection, entity_id: str, fact: FactRecord) -> Iterator[Link]:
    """A round's amount is shared among its investors, leads counting LEAD_FACTOR times."""
    investors = [p for p in projection.participants(fact.key, "INVESTOR") if p.id != entity_id]
    usd = to_usd(fact.amount, fact.currency)
    parts = sum(LEAD_FACTOR if p.lead else 1.0 for p in investors)
    for investor in investors:
        share = None
        if usd is not None:
            share = usd * (LEAD_FACTOR if investor.lead else 1.0) / parts
        yield Link(CAPITAL, investor.id, (Hop(fact.key, entity_id, investor.id),), share,
                   investor.lead)


def _state_links(projection: Projection, entity_id: str) -> Iterator[Link]:
    for fact, _ in projection.facts_touching(entity_id, "GOVERNMENT_FUNDING",
                                             roles=("RECIPIENT",)):
        usd = to_usd(fact.amount, fact.currency)
        for funder in projection.participants(fact.key, "FUNDER"):
            if funder.id != entity_id:
                yield Link(STATE, funder.id, (Hop(fact.key, entity_id, funder.id),), usd)


def _restriction_links(projection: Projection, entity_id: str) -> Iterator[Link]:
    """Bans naming the entity or one of its products; the other side is the counterpart.

    Acting or targeted, the other side is the target or the actor; when the
    entity (or product) is the ban's subject, both the actor and the target
    are counterparts, each weighing 1. A ban reached both directly and through
    a product counts once per counterpart.
    """
    seen: set[tuple[str, str]] = set()
    for subject, prefix in _self_and_products(projection, entity_id):
        for fact, role in projection.facts_touching(subject, "BAN"):
            for other in _ban_counterparts(projection, fact.key, role):
                if other in (entity_id, subject) or (fact.key, other) in seen:
                    continue
                seen.add((fact.key, other))
                yield Link(RESTRICTIONS, other, (*prefix, Hop(fact.key, subject, other)))


def _self_and_products(projection: Projection,
                       entity_id: str) -> list[tuple[str, tuple[Hop, ...]]]:
    found: list[tuple[str, tuple[Hop, ...]]] = [(entity_id, ())]
    for fact, _ in projection.facts_touching(entity_id, "DEVELOPS", roles=("DEVELOPER",)):
        for product in projection.participants(fact.key, "PRODUCT"):
            if product.id != entity_id:
                found.append((product.id, (Hop(fact.key, entity_id, product.id),)))
    return found


def _ban_counterparts(projection: Projection, key: str, role: str) -> list[str]:
    other_roles = {"ACTOR": ("TARGET",), "TARGET": ("ACTOR",), "SUBJECT": ("ACTOR", "TARGET")}
    return [p.id for other_role in other_roles.get(role, ())
            for p in projection.participants(key, other_role) if p.kind == "entity"]
