"""The OWL ontology of the RDF exports, generated from the domain model.

Classes are the node types (entity types under ``bg:Entity``, fact types
under ``bg:Fact``), object properties the relationships (a fact's
participant edges, ``bg:memberOf``, ``bg:inCountry``, ``bg:sameAs``) and
datatype properties every scalar a node can carry. Provenance is PROV-O's:
facts and articles are ``prov:Entity``, a fact ``prov:wasDerivedFrom`` each
article supporting it, qualified by a ``bg:Source`` (a ``prov:Derivation``)
that holds the evidence span, confidence and that source's own values.

The Turtle is written by hand rather than by a serialiser, so the committed
file only changes when the model does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from blocgraph.schema.field_types import field_type
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import (
    KIND_SPECS,
    KINDS,
    ONTOLOGY_NS,
    PROV_NS,
    REFERENCE_LABEL,
    SOURCE_LABEL,
    SUPPORTED_BY,
    Column,
    all_columns,
    fact_types,
    link_specs,
    rdf_names,
)

ONTOLOGY_IRI = ONTOLOGY_NS.rstrip("#")
PREFIXES = {
    "bg": ONTOLOGY_NS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": PROV_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
HEADER = "# Generated from schema/types/*.yaml by `blocgraph schema generate`. Do not edit.\n"
_EXTRA_CLASSES = {
    REFERENCE_LABEL: ("Article", "The article standing for BlocGraph's curated reference data."),
    SOURCE_LABEL: ("prov:Derivation",
                   "One article's support for a fact: the evidence span, the extractor's "
                   "confidence and the attribute values this source gave."),
    "Curation": (None, "A curator's decision: an entity merge or a fact retraction."),
}


def turtle_string(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def prefix_lines(prefixes: dict[str, str]) -> str:
    return "".join(f"@prefix {n}: <{ns}> .\n" for n, ns in prefixes.items()) + "\n"


def block(subject: str, pairs: Iterable[tuple[str, str]]) -> str:
    """One Turtle statement: ``subject p1 o1 ; p2 o2 .``"""
    body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
    return f"{subject} {body} .\n\n"


def xsd_range(column: Column) -> str:
    """The registry's datatype, or the union of a partial value's forms (dates)."""
    datatypes = field_type(column.type).xsd_datatypes
    if len(datatypes) > 1:
        return f"[ a rdfs:Datatype ; owl:unionOf ( {' '.join(datatypes)} ) ]"
    return datatypes[0]


def class_union(classes: list[str]) -> str:
    unique = list(dict.fromkeys(classes))
    if len(unique) == 1:
        return unique[0]
    return f"[ a owl:Class ; owl:unionOf ( {' '.join(unique)} ) ]"


_KIND_LABELS: dict[str, str] = {kind: spec.label for kind, spec in KIND_SPECS.items()}


def kind_class(kind: str) -> str:
    """The class of a node kind, or of ``source`` (the qualified support)."""
    return "bg:" + (SOURCE_LABEL if kind == "source" else _KIND_LABELS[kind])


def render_ontology(model: Model) -> str:
    parts = [HEADER, prefix_lines(PREFIXES)]
    parts.append(block(f"<{ONTOLOGY_IRI}>", [
        ("a", "owl:Ontology"), ("rdfs:label", turtle_string("BlocGraph ontology")),
        ("rdfs:comment", turtle_string(
            "Who depends on which bloc: entities, facts with their sources, countries and "
            "blocs, as exported by BlocGraph. Generated from the domain model.")),
        ("rdfs:seeAlso", "<http://www.w3.org/ns/prov-o>")]))
    parts += _classes(model)
    parts += _object_properties(model)
    parts += _datatype_properties(model)
    return "".join(parts).rstrip("\n") + "\n"


def _classes(model: Model) -> list[str]:
    blocks = []
    for node in sorted(model.types.values(), key=lambda t: t.label):
        parent = f"bg:{model.get(node.extends).label}" if node.extends else None
        if node.kind in ("fact", "source") and not node.extends:
            parent = "prov:Entity"
        pairs = [("a", "owl:Class"), ("rdfs:label", turtle_string(node.label))]
        if parent:
            pairs.append(("rdfs:subClassOf", parent))
        pairs.append(("rdfs:comment", turtle_string(node.description)))
        blocks.append(block(f"bg:{node.label}", pairs))
    for label, (parent, comment) in _EXTRA_CLASSES.items():
        pairs = [("a", "owl:Class"), ("rdfs:label", turtle_string(label))]
        if parent:
            pairs.append(("rdfs:subClassOf", parent if ":" in parent else f"bg:{parent}"))
        pairs.append(("rdfs:comment", turtle_string(comment)))
        blocks.append(block(f"bg:{label}", pairs))
    return blocks


def _object_properties(model: Model) -> list[str]:
    names = rdf_names(model)
    domains: dict[str, list[str]] = defaultdict(list)
    ranges: dict[str, list[str]] = defaultdict(list)
    flags: dict[str, tuple[str, str, list[str]]] = {}
    for kind in KINDS:
        owners = ([f"bg:{f.label}" for f in fact_types(model)] if kind == "fact"
                  else [kind_class(kind)])
        for owner, code in zip(owners, _codes(model, kind), strict=True):
            for spec in link_specs(model, kind, code):
                if spec.type == SUPPORTED_BY:
                    continue
                domains[spec.type].append(owner)
                target = [f"bg:{r}" for r in spec.ranges] or [kind_class(spec.target)]
                ranges[spec.type].extend(target)
                if spec.flag:
                    local = names.flags[(spec.flag, spec.type)]
                    flags.setdefault(local, (spec.type, spec.flag, []))[2].append(owner)
    entity_classes = {f"bg:{t.label}" for t in model.entity_types}
    blocks = []
    for rel_type in sorted(domains, key=lambda t: names.edges[t]):
        targets = ranges[rel_type]
        if "bg:Entity" in targets:  # any entity: the listed entity types add nothing
            targets = [c for c in targets if c not in entity_classes]
        blocks.append(block(f"bg:{names.edges[rel_type]}", [
            ("a", "owl:ObjectProperty"), ("rdfs:label", turtle_string(rel_type)),
            ("rdfs:domain", class_union(domains[rel_type])),
            ("rdfs:range", class_union(targets))]))
    for local, (rel_type, flag, owners) in sorted(flags.items()):
        blocks.append(block(f"bg:{local}", [
            ("a", "owl:ObjectProperty"), ("rdfs:subPropertyOf", f"bg:{names.edges[rel_type]}"),
            ("rdfs:domain", class_union(owners)),
            ("rdfs:comment", turtle_string(
                f"A {rel_type} edge with {flag} set; each is also a plain {rel_type} edge."))]))
    return blocks


def _codes(model: Model, kind: str) -> list[str | None]:
    return [f.code for f in fact_types(model)] if kind == "fact" else [None]


def _datatype_properties(model: Model) -> list[str]:
    names = rdf_names(model)
    domains: dict[str, list[str]] = defaultdict(list)
    columns: dict[str, Column] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for kind, cols in all_columns(model):
        for column in cols:
            local = names.prop(kind, column.name)
            domains[local].extend(_column_owners(model, kind, column.name))
            columns.setdefault(local, column)
            kinds[local].add(kind)
    for kind in KINDS:
        for spec in link_specs(model, kind):
            for column in spec.columns:
                link_local = names.link_props.get((spec.type, column.name))
                if link_local:
                    domains[link_local].append(kind_class(kind))
                    columns.setdefault(link_local, column)
    blocks = []
    for local in sorted(domains):
        column = columns[local]
        pairs = [("a", "owl:DatatypeProperty"), ("rdfs:label", turtle_string(column.name)),
                 ("rdfs:domain", class_union(domains[local])), ("rdfs:range", xsd_range(column))]
        if column.description and len(kinds[local]) <= 1:  # a shared name: no one comment fits
            pairs.append(("rdfs:comment", turtle_string(column.description)))
        blocks.append(block(f"bg:{local}", pairs))
    return blocks


def _column_owners(model: Model, kind: str, name: str) -> list[str]:
    """The classes a property belongs to: a fact field's own fact types, else the kind's."""
    if kind == "fact" and name not in {p.name for p in model.get("Fact").properties}:
        owners = [f"bg:{f.label}" for f in model.fact_types
                  if any(s.name == name for s in f.fields)]
        if owners:
            return owners
    return [kind_class(kind)]
