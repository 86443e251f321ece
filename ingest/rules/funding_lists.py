"""Deal-list lines: "3. Nordwind (France, robotics) - EUR40m - Series B - lead: Harbour".

Newsletters and deal round-ups state a round as a line of dash-separated fields
rather than a sentence: the company (with a bracketed country and sector), the
amount, the round, "lead:" / "co-leads:" / "investors:" lists (an entry marked
"(lead)"), "valuation $X". No verb, so neither the frames nor the sentence rules
see it. A line about a stake is an investment, not a round; a line about a state
fund, an award or a support package is not a round at all.
"""

from __future__ import annotations

import re
from typing import Any

from blocgraph.ingest.rules.funding_frames import INVESTING, RoundFound, round_name
from blocgraph.ingest.skeleton import Skeleton

LINE = (
    r"^\s*(?:\d+[.)]\s+)?<company:ORG>(?: \([^()]{1,60}\))? [-–—|] <amount:MONEY>"
    r"(?: \([^()]{1,40}\))?(?P<rest>.*)$"
)
HEAD = r"^\s*(?:\d+[.)]\s+)?<company:ORG>(?: \([^()]{1,60}\))? [-–—|]\s*$"
CONTINUED = r"^\s*<amount:MONEY>(?: \([^()]{1,40}\))?(?P<rest>(?: [-–—|] .*)?)$"
SEPARATOR = re.compile(r"\s[-–—|]\s")
LEADS = re.compile(r"^\s*(?:co-?)?leads?(?: investors?)?\s*:\s*(?P<list>.+)$", re.I)
INVESTORS = re.compile(r"^\s*(?:investors?|backers?|participants?)\s*:\s*(?P<list>.+)$", re.I)
VALUATION = re.compile(r"^\s*(?:post-money |pre-money )?valuation:? «(\d+)\|Money»", re.I)
STAKE = re.compile(r"\bstake\b", re.I)
NOT_A_ROUND = re.compile(
    r"\b(?:fund|award|grant|package|loan|subsid\w*|acquisition|takeover|merger|buyout"
    r"|contract|budget|programme|program)\b", re.I)
TAG = re.compile(r"«(\d+)\|(\w+)~?»")


def deal_line(skeleton: Skeleton, memory: dict[str, Any] | None = None
              ) -> tuple[RoundFound | None, list[tuple[str, str]]]:
    """The round a deal-list line states (or None), and (investor, company) pairs of a
    stake line, which is an investment with the line's amount. A line the sentence
    splitter cut after its company ("3. X (India, agents) -") goes on in the next
    sentence, which starts with the amount."""
    head = memory.pop("deal_head", None) if memory is not None else None
    for match in skeleton.find(HEAD):
        company = skeleton.one(match, "company")
        if memory is not None and company is not None and company.entity_id:
            memory["deal_head"] = (company.entity_id, skeleton.sentence.index)
    matches = [(m, skeleton.one(m, "company")) for m in skeleton.find(LINE)]
    lines = [(m, c.entity_id) for m, c in matches if c is not None and c.entity_id]
    if not lines and head is not None and head[1] == skeleton.sentence.index - 1:
        lines = [(m, head[0]) for m in skeleton.find(CONTINUED)]
    for match, own in lines:
        money = skeleton.one(match, "amount")
        if money is None or not money.value:
            continue
        segments = [s.strip(" .") for s in SEPARATOR.split(match.group("rest")) if s.strip()]
        leads: list[str] = []
        investors: list[str] = []
        value: float | None = None
        for segment in segments:
            if (found := LEADS.match(segment)) is not None:
                named = _named(skeleton, found.group("list"))
                leads += named
                investors += named
            elif (found := INVESTORS.match(segment)) is not None:
                for entry in re.split(r";|,| and ", found.group("list")):
                    named = _named(skeleton, entry)
                    investors += named
                    if re.search(r"\(\s*(?:co-?)?lead\s*\)", entry, re.I):
                        leads += named
            elif (found := VALUATION.match(segment)) is not None:
                mention = skeleton.mentions[int(found.group(1))]
                value = float(mention.value.amount) if mention.value else None
        investors = [i for i in dict.fromkeys(investors) if i != own]
        if STAKE.search(match.group("rest")):
            return None, [(i, own) for i in investors]
        if NOT_A_ROUND.search(match.group("rest")):
            return None, []
        name = next((round_name(s) for s in segments if round_name(s)), None)
        if not investors and name is None:
            return None, []
        return RoundFound(own, float(money.value.amount), str(money.value.currency), None, {
            "date": None, "valuation": value, "round": name, "investors": investors,
            "lead_investors": [i for i in dict.fromkeys(leads) if i != own]}, 0.8), []
    return None, []


def _named(skeleton: Skeleton, text: str) -> list[str]:
    ids = []
    for match in TAG.finditer(text):
        mention = skeleton.mentions[int(match.group(1))]
        if mention.type in INVESTING and mention.entity_id:
            ids.append(mention.entity_id)
    return ids
