"""``blocgraph load FILE.jsonl...``: store saved extraction records without re-extracting.

Each line is one ``ExtractionResult.to_load_record()`` object (``-`` reads
standard input). Loading is idempotent, so re-running after an interruption
simply completes the graph.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import neo4j

from blocgraph.api.service import DEFAULT_BATCH, Extraction, IngestService
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.writer import LoadError


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "load", help="load saved extraction records (JSON lines) into Neo4j", description=__doc__
    )
    parser.add_argument("files", nargs="+", metavar="FILE.jsonl")
    add_writer_options(parser)
    parser.set_defaults(handler=run)


def add_writer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reference", action="store_true",
                        help="(re)load the reference data even if the graph has it")
    parser.add_argument("--batch-articles", type=int, default=DEFAULT_BATCH, metavar="N",
                        help=f"articles per transaction (default: {DEFAULT_BATCH})")


def print_error(error: LoadError) -> None:
    print(error.line(), file=sys.stderr)


def ingest_service(driver: neo4j.Driver, settings: Settings, args: argparse.Namespace, *,
                   use_model: bool | None = None) -> IngestService:
    """The service on a prepared store (reported on stderr when the reference data loads),
    each refused article printed as it happens."""
    service = IngestService(driver, settings.database, batch_articles=args.batch_articles,
                            on_error=print_error, reload_reference=args.reference,
                            extraction=Extraction(use_model=use_model))
    stats = service.prepare()
    if stats is not None:
        print(f"reference data loaded: {stats.entities} entities, {stats.facts} facts "
              f"({stats.seconds:.1f} s)", file=sys.stderr)
    return service


@dataclass
class RecordReader:
    """Records from JSON-lines files; unreadable files and lines are reported and skipped."""

    paths: list[str]
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for path in self.paths:
            if path == "-":
                yield from self._lines("<stdin>", sys.stdin)
                continue
            try:
                with Path(path).open(encoding="utf-8") as handle:
                    yield from self._lines(path, handle)
            except OSError as exc:
                self._fail(f"{path}: cannot read ({exc.strerror or exc})")

    def _lines(self, name: str, handle: TextIO) -> Iterator[dict[str, Any]]:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self._fail(f"{name}:{number}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                self._fail(f"{name}:{number}: not a JSON object")
                continue
            yield record

    def _fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)
        print(f"error: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    driver = open_driver(settings)
    try:
        service = ingest_service(driver, settings, args)
        reader = RecordReader(list(args.files))
        stats = service.load_many(reader)
    finally:
        driver.close()
    print(f"lines unreadable: {reader.failed}, {stats.line()}", file=sys.stderr)
    return 1 if reader.failed or stats.failed else 0
