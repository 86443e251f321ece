"""Export, wipe, ``blocgraph import``: the same graph and the same answers come back.

The dev corpus gets a merge and a retraction first, so curation survives the
trip too. Community edition has one database, so the module saves the plain
dev graph as JSON Lines up front and restores it at the end (exactly: the
other modules' fixtures then find the graph they loaded).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from blocgraph.api.cli import main
from blocgraph.errors import InputError
from blocgraph.graph.analytics.dependency import dependency
from blocgraph.graph.export.importer import import_file
from blocgraph.graph.read.lookups import conflicts, entity_facts, fact_sources, get_entity
from blocgraph.graph.store.settings import Settings
from blocgraph.graph.write.curation import merge_entities, retract_fact
from tests.conftest import WIPE_QUERY
from tests.graph.dev_corpus import ensure_dev_graph
from tests.graph.export_helpers import export_bytes, snapshot

pytestmark = pytest.mark.neo4j

Snapshot = tuple[list[str], list[str]]


@dataclasses.dataclass
class Curated:
    driver: neo4j.Driver
    database: str
    folder: Path
    graph: Snapshot
    rdf_graph: Snapshot
    answers: dict[str, Any]

    def wipe(self) -> None:
        with self.driver.session(database=self.database) as session:
            session.run(WIPE_QUERY).consume()

    def export(self, fmt: str) -> Path:
        path = self.folder / f"graph.{fmt}"
        path.write_bytes(export_bytes(self.driver, self.database, fmt))
        return path


def answers(driver: neo4j.Driver, database: str, *, rdf: bool = False) -> dict[str, Any]:
    """A sample of what the API answers: facts with sources, a merge, conflicts, dependency."""
    facts = entity_facts(driver, ["mistral-ai", "lidl"], database=database)
    keys = [f.key for found in facts.values() for f in found]
    merged = get_entity(driver, "kaufland", database=database)
    if merged is not None and rdf:  # RDF keeps aliases as a set
        merged = dataclasses.replace(merged, aliases=tuple(sorted(merged.aliases)))
    return {
        "facts": facts,
        "sources": fact_sources(driver, keys, database=database),
        "merged": merged,
        "conflicts": conflicts(driver, database=database).items,
        "dependency": dependency(driver, "mistral-ai", database=database).to_dict(),
    }


@pytest.fixture(scope="module")
def curated(neo4j_driver: neo4j.Driver, neo4j_settings: Settings,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Curated]:
    database = neo4j_settings.database
    ensure_dev_graph(neo4j_driver, database)
    folder = tmp_path_factory.mktemp("roundtrip")
    original = snapshot(neo4j_driver, database)
    saved = folder / "original.jsonl"
    saved.write_bytes(export_bytes(neo4j_driver, database, "jsonl"))
    merge_entities(neo4j_driver, "lidl", "kaufland", by="test", why="one group",
                   database=database)
    role = neo4j_driver.execute_query(
        "MATCH (f:Role)-[:ORG]->(:Entity {id: 'mistral-ai'}) RETURN f.key AS key "
        "ORDER BY key LIMIT 1", database_=database).records[0]["key"]
    retract_fact(neo4j_driver, role, why="test", by="test", database=database)
    state = Curated(neo4j_driver, database, folder, snapshot(neo4j_driver, database),
                    snapshot(neo4j_driver, database, rdf=True),
                    answers(neo4j_driver, database))
    yield state
    state.wipe()
    import_file(neo4j_driver, saved, database=database)
    assert snapshot(neo4j_driver, database) == original


def test_the_sample_covers_curation(curated: Curated) -> None:
    assert curated.answers["merged"].id == "lidl"
    assert curated.answers["facts"]["mistral-ai"] and curated.answers["sources"]
    assert any('"action": "merge"' in row for row in curated.graph[0])
    assert any('"retracted": true' in row for row in curated.graph[0])


def test_json_lines_round_trip_is_exact(curated: Curated) -> None:
    before = snapshot(curated.driver, curated.database)  # the curated graph, or its RDF copy
    path = curated.export("jsonl")
    curated.wipe()
    stats = import_file(curated.driver, path, database=curated.database)
    assert stats.missing == 0 and not stats.ignored
    assert snapshot(curated.driver, curated.database) == before
    if before == curated.graph:
        assert answers(curated.driver, curated.database) == curated.answers


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_round_trip_keeps_every_node_relationship_and_answer(
    curated: Curated, fmt: str,
) -> None:
    path = curated.export(fmt)
    curated.wipe()
    stats = import_file(curated.driver, path, database=curated.database)
    assert stats.missing == 0 and not stats.ignored
    assert snapshot(curated.driver, curated.database, rdf=True) == curated.rdf_graph
    expected = dict(curated.answers)
    if expected["merged"] is not None:
        expected["merged"] = dataclasses.replace(
            expected["merged"], aliases=tuple(sorted(expected["merged"].aliases)))
    assert answers(curated.driver, curated.database, rdf=True) == expected


def test_import_wants_an_empty_database_and_a_known_format(curated: Curated) -> None:
    path = curated.export("jsonl")
    with pytest.raises(InputError, match="not empty"):
        import_file(curated.driver, path, database=curated.database)
    stats = import_file(curated.driver, path, database=curated.database, allow_nonempty=True)
    assert stats.missing == 0  # merging the same export again changes nothing
    assert snapshot(curated.driver, curated.database, rdf=True) == curated.rdf_graph
    odd = curated.folder / "graph.xml"
    odd.write_text("<graph/>")
    with pytest.raises(InputError, match="--format"):
        import_file(curated.driver, odd, database=curated.database)


def test_cli_import(curated: Curated, neo4j_settings: Settings,
                   monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    before = snapshot(curated.driver, curated.database)
    path = curated.export("jsonl")
    curated.wipe()
    assert main(["import", str(path), "--batch", "50"]) == 0
    assert "dangling: 0" in capsys.readouterr().err
    assert snapshot(curated.driver, curated.database) == before
    assert main(["import", str(path)]) == 2  # not empty any more: one clear error line
    assert "not empty" in capsys.readouterr().err
