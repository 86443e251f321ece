"""``blocgraph neo4j build|start|stop|status``: the local Neo4j without Docker.

``status`` exits 0 when Neo4j answers and 3 when it does not (the LSB "not
running" code), so scripts can test it like a service.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.settings import Settings

EXIT_NOT_RUNNING = 3


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "neo4j", help="build, start, stop or inspect the local Neo4j", description=__doc__
    )
    actions = parser.add_subparsers(dest="neo4j_action", required=True)
    build = actions.add_parser("build", help="compile the Java runner with Maven (once)")
    build.set_defaults(handler=_build)
    start = actions.add_parser("start", help="start Neo4j in the background and wait for Bolt")
    start.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for Bolt to answer (default: 60)",
    )
    start.set_defaults(handler=_start)
    stop = actions.add_parser("stop", help="shut the local Neo4j down cleanly")
    stop.set_defaults(handler=_stop)
    status = actions.add_parser("status", help="report whether Neo4j answers (exit 3 if not)")
    status.set_defaults(handler=_status)


def _build(args: argparse.Namespace) -> int:
    began = time.monotonic()
    target = local_neo4j.build(Settings.from_env())
    print(f"runner built in {target} ({time.monotonic() - began:.1f} s)")
    return 0


def _start(args: argparse.Namespace) -> int:
    began = time.monotonic()
    state = local_neo4j.start(Settings.from_env(), wait=args.wait)
    print(f"started in {time.monotonic() - began:.1f} s")
    _print_status(state)
    return 0


def _stop(args: argparse.Namespace) -> int:
    stopped = local_neo4j.stop(Settings.from_env())
    print("stopped" if stopped else "not running")
    return 0


def _status(args: argparse.Namespace) -> int:
    state = local_neo4j.status(Settings.from_env())
    _print_status(state)
    return 0 if state.running else EXIT_NOT_RUNNING


def _print_status(state: local_neo4j.Status) -> None:
    pid = f" (pid {state.pid})" if state.pid is not None else ""
    print(f"neo4j:   {_state_word(state)}{pid}")
    print(f"version: {state.version or '-'}")
    print(f"uri:     {state.uri}")
    data = state.data_dir if state.data_dir is not None else "- (not the local runner)"
    print(f"data:    {data}")


def _state_word(state: local_neo4j.Status) -> str:
    if state.running:
        return "running"
    return "starting or unresponsive" if state.pid is not None else "stopped"
