"""Product names the model or gazetteer gives a word short or a word long.

A family's name and its versions are different models ("Orrin" and "Orrin 3"),
even where the gazetteer lists a version among the family's aliases; a language
or edition word after a model's name ("Orrin Swahili") names a variant; and a body
word after it ("the Orrin Foundation") names an organisation, not the model.
"""

from __future__ import annotations

import re

from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.mention_cues import STOP_NAMES
from blocgraph.ingest.mention_types import Mention
from blocgraph.ingest.name_shapes import is_not_actor
from blocgraph.ingest.product_cues import VERSION_TAIL, product_kind, versioned_product
from blocgraph.ingest.typing_cues import type_from_name

PRODUCT_TYPES = frozenset({"AIModel", "Hardware"})
CALENDAR = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January"
                      r"|February|March|April|May|June|July|August|September|October|November"
                      r"|December)$")


def versioned(mention: Mention, text: str) -> Mention | None:
    """"Orrin 3" after a known "Orrin": another model, not the known one."""
    version = versioned_product(text, mention.start, mention.end, mention.type)
    if version is None:
        return None
    end, kind = version
    return Mention(mention.start, end, text[mention.start : end], kind, mention.sent,
                   source="ner")


def version_inside(mention: Mention, gazetteer: Gazetteer) -> Mention | None:
    """A known model's listed alias that is its name plus a version ("Orrin 70B" under
    "Orrin") is another model of the family, as "Orrin 2" written after it would be."""
    known = gazetteer.entries.get(mention.entity_id or "")
    if (known is None or known.type not in PRODUCT_TYPES
            or not mention.text.startswith(known.name) or mention.text == known.name):
        return None
    tail = VERSION_TAIL.match(mention.text, len(known.name))
    if tail is None or tail.end() != len(mention.text):
        return None
    return Mention(mention.start, mention.end, mention.text, mention.type, mention.sent,
                   source="ner", attrs={"family": known.id})


# "Orrin Swahili", "Orrin Vision": one capitalised word after a model's name, ending the
# name, makes a variant of the model; a body word ("Orrin Foundation") names an organisation.
VARIANT_WORD = re.compile(r" (?P<word>[A-Z][a-z]{2,})(?=[\s,.;:)]|$)(?! [A-Z])")


def variant(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention | None:
    """The known model's name run on by one name word: a variant, or a body named after
    the model; a known name, place, month or ordinary heading word ends the name instead."""
    if mention.type not in PRODUCT_TYPES:
        return None
    tail = VARIANT_WORD.match(text, mention.end)
    if tail is None or "\n" in tail.group():
        return None
    word = tail.group("word")
    body = type_from_name(word, "ORG")
    if body in ("Organization", "Investor", "Government"):  # "the Orrin Foundation"
        return Mention(mention.start, tail.end(), text[mention.start : tail.end()], body,
                       mention.sent, source="ner")
    if (word in STOP_NAMES or body or gazetteer.lookup(word)
            or gazetteer.country_iso(word) or is_not_actor(word) or CALENDAR.match(word)
            or _is_place(word)):
        return None
    return Mention(mention.start, tail.end(), text[mention.start : tail.end()], mention.type,
                   mention.sent, source="ner")


# "whose Acme Scribe assistant": a maker's name and one or two name words before a product
# head; the whole is the product's name, as the maker's own words are not distinctive.
MAKER_PRODUCT_WORDS = re.compile(r" (?P<words>[A-Z][\w-]*(?: [A-Z][\w-]*)?)(?= [a-z])")


def maker_product(mention: Mention, text: str, gazetteer: Gazetteer) -> Mention | None:
    """A known company's name run on into a product the phrasing names ("its Acme Scribe
    assistant"), where the run-on words are no name the gazetteer knows."""
    if mention.type != "Company" or mention.source != "gazetteer":
        return None
    tail = MAKER_PRODUCT_WORDS.match(text, mention.end)
    if tail is None or "\n" in tail.group():
        return None
    words = tail.group("words").split()
    if any(w in STOP_NAMES or gazetteer.lookup(w) or type_from_name(w, "ORG")
           or CALENDAR.match(w) or _is_place(w) for w in words):
        return None
    kind = product_kind(text, mention.start, tail.end())
    if kind is None:
        return None
    return Mention(mention.start, tail.end(), text[mention.start : tail.end()], kind,
                   mention.sent, source="ner")


def _is_place(word: str) -> bool:
    from blocgraph.schema.places import load_places

    return load_places().lookup(word) is not None
