"""What rules produce and the article context they share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from blocgraph.ingest.gazetteer import Gazetteer
from blocgraph.ingest.hedging import is_asserted
from blocgraph.ingest.mentions import Sentence
from blocgraph.ingest.resolver import ArticleResolver
from blocgraph.ingest.skeleton import Skeleton

# A gap inside a rule: plain words, or a possessive "its" tag, but no other mention.
GAP = r"(?:[^«.;]|«\d+\|\w+~»)"
DATE_GAP = r"(?:[^«.;]|«\d+\|(?:Date|\w+~)»)"
# An optional bracketed short form after a name: "Amazon Web Services (AWS)".
PAREN = r"(?: \([^()]{1,40}\))?"
# Where a list of names ends: a new verb phrase or clause.
LIST_END = re.compile(
    r"[,;:—–]?\s+(?:and |but |while |which |who |that )?(?:has|have|had|is|are|was|were|will"
    r"|would|said|says|argued|argues|reinforcing|bringing|making|giving|according)\b|[:;—–]"
)


def list_region(text: str) -> str:
    """The part of ``text`` that is still the list of names."""
    end = LIST_END.search(text)
    return text[: end.start()] if end else text


@dataclass
class Candidate:
    """A fact found in one sentence, before the article's facts are merged."""

    type: str
    fields: dict[str, Any]
    sentence: Sentence
    confidence: float
    rule: str


@dataclass
class Context:
    """What rules may consult beyond their sentence: the article so far."""

    gazetteer: Gazetteer
    resolver: ArticleResolver
    published: str | None
    memory: dict[str, Any] = field(default_factory=dict)

    def type_of(self, entity_id: str) -> str | None:
        record = self.resolver.records.get(entity_id)
        return record.type if record else None

    def salient(self, sentence: int, types: frozenset[str]) -> str | None:
        return self.resolver.salient_at(sentence, types)

    def main_government(self) -> str | None:
        governments = [r for r in self.resolver.records.values() if r.type == "Government"]
        return max(governments, key=lambda r: r.mentions).id if governments else None

    def history(self) -> list[tuple[int, int, str]]:
        """(sentence, offset, entity id) of every resolved mention so far."""
        return list(self.resolver._history)

    def ensure_government(self, gov_id: str) -> None:
        """Add a gazetteer state the text names only by its adjective ("French")."""
        self.resolver._ensure_government(gov_id)


Rule = Callable[[Skeleton, Context], list[Candidate]]
RULES: dict[str, Rule] = {}


def register(name: str) -> Callable[[Rule], Rule]:
    def add(func: Rule) -> Rule:
        RULES[name] = func
        return func

    return add


def asserted(skeleton: Skeleton, match: re.Match[str], lead: int = 25) -> bool:
    """The match, with a few words before it, is neither negated nor hedged."""
    start = max(0, match.start() - lead)
    head = skeleton.text[:start]
    cut = max(head.rfind(";"), head.rfind(":"), head.rfind(", but"), head.rfind(" while "))
    return is_asserted(_untagged(skeleton.text[max(start, cut + 1) : match.end()]))


def _untagged(text: str) -> str:
    return re.sub(r"«\d+\|\w+~?»", " X ", text)


def date_in(skeleton: Skeleton, start: int, end: int) -> str | None:
    """The first date mention within a skeleton range, as an ISO value."""
    for match in re.finditer(r"«(\d+)\|Date»", skeleton.text[start:end]):
        value = skeleton.mentions[int(match.group(1))].value
        return str(value.value)
    return None


def sentence_date(skeleton: Skeleton) -> str | None:
    return date_in(skeleton, 0, len(skeleton.text))


def money_of(skeleton: Skeleton, match: re.Match[str], group: str) -> tuple[float, str] | None:
    mention = skeleton.one(match, group)
    if mention is None or mention.value is None:
        return None
    return float(mention.value.amount), str(mention.value.currency)
