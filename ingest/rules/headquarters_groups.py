"""HEADQUARTERS given once for a group of organisations, or through "the country".

News often names several organisations and places them together, in another
sentence or with a word that points at the article's state:

* "Regulators fined A, B and C. All three companies are Chinese." / "Ottawa ordered
  the three Chinese companies to sell": a definite plural points back at the last
  list of names (within a few sentences, and no longer than its number says);
* "The venture counts three Japanese companies as shareholders. A holds 6%, and B
  5%.": an indefinite plural with a number introduces the names of the next sentence;
* "A and B, both based in Shenzhen", "A and B, both Korean firms": the list before;
* "A, the country's largest chipmaker", "domestic chip firms such as A and B":
  the state the article is about just there;
* "A, the UAE research centre behind ...", "A is an independent Danish foundation",
  "A is a Copenhagen-based company": a country, nationality or place as attribute.

Skeleton rules, so they also run without the parser.
"""

from __future__ import annotations

import re

from blocgraph.ingest.mentions import doc_text
from blocgraph.ingest.rules.base import PAREN, Candidate, Context, asserted, register
from blocgraph.ingest.rules.headquarters import (
    LIST_INTRO,
    NOT_HOME,
    NP_WORD,
    ORG_LIST,
    ORG_NOUNS,
    PLACE,
    appositive_of,
    listed_ids,
    word_country,
)
from blocgraph.ingest.rules.headquarters_places import (
    HOME_STATE_WORDS,
    ORG_TYPES,
    country_of,
    country_of_state,
    home_country,
    hq,
)
from blocgraph.ingest.rules.parse_args import sentence_of
from blocgraph.ingest.skeleton import Skeleton, rule

NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "both": 2}
NUM = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
DEFINITE = r"(?:[Tt]he|[Tt]hese|[Tt]hose|[Aa]ll|[Bb]oth|[Aa]ll the|[Aa]ll of the)"
NATION = r"(?P<word>(?-i:[A-Z])[\w]*(?: (?-i:[A-Z])[\w]*)?)"
# No list of names follows: then the names are elsewhere.
NO_LIST = rf"\b(?!{LIST_INTRO} (?:the )?«)(?!\s*\()"
# "the three Chinese companies", "these Korean chipmakers", "all five Japanese firms".
GROUP_NOUN_PHRASE = (
    rf"\b{DEFINITE}(?: (?P<n>{NUM}))? {NATION} (?:{NP_WORD} ){{0,2}}?(?P<noun>{ORG_NOUNS}){NO_LIST}"
)
# "All five companies are Chinese", "The two firms are both based in Shenzhen".
GROUP_PREDICATE = (
    rf"\b{DEFINITE}(?: (?P<n>{NUM}))? (?:{NP_WORD} ){{0,2}}?(?P<noun>{ORG_NOUNS}) (?:are|were) "
    rf"(?:all |both )?(?:{NATION}\b(?!-)|(?:based|headquartered) in {PLACE})"
)
# "counts three Japanese companies as shareholders" (no article before the number).
GROUP_AHEAD = (
    rf"(?<![Tt]he )(?<![Tt]hese )(?<![Aa]ll )\b(?P<n>{NUM}) {NATION} (?:{NP_WORD} ){{0,2}}?"
    rf"(?P<noun>{ORG_NOUNS}){NO_LIST}"
)
# "A and B, both based in Shenzhen", "A and B, both Korean chipmakers".
LIST_BOTH = (
    rf"{ORG_LIST},? (?:both|all|each) (?:(?:based|headquartered|located) in {PLACE}"
    rf"|(?:{NP_WORD} )?{NATION} (?-i:[a-z]))"
)
# "A, the country's largest chip-equipment maker" (not "the country's biggest supplier").
HOME_APPOSITIVE = (
    rf"<org:ORG>{PAREN}, (?:which is )?(?:the |a )?(?:country|nation|kingdom)(?:'s|’s) "
    rf"(?P<rest>[a-z][\w -]{{0,60}})"
)
DOMESTIC_LIST = (
    rf"\b(?:[Dd]omestic|[Hh]ome-grown|[Hh]omegrown) (?:{NP_WORD} ){{0,3}}?(?P<noun>{ORG_NOUNS})"
    rf"{LIST_INTRO} (?:the )?{ORG_LIST}"
)
# "A, the UAE research centre behind B": a state mention used as an adjective.
STATE_ATTRIBUTE = (
    rf"<org:ORG>{PAREN}, (?:which is )?(?:(?:the|a|an) )?<state:GOV>(?!'s|’s|-) "
    rf"(?P<rest>(?:{NP_WORD} ){{0,3}}?(?:{ORG_NOUNS}|cent(?:re|er)s?|agenc(?:y|ies)))\b"
)
COPULA = r"(?:is|was|remains|has been|became)"
# "A is an independent Danish foundation", "A is a Copenhagen-based company".
COPULA_NATION = (
    rf"<org:ORG>{PAREN} {COPULA} (?:the|a|an) (?:{NP_WORD} ){{0,2}}?{NATION} (?-i:[a-z])"
)
COPULA_BASED = rf"<org:ORG>{PAREN} {COPULA} (?:the|a|an) (?:{NP_WORD} ){{0,2}}?{PLACE}-based\b"
LAST_LIST = "hq.group.last-list"
AHEAD = "hq.group.ahead"
LOOKBACK = 3


@register("org.headquarters-groups")
def headquarters_groups(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found = _ahead_from_before(skeleton, ctx)
    found += _groups(skeleton, ctx)
    found += _home(skeleton, ctx)
    found += _attributes(skeleton, ctx)
    found += _home_descriptions(skeleton, ctx)
    found += _remember_list(skeleton, ctx)
    return found


def _named_orgs(skeleton: Skeleton, ctx: Context) -> list[str]:
    """The distinct organisations the sentence names (not descriptions), in order."""
    ids: list[str] = []
    for mention in skeleton.mentions:
        entity = mention.entity_id
        if entity and not mention.cue and ctx.type_of(entity) in ORG_TYPES and entity not in ids:
            ids.append(entity)
    return ids


def _remember_list(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """Keep the sentence's list of names for the sentences after it; a next sentence
    that names no one ("All five companies are Chinese.") reaches no rule, so it is
    read from the document here."""
    named = _named_orgs(skeleton, ctx)
    if len(named) < 2:
        return []
    ctx.memory[LAST_LIST] = (skeleton.sentence.index, named)
    span = skeleton.sentence.span
    if span is None:
        return []
    following = doc_text(span.doc)[span.end_char: span.end_char + 200].lstrip()
    sentence = re.match(r"[^.!?\n]*[.!?]", following)
    match = rule(GROUP_PREDICATE).match(sentence.group(0)) if sentence else None
    if match is None or "«" in match.group(0):
        return []
    iso, count = _group_country(ctx, match), _count(match)
    if count is not None and len(named) > count:
        return []
    found: list[Candidate] = []
    for org in named:
        found += hq(skeleton.sentence, ctx, org, iso, "hq.group", 0.75)
    return found


def _count(match: re.Match[str]) -> int | None:
    number = match.groupdict().get("n")
    if number is None:
        return 2 if match.group(0).lower().startswith("both") else None
    return int(number) if number.isdigit() else NUMBERS.get(number.lower())


def _group_country(ctx: Context, match: re.Match[str]) -> str | None:
    word = match.groupdict().get("word")
    if word:
        return word_country(ctx, word)
    place = match.groupdict().get("place")
    return country_of(ctx, place) if place else None


def _groups(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    index = skeleton.sentence.index
    last = ctx.memory.get(LAST_LIST)
    for pattern in (GROUP_NOUN_PHRASE, GROUP_PREDICATE):
        for match in skeleton.find(pattern):
            iso, count = _group_country(ctx, match), _count(match)
            if iso is None or not match.group("noun").lower().endswith("s"):
                continue
            if last is None or not 0 < index - last[0] <= LOOKBACK:
                continue
            if count is not None and len(last[1]) > count:
                continue
            for org in last[1]:
                found += hq(skeleton.sentence, ctx, org, iso, "hq.group", 0.75)
    for match in skeleton.find(GROUP_AHEAD):
        iso, count = _group_country(ctx, match), _count(match)
        if iso and count and match.group("noun").lower().endswith("s"):
            ctx.memory[AHEAD] = (index, iso, count)
    for match in skeleton.find(LIST_BOTH):
        iso = _group_country(ctx, match)
        for org in listed_ids(skeleton, match.group("orgs")):
            found += hq(skeleton.sentence, ctx, org, iso, "hq.group-both", 0.85)
    return found


def _ahead_from_before(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """The names right after "three Japanese companies ..." in the sentence before."""
    pending = ctx.memory.pop(AHEAD, None)
    span = skeleton.sentence.span
    if span is not None and span.start > 0:
        # The sentence before may name no one and so reach no rule: read it here.
        before = sentence_of(span.doc[span.start - 1]).text
        match = rule(GROUP_AHEAD).search(before) if "«" not in before else None
        pending = None
        if match and match.group("noun").lower().endswith("s"):
            iso, count = _group_country(ctx, match), _count(match)
            pending = (skeleton.sentence.index - 1, iso, count) if iso and count else None
    if pending is None or pending[0] != skeleton.sentence.index - 1:
        return []
    _, iso, count = pending
    named = _named_orgs(skeleton, ctx)
    if not 0 < len(named) <= count:
        return []
    found: list[Candidate] = []
    for org in named:
        found += hq(skeleton.sentence, ctx, org, iso, "hq.group-ahead", 0.7)
    return found


def _home(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"the country's largest maker", "domestic chip firms such as A and B"."""
    found: list[Candidate] = []
    index = skeleton.sentence.index
    for match in skeleton.find(HOME_APPOSITIVE):
        if NOT_HOME.search(match.group("rest")) or not asserted(skeleton, match, lead=0):
            continue
        for org in skeleton.ids(match, "org")[:1]:
            found += hq(skeleton.sentence, ctx, org, home_country(ctx, index), "hq.home", 0.75)
    for match in skeleton.find(DOMESTIC_LIST):
        if match.group("noun").lower().endswith("s"):
            for org in listed_ids(skeleton, match.group("orgs")):
                found += hq(skeleton.sentence, ctx, org, home_country(ctx, index), "hq.home",
                            0.75)
    return found


def _home_descriptions(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """"Tokyo Electron, the country's largest chip-equipment maker" as one resolved
    description: trusted only in apposition to its name."""
    found: list[Candidate] = []
    for mention in skeleton.mentions:
        mods = str(mention.attrs.get("mods", "")) if mention.cue else ""
        if not mods or not HOME_STATE_WORDS.match(mods.split()[0]) or NOT_HOME.search(mods):
            continue
        if mention.text.split()[-1].lower() in ("supplier", "suppliers", "customer", "partner"):
            continue
        if appositive_of(skeleton, skeleton.mentions.index(mention)):
            iso = home_country(ctx, skeleton.sentence.index)
            found += hq(skeleton.sentence, ctx, mention.entity_id, iso, "hq.home", 0.75)
    return found


def _attributes(skeleton: Skeleton, ctx: Context) -> list[Candidate]:
    """A state, nationality or place as an attribute of the organisation."""
    found: list[Candidate] = []
    for match in skeleton.find(STATE_ATTRIBUTE):
        state = skeleton.one(match, "state")
        if state is None or state.cue or state.entity_id is None:
            continue
        if NOT_HOME.search(match.group("rest")) or not asserted(skeleton, match, lead=0):
            continue
        iso = country_of_state(ctx, state.entity_id)
        for org in skeleton.ids(match, "org")[:1]:
            found += hq(skeleton.sentence, ctx, org, iso, "hq.state-attribute", 0.8)
    for pattern in (COPULA_NATION, COPULA_BASED):
        for match in skeleton.find(pattern):
            if not asserted(skeleton, match, lead=0):
                continue
            iso = _group_country(ctx, match)
            for org in skeleton.ids(match, "org")[-1:]:
                found += hq(skeleton.sentence, ctx, org, iso, "hq.copula", 0.8)
    return found
