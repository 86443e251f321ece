"""``blocgraph serve``: run the API (GraphQL at /graphql, probes at /healthz and /readyz).

Neo4j comes from ``BLOCGRAPH_NEO4J_*``, keys and limits from ``BLOCGRAPH_API_*``
(see :mod:`blocgraph.api.settings`). The server starts even while Neo4j is
down; ``/readyz`` answers 503 with the reason until it is reachable.
``--dev`` turns on GraphiQL and introspection (unless set otherwise). Connections
are bounded and slow headers cut off (:mod:`blocgraph.api.http_server`).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve", help="run the GraphQL API", description=__doc__,
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT})")
    parser.add_argument("--dev", action="store_true",
                        help="development mode: GraphiQL at /graphql, introspection on")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from blocgraph.api.app import create_app
    from blocgraph.api.http_server import server_config
    from blocgraph.api.settings import ApiSettings

    environ = dict(os.environ)
    if args.dev:
        environ["BLOCGRAPH_API_DEV"] = "1"
    app = create_app(ApiSettings.from_env(environ))
    uvicorn.Server(server_config(app, args.host, args.port, environ)).run()
    return 0
