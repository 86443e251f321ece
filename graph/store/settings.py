"""Where Neo4j is and how to log in, read once from the environment.

Every entry point (CLI, API, tests) builds one :class:`Settings` with
:meth:`Settings.from_env` and passes it down, so nothing else reads environment
variables and tests can point the whole stack at a throw-away database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from blocgraph.errors import InputError

DEFAULT_PORT = 7687
LOCAL_HOST = "127.0.0.1"


def local_uri(port: int) -> str:
    """The Bolt URI of the local runner listening on ``port``."""
    return f"bolt://{LOCAL_HOST}:{port}"


@dataclass(frozen=True)
class Settings:
    """Connection and local-runner settings.

    ``uses_local_runner`` is true when the URI is the one the local runner
    serves, i.e. ``blocgraph neo4j start`` is what makes the database available.
    """

    uri: str
    user: str
    password: str
    database: str
    home: Path
    port: int
    uses_local_runner: bool

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read ``BLOCGRAPH_*`` variables; ``environ`` defaults to ``os.environ``."""
        env = os.environ if environ is None else environ
        port = _parse_port(env.get("BLOCGRAPH_NEO4J_PORT", ""))
        default_uri = local_uri(port)
        uri = env.get("BLOCGRAPH_NEO4J_URI", "").strip() or default_uri
        home = Path(env.get("BLOCGRAPH_HOME", "").strip() or "var")
        return cls(
            uri=uri,
            user=env.get("BLOCGRAPH_NEO4J_USER", "").strip() or "neo4j",
            password=env.get("BLOCGRAPH_NEO4J_PASSWORD", ""),
            database=env.get("BLOCGRAPH_NEO4J_DATABASE", "").strip() or "neo4j",
            home=home.expanduser().resolve(),
            port=port,
            uses_local_runner=_same_endpoint(uri, default_uri),
        )

    @property
    def auth(self) -> tuple[str, str] | None:
        """Basic-auth credentials, or ``None`` when no password is configured."""
        return (self.user, self.password) if self.password else None

    @property
    def data_dir(self) -> Path:
        """The local runner's Neo4j home (databases and Neo4j's own logs)."""
        return self.home / "neo4j"

    @property
    def log_file(self) -> Path:
        """Console output of the local runner's JVM."""
        return self.home / "logs" / "neo4j-runner.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"


def _parse_port(raw: str) -> int:
    if not raw.strip():
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise InputError(f"BLOCGRAPH_NEO4J_PORT must be a TCP port number, got {raw!r}")
    return port


def _same_endpoint(uri: str, default_uri: str) -> bool:
    """``localhost`` and ``neo4j://`` spellings of the local URI count as the local runner."""
    normalised = uri.rstrip("/").replace("neo4j://", "bolt://", 1)
    return normalised.replace("//localhost:", f"//{LOCAL_HOST}:", 1) == default_uri
