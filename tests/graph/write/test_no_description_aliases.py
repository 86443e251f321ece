"""The sample graph, the API and an export: aliases are names, never descriptions.

The extractor once kept "the company" or "the startup's" as aliases of the entity
they referred to, and the graph, the API and every export showed them. Loaded from
the development corpus through the real extractor and loader, no alias may be a
determiner or pronoun description.
"""

from __future__ import annotations

import io
import json

import neo4j
import pytest

from blocgraph.api.backend import Backend
from blocgraph.api.settings import ApiSettings
from blocgraph.graph.export.formats import ExportOptions, export_graph
from blocgraph.graph.store.settings import Settings
from tests.api.conftest import serve
from tests.graph.dev_corpus import ensure_dev_graph
from tests.ingest.test_entities_dev_aliases import DETERMINER_DESCRIPTION

pytestmark = pytest.mark.neo4j


def _descriptions(aliases: list[str] | None) -> list[str]:
    """Aliases shaped like "the company", "its Paris-based lab", "it"; a capitalised
    official name with its article ("the European Commission") is a name."""
    return [a for a in aliases or [] if DETERMINER_DESCRIPTION.match(a.strip())
            and not a.strip().split()[-1][:1].isupper()]


def test_no_description_is_an_alias_in_the_graph_the_api_or_an_export(
        neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    ensure_dev_graph(neo4j_driver, neo4j_settings.database)
    rows = neo4j_driver.execute_query(
        "MATCH (e:Entity) RETURN e.id AS id, e.aliases AS aliases",
        database_=neo4j_settings.database).records
    assert len(rows) > 500
    assert [(r["id"], _descriptions(r["aliases"])) for r in rows
            if _descriptions(r["aliases"])] == []

    out = io.BytesIO()
    export_graph(neo4j_driver, "jsonl", out, ExportOptions(database=neo4j_settings.database))
    exported = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    entities = [item for item in exported if item["kind"] == "entity"]
    assert len(entities) == len(rows)
    assert [item for item in entities
            if _descriptions(item["properties"].get("aliases"))] == []

    server = serve(ApiSettings(), Backend(neo4j_driver, neo4j_settings.database))
    try:
        seen = 0
        after = None
        while True:
            body = server.client.post("/graphql", json={
                "query": "query($after: String) { entities(first: 100, after: $after) "
                         "{ nodes { id aliases } pageInfo { endCursor hasNextPage } } }",
                "variables": {"after": after}}).json()
            page = body["data"]["entities"]
            seen += len(page["nodes"])
            assert [n for n in page["nodes"] if _descriptions(n["aliases"])] == []
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert seen == len(rows)
    finally:
        server.stop()
