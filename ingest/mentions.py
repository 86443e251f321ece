"""Mentions: the typed spans of one sentence that facts are built from.

Entity mentions come from the gazetteer ruler, the statistical NER (when the
model is installed) and surface cues that work without it (product-like tokens,
"venture capital firm X"). Money, dates and descriptive references ("the lab",
"its") are mentions too, so every rule sees one uniform sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from blocgraph.ingest.dates import find_dates
from blocgraph.ingest.gazetteer import SEAT_PREFIX, Gazetteer
from blocgraph.ingest.money import find_money
from blocgraph.ingest.typing_cues import type_from_context, type_from_name

ENTITY_TYPES = frozenset(
    {"Company", "Investor", "Government", "Person", "AIModel", "Hardware", "Regulation",
     "Organization"}
)
NER_LABELS = frozenset({"ORG", "PERSON", "GPE", "PRODUCT", "LAW", "FAC", "WORK_OF_ART"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from", "to", "across"})

# Names the statistical model often misses: "H800", "GLM-4", "DeepSeek-V3", "Command R+".
PRODUCT_TOKEN = re.compile(
    r"\b(?:[A-Z][A-Za-z]*-?\d+[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*\+?"
    r"|[A-Z][a-z]+[A-Z][A-Za-z]*-[A-Z0-9][A-Za-z0-9]*)"
)
# "venture capital firm Bpifrance", "start-up Zhipu", "investors such as X"
CUE_NAME = re.compile(
    r"\b(?P<cue>(?:venture(?: capital)? (?:firm|fund|arm)|investment firm|hedge fund|fund"
    r"|start-?up|startup|chipmaker|company|group|firm|lab|developer|investor|regulator"
    r"|chatbot|model|chip|processor|accelerator))\s+"
    r"(?P<name>(?:[A-Z][\w&.+-]*)(?:\s+(?:[A-Z0-9][\w&.+-]*))*)"
)
DESCRIPTOR_NOUNS = (
    r"company|start-?up|startup|lab|laboratory|group|firm|chipmaker|developer|fund"
    r"|investor|venture|bank|giant|supplier|maker|provider|authority|regulator|executive"
    r"|agency|ministry|commission|government|administration|state"
)
DESCRIPTOR = re.compile(
    r"\b(?P<det>[Tt]he|[Ii]ts|[Tt]heir|an?)\s+(?P<mods>(?:[\w.&'’-]+(?:,(?=\s+[A-Z]))?\s+){0,3}?)"
    rf"(?P<noun>{DESCRIPTOR_NOUNS})\b(?!\s+(?:{DESCRIPTOR_NOUNS}|of\b|capital|arm|unit|division|fund|firm))"
    r"(?P<poss>'s)?"
)
# Generic words and section headings that NER sometimes takes for organisations.
STOP_NAMES = frozenset({
    "AI", "API", "APIs", "LLM", "LLMs", "GPU", "GPUs", "CEO", "CFO", "IPO", "ANALYSIS", "IN BRIEF",
    "Media", "Time", "Context", "Analysis", "Policy", "Reuters Staff", "TL;DR", "Keep",
})
PROGRAM_WORDS = re.compile(r"\b(?:Strategy|Program|Programme|Initiative|Plan|Scheme)$")
ATTRIBUTIVE = re.compile(r"\s+(?:administration|government|White House|era|campaign)\b")
HONORIFIC = re.compile(r"(?:Sheikh|Sir|Dame|Prince|Princess|King|Dr\.?|Lord|Lady)\s+$")
NAME_TAIL = re.compile(r"(?:\s+(?:bin|bint|ibn|al|Al|el|El|de|van|von|der|da|di)?\s*[A-Z][\w'’-]+)+")
ORG_TAIL = re.compile(
    r"(?:\s+(?:&\s+)?[A-Z][\w.-]*)*?\s+(?:&\s+)?(?:Investments?|Ventures|Capital|Partners|Research"
    r"|Management|Holdings|Fund|Labs|Cloud)\b"
)
_CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
             r"|April|May|June|July|August|September|October|November|December)\b")
BODY_TAIL = re.compile(rf"\s+(?:on|of|for)\s+(?:the\s+)?(?:(?!{_CALENDAR})[A-Z][\w-]*\s*){{1,6}}")
INSIDE_TITLE = re.compile(r"(?:Minister|Ministry|Secretary|Commissioner|Department)\s+(?:of|for)\s+"
                          r"[A-Z][\w ,&-]*$")
# "the Commission", "Commission spokesperson": a public body named by its kind alone.
GENERIC_BODY = re.compile(
    r"(?<![A-Za-z] )\b(Commission|Parliament|Authority|Council"
    r"|Regulator|Guarantor)\b(?! (?:of|for|on) [A-Z])"
)
CHAIN_NAMES = re.compile(
    r"\bthe ([A-Z][\w&-]+(?: [A-Z][\w&-]+)?) and ([A-Z][\w&-]+(?: [A-Z][\w&-]+)?) "
    r"(?:chains|brands|stores|supermarkets|subsidiaries|units|labels)\b"
)
BODY_WORDS = re.compile(r"(?:Committee|Commission|Council|Office|Ministry|Department|Bureau|Institute"
                        r"|University|Agency|Authority)$")
POSSESSIVE_ITS = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\b")
# "it raised", "It also developed", "it had blocked": the pronoun as a clause subject.
SUBJECT_IT = re.compile(
    r"\b[Ii]t\b(?= (?:(?:also |had |has |will |then |later |now |had already )?"
    r"(?!is\b|was\b|does\b|seems\b|has been\b)\w+(?:ed|s)\b|(?:is|was) \w+ed by\b))"
)


@dataclass
class Mention:
    """A span of the article text with its type and, once resolved, its entity id."""

    start: int
    end: int
    text: str
    type: str
    sent: int
    entity_id: str | None = None
    source: str = "ner"
    value: Any = None
    cue: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_entity(self) -> bool:
        return self.type in ENTITY_TYPES


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)


def sentences(doc: Doc) -> Iterator[Sentence]:
    for index, sent in enumerate(doc.sents):
        text = sent.text.rstrip()
        if text.strip():
            yield Sentence(index, sent.start_char, sent.start_char + len(text), text)


def find_mentions(doc: Doc, gazetteer: Gazetteer, published: str | None) -> list[Sentence]:
    result = []
    for sentence in sentences(doc):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        found = _entity_mentions(span, sentence, gazetteer) if span is not None else []
        found += _surface_mentions(sentence, found)
        found += _value_mentions(sentence, published)
        found += _descriptor_mentions(sentence, found)
        sentence.mentions = _without_overlaps(found)
        result.append(sentence)
    return result


def _entity_mentions(span: Span, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    mentions = []
    for ent in span.ents:
        mention = _mention_from_ent(ent, sentence, gazetteer)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _mention_from_ent(ent: Span, sentence: Sentence, gazetteer: Gazetteer) -> Mention | None:
    doc = ent.doc
    text = doc.text
    if ent.label_ in ENTITY_TYPES:
        entity_id = ent.ent_id_ or None
        if entity_id and entity_id.startswith(SEAT_PREFIX):
            if not _seat_used_as_state(ent):
                return None
            entity_id = entity_id[len(SEAT_PREFIX):]
        if text[ent.end_char : ent.end_char + 6] == "-based":
            return None
        mention = Mention(ent.start_char, ent.end_char, ent.text, ent.label_, sentence.index,
                          entity_id=entity_id, source="gazetteer")
        return _attributive(mention, text, gazetteer) or _extended(mention, text)
    if ent.text in STOP_NAMES or PROGRAM_WORDS.search(ent.text):
        return None
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    if ent.label_ == "ORG" and INSIDE_TITLE.search(text[max(line_start, ent.start_char - 80) : ent.start_char]):
        return None
    if ent.label_ not in NER_LABELS:
        return None
    return _mention_from_ner(ent, sentence, gazetteer)


def _seat_used_as_state(ent: Span) -> bool:
    """"Washington imposed curbs" is the state; "offices in Washington" is a place."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = ent.doc.text[ent.end_char : ent.end_char + 1]
    return before not in PLACE_PREPOSITIONS and after != ","


def _mention_from_ner(ent: Span, sentence: Sentence, gazetteer: Gazetteer) -> Mention | None:
    start, name = _strip_article(ent)
    if not name or ent.doc.text[ent.end_char : ent.end_char + 6] == "-based":
        return None
    if ent.label_ == "GPE":
        iso = gazetteer.country_iso(name)
        gov = gazetteer.government_id(iso) if iso else None
        if gov is None:
            return None
        return Mention(start, ent.end_char, name, "Government", sentence.index, entity_id=gov,
                       source="ner")
    context = ent.doc.text[max(0, ent.start_char - 60) : ent.end_char + 60]
    kind = type_from_name(name, ent.label_) or type_from_context(name, context, ent.label_)
    if kind is None or _is_place(name, ent.label_, gazetteer):
        return None
    return _extended(Mention(start, ent.end_char, name, kind, sentence.index, source="ner"),
                     ent.doc.text)


def _is_place(name: str, label: str, gazetteer: Gazetteer) -> bool:
    if label not in ("ORG", "FAC", "GPE") or gazetteer.lookup(name):
        return False
    from blocgraph.schema.places import load_places

    return load_places().lookup(name) is not None


def _attributive(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention | None:
    """"the Biden administration" names the state, not the person."""
    if mention.type != "Person" or not ATTRIBUTIVE.match(text, mention.end):
        return None
    known = gazetteer.entries.get(mention.entity_id or "")
    gov = gazetteer.government_id(known.country) if known and known.country else None
    if gov is None:
        return None
    return Mention(mention.start, mention.end, mention.text, "Government", mention.sent,
                   entity_id=gov, source="gazetteer", cue="attributive")


def _extended(mention: Mention, text: str) -> Mention:
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
    elif BODY_WORDS.search(mention.text):
        tail = BODY_TAIL.match(text, end)
        if tail and "\n" not in tail.group():
            end = len(text[:tail.end()].rstrip())
            mention.entity_id = None
            mention.source = "ner"
    if (start, end) != (mention.start, mention.end):
        mention.start, mention.end, mention.text = start, end, text[start:end]
    return mention


def _strip_article(ent: Span) -> tuple[int, str]:
    text = ent.text
    start = ent.start_char
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text, start = text[len(prefix):], start + len(prefix)
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    if "(" in text:
        text = text[: text.index("(")]
    return start, text.strip()


def _surface_mentions(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in found]
    mentions = []
    for match in PRODUCT_TOKEN.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if (not _overlaps(start, end, taken) and not _looks_like_code(match.group())
                and match.group() not in STOP_NAMES):
            kind = type_from_context(match.group(), sentence.text, "PRODUCT")
            if kind:
                mentions.append(Mention(start, end, match.group(), kind, sentence.index,
                                        source="pattern"))
    for match in GENERIC_BODY.finditer(sentence.text):
        if _capitalised_before(sentence.text, match.start(1)):
            continue
        start, end = sentence.start + match.start(1), sentence.start + match.end(1)
        if not _overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(1), "Government", sentence.index,
                                    source="cue"))
    for match in CHAIN_NAMES.finditer(sentence.text):
        for group in (1, 2):
            start, end = sentence.start + match.start(group), sentence.start + match.end(group)
            if not _overlaps(start, end, taken):
                mentions.append(Mention(start, end, match.group(group), "Company", sentence.index,
                                        source="cue"))
    for match in CUE_NAME.finditer(sentence.text):
        name = _trim_name(match.group("name"))
        start = sentence.start + match.start("name")
        end = start + len(name)
        if (name and name not in STOP_NAMES
                and not _overlaps(start, end, taken + [(m.start, m.end) for m in mentions])):
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


def _value_mentions(sentence: Sentence, published: str | None) -> list[Mention]:
    mentions = []
    for money in find_money(sentence.text):
        mentions.append(Mention(sentence.start + money.start, sentence.start + money.end,
                                money.text, "Money", sentence.index, value=money))
    for date in find_dates(sentence.text, published):
        mentions.append(Mention(sentence.start + date.start, sentence.start + date.end,
                                date.text, "Date", sentence.index, value=date))
    return mentions


def _descriptor_mentions(sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """Descriptions may contain a state as modifier ("The U.S. company"), nothing else."""
    taken = [(m.start, m.end) for m in found if m.type != "Government"]
    mentions = []
    for match in DESCRIPTOR.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _overlaps(start, end, taken):
            continue
        if match.group("noun") == "executive" and "chief" in match.group("mods").lower():
            continue
        mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                cue=match.group("noun").lower(),
                                attrs={"det": match.group("det").lower(),
                                       "mods": match.group("mods").strip()}))
    for match in POSSESSIVE_ITS.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not _overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                    cue="its", attrs={"det": "its", "mods": ""}))
    for match in SUBJECT_IT.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not _overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                    cue="it", attrs={"det": "it", "mods": ""}))
    return mentions


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of overlapping mentions; entities beat values."""
    rank = {"gazetteer": 0, "ner": 1, "cue": 2, "pattern": 3}
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start), rank.get(m.source, 4)))
    kept: list[Mention] = []
    for mention in ordered:
        clash = next((k for k in kept if mention.start < k.end and k.start < mention.end), None)
        if clash is None:
            kept.append(mention)
        elif clash.type == "Descriptor" and mention.type == "Government" and mention.end <= clash.end:
            mention.attrs["nested"] = True  # "the U.S. software group": named, but a modifier
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
