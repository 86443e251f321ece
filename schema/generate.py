"""Files generated from the domain model, and the drift check over them.

Each generator maps a committed file under ``schema/generated/`` to a function
of the model. ``blocgraph schema generate`` rewrites them; ``check_drift`` (run
by the tests) reports every file whose committed text differs from a fresh run.

The schema package renders its own files (constraints, ontology, shapes); a
package above it that derives a file from the model too (the API's GraphQL SDL)
passes its renderers in as ``extra``, so nothing here imports upwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from blocgraph.schema.constraints import render_constraints
from blocgraph.schema.model import Model, load_model
from blocgraph.schema.ontology import render_ontology
from blocgraph.schema.shapes import render_shapes

GENERATED_DIR = Path(__file__).parent / "generated"

Renderer = Callable[[Model], str]

# file name -> the function of the model that renders it
GENERATORS: Mapping[str, Renderer] = {
    "constraints.cypher": render_constraints,
    "ontology.ttl": render_ontology,
    "shapes.ttl": render_shapes,
}


def render_all(model: Model | None = None,
               extra: Mapping[str, Renderer] | None = None) -> dict[str, str]:
    current = model or load_model()
    generators = {**GENERATORS, **(extra or {})}
    return {name: render(current) for name, render in generators.items()}


def write_all(directory: Path = GENERATED_DIR,
              extra: Mapping[str, Renderer] | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all(extra=extra).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_drift(directory: Path = GENERATED_DIR,
                extra: Mapping[str, Renderer] | None = None) -> list[str]:
    """Names of generated files that are missing or differ from the model."""
    drifted = []
    for name, text in render_all(extra=extra).items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            drifted.append(name)
    return drifted
