"""Opening the Neo4j driver with a failure people can act on.

The official driver reports an unreachable server as a chain of socket errors;
callers only need to know *which* URI could not be reached, so every connection
failure becomes one :class:`StoreUnavailableError` naming it.
"""

from __future__ import annotations

import re

import neo4j
from neo4j import exceptions as neo4j_errors

from blocgraph.errors import InputError, StoreUnavailableError
from blocgraph.graph.store.settings import Settings

CONNECT_TIMEOUT_S = 10.0
_REASON = re.compile(r"\(reason ([^)]*)\)")


def open_driver(settings: Settings, *, connect_timeout: float = CONNECT_TIMEOUT_S) -> neo4j.Driver:
    """A driver already known to reach the server; the caller closes it."""
    driver = _create_driver(settings, connect_timeout)
    try:
        driver.verify_connectivity()
    except neo4j_errors.AuthError as exc:
        driver.close()
        raise StoreUnavailableError(
            f"Neo4j at {settings.uri} rejected the credentials of user {settings.user!r}"
        ) from exc
    except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError, ValueError) as exc:
        driver.close()
        raise StoreUnavailableError(
            f"Neo4j is not reachable at {settings.uri} ({_reason(exc)}); "
            "start it with `blocgraph neo4j start` or set BLOCGRAPH_NEO4J_URI"
        ) from exc
    return driver


def server_version(driver: neo4j.Driver) -> str:
    """The server's version, e.g. ``"5.26.30"`` (the agent string without ``Neo4j/``)."""
    agent = driver.get_server_info().agent
    return agent.split("/", 1)[1] if "/" in agent else agent


def _create_driver(settings: Settings, connect_timeout: float) -> neo4j.Driver:
    try:
        return neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, connection_timeout=connect_timeout
        )
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise InputError(f"BLOCGRAPH_NEO4J_URI {settings.uri!r} is not usable: {exc}") from exc


def _reason(exc: Exception) -> str:
    """The socket-level cause (e.g. ``Connection refused``) buried in the driver's message.

    ``str(exc)`` rather than ``exc.message``: on driver errors the latter is a
    generic GQL status text and emits a preview warning.
    """
    text = str(exc).strip()
    causes = _REASON.findall(text)
    if causes:
        return str(causes[-1])
    lines = text.splitlines()
    return lines[-1] if lines else type(exc).__name__
