"""BAN: an actor bans, blocks, restricts, cuts off or puts export controls on a target."""

from __future__ import annotations

import re

from blocgraph.ingest.mentions import Mention
from blocgraph.ingest.rules.ban_merge import settle
from blocgraph.ingest.rules.base import (
    DATE_GAP,
    GAP,
    Candidate,
    Context,
    asserted,
    date_in,
    register,
    sentence_date,
)
from blocgraph.ingest.skeleton import Skeleton

VERB = (
    r"(?:bann?(?:ed|s)?|block(?:ed|s)?|restrict(?:ed|s)?|cut(?:s|ting)? off|suspend(?:ed|s)?"
    r"|blacklist(?:ed|s)?|prohibit(?:ed|s)?|barr?(?:ed|s)|shut(?:s)? (?:out|off)|sanction(?:ed|s)?"
    r"|tighten(?:ed|s)? (?:its |their |«\d+\|\w+~» )?(?:export )?(?:controls|curbs|restrictions) on"
    r"|impos(?:ed|es) (?:new )?(?:export controls|restrictions|curbs|sanctions|a ban) on"
    r"|(?:put|puts|placed|places) (?:new )?export controls on)"
)
PASSIVE = (
    r"(?:banned|blocked|restricted|suspended|blacklisted|prohibited|barred|sanctioned|cut off)"
)
LIST_TARGET = r"(?:<:REG>|(?:trade |export )?blacklist|Entity List)"

# Between subject and verb news puts little: a possessive head ("the Commerce
# Department's BIS"), an appositive, a relative pronoun, auxiliaries, adverbs, a date,
# or a first coordinated verb phrase ("agreed to strip ... and cut off").
SUBJECT_GAP = (
    r"(?:(?:'s|’s) «\d+\|\w+»)?(?: \([^()]{1,40}\))?(?:,[^,;«]{1,60},)?"
    r"(?:,? (?:which|who|that))?"
    r"(?: (?:has|have|had|will|also|then|now|first|later|recently|already|again|formally"
    r"|effectively|temporarily|officially|quickly|swiftly|\w+ly|on «\d+\|Date»,?|in «\d+\|Date»,?"
    r"|(?:agreed|moved|decided|vowed|pledged|promised|began|started|went on)"
    r" to(?: [^.;:]{0,80}? and)?)){0,4}"
)
ACTIVE = (
    rf"<actor:ACTOR+>(?P<gap>{SUBJECT_GAP}) {VERB}\b(?=(?P<rest>(?:[^.;:]){{0,160}}))"
)
PASSIVE_RULE = (
    rf"<target:ACTOR|PROD>{GAP}{{0,30}}?\b(?:was|were|been|is|are|be|got)\s+(?:\w+ly\s+)?"
    rf"{PASSIVE}\s+by\s+(?:the\s+)?<actor:ACTOR>"
)
RELATIVE = (
    r"<target:ACTOR>, which <actor:ACTOR> (?:added|placed|put) (?:to|on) "
    rf"(?:its |the |a |«\d+\|\w+~» )?{LIST_TARGET}"
)
LISTING = (
    rf"(?:<actor:ACTOR>(?:'s)?{DATE_GAP}{{0,40}}?\s)?(?:added|adds|adding|placed|places|put|puts)"
    rf"\s(?P<rest>[^.;]{{0,160}}?)\s(?:to|on) (?:its |the |a |«\d+\|\w+~» )?{LIST_TARGET}"
)
NOMINAL = (
    r"<actor:ACTOR>(?:'s|(?<=~»)) (?:\w+ ){0,2}?(?:ban|block|restrictions?|curbs?|export controls)"
    r" (?:on [^«.;]{0,40}?)?(?:in|on|against|for|to) <target:ACTOR>"
)
TAG = re.compile(r"«(\d+)\|(\w+)~?»")
PRODUCTS = frozenset({"AIModel", "Hardware"})
LISTED_TYPES = ("Company", "Organization", "Government", "Person", "Investor")
OBJECT_PREPOSITIONS = frozenset({"in", "to", "from", "of", "with", "by", "on", "at", "against"})


def _kept(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A ban needs a named target. Where the sentence has a dependency parse the
    frames of :mod:`.ban_parse` read it more precisely; these rules are the
    fallback without the model."""
    found = [c for c in found if c.sentence.span is None
             or not c.sentence.span.doc.has_annotation("DEP")]
    return [settle(ctx, c) for c in found if c.fields["target"] is not None]


def _ban(
    skeleton: Skeleton, ctx: Context, actor: str, target: str | None, subject: str | None,
    date: str | None, confidence: float, rule: str,
) -> Candidate:
    ctx.memory["ban_actor"] = actor
    return Candidate(
        "BAN", {"actor": actor, "target": target, "subject": subject, "date": date},
        skeleton.sentence, confidence, rule,
    )


PLACE_PREPOSITION = re.compile(r"\b(?:in|to|from|against|on|into)\s+(?:the\s+)?$")
DIRECT_OBJECT = re.compile(
    r"^\s*(?:the\s+)?(?:(?:use|sale|sales|export|exports|access|imports?)\s+(?:of|to)\s+)?"
    r"(?:the\s+)?$"
)


def _rest_participants(
    skeleton: Skeleton, rest: str, actors: list[str]
) -> tuple[str | None, str | None]:
    """The target is the actor after "to/in/from" ("exports of H100 to China"), else the
    first non-possessive actor after the verb; a product named there is the subject."""
    subject = None
    plain: list[str] = []
    placed: list[str] = []
    for match in TAG.finditer(rest):
        mention = skeleton.mentions[int(match.group(1))]
        kind = match.group(2)
        if mention.entity_id is None or mention.entity_id in actors or match.group().endswith("~»"):
            continue
        if kind in PRODUCTS:
            subject = subject or mention.entity_id
        elif kind not in ("Money", "Date", "Person", "Regulation"):
            if rest[match.end() : match.end() + 2] in ("'s", "’s"):
                continue
            if not plain and DIRECT_OBJECT.match(rest[: match.start()]):
                return mention.entity_id, subject or _subject_after(skeleton, rest, match.end())
            if PLACE_PREPOSITION.search(rest[: match.start()]):
                placed.append(mention.entity_id)
            plain.append(mention.entity_id)
    target = placed[0] if placed else (plain[0] if plain else None)
    return target, subject


@register("ban.active")
def active_bans(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = []
    for match in skeleton.find(ACTIVE):
        if not asserted(skeleton, match):
            continue
        actors = _subject_actors(skeleton, match)
        rest = match.group("rest")
        cut = re.search(r",\s+(?:which|who|while|as|but)\b| and (?:\w+ ){0,2}«", rest)
        rest = rest[: cut.start()] if cut else rest
        target, subject = _rest_participants(skeleton, rest, actors)
        if target is None and subject is not None:
            target = _developer_of(ctx, subject)
        date = date_in(skeleton, match.start(), match.end()) or sentence_date(skeleton)
        for actor in actors:
            if ctx.type_of(actor) in PRODUCTS:
                continue
            found.append(_ban(skeleton, ctx, actor, target, subject, date, 0.85, "ban.active"))
    return _kept(ctx, found)


def _subject_after(skeleton: Skeleton, rest: str, start: int) -> str | None:
    for match in TAG.finditer(rest, start):
        if match.group(2) in PRODUCTS:
            return skeleton.mentions[int(match.group(1))].entity_id
    return None


def _subject_actors(skeleton: Skeleton, match: re.Match[str]) -> list[str]:
    """The clause subject; "the Commerce Department's BIS" is BIS. A name right after
    a preposition closes the previous clause ("... in China, and Google imposed")."""
    mentions = skeleton.group_mentions(match, "actor")
    head = skeleton.text[: match.start("actor")].split()
    if len(mentions) > 1 and head and head[-1].lower() in OBJECT_PREPOSITIONS:
        mentions = mentions[1:]
    actors = [m.entity_id for m in mentions if m.entity_id]
    gap = match.group("gap")

    owner = re.match(r"(?:'s|’s) «(\d+)\|(\w+)~?»", gap)
    if owner and owner.group(2) in ("Company", "Investor", "Organization", "Government"):
        found = skeleton.mentions[int(owner.group(1))].entity_id
        return [found] if found else actors
    return actors


def _developer_of(ctx: Context, product: str) -> str | None:
    developers = ctx.memory.get("developers", {})
    if product in developers:
        return str(developers[product])
    known = ctx.gazetteer.entries.get(product)
    if known and known.developer and known.developer in ctx.resolver.records:
        return known.developer
    return None


@register("ban.passive")
def passive_bans(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = []
    for match in skeleton.find(PASSIVE_RULE):
        if not asserted(skeleton, match):
            continue
        actor = skeleton.one(match, "actor")
        target = skeleton.one(match, "target")
        if actor is None or target is None or actor.entity_id is None:
            continue
        subject = None
        target_id = target.entity_id
        if target.type in PRODUCTS and target_id:
            subject, target_id = target_id, _developer_of(ctx, target_id)
        date = sentence_date(skeleton)
        found.append(_ban(skeleton, ctx, actor.entity_id, target_id, subject, date, 0.85,
                          "ban.passive"))
    return _kept(ctx, found)


@register("ban.listing")
def listing_bans(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"added Zhipu to its Entity List"; the actor may be the previous ban's."""
    return _kept(ctx, _relative_listings(skeleton, ctx) or _listings(skeleton, ctx))


def _relative_listings(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Zhipu, which the US added to its Entity List"."""
    found = []
    for match in skeleton.find(RELATIVE):
        actor, target = skeleton.ids(match, "actor"), skeleton.ids(match, "target")
        if actor and target and asserted(skeleton, match):
            found.append(_ban(skeleton, ctx, actor[0], target[0], None,
                              sentence_date(skeleton), 0.85, "ban.relative"))
    return found


def _listings(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = []
    for match in skeleton.find(LISTING):
        if not asserted(skeleton, match):
            continue
        named = skeleton.ids(match, "actor")
        actor: str | None = named[0] if named else ctx.memory.get("ban_actor")
        targets = [m for m in skeleton.group_mentions(match, "rest")
                   if m.entity_id and m.type in LISTED_TYPES]
        date = sentence_date(skeleton)
        for target in _outside_appositives(skeleton, targets):
            if actor and target.entity_id != actor:
                found.append(_ban(skeleton, ctx, actor, target.entity_id, None, date,
                                  0.8, "ban.listing"))
    return found


def _outside_appositives(skeleton: Skeleton, targets: list[Mention]) -> list[Mention]:
    """Drop possessive modifiers ("China's military") from a target list."""
    text = skeleton.text
    kept: list[Mention] = []
    for mention in targets:
        at = skeleton.mentions.index(mention)
        tag_end = text.find("»", text.find(f"«{at}|")) + 1
        if text[tag_end : tag_end + 2] not in ("'s", "’s"):
            kept.append(mention)
    return kept


@register("ban.nominal")
def nominal_bans(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"OpenAI's block on developers in China", "Anthropic's recent ban in China"."""
    found = []
    for match in skeleton.find(NOMINAL):
        actor, target = skeleton.ids(match, "actor"), skeleton.ids(match, "target")
        if actor and target and actor[0] != target[0] and asserted(skeleton, match):
            found.append(_ban(skeleton, ctx, actor[0], target[0], None,
                              sentence_date(skeleton), 0.75, "ban.nominal"))
    return _kept(ctx, found)


# The parse-based frames register after the skeleton rules above.
from blocgraph.ingest.rules import ban_parse  # noqa: E402, F401
