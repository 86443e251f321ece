"""``blocgraph ingest PATH|URL|FEED...``: extract articles and store them in Neo4j as they stream.

The schema is applied and the reference data loaded on first use. Results are
written in batches of whole articles while extraction goes on, so memory stays
flat and an interruption loses at most the batch in flight (re-running is safe).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from blocgraph.api.commands.load import add_writer_options, ingest_service
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "ingest", help="extract articles (files, folders, URLs, feeds) into Neo4j",
        description=__doc__,
    )
    parser.add_argument("items", nargs="+", metavar="PATH|URL|FEED")
    parser.add_argument("--no-model", action="store_true",
                        help="run without the spaCy statistical model (rules and gazetteer only)")
    add_writer_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)  # before loading spaCy: fail fast when Neo4j is down
    try:
        service = ingest_service(driver, settings, args,
                                 use_model=False if args.no_model else None)
        report = service.ingest_items(args.items)
    finally:
        driver.close()
    print(report.line(), file=sys.stderr)
    return 1 if report.failed else 0
