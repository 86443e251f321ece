"""Session-wide Neo4j for tests marked ``@pytest.mark.neo4j``.

When ``BLOCGRAPH_NEO4J_URI`` is set the tests use that server (CI, a real
install); otherwise one local runner is started on a free port with a
throw-away BLOCGRAPH_HOME for the whole session. Community edition has a
single user database, so ``clean_db`` isolates tests by wiping it first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import neo4j
import pytest

from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.driver import open_driver
from blocgraph.graph.store.settings import Settings

# Batched so a large leftover graph never needs one huge transaction.
WIPE_QUERY = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a Neo4j that answers for the whole session."""
    if os.environ.get("BLOCGRAPH_NEO4J_URI"):
        yield Settings.from_env()
        return
    home = tmp_path_factory.mktemp("blocgraph-home")
    settings = Settings.from_env(
        {"BLOCGRAPH_HOME": str(home), "BLOCGRAPH_NEO4J_PORT": str(local_neo4j.free_port())}
    )
    local_neo4j.start(settings, wait=120.0)
    try:
        yield settings
    finally:
        local_neo4j.stop(settings)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    driver = open_driver(neo4j_settings)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_db(neo4j_settings: Settings, neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    """The session driver on an empty database (constraints and indexes are kept).

    ``CALL { } IN TRANSACTIONS`` must run in an auto-commit transaction, hence
    ``session.run`` rather than ``execute_query``.
    """
    with neo4j_driver.session(database=neo4j_settings.database) as session:
        session.run(WIPE_QUERY).consume()
    return neo4j_driver
