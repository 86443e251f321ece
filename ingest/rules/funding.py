"""FUNDING_ROUND and INVESTMENT: who raised what, and who put money in.

A round often spans sentences ("... led by PSP Investments. Cisco and AMD joined
the round, which valued Cohere at US$5.5 billion."), so the last round of the
article is kept in the context and later sentences that speak of "the round"
add investors, leads and the valuation to it.
"""

from __future__ import annotations

import re
from typing import Any

from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.rules.base import (
    DATE_GAP,
    GAP,
    Candidate,
    Context,
    asserted,
    list_region,
    money_of,
    register,
    sentence_date,
)
from blocgraph.ingest.rules.funding_context import (
    LATER_TRANCHE,
    context_rounds,
    count_names,
    short_leads,
)
from blocgraph.ingest.rules.funding_follow import (
    REACH,
    Participation,
    RoundRef,
    participations,
    so_did,
)
from blocgraph.ingest.rules.funding_frames import RoundFound, hedged_round, rounds_in
from blocgraph.ingest.rules.funding_lists import deal_line
from blocgraph.ingest.rules.investment_frames import InvestmentFound, investments_in
from blocgraph.ingest.rules.investment_stakes import stake_investments
from blocgraph.ingest.rules.parse_args import parsed
from blocgraph.ingest.skeleton import Skeleton

ROUND_NAME = re.compile(
    r"\b(Series [A-H]\d?(?: extension)?|pre-seed|seed|Pre-Series [A-H]|angel)\b"
    r"(?= (?:round|funding|financing|extension)|\b)",
    re.IGNORECASE,
)
RAISE = (
    rf"<company:ORG>{DATE_GAP}{{0,60}}?\b(?:has |have |had )?(?:raised|raises|raising|closed"
    rf"|secured|completed|landed|bagged|announced)\b(?P<rest>[^.;]{{0,240}})"
)
ROUND_MONEY = r"<amount:MONEY>(?:[- ](?:[\w-]+ ){0,3}?)(?:round|funding|financing|raise)"
ROUND_OF = (
    r"(?:round|financing|funding) of (?:more than |over |about |some |nearly |up to )?"
    r"<amount:MONEY>"
)
VALUATION = (
    r"valu(?:ed|ing|ation of|ation)(?:[^«.;]|«\d+\|(?:Company|Investor|Organization)~?»){0,40}?"
    r"<value:MONEY>"
)
LEADS = r"\bled by <leads:ACTOR+>"
PARTICIPANTS = (
    r"(?:with <inv:ACTOR+>(?: also)? (?:taking part|participating|joining)"
    r"|joined by (?:new |existing )?(?:investors? )?(?P<joined>[^.;]+)"
    r"|(?:from|with) (?:investors|backers|funds)(?: that)? (?:including|such as|like|led by)"
    r" <inv2:ACTOR+>"
    r"|(?:other |new |existing )?(?:investors|backers|participants) (?:also )?"
    r"(?:include|included|including|are|were) (?P<others>[^.;]+))"
)
JOINED_ROUND = (
    r"(?P<joiners>[^.;]*?)\b(?:joined|participated in|took part in|also backed|co-led)"
    r" the (?:round|deal|financing)"
)
APPOSITIVE = re.compile(
    r",\s+(?:the|a|an)\s[^,;]*(?:,|$)|\s+(?:that|which|who)\s[^,;]*(?:,|$)|\([^)]*\)"
    r"|\s(?:owned|controlled|run|founded|backed) by\s[^,;]*|\s(?:arm|unit|subsidiary) of\s[^,;]*"
)
TAG = re.compile(r"«(\d+)\|(\w+)~?»")
# A later sentence that speaks of the last round: "Cisco and AMD joined the round".
# "Its investors also include ...": the company's backers, not the last round's.
COMPANY_INVESTORS = re.compile(
    r"(?:«\d+\|\w+~»|'s|’s) (?:\w+ )?(?:investors|backers|shareholders)\b", re.I
)
ROUND_FOLLOW_UP = re.compile(r"\b(?:round|investors|backers|joined by|led by)\b", re.I)
# "completed its $665m purchase of ...": a deal, not a round.
OTHER_DEAL = re.compile(r"\b(?:purchase|acquisition|takeover|buyout|merger|stake)\b", re.I)
INVESTING = frozenset({"Company", "Investor", "Organization", "Government", "Person"})


def _actors_in(skeleton: Skeleton, text: str) -> list[str]:
    """Actors named in a list, without their appositives or possessive modifiers."""
    cleaned = APPOSITIVE.sub(",", text)
    ids: list[str] = []
    for match in TAG.finditer(cleaned):
        mention = skeleton.mentions[int(match.group(1))]
        tail = cleaned[match.end() : match.end() + 2]
        if (mention.type in INVESTING and mention.entity_id and tail not in ("'s", "’s")
                and mention.entity_id not in ids):
            ids.append(mention.entity_id)
    return ids


def _round_amount(skeleton: Skeleton, rest: str) -> tuple[float, str] | None:
    sub = Skeleton(skeleton.sentence, rest, skeleton.mentions, [])
    for pattern in (ROUND_MONEY, ROUND_OF):
        for match in sub.find(pattern):
            if "in total" not in rest[match.end() : match.end() + 12]:
                return money_of(sub, match, "amount")
    for match in re.finditer(r"«(\d+)\|Money»", rest):
        if "in total" in rest[match.end() : match.end() + 12]:
            continue
        value = skeleton.mentions[int(match.group(1))].value
        return float(value.amount), str(value.currency)
    return None


def _valuation(skeleton: Skeleton, text: str) -> float | None:
    sub = Skeleton(skeleton.sentence, text, skeleton.mentions, [])
    for match in sub.find(VALUATION):
        money = money_of(sub, match, "value")
        if money:
            return money[0]
    return None


def _participants(skeleton: Skeleton, text: str) -> tuple[list[str], list[str]]:
    sub = Skeleton(skeleton.sentence, text, skeleton.mentions, [])
    leads: list[str] = []
    for match in sub.find(LEADS):
        named = text[match.start("leads") :].split(" with ")[0].split(", valu")[0]
        leads += _actors_in(skeleton, named)
    investors = list(leads)
    for match in sub.find(PARTICIPANTS):
        for group in ("inv", "inv2", "joined", "others"):
            if match.group(group):
                investors += _actors_in(skeleton, match.group(group))
    return leads, list(dict.fromkeys(investors))


@register("funding.round")
def funding_rounds(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Rounds from the parse (frames), the skeleton rule where there is no parse or the
    parse found no round trigger; then who took part, in this sentence or the ones
    after it."""
    sentence = skeleton.sentence
    count_names(skeleton, ctx)
    listed, stakes = deal_line(skeleton, ctx.memory)
    if listed is not None:
        rounds, triggered = [listed], True
    else:
        rounds, triggered = rounds_in(sentence)
    if not rounds and not triggered and not hedged_round(sentence):
        rounds = _skeleton_rounds(skeleton)
    rounds += [r for r in context_rounds(skeleton, ctx)
               if not any((r.company, r.amount) == (o.company, o.amount) for o in rounds)]
    found = [_round_candidate(skeleton, r) for r in rounds]
    found += [_investment(ctx, skeleton, investor, company, None, 0.75, "investment.deal_line")
              for investor, company in stakes]
    if rounds:
        last = rounds[-1]
        ctx.memory["round"] = RoundRef(last.company, last.amount, last.currency, sentence.index)
    if parsed(sentence) is None:
        found += _extend_last_round(skeleton, ctx)
    else:
        found += _participants_of(skeleton, ctx, rounds)
    return found


def _round_candidate(skeleton: Skeleton, found: RoundFound) -> Candidate:
    fields: dict[str, Any] = {
        "company": found.company, "amount": found.amount, "currency": found.currency,
        "date": None, "valuation": None, "round": None, "investors": [],
        "lead_investors": [], **found.fields}
    fields["investors"] = [i for i in fields["investors"] if i != found.company]
    fields["lead_investors"] = [i for i in fields["lead_investors"] if i != found.company]
    return Candidate("FUNDING_ROUND", fields, skeleton.sentence, found.confidence,
                     "funding.round")


def _skeleton_rounds(skeleton: Skeleton) -> list[RoundFound]:
    """The regex rule: "<company> ... raised <money> ... round"."""
    found = []
    for match in skeleton.find(RAISE):
        rest = match.group("rest")
        company = skeleton.group_mentions(match, "company")[-1]
        money = _round_amount(skeleton, rest)
        if money is None or company.entity_id is None or not asserted(skeleton, match):
            continue
        if _cumulative(rest) or OTHER_DEAL.search(rest):
            continue
        leads, investors = _participants(skeleton, rest)
        found.append(RoundFound(company.entity_id, money[0], money[1], None, {
            "date": sentence_date(skeleton), "valuation": _valuation(skeleton, rest),
            "round": _round_name(skeleton.sentence.text), "investors": investors,
            "lead_investors": leads}))
    return found


def _participants_of(skeleton: Skeleton, ctx: Context,
                     rounds: list[RoundFound]) -> list[Candidate]:
    """Participants named by the parse, attached to this sentence's round or to the
    article's current one."""
    sentence = skeleton.sentence
    current: RoundRef | None = ctx.memory.get("round")
    if current is not None and sentence.index - current.sentence > REACH:
        current = None
    found: list[Candidate] = []
    stated = participations(sentence, rounds)
    if not stated and current is not None and ctx.memory.get("took_part") == sentence.index - 1:
        stated = [Participation(so_did(sentence), [], None)]
    if not stated:
        stated = [Participation(leads, leads, None) for leads in short_leads(skeleton)]
    for part in stated:
        target = part.target
        key = (target.company, target.amount, target.currency) if target else (
            (current.company, current.amount, current.currency) if current else None)
        if key is None or not part.investors:
            continue
        company = key[0]
        own = part.money
        if own is not None and own.value is not None and len(part.investors) == 1:
            # An investor's own amount is an investment of its own; a later extension
            # with its own amount is that only, not a participant of the round.
            money = (float(own.value.amount), str(own.value.currency))
            found.append(_investment(ctx, skeleton, part.investors[0], company, money, 0.75,
                                     "investment.own_amount"))
            if LATER_TRANCHE.search(skeleton.text):
                continue
        if part.earlier:
            found += [_investment(ctx, skeleton, i, company, None, 0.7, "investment.earlier")
                      for i in part.investors if i != company]
        else:
            fields = {"company": company, "amount": key[1], "currency": key[2],
                      "date": None, "valuation": None, "round": None,
                      "investors": _merge([], part.investors + part.leads, company),
                      "lead_investors": _merge([], part.leads, company)}
            found.append(Candidate("FUNDING_ROUND", fields, sentence, 0.8,
                                   "funding.participants"))
        ctx.memory["took_part"] = sentence.index
        if current is not None and target is None:
            current.sentence = sentence.index
    return found


def _cumulative(rest: str) -> bool:
    """"has raised over 500 million euros" with no round in sight is a running total."""
    if re.search(r"\b(?:round|series|seed|funding|financing|from investors)\b", rest, re.I):
        return False
    return bool(re.match(r"\s*(?:over|more than|in total|a total of|some|nearly)\b", rest, re.I))


def _round_name(text: str) -> str | None:
    match = ROUND_NAME.search(text)
    if match is None:
        return None
    name = match.group(1)
    return name[0].upper() + name[1:] if name.lower().startswith("series") else name.lower()


def _extend_last_round(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Without a parse: "Cisco and AMD joined the round", "Other investors include ..."
    add to the last round."""
    last: RoundRef | None = ctx.memory.get("round")
    text = skeleton.text
    if last is None or not ROUND_FOLLOW_UP.search(text) or COMPANY_INVESTORS.search(text):
        return []
    if not is_asserted(re.sub(r"«\d+\|\w+~?»", " X ", text)):
        return []
    leads, investors = _participants(skeleton, text)
    for match in skeleton.find(JOINED_ROUND):
        investors += _actors_in(skeleton, match.group("joiners"))
    if re.search(r"\bThe round is led by|\bThe round was led by", text):
        leads = leads or _actors_in(skeleton, text)
    company = last.company
    fields = {"company": company, "amount": last.amount, "currency": last.currency,
              "date": None, "valuation": _valuation(skeleton, text), "round": None,
              "lead_investors": _merge([], leads, company),
              "investors": _merge([], leads + investors, company)}
    if not fields["investors"] and fields["valuation"] is None:
        return []
    return [Candidate("FUNDING_ROUND", fields, skeleton.sentence, 0.75, "funding.follow_up")]


def _merge(current: list[str], extra: list[str], company: str) -> list[str]:
    return list(dict.fromkeys([*current, *(e for e in extra if e != company)]))


INVEST = (
    rf"<investor:ACTOR>{DATE_GAP}{{0,50}}?\b(?:will |would |agreed to |has agreed to |is to |to )?"
    rf"(?:invest(?:s|ed|ing)?|put(?:s|ting)?|pour(?:s|ed)?|commit(?:s|ted)?|inject(?:s|ed)?)"
    rf"(?: up to| about| a further| another| roughly| some| nearly| more than)? <amount:MONEY>"
    rf"{GAP}{{0,30}}?\b(?:in|into|to) <company:ORG>"
)
INVEST_NO_AMOUNT = (
    rf"<investor:ACTOR>{DATE_GAP}{{0,40}}?\b(?:invested|has invested|took a stake|has taken a stake"
    rf"|bought a stake|acquired a stake|finances|financed|funds|funded|backs|backed)(?! by)"
    rf"(?: [^«.;]{{0,30}}?)? (?:in )?<company:ORG>"
)
BACKED_BY = (
    rf"<company:ORG>{GAP}{{0,30}}?\b(?:backed|funded|financed|bankrolled) by (?P<list>[^.;]+)"
)
BACKERS = (
    r"<company:ORG>(?:'s|’s|, whose|, which counts)?(?: \w+)?"
    r" (?:backers|investors|shareholders|funders)"
    r"(?: also)? (?:include|includes|including|are|were|among) (?P<list>[^.;]+)"
)
RECEIVED_FROM = (
    rf"<company:ORG>{GAP}{{0,60}}?\b(?:received|receives|got|secured|took|has taken|raised)"
    rf" (?:\w+ ){{0,2}}?(?:funding|investment|money|backing|capital|cash)[^«.;]{{0,20}}? from"
    rf" (?:investors |backers )?(?:like |such as |including )?(?P<list>[^.;]+)"
)
EARLY_BACKER = (
    r"<investor:ACTOR>(?:,[^.;]*?,)? (?:is|was|has been|became|remains) (?:an? |the )?(?:\w+ )?"
    r"(?:backer|investor|shareholder) (?:in|of) <company:ORG>"
)


def _investment(ctx: Context, skeleton: Skeleton, investor: str, company: str,
                money: tuple[float, str] | None, confidence: float, rule: str) -> Candidate:
    fields = {"investor": investor, "company": company,
              "amount": money[0] if money else None, "currency": money[1] if money else None,
              "date": sentence_date(skeleton) if money else None}
    return Candidate("INVESTMENT", fields, skeleton.sentence, confidence, rule)


@register("funding.investment")
def investments(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """The parse's investment frames, then the skeleton rules (the only ones without a
    parse); both feed the article merge, so a pair found by both is one fact."""
    found = [_framed_investment(skeleton, f) for f in investments_in(skeleton.sentence)]
    found += [_investment(ctx, skeleton, i, c, money, conf, "investment.stake")
              for i, c, money, conf in stake_investments(skeleton, ctx)]
    for match in skeleton.find(INVEST):
        investor, company = skeleton.ids(match, "investor"), skeleton.ids(match, "company")
        if investor and company and investor[-1] != company[0] and asserted(skeleton, match):
            # A state that commits or puts money in funds (GOVERNMENT_FUNDING); only a
            # state that "invests" makes an investment.
            if ctx.type_of(investor[-1]) == "Government" and not re.search(
                    r"\binvest", match.group(0), re.I):
                continue
            money = money_of(skeleton, match, "amount")
            found.append(_investment(ctx, skeleton, investor[-1], company[0], money, 0.85,
                                     "investment.amount"))
    if found:
        return found
    for pattern in (INVEST_NO_AMOUNT, EARLY_BACKER):
        for match in skeleton.find(pattern):
            investor, company = skeleton.ids(match, "investor"), skeleton.ids(match, "company")
            if investor and company and investor[-1] != company[0] and asserted(skeleton, match):
                found.append(_investment(ctx, skeleton, investor[-1], company[0], None, 0.75,
                                         "investment.plain"))
    return found


def _framed_investment(skeleton: Skeleton, found: InvestmentFound) -> Candidate:
    value = found.money.value if found.money is not None else None
    fields = {"investor": found.investor, "company": found.company,
              "amount": float(value.amount) if value else None,
              "currency": str(value.currency) if value else None, "date": found.date}
    return Candidate("INVESTMENT", fields, skeleton.sentence, found.confidence,
                     "investment.frame")


@register("funding.backers")
def backers(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"backed by Google and Amazon", "Its backers include X and Y"."""
    found = []
    for pattern in (BACKED_BY, BACKERS, RECEIVED_FROM):
        for match in skeleton.find(pattern):
            company = skeleton.ids(match, "company")
            region = list_region(match.group("list"))
            head = skeleton.text[max(0, match.start() - 25) : match.start("list")]
            if not company or not is_asserted(re.sub(r"«\d+\|\w+~?»", " X ", head + region)):
                continue
            public = re.search(r"\b(?:funded|financed)\b", match.group(0), re.I)
            for investor in _actors_in(skeleton, region):
                # A state that funds is GOVERNMENT_FUNDING, not an investment.
                if public and ctx.type_of(investor) == "Government":
                    continue
                if investor != company[-1]:
                    found.append(_investment(ctx, skeleton, investor, company[-1], None, 0.75,
                                             "investment.backers"))
    return found
