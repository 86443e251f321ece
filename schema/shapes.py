"""SHACL shapes every RDF export must pass, generated from the domain model.

One node shape per class: every entity has exactly one id and name and exactly
one concrete type; every fact a key, its type code, at least one supporting
article (unless a curator retracted it) and the participants its type
requires, each of the classes the model's ``range`` allows; every source
names one article and carries its evidence. Datatypes follow the model's
property types (partial dates as ``xsd:gYear``, ``xsd:gYearMonth`` or
``xsd:date``; ISO codes by pattern).
"""

from __future__ import annotations

from blocgraph.schema.field_types import field_type
from blocgraph.schema.model import Model
from blocgraph.schema.ontology import (
    HEADER,
    PREFIXES,
    block,
    kind_class,
    prefix_lines,
    turtle_string,
)
from blocgraph.schema.vocabulary import (
    KINDS,
    SUPPORTED_BY,
    Column,
    LinkSpec,
    NodeKind,
    RdfNames,
    link_specs,
    node_columns,
    rdf_names,
    support_columns,
)

SHACL_NS = "http://www.w3.org/ns/shacl#"


def _property(path: str, *constraints: tuple[str, str]) -> str:
    inner = " ; ".join(f"{p} {o}" for p, o in ((("sh:path", path), *constraints)))
    return f"[ {inner} ]"


def _cardinality(required: bool, single: bool) -> list[tuple[str, str]]:
    found = [("sh:minCount", "1")] if required else []
    return found + ([("sh:maxCount", "1")] if single else [])


def _datatype(column: Column) -> list[tuple[str, str]]:
    """The registry's datatype (one of several forms for partial dates); a pattern only
    where the datatype is plain text (ISO codes), since ``xsd:dateTime`` says its own form."""
    kind = field_type(column.type)
    if len(kind.xsd_datatypes) > 1:
        options = " ".join(f"[ sh:datatype {t} ]" for t in kind.xsd_datatypes)
        return [("sh:or", f"( {options} )")]
    found = [("sh:datatype", kind.xsd)]
    if kind.pattern and kind.xsd == "xsd:string":
        found.append(("sh:pattern", turtle_string(kind.pattern)))
    return found


def column_shape(local: str, column: Column) -> str:
    return _property(f"bg:{local}", *_cardinality(column.required, not column.list),
                     *_datatype(column))


def _targets(link: LinkSpec) -> list[tuple[str, str]]:
    if not link.ranges:
        return [("sh:class", kind_class(link.target))]
    if len(link.ranges) == 1:
        return [("sh:class", f"bg:{link.ranges[0]}")]
    options = " ".join(f"[ sh:class bg:{r} ]" for r in link.ranges)
    return [("sh:or", f"( {options} )")]


def link_shapes(names: RdfNames, link: LinkSpec) -> list[str]:
    local = names.edges[link.type]
    shapes = [_property(f"bg:{local}", *_cardinality(link.required, not link.list),
                        *_targets(link))]
    if link.flag:
        flagged = names.flags[(link.flag, link.type)]
        shapes.append(_property(f"bg:{flagged}", ("sh:class", kind_class(link.target))))
    for column in link.columns:
        prop = names.link_props.get((link.type, column.name))
        if prop:
            shapes.append(column_shape(prop, Column(column.name, column.type)))
    return shapes


def _shape(name: str, target: str, properties: list[str],
           extra: list[tuple[str, str]] | None = None) -> str:
    pairs = [("a", "sh:NodeShape"), ("sh:targetClass", target), *(extra or [])]
    pairs += [("sh:property", shape) for shape in properties]
    return block(f"bg:{name}Shape", pairs)


def _kind_properties(model: Model, names: RdfNames, kind: NodeKind) -> list[str]:
    shapes = [column_shape(names.prop(kind, c.name), c) for c in node_columns(model, kind)]
    for link in link_specs(model, kind):
        shapes += link_shapes(names, link)
    return shapes


def _entity_shape(model: Model, names: RdfNames) -> str:
    concrete = " ".join(f"bg:{t.label}" for t in model.entity_types)
    one_type = _property("rdf:type", ("sh:qualifiedValueShape", f"[ sh:in ( {concrete} ) ]"),
                         ("sh:qualifiedMinCount", "1"), ("sh:qualifiedMaxCount", "1"))
    return _shape("Entity", "bg:Entity", [*_kind_properties(model, names, "entity"), one_type])


def _field_names(model: Model) -> set[str]:
    return {spec.name for fact in model.fact_types for spec in fact.fields}


def _fact_shape(model: Model, names: RdfNames) -> str:
    """What every fact carries, whatever its type: key, code, flags, sources."""
    fields = _field_names(model)
    shapes = [column_shape(names.prop("fact", c.name), c)
              for c in node_columns(model, "fact") if c.name not in fields]
    codes = " ".join(turtle_string(str(f.code)) for f in model.fact_types)
    shapes.append(_property(f"bg:{names.prop('fact', 'type')}", ("sh:in", f"( {codes} )")))
    shapes.append(_property("prov:wasDerivedFrom", ("sh:class", "bg:Article")))
    shapes.append(_property("prov:qualifiedDerivation", ("sh:class", "bg:Source")))
    supported = _property("prov:wasDerivedFrom", ("sh:minCount", "1"))
    retracted = _property(f"bg:{names.prop('fact', 'retracted')}", ("sh:hasValue", "true"))
    return _shape("Fact", "bg:Fact", shapes,
                  [("sh:or", f"( {supported} {retracted} )"),
                   ("sh:message", turtle_string("a fact needs a source unless retracted"))])


def _fact_type_shapes(model: Model, names: RdfNames) -> list[str]:
    blocks = []
    for fact in sorted(model.fact_types, key=lambda f: f.label):
        own = {spec.name for spec in fact.fields}
        shapes = [_property(f"bg:{names.prop('fact', 'type')}",
                            ("sh:hasValue", turtle_string(str(fact.code))))]
        shapes += [column_shape(names.prop("fact", c.name), c)
                   for c in node_columns(model, "fact", fact.code) if c.name in own]
        for link in link_specs(model, "fact", fact.code):
            if link.type != SUPPORTED_BY:
                shapes += link_shapes(names, link)
        blocks.append(_shape(fact.label, f"bg:{fact.label}", shapes))
    return blocks


def render_shapes(model: Model) -> str:
    names = rdf_names(model)
    parts = [HEADER, prefix_lines({**PREFIXES, "sh": SHACL_NS})]
    for kind in KINDS:
        if kind == "entity":
            parts.append(_entity_shape(model, names))
        elif kind == "fact":
            parts.append(_fact_shape(model, names))
            parts += _fact_type_shapes(model, names)
        else:
            label = kind_class(kind).removeprefix("bg:")
            parts.append(_shape(label, kind_class(kind), _kind_properties(model, names, kind)))
    source = [_property("prov:entity", ("sh:minCount", "1"), ("sh:maxCount", "1"),
                        ("sh:class", "bg:Article"))]
    source += [column_shape(names.prop("source", c.name), c) for c in support_columns(model)]
    parts.append(_shape("Source", "bg:Source", source))
    return "".join(parts).rstrip("\n") + "\n"
