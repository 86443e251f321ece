"""A fact type declared in YAML alone flows through the whole product.

The model folder is a copy of ``schema/types`` plus one new type file
(``Partnership.yaml``, the one `docs/recipes.md` shows). Every step runs the
real command-line program in a subprocess with ``BLOCGRAPH_MODEL_DIR`` pointing
at that folder, against the test session's real Neo4j: extraction by the
type's declared frames, loading, the generic GraphQL listing and the model
query, the JSON Lines, Turtle and CSV exports, and the scorer. No code knows
the type; if any step needed a code change, this test would fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import neo4j
import pytest
from rdflib import RDF, Graph

from blocgraph.graph.store import local_neo4j
from blocgraph.graph.store.settings import Settings

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "docs" / "recipes.md"
BIN = Path(sys.executable).parent / "blocgraph"

ARTICLE = (
    "Velkor Labs teams up with Brellow Systems on AI chips\n\n"
    "Oslo, March 4, 2024 - Velkor Labs has partnered with Brellow Systems to design "
    "accelerators for language models, the two companies said on Monday.\n\n"
    "Velkor Labs, a Norwegian start-up, was founded in 2021.\n"
)
GOLD = {
    "published": "2024-03-04",
    "entities": [
        {"id": "velkor", "name": "Velkor Labs", "type": ["Company"], "country": "NO",
         "aliases": []},
        {"id": "brellow", "name": "Brellow Systems", "type": ["Company"], "country": None,
         "aliases": []},
    ],
    "facts": [{"type": "PARTNERSHIP", "org": "velkor", "partner": "brellow",
               "date": "2024-03-04", "evidence": []}],
}


def _recipe_yaml() -> str:
    """The type file exactly as the recipe shows it, so the docs cannot drift."""
    text = RECIPES.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None, "docs/recipes.md lost its Partnership.yaml example"
    lines = block.group(1).splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines) + "\n"


@pytest.fixture
def extended(tmp_path: Path, neo4j_settings: Settings, clean_db: neo4j.Driver
             ) -> Iterator[dict[str, str]]:
    types = tmp_path / "types"
    shutil.copytree(ROOT / "schema" / "types", types)
    (types / "Partnership.yaml").write_text(_recipe_yaml(), encoding="utf-8")
    env = {**os.environ, "BLOCGRAPH_MODEL_DIR": str(types),
           "BLOCGRAPH_NEO4J_URI": neo4j_settings.uri,
           "BLOCGRAPH_NEO4J_USER": neo4j_settings.user,
           "BLOCGRAPH_NEO4J_PASSWORD": neo4j_settings.password,
           "BLOCGRAPH_NEO4J_DATABASE": neo4j_settings.database}
    yield env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, f"blocgraph {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = local_neo4j.free_port()
    process = subprocess.Popen([str(BIN), "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("blocgraph serve did not start")


def test_a_fact_type_declared_in_yaml_flows_through_everything(
        extended: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "velkor-brellow.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "velkor-brellow.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")

    # Extraction: the declared frames find the fact, with its evidence sentence.
    extracted = json.loads(_run(extended, "extract", str(corpus / "velkor-brellow.txt"))
                           .splitlines()[0])
    found = [f for f in extracted["facts"] if f["type"] == "PARTNERSHIP"]
    assert len(found) == 1
    assert found[0]["date"] == "2024-03-04"
    assert "has partnered with Brellow Systems" in found[0]["evidence"][0]["text"]

    # Loading, twice: idempotent.
    _run(extended, "ingest", str(corpus / "velkor-brellow.txt"))
    _run(extended, "ingest", str(corpus / "velkor-brellow.txt"))

    # The API: the model query and the generic listing know the type.
    process, url = _serve(extended)
    try:
        query = """{ model { factTypes { code title plural summary edge { label } } }
                     facts(type: PARTNERSHIP) { nodes { type key participants { field name }
                       sources { article { id } } ... on Partnership { date } } } }"""
        answer = httpx.post(f"{url}/graphql", json={"query": query}, timeout=30).json()
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "errors" not in answer, answer
    info = {t["code"]: t for t in answer["data"]["model"]["factTypes"]}
    assert info["PARTNERSHIP"]["plural"] == "Partnerships"
    assert info["PARTNERSHIP"]["edge"]["label"] == "partners with"
    items = answer["data"]["facts"]["nodes"]
    assert len(items) == 1 and items[0]["date"] == "2024-03-04"
    assert {p["field"]: p["name"] for p in items[0]["participants"]} == {
        "org": "Velkor Labs", "partner": "Brellow Systems"}
    assert len(items[0]["sources"]) == 1

    # Exports: JSON Lines and Turtle carry the fact in the model's terms; CSV has its file.
    lines = [json.loads(line) for line in _run(extended, "export", "--format", "jsonl")
             .splitlines() if line.strip()]
    facts = [item for item in lines if item.get("type") == "PARTNERSHIP"]
    assert len(facts) == 1
    turtle = Graph().parse(data=_run(extended, "export", "--format", "ttl"), format="turtle")
    typed = {str(o) for o in turtle.objects(None, RDF.type)}
    assert any(iri.endswith("Partnership") for iri in typed)
    csv_dir = tmp_path / "csv"
    _run(extended, "export", "--format", "csv", "--out", f"{csv_dir}/")
    # neo4j-admin files: the fact's node file and one file per new relationship type.
    written = {path.name: path.read_text(encoding="utf-8") for path in csv_dir.iterdir()}
    assert any("PARTNERSHIP" in text for text in written.values())
    assert any(name.startswith("rels_") and "PARTNER_ORG" in text
               for name, text in written.items())

    # The scorer keys the type from its YAML scoring declaration.
    report = json.loads(_run(extended, "eval", str(corpus), "--json"))
    assert "PARTNERSHIP" in json.dumps(report)
    assert _recall(report, "PARTNERSHIP") == 1.0


def _recall(report: object, key_type: str) -> float | None:
    """The type's recall wherever the report's JSON keeps per-type figures."""
    if isinstance(report, dict):
        if key_type in report and isinstance(report[key_type], dict) \
                and "recall" in report[key_type]:
            return float(report[key_type]["recall"])
        for value in report.values():
            found = _recall(value, key_type)
            if found is not None:
                return found
    if isinstance(report, list):
        for value in report:
            found = _recall(value, key_type)
            if found is not None:
                return found
    return None
