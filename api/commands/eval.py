"""``blocgraph eval GOLD_DIR``: measure the extractor against gold-annotated articles."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from blocgraph.scoring import evaluate_dir, format_report, report_to_json


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "eval",
        help="score the extractor on a folder of NAME.txt articles with NAME.gold.json",
    )
    parser.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--verbose", action="store_true", help="list, per article, what still fails"
    )
    parser.add_argument(
        "--no-model",
        action="store_true",
        help="run the extractor without the statistical model (gazetteer and rules only)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Late import: loading the extractor (and spaCy) is only worth it for this command.
    from blocgraph.ingest.pipeline import Extractor

    extractor = Extractor(use_model=not args.no_model)

    def extract(articles: Iterable[Any]) -> Iterator[dict[str, Any]]:
        for result in extractor.extract_many(articles):
            contract: dict[str, Any] = result.to_contract()
            yield contract

    report = evaluate_dir(args.gold_dir, extract)
    if args.json:
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report, verbose=args.verbose), end="")
    return 0
