"""Generated files stay in step with the model; a change to a type shows as drift."""

from __future__ import annotations

from pathlib import Path

from blocgraph.schema.constraints import constraint_statements
from blocgraph.schema.generate import GENERATED_DIR, check_drift, render_all, write_all
from blocgraph.schema.model import load_model


def test_committed_generated_files_match_the_model() -> None:
    assert check_drift() == []


def test_drift_is_detected(tmp_path: Path) -> None:
    write_all(tmp_path)
    assert check_drift(tmp_path) == []
    first = next(iter(render_all()))
    (tmp_path / first).write_text("stale\n")
    assert check_drift(tmp_path) == [first]
    assert (GENERATED_DIR / first).exists()


def test_every_keyed_type_has_a_uniqueness_constraint_and_a_fulltext_index() -> None:
    model = load_model()
    statements = "\n".join(constraint_statements(model))
    for node in model.types.values():
        if node.key:
            assert f"FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE" in statements
    assert "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH" in statements
    assert "n.aliases" in statements
