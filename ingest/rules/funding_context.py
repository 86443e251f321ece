"""Rounds whose company or amount the sentence leaves to its context.

Interviews and press-release quotes speak of the company in the first person
("Our Series B in January was 165 billion won"); translated reports give the
amount in a clause of its own after the round ("completed its A round financing,
the amount is 5 billion yuan", or "The amount is ..." in the next sentence); deal
summaries name the round with no verb ("A $220m round for X, ..., is one of the
largest seed rounds"). None of these has a verb of raising with the money as its
object, so the frames miss them; these skeleton patterns run with and without the
parse.

The first person ("our", "we", "us") is the company the text is about at that
point: the article's salient company, which in an interview is the interviewee's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from blocgraph.ingest.descriptors import is_description
from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.rules.base import Context, date_in, sentence_date
from blocgraph.ingest.rules.funding_frames import RAISERS, RoundFound, round_name
from blocgraph.ingest.skeleton import Skeleton

TAG = r"«\d+\|\w+~?»"
APPROX = r"(?:(?:about|around|roughly|approximately|some|nearly|almost|close to) )?"
COPULA = (
    r"(?:is|was|totals|totalled|totaled|came to|comes to|amounted to|amounts to|reached"
    r"|stood at)"
)
ROUND_WORDS = (
    r"(?:Series [A-Z]\d?(?: round| financing)?|(?-i:[A-H]\d?) round(?: \w+)? financing"
    r"|(?-i:[A-H]\d?) round|(?:pre-)?seed(?: round| financing)?|round|financing|fundraise)"
)
OWNER = rf"(?P<owner>\bour\b|\btheir\b|{TAG}(?:'s|’s)?)"
# "Our Series B in January was 165 billion won", "Its latest round totalled $40m".
OWNED_COPULA = (
    rf"{OWNER} (?:(?:latest|new|last|first|most recent|\w+-stage|large) )?(?P<name>{ROUND_WORDS})"
    rf"(?: \w+)?(?:,? (?:in |on )?«\d+\|Date»,?)? {COPULA} {APPROX}<amount:MONEY>"
)
# "... completed its A round financing, the amount is 5 billion yuan".
AMOUNT_CLAUSE = (
    rf"{OWNER} (?:(?:latest|new) )?(?P<name>{ROUND_WORDS})[^.;«]{{0,40}}?[,;] (?:and )?"
    rf"(?:the (?:total |financing |round )?amount|the size of the round) {COPULA} {APPROX}"
    r"<amount:MONEY>"
)
# The next sentence: "The amount is 5 billion yuan.", "The round was $40m."
NEXT_AMOUNT = (
    rf"^\s*(?:the (?:total |financing )?amount(?: raised)?|the (?:round|financing|raise)|it)"
    rf" {COPULA} {APPROX}<amount:MONEY>"
)
# "backed the company's $20 million seed round": a round owned by a description.
DESCRIBED_OWNER = (
    rf"(?P<owner>{TAG})(?:'s|’s)? <amount:MONEY> (?:[\w-]+ ){{0,2}}?(?P<name>{ROUND_WORDS})\b"
)
COMPANY_NOUNS = re.compile(
    r"\b(?:company|start-?up|firm|group|lab|developer|maker|business|venture)(?:'s|’s)?$", re.I)
# "A $220m round for X, ...": a deal summary with no verb of raising.
ROUND_FOR = r"\b(?:a|an|the) <amount:MONEY>(?: [\w-]+){0,3}? (?:round|financing) for <company:ORG>"
# "completed its A round financing" with no amount yet: the next sentence may give it.
PENDING = (
    rf"\b(?:closed|completed|announced|finali[sz]ed|wrapped up|secured)"
    rf" (?:the completion of )?{OWNER} (?:\w+ )?(?P<name>{ROUND_WORDS})"
)
VALUATION_AFTER = (
    r"valuation (?:of |reaches |reached |is |was |at )?(?:about |around |roughly )?«(\d+)\|Money»"
)
FIRST_PERSON = frozenset({"our", "their"})
TARGETS = RAISERS | {"Investor"}
PRONOUNS = frozenset({"it", "its", "they", "their", "them", "we", "our", "us"})


@dataclass
class Pending:
    company: str
    name: str | None
    date: str | None
    sentence: int


def count_names(skeleton: Skeleton, ctx: Context) -> None:
    """Keep, for the first person and for stakes with no company named, how often and
    how lately each company (or fund) has been named so far."""
    seen: dict[str, tuple[int, int]] = ctx.memory.setdefault("named_raisers", {})
    for mention in skeleton.mentions:
        if (mention.type in TARGETS and mention.entity_id and mention.text[:1].isupper()
                and mention.text.lower() not in PRONOUNS):
            count, _ = seen.get(mention.entity_id, (0, 0))
            named = 0 if is_description(mention.text) else 1
            seen[mention.entity_id] = (count + named, skeleton.sentence.index)
    by_sentence: dict[int, list[str]] = ctx.memory.setdefault("targets_by_sentence", {})
    by_sentence[skeleton.sentence.index] = list(dict.fromkeys(
        m.entity_id for m in skeleton.mentions if m.type in TARGETS and m.entity_id))


def first_person(ctx: Context, skeleton: Skeleton, exclude: tuple[str, ...] = ()) -> str | None:
    """The company "we" / "our" stand for: the one the article has named most up to
    here (the interviewee's, the issuer of a release), the latest on a tie; never one
    of ``exclude`` (the third party of "X is our largest shareholder")."""
    seen: dict[str, tuple[int, int]] = ctx.memory.get("named_raisers", {})
    named = [e for e in seen if ctx.type_of(e) in RAISERS and seen[e][0] > 0
             and e not in exclude]
    return max(named, key=lambda e: seen[e]) if named else None


def recent_company(ctx: Context, skeleton: Skeleton, exclude: list[str]) -> str | None:
    """The company the sentence before spoke of first (its topic), when this sentence
    does not name it: "... aid for X, the joint venture in which Y holds 70%. A and B
    own 10% each" speaks of X. States and whoever this sentence names are left out."""
    topic: tuple[str, int] | None = ctx.memory.get("stake_topic")
    if topic is not None and skeleton.sentence.index - topic[1] == 1 \
            and topic[0] not in exclude:
        return topic[0]  # a run of stakes in the same company
    named: dict[int, list[str]] = ctx.memory.get("targets_by_sentence", {})
    here = set(named.get(skeleton.sentence.index, []))
    for entity in named.get(skeleton.sentence.index - 1, []):
        if entity not in exclude and entity not in here:
            return entity
    return None


def _owner(ctx: Context, skeleton: Skeleton, match: re.Match[str]) -> str | None:
    owner = match.group("owner").lower()
    if owner in FIRST_PERSON:
        return first_person(ctx, skeleton) if owner == "our" else None
    mention = skeleton.one(match, "owner")
    if mention is None or mention.type not in RAISERS:
        return None
    return mention.entity_id


def context_rounds(skeleton: Skeleton, ctx: Context) -> list[RoundFound]:
    """Rounds of this sentence whose company or amount is stated around the round."""
    found: list[RoundFound] = []
    text = skeleton.text
    for pattern in (OWNED_COPULA, AMOUNT_CLAUSE):
        for match in skeleton.find(pattern):
            company = _owner(ctx, skeleton, match)
            if company and _asserted(text[: match.end()]):
                found.append(_found(skeleton, match, company, match.group("name")))
    pending: Pending | None = ctx.memory.get("pending_round")
    if pending is not None and skeleton.sentence.index - pending.sentence <= 2:
        for match in skeleton.find(NEXT_AMOUNT):
            if _asserted(text[: match.end()]):
                found.append(_found(skeleton, match, pending.company, pending.name,
                                    pending.date))
                ctx.memory.pop("pending_round", None)
    for match in skeleton.find(DESCRIBED_OWNER):
        company = _described_raiser(ctx, skeleton, match)
        if company and _asserted(text[: match.end()]):
            found.append(_found(skeleton, match, company, match.group("name")))
    for match in skeleton.find(ROUND_FOR):
        raiser = skeleton.one(match, "company")
        # No verb of its own: the sentence's verb ("is reportedly under discussion")
        # may hedge it.
        if raiser and raiser.entity_id and _asserted(text):
            found.append(_found(skeleton, match, raiser.entity_id, text))
    if not found and "«" in text:
        _remember_pending(skeleton, ctx)
    return found


def _described_raiser(ctx: Context, skeleton: Skeleton, match: re.Match[str]) -> str | None:
    """The company "the company's" stands for, where its resolution went to an entity
    that cannot raise a round (an investor named just before): the company most named
    in this sentence and the two before it."""
    owner = skeleton.one(match, "owner")
    if owner is None or owner.type in RAISERS or not is_description(owner.text) \
            or not COMPANY_NOUNS.search(owner.text):
        return None
    seen: dict[str, tuple[int, int]] = ctx.memory.get("named_raisers", {})
    index = skeleton.sentence.index
    near = [e for e, (count, last) in seen.items() if index - last <= 2 and count > 0
            and ctx.type_of(e) in RAISERS and e != owner.entity_id]
    return max(near, key=lambda e: seen[e][0]) if near else None


def _found(skeleton: Skeleton, match: re.Match[str], company: str, name: str | None,
           date: str | None = None) -> RoundFound:
    money = skeleton.one(match, "amount")
    assert money is not None and money.value is not None
    rest = skeleton.text[match.end() :]
    value = re.search(VALUATION_AFTER, rest, re.I)
    valuation = None
    if value:
        mention = skeleton.mentions[int(value.group(1))]
        valuation = float(mention.value.amount) if mention.value else None
    return RoundFound(company, float(money.value.amount), str(money.value.currency), None, {
        "date": date_in(skeleton, 0, match.end()) or date or sentence_date(skeleton),
        "valuation": valuation, "round": round_name(name or ""), "investors": [],
        "lead_investors": []}, 0.75)


def _remember_pending(skeleton: Skeleton, ctx: Context) -> None:
    """A round announced without an amount ("closed its Series A round"): the next
    sentences may give the amount."""
    if any(m.type == "Money" for m in skeleton.mentions):
        return
    for match in skeleton.find(PENDING):
        company = _owner(ctx, skeleton, match)
        if company and _asserted(skeleton.text[: match.end()]):
            ctx.memory["pending_round"] = Pending(company, match.group("name"),
                                                  sentence_date(skeleton),
                                                  skeleton.sentence.index)


def _asserted(text: str) -> bool:
    return is_asserted(re.sub(r"«\d+\|\w+~?»", " X ", text))


# "Accel and Creandum co-led.": the tokenizer splits "co-led" and the parse loses
# the subject, so the short sentence is read as text.
SHORT_LEAD = (
    r"^\s*<leads:ACTOR+>,? (?:also |jointly )?co-?led(?: (?:the round|it|the financing"
    r"|the deal))?\s*\.?\s*$"
)
LATER_TRANCHE = re.compile(r"\b(?:extension|top-up|follow-on|second close|tranche)\b", re.I)


def short_leads(skeleton: Skeleton) -> list[list[str]]:
    """The co-leads a "A and B co-led." sentence names."""
    return [ids for match in skeleton.find(SHORT_LEAD)
            if (ids := list(dict.fromkeys(skeleton.ids(match, "leads"))))]
