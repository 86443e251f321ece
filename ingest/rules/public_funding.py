"""GOVERNMENT_FUNDING: a public body funds, subsidises or sets up a funding programme."""

from __future__ import annotations

import re

from blocgraph.ingest.rules.base import (
    GAP,
    Candidate,
    Context,
    asserted,
    money_of,
    register,
    sentence_date,
)
from blocgraph.ingest.rules.government_funding_parse import parse_funding, program_name
from blocgraph.ingest.rules.government_support import remember_payer, support_facts
from blocgraph.ingest.rules.public_funders import remember_states, settle_funder
from blocgraph.ingest.skeleton import Skeleton

RECEIVES = (
    rf"<recipient:ORG>(?:,[^.;]*?,)?{GAP}{{0,40}}?\b(?:will |is to |would )?"
    r"(?:receive|receives|received|get|gets|got|win|wins|won|be awarded|was awarded|is awarded)"
    r"(?: up to| about| some| nearly)?"
    rf" <amount:MONEY> from <funder:GOV>"
)
FUNDS = (
    rf"<funder:GOV>{GAP}{{0,60}}?\b(?:will |would |is to |plans to )?(?:spend|spends|spent|invest"
    rf"|invests|allocate|allocates|allocated|commit|commits|committed|provide|provides|provided"
    rf"|grant|grants|granted|award|awards|awarded|earmark|earmarks|earmarked|pledge|pledged"
    rf"|pledges)(?: up to| about| some| nearly| a further| another)? <amount:MONEY>"
    rf"(?: (?:on|in|for|to|into) (?P<target>[^.;]{{3,80}}))?"
)
INITIATIVE = (
    rf"<funder:GOV>{GAP}{{0,60}}?\b(?:launched|unveiled|announced|set up|created|established"
    rf"|introduced|approved)\b[^«.;]{{0,40}}?(?:initiative|program|programme|plan|fund|scheme"
    rf"|strategy)[^«.;]{{0,60}}?(?:with|of|worth|totalling) <amount:MONEY>"
)
NAMED_PROGRAM = (
    r"(?P<program>(?:the )?(?:(?-i:[A-Z])[\w-]*\s+){1,7}"
    r"(?-i:Strategy|Program|Programme|Initiative|Plan"
    r"|Scheme|Fund|Mission)), an? <amount:MONEY>[- ](?:[\w-]+ ){0,2}?(?:program|programme|fund"
    r"|initiative|scheme|plan|strategy)"
)


def _funding(skeleton: Skeleton, ctx: Context, funder: str | None, recipient: str | None,
             program: str | None, money: tuple[float, str] | None, rule: str) -> list[Candidate]:
    if funder is None or money is None or ctx.type_of(funder) != "Government":
        return []
    fields = {"funder": funder, "recipient": recipient, "program": program,
              "amount": money[0], "currency": money[1], "date": sentence_date(skeleton)}
    return [Candidate("GOVERNMENT_FUNDING", fields, skeleton.sentence, 0.8, rule)]


@register("public_funding")
def public_funding(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    parsed = parse_funding(skeleton, ctx)
    found: list[Candidate] = parsed or []
    program = program_name(skeleton.sentence.text)
    for match in skeleton.find(RECEIVES):
        if asserted(skeleton, match):
            found += _funding(skeleton, ctx, skeleton.ids(match, "funder")[0],
                              skeleton.ids(match, "recipient")[-1], program,
                              money_of(skeleton, match, "amount"), "public.receives")
    # Without a parse, loose windows stand in for it; with one, the amount walk reads
    # these shapes and does not take a relative clause's subject for the funder.
    for pattern in (FUNDS, INITIATIVE) if parsed is None else ():
        for match in skeleton.find(pattern):
            if not asserted(skeleton, match, lead=40):
                continue
            target = match.groupdict().get("target") or ""
            recipients = [m.entity_id for m in skeleton.group_mentions(match, "target")
                          if m.type in ("Company", "Organization")] if target else []
            name = program or _plain_program(target)
            found += _funding(skeleton, ctx, skeleton.ids(match, "funder")[-1],
                              recipients[0] if recipients else None, name,
                              money_of(skeleton, match, "amount"), "public.funds")
    for match in skeleton.find(NAMED_PROGRAM):
        if asserted(skeleton, match, lead=0):
            funder = _funder_near(skeleton, ctx)
            name = re.sub(r"^the ", "", match.group("program")).strip()
            found += _funding(skeleton, ctx, funder, None, name,
                              money_of(skeleton, match, "amount"), "public.program")
    remember_payer(ctx, found)
    found += support_facts(skeleton, ctx)
    for candidate in found:
        settle_funder(ctx, candidate)
    remember_states(ctx, skeleton.sentence)
    return found


def _plain_program(text: str) -> str | None:
    """"on new AI research clusters" -> "AI research clusters"."""
    if not text or "«" in text:
        return None
    words = re.sub(r"^(?:the|a|an|new|its|their)\s+", "", text.strip(), flags=re.I)
    words = re.sub(r"^(?:new)\s+", "", words, flags=re.I)
    return words[:80] or None


def _funder_near(skeleton: Skeleton, ctx: Context) -> str | None:
    for mention in skeleton.mentions:
        if mention.type == "Government" and mention.entity_id:
            return mention.entity_id
    return ctx.main_government()
