"""The ``blocgraph`` console command.

Each sub-command lives in its own module under ``blocgraph.api.commands`` and
exposes ``register(subparsers)``; this module only assembles them and turns a
:class:`BlocGraphError` into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from blocgraph.errors import BlocGraphError

COMMAND_MODULES = (
    "neo4j",
    "schema",
    "extract",
    "eval",
    "ingest",
    "load",
    "curate",
    "dependency",
    "export",
    "import_",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="blocgraph", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"blocgraph.api.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except BlocGraphError as exc:
        print(f"blocgraph: error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
