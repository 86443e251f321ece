"""What the export tests share: the development graph, loaded once per module."""

from __future__ import annotations

import neo4j
import pytest

from blocgraph.graph.store.settings import Settings
from tests.graph.dev_corpus import ensure_dev_graph


@pytest.fixture(scope="module")
def dev(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> tuple[neo4j.Driver, str]:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    return neo4j_driver, neo4j_settings.database
