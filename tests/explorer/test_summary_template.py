"""The explorer's summary templates (``explorer/src/summary.ts``) run in Node.

The model's ``summary:`` sentences are the only place a fact type's wording lives,
so the grammar (``{field}``, ``{a|b|=text}``, ``[optional]``) is checked here on the
real templates of ``schema/types/*.yaml``. esbuild (installed with the explorer's
dev dependencies) turns the TypeScript into a module Node imports; without Node or
``npm ci`` the tests are skipped with a reason.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from blocgraph.schema.model import load_model

REPO = Path(__file__).resolve().parents[2]
EXPLORER = REPO / "explorer"
ESBUILD = EXPLORER / "node_modules" / ".bin" / "esbuild"

# Renders each case with plain strings: a value is its text, a literal "=text" is
# its text, a missing field with no fallback is "someone" (as a missing party reads).
DRIVER = """
import { renderTemplate, summaryShows, templateFields } from "./summary.mjs";
const cases = JSON.parse(await new Promise((done) => {
  let text = "";
  process.stdin.on("data", (c) => (text += c));
  process.stdin.on("end", () => done(text));
}));
const out = cases.map(({ template, values, shows }) => ({
  text: renderTemplate(template, {
    value: (field) => (values[field] ? [values[field]] : null),
    literal: (text) => text,
    missing: () => ["someone"],
    text: (text) => text,
  }).join(""),
  fields: templateFields(template),
  shows: shows ? summaryShows(template, shows) : null,
}));
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def module_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node = shutil.which("node")
    if not node or not ESBUILD.exists():
        pytest.skip("needs Node.js and the explorer's dev dependencies (make explorer)")
    out = tmp_path_factory.mktemp("summary")
    subprocess.run([str(ESBUILD), str(EXPLORER / "src" / "summary.ts"), "--format=esm",
                    "--platform=node", f"--outfile={out / 'summary.mjs'}", "--log-level=warning"],
                   check=True, cwd=EXPLORER)
    (out / "driver.mjs").write_text(DRIVER, encoding="utf-8")
    return out


def render(module_dir: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    done = subprocess.run(["node", str(module_dir / "driver.mjs")], input=json.dumps(cases),
                          capture_output=True, text=True, check=True, timeout=60)
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


def summary(code: str) -> str:
    template = load_model().fact_type(code).summary
    assert template, f"{code} declares no summary"
    return str(template)


def one(module_dir: Path, template: str, values: dict[str, str],
        shows: str | None = None) -> dict[str, Any]:
    return render(module_dir, [{"template": template, "values": values, "shows": shows}])[0]


def test_fields_and_optional_segments(module_dir: Path) -> None:
    template = summary("FUNDING_ROUND")
    full = {"company": "Mistral AI", "amount": "€385M", "round": "Series A",
            "investors": "a16z and Lightspeed"}
    assert one(module_dir, template, full)["text"] == (
        "Mistral AI raised €385M in a Series A from a16z and Lightspeed")
    bare = one(module_dir, template, {"company": "Mistral AI"})
    assert bare["text"] == "Mistral AI raised an undisclosed amount"
    assert bare["fields"] == ["company", "amount", "round", "investors"]


def test_alternatives_then_the_literal(module_dir: Path) -> None:
    template = summary("GOVERNMENT_FUNDING")
    every = {"funder": "France", "recipient": "Mistral AI", "program": "France 2030"}
    assert one(module_dir, template, every)["text"] == "France funds Mistral AI"
    assert one(module_dir, template, {"funder": "France", "program": "France 2030"})["text"] == (
        "France funds France 2030")
    assert one(module_dir, template, {"funder": "France"})["text"] == "France funds a programme"


def test_a_missing_field_without_fallback_is_reported_to_the_caller(module_dir: Path) -> None:
    template = summary("BAN")
    assert one(module_dir, template, {"actor": "US", "target": "China", "subject": "H20"})[
        "text"] == "US restricts China — H20"
    assert one(module_dir, template, {"target": "China"})["text"] == "someone restricts China"
    assert one(module_dir, template, {"actor": "US"})["text"] == "US restricts an unnamed target"


@pytest.mark.parametrize(("template", "values", "expected"), [
    ("{a}[ x {b}[ y {c}]]", {"a": "A", "b": "B"}, "A x B"),
    ("{a}[ x {b}[ y {c}]]", {"a": "A", "c": "C"}, "A"),
    ("{a}[ x {b}[ y {c}]]", {"a": "A", "b": "B", "c": "C"}, "A x B y C"),
    ("{a} [unclosed {b}", {"a": "A", "b": "B"}, "A [unclosed B"),
    ("{a} {unclosed", {"a": "A"}, "A {unclosed"),
    ("{a}] stray", {"a": "A"}, "A] stray"),
    ("{=only words}", {}, "only words"),
    ("{a|=x|y}", {}, "x|y"),
    ("[{a|=kept}]", {}, "kept"),
])
def test_grammar_edges(module_dir: Path, template: str, values: dict[str, str],
                       expected: str) -> None:
    assert one(module_dir, template, values)["text"] == expected


@pytest.mark.parametrize(("template", "field", "shows"), [
    ("{company} raised {amount|=an undisclosed amount}[ in a {round}][ from {investors}]",
     "round", True),
    ("{funder} funds {recipient|program|=a programme}", "program", False),
    ("{funder} funds {recipient|program|=a programme}", "recipient", True),
    ("{a}[ {b} and {c}]", "b", False),
    ("{a}[ {b} and {c|=x}]", "b", True),
    ("{a}", "z", False),
])
def test_summary_shows_a_field_whenever_it_is_set(module_dir: Path, template: str, field: str,
                                                  shows: bool) -> None:
    assert one(module_dir, template, {}, shows=field)["shows"] is shows


def test_every_model_summary_parses_to_its_own_fields(module_dir: Path) -> None:
    """Each template names only fields its fact type declares."""
    types = [t for t in load_model().fact_types if t.summary]
    assert types
    results = render(module_dir, [{"template": t.summary or "", "values": {}, "shows": None}
                                  for t in types])
    for fact_type, result in zip(types, results, strict=True):
        declared = {f.name for f in fact_type.fields}
        assert set(result["fields"]) <= declared, fact_type.code
