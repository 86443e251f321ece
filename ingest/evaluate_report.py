"""Result types of the extraction scorer, their aggregation and their rendering.

Kept apart from the matching logic in :mod:`blocgraph.ingest.evaluate` so the
numbers the quality report shows (and the JSON the CI keeps) are defined in one
place, independent of how a match is decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

KEY_TYPES: tuple[str, ...] = (
    "BAN",
    "INVESTOR_LINK",
    "FUNDING_ROUND",
    "HEADQUARTERS",
    "ROLE",
    "DEVELOPS",
    "OWNERSHIP",
    "GOVERNMENT_FUNDING",
)
ATTRIBUTE_NAMES: tuple[str, ...] = (
    "published",
    "date",
    "valuation",
    "round",
    "subject",
    "currency",
)
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


def aggregate(scores: Sequence[ArticleScore]) -> EvalReport:
    """Micro-average: TP/FP/FN are summed over articles and types, never averaged."""
    facts = {
        fact_type: sum_counts(score.facts.get(fact_type, Counts()) for score in scores)
        for fact_type in KEY_TYPES
    }
    attributes = {
        name: sum_ratios(score.attributes.get(name, Ratio()) for score in scores)
        for name in ATTRIBUTE_NAMES
    }
    return EvalReport(
        articles=tuple(scores),
        facts=facts,
        micro=sum_counts(facts.values()),
        entities=sum_counts(score.entities for score in scores),
        attributes=attributes,
        evidence=sum_ratios(score.evidence for score in scores),
    )


def _counts_row(name: str, counts: Counts) -> str:
    if counts.is_empty:
        return f"{name:<20}{'-':>7}{'-':>7}{'-':>7}{0:>6}{0:>6}{0:>6}"
    return (
        f"{name:<20}{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}"
        f"{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}"
    )


def _ratio_text(ratio: Ratio) -> str:
    value = ratio.value
    share = "-" if value is None else f"{value:.1%}"
    return f"{ratio.correct}/{ratio.total} ({share})"


def _summary_lines(report: EvalReport) -> list[str]:
    header = f"{'facts':<20}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"
    lines = [f"articles: {len(report.articles)}", "", header]
    lines += [_counts_row(name, counts) for name, counts in report.facts.items()]
    lines += [_counts_row("micro", report.micro), "", _counts_row("entities", report.entities)]
    lines += ["", "attributes (on matched facts)"]
    lines += [f"  {name:<18}{_ratio_text(ratio)}" for name, ratio in report.attributes.items()]
    lines += ["", f"evidence valid: {_ratio_text(report.evidence)}"]
    genres = by_genre(report)
    if len(genres) > 1:
        lines += ["", f"{'by genre':<20}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"
                  "  articles"]
        lines += [f"{_counts_row(name, counts)}  {count}"
                  for name, (counts, count) in genres.items()]
    return lines


def by_genre(report: EvalReport) -> dict[str, tuple[Counts, int]]:
    """Micro fact counts and article count per genre, largest genre first."""
    groups: dict[str, list[ArticleScore]] = {}
    for score in report.articles:
        groups.setdefault(genre_of(score.article_id), []).append(score)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return {name: (sum_counts(s.micro for s in scores), len(scores)) for name, scores in ordered}


def _article_lines(score: ArticleScore) -> list[str]:
    micro = score.micro
    lines = [f"== {score.article_id}  micro F1 {micro.f1:.3f} (TP {micro.tp} FP {micro.fp}"
             f" FN {micro.fn}), entities F1 {score.entities.f1:.3f}"]
    lines += [f"  FP {miss.label}" for miss in score.false_positives]
    lines += [f"  FN {miss.label}" for miss in score.false_negatives]
    lines += [f"  entity FP {name}" for name in score.entity_false_positives]
    lines += [f"  entity FN {name}" for name in score.entity_false_negatives]
    lines += [
        f"  attribute {miss.attribute} of {miss.label}: gold {miss.gold!r}, got {miss.predicted!r}"
        for miss in score.attribute_misses
    ]
    lines += [f"  evidence {problem.label}: {problem.reason}" for problem in score.invalid_evidence]
    return lines


def format_report(report: EvalReport, *, verbose: bool = False) -> str:
    """A plain-text table; ``verbose`` adds, per article, every key that still fails."""
    lines = _summary_lines(report)
    if verbose:
        for score in report.articles:
            lines += ["", *_article_lines(score)]
    return "\n".join(lines) + "\n"


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
    }


def _ratio_json(ratio: Ratio) -> dict[str, Any]:
    return {"correct": ratio.correct, "total": ratio.total, "accuracy": ratio.value}


def _article_json(score: ArticleScore) -> dict[str, Any]:
    return {
        "id": score.article_id,
        "micro": _counts_json(score.micro),
        "facts": {name: _counts_json(counts) for name, counts in score.facts.items()},
        "entities": _counts_json(score.entities),
        "attributes": {name: _ratio_json(ratio) for name, ratio in score.attributes.items()},
        "evidence": _ratio_json(score.evidence),
        "false_positives": [miss.label for miss in score.false_positives],
        "false_negatives": [miss.label for miss in score.false_negatives],
        "entity_false_positives": list(score.entity_false_positives),
        "entity_false_negatives": list(score.entity_false_negatives),
        "attribute_misses": [
            {"type": m.fact_type, "attribute": m.attribute, "fact": m.label,
             "gold": m.gold, "predicted": m.predicted}
            for m in score.attribute_misses
        ],
        "invalid_evidence": [
            {"fact_index": p.fact_index, "type": p.fact_type, "fact": p.label, "reason": p.reason}
            for p in score.invalid_evidence
        ],
    }


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON types, for ``--json`` and for keeping scores over time."""
    return {
        "facts": {name: _counts_json(counts) for name, counts in report.facts.items()},
        "micro": _counts_json(report.micro),
        "entities": _counts_json(report.entities),
        "attributes": {name: _ratio_json(ratio) for name, ratio in report.attributes.items()},
        "evidence": _ratio_json(report.evidence),
        "genres": {name: {**_counts_json(counts), "articles": count}
                   for name, (counts, count) in by_genre(report).items()},
        "articles": [_article_json(score) for score in report.articles],
    }
