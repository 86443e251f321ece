"""Graph items as RDF triples, in the terms of the generated ontology.

IRIs are stable: ``{base}/entity/{id}``, ``{base}/fact/{key}``,
``{base}/article/{id}``, ``{base}/country/{iso}``, ``{base}/bloc/{id}``,
``{base}/curation/{id}``, and ``{base}/fact/{key}/source/{article}`` for the
PROV-O qualified derivation that carries one article's evidence for a fact
(``prov:wasDerivedFrom`` states the same link unqualified). Every node gets all
of its labels as classes, so shapes and queries need no reasoner. Partial
dates become ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` by their precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.term import Node

from blocgraph.graph.export.base import GraphItem, Link
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import (
    KIND_SPECS,
    KINDS,
    ONTOLOGY_NS,
    PROV_NS,
    SOURCE_LABEL,
    SUPPORTED_BY,
    Column,
    NodeKind,
    RdfNames,
    all_columns,
    labels_for,
    link_specs,
    rdf_names,
)

BG = Namespace(ONTOLOGY_NS)
PROV = Namespace(PROV_NS)
PREFIXES = {"bg": BG, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "xsd": XSD}
Triple = tuple[Node, Node, Node]

_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_LABELLED = {"entity": "name", "country": "name", "bloc": "name", "article": "title"}


def literal(value: Any, column_type: str) -> Literal:
    """A typed literal for a property value; text that does not fit its type stays a string."""
    if column_type == "boolean" and isinstance(value, bool):
        return Literal(value)
    if column_type == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return Literal(value, datatype=XSD.integer)
    if column_type in ("float", "amount") and isinstance(value, int | float) \
            and not isinstance(value, bool):
        return Literal(float(value), datatype=XSD.double)
    text = str(value)
    if column_type == "date" and _PARTIAL_DATE.match(text):
        return Literal(text, datatype=_DATE_TYPES[len(text)])
    if column_type == "datetime" and _DATETIME.match(text):
        return Literal(text, datatype=XSD.dateTime)
    return Literal(text)


@dataclass
class Vocabulary:
    """Everything item -> triple needs, computed once per export."""

    model: Model
    base: str
    names: RdfNames = field(init=False)
    columns: dict[str, dict[str, Column]] = field(init=False)
    flags: dict[str, str] = field(init=False)
    link_columns: dict[tuple[str, str], str] = field(init=False)

    def __post_init__(self) -> None:
        self.base = self.base.rstrip("/")
        self.names = rdf_names(self.model)
        self.columns = {kind: {c.name: c for c in cols} for kind, cols in all_columns(self.model)}
        links = [link for kind in KINDS for link in link_specs(self.model, kind)]
        self.flags = {link.type: link.flag for link in links if link.flag}
        self.link_columns = {(link.type, c.name): c.type for link in links for c in link.columns}

    def node(self, kind: NodeKind, key: str) -> URIRef:
        return URIRef(f"{self.base}/{KIND_SPECS[kind].segment}/{quote(key, safe='')}")

    def source(self, fact_key: str, article: str) -> URIRef:
        return URIRef(f"{self.node('fact', fact_key)}/source/{quote(article, safe='')}")


def item_triples(vocab: Vocabulary, item: GraphItem) -> Iterator[Triple]:
    subject = vocab.node(item.kind, item.id)
    for label in labels_for(vocab.model, item.kind, item.type):
        yield subject, RDF.type, BG[label]
    if item.kind == "fact":
        yield subject, RDF.type, PROV.Entity
    yield from _properties(vocab, item.kind, subject, item.props)
    shown = _LABELLED.get(item.kind)
    if shown and isinstance(item.props.get(shown), str):
        yield subject, RDFS.label, Literal(item.props[shown])
    for link in item.links:
        if link.type == SUPPORTED_BY:
            yield from _support(vocab, item.id, subject, link)
        elif link.type in vocab.names.edges:
            yield from _link(vocab, subject, link)


def _properties(vocab: Vocabulary, kind: str, subject: URIRef,
                props: Mapping[str, Any]) -> Iterator[Triple]:
    columns = vocab.columns[kind]
    for name, value in sorted(props.items()):
        column = columns.get(name)
        if column is None or value is None:
            continue  # not a property of the model: RDF carries the model's terms only
        predicate = BG[vocab.names.prop(kind, name)]
        for one in value if isinstance(value, list) else [value]:
            yield subject, predicate, literal(one, column.type)


def _link(vocab: Vocabulary, subject: URIRef, link: Link) -> Iterator[Triple]:
    target = vocab.node(link.target_kind, link.target)
    yield subject, BG[vocab.names.edges[link.type]], target
    flag = vocab.flags.get(link.type)
    for name, value in sorted(link.props.items()):
        if name == flag:
            if value is True:
                yield subject, BG[vocab.names.flags[(name, link.type)]], target
            continue
        local = vocab.names.link_props.get((link.type, name))
        if local is not None and value is not None:
            column_type = vocab.link_columns.get((link.type, name), "string")
            yield subject, BG[local], literal(value, column_type)


def _support(vocab: Vocabulary, fact_key: str, subject: URIRef, link: Link) -> Iterator[Triple]:
    article = vocab.node("article", link.target)
    source = vocab.source(fact_key, link.target)
    yield subject, PROV.wasDerivedFrom, article
    yield subject, PROV.qualifiedDerivation, source
    yield source, RDF.type, BG[SOURCE_LABEL]
    yield source, RDF.type, PROV.Derivation
    yield source, PROV.entity, article
    yield from _properties(vocab, "source", source, link.props)
