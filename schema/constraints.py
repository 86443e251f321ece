"""Neo4j constraints and indexes, and the value checks, derived from the domain model.

The statements are idempotent (``IF NOT EXISTS``) so applying them on every start
is safe; the generated file is committed so reviewers see schema changes in diffs.

Neo4j Community (our store) has uniqueness constraints only: property type and
existence constraints (``REQUIRE n.amount IS :: FLOAT``) are Enterprise Edition.
So what a stored value may be is checked by query instead: :func:`value_checks`
gives one read-only query per fact field and per declared property, built from
the field type's Cypher predicate (``schema.field_types``), each returning the
nodes or relationships whose value does not fit; none means the graph agrees
with the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from blocgraph.schema.field_types import field_type
from blocgraph.schema.model import EdgeSpec, FieldSpec, Model, NodeType, PropertySpec

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


# --- value checks -------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueCheck:
    """One stored field against its type: ``query`` returns ``key`` and ``value`` of each
    node (or relationship) that breaks it. ``owner`` is a label or relationship type."""

    owner: str
    field: str
    type: str
    query: str


def value_checks(model: Model) -> list[ValueCheck]:
    """A query per fact field (participants: the edge's targets), then per property of
    every root node type and of every relationship type the model declares."""
    checks = [_field_check(model, fact, spec)
              for fact in model.fact_types for spec in fact.fields]
    roots = sorted((t for t in model.types.values() if not t.extends), key=lambda t: t.label)
    for node in roots:
        checks += [_property_check(node, prop) for prop in node.properties]
        for edge in node.edges:
            checks += [_edge_property_check(node, edge, prop) for prop in edge.properties]
    return checks


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _property_check(node: NodeType, prop: PropertySpec) -> ValueCheck:
    value = f"n.{_quoted(prop.name)}"
    broken = _broken(value, prop.type, prop.list, prop.required)
    key = f"n.{_quoted(node.key)}" if node.key else "elementId(n)"
    query = (f"MATCH (n:{_quoted(node.label)}) WHERE {broken} "
             f"RETURN {key} AS key, {value} AS value")
    return ValueCheck(node.label, prop.name, prop.type, query)


def _edge_property_check(node: NodeType, edge: EdgeSpec, prop: PropertySpec) -> ValueCheck:
    value = f"r.{_quoted(prop.name)}"
    broken = _broken(value, prop.type, prop.list, prop.required)
    key = f"n.{_quoted(node.key)}" if node.key else "elementId(n)"
    query = (f"MATCH (n:{_quoted(node.label)})-[r:{_quoted(edge.type)}]->() WHERE {broken} "
             f"RETURN {key} AS key, {value} AS value")
    return ValueCheck(edge.type, prop.name, prop.type, query)


def _broken(value: str, type_name: str, many: bool, required: bool) -> str:
    return "NOT " + field_type(type_name).cypher(value, many=many, required=required)


def _field_check(model: Model, fact: NodeType, spec: FieldSpec) -> ValueCheck:
    if not spec.is_participant:
        value = f"n.{_quoted(spec.name)}"
        broken = _broken(value, spec.type, spec.list, spec.required)
        query = (f"MATCH (n:{_quoted(fact.label)}) WHERE {broken} "
                 f"RETURN n.{_quoted(str(fact.key))} AS key, {value} AS value")
        return ValueCheck(fact.label, spec.name, spec.type, query)
    return ValueCheck(fact.label, spec.name, spec.type, _participant_query(model, fact, spec))


def _participant_query(model: Model, fact: NodeType, spec: FieldSpec) -> str:
    """A participant is an edge: its target must be a node of the field's kind (and
    ``range``) whose key fits the field type; a required field needs one such edge."""
    assert spec.edge is not None, f"{fact.name}.{spec.name} is a participant without an edge"
    target = model.get("Country" if spec.type == "country" else "Entity")
    target_key = f"t.{_quoted(str(target.key))}"
    flag = f" WHERE r.{_quoted(spec.edge_flag)} = true" if spec.edge_flag else ""
    edge = f"(n)-[r:{_quoted(spec.edge)}]->(t)"
    fits = [f"t:{_quoted(target.label)}", field_type(spec.type).cypher(target_key, required=True)]
    if spec.range:
        fits.append("(" + " OR ".join(f"t:{_quoted(model.get(r).label)}"
                                      for r in spec.range) + ")")
    joined = " AND ".join(fits)
    wrong = f"EXISTS {{ MATCH {edge}{flag}{' AND' if flag else ' WHERE'} NOT ({joined}) }}"
    if spec.required:
        wrong = f"NOT EXISTS {{ MATCH {edge}{flag} }} OR {wrong}"
    return (f"MATCH (n:{_quoted(fact.label)}) WHERE {wrong} "
            f"RETURN n.{_quoted(str(fact.key))} AS key, [{edge}{flag} | {target_key}] AS value")
