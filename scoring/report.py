"""The scorer's report as a plain-text table and as JSON.

Rendering only: the numbers are :mod:`blocgraph.scoring.results`'s, and the rows
are whatever groups the model scores, so a new fact type shows with no change here.
"""

from __future__ import annotations

from typing import Any

from blocgraph.scoring.results import ArticleScore, Counts, EvalReport, Ratio, by_genre


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
