"""Which public body pays: resolving the state a description stands for, and one
funder per amount across an article.

News names the payer of public money by description as often as by name: "the
state will spend", "the cabinet launched", "Prime Minister X's government
unveiled". The article-wide resolver reads such words as the most salient
government, which in a roundup or a piece about foreign rules is often another
state or an agency. For money, the state meant is the one the text has just
named: a country in the same sentence before the description, else in the
sentences just before it (the item heading of a list, the lead), else the
article's main country.

A headline often gives the state ("Japan pledges ¥732bn") where the body names
its ministry for the same amount ("the industry ministry will grant ¥732bn"):
one payment, paid by the most specific body named. :func:`settle_funder`
keeps one funder per amount and currency in an article, preferring a body of a
state over the state itself.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.ingest.rules.parse_args import Arguments

# How many earlier sentences may name the state a description refers to.
LOOKBACK = 1
# Words naming a state's whole government (not one of its bodies).
WHOLE_STATE = frozenset({"government", "state", "cabinet", "administration", "executive",
                         "centre", "center", "treasury", "country", "nation"})
DESCRIPTION = re.compile(r"^(?:the|its|their|our|it|this|that)\b", re.IGNORECASE)


def is_country(ctx: Context, entity_id: str) -> bool:
    record = ctx.resolver.records.get(entity_id)
    return record is not None and record.type == "Government" \
        and ctx.gazetteer.country_iso(record.name) is not None


def is_description(mention: Mention) -> bool:
    """"the state", "the government", "it": a mention that names no one by itself."""
    return bool(DESCRIPTION.match(mention.text)) or mention.text[:1].islower()


def remember_states(ctx: Context, sentence: Sentence) -> None:
    """Keep the countries each sentence names by name, for descriptions that follow."""
    named = [m.entity_id for m in sentence.mentions if m.type == "Government" and m.entity_id
             and not is_description(m) and is_country(ctx, m.entity_id)]
    recent: list[list[str]] = ctx.memory.setdefault("public_funders.recent", [])
    recent.append(named)
    del recent[:-LOOKBACK - 1]


def described_state(ctx: Context, args: Arguments, token: Token,
                    resolved: str | None = None) -> str | None:
    """The country a state word stands for: one named earlier in the same sentence,
    else in the last sentences, else the country the resolver read it as (``resolved``),
    else the article's most named country."""
    before = [m for m in args.mentions if m.type == "Government" and m.entity_id
              and m.end <= token.idx and not is_description(m) and is_country(ctx, m.entity_id)]
    if before:
        return before[-1].entity_id
    recent: list[list[str]] = ctx.memory.get("public_funders.recent", [])
    # The current sentence is remembered after its rules ran: the list holds earlier ones.
    for named in reversed(recent[-LOOKBACK:]):
        if named:
            return named[-1]
    if resolved is not None and is_country(ctx, resolved):
        return resolved
    countries = [r for r in ctx.resolver.records.values()
                 if r.type == "Government" and ctx.gazetteer.country_iso(r.name)]
    return max(countries, key=lambda r: r.mentions).id if countries else None


def settle_funder(ctx: Context, candidate: Candidate) -> None:
    """One funder per amount in an article: where a state and one of its bodies are both
    given for the same amount, both candidates take the body."""
    amount, currency = candidate.fields.get("amount"), candidate.fields.get("currency")
    if amount is None:
        return
    key = (currency, round(float(amount), -5))
    seen: dict[tuple[object, float], list[Candidate]] = ctx.memory.setdefault(
        "public_funders.by_amount", {})
    earlier = seen.setdefault(key, [])
    earlier.append(candidate)
    funders = {c.fields["funder"] for c in earlier}
    if len(funders) < 2:
        return
    bodies = [f for f in funders if not is_country(ctx, f)]
    states = [f for f in funders if is_country(ctx, f)]
    if len(bodies) != 1 or not states:
        return
    body = ctx.resolver.records[bodies[0]]
    state_isos = {ctx.gazetteer.country_iso(ctx.resolver.records[s].name) for s in states}
    if body.country is not None and body.country not in state_isos:
        return
    for other in earlier:
        other.fields["funder"] = bodies[0]
