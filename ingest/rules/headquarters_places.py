"""Shared by the HEADQUARTERS and OWNERSHIP rules: from a place phrase to a country,
and from an (organisation, country) pair to a candidate.

News ties an organisation to a country through a country name, a nationality
adjective ("French"), a city or region ("Heidelberg-based", "a Shenzhen
toolmaker") or the organisation's own name ("Korea Development Bank", "Internet
Society of China"). The places table (schema/places.py) knows cities and
regions; the gazetteer knows countries and demonyms. Governments are states,
not organisations based somewhere, so they never get a HEADQUARTERS fact.
"""

from __future__ import annotations

import re

from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mention_types import Sentence
from blocgraph.ingest.rules.base import Candidate, Context
from blocgraph.schema.places import country_of_place_phrase, load_places

GOVERNMENT = "Government"
ORG_TYPES = frozenset({"Company", "Investor", "Organization"})
# Article memory: organisation id -> country found so far (a state-owned firm's owner).
HQ_MEMORY = "hq.countries"
# "Internet Society of China", "Bank of Korea": the country the name ends with.
NAME_OF_COUNTRY = re.compile(r"\bof (?:the )?(?P<country>[A-Z][\w ]+?)$")
# "ACM Labs (Shanghai)": a place in brackets at the end of a legal name.
NAME_BRACKET = re.compile(r"\((?P<place>[A-Z][\w ]+)\)$")
# Adjectives of regions inside one country ("a Bavarian maker", "the Welsh plant"): the
# gazetteer's demonyms are of countries only. Adjectives shared by regions of several
# countries ("Basque", "Kurdish", "Galician") or with other senses ("English", "Lombard")
# are left out.
REGION_DEMONYMS = {
    "welsh": "GB", "scottish": "GB", "northern irish": "GB",
    "bavarian": "DE", "swabian": "DE", "rhenish": "DE",
    "californian": "US", "texan": "US", "floridian": "US",
    "catalan": "ES", "andalusian": "ES", "madrilenian": "ES",
    "cantonese": "CN", "shanghainese": "CN", "sichuanese": "CN",
    "flemish": "BE", "walloon": "BE", "quebecois": "CA", "québécois": "CA",
    "tuscan": "IT", "sicilian": "IT", "piedmontese": "IT",
    "breton": "FR", "alsatian": "FR", "corsican": "FR",
    "tasmanian": "AU", "queenslander": "AU", "okinawan": "JP",
}
# Words for "the state the text is about" in "the country's largest maker".
HOME_STATE_WORDS = re.compile(r"^(?:the )?(?:country|kingdom|nation|republic|emirate)"
                              r"(?:'s|’s)?$", re.IGNORECASE)


def country_of(ctx: Context, phrase: str) -> str | None:
    """The country a place phrase names: a country or demonym, a city or region, or
    "City, Region" where the region decides ("Covington, Georgia" is in the US:
    a region of the places table outranks the country of the same name)."""
    phrase = phrase.strip().strip(",").strip()
    if not phrase:
        return None
    iso = ctx.gazetteer.country_iso(phrase) or demonym_country(ctx.gazetteer, phrase)
    if iso:
        return iso
    places = load_places()
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) > 1:
        for part in parts:
            place = places.lookup(part)
            if place is not None and not place.ambiguous:
                return place.iso
        region = places.lookup(parts[-1])
        if region is not None and region.kind == "region":
            return region.iso
    found = country_of_place_phrase(phrase, places, ctx.gazetteer.country_iso)
    words = phrase.split()
    if found is None and "," not in phrase and len(words) > 1:
        return country_of(ctx, " ".join(words[1:]))  # "Two Munich-based companies"
    return found


def demonym_country(gazetteer: Gazetteer, word: str) -> str | None:
    """The country of a nationality adjective ("French") or of a region's adjective
    ("Bavarian" -> DE)."""
    return gazetteer.demonym_iso(word) or REGION_DEMONYMS.get(word.strip(" ,").casefold())


def home_country(ctx: Context, sentence: int) -> str | None:
    """The country "the country" or "domestic" means: the state the article is about.
    Each public body counts for its state (a ministry, a capital), and the state the
    article names first (its headline or dateline) weighs more. None when no state
    clearly leads. ``sentence`` is kept for callers that may narrow this to a passage."""
    del sentence
    scores: dict[str, float] = {}
    for rank, record in enumerate(r for r in ctx.resolver.records.values()
                                  if r.type == GOVERNMENT and r.country not in (None, "EU")):
        bonus = 3.0 if rank == 0 else 0.0
        iso = str(record.country)
        scores[iso] = scores.get(iso, 0.0) + record.mentions + bonus
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] < 1.5 * ranked[1]):
        return None  # several states share the article: "the country" is unclear
    return max(scores, key=lambda iso: scores[iso])


def place_only(text: str) -> str | None:
    """The country of an unambiguous city, region or area; None for anything else."""
    place = load_places().lookup(text.strip(" ,"))
    return place.iso if place and not place.ambiguous else None


def leading_place(ctx: Context, words: str) -> str | None:
    """The country of the longest run of capitalised words at the start of ``words``
    that is a place or a nationality: "Silicon Valley venture" -> US."""
    tokens = words.replace(",", " ,").split()
    capitalised: list[str] = []
    for token in tokens:
        if token == "," or token[:1].isupper():
            capitalised.append(token)
        else:
            break
    while capitalised and capitalised[-1] == ",":
        capitalised.pop()
    for size in range(len(capitalised), 0, -1):
        phrase = " ".join(capitalised[:size]).replace(" ,", ",")
        iso = (demonym_country(ctx.gazetteer, phrase) or ctx.gazetteer.country_iso(phrase)
               or place_only(phrase) or _city_region(ctx, phrase))
        if iso:
            return iso
    return None


def _city_region(ctx: Context, phrase: str) -> str | None:
    return country_of(ctx, phrase) if "," in phrase else None


def country_in_name(gazetteer: Gazetteer, name: str) -> str | None:
    """A country the organisation's own name carries: it opens with a country or
    nationality ("Korea Development Bank", "Danish Centre for ...") or ends with
    "of <Country>" or a bracketed place. Regional words ("European") are no country."""
    ended = NAME_OF_COUNTRY.search(name)
    if ended and gazetteer.country_iso(ended.group("country")):
        return gazetteer.country_iso(ended.group("country"))
    bracket = NAME_BRACKET.search(name)
    if bracket:
        iso = gazetteer.country_iso(bracket.group("place")) or place_only(bracket.group("place"))
        if iso:
            return iso
    words = name.split()
    if len(words) < 2:
        return None
    for size in (2, 1):
        head = " ".join(words[:size])
        if len(words) > size:
            iso = gazetteer.country_iso(head) or gazetteer.demonym_iso(head)
            if iso:
                return iso
    return None


def hq(sentence: Sentence, ctx: Context, org: str | None, iso: str | None, rule: str,
       confidence: float = 0.85) -> list[Candidate]:
    """A HEADQUARTERS candidate, if ``org`` is an organisation and ``iso`` a country."""
    if org is None or iso is None or iso == "EU" or ctx.type_of(org) not in ORG_TYPES:
        return []
    ctx.memory.setdefault(HQ_MEMORY, {}).setdefault(org, iso)
    return [Candidate("HEADQUARTERS", {"org": org, "country": iso}, sentence, confidence, rule)]


def state_of(ctx: Context, iso: str | None) -> str | None:
    """The Government entity id of a country, when the article knows that state."""
    if iso is None:
        return None
    gov = ctx.gazetteer.government_id(iso)
    return gov if gov and ctx.type_of(gov) == GOVERNMENT else None


def country_of_state(ctx: Context, state: str) -> str | None:
    known = ctx.gazetteer.entries.get(state)
    return known.country if known else None
