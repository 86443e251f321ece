"""Files generated from the domain model, and the drift check over them.

Each generator maps a committed file under ``schema/generated/`` to a function
of the model. ``blocgraph schema generate`` rewrites them; ``check_drift`` (run
by the tests) reports every file whose committed text differs from a fresh run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from blocgraph.schema.model import Model, load_model

GENERATED_DIR = Path(__file__).parent / "generated"

# file name -> "module:function" taking the model and returning the file's text.
GENERATORS: dict[str, str] = {
    "constraints.cypher": "blocgraph.schema.constraints:render_constraints",
    "ontology.ttl": "blocgraph.schema.ontology:render_ontology",
    "shapes.ttl": "blocgraph.schema.shapes:render_shapes",
    "schema.graphql": "blocgraph.api.gql.schema:render_sdl",
}


def _resolve(target: str) -> Callable[[Model], str]:
    module_name, _, func = target.partition(":")
    renderer: Callable[[Model], str] = getattr(importlib.import_module(module_name), func)
    return renderer


def render_all(model: Model | None = None) -> dict[str, str]:
    current = model or load_model()
    return {name: _resolve(target)(current) for name, target in GENERATORS.items()}


def write_all(directory: Path = GENERATED_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_drift(directory: Path = GENERATED_DIR) -> list[str]:
    """Names of generated files that are missing or differ from the model."""
    drifted = []
    for name, text in render_all().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            drifted.append(name)
    return drifted
