"""RDF exports: Turtle, N-Triples and JSON-LD, written a batch of items at a time.

Each batch becomes a small rdflib graph serialised on its own (rdflib does
the escaping). N-Triples concatenate as they are; Turtle batches are written
without their ``@prefix`` lines, which are written once at the top; JSON-LD is
one document whose ``@graph`` array gets each batch's node objects as they
come, with typed literals spelled out so every JSON-LD processor reads the same
datatypes (a JSON ``1.0`` is an integer to some).
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections import defaultdict
from typing import IO, Any

from rdflib import RDF, XSD, Graph, Literal
from rdflib.term import Node

from blocgraph.graph.export.base import Exporter, GraphItem
from blocgraph.graph.export.rdf_terms import BG, PREFIXES, Triple, Vocabulary, item_triples
from blocgraph.schema.model import Model
from blocgraph.schema.vocabulary import DEFAULT_BASE

BATCH_ITEMS = 200


class _BatchedRdfExporter(Exporter):
    """Collects the triples of up to ``BATCH_ITEMS`` items, then writes them out."""

    def __init__(self, out: IO[bytes], model: Model | None = None,
                 base: str = DEFAULT_BASE) -> None:
        super().__init__(out, model, base)
        self.vocab = Vocabulary(self.model, self.base)
        self._pending: list[Triple] = []
        self._items = 0
        self._started = False

    def write_item(self, item: GraphItem) -> None:
        self._start()
        self._pending.extend(item_triples(self.vocab, item))
        self._items += 1
        if self._items >= BATCH_ITEMS:
            self._flush()

    def finalize(self) -> None:
        self._start()
        self._flush()
        self.out.write(self.footer())

    def _start(self) -> None:
        """The header goes out with the first item (or at the end of an empty export)."""
        if not self._started:
            self.out.write(self.header())
            self._started = True

    def _flush(self) -> None:
        if self._pending:
            self.out.write(self.render(self._pending))
        self._pending, self._items = [], 0

    def header(self) -> bytes:
        return b""

    def footer(self) -> bytes:
        return b""

    @abstractmethod
    def render(self, triples: list[Triple]) -> bytes:
        """One batch of triples in the format's syntax."""


def _graph(triples: list[Triple]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph


class NTriplesExporter(_BatchedRdfExporter):
    media_type = "application/n-triples"
    suffix = ".nt"

    def render(self, triples: list[Triple]) -> bytes:
        return _graph(triples).serialize(format="nt", encoding="utf-8")


class TurtleExporter(_BatchedRdfExporter):
    media_type = "text/turtle"
    suffix = ".ttl"

    def header(self) -> bytes:
        lines = [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()]
        return ("".join(lines) + "\n").encode("utf-8")

    def render(self, triples: list[Triple]) -> bytes:
        text = _graph(triples).serialize(format="turtle")
        body = [line for line in text.splitlines(keepends=True) if not line.startswith("@prefix")]
        return "".join(body).strip("\n").encode("utf-8") + b"\n\n"


class JsonLdExporter(_BatchedRdfExporter):
    media_type = "application/ld+json"
    suffix = ".jsonld"

    def __init__(self, out: IO[bytes], model: Model | None = None,
                 base: str = DEFAULT_BASE) -> None:
        super().__init__(out, model, base)
        self._first = True

    def header(self) -> bytes:
        context = {"@vocab": str(BG), **{p: str(ns) for p, ns in PREFIXES.items() if p != "bg"}}
        return b'{"@context": ' + json.dumps(context).encode() + b',\n"@graph": [\n'

    def footer(self) -> bytes:
        return b"\n]}\n"

    def render(self, triples: list[Triple]) -> bytes:
        nodes = node_objects(triples)
        parts = [json.dumps(node, ensure_ascii=False) for node in nodes]
        text = ",\n".join(parts)
        if not self._first and parts:
            text = ",\n" + text
        self._first = self._first and not parts
        return text.encode("utf-8")


def node_objects(triples: list[Triple]) -> list[dict[str, Any]]:
    """JSON-LD node objects, one per subject, compacted against the export's context."""
    by_subject: dict[Node, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in triples:
        if predicate == RDF.type:
            by_subject[subject]["@type"].append(_compact(obj))
        else:
            by_subject[subject][_compact(predicate)].append(_value(obj))
    nodes = []
    for subject, props in by_subject.items():
        node: dict[str, Any] = {"@id": str(subject)}
        for key, values in props.items():
            node[key] = values[0] if len(values) == 1 else values
        nodes.append(node)
    return nodes


def _compact(term: Node) -> str:
    text = str(term)
    if text.startswith(str(BG)):
        return text[len(str(BG)):]
    for prefix, namespace in PREFIXES.items():
        if prefix != "bg" and text.startswith(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


def _value(term: Node) -> Any:
    if not isinstance(term, Literal):
        return {"@id": str(term)}
    if term.datatype is None or term.datatype == XSD.string:
        return str(term)
    if term.datatype in (XSD.boolean, XSD.integer):
        return term.toPython()
    return {"@value": str(term), "@type": _compact(term.datatype)}

