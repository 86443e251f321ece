"""OWNERSHIP from the words around two names (skeleton rules; parse frames are in
ownership_frames.py).

Ownership means control. News states it as a unit ("Amazon's cloud arm AWS",
"X, a subsidiary of Japan's Y", "Inception, the G42 subsidiary", "its chip-design
subsidiary X"), an owner ("X, the Chinese owner of Dutch chipmaker Y", "the
controlling shareholder of"), a passive ("wholly owned by", "majority-owned by",
"owned 85% by"), a hyphen ("Intel-controlled Mobileye") or a state's fund or firm
("Singapore's sovereign wealth fund Temasek", "Temasek, the Singapore state
investor", "Aramco is Saudi Arabia's state oil company", "the Spanish government's
investment vehicle, SETT", "the state-run Korea Development Bank"). A minority
stake is no control: percentages at or below half and "jointly"/"part-" owned are
left out. A state's own fund or firm is also based in that state.
"""

from __future__ import annotations

import re

from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.rules.base import GAP, PAREN, Candidate, Context, asserted, register
from blocgraph.ingest.rules.headquarters import NP_WORD, TAG
from blocgraph.ingest.rules.headquarters_places import (
    GOVERNMENT,
    HOME_STATE_WORDS,
    HQ_MEMORY,
    ORG_TYPES,
    country_in_name,
    country_of_state,
    home_country,
    hq,
    leading_place,
    state_of,
)
from blocgraph.ingest.skeleton import Skeleton

UNIT = r"(?:arm|unit|subsidiary|division|affiliate|branch|offshoot|subsidiaries|units|arms)"
STATE_WORD = (r"(?:state|state-owned|state-run|state-controlled|sovereign|national|public"
              r"|government|government-owned)")
FUND_NOUN = (r"(?:fund|bank|company|firm|investor|group|champion|carrier|operator|giant|lender"
             r"|vehicle|holding|utility|corporation|institution)s?")
# What may stand between "of" and the owner: "Japan's", "Fremont, California-based", words.
OWNER_LEAD = (rf"(?:the )?(?:<:GOV>(?:'s|’s) )?(?:[\w ,.'-]{{0,50}}?-based )?"
              rf"(?:{NP_WORD} ){{0,4}}?(?:{NP_WORD}, )?")
OWNER = r"<owner:ACTOR>(?!'s|’s|-)"
ARM_POSSESSIVE = rf"<owned:ORG>{PAREN}, <owner:ACTOR>(?:'s|’s) (?:[\w-]+ ){{0,3}}?{UNIT}\b"
ARM_OF = (
    rf"<owned:ORG>{PAREN},? (?:which is |is |was |(?:has )?become |is now |remains )?"
    rf"(?:(?:the|a|an) [^«.;()]{{0,80}}? and )?"
    rf"(?:the|a|an) (?:{NP_WORD} ){{0,4}}?(?:{UNIT}|wholly[- ]owned part) of {OWNER_LEAD}{OWNER}"
)
ARM_BEFORE = (
    rf"<owner:ACTOR>(?:'s|’s|(?<=~»)) (?:{NP_WORD} ){{0,3}}?{UNIT},? (?:the )?<owned:ORG+>"
)
COMPOUND_ARM = rf"<owned:ORG>{PAREN}, (?:the|a|an) <owner:ORG> (?:{NP_WORD} )?{UNIT}\b"
OWNER_OF = (
    rf"<owner:ACTOR>{PAREN},? (?:which is |is |was |remains )?(?:the|a|an) (?P<words>(?:{NP_WORD} "
    rf"){{0,3}}?)(?:owner|parent(?: company| group)?|controlling shareholder|majority "
    rf"(?:shareholder|owner)) of (?:[\w -]{{0,40}}? )?<owned:ORG+>"
)
OWNED_BY = (
    rf"<owned:ORG>(?P<gap>(?:,[^.;«]*?,)?{GAP}{{0,40}}?)\b(?:is |was |are )?(?:now )?"
    rf"(?:wholly |majority[- ]|fully |100% )?(?:owned|controlled)(?: (?P<pct>\d+(?:\.\d+)?) ?"
    rf"(?:%|per ?cent))? by (?:the )?(?:<:GOV>(?:'s|’s) (?:[\w-]+ ){{0,4}}?)?(?:{NP_WORD} ){{0,3}}?"
    rf"{OWNER}"
)
OWNS = (
    rf"<owner:ACTOR>(?:,[^.;«]*?,)?\s(?:that |which )?(?:also |still )?(?:wholly |fully )?"
    rf"(?:owns|controls|took control of|is the (?:controlling|majority) shareholder of)"
    rf" (?:the )?(?:{NP_WORD} ){{0,3}}?<owned:ORG+>"
)
PERCENT_HELD = (
    rf"<owned:ORG>{PAREN}, (?:(?:the|a|an) [^«.;]{{0,60}}?|«\d+\|\w+» )\bin which "
    rf"(?:<:GOV>(?:'s|’s) )?{OWNER} "
    rf"(?:holds|owns|has) (?:a |about |around |some )?(?P<pct>\d+(?:\.\d+)?) ?(?:%|per ?cent)"
)
# "X holds a 51% stake in Y", "X owns 60% of Y": control above half (see _controls).
STAKE_HELD = (
    r"<owner:ACTOR>(?:,[^.;«]*?,)?\s(?:now |still |also )?(?:holds|owns|has|controls|held|owned"
    r"|had|took|acquired|bought|retains|keeps)(?: a| an| the)?(?: controlling| majority)?"
    r"(?: stake of)? (?:about |around |some |roughly |nearly |almost |more than |over )?"
    r"(?P<pct>\d+(?:\.\d+)?) ?(?:%|per ?cent)(?: stake| interest| holding| shareholding"
    r"| of the shares| of the equity)?(?: in| of) (?:the )?<owned:ORG>"
)
HYPHEN_OWNED = r"<owner:ACTOR>-(?:owned|controlled) (?P<rest>(?:[\w-]+ ){0,3}?)(?P<owned><:ORG>)?"
STATE_FUND = (
    rf"<owner:GOV>(?:'s|’s)? (?:[\w-]+ ){{0,2}}?{STATE_WORD}\b(?:[\w -]+?)?{FUND_NOUN},? "
    rf"(?:the )?<owned:ORG>"
)
STATE_FUND_APPOSITIVE = (
    rf"<owned:ORG>{PAREN}(?:,| is| was| remains)(?: which is| also)? (?:the |a )?<owner:GOV>"
    rf"(?:'s|’s)? (?:[\w-]+ ){{0,2}}?{STATE_WORD}\b(?:[\w -]+?)?{FUND_NOUN}"
)
# "the Spanish government's technology investment vehicle, SETT".
STATE_VEHICLE = (
    r"<owner:GOV>(?:'s|’s) (?:[\w-]+ ){0,3}?(?:investment|wealth|venture|development)"
    r" (?:vehicle|arm|fund|bank|company|firm|agency)s?,? (?:the )?<owned:ORG>"
)
STATE_NAMED = r"<owner:GOV>(?:'s|’s) <owned:ORG>"
PUBLIC_NAME = re.compile(r"\b(?:Public|National|State|Sovereign|Government)\b.*"
                         r"\b(?:Fund|Investment|Bank|Authority)\b")
STATE_RUN = (r"(?:\b(?:state|government)|«\d+\|Government»)[- ](?:owned|run|controlled) "
             r"(?:[\w-]+ ){0,3}?<owned:ORG>")
UNITS = (
    r"(?:units|subsidiaries|divisions|arms|brands) (?:such as|including|like) (?:the )?"
    r"(?:[\w-]+ ){0,3}?<owned:ORG+>"
)
UNNAMED_PARENT = rf"<owned:ORG>{PAREN}, (?:a|an) wholly[- ]owned (?:subsidiary|unit)\b(?! of)"
NO_CONTROL = re.compile(r"\b(?:jointly|partly|part-owned|minority|co-owned|co-owner|part-owner"
                        r"|former|one-time|previous)\b", re.IGNORECASE)
STATE_PATTERNS = (STATE_FUND, STATE_FUND_APPOSITIVE, STATE_VEHICLE)
# Article memory: organisation id -> index of the last sentence that named it.
NAMED_AT = "ownership.named-at"
# A description whose entity was last named further back than this is not trusted.
FAR = 3


def ownership_candidate(skeleton: Skeleton, owner: str, owned: str, rule: str,
                        confidence: float = 0.8) -> Candidate:
    return Candidate("OWNERSHIP", {"owner": owner, "owned": owned}, skeleton.sentence,
                     confidence, rule)


@register("org.ownership")
def ownership(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    remember_named(skeleton, ctx)
    found: list[Candidate] = []
    patterns = (ARM_POSSESSIVE, ARM_OF, ARM_BEFORE, COMPOUND_ARM, OWNER_OF, OWNED_BY, OWNS,
                PERCENT_HELD, STAKE_HELD, *STATE_PATTERNS)
    for pattern in patterns:
        for match in skeleton.find(pattern):
            if not _controls(skeleton, match, pattern):
                continue
            owners = skeleton.ids(match, "owner")
            for owned in skeleton.group_mentions(match, "owned"):
                target = described(skeleton, ctx, owned)
                if target:
                    found += _owned_by(skeleton, ctx, owners[-1], target, "ownership")
    found += _named_state_funds(skeleton, ctx)
    found += _state_descriptors(skeleton, ctx)
    found += _hyphen_owned(skeleton, ctx)
    found += _units(skeleton, ctx)
    found += _unnamed_parent(skeleton, ctx)
    return found


def described(skeleton: Skeleton, ctx: Context, mention: Mention) -> str | None:
    """The organisation a mention stands for here. A description in apposition right
    after a name is that name ("Alat, the investor wholly owned by PIF": the resolver
    may have tied "the investor" to PIF); one right after a name the extractor did not
    recognise ("EDF, the electricity group"), or whose entity was last named several
    sentences back, is not trusted."""
    if not mention.cue or mention.cue in ("it", "its"):
        return mention.entity_id
    index = next((i for i, m in enumerate(skeleton.mentions) if m is mention), None)
    if index is None:
        return mention.entity_id
    before = skeleton.text[: skeleton.positions[index]]
    named = re.search(r"(?:\(«(\d+)\|(?:Company|Investor|Organization)»\)|«(\d+)\|(?:Company"
                      r"|Investor|Organization)»(?: \([^()]{1,40}\))?), $", before)
    if named:
        head = skeleton.mentions[int(named.group(1) or named.group(2))]
        return head.entity_id if not head.cue else None
    if re.search(r"(?-i:[A-Z])[\w&.'-]*(?: \([^()]{1,40}\))?, $", before):
        return None
    last = ctx.memory.get(NAMED_AT, {}).get(mention.entity_id)
    if last is None or skeleton.sentence.index - last > FAR:
        return None
    return mention.entity_id


def remember_named(skeleton: Skeleton, ctx: Context) -> None:
    """Where each organisation was last named, for :func:`described`."""
    seen = ctx.memory.setdefault(NAMED_AT, {})
    for mention in skeleton.mentions:
        if mention.entity_id and not mention.cue:
            seen[mention.entity_id] = skeleton.sentence.index


def _controls(skeleton: Skeleton, match: re.Match[str], pattern: str) -> bool:
    """The match states control: asserted, not a minority or joint holding, and a
    state's fund phrase in a list describes the name before it ("A, France's public
    bank, B"), not the one after."""
    if not skeleton.ids(match, "owner") or not asserted(skeleton, match, lead=0):
        return False
    if NO_CONTROL.search(match.group(0)):
        return False
    pct = match.groupdict().get("pct")
    if pct is not None and float(pct) <= 50:
        return False
    if pattern is ARM_OF and re.match(rf" (?:[\w-]+ ){{0,4}}?{FUND_NOUN},? (?:the )?«\d+\|"
                                      r"(?:Company|Investor|Organization)»",
                                      skeleton.text[match.end():]):
        return False  # "a unit of the state's oil company, Aramco": ownership_states
    if pattern in (STATE_FUND, STATE_VEHICLE):
        return re.search(r"«\d+\|(?:Company|Investor|Organization)»,\s*(?:the )?$",
                         skeleton.text[: match.start()]) is None
    return True


def _owned_by(skeleton: Skeleton, ctx: Context, owner: str, owned: str, rule: str,
              confidence: float = 0.8) -> list[Candidate]:
    """The fact, and for a state owner the HEADQUARTERS its fund or firm has there."""
    if owner == owned or ctx.type_of(owned) == GOVERNMENT:
        return []
    found = [ownership_candidate(skeleton, owner, owned, rule, confidence)]
    if ctx.type_of(owner) == GOVERNMENT:
        found += hq(skeleton.sentence, ctx, owned, country_of_state(ctx, owner), "hq.state")
    return found


def _named_state_funds(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Saudi Arabia's Public Investment Fund": a state's possessive on a public fund's
    name ("Japan's NTT" gives only HEADQUARTERS); "the state-run Korea Development
    Bank": the state is the one its name or the article places it in."""
    found: list[Candidate] = []
    for match in skeleton.find(STATE_NAMED):
        owned = skeleton.one(match, "owned")
        owner = skeleton.ids(match, "owner")
        if owned and owned.entity_id and owner and PUBLIC_NAME.search(owned.text):
            found += _owned_by(skeleton, ctx, owner[0], owned.entity_id, "ownership.state")
    for match in skeleton.find(STATE_RUN):
        owned = skeleton.one(match, "owned")
        if owned is None or owned.entity_id is None or not asserted(skeleton, match, lead=0):
            continue
        iso = country_in_name(ctx.gazetteer, owned.text) or \
            ctx.memory.get(HQ_MEMORY, {}).get(owned.entity_id)
        state = state_of(ctx, iso)
        if state:
            found += _owned_by(skeleton, ctx, state, owned.entity_id, "ownership.state-run", 0.7)
    return found


def _state_descriptors(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Temasek, the Singapore state investor": a resolved description whose words name
    a country (or "the kingdom's", the article's state) and a state word ("state",
    "sovereign", "state-owned")."""
    found: list[Candidate] = []
    for mention in skeleton.mentions:
        mods = str(mention.attrs.get("mods", "")) if mention.cue else ""
        if not mods or not mention.entity_id or ctx.type_of(mention.entity_id) not in ORG_TYPES:
            continue
        if not re.search(rf"\b{STATE_WORD}\b", mods, re.IGNORECASE):
            continue
        iso = leading_place(ctx, mods)
        if iso is None and HOME_STATE_WORDS.match(mods.split()[0]):
            iso = home_country(ctx, skeleton.sentence.index)  # "the kingdom's fund"
        state = state_of(ctx, iso)
        owned = described(skeleton, ctx, mention)
        if state and owned == mention.entity_id:
            found += _owned_by(skeleton, ctx, state, mention.entity_id, "ownership.state", 0.75)
    return found


def _hyphen_owned(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Intel-controlled Mobileye"; "the Alphabet-owned search giant": with no name
    after it, the owned one is the salient company."""
    found: list[Candidate] = []
    for match in skeleton.find(HYPHEN_OWNED):
        owner_mention = skeleton.one(match, "owner")
        if owner_mention is None or owner_mention.cue:  # "the state-owned fund"
            continue
        owner = skeleton.ids(match, "owner")
        named = skeleton.ids(match, "owned")
        owned = named[0] if named else None
        if owned is None and not match.group("rest"):
            companies = frozenset({"Company"})
            owned = ctx.resolver.previous_subject(skeleton.sentence.index, companies) or \
                ctx.salient(skeleton.sentence.index, companies)
        if owner and owned:
            found += _owned_by(skeleton, ctx, owner[0], owned, "ownership.hyphen")
    return found


def _units(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Alphabet, through units such as Google and DeepMind": the first organisation before."""
    found: list[Candidate] = []
    for match in skeleton.find(UNITS):
        before = skeleton.text[: match.start()]
        owners = [skeleton.mentions[int(i)].entity_id for i, kind in TAG.findall(before)
                  if kind in ("Company", "Investor", "Organization")]
        if owners and owners[0]:
            for owned in skeleton.ids(match, "owned"):
                found += _owned_by(skeleton, ctx, owners[0], owned, "ownership.units")
    return found


def _unnamed_parent(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"X, a wholly owned subsidiary set up last year": the parent is the company the
    article is about, the subject of the sentences before."""
    found: list[Candidate] = []
    for match in skeleton.find(UNNAMED_PARENT):
        owned = skeleton.ids(match, "owned")
        companies = frozenset({"Company"})
        parent = ctx.resolver.previous_subject(skeleton.sentence.index, companies) or \
            ctx.salient(skeleton.sentence.index, companies)
        if owned and parent and asserted(skeleton, match, lead=0):
            found += _owned_by(skeleton, ctx, parent, owned[0], "ownership.unnamed", 0.65)
    return found

