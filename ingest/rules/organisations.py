"""HEADQUARTERS and OWNERSHIP: where an organisation is based, and who controls it.

Place cues come in a few shapes: "Paris-based Mistral AI", "Aleph Alpha, the
Heidelberg-based company", "the French start-up", "Chinese AI providers Baidu
and Zhipu AI", "Toronto's Cohere", "headquartered in Hangzhou". Ownership reads
"Amazon's cloud arm", "the venture capital arm of Bosch", "Alphabet-owned",
"owned by", "that owns" and a state's fund or firm ("Singapore's sovereign
wealth fund Temasek").
"""

from __future__ import annotations

import re

from blocgraph.ingest.rules.base import GAP, PAREN, Candidate, Context, asserted, register
from blocgraph.ingest.skeleton import Skeleton
from blocgraph.schema.places import country_of_place_phrase, load_places

ORG_NOUNS = (
    r"(?:start-?ups?|startups?|compan(?:y|ies)|firms?|groups?|labs?|giants?|providers?|makers?"
    r"|chipmakers?|developers?|designers?|suppliers?|funds?|investors?|banks?|ventures?"
    r"|champions?|platforms?|operators?|conglomerates?|ecosystems?|manufacturers?|rivals?)"
)
PLACE = r"(?P<place>(?-i:[A-Z])[\w.'’]*(?:(?:,\s+|\s+)(?-i:[A-Z])[\w.'’]*){0,3})"
BASED_BEFORE = rf"{PLACE}-based (?:[\w&-]+ ){{0,3}}?<orgs:ORG+>"
BASED_APPOSITIVE = rf"<org:ORG>{PAREN}, (?:the|a|an) (?:[\w&-]+ ){{0,2}}?{PLACE}-based"
BASED_IN = (
    rf"<org:ORG>(?:,[^.;«]*?,)?{GAP}{{0,30}}?\b(?:is |was |are )?(?:also )?(?:headquartered|based"
    rf"|located|has its (?:seat|headquarters|head office)|has headquarters) in {PLACE}"
)
DEMONYM_BEFORE = (
    rf"\b(?P<word>(?-i:[A-Z])[\w.]*)(?:'s)? (?:[\w&-]+ ){{0,3}}?{ORG_NOUNS}(?: of [\w -]+?,)?"
    r" <orgs:ORG+>"
)
DEMONYM_APPOSITIVE = r"<org:ORG>, (?:the|a|an) (?:[\w&-]+ ){0,1}?(?P<word>(?-i:[A-Z])[\w.]*) "
STATE_POSSESSIVE = r"<state:GOV>(?:'s|’s) <org:ORG>"
# "Toronto's «3|Company»": a place, not a state, as possessive of an organisation.
PLACE_POSSESSIVE = re.compile(rf"{PLACE}(?:'s|’s) «(\d+)\|(?:Company|Investor|Organization)»")
TAG = re.compile(r"«(\d+)\|(\w+)~?»")
GOVERNMENT = "Government"


def _country(ctx: Context, phrase: str) -> str | None:
    phrase = phrase.strip().rstrip(",")
    iso = ctx.gazetteer.country_iso(phrase) or ctx.gazetteer.demonym_iso(phrase)
    if iso:
        return iso
    return country_of_place_phrase(phrase, load_places(), ctx.gazetteer.country_iso)


def _hq(
    skeleton: Skeleton, ctx: Context, org: str | None, iso: str | None, rule: str
) -> list[Candidate]:
    if org is None or iso is None or iso == "EU" or ctx.type_of(org) in (GOVERNMENT, None):
        return []
    if ctx.type_of(org) not in ("Company", "Investor", "Organization"):
        return []
    fields = {"org": org, "country": iso}
    return [Candidate("HEADQUARTERS", fields, skeleton.sentence, 0.85, rule)]


@register("org.headquarters")
def headquarters(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for match in skeleton.find(BASED_BEFORE):
        iso = _country(ctx, match.group("place"))
        for org in skeleton.ids(match, "orgs")[:1]:
            found += _hq(skeleton, ctx, org, iso, "hq.based")
    for pattern in (BASED_APPOSITIVE, BASED_IN):
        for match in skeleton.find(pattern):
            orgs = skeleton.ids(match, "org")
            if orgs and asserted(skeleton, match, lead=0):
                found += _hq(skeleton, ctx, orgs[-1], _country(ctx, match.group("place")), "hq.in")
    for pattern in (DEMONYM_BEFORE, DEMONYM_APPOSITIVE):
        for match in skeleton.find(pattern):
            iso = ctx.gazetteer.demonym_iso(match.group("word")) or ctx.gazetteer.country_iso(
                match.group("word")
            )
            group = "orgs" if "orgs" in match.groupdict() else "org"
            listed = match.group(group).split("as well as")[0]
            for listed_org in _listed_ids(skeleton, listed):
                found += _hq(skeleton, ctx, listed_org, iso, "hq.demonym")
    found += _state_possessive(skeleton, ctx)
    found += _descriptor_cues(skeleton, ctx)
    return found


def _listed_ids(skeleton: Skeleton, listed: str) -> list[str | None]:
    """The ids of the mentions whose tags appear in a skeleton fragment."""
    return [m.entity_id for m in skeleton.mentions if f"«{skeleton.mentions.index(m)}|" in listed]


def _state_possessive(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"UAE's G42", "Toronto's Cohere"."""
    found: list[Candidate] = []
    for match in skeleton.find(STATE_POSSESSIVE):
        state = skeleton.one(match, "state")
        org = skeleton.ids(match, "org")
        if state and state.entity_id and org:
            known = ctx.gazetteer.entries.get(state.entity_id)
            found += _hq(skeleton, ctx, org[0], known.country if known else None, "hq.possessive")
    for match in PLACE_POSSESSIVE.finditer(skeleton.text):
        mention = skeleton.mentions[int(match.group(match.lastindex or 0))]
        iso = _place_only(match.group("place"))
        found += _hq(skeleton, ctx, mention.entity_id, iso, "hq.possessive")
    return found


def _place_only(text: str) -> str | None:
    place = load_places().lookup(text)
    return place.iso if place and not place.ambiguous else None


def _descriptor_cues(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Resolved descriptions carry place cues: "the Heidelberg-based company"."""
    found: list[Candidate] = []
    for mention in skeleton.mentions:
        mods = str(mention.attrs.get("mods", "")) if mention.cue else ""
        if not mods or mention.entity_id is None:
            continue
        iso = None
        based = re.search(r"([A-Z][\w.,' ]*?)-based", mods)
        if based:
            iso = _country(ctx, based.group(1))
        else:
            for word in mods.split():
                iso = iso or ctx.gazetteer.demonym_iso(word.strip(",")) or _country_alias(ctx, word)
            iso = iso or _place_only(mods.strip(" ,"))
        found += _hq(skeleton, ctx, mention.entity_id, iso, "hq.descriptor")
    return found


def _country_alias(ctx: Context, word: str) -> str | None:
    return ctx.gazetteer.country_iso(word) if word[:1].isupper() and len(word) > 1 else None


ARM_POSSESSIVE = (
    rf"<owned:ORG>{PAREN}, <owner:ACTOR>(?:'s|’s) (?:[\w-]+ ){{0,3}}?"
    rf"(?:arm|unit|subsidiary|division|affiliate|branch|offshoot)"
)
ARM_OF = (
    rf"<owned:ORG>{PAREN}, (?:the|a|an) (?:[\w-]+ ){{0,4}}?(?:arm|unit|subsidiary|division"
    rf"|affiliate|branch|offshoot|parent) of (?:the )?<owner:ACTOR>"
)
OWNED_BY = (
    rf"<owned:ORG>(?:,[^.;«]*?,)?{GAP}{{0,40}}?\b(?:is |was |are )?(?:wholly |majority[- ]|fully )?"
    rf"(?:owned|controlled) by (?:<:GOV>(?:'s|’s) (?:[\w-]+ ){{0,4}}?)?<owner:ACTOR>"
)
OWNS = (
    r"<owner:ACTOR>(?:,[^.;]*?)?\b(?:that |which )?"
    r"(?:owns|controls|acquired|bought|took control of) (?:the )?<owned:ORG+>"
)
HYPHEN_OWNED = r"<owner:ACTOR>-(?:owned|controlled) "
STATE_FUND = (
    r"<owner:GOV>(?:'s|’s) (?:[\w-]+ ){0,2}?(?:state|state-owned|state-run|sovereign|national"
    r"|public|government|government-owned)\b(?:[\w -]+?)?(?:fund|bank|company|firm|investor|group"
    r"|champion|carrier|operator|giant)s?,? (?:the )?<owned:ORG>"
)
STATE_FUND_APPOSITIVE = (
    r"<owned:ORG>, (?:the )?<owner:GOV>(?:'s|’s) (?:[\w-]+ ){0,2}?(?:state|state-owned|state-run"
    r"|sovereign|national|public|government|government-owned)\b(?:[\w -]+?)?(?:fund|bank|company"
    r"|firm|investor|group)"
)
UNITS = (
    r"(?:units|subsidiaries|divisions|arms|brands) (?:such as|including|like) (?:the )?"
    r"(?:[\w-]+ ){0,3}?<owned:ORG+>"
)


def _ownership(skeleton: Skeleton, owner: str, owned: str, rule: str) -> Candidate:
    return Candidate("OWNERSHIP", {"owner": owner, "owned": owned}, skeleton.sentence, 0.8, rule)


@register("org.ownership")
def ownership(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for pattern in (ARM_POSSESSIVE, ARM_OF, OWNED_BY, OWNS, STATE_FUND, STATE_FUND_APPOSITIVE):
        for match in skeleton.find(pattern):
            owners, owned = skeleton.ids(match, "owner"), skeleton.ids(match, "owned")
            if not owners or not asserted(skeleton, match, lead=0):
                continue
            for target in owned:
                if target != owners[-1]:
                    found.append(_ownership(skeleton, owners[-1], target, "ownership"))
                    if pattern in (STATE_FUND, STATE_FUND_APPOSITIVE):
                        found += _state_home(skeleton, ctx, owners[-1], target)
    found += _hyphen_owned(skeleton, ctx)
    found += _units(skeleton, ctx)
    return found


def _state_home(skeleton: Skeleton, ctx: Context, state: str, owned: str) -> list[Candidate]:
    """A state's own fund or firm ("Singapore's sovereign wealth fund") is based there."""
    known = ctx.gazetteer.entries.get(state)
    return _hq(skeleton, ctx, owned, known.country if known else None, "hq.state")


def _hyphen_owned(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"The Alphabet-owned search giant": the owned one is the salient company."""
    found = []
    for match in skeleton.find(HYPHEN_OWNED):
        owner = skeleton.ids(match, "owner")
        companies = frozenset({"Company"})
        owned = ctx.resolver.previous_subject(skeleton.sentence.index, companies) or ctx.salient(
            skeleton.sentence.index, companies
        )
        if owner and owned and owned != owner[0]:
            found.append(_ownership(skeleton, owner[0], owned, "ownership.hyphen"))
    return found


def _units(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = []
    for match in skeleton.find(UNITS):
        before = skeleton.text[: match.start()]
        owners = [skeleton.mentions[int(i)].entity_id for i, kind in TAG.findall(before)
                  if kind in ("Company", "Investor", "Organization")]
        if owners and owners[0]:
            for owned in skeleton.ids(match, "owned"):
                if owned != owners[0]:
                    found.append(_ownership(skeleton, owners[0], owned, "ownership.units"))
    return found
