"""What every export, the ontology and the SHACL shapes agree on, derived from the model.

The graph in Neo4j holds a few properties and relationships beyond the YAML
types (``known`` and ``merged_into`` on entities, ``conflicts`` and
``retracted_at`` on facts, Curation nodes, ``SAME_AS``, an entity's
``IN_COUNTRY``); they are declared here once, next to the model's own, so a
CSV header, a GraphML key, an RDF term and a SHACL constraint can never
disagree about a name or a type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from blocgraph.schema.field_types import field_type
from blocgraph.schema.model import Model, NodeType, PropertySpec

ONTOLOGY_NS = "https://blocgraph.org/ontology#"
DEFAULT_BASE = "https://blocgraph.org/id"
PROV_NS = "http://www.w3.org/ns/prov#"

NodeKind = Literal["bloc", "country", "article", "entity", "fact", "curation"]
# Export order: every node comes after the nodes its relationships point at
# (SAME_AS between entities is the one exception, so importers link in a second pass).
KINDS: tuple[NodeKind, ...] = ("bloc", "country", "article", "entity", "fact", "curation")

SUPPORTED_BY = "SUPPORTED_BY"
IN_COUNTRY = "IN_COUNTRY"
SAME_AS = "SAME_AS"
REFERENCE_LABEL = "Reference"
SOURCE_LABEL = "Source"  # the RDF node qualifying one SUPPORTED_BY (PROV-O derivation)


@dataclass(frozen=True)
class KindSpec:
    """How one kind of node is identified: the label its key is unique on, and its IRI path."""

    kind: NodeKind
    label: str
    key: str
    segment: str


KIND_SPECS: dict[NodeKind, KindSpec] = {
    "bloc": KindSpec("bloc", "Bloc", "id", "bloc"),
    "country": KindSpec("country", "Country", "iso", "country"),
    "article": KindSpec("article", "Article", "id", "article"),
    "entity": KindSpec("entity", "Entity", "id", "entity"),
    "fact": KindSpec("fact", "Fact", "key", "fact"),
    "curation": KindSpec("curation", "Curation", "id", "curation"),
}


@dataclass(frozen=True)
class Column:
    """One property: ``type`` names a field type of the registry (``schema.field_types``),
    the export type of a fact field (an ``amount`` is a ``float`` column), or ``datetime``."""

    name: str
    type: str
    list: bool = False
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class LinkSpec:
    """A relationship a node may have: its target kind, properties and boolean flag."""

    type: str
    target: NodeKind
    columns: tuple[Column, ...] = ()
    flag: str | None = None
    required: bool = False
    list: bool = True
    ranges: tuple[str, ...] = ()


_ENTITY_EXTRAS = (
    Column("known", "boolean", description="True for reference (gazetteer) entities."),
    Column("merged_into", "id", description="The entity a curator merged this one into."),
)
_FACT_EXTRAS = (
    Column("conflicts", "string", list=True, description="Attributes the sources disagree on."),
    Column("retracted_at", "datetime"),
)
_CURATION_COLUMNS = (
    Column("id", "id", required=True),
    Column("action", "string", required=True, description="merge or retract."),
    Column("subject", "id", required=True, description="The merged entity or retracted fact."),
    Column("target", "id", description="The surviving entity of a merge."),
    Column("why", "string"),
    Column("by", "string"),
    Column("at", "datetime"),
)
_ENTITY_LINKS = (
    LinkSpec(IN_COUNTRY, "country", (Column("via", "string"),)),
    LinkSpec(SAME_AS, "entity", (Column("by", "string"), Column("at", "datetime")), list=False),
)


def _columns(props: Iterable[PropertySpec]) -> tuple[Column, ...]:
    return tuple(Column(p.name, p.type, p.list, p.required, p.description) for p in props)


def _field_columns(fact: NodeType) -> tuple[Column, ...]:
    return tuple(Column(f.name, field_type(f.type).export)
                 for f in fact.fields if not f.is_participant)


def _unique(columns: Iterable[Column]) -> tuple[Column, ...]:
    return tuple({c.name: c for c in columns}.values())


def fact_types(model: Model, code: str | None = None) -> list[NodeType]:
    return [model.fact_type(code)] if code else model.fact_types


def node_columns(model: Model, kind: NodeKind, type_name: str | None = None) -> tuple[Column, ...]:
    """Every property a node of ``kind`` may carry; for facts ``type_name`` is a code
    (``BAN``), and without it the columns of every fact type together."""
    if kind == "entity":
        return (*_columns(model.get("Entity").properties), *_ENTITY_EXTRAS)
    if kind == "fact":
        fields = [c for fact in fact_types(model, type_name) for c in _field_columns(fact)]
        return _unique((*_columns(model.get("Fact").properties), *fields, *_FACT_EXTRAS))
    if kind == "curation":
        return _CURATION_COLUMNS
    return _columns(model.get(KIND_SPECS[kind].label).properties)


def support_columns(model: Model) -> tuple[Column, ...]:
    """Properties of a SUPPORTED_BY relationship (the evidence a source gives)."""
    edge = next(e for e in model.get("Fact").edges if e.type == SUPPORTED_BY)
    return _columns(edge.properties)


def link_specs(model: Model, kind: NodeKind, type_name: str | None = None) -> tuple[LinkSpec, ...]:
    """The relationships a node of ``kind`` may have (for facts: of type code ``type_name``)."""
    if kind == "entity":
        return _ENTITY_LINKS
    if kind == "country":
        return tuple(LinkSpec(e.type, "bloc", _columns(e.properties), list=False)
                     for e in model.get("Country").edges)
    if kind != "fact":
        return ()
    merged: dict[str, LinkSpec] = {}
    for fact in fact_types(model, type_name):
        for link in _fact_links(fact):
            merged[link.type] = _either(merged[link.type], link) if link.type in merged else link
    merged[SUPPORTED_BY] = LinkSpec(SUPPORTED_BY, "article", support_columns(model))
    return tuple(merged.values())


def _fact_links(fact: NodeType) -> list[LinkSpec]:
    """One link per edge type of a fact type; fields sharing an edge are folded together."""
    links: dict[str, LinkSpec] = {}
    for spec in fact.fields:
        if spec.edge is None:
            continue
        target: NodeKind = "country" if spec.type == "country" else "entity"
        link = LinkSpec(spec.edge, target, (), spec.edge_flag, spec.required, spec.list,
                        spec.range)
        old = links.get(spec.edge)
        if old is not None:
            ranges = () if not (old.ranges and link.ranges) else (*old.ranges, *link.ranges)
            link = LinkSpec(link.type, target, (), old.flag or link.flag,
                            old.required or link.required, True, tuple(dict.fromkeys(ranges)))
        links[spec.edge] = link
    return [_with_flag_column(link) for link in links.values()]


def _with_flag_column(link: LinkSpec) -> LinkSpec:
    columns = (Column(link.flag, "boolean"),) if link.flag else ()
    return LinkSpec(link.type, link.target, columns, link.flag, link.required, link.list,
                    link.ranges)


def _either(a: LinkSpec, b: LinkSpec) -> LinkSpec:
    """The same edge type in two fact types: what holds for a fact of either."""
    ranges = () if not (a.ranges and b.ranges) else tuple(dict.fromkeys((*a.ranges, *b.ranges)))
    flag = a.flag or b.flag
    return _with_flag_column(LinkSpec(a.type, a.target, (), flag, a.required and b.required,
                                      a.list or b.list, ranges))


def labels_for(model: Model, kind: NodeKind, type_name: str) -> list[str]:
    """A node's labels, most general first, from the model (never from input)."""
    if kind == "entity":
        return model.labels(type_name)
    if kind == "fact":
        return model.labels(model.fact_type(type_name).name)
    if kind == "article" and type_name == REFERENCE_LABEL:
        return [KIND_SPECS[kind].label, REFERENCE_LABEL]
    return [KIND_SPECS[kind].label]


# --- RDF names ----------------------------------------------------------------------------


def camel(name: str) -> str:
    """``RAISED_BY`` -> ``raisedBy``, ``content_hash`` -> ``contentHash``."""
    first, *rest = name.lower().split("_")
    return first + "".join(part.capitalize() for part in rest)


@dataclass(frozen=True)
class RdfNames:
    """Local names in the ontology namespace for every property and relationship.

    A datatype property whose plain name is already an object property (a
    curation's ``target`` and the BAN edge ``TARGET``) is prefixed with its kind.
    Relationship properties other than flags and evidence become properties of
    the relationship's start node, named after the edge (``sameAsBy``).
    """

    props: dict[tuple[str, str], str] = field(default_factory=dict)
    edges: dict[str, str] = field(default_factory=dict)
    flags: dict[tuple[str, str], str] = field(default_factory=dict)
    link_props: dict[tuple[str, str], str] = field(default_factory=dict)

    def prop(self, kind: str, name: str) -> str:
        return self.props[(kind, name)]


def rdf_names(model: Model) -> RdfNames:
    names = RdfNames()
    for kind in KINDS:
        for link in link_specs(model, kind):
            if link.type == SUPPORTED_BY:
                continue
            names.edges[link.type] = camel(link.type)
            if link.flag:
                names.flags[(link.flag, link.type)] = camel(f"{link.flag}_{link.type}")
                continue
            for column in link.columns:
                names.link_props[(link.type, column.name)] = camel(f"{link.type}_{column.name}")
    taken = {*names.edges.values(), *names.flags.values(), *names.link_props.values()}
    for owner, columns in all_columns(model):
        for column in columns:
            plain = camel(column.name)
            names.props[(owner, column.name)] = (
                camel(f"{owner}_{column.name}") if plain in taken else plain
            )
    return names


def all_columns(model: Model) -> list[tuple[str, tuple[Column, ...]]]:
    """(kind, columns) for every node kind and for ``source`` (the evidence of a support)."""
    found: list[tuple[str, tuple[Column, ...]]] = [(k, node_columns(model, k)) for k in KINDS]
    found.append(("source", support_columns(model)))
    return found
