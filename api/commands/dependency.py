"""``blocgraph dependency ENTITY``: who the entity depends on, per bloc, with the evidence."""

from __future__ import annotations

import argparse
import json
from typing import Any

from blocgraph.graph.analytics.dependency import DependencyResult, FactStep


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "dependency", help="score an entity's dependence on each bloc, with paths and sources"
    )
    parser.add_argument("entities", nargs="+", metavar="ENTITY", help="entity ids, e.g. mistral-ai")
    parser.add_argument("--as-of", help="count only facts dated on or before this ISO date")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blocgraph.graph.analytics.dependency import dependency
    from blocgraph.graph.store.driver import open_driver
    from blocgraph.graph.store.settings import Settings

    settings = Settings.from_env()
    with open_driver(settings) as driver:
        for entity in args.entities:
            result = dependency(driver, entity, args.as_of, database=settings.database)
            print(json.dumps(result.to_dict(), default=str) if args.json else render(result))
    return 0


def render(result: DependencyResult) -> str:
    """A reader's summary: blocs by score, each channel's share and the facts behind it."""
    when = f" as of {result.as_of}" if result.as_of else ""
    lines = [f"{result.name} ({result.type}) depends on{when}:"]
    for bloc in sorted(result.blocs, key=lambda b: -b.score):
        lines.append(f"  {bloc.name:<16} {bloc.score:5.2f}")
        for channel, evidence in bloc.channels.items():
            if evidence.score <= 0:
                continue
            lines.append(f"    {channel:<12} {evidence.score:5.2f}")
            for path in evidence.paths[:3]:
                lines.append(f"      via {path.via}: {_steps(path.steps)}")
    return "\n".join(lines)


def _steps(steps: tuple[FactStep, ...]) -> str:
    parts = []
    for step in steps:
        quote = (step.sources[0].text or "") if step.sources else ""
        quote = (quote[:90] + "…") if len(quote) > 90 else quote
        parts.append(f"{step.type} {step.source}→{step.target}" + (f' "{quote}"' if quote else ""))
    return "; ".join(parts)
