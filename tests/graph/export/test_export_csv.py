"""The neo4j-admin CSV export: headers from the model, and Neo4j's own import tool reads it.

The import tool is the one ``neo4j-admin database import full`` runs; it ships
with the local runner's jars, so the test drives it through the export's own
``import.sh`` with a ``neo4j-admin`` wrapper on the PATH.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import neo4j
import pytest

from blocgraph.api.cli import main
from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.settings import Settings
from tests.graph.export_helpers import (
    export_bytes,
    label_counts,
    property_count,
    relationship_count,
)

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def files(dev: tuple[neo4j.Driver, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    with zipfile.ZipFile(io.BytesIO(export_bytes(*dev, "csv"))) as archive:
        archive.extractall(folder)
    return folder


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_headers_are_typed_from_the_model(files: Path) -> None:
    company = _rows(files / "nodes_Company.csv")[0]
    assert company[0] == "id:ID(Entity)" and company[-1] == ":LABEL"
    assert {"name", "aliases:string[]", "known:boolean"} <= set(company)
    rounds = _rows(files / "nodes_FundingRound.csv")[0]
    assert rounds[0] == "key:ID(Fact)"
    assert {"amount:double", "valuation:double", "round", "conflicts:string[]"} <= set(rounds)
    assert _rows(files / "rels_INVESTOR.csv")[0] == [
        ":START_ID(Fact)", ":END_ID(Entity)", ":TYPE", "lead:boolean"]
    support = _rows(files / "rels_SUPPORTED_BY.csv")[0]
    assert support[:3] == [":START_ID(Fact)", ":END_ID(Article)", ":TYPE"]
    assert {"start:long", "confidence:double", "values"} <= set(support)
    assert (files / "rels_IN_COUNTRY_Entity.csv").exists()
    assert (files / "rels_IN_COUNTRY_Fact.csv").exists()


def test_rows_hold_every_node_with_its_labels(dev: tuple[neo4j.Driver, str],
                                              files: Path) -> None:
    counts = label_counts(*dev)
    entities = sum(len(_rows(p)) - 1 for p in files.glob("nodes_*.csv")
                   if _rows(p)[0][0] == "id:ID(Entity)")
    assert entities == counts["Entity"]
    mistral = next(r for r in _rows(files / "nodes_Company.csv") if r[0] == "mistral-ai")
    assert mistral[-1] == "Entity;Company"
    lead = [r for r in _rows(files / "rels_INVESTOR.csv")[1:] if r[-1] == "true"]
    assert any(r[1] == "andreessen-horowitz" for r in lead)


def _admin_wrapper(tmp_path: Path, settings: Settings) -> Path | None:
    """A ``neo4j-admin`` script running the import tool from the local runner's jars."""
    target = local_neo4j.build_dir(settings)
    java = shutil.which("java")
    if java is None or not (target / "dependency").is_dir():
        return None
    classpath = os.pathsep.join([str(target / "classes"), str(target / "dependency" / "*")])
    script = tmp_path / "bin" / "neo4j-admin"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\nexec "{java}" -Xmx256m -cp "{classpath}" '
                      f'org.neo4j.cli.AdminTool "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script.parent


def test_neo4j_admin_imports_every_node_relationship_and_property(
    dev: tuple[neo4j.Driver, str], files: Path, tmp_path: Path, neo4j_settings: Settings,
) -> None:
    bin_dir = _admin_wrapper(tmp_path, neo4j_settings)
    if bin_dir is None:
        pytest.skip("no Java or no Neo4j jars (run `blocgraph neo4j build`)")
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    result = subprocess.run(["sh", "import.sh", "neo4j"], cwd=files, env=env, check=False,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    found = re.search(r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties",
                      result.stdout)
    assert found, result.stdout[-3000:]
    nodes, rels, props = (int(n) for n in found.groups())
    assert nodes == sum(v for k, v in label_counts(*dev).items()
                        if k in ("Entity", "Fact", "Article", "Country", "Bloc", "Curation"))
    assert rels == relationship_count(*dev)
    assert props == property_count(*dev)


def test_cli_writes_a_folder_or_a_zip(tmp_path: Path, neo4j_settings: Settings,
                                      monkeypatch: pytest.MonkeyPatch,
                                      dev: tuple[neo4j.Driver, str]) -> None:
    monkeypatch.setenv("BLOCGRAPH_NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("BLOCGRAPH_NEO4J_DATABASE", neo4j_settings.database)
    folder = tmp_path / "out"
    assert main(["export", "--format", "csv", "--entity", "mistral-ai",
                 "--out", f"{folder}/"]) == 0
    assert (folder / "nodes_Company.csv").exists() and (folder / "import.sh").exists()
    archive = tmp_path / "mistral.zip"
    assert main(["export", "--format", "csv", "--entity", "mistral-ai",
                 "--out", str(archive)]) == 0
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == sorted(p.name for p in folder.iterdir())
    assert not list(tmp_path.glob("*.part"))
