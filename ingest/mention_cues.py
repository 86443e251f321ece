"""Surface cues: names found, grown or retyped from the text itself.

The statistical model misses product-like tokens ("H800", "GLM-4") and names
introduced by their kind ("venture capital firm Bpifrance"), and both the model
and the gazetteer ruler cut long names short ("Sheikh Tahnoon bin Zayed Al
Nahyan", "Cisco Investments"). These patterns work with or without the model.
"""

from __future__ import annotations

import re

from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.kind_cues import in_investor_list, kind_from_context
from blocgraph.ingest.mention_types import Mention, Sentence, overlaps
from blocgraph.ingest.name_shapes import bracketed_place_end, is_not_actor
from blocgraph.ingest.product_cues import product_kind, versioned_product
from blocgraph.ingest.typing_cues import type_from_context, type_from_name

# Generic words and section headings that NER sometimes takes for organisations.
STOP_NAMES = frozenset({
    "AI", "API", "APIs", "LLM", "LLMs", "GPU", "GPUs", "CEO", "CFO", "IPO", "ANALYSIS", "IN BRIEF",
    "Media", "Time", "Context", "Analysis", "Policy", "Reuters Staff", "TL;DR", "Keep",
    "Q&A", "LIVE", "OPINION", "UPDATE", "BREAKING", "EXCLUSIVE",
})
# Names the statistical model often misses: "H800", "GLM-4", "DeepSeek-V3", "Command R+".
PRODUCT_TOKEN = re.compile(
    r"\b(?:[A-Z][A-Za-z]*-?\d+[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*\+?"
    r"|[A-Z]{2,}:\d+[A-Za-z0-9]*"  # "XKR:2100i": a series, a colon, a model number
    r"|[A-Z][a-z]+[A-Z][A-Za-z]*-[A-Z0-9][A-Za-z0-9]*)"
)
# "venture capital firm Bpifrance", "start-up Zhipu", "investors such as X"
CUE_NAME = re.compile(
    r"\b(?P<cue>(?:venture(?: capital)? (?:firm|fund|arm)|investment firm|hedge fund|fund"
    r"|start-?up|startup|chipmaker|company|group|firm|lab|developer|investors?|regulator"
    r"|chatbot|model|chip|processor|accelerator))\s+"
    r"(?P<name>(?:[A-Z][\w&.+-]*)(?:\s+(?:[A-Z0-9][\w&.+-]*))*)"
)
# "the Commission", "Commission spokesperson": a public body named by its kind alone.
GENERIC_BODY = re.compile(
    r"(?<![A-Za-z] )\b(Commission|Parliament|Authority|Council"
    r"|Regulator|Guarantor)\b(?! (?:of|for|on) [A-Z])"
)
CHAIN_NAMES = re.compile(
    r"\bthe ([A-Z][\w&-]+(?: [A-Z][\w&-]+)?) and ([A-Z][\w&-]+(?: [A-Z][\w&-]+)?) "
    r"(?:chains|brands|stores|supermarkets|subsidiaries|units|labels)\b"
)
ATTRIBUTIVE = re.compile(r"\s+(?:administration|government|White House|era|campaign)\b")
HONORIFIC = re.compile(r"(?:Sheikh|Sir|Dame|Prince|Princess|King|Dr\.?|Lord|Lady)\s+$")
NAME_TAIL = re.compile(
    r"(?:\s+(?:bin|bint|ibn|al|Al|el|El|de|van|von|der|da|di)?\s*[A-Z][\w'’-]+)+"
)
ORG_TAIL = re.compile(
    r"(?:\s+(?:&\s+)?[A-Z][\w.-]*)*?\s+(?:&\s+)?(?:Investments?|Ventures|Capital|Partners|Research"
    r"|Management|Holdings|Fund|Labs|Cloud|Global)\b"
)
_CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
             r"|April|May|June|July|August|September|October|November|December)\b")
BODY_TAIL = re.compile(
    rf"\s+(?:on|of|for)\s+(?:the\s+)?(?:(?!{_CALENDAR})[A-Z][\w-]*\s*){{1,6}}"
    rf"(?:(?:,\s+|\s*and\s+)(?:(?!{_CALENDAR})[A-Z][\w-]*\s*){{1,3}}){{0,3}}"
)
BODY_WORDS = re.compile(
    r"(?:Committee|Commission|Council|Office|Ministry|Department|Bureau|Institute"
    r"|University|Agency|Authority)$"
)


def attributive_government(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention | None:
    """"the Biden administration" names the state, not the person."""
    if mention.type != "Person" or not ATTRIBUTIVE.match(text, mention.end):
        return None
    known = gazetteer.entries.get(mention.entity_id or "")
    gov = gazetteer.government_id(known.country) if known and known.country else None
    if gov is None:
        return None
    return Mention(mention.start, mention.end, mention.text, "Government", mention.sent,
                   entity_id=gov, source="gazetteer", cue="attributive")


# "US Treasury", "US Space Force", "United States Department of the Treasury": a state's
# name, then the body of that state it heads.
STATE_BODY = re.compile(
    r" (?:[A-Z][\w-]*\s+){0,2}?(?:Treasury|Navy|Army|Air Force|Space Force|Coast Guard"
    r"|Department|Ministry|Agency|Bureau|Office|Commission|Authority|Senate|Congress"
    r"|Parliament|Cabinet)\b(?: (?:of|for) (?:the )?[A-Z][\w-]*(?: (?:and )?[A-Z][\w-]*){0,3})?"
)


def state_body(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention | None:
    """A state's name that runs on into one of its bodies names the body, not the state."""
    known = gazetteer.entries.get(mention.entity_id or "")
    country = gazetteer.reference.countries.get(known.country or "") if known else None
    if country is None or country.gov_id != mention.entity_id:
        return None
    tail = STATE_BODY.match(text, mention.end)
    if tail is None or "\n" in tail.group():
        return None
    return Mention(mention.start, tail.end(), text[mention.start : tail.end()], "Government",
                   mention.sent, source="ner")


def extend_name(mention: Mention, text: str) -> Mention:
    """Grow a name the ruler or NER cut short: "Sheikh Tahnoon bin Zayed Al Nahyan",
    "Cisco Investments", "House Select Committee on the Chinese Communist Party"."""
    end = mention.end
    start = mention.start
    if mention.type == "Person":
        tail = NAME_TAIL.match(text, end)
        end = tail.end() if tail and "\n" not in tail.group() else end
        honorific = HONORIFIC.search(text, max(0, start - 12), start)
        start = honorific.start() if honorific else start
    elif mention.type in ("Company", "Investor"):
        tail = ORG_TAIL.match(text, end)
        if tail and "\n" not in tail.group():
            end = tail.end()
            mention.entity_id = None
            mention.source = "ner"
            mention.type = type_from_name(text[start:end], "ORG") or mention.type
        if bracketed_place_end(text, end) != end and mention.source != "gazetteer":
            end = bracketed_place_end(text, end)
    elif BODY_WORDS.search(mention.text):
        tail = BODY_TAIL.match(text, end)
        if tail and "\n" not in tail.group():
            end = len(text[:tail.end()].rstrip())
            mention.entity_id = None
            mention.source = "ner"
    if (start, end) != (mention.start, mention.end):
        mention.start, mention.end, mention.text = start, end, text[start:end]
    return mention


def surface_mentions(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """Product tokens, bare public bodies, retail chains and cue-introduced names that do
    not overlap a mention already ``found``."""
    taken = [(m.start, m.end) for m in found]
    known = [(m.start, m.end) for m in found if m.source == "gazetteer"]
    mentions = _product_tokens(sentence, taken, known)
    taken = [(m.start, m.end) for m in found
             if not any(m.start < t.end and t.start < m.end for t in mentions)]
    for match in GENERIC_BODY.finditer(sentence.text):
        if _capitalised_before(sentence.text, match.start(1)):
            continue
        start, end = sentence.start + match.start(1), sentence.start + match.end(1)
        if not overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(1), "Government", sentence.index,
                                    source="cue"))
    for match in CHAIN_NAMES.finditer(sentence.text):
        for group in (1, 2):
            start, end = sentence.start + match.start(group), sentence.start + match.end(group)
            if not overlaps(start, end, taken):
                mentions.append(Mention(start, end, match.group(group), "Company", sentence.index,
                                        source="cue"))
    mentions += _cue_names(sentence, taken + [(m.start, m.end) for m in mentions])
    mentions += _worded_products(sentence, taken + [(m.start, m.end) for m in mentions])
    return mentions


# One to three capitalised words; a people or language word ("Chinese", "Nordic",
# "European") before "models" describes models, it does not name them.
CAPITALISED_RUN = re.compile(r"(?<![\w.-])[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}")
PEOPLE_WORD = re.compile(r"(?:an|ese|ish|ic|i)$")


def _worded_products(sentence: Sentence, taken: list[tuple[int, int]]) -> list[Mention]:
    """Products the phrasing names ("the Quorin family of models", "AI agent Quorin"),
    for text the model did not mark; works without the model."""
    mentions = []
    text = sentence.text
    for match in CAPITALISED_RUN.finditer(text):
        at, stop = match.start(), match.end()
        opener = LEADING_DETERMINER.match(match.group())
        if opener is not None:  # "Its Orrin 2 chip": the run after the determiner
            at += opener.end()
        name = text[at:stop]
        start, end = sentence.start + at, sentence.start + stop
        if (not name or (at == 0 and not _shouted(name)) or name in STOP_NAMES
                or overlaps(start, end, taken) or is_not_actor(name)
                or any(PEOPLE_WORD.search(word) for word in name.split())
                or re.search(r"-[a-z]", name)):  # "Lisbon-based", "Arabic-language"
            continue
        version = versioned_product(text, at, stop, "")
        if version is not None:  # "its Orrin 2 processor": the version is part of the name
            stop, kind = version
            name, end = text[at:stop], sentence.start + stop
        else:
            kind = product_kind(text, at, stop) or ""
        if kind:
            mentions.append(Mention(start, end, name, kind, sentence.index, source="cue"))
    return mentions


# A possessive or article that opens a capitalised run only because it opens the sentence.
LEADING_DETERMINER = re.compile(r"^(?:Its|Their|Our|His|Her|The|This|These)\b ?")


def _shouted(name: str) -> bool:
    """"ORRIN, our next chip": a word in capitals is a name wherever it stands, while a
    capitalised first word of a sentence may be any word."""
    return len(name) >= 3 and name.isupper() and name.isalpha()


# "the Vexa XKR:2100i": an unknown capitalised series word before the model token.
SERIES_BEFORE = re.compile(r"\b(?i:the|its|their|our)\s+(?P<word>[A-Z][a-z]{2,})\s+$")
# "Kestrel-2 FabricLink switches": a camel-case product word continuing the token, before
# the lower-case head; a further capitalised word means a longer name it may not own.
CAMEL_AFTER = re.compile(r"\s+(?P<word>[A-Z][a-z]+[A-Z][A-Za-z]*)(?=\s+[a-z])")


def _product_tokens(sentence: Sentence, taken: list[tuple[int, int]],
                    known: list[tuple[int, int]]) -> list[Mention]:
    """Product-like tokens, grown by a series word before or a camel-case word after
    when neither is a name the gazetteer knows."""
    mentions: list[Mention] = []
    text = sentence.text
    for match in PRODUCT_TOKEN.finditer(text):
        at, stop = match.start(), match.end()
        start, end = sentence.start + at, sentence.start + stop
        if (overlaps(start, end, taken) or _looks_like_code(match.group())
                or match.group() in STOP_NAMES):
            continue
        kind = _token_kind(text, at, stop)
        listed = next((m for m in mentions if text[m.end - sentence.start : at]
                       in (" and ", ", ", " or ")), None)
        if listed is not None:
            kind = listed.type  # "the XKR:2100i and XKR:2200i": one kind for the list
        if not kind:
            continue
        series = SERIES_BEFORE.search(text, 0, at)
        if (series and series.group("word") not in STOP_NAMES
                and not overlaps(sentence.start + series.start("word"), start, taken)):
            at = series.start("word")
        camel = CAMEL_AFTER.match(text, stop)
        if camel and not overlaps(end, sentence.start + camel.end(), known):
            stop = camel.end()
        mentions.append(Mention(sentence.start + at, sentence.start + stop, text[at:stop], kind,
                                sentence.index, source="pattern"))
    return mentions


def _token_kind(text: str, start: int, end: int) -> str | None:
    """A product-like token's type: what an appositive or the phrasing says ("Orbit9,
    the venture arm of Acme"; "its Orbit9 chips"), a round's backer list, else the
    nearby words."""
    said = kind_from_context(text, start, end)
    if said in ("Company", "Investor", "Organization", "AIModel", "Hardware"):
        return said
    said = product_kind(text, start, end)
    if said is not None:
        return said
    if in_investor_list(text, start, end):
        return "Investor"  # "led by Fjord47 and Harbour Capital"
    return type_from_context(text[start:end], text, "PRODUCT")


def _cue_names(sentence: Sentence, taken: list[tuple[int, int]]) -> list[Mention]:
    """Names after their kind: "venture capital firm Bpifrance"; earlier ones block later."""
    mentions: list[Mention] = []
    for match in CUE_NAME.finditer(sentence.text):
        name = _trim_name(match.group("name"))
        start = sentence.start + match.start("name")
        end = start + len(name)
        if (name and name not in STOP_NAMES
                and not overlaps(start, end, taken + [(m.start, m.end) for m in mentions])):
            kind = type_from_context(name, match.group("cue") + " " + name, "CUE")
            if kind:
                mentions.append(Mention(start, end, name, kind, sentence.index, source="cue"))
    return mentions


def _capitalised_before(text: str, at: int) -> bool:
    """True inside a longer name ("European Commission"), false after "the" or a line start."""
    words = text[:at].split()
    return bool(words) and words[-1][:1].isupper() and words[-1] not in ("The",)


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1] in {"The", "A", "An", "In", "On"}:
        words.pop()
    return " ".join(words).rstrip(".,;:")


def _looks_like_code(text: str) -> bool:
    """Dates and counts such as "Q3" or "COVID-19" are not products."""
    return bool(re.fullmatch(r"Q\d|[A-Z]{2,}-19|\d+[A-Za-z]?|G\d|H\d", text))
