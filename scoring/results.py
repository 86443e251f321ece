"""Result types of the scorer and how article scores add up to a report.

Kept apart from the matching (:mod:`blocgraph.scoring.matching`) and the rendering
(:mod:`blocgraph.scoring.report`) so the numbers the quality report shows are defined
in one place, independent of how a match is decided or how a table is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from blocgraph.schema.model import Model
from blocgraph.scoring.plan import ScoringPlan, scoring_plan

# The corpus names each later article after its genre ("ctl-...-wire", "fund-...-qa"); the
# report groups scores by it so a weakness of one kind of text shows. Unnamed: "unlabelled".
GENRE_WORDS: Mapping[str, str] = {
    "wire": "wire", "analysis": "analysis", "release": "press release",
    "newsletter": "newsletter", "qa": "Q&A", "liveblog": "live-blog", "brief": "brief",
    "column": "column", "translated": "translated-style", "deals": "deal list",
    "dealwatch": "deal list",
}


def genre_of(article_id: str) -> str:
    """The genre word in an article's file name, or ``unlabelled``."""
    words = article_id.lower().replace("_", "-").split("-")
    return next((GENRE_WORDS[w] for w in words if w in GENRE_WORDS), "unlabelled")


@dataclass(frozen=True)
class Counts:
    """True/false positives and false negatives; both sides empty counts as perfect."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def is_empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        return self._ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self._ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        if self.is_empty:
            return 1.0
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator

    def _ratio(self, hits: int, total: int) -> float:
        # Nothing predicted and nothing expected is agreement, not a failure.
        if total == 0:
            return 1.0 if self.is_empty else 0.0
        return hits / total


@dataclass(frozen=True)
class Ratio:
    """``correct`` out of ``total``; the value is None when nothing was scored."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class KeyMiss:
    """A fact key found on one side only; ``label`` spells it with entity names."""

    fact_type: str
    key: tuple[Any, ...]
    label: str


@dataclass(frozen=True)
class AttributeMiss:
    """An attribute that differs on a matched fact (or on the article)."""

    fact_type: str
    attribute: str
    label: str
    gold: Any
    predicted: Any


@dataclass(frozen=True)
class EvidenceProblem:
    """A predicted fact without one evidence span that quotes the article exactly."""

    fact_index: int
    fact_type: str
    label: str
    reason: str


@dataclass(frozen=True)
class ArticleScore:
    """Everything measured on one article, including what failed, for ``--verbose``."""

    article_id: str
    facts: Mapping[str, Counts]
    entities: Counts
    attributes: Mapping[str, Ratio]
    evidence: Ratio
    false_positives: tuple[KeyMiss, ...] = ()
    false_negatives: tuple[KeyMiss, ...] = ()
    entity_false_positives: tuple[str, ...] = ()
    entity_false_negatives: tuple[str, ...] = ()
    attribute_misses: tuple[AttributeMiss, ...] = ()
    invalid_evidence: tuple[EvidenceProblem, ...] = ()

    @property
    def micro(self) -> Counts:
        return sum_counts(self.facts.values())


@dataclass(frozen=True)
class EvalReport:
    """Totals over a set of articles; ``micro`` sums every key of every type."""

    articles: tuple[ArticleScore, ...]
    facts: Mapping[str, Counts]
    micro: Counts
    entities: Counts
    attributes: Mapping[str, Ratio]
    evidence: Ratio = field(default_factory=Ratio)


def sum_counts(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for count in counts:
        total = total + count
    return total


def sum_ratios(ratios: Iterable[Ratio]) -> Ratio:
    total = Ratio()
    for ratio in ratios:
        total = total + ratio
    return total


def aggregate(
    scores: Sequence[ArticleScore], *, model: Model | None = None, plan: ScoringPlan | None = None
) -> EvalReport:
    """Micro-average: TP/FP/FN are summed over articles and types, never averaged.

    The rows are the model's scored groups, in its reading order, each present even
    when no article has one, so reports of one model always have the same shape.
    """
    plan = plan or scoring_plan(model)
    facts = {
        group: sum_counts(score.facts.get(group, Counts()) for score in scores)
        for group in plan.groups
    }
    attributes = {
        name: sum_ratios(score.attributes.get(name, Ratio()) for score in scores)
        for name in plan.attribute_names
    }
    return EvalReport(
        articles=tuple(scores),
        facts=facts,
        micro=sum_counts(facts.values()),
        entities=sum_counts(score.entities for score in scores),
        attributes=attributes,
        evidence=sum_ratios(score.evidence for score in scores),
    )


def by_genre(report: EvalReport) -> dict[str, tuple[Counts, int]]:
    """Micro fact counts and article count per genre, largest genre first."""
    groups: dict[str, list[ArticleScore]] = {}
    for score in report.articles:
        groups.setdefault(genre_of(score.article_id), []).append(score)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return {name: (sum_counts(s.micro for s in scores), len(scores)) for name, scores in ordered}


