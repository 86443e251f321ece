"""HEADQUARTERS from the words around an organisation's name (skeleton rules).

News places an organisation with a handful of shapes, each a rule below:
"Paris-based Mistral AI", "Aleph Alpha, the Heidelberg-based company",
"headquartered in Hangzhou", "has moved its headquarters to Singapore",
"the French start-up", "Chinese AI providers Baidu and Zhipu AI",
"Japan's largest banks A, B and C" (a possessive country before a list places
every listed name), "Naura, China's largest chip-equipment maker",
"SiCarrier, a Shenzhen toolmaker", "Galbot (China, humanoid robots)" in deal
lists, "Toronto's Cohere", and resolved descriptions that carry a place
("the Seoul-based chipmaker"). They are regular expressions over the skeleton,
so they run with or without the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from blocgraph.ingest.rules.base import GAP, PAREN, Candidate, Context, asserted, register
from blocgraph.ingest.rules.headquarters_places import (
    HQ_MEMORY,
    ORG_TYPES,
    country_in_name,
    country_of,
    country_of_state,
    demonym_country,
    hq,
    leading_place,
    place_only,
)
from blocgraph.ingest.skeleton import Skeleton, rule

ORG_NOUNS = (
    r"(?:start-?ups?|startups?|compan(?:y|ies)|firms?|groups?|labs?|giants?|providers?"
    r"|\w*makers?|developers?|designers?|suppliers?|funds?|investors?|banks?|ventures?"
    r"|champions?|platforms?|operators?|conglomerates?|ecosystems?|manufacturers?|rivals?"
    r"|lenders?|insurers?|carriers?|institutes?|universit(?:y|ies)|associations?|bod(?:y|ies)"
    r"|organi[sz]ations?|networks?|holdings?|brokers?|utilit(?:y|ies)|telcos?|vendors?"
    r"|foundr(?:y|ies)|players?|peers?|competitors?|outfits?|incumbents?|unicorns?"
    r"|manufacturers?|publishers?|retailers?|automakers?|conglomerates?|champions?)"
)
# A list of organisations that may repeat "the", each with a bracketed short form or
# original spelling: "the A, the B (B2) and the C".
ORG = r"«\d+\|(?:Company|Investor|Organization)~?»"
ORG_LIST = (rf"(?P<orgs>{ORG}(?: \([^()]{{1,40}}\))?(?:(?:,\s+|\s+)(?:and\s+|&\s+)?(?:the\s+)?"
            rf"{ORG}(?: \([^()]{{1,40}}\))?)*)")
# Words of a noun phrase: no preposition, which would start a phrase about someone else.
NP_WORD = r"(?!(?:on|of|to|for|against|from|with|by|in|at|over|into|but)\b)[\w&-]+"
LIST_INTRO = r"(?:,? including|,? such as|,? like|,|:| -| –| —)?"
PLACE = r"(?P<place>(?-i:[A-Z])[\w.'’]*(?:(?:,\s+|\s+)(?-i:[A-Z])[\w.'’]*){0,3})"
BASED_BEFORE = rf"{PLACE}-based (?:[\w&-]+ ){{0,3}}?<orgs:ORG+>"
BASED_BEFORE_LIST = (
    rf"{PLACE}-based (?:{NP_WORD} ){{0,4}}?(?P<noun>{ORG_NOUNS}){LIST_INTRO} (?:the )?{ORG_LIST}"
)
BASED_APPOSITIVE = (
    rf"<org:ORG>{PAREN}, (?:which is )?(?:the|a|an) (?:{NP_WORD} ){{0,2}}?{PLACE}-based"
)
BASED_IN = (
    rf"<org:ORG>(?:,[^.;«]*?,)?{GAP}{{0,30}}?\b(?:is |was |are )?(?:also )?(?:headquartered|based"
    rf"|located|has its (?:seat|headquarters|head office)|has headquarters"
    rf"|(?:has |have |had )?(?:moved|relocated|shifted) (?:its |their |«\d+\|\w+~» )"
    rf"(?:headquarters|head office|base|seat|registered office)) (?:in|to) "
    rf"(?:{PLACE}|<state:GOV>)"
)
DEMONYM_BEFORE = (
    rf"\b(?P<word>(?-i:[A-Z])[\w.]*(?: (?-i:[A-Z])[\w.]*)?)(?:'s)? (?:{NP_WORD} ){{0,3}}?"
    rf"(?P<noun>{ORG_NOUNS})(?: of [\w -]+?,)?{LIST_INTRO} (?:the )?{ORG_LIST}"
)
DEMONYM_APPOSITIVE = (
    rf"<org:ORG>{PAREN}, (?:which is )?(?:the|a|an) (?:{NP_WORD} ){{0,1}}?"
    rf"(?P<word>(?-i:[A-Z])[\w.]*(?: (?-i:[A-Z])[\w.]*)?) (?-i:[a-z])"
)
# "the French Atos": a nationality adjective right before the name.
THE_DEMONYM = r"\bthe (?P<word>(?-i:[A-Z])[\w]*) <org:ORG>"
STATE_POSSESSIVE = r"<state:GOV>(?:'s|’s) <org:ORG>"
STATE_POSSESSIVE_LIST = (
    rf"<state:GOV>(?:'s|’s) (?:{NP_WORD} ){{0,4}}?(?P<noun>{ORG_NOUNS}){LIST_INTRO} "
    rf"(?:the )?{ORG_LIST}"
)
# "Naura, China's largest chip-equipment maker": not "X, China's biggest supplier".
STATE_APPOSITIVE = (
    rf"<org:ORG>{PAREN}, (?:which is |the |a )?<state:GOV>(?:'s|’s) (?P<rest>[a-z][\w -]{{0,60}})"
)
NOT_HOME = re.compile(r"\b(?:suppliers?|customers?|clients?|partners?|buyers?|sellers?|foreign"
                      r"|overseas|investors? in|lenders? to|owners?|largest shareholder)\b")
# "Galbot (China, humanoid robots)": the country in brackets after a name in a list.
BRACKET_COUNTRY = r"<org:ORG> \(<state:GOV>(?:[,;] [^()«]{1,40})?\)"
# "SiCarrier, a Shenzhen toolmaker", "Maritaca AI, of Campinas".
PLACE_APPOSITIVE = (
    r"<org:ORG>(?: \([^()]{1,40}\))?, (?:(?:the|a|an) |of |from )(?P<words>(?-i:[A-Z])[\w.'’-]*"
    r"(?:,? (?-i:[A-Z])[\w.'’-]*){0,3})(?:,? (?-i:[a-z])|[,.(])"
)
# "Toronto's «3|Company»": a place, not a state, as possessive of an organisation.
PLACE_POSSESSIVE = re.compile(rf"{PLACE}(?:'s|’s) «(\d+)\|(?:Company|Investor|Organization)»")
TAG = re.compile(r"«(\d+)\|(\w+)~?»")


def listed_ids(skeleton: Skeleton, listed: str) -> list[str]:
    """The ids of the mentions whose tags appear in a skeleton fragment, in order."""
    return [m.entity_id for i, m in enumerate(skeleton.mentions)
            if m.entity_id and f"«{i}|" in listed]


def word_country(ctx: Context, word: str) -> str | None:
    """A nationality or country word, or its last part ("The South Korean", "South Korean")."""
    for candidate in (word, word.split()[-1], word.split()[0]):
        iso = demonym_country(ctx.gazetteer, candidate) or ctx.gazetteer.country_iso(candidate)
        if iso:
            return iso
    return None


@register("org.headquarters")
def headquarters(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = _based(skeleton, ctx)
    found += _demonyms(skeleton, ctx)
    found += _states(skeleton, ctx)
    found += _places(skeleton, ctx)
    found += _descriptor_cues(skeleton, ctx)
    found += _names(skeleton, ctx)
    return found


def _based(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    sentence = skeleton.sentence
    for match in skeleton.find(BASED_BEFORE):
        iso = country_of(ctx, match.group("place"))
        for org in skeleton.ids(match, "orgs")[:1]:
            found += hq(sentence, ctx, org, iso, "hq.based")
    for match in skeleton.find(BASED_BEFORE_LIST):
        if match.group("noun").lower().endswith("s"):
            iso = country_of(ctx, match.group("place"))
            for org in listed_ids(skeleton, match.group("orgs")):
                found += hq(sentence, ctx, org, iso, "hq.based-list")
    for pattern in (BASED_APPOSITIVE, BASED_IN):
        for match in skeleton.find(pattern):
            orgs = skeleton.ids(match, "org")
            if orgs and asserted(skeleton, match, lead=0):
                state = skeleton.ids(match, "state") if "state" in match.groupdict() else []
                iso = country_of_state(ctx, state[0]) if state else \
                    country_of(ctx, match.group("place") or "")
                found += hq(sentence, ctx, orgs[-1], iso, "hq.in", 0.9)
    return found


def _demonyms(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for match in _overlapping(skeleton, DEMONYM_BEFORE):
        iso = word_country(ctx, match.group("word"))
        listed = match.group("orgs").split("as well as")[0]
        for org in listed_ids(skeleton, listed):
            found += hq(skeleton.sentence, ctx, org, iso, "hq.demonym")
    for pattern in (DEMONYM_APPOSITIVE, THE_DEMONYM):
        for match in skeleton.find(pattern):
            word = match.group("word")
            iso = word_country(ctx, word) if pattern is DEMONYM_APPOSITIVE else \
                demonym_country(ctx.gazetteer, word)
            for org in skeleton.ids(match, "org")[:1]:
                found += hq(skeleton.sentence, ctx, org, iso, "hq.demonym")
    return found


def _overlapping(skeleton: Skeleton, pattern: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one: in "Regulators questioned
    Korean chipmakers A and B" the match from "Regulators" hides the one from "Korean"."""
    compiled = rule(pattern)
    match = compiled.search(skeleton.text)
    while match is not None:
        yield match
        match = compiled.search(skeleton.text, match.start() + 1)


def _states(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"UAE's G42", "Japan's largest banks A, B and C", "A, China's largest maker",
    "Galbot (China, robots)"."""
    found: list[Candidate] = []
    sentence = skeleton.sentence
    for pattern in (STATE_POSSESSIVE, BRACKET_COUNTRY, STATE_APPOSITIVE):
        for match in skeleton.find(pattern):
            state = skeleton.ids(match, "state")
            if not state or (pattern is STATE_APPOSITIVE and NOT_HOME.search(match.group("rest"))):
                continue
            for org in skeleton.ids(match, "org")[:1]:
                found += hq(sentence, ctx, org, country_of_state(ctx, state[0]), "hq.state", 0.8)
    for match in skeleton.find(STATE_POSSESSIVE_LIST):
        state = skeleton.ids(match, "state")
        if state and match.group("noun").lower().endswith("s"):
            for org in listed_ids(skeleton, match.group("orgs")):
                found += hq(sentence, ctx, org, country_of_state(ctx, state[0]), "hq.state-list")
    return found


def _places(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Toronto's Cohere", "SiCarrier, a Shenzhen toolmaker", "X, of Campinas"."""
    found: list[Candidate] = []
    for match in PLACE_POSSESSIVE.finditer(skeleton.text):
        mention = skeleton.mentions[int(match.group(match.lastindex or 0))]
        found += hq(skeleton.sentence, ctx, mention.entity_id, place_only(match.group("place")),
                    "hq.possessive")
    for match in skeleton.find(PLACE_APPOSITIVE):
        for org in skeleton.ids(match, "org")[:1]:
            found += hq(skeleton.sentence, ctx, org, leading_place(ctx, match.group("words")),
                        "hq.place", 0.8)
    return found


def _descriptor_cues(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Resolved descriptions carry place cues: "the Heidelberg-based company", "the Silicon
    Valley venture firm", "the US data company". A description in the sentence that also
    names the entity it resolved to, after it, is someone else ("The Paris-based firm
    bought Nordwind"): it is skipped."""
    found: list[Candidate] = []
    for index, mention in enumerate(skeleton.mentions):
        mods = str(mention.attrs.get("mods", "")) if mention.cue else ""
        if not mods or mention.entity_id is None or mention.cue == "its":
            continue
        if _named_again_later(skeleton, index):
            continue
        based = re.search(r"([A-Z][\w.,' ]*?)-based", mods)
        if based:
            iso = country_of(ctx, based.group(1))
        else:
            iso = leading_place(ctx, mods)
            for word in mods.split():
                iso = iso or demonym_country(ctx.gazetteer, word) or _country_word(ctx, word)
        known = ctx.memory.get(HQ_MEMORY, {}).get(mention.entity_id)
        if known is None or known == iso:  # a clash means the description was someone else
            found += hq(skeleton.sentence, ctx, mention.entity_id, iso, "hq.descriptor")
    return found


def _named_again_later(skeleton: Skeleton, index: int) -> bool:
    """The entity a description resolved to is named further on, not right after it
    ("The Paris-based firm bought Nordwind" but not "the Paris-based firm Nordwind")."""
    entity = skeleton.mentions[index].entity_id
    if appositive_of(skeleton, index):
        return False
    for later in range(index + 1, len(skeleton.mentions)):
        mention = skeleton.mentions[later]
        if mention.entity_id == entity and not mention.cue:
            between = skeleton.text[skeleton.positions[index]: skeleton.positions[later]]
            return re.sub(r"«\d+\|\w+~?»", "", between).strip(" ,") != ""
    return False


def appositive_of(skeleton: Skeleton, index: int) -> bool:
    """The description stands in apposition right after a name of its own entity
    ("DeepL, the Cologne-based company whose DeepL Write ...")."""
    if index == 0:
        return False
    before, mention = skeleton.mentions[index - 1], skeleton.mentions[index]
    between = skeleton.text[skeleton.positions[index - 1]: skeleton.positions[index]]
    return (not before.cue and before.entity_id == mention.entity_id
            and re.fullmatch(r"«\d+\|\w+»(?: \([^()]{1,40}\))?, ", between) is not None)


def _country_word(ctx: Context, word: str) -> str | None:
    return ctx.gazetteer.country_iso(word) if word[:1].isupper() and len(word) > 1 else None


def _names(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Korea Development Bank", "Internet Society of China": the name carries the country.
    A weaker cue than the text's own words, so a lower confidence."""
    found: list[Candidate] = []
    for mention in skeleton.mentions:
        if mention.cue or mention.type not in ORG_TYPES or not mention.entity_id:
            continue
        iso = country_in_name(ctx.gazetteer, mention.text)
        found += hq(skeleton.sentence, ctx, mention.entity_id, iso, "hq.name", 0.7)
    return found
