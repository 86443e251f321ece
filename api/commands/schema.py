"""``blocgraph schema generate|check``: keep the generated files in step with the model."""

from __future__ import annotations

import argparse
from typing import Any

from blocgraph.api.gql.schema import render_sdl
from blocgraph.schema.generate import Renderer, check_drift, write_all

# The API's own file derived from the model; the schema package renders the rest.
API_FILES: dict[str, Renderer] = {"schema.graphql": render_sdl}


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema", help="generate or check the files derived from the domain model"
    )
    parser.add_argument("action", choices=["generate", "check"])
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "generate":
        for path in write_all(extra=API_FILES):
            print(f"wrote {path}")
        return 0
    drifted = check_drift(extra=API_FILES)
    for name in drifted:
        print(f"drifted: schema/generated/{name} (run `blocgraph schema generate`)")
    return 1 if drifted else 0
