"""Mentions: the typed spans of one sentence that facts are built from.

Entity mentions come from the gazetteer ruler, the statistical NER (when the
model is installed) and surface cues that work without it (product-like tokens,
"venture capital firm X"). Money, dates and descriptive references ("the lab",
"its") are mentions too, so every rule sees one uniform sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from blocgraph.ingest.dates import find_dates
from blocgraph.ingest.gazetteer import SEAT_PREFIX, Gazetteer
from blocgraph.ingest.kind_cues import (
    in_investor_list,
    kind_from_context,
    looks_like_person_name,
    titled_names,
)
from blocgraph.ingest.mention_cues import (
    STOP_NAMES,
    attributive_government,
    extend_name,
    state_body,
    surface_mentions,
)
from blocgraph.ingest.mention_passes import PROGRAM_WORDS, drop_term_acronyms, repeat_names
from blocgraph.ingest.mention_types import ENTITY_TYPES, Mention, Sentence, overlaps
from blocgraph.ingest.money import find_money
from blocgraph.ingest.name_shapes import (
    after_dash,
    bracketed_place_end,
    dangling_of,
    is_heading_label,
    is_not_actor,
    is_post,
    regnal_number,
    title_length,
)
from blocgraph.ingest.place_use import attributive_place, place_like, used_as_place
from blocgraph.ingest.product_cues import called_product, product_kind
from blocgraph.ingest.product_names import maker_product, variant, version_inside, versioned
from blocgraph.ingest.typing_cues import type_from_context, type_from_name

# The records are defined apart; most callers know them from here.
__all__ = ["ENTITY_TYPES", "Mention", "Sentence", "find_mentions", "sentences"]

NER_LABELS = frozenset({"ORG", "PERSON", "GPE", "PRODUCT", "LAW", "FAC", "WORK_OF_ART"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from", "to", "across"})
DESCRIPTOR_NOUNS = (
    r"company|start-?up|startup|lab|laboratory|group|firm|chipmaker|developer|designer|fund"
    r"|investor|venture|bank|giant|supplier|maker|provider|authority|regulator|executive"
    r"|agency|ministry|department|commission|government|administration|state|cabinet"
)
# Words a description's modifiers never hold: "the money would fund", "the first time the
# regulator" are a clause and a phrase, not descriptions.
NOT_MODIFIER = (r"(?!(?:the|a|an|its|their|this|that|would|will|could|should|can|may|might"
                r"|must|to|is|was|are|were|be|been|has|have|had|did|does|do|not|and|or|but"
                r"|which|who|by|of|for|with|in|on|at|from)\b)")
# "the designer of the Orrin chip": a maker noun stays a description when "of" introduces a
# named product; "the group of seven", "the state of the market" do not.
MAKER_OF_NAME = r"(?<=(?:maker|igner|loper|eator) of)\s+(?:the\s+|its\s+)?[A-Z]"
APPOSITIVE_OPEN = re.compile(r"[\w)]\s*,\s*$")
DESCRIPTOR = re.compile(
    r"\b(?P<det>[Tt]he|[Ii]ts|[Tt]heir|an?)\s+"
    rf"(?P<mods>(?:{NOT_MODIFIER}[\w.&'’-]+(?:,(?=\s+[A-Z]))?\s+){{0,3}}?)"
    rf"(?P<noun>{DESCRIPTOR_NOUNS})\b(?![-‐])"
    rf"(?!\s+(?:{DESCRIPTOR_NOUNS}|of\b(?!{MAKER_OF_NAME})|capital|arm|unit|division|fund|firm))"
    r"(?P<poss>'s)?"
)
NAME_RUN = re.compile(r"\s+(?:[A-Z][\w.-]*)(?:\s+(?:and\s+)?[A-Z][\w.-]*){0,3}")
# "Chinese", "Bavarian", "Danish": the model's NORP is usually a people, not a product.
DEMONYM_SHAPE = re.compile(r"(?:an|ese|ish|ic|i|s)$")
INSIDE_TITLE = re.compile(r"(?:(?:Ministry|Department)\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w ,&-]*"
                          r"|\b(?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner)\s+(?:of|for)\s+"
                          r"(?:the\s+)?(?:[A-Z][\w ,&-]*)?)$")
# "Energy, Trade and Industry Minister Ana Lima": a list of portfolios before a title is
# part of the title, not a body the text names.
PORTFOLIO_BEFORE_TITLE = re.compile(r"\s+(?:Minister|Secretary|Commissioner)\b")
# "Banco Central do Brasil", "Caixa Geral de Depósitos": a Romance particle inside a name.
PARTICLE_TAIL = re.compile(r"\s+(?:do|da|de|dos|das|del|della|des|du)\s+[A-Z][\w-]+(?![\w-])")
POSSESSIVE_ITS = re.compile(r"\b(?:[Ii]ts|[Tt]heir)\b")
# "it raised", "It also developed", "it had blocked": the pronoun as a clause subject.
SUBJECT_IT = re.compile(
    r"\b[Ii]t\b(?= (?:(?:also |had |has |will |then |later |now |had already )?"
    r"(?!is\b|was\b|does\b|seems\b|has been\b)\w+(?:ed|s)\b|(?:is|was) \w+ed by\b))"
)



def doc_text(doc: Doc) -> str:
    """The document's text, computed once: spaCy rebuilds ``Doc.text`` from every token
    on each access, which made mention finding quadratic in article length."""
    cached = doc.user_data.get("blocgraph_text")
    if cached is None:
        cached = doc.user_data["blocgraph_text"] = doc.text
    return str(cached)

def sentences(doc: Doc) -> Iterator[Sentence]:
    for index, sent in enumerate(doc.sents):
        text = sent.text.rstrip()
        if text.strip():
            yield Sentence(index, sent.start_char, sent.start_char + len(text), text)


def find_mentions(doc: Doc, gazetteer: Gazetteer, published: str | None) -> list[Sentence]:
    result = []
    for sentence in sentences(doc):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        sentence.span = span
        titled = _titled_people(sentence, gazetteer)
        found = _entity_mentions(span, sentence, gazetteer) if span is not None else []
        found = _with_titled(found, titled)
        found += surface_mentions(sentence, found)
        found += _value_mentions(sentence, published)
        found += _descriptor_mentions(sentence, found, gazetteer)
        sentence.mentions = _without_overlaps(found)
        result.append(sentence)
    repeat_names(result)
    drop_term_acronyms(result, doc_text(doc))
    return result


def _titled_people(sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """People named after their title ("Commerce Secretary Ana Lima"): the model misses
    many, or reads the surname as a place; works without the model too."""
    people = []
    for start, end in titled_names(sentence.text):
        name = sentence.text[start:end]
        known = gazetteer.lookup(name)
        if known is not None and known.type != "Person":
            continue
        people.append(Mention(sentence.start + start, sentence.start + end, name, "Person",
                              sentence.index, entity_id=known.id if known else None,
                              source="gazetteer" if known else "cue"))
    return people


def _with_titled(found: list[Mention], titled: list[Mention]) -> list[Mention]:
    """A titled name replaces what overlaps it, unless that is a known person."""
    kept = []
    for person in titled:
        clash = [m for m in found if m.start < person.end and person.start < m.end]
        if any(m.type == "Person" and m.source == "gazetteer" for m in clash):
            continue
        found = [m for m in found if m not in clash]
        kept.append(person)
    return found + kept


def _entity_mentions(span: Span, sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    mentions = []
    for ent in span.ents:
        mention = _mention_from_ent(ent, sentence, gazetteer)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _mention_from_ent(ent: Span, sentence: Sentence, gazetteer: Gazetteer) -> Mention | None:
    doc = ent.doc
    text = doc_text(doc)
    if ent.label_ in ENTITY_TYPES:
        entity_id = ent.ent_id_ or None
        if entity_id and entity_id.startswith(SEAT_PREFIX):
            if not _seat_used_as_state(ent) or attributive_place(ent):
                return None
            entity_id = entity_id[len(SEAT_PREFIX):]
        elif (entity_id and place_like(gazetteer, entity_id, ent.text)
                and (used_as_place(text, ent.start_char, ent.end_char)
                     or attributive_place(ent))):
            return None
        if text[ent.end_char : ent.end_char + 6] == "-based":
            return None
        mention = Mention(ent.start_char, ent.end_char, ent.text, ent.label_, sentence.index,
                          entity_id=entity_id, source="gazetteer")
        if mention.type in ("Company", "Organization") and called_product(
                text, ent.start_char, ent.end_char) == "AIModel":
            mention.attrs["called"] = "AIModel"  # "Orrin, the short-video app": the product
        return (attributive_government(mention, text, gazetteer)
                or state_body(mention, text, gazetteer) or versioned(mention, text)
                or version_inside(mention, gazetteer) or variant(mention, text, gazetteer)
                or maker_product(mention, text, gazetteer)
                or extend_name(mention, text))
    if ent.text in STOP_NAMES or PROGRAM_WORDS.search(ent.text):
        return None
    if ent.label_ == "ORG" and (_inside_title(ent) or (
            ("," in ent.text or " and " in ent.text)
            and PORTFOLIO_BEFORE_TITLE.match(text, ent.end_char))):
        return None
    if (ent.label_ == "NORP" and not DEMONYM_SHAPE.search(ent.text)
            and not gazetteer.demonym_iso(ent.text)
            and product_kind(text, ent.start_char, ent.end_char)):
        return _mention_from_ner(ent, sentence, gazetteer)  # a product read as a people
    if ent.label_ not in NER_LABELS:
        return None
    return _mention_from_ner(ent, sentence, gazetteer)


def _inside_title(ent: Span) -> bool:
    """An ORG within a title on its line ("Minister for Innovation, Science and Industry")."""
    text = doc_text(ent.doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    before = text[max(line_start, ent.start_char - 80) : ent.start_char]
    return INSIDE_TITLE.search(before) is not None


def _seat_used_as_state(ent: Span) -> bool:
    """"Washington imposed curbs" is the state; "offices in Washington" is a place."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc_text(ent.doc)[ent.end_char : ent.end_char + 1]
    return before not in PLACE_PREPOSITIONS and after != ","


def _mention_from_ner(ent: Span, sentence: Sentence, gazetteer: Gazetteer) -> Mention | None:
    start, name = _strip_article(ent)
    if not name or doc_text(ent.doc)[ent.end_char : ent.end_char + 6] == "-based":
        return None
    if ent.label_ == "GPE":
        iso = gazetteer.country_iso(name)
        gov = gazetteer.government_id(iso) if iso else None
        if gov is None:
            return None
        return Mention(start, ent.end_char, name, "Government", sentence.index, entity_id=gov,
                       source="ner")
    text = doc_text(ent.doc)
    end = start + len(name) if text.startswith(name, start) else ent.end_char
    if ", " in name and text[end : end + 2] in ("'s", "’s"):
        name = name[: name.index(", ")]  # "Orrin, Acme's product": the name before the comma
        end = start + len(name)
    label = ent.label_
    if bracketed_place_end(text, end) != end:
        end = bracketed_place_end(text, end)  # "Acme (Hong Kong) Metals": a registered firm
        name, label = text[start:end], "ORG"
    if label == "PERSON":
        start, end, name = _person_span(text, start, end, name)
    elif after_dash(name):
        start, name = start + after_dash(name), name[after_dash(name):]
    elif label == "ORG" and " " in name and (particle := PARTICLE_TAIL.match(text, end)):
        end, name = particle.end(), text[start : particle.end()]
    elif dangling_of(text, end):
        tail = NAME_RUN.match(text, end)  # "Reserve Bank of" + "India"
        end = tail.end() if tail else end
        name = text[start:end]
    if (not name or is_heading_label(text, start, end) or is_not_actor(name)
            or (label != "PERSON" and is_post(name))):
        return None
    if label == "PERSON" and " " not in name and (
            gazetteer.demonym_iso(name) or _is_place(name, "GPE", gazetteer)):
        return None  # "Welsh", "Dortmund": a demonym or a place the model read as a name
    context = text[max(0, start - 60) : end + 60]
    kind = _kind(name, label, text, start, end) or type_from_context(
        name, context, label)
    if kind is None or _is_place(name, label, gazetteer):
        return None
    return extend_name(Mention(start, end, name, kind, sentence.index, source="ner"), text)


def _person_span(text: str, start: int, end: int, name: str) -> tuple[int, int, str]:
    """Drop a leading title ("Spokesperson X") or capitals prefix; keep a regnal number."""
    cut = title_length(name) or after_dash(name)
    start, name = start + cut, name[cut:]
    end = regnal_number(text, end)
    return start, end, text[start:end]


def _kind(name: str, label: str, text: str, start: int, end: int) -> str | None:
    """The model's PERSON/ORG label, overruled by the name's head word or by what the
    sentence says the name is ("X, a Shenzhen toolmaker"; "chief executive X")."""
    if label == "PERSON":
        by_name = type_from_name(name, "ORG")
        if by_name and by_name != "Regulation" and not _first_word_only(name, by_name):
            return by_name
        if re.search(r"\.(?:ai|io|com)$", name, re.IGNORECASE):
            return "Company"
        said = kind_from_context(text, start, end) or product_kind(text, start, end)
        if said is None and in_investor_list(text, start, end, person_shaped=" " in name):
            return "Investor"
        return said if said and said != "Person" else "Person"
    by_name = type_from_name(name, label)
    said = kind_from_context(text, start, end) or product_kind(text, start, end)
    if label in ("ORG", "NORP", "FAC"):
        if said == "Person":
            return "Person" if by_name is None and looks_like_person_name(name) else by_name
        if by_name is None and said is None and in_investor_list(text, start, end):
            return "Investor"
        if by_name == "Company" and said == "Investor":
            return said  # "the investment company Acme Holdings": the wording says investor
        return by_name or said
    return by_name or (said if said in ("AIModel", "Hardware") else None)


def _first_word_only(name: str, kind: str) -> bool:
    """"Senate Majority Leader X" must not make a person a body by its first word."""
    return kind == "Government" and type_from_name(name.split()[-1], "ORG") != "Government"


def _is_place(name: str, label: str, gazetteer: Gazetteer) -> bool:
    if label not in ("ORG", "FAC", "GPE") or gazetteer.lookup(name):
        return False
    from blocgraph.schema.places import load_places

    return load_places().lookup(name) is not None


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


def _value_mentions(sentence: Sentence, published: str | None) -> list[Mention]:
    mentions = []
    for money in find_money(sentence.text):
        mentions.append(Mention(sentence.start + money.start, sentence.start + money.end,
                                money.text, "Money", sentence.index, value=money))
    for date in find_dates(sentence.text, published):
        mentions.append(Mention(sentence.start + date.start, sentence.start + date.end,
                                date.text, "Date", sentence.index, value=date))
    return mentions


def _descriptor_mentions(sentence: Sentence, found: list[Mention],
                         gazetteer: Gazetteer) -> list[Mention]:
    """Descriptions may contain a state as modifier ("The U.S. company"), nothing else."""
    taken = [(m.start, m.end) for m in found if m.type != "Government"]
    mentions = []
    for match in DESCRIPTOR.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if overlaps(start, end, taken):
            continue
        regional = _regional_government(match, gazetteer)
        if regional is not None:
            offset = sentence.start + match.start("mods")
            mentions.append(Mention(offset, end, regional, "Government", sentence.index,
                                    source="cue"))
            continue
        if match.group("noun") == "executive" and "chief" in match.group("mods").lower():
            continue
        if (sentence.text.startswith(" of", match.end())
                and APPOSITIVE_OPEN.search(sentence.text, 0, match.start())):
            continue  # "Acme, the developer of the Orrin models": the rules read it whole
        mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                cue=match.group("noun").lower(),
                                attrs={"det": match.group("det").lower(),
                                       "mods": match.group("mods").strip()}))
    for match in POSSESSIVE_ITS.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                    cue="its", attrs={"det": "its", "mods": ""}))
    for match in SUBJECT_IT.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if not overlaps(start, end, taken + [(m.start, m.end) for m in mentions]):
            mentions.append(Mention(start, end, match.group(), "Descriptor", sentence.index,
                                    cue="it", attrs={"det": "it", "mods": ""}))
    return mentions


REGIONAL = re.compile(r"^(?P<region>[A-Z][\w-]+) (?:regional|provincial|state|municipal|city"
                      r"|local|autonomous)$")


def _regional_government(match: re.Match[str], gazetteer: Gazetteer) -> str | None:
    """"the Basque regional government" names a public body; "the French government" and
    "the US state government" stay descriptions of a country's state."""
    if match.group("noun") != "government":
        return None
    regional = REGIONAL.match(match.group("mods").strip())
    if regional is None:
        return None
    region = regional.group("region")
    if gazetteer.demonym_iso(region) or gazetteer.country_iso(region):
        return None
    return f"{regional.group()} government"


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the earliest, then longest, of overlapping mentions; entities beat values."""
    rank = {"gazetteer": 0, "ner": 1, "cue": 2, "pattern": 3}
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start), rank.get(m.source, 4)))
    kept: list[Mention] = []
    for mention in ordered:
        clash = next((k for k in kept if mention.start < k.end and k.start < mention.end), None)
        if clash is None:
            kept.append(mention)
        elif (clash.type == "Descriptor" and mention.type == "Government"
                and mention.end <= clash.end):
            mention.attrs["nested"] = True  # "the U.S. software group": named, but a modifier
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
