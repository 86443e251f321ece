"""Sentence skeletons: the sentence with every resolved mention replaced by a tag.

Rules are regular expressions over skeletons such as
``«0|Company» raised «1|Money» in a Series B round led by «2|Investor»``, written
with macros (``<company:ORG>``, ``<investors:ACTOR+>``) that expand to tag
patterns. This keeps each rule one readable line about how news phrases a fact,
and it runs the same with or without the statistical parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from blocgraph.ingest.mentions import Mention, Sentence

TAGS = {
    "ORG": "Company|Investor|Organization",
    "GOV": "Government",
    "ACTOR": "Company|Investor|Organization|Government",
    "PER": "Person",
    "PROD": "AIModel|Hardware",
    "REG": "Regulation",
    "MONEY": "Money",
    "DATE": "Date",
    "ENT": "Company|Investor|Organization|Government|Person|AIModel|Hardware|Regulation",
}
_MACRO = re.compile(r"<(\w*):([A-Z|]+)(\+?)>")
_TAG = re.compile(r"«(\d+)\|(\w+)~?»")
LIST_SEP = r"(?:,\s+(?:and\s+|as well as\s+)?|\s+(?:and|&|as well as|plus)\s+)"


def _tag_pattern(tags: str) -> str:
    types = "|".join(TAGS[t] for t in tags.split("|"))
    return rf"«\d+\|(?:{types})~?»"


def _expand(match: re.Match[str]) -> str:
    name, tags, plural = match.groups()
    one = _tag_pattern(tags)
    body = rf"{one}(?:{LIST_SEP}{one})*" if plural else one
    return f"(?P<{name}>{body})" if name else f"(?:{body})"


@cache
def rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule written with macros; cached, rules are module constants."""
    return re.compile(_MACRO.sub(_expand, pattern), re.IGNORECASE)


@dataclass
class Skeleton:
    sentence: Sentence
    text: str
    mentions: list[Mention]
    positions: list[int]

    def find(self, pattern: str) -> Iterator[re.Match[str]]:
        return rule(pattern).finditer(self.text)

    def group_mentions(self, match: re.Match[str], group: str) -> list[Mention]:
        value = match.group(group)
        if value is None:
            return []
        return [self.mentions[int(i)] for i, _ in _TAG.findall(value)]

    def one(self, match: re.Match[str], group: str) -> Mention | None:
        found = self.group_mentions(match, group)
        return found[0] if found else None

    def ids(self, match: re.Match[str], group: str) -> list[str]:
        return [m.entity_id for m in self.group_mentions(match, group) if m.entity_id]

    def before(self, match: re.Match[str], chars: int = 60) -> str:
        return self.text[max(0, match.start() - chars) : match.start()]

    def clause(self, match: re.Match[str]) -> str:
        """The skeleton text from the start of the match's clause to the match's end."""
        head = self.text[: match.start()]
        cut = max(head.rfind(";"), head.rfind(":"), head.rfind(" but "), head.rfind(" while "))
        return self.text[cut + 1 : match.end()]


def _repeats_previous(
    sentence: Sentence, mentions: list[Mention], mention: Mention, cursor: int
) -> bool:
    """"Amazon Web Services (AWS)": the bracketed short form is the same mention."""
    if not mentions or mentions[-1].entity_id != mention.entity_id:
        return False
    between = sentence.text[cursor - sentence.start : mention.start - sentence.start]
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 1]
    return between.strip() == "(" and after == ")"


def build_skeleton(sentence: Sentence) -> Skeleton:
    parts: list[str] = []
    mentions: list[Mention] = []
    positions: list[int] = []
    cursor = sentence.start
    for mention in sentence.mentions:
        if not (mention.entity_id or mention.type in ("Money", "Date")):
            continue
        if mention.attrs.get("nested"):
            continue
        if mention.start < cursor:
            continue
        if _repeats_previous(sentence, mentions, mention, cursor):
            continue
        parts.append(sentence.text[cursor - sentence.start : mention.start - sentence.start])
        positions.append(sum(len(p) for p in parts))
        mark = "~" if mention.cue == "its" else ""
        parts.append(f"«{len(mentions)}|{mention.type}{mark}»")
        mentions.append(mention)
        cursor = mention.end
    parts.append(sentence.text[cursor - sentence.start :])
    return Skeleton(sentence, "".join(parts), mentions, positions)
