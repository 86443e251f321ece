"""``blocgraph export --format FMT [--entity ID [--hops N] | --bloc B] [--out PATH]``.

Streams the graph (or an entity's neighbourhood, or a bloc) as Turtle,
N-Triples, JSON-LD, neo4j-admin CSV, GraphML or JSON Lines, reading Neo4j a
page at a time. Without ``--out`` the export goes to standard output; a file is
written beside its final name and renamed when complete, so an interrupted
export never leaves a truncated file behind. CSV goes into a folder when
``--out`` names one (or ends with ``/``), else into one zip archive.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO, Any

import neo4j

from blocgraph.errors import InputError
from blocgraph.graph.export.base import DEFAULT_BATCH, Scope
from blocgraph.graph.export.formats import FORMATS, ExportOptions, export_graph
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings
from blocgraph.schema.vocabulary import DEFAULT_BASE


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export", help="export the graph as RDF, CSV, GraphML or JSON Lines", description=__doc__
    )
    parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
    parser.add_argument("--entity", metavar="ID", help="only this entity and its neighbourhood")
    parser.add_argument("--hops", type=int, default=1, metavar="N",
                        help="facts to follow from --entity or the bloc's entities (default: 1)")
    parser.add_argument("--bloc", metavar="B", help="only the entities a bloc holds (eu, us ...)")
    parser.add_argument("--out", metavar="PATH", help="file (or folder for csv); default stdout")
    parser.add_argument("--base", default=DEFAULT_BASE, metavar="IRI",
                        help=f"base of entity and fact IRIs (default: {DEFAULT_BASE})")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, metavar="N",
                        help=f"nodes read per query (default: {DEFAULT_BATCH})")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    scope = Scope(entity=args.entity, bloc=args.bloc, hops=args.hops)
    settings = Settings.from_env()
    options = ExportOptions(scope, args.base, settings.database, max(1, args.batch))
    driver = open_driver(settings)
    try:
        counts = _export(driver, args.fmt, args.out, options)
    finally:
        driver.close()
    summary = ", ".join(f"{kind}: {count}" for kind, count in counts.items()) or "nothing"
    print(f"exported {scope.describe()} as {args.fmt}: {summary}", file=sys.stderr)
    return 0


def _export(driver: neo4j.Driver, fmt: str, out: str | None,
            options: ExportOptions) -> dict[str, int]:
    if out is None:
        stream: IO[bytes] = sys.stdout.buffer
        counts = export_graph(driver, fmt, stream, options)
        stream.flush()
        return counts
    target = Path(out)
    if target.is_dir() or out.endswith(("/", os.sep)):
        if fmt != "csv":
            raise InputError(f"{out} is a folder; only csv exports into one, give a file name")
        return export_graph(driver, fmt, sys.stdout.buffer, options, directory=target)
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("wb") as handle:
            counts = export_graph(driver, fmt, handle, options)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return counts
