"""``blocgraph schema generate|check``: keep the generated files in step with the model."""

from __future__ import annotations

import argparse
from typing import Any

from blocgraph.schema.generate import check_drift, write_all


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema", help="generate or check the files derived from the domain model"
    )
    parser.add_argument("action", choices=["generate", "check"])
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "generate":
        for path in write_all():
            print(f"wrote {path}")
        return 0
    drifted = check_drift()
    for name in drifted:
        print(f"drifted: schema/generated/{name} (run `blocgraph schema generate`)")
    return 1 if drifted else 0
