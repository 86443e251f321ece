"""INVESTMENT from the parse: who put money into which company, outside a round.

Verbs: "X invested $Y in Z", "X has backed Z", "Z is funded by X" (the passive
gives the investor as the "by" agent, however long the appositive before it).
Nouns: "X's $Y investment in Z", "the $Y investment by X in Z", "Z secured a $Y
investment from X", "Z was launched with backing from A, B and C". Whether the
subject of the verb that carries the noun gives or receives depends on that verb:
"X made an investment" (the investor), "Z secured an investment" (the company).
States that fund or finance are GOVERNMENT_FUNDING, not this family; a state that
invests is an investment, as the text calls it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from blocgraph.ingest.mention_types import Mention, Sentence
from blocgraph.ingest.rules.frames import Frame, FrameMatch, Slot, match_frames
from blocgraph.ingest.rules.funding_frames import (
    INVESTING,
    RAISERS,
    lead_asserted,
    named_first,
    path_to,
    token_of,
)
from blocgraph.ingest.rules.parse_args import Arguments, is_verbal, parsed, role_tokens

TARGETS = RAISERS | {"Investor"}
INVEST_VERB = Frame(
    "invest-verb", "INVESTMENT", verbs=frozenset({"invest", "back", "co-invest", "coinvest"}),
    slots=(Slot("investor", ("agent",), INVESTING),
           Slot("company", ("prep:in|into", "patient"), TARGETS)),
    required=("investor", "company"), confidence=0.8)
# "funded by" / "financed by": by a state that is public funding, another family's.
FUND_VERB = Frame(
    "fund-verb", "INVESTMENT", verbs=frozenset({"fund", "finance", "bankroll"}),
    slots=(Slot("investor", ("agent",), INVESTING - {"Government"}),
           Slot("company", ("patient",), TARGETS)),
    required=("investor", "company"), confidence=0.75)
INVEST_NOUN = Frame(
    "investment-noun", "INVESTMENT", nouns=frozenset({"investment", "stake", "backing"}),
    slots=(Slot("investor", ("prep:from|by", "agent"), INVESTING),
           Slot("company", ("prep:in|into",), TARGETS)),
    required=("investor",), confidence=0.75)
FRAMES = (INVEST_VERB, FUND_VERB, INVEST_NOUN)
# Verbs whose subject receives the investment the noun names.
RECEIVING = frozenset({"secure", "receive", "get", "land", "win", "attract", "raise", "obtain",
                       "accept", "launch", "start", "found", "set", "create", "draw"})


@dataclass
class InvestmentFound:
    investor: str
    company: str
    money: Mention | None
    date: str | None
    confidence: float


def investments_in(sentence: Sentence) -> list[InvestmentFound]:
    span = parsed(sentence)
    if span is None:
        return []
    args = Arguments(span, sentence.mentions)
    found: list[InvestmentFound] = []
    for match in match_frames(sentence, FRAMES):
        if not lead_asserted(match.trigger):
            continue
        pairs = _pairs(args, match)
        money = _own_money(args, match.trigger)
        for investor, company in pairs:
            if investor != company:
                found.append(InvestmentFound(investor, company, money,
                                             match.date() if money else None,
                                             match.frame.confidence))
    return found


def _pairs(args: Arguments, match: FrameMatch) -> list[tuple[str, str]]:
    # A possessive pronoun ("their stakes") is too often resolved to the wrong actor.
    investors = [m.entity_id for m in named_first(match.fields.get("investor", []))
                 if m.entity_id and not (m.cue == "its" and not is_verbal(match.trigger))]
    companies = match.ids("company")
    trigger = match.trigger
    if not is_verbal(trigger):
        governor = _carrier(trigger)
        by_prep = [m for t in role_tokens(trigger, "prep:from|by") for m in args.of(t)]
        if governor is not None and governor.lemma_.lower() in RECEIVING:
            # "Z secured an investment from X", "Z was launched with backing from X".
            if not by_prep:
                return []
            receivers = [m.entity_id for t in role_tokens(governor, "agent")
                         + role_tokens(governor, "patient") for m in args.of(t)
                         if m.type in TARGETS and m.entity_id]
            companies = receivers[:1] or companies
    # "backed A and B": every listed company; a noun names one investment.
    targets = companies if is_verbal(trigger) else companies[:1]
    return [(i, c) for i in investors for c in targets]


def _carrier(noun: Token) -> Token | None:
    """The verb the noun hangs on: its object ("secured an investment") or, through
    "with", its means ("was launched with backing from ...")."""
    head = noun.head
    if head.dep_ == "prep" and head.lower_ == "with" and is_verbal(head.head):
        return head.head
    if is_verbal(head) and noun.dep_ in ("dobj", "nsubjpass"):
        return head
    return None


def _own_money(args: Arguments, trigger: Token) -> Mention | None:
    """The money of this investment: in the trigger's phrase, not in a clause of its own."""
    for money in sorted(args.money(trigger.subtree), key=lambda m: m.start):
        token = token_of(args, money)
        if token is None:
            continue
        path = path_to(token, trigger)
        if path is None or any(t.dep_ in ("relcl", "advcl", "ccomp", "acl") for t in path):
            continue
        if any(t.lemma_.lower() in ("value", "valuation", "total") for t in path):
            continue
        return money
    return None
