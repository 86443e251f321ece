"""Neo4j constraints and indexes, derived from the domain model.

The statements are idempotent (``IF NOT EXISTS``) so applying them on every start
is safe; the generated file is committed so reviewers see schema changes in diffs.
"""

from __future__ import annotations

from blocgraph.schema.model import Model, NodeType

FULLTEXT_INDEX = "entity_names"


def constraint_statements(model: Model) -> list[str]:
    """Uniqueness on every labelled type's key, a full-text index, and lookup indexes."""
    statements = [_unique(node) for node in _keyed_types(model)]
    statements.append(_fulltext(model))
    statements.extend(_range_indexes())
    return statements


def _keyed_types(model: Model) -> list[NodeType]:
    return sorted((t for t in model.types.values() if t.key), key=lambda t: t.label)


def _unique(node: NodeType) -> str:
    name = f"{node.label.lower()}_{node.key}_unique"
    return (
        f"CREATE CONSTRAINT {name} IF NOT EXISTS "
        f"FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE"
    )


def _fulltext(model: Model) -> str:
    entity = model.get("Entity")
    props = ", ".join(f"n.{p.name}" for p in entity.properties if p.fulltext)
    return (
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:{entity.label}) ON EACH [{props}]"
    )


def _range_indexes() -> list[str]:
    """Indexes for the filters the API offers (country, fact date, article date)."""
    return [
        "CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country)",
        "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX fact_date IF NOT EXISTS FOR (n:Fact) ON (n.date)",
        "CREATE INDEX fact_type IF NOT EXISTS FOR (n:Fact) ON (n.type)",
        "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
    ]


def render_constraints(model: Model) -> str:
    header = "// Generated from schema/types/*.yaml by `blocgraph schema generate`. Do not edit.\n"
    return header + "".join(f"{s};\n" for s in constraint_statements(model))
