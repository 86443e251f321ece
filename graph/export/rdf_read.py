"""Graph items back from an RDF export (Turtle, N-Triples or JSON-LD), for ``blocgraph import``.

The inverse of :mod:`blocgraph.graph.export.rdf_terms`: nodes are found by
their classes, properties and relationships by the ontology's names (anything
else in the file is ignored). RDF has no order, so list properties come back
sorted, and the whole file is parsed into memory first (rdflib's parsers work
that way); the JSON Lines export is the one to use for very large graphs.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from blocgraph.errors import InputError
from blocgraph.graph.export.base import GraphItem, Link, sort_links
from blocgraph.graph.export.rdf_terms import BG, PROV, Vocabulary
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import (
    DEFAULT_BASE,
    KIND_SPECS,
    KINDS,
    REFERENCE_LABEL,
    SUPPORTED_BY,
    Column,
    LinkSpec,
    NodeKind,
    link_specs,
)

# Export format name -> rdflib parser name.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def parse_rdf(path: Path, fmt: str) -> Graph:
    """The file parsed whole (``fmt`` is ``ttl``, ``nt`` or ``jsonld``)."""
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(str(path), format=RDF_FORMATS[fmt])
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not readable as {fmt} ({exc})") from exc
    return graph


class RdfItemReader:
    """Items of one parsed export, kinds in dependency order."""

    def __init__(self, model: Model, graph: Graph) -> None:
        self.model = model
        self.graph = graph
        self.vocab = Vocabulary(model, DEFAULT_BASE)
        names = self.vocab.names
        self.edges = {BG[local]: rel for rel, local in names.edges.items()}
        self.flags = {rel: BG[local] for (_, rel), local in names.flags.items()}
        self.link_props = {BG[local]: key for key, local in names.link_props.items()}
        self.keys: dict[Node, tuple[NodeKind, str]] = {}
        for kind in KINDS:
            for subject in self._subjects(kind):
                self.keys[subject] = (kind, self._key(kind, subject))

    def __iter__(self) -> Iterator[GraphItem]:
        for kind in KINDS:
            found = sorted(self._subjects(kind), key=lambda s: self.keys[s][1])
            for subject in found:
                yield self.item(kind, subject)

    def _subjects(self, kind: NodeKind) -> list[Node]:
        return list(self.graph.subjects(RDF.type, BG[KIND_SPECS[kind].label], unique=True))

    def _key(self, kind: NodeKind, subject: Node) -> str:
        local = self.vocab.names.prop(kind, KIND_SPECS[kind].key)
        value = self.graph.value(subject, BG[local])
        if value is None:
            raise InputError(f"{subject} has no bg:{local}")
        return str(value)

    def item(self, kind: NodeKind, subject: Node) -> GraphItem:
        type_name = self._type_name(kind, subject)
        props = self._props(kind, subject)
        code = type_name if kind == "fact" else None
        links: list[Link] = []
        for spec in link_specs(self.model, kind, code):
            links.extend(self._links(subject, spec))
        return GraphItem(kind, self.keys[subject][1], type_name, props, sort_links(links))

    def _type_name(self, kind: NodeKind, subject: Node) -> str:
        classes = {str(c)[len(str(BG)):] for c in self.graph.objects(subject, RDF.type)
                   if str(c).startswith(str(BG))}
        if kind == "entity":
            concrete = sorted(t.name for t in self.model.entity_types if t.label in classes)
            return concrete[0] if concrete else "Entity"
        if kind == "fact":
            code = self.graph.value(subject, BG[self.vocab.names.prop("fact", "type")])
            return str(code or "")
        if kind == "article" and REFERENCE_LABEL in classes:
            return REFERENCE_LABEL
        return KIND_SPECS[kind].label

    def _props(self, kind: str, subject: Node) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for name, column in self.vocab.columns[kind].items():
            predicate = BG[self.vocab.names.prop(kind, name)]
            values = [python_value(v) for v in self.graph.objects(subject, predicate)]
            if values:
                props[name] = _collapse(values, column)
        return props

    def _links(self, subject: Node, spec: LinkSpec) -> Iterator[Link]:
        if spec.type == SUPPORTED_BY:
            yield from self._supports(subject)
            return
        predicate = BG[self.vocab.names.edges[spec.type]]
        flagged = set(self.graph.objects(subject, self.flags[spec.type])) \
            if spec.flag else set()
        shared = {column.name: self._link_prop(subject, spec.type, column)
                  for column in spec.columns if column.name != spec.flag}
        shared = {k: v for k, v in shared.items() if v is not None}
        for target in sorted(self.graph.objects(subject, predicate), key=str):
            props = dict(shared)
            if spec.flag:
                props[spec.flag] = target in flagged
            yield Link(spec.type, spec.target, self._target_key(target, spec.target), props)

    def _link_prop(self, subject: Node, rel_type: str, column: Column) -> Any:
        local = self.vocab.names.link_props[(rel_type, column.name)]
        value = self.graph.value(subject, BG[local])
        return None if value is None else python_value(value)

    def _supports(self, subject: Node) -> Iterator[Link]:
        qualified: set[str] = set()
        for source in sorted(self.graph.objects(subject, PROV.qualifiedDerivation), key=str):
            article = self.graph.value(source, PROV.entity)
            if article is None:
                raise InputError(f"{source} names no prov:entity")
            key = self._target_key(article, "article")
            qualified.add(key)
            yield Link(SUPPORTED_BY, "article", key, self._props("source", source))
        for article in sorted(self.graph.objects(subject, PROV.wasDerivedFrom), key=str):
            key = self._target_key(article, "article")
            if key not in qualified:
                yield Link(SUPPORTED_BY, "article", key, {})

    def _target_key(self, target: Node, kind: NodeKind) -> str:
        """The target's key: from its own description, else from its IRI's last segment."""
        known = self.keys.get(target)
        if known is not None:
            return known[1]
        if not isinstance(target, URIRef):
            raise InputError(f"a {kind} must be an IRI, got {target!r}")
        return unquote(str(target).rstrip("/").rsplit("/", 1)[-1])


def python_value(term: Node) -> Any:
    """Booleans and numbers as Python values; dates and other text as their lexical form."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float):
            return value
    return str(term)


def _collapse(values: list[Any], column: Column) -> Any:
    if column.list:
        return sorted(values, key=str)
    return values[0]
