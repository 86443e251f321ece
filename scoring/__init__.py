"""The extraction scorer: extractor output against the gold annotations of ``samples/corpus``.

A package of its own, apart from ``ingest``, because it judges any extractor's
contract output rather than being part of one; what it compares is declared in
the domain model (``scoring:`` in each fact type's YAML).
"""

from __future__ import annotations

from blocgraph.scoring.article import score_article
from blocgraph.scoring.corpus import evaluate_dir
from blocgraph.scoring.report import format_report, report_to_json
from blocgraph.scoring.results import ArticleScore, Counts, EvalReport, Ratio, aggregate

__all__ = [
    "ArticleScore",
    "Counts",
    "EvalReport",
    "Ratio",
    "aggregate",
    "evaluate_dir",
    "format_report",
    "report_to_json",
    "score_article",
]
