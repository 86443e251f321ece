"""``blocgraph extract PATH...``: one JSON object per article on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "extract", help="extract entities and facts from articles (files, folders, URLs)"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=["jsonl"], default="jsonl")
    parser.add_argument("--no-model", action="store_true",
                        help="run without the spaCy statistical model (rules and gazetteer only)")
    parser.add_argument(
        "--records", action="store_true",
        help="print load records (the contract plus the article text) for `blocgraph load`",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blocgraph.api.service import Extraction

    batch = Extraction(use_model=False if args.no_model else None).batch(args.paths)
    for result in batch.results():
        record = result.to_load_record() if args.records else result.to_contract()
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(batch.summary.line(), file=sys.stderr)
    return batch.summary.exit_code
