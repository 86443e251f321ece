"""Cypher for loading, built from the domain model: each function returns ``(query, params)``.

Labels, relationship types and property names are the only things spliced into
query text, and they come from the model (checked to be plain identifiers);
every value travels as a parameter. Writes are ``UNWIND $rows AS row MERGE ...``
on the uniqueness-constraint keys, so one round trip writes a whole group of
rows and a concurrent loader of the same node waits instead of duplicating it.

Property reads that feed a ``SET`` sit directly in the ``SET`` expression (or
follow a write to the same node), which makes Neo4j take the node's write lock
before reading: unions and conflict checks cannot lose a concurrent update.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from blocgraph.errors import ModelError
from blocgraph.graph.read.conflicts import clash_expression, compared_fields
from blocgraph.schema.model import FieldSpec, Model

Query = tuple[str, dict[str, Any]]
Rows = Sequence[dict[str, Any]]

# Names the graph-model contract adds beyond the YAML types (see the model note).
REFERENCE_LABEL = "Reference"
REFERENCE_ID = "reference"
IN_COUNTRY = "IN_COUNTRY"
MEMBER_OF = "MEMBER_OF"
SAME_AS = "SAME_AS"
SUPPORTED_BY = "SUPPORTED_BY"
_LOCK = "_lock"

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def ident(name: str) -> str:
    """``name`` unchanged if it is a plain identifier, so splicing it cannot inject Cypher."""
    if not _IDENT.match(name):
        raise ModelError(f"{name!r} is not a plain identifier; refusing to put it in a query")
    return name


def _labels(model: Model, type_name: str) -> str:
    return ":".join(ident(label) for label in model.labels(type_name))


def _alias_union(target: str, *extra: str) -> str:
    """Aliases of ``target`` plus new ones, in first-seen order, never repeating its name."""
    sources = " + ".join(["coalesce(e.aliases, [])", *extra, "row.aliases"])
    return (
        f"reduce(acc = [], x IN {sources} | "
        f"CASE WHEN x IS NULL OR x = {target} OR x IN acc THEN acc ELSE acc + x END)"
    )


# --- articles and entities ---------------------------------------------------


def merge_articles(rows: Rows) -> Query:
    """Rows ``{id, props}``; the latest load of an article wins its metadata."""
    query = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a += row.props"
    return query, {"rows": list(rows)}


def merge_reference_article(row: dict[str, Any]) -> Query:
    query = (
        f"UNWIND $rows AS row MERGE (a:Article {{id: row.id}}) "
        f"SET a:{REFERENCE_LABEL}, a += row.props"
    )
    return query, {"rows": [row]}


def merge_entities(model: Model, type_name: str, rows: Rows) -> Query:
    """Extracted entities (rows ``{id, name, aliases, country, description, known}``).

    The first load fixes the name; later mentions only add aliases (another
    article's name for it included) and fill gaps, so a re-load changes nothing
    and reference data is never overwritten. Where articles type an unknown
    entity differently, the type of lowest ``precedence`` in the model wins, so
    the graph is the same whatever order (or how many loaders at once) the
    articles arrive in.
    """
    this = model.get(type_name)
    label = ident(this.label)
    demote = "".join(
        f"FOREACH (_ IN CASE WHEN NOT e.known AND e:{ident(other.label)} THEN [1] ELSE [] END "
        f"| REMOVE e:{ident(other.label)} SET e:{label}) "
        for other in model.entity_types
        if (other.precedence, other.name) > (this.precedence, this.name)
    )
    query = (
        "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
        f"ON CREATE SET e:{label}, e.name = row.name, e.known = row.known "
        f"{demote}"
        f"SET e.aliases = {_alias_union('e.name', '[row.name]')}, "
        "e.country = coalesce(e.country, row.country), "
        "e.description = coalesce(e.description, row.description), "
        "e.known = e.known OR row.known"
    )
    return query, {"rows": list(rows)}


def merge_reference_entities(model: Model, type_name: str, rows: Rows) -> Query:
    """Gazetteer entities are authoritative: they fix type, name, country and description.

    A name an extraction gave first is kept as an alias.
    """
    label = ident(model.get(type_name).label)
    others = [ident(t.label) for t in model.entity_types if t.label != label]
    remove = f"REMOVE e:{':'.join(others)} " if others else ""
    query = (
        "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) "
        f"SET e.aliases = {_alias_union('row.name', '[e.name]')} "
        f"{remove}SET e:{label}, e.name = row.name, e.known = true, "
        "e.country = row.country, e.description = row.description"
    )
    return query, {"rows": list(rows)}


# --- facts -------------------------------------------------------------------


def merge_facts(model: Model, code: str, rows: Rows) -> Query:
    """Rows ``{key, type, props}``; flags disagreements on the fact, keeps first values.

    ``retracted`` is only written when the fact is created, so a curator's
    retraction survives any re-load.
    """
    fact = model.fact_type(code)
    labels = _labels(model, fact.name)
    fields = compared_fields(fact)
    # The throw-away write on match takes the node's lock before the comparison
    # reads it and before participant edges are merged onto it.
    head = (
        f"UNWIND $rows AS row MERGE (f:{labels} {{key: row.key}}) "
        "ON CREATE SET f += row.props, f.type = row.type, f.retracted = false, "
        "f.conflict = false, f.conflicts = [] "
        f"ON MATCH SET f.{_LOCK} = true "
    )
    if not fields:
        return head + f"REMOVE f.{_LOCK}", {"rows": list(rows)}
    clashes = ", ".join(_clash(spec) for spec in fields)
    fills = ", ".join(
        f"f.{ident(s.name)} = coalesce(f.{ident(s.name)}, row.props.{ident(s.name)})"
        for s in fields
    )
    query = (
        head
        + f"WITH f, row, [c IN [{clashes}] WHERE c IS NOT NULL] AS clash "
        f"SET {fills}, "
        "f.conflicts = reduce(acc = coalesce(f.conflicts, []), c IN clash | "
        "CASE WHEN c IN acc THEN acc ELSE acc + c END), "
        "f.conflict = coalesce(f.conflict, false) OR size(clash) > 0 "
        f"REMOVE f.{_LOCK}"
    )
    return query, {"rows": list(rows)}


def _clash(spec: FieldSpec) -> str:
    name = ident(spec.name)
    return clash_expression(spec.type, f"f.{name}", f"row.props.{name}", name)


def participant_edge(model: Model, code: str, edge: str) -> tuple[bool, str | None]:
    """Whether ``edge`` of fact ``code`` points at a Country, and the flag it carries."""
    specs = [s for s in model.fact_type(code).fields if s.edge == edge]
    if not specs:
        raise ModelError(f"fact type {code} has no edge {edge!r}")
    to_country = any(s.type == "country" for s in specs)
    flags = [s.edge_flag for s in specs if s.edge_flag]
    return to_country, (flags[0] if flags else None)


def merge_participants(model: Model, code: str, edge: str, rows: Rows) -> Query:
    """Rows ``{key, id, flag}``: one edge from the fact to each participant.

    Entities were merged earlier in the same transaction, so plain MATCH finds
    them (and their locks are already held). A flag such as ``lead`` is true as
    soon as one source says so.
    """
    to_country, flag = participant_edge(model, code, edge)
    fact_label = ident(model.fact_type(code).label)
    rel = ident(edge)
    if to_country:
        target = "MERGE (e:Country {iso: row.id}) ON CREATE SET e.name = row.id "
    else:
        target = "MATCH (e:Entity {id: row.id}) "
    query = f"UNWIND $rows AS row MATCH (f:{fact_label} {{key: row.key}}) {target}"
    query += f"MERGE (f)-[r:{rel}]->(e)"
    if flag:
        name = ident(flag)
        query += f" ON CREATE SET r.{name} = row.flag ON MATCH SET r.{name} = r.{name} OR row.flag"
    return query, {"rows": list(rows)}


def merge_support(rows: Rows) -> Query:
    """Rows ``{key, article, props}``: one SUPPORTED_BY per (fact, article), latest wins."""
    query = (
        "UNWIND $rows AS row MATCH (f:Fact {key: row.key}) MATCH (a:Article {id: row.article}) "
        f"MERGE (f)-[s:{SUPPORTED_BY}]->(a) SET s += row.props"
    )
    return query, {"rows": list(rows)}


def drop_stale_support(rows: Rows) -> Query:
    """Rows ``{article, keys}``: a re-extracted article no longer supports facts it dropped.

    A fact left with no support goes too, unless a curator retracted it (kept for audit).
    """
    query = (
        f"UNWIND $rows AS row MATCH (a:Article {{id: row.article}})<-[s:{SUPPORTED_BY}]-(f:Fact) "
        "WHERE NOT f.key IN row.keys DELETE s WITH DISTINCT f "
        f"WHERE NOT (f)-[:{SUPPORTED_BY}]->() AND NOT coalesce(f.retracted, false) "
        "DETACH DELETE f"
    )
    return query, {"rows": list(rows)}


# --- reference geography -----------------------------------------------------


def merge_blocs(rows: Rows) -> Query:
    return "UNWIND $rows AS row MERGE (b:Bloc {id: row.id}) SET b.name = row.name", {
        "rows": list(rows)
    }


def merge_countries(rows: Rows) -> Query:
    """Rows ``{iso, name, bloc}``; a country that changed bloc loses its old MEMBER_OF."""
    query = (
        "UNWIND $rows AS row MERGE (c:Country {iso: row.iso}) SET c.name = row.name "
        "WITH c, row MATCH (b:Bloc {id: row.bloc}) "
        f"MERGE (c)-[:{MEMBER_OF}]->(b) "
        f"WITH c, b OPTIONAL MATCH (c)-[old:{MEMBER_OF}]->(x:Bloc) WHERE x <> b DELETE old"
    )
    return query, {"rows": list(rows)}


def merge_entity_countries(rows: Rows) -> Query:
    """Rows ``{id, iso}``: the reference's IN_COUNTRY edge of an entity."""
    query = (
        "UNWIND $rows AS row MATCH (e:Entity {id: row.id}) MATCH (c:Country {iso: row.iso}) "
        f"MERGE (e)-[r:{IN_COUNTRY}]->(c) SET r.via = 'reference'"
    )
    return query, {"rows": list(rows)}


# --- reads -------------------------------------------------------------------


def read_reference_hash() -> Query:
    query = (
        f"MATCH (a:Article:{REFERENCE_LABEL} {{id: $id}}) RETURN a.content_hash AS content_hash"
    )
    return query, {"id": REFERENCE_ID}
