"""INVESTMENT from stakes and shareholders, where no verb of investing is used.

News lists who holds what in a company: "A holds about 6%, and B about 5.5%",
"A, B and C own 10% each", "A took a 2% stake as part of the financing", "A is the
largest shareholder", "A is our largest shareholder". A minority stake is an
investment (a majority one is control, another family's); the company is the
object of "in"/"of" where the sentence names it, else the one the text is about
at that point ("the joint venture in which ... holds 70%. A and B own 10% each"),
and "our" is the first-person company. A second conjunct may leave out the verb
and the company ("A has invested DKK 600m in the centre, and B DKK 100m").
"""

from __future__ import annotations

import re

from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.rules.base import Context
from blocgraph.ingest.rules.funding_context import first_person, recent_company
from blocgraph.ingest.rules.funding_frames import RAISERS
from blocgraph.ingest.skeleton import Skeleton

TARGETS = RAISERS | {"Investor"}
APPROX = (
    r"(?:(?:about|around|roughly|approximately|some|nearly|almost|just over|just under"
    r"|an estimated) )?"
)
PERCENT = r"(?P<share>(?P<pct>\d{1,2}(?:\.\d+)?) ?(?:%|per ?cent|percent))"
HOLD = (
    r"(?:holds?|owns?|held|owned|has|have|had|took|takes?|has taken|have taken|acquired"
    r"|bought|retains?|keeps?)"
)
ACTOR_TAG = r"«\d+\|(?:Company|Investor|Organization|Government)~?»"
# "German groups A and B and Dutch chipmaker C": a list whose names carry descriptions.
HOLDERS = (
    rf"(?P<holder>{ACTOR_TAG}(?:(?:,? and |, |,? as well as )(?:[\w-]+ ){{0,3}}?{ACTOR_TAG})*)"
)
STAKE = (
    rf"{HOLDERS}(?:, [^.;]{{0,80}}?,)? (?:also |now |still |already )?{HOLD} (?:a |an )?"
    rf"{APPROX}{PERCENT}(?: (?:stake|share|interest|holding))?(?: each)?(?P<rest>[^.;]*)"
)
# ", and auto parts supplier B about 5.5%": the verb left out.
GAPPED_STAKE = rf"^,? and (?:[\w-]+ ){{0,4}}?<holder:ACTOR> {APPROX}{PERCENT}"
TARGET = r"^ (?:in|of) (?:the )?<company:ORG>"
SHAREHOLDER = (
    r"<holder:ACTOR+>(?:, [^.;]{0,80}?,|,? (?:[^.;«]|«\d+\|(?:Money|Date)»){0,60}? and)?"
    r" (?:is|was|remains|became|has become|is now)"
    r" (?:now |also |still )?(?P<det>our|the|a|an|«\d+\|\w+~?»(?:'s|’s)?)"
    r" (?:(?:largest|biggest|second-largest|single largest|main|major|minority|strategic)"
    r" )?(?:shareholder|stakeholder)s?\b(?P<rest>[^.;]*)"
)
# "A has invested DKK 600 million in the centre, and B DKK 100 million."
GAPPED_INVEST = (
    rf"<investor:ACTOR> (?:has |had )?(?:invested|put|committed|poured|injected)(?: in)?"
    rf" {APPROX}<amount:MONEY> (?:in|into) (?P<target>[^,;]{{1,60}}), and <other:ACTOR|PER>"
    rf" {APPROX}<amount2:MONEY>\s*\.?$"
)
HOLDER_OF_SHARE = re.compile(
    rf"«(\d+)\|\w+~?»[^.;«]{{0,60}}? {HOLD} (?:a |an )?{APPROX}"
    r"\d{1,2}(?:\.\d+)? ?(?:%|per ?cent)", re.I)
GAPPED_HOLDER = re.compile(
    rf", and (?:[\w-]+ ){{0,4}}?«(\d+)\|\w+~?» {APPROX}\d{{1,2}}(?:\.\d+)? ?(?:%|per ?cent)", re.I)
ENTITY_TAG = re.compile(r"«\d+\|(?!Date|Money)\w+~?»")


def stake_investments(skeleton: Skeleton, ctx: Context) -> list[tuple[str, str, tuple[
        float, str] | None, float]]:
    """(investor, company, money, confidence) for every minority stake or shareholder
    the sentence states."""
    found: list[tuple[str, str, tuple[float, str] | None, float]] = []
    text = skeleton.text
    _note_holders(skeleton, ctx)
    for match in skeleton.find(STAKE):
        if float(match.group("pct")) >= 50 or not _asserted(text[: match.end("pct")]):
            continue
        holders = [i for i in skeleton.ids(match, "holder") if ctx.type_of(i) != "Government"]
        company = _company(skeleton, ctx, match.group("rest"), holders)
        ctx.memory.setdefault("stake_holders", set()).update(holders)
        if company is None:
            continue
        found += [(h, company, None, 0.7) for h in holders if h != company]
        ctx.memory["stake_topic"] = (company, skeleton.sentence.index)
        end = match.end("share") + _after_pct(text, match)
        after = Skeleton(skeleton.sentence, text[end:], skeleton.mentions, [])
        for gap in after.find(GAPPED_STAKE):
            found += [(h, company, None, 0.65) for h in after.ids(gap, "holder")
                      if h != company and float(gap.group("pct")) < 50]
    for match in skeleton.find(SHAREHOLDER):
        if not _asserted(text[: match.start("rest")]):
            continue
        det = match.group("det").lower()
        holders = skeleton.ids(match, "holder")
        if det == "our":
            company = first_person(ctx, skeleton, tuple(holders))
        elif det.startswith("«"):
            owner = skeleton.one(match, "det")
            company = owner.entity_id if owner and owner.type in TARGETS else None
        else:
            company = _company(skeleton, ctx, match.group("rest"), holders)
        if company is not None:
            found += [(h, company, None, 0.7) for h in holders if h != company]
    for match in skeleton.find(GAPPED_INVEST):
        if not _asserted(text[: match.end()]):
            continue
        investors = skeleton.ids(match, "investor") + skeleton.ids(match, "other")
        company = _company(skeleton, ctx, " in " + match.group("target"), investors)
        for group, investor in (("amount", investors[0]), ("amount2", investors[-1])):
            money = skeleton.one(match, group)
            if company and money is not None and money.value is not None:
                found.append((investor, company, (float(money.value.amount),
                                                  str(money.value.currency)), 0.7))
    return found


def _note_holders(skeleton: Skeleton, ctx: Context) -> None:
    """Whoever holds a percentage here, even in words the patterns cannot read ("A
    Semiconductor Solutions, the chip unit of A Group, holds 6%"), is a holder, never
    the company a later stake is in."""
    holders: set[str] = ctx.memory.setdefault("stake_holders", set())
    for match in [*HOLDER_OF_SHARE.finditer(skeleton.text),
                  *GAPPED_HOLDER.finditer(skeleton.text)]:
        mention = skeleton.mentions[int(match.group(1))]
        if mention.entity_id:
            holders.add(mention.entity_id)


def _after_pct(text: str, match: re.Match[str]) -> int:
    """How far the stake's own words run after the percentage ("stake", "each")."""
    tail = re.match(r"(?: (?:stake|share|interest|holding))?(?: each)?",
                    text[match.end("share") :])
    return tail.end() if tail else 0


def _company(skeleton: Skeleton, ctx: Context, rest: str, holders: list[str]) -> str | None:
    """The company named right after the stake ("in X", "of X"), else, where nothing
    follows but a description ("in the centre") or a phrase about the deal, the
    company the text is about here."""
    sub = Skeleton(skeleton.sentence, rest, skeleton.mentions, [])
    for match in sub.find(TARGET):
        company = sub.one(match, "company")
        if company and company.type in TARGETS and company.entity_id:
            return company.entity_id
        return None
    if re.match(r"^ (?:in|of) (?!the\b)", rest) or ENTITY_TAG.match(rest.strip()):
        return None
    return recent_company(ctx, skeleton, [*holders, *ctx.memory.get("stake_holders", ())])


def _asserted(text: str) -> bool:
    return is_asserted(re.sub(r"«\d+\|\w+~?»", " X ", text))
