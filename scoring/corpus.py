"""Scoring a folder of gold-annotated articles (``NAME.txt`` with ``NAME.gold.json``).

The only part of the scorer that reads files or runs an extractor; everything it
hands on is a contract dict, scored by :func:`blocgraph.scoring.article.score_article`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from blocgraph.errors import InputError
from blocgraph.schema.model import Model, load_model
from blocgraph.scoring.article import score_article
from blocgraph.scoring.results import EvalReport, aggregate

if TYPE_CHECKING:
    from blocgraph.ingest.sources import Article

T = TypeVar("T")


def _article_paths(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise InputError(f"gold directory not found: {gold_dir}")
    paths = sorted(gold_dir.glob("*.txt"))
    if not paths:
        raise InputError(f"no *.txt articles in {gold_dir}")
    return paths


def _load_gold(article_path: Path) -> dict[str, Any]:
    gold_path = article_path.with_name(f"{article_path.stem}.gold.json")
    try:
        gold: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"no gold annotation for {article_path.name}: {gold_path}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON in {gold_path}: {exc}") from exc
    return gold


def _read_articles(paths: Sequence[Path]) -> list[Article]:
    """The articles as the extractor sees them; evidence offsets index their text."""
    from blocgraph.ingest.sources import SourceError, read_sources  # late: pulls in fetchers

    items = list(read_sources([str(path) for path in paths]))
    for item in items:
        if isinstance(item, SourceError):
            raise InputError(f"cannot read {item.item}: {item.reason}")
    articles = [item for item in items if not isinstance(item, SourceError)]
    return list(_exactly(articles, len(paths), "articles from the gold directory"))


def _exactly(items: Iterable[T], count: int, what: str) -> Iterator[T]:
    listed = list(items)
    if len(listed) != count:
        raise InputError(f"expected {count} {what}, got {len(listed)}")
    return iter(listed)


def evaluate_dir(
    gold_dir: Path,
    extract: Callable[[Iterable[Article]], Iterable[Mapping[str, Any]]],
    *,
    model: Model | None = None,
) -> EvalReport:
    """Read ``GOLD_DIR/*.txt`` with their ``.gold.json``, run ``extract`` and score it.

    Results are paired with articles by order, so ``extract`` must yield exactly one
    contract object per article, in the order given.
    """
    model = model or load_model()
    paths = _article_paths(gold_dir)
    golds = [_load_gold(path) for path in paths]
    articles = _read_articles(paths)
    predictions = _exactly(extract(articles), len(articles), "extraction results")
    scores = [
        score_article(prediction, gold, article.text, article_id=path.stem, model=model)
        for path, gold, article, prediction in zip(paths, golds, articles, predictions, strict=True)
    ]
    return aggregate(scores, model=model)
