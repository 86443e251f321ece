"""``blocgraph import FILE``: load an export (JSON Lines, Turtle, N-Triples, JSON-LD) into Neo4j.

Meant for an empty database (``--allow-nonempty`` merges into existing data
instead). The schema is applied first; nodes are written before
relationships, in batches, so memory stays flat for JSON Lines (RDF files are
parsed whole).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from blocgraph.graph.export.base import DEFAULT_BATCH
from blocgraph.graph.export.importer import IMPORT_FORMATS, import_file
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings

COMMAND = "import"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        COMMAND, help="import an export file into an empty Neo4j database", description=__doc__
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--format", choices=IMPORT_FORMATS, dest="fmt",
                        help="default: from the file name (.jsonl, .ttl, .nt, .jsonld)")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, metavar="N",
                        help=f"nodes per transaction (default: {DEFAULT_BATCH})")
    parser.add_argument("--allow-nonempty", action="store_true",
                        help="merge into a database that already holds data")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        stats = import_file(driver, Path(args.file), args.fmt, database=settings.database,
                            batch_size=args.batch, allow_nonempty=args.allow_nonempty)
    finally:
        driver.close()
    print(stats.line(), file=sys.stderr)
    return 1 if stats.missing else 0
