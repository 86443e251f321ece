"""RDF exports of the dev corpus: read back by an independent parser (Oxigraph), the same
triples in Turtle, N-Triples and JSON-LD, conforming to the generated SHACL shapes."""

from __future__ import annotations

from typing import Any

import neo4j
import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from blocgraph.graph.export.base import GraphItem, Link
from blocgraph.graph.export.rdf_terms import Vocabulary, item_triples
from blocgraph.graph.export.scope import Scope
from blocgraph.schema.generate import GENERATED_DIR
from blocgraph.schema.model import load_model
from blocgraph.schema.vocabulary import DEFAULT_BASE, ONTOLOGY_NS, PROV_NS
from tests.graph.export_helpers import export_bytes, label_counts

BG = Namespace(ONTOLOGY_NS)
PROV = Namespace(PROV_NS)
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = DEFAULT_BASE
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD}
NUMERIC = {"http://www.w3.org/2001/XMLSchema#double", "http://www.w3.org/2001/XMLSchema#integer"}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(GENERATED_DIR / "shapes.ttl")


@pytest.fixture(scope="module")
def exports(dev: tuple[neo4j.Driver, str]) -> dict[str, bytes]:
    return {fmt: export_bytes(*dev, fmt) for fmt in OX_FORMATS}


def _term(term: Any) -> Any:
    """A term comparable across syntaxes: numbers by value (``3.5e+09`` == ``3500000000.0``)."""
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        return ("number", float(term.value))
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value)
    return str(term)


def _triples(data: bytes, fmt: str) -> set[tuple[Any, ...]]:
    parsed = ox.parse(data, format=OX_FORMATS[fmt])
    return {(_term(t.subject), _term(t.predicate), _term(t.object)) for t in parsed}


@pytest.mark.neo4j
def test_oxigraph_reads_every_format_and_finds_the_same_triples(
    exports: dict[str, bytes],
) -> None:
    turtle = _triples(exports["ttl"], "ttl")
    assert len(turtle) > 10_000
    assert _triples(exports["nt"], "nt") == turtle
    assert _triples(exports["jsonld"], "jsonld") == turtle


@pytest.mark.neo4j
def test_every_node_has_a_stable_iri_and_its_labels_as_classes(
    dev: tuple[neo4j.Driver, str], exports: dict[str, bytes],
) -> None:
    graph = Graph().parse(data=exports["nt"], format="nt")
    counts = label_counts(*dev)
    for label in ("Entity", "Fact", "Article", "Country", "Bloc", "Company", "FundingRound"):
        assert len(set(graph.subjects(None, BG[label]))) == counts[label], label
    mistral = URIRef(f"{ID}/entity/mistral-ai")
    assert (mistral, BG.name, Literal("Mistral AI")) in graph
    assert (mistral, BG.inCountry, URIRef(f"{ID}/country/FR")) in graph
    assert (URIRef(f"{ID}/country/FR"), BG.memberOf, URIRef(f"{ID}/bloc/eu")) in graph


@pytest.mark.neo4j
def test_facts_are_derived_from_their_articles_with_prov_o(exports: dict[str, bytes]) -> None:
    store = ox.Store()
    store.load(exports["ttl"], format=ox.RdfFormat.TURTLE)
    query = f"""
    PREFIX bg: <{ONTOLOGY_NS}> PREFIX prov: <{PROV_NS}>
    SELECT ?fact ?article ?text ?start ?lead WHERE {{
      ?fact a bg:FundingRound ; bg:raisedBy <{ID}/entity/mistral-ai> ; bg:round "Series A" ;
            bg:leadInvestor ?lead ; prov:wasDerivedFrom ?article ;
            prov:qualifiedDerivation ?source .
      ?source a bg:Source, prov:Derivation ; prov:entity ?article ;
              bg:text ?text ; bg:start ?start .
      ?article a bg:Article .
    }}"""
    rows = list(store.query(query))  # type: ignore[arg-type]
    assert len(rows) == 1
    row = rows[0]
    assert str(row["fact"].value).startswith(f"{ID}/fact/funding-round-")
    assert "Series A" in row["text"].value and int(row["start"].value) > 0
    assert row["lead"].value == f"{ID}/entity/andreessen-horowitz"


@pytest.mark.neo4j
def test_the_whole_export_conforms_to_the_shapes(exports: dict[str, bytes], shapes: Graph) -> None:
    data = Graph().parse(data=exports["ttl"], format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]


@pytest.mark.neo4j
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_scoped_exports_conform_too(dev: tuple[neo4j.Driver, str], shapes: Graph) -> None:
    for scope in (Scope(entity="mistral-ai", hops=2), Scope(bloc="china")):
        data = Graph().parse(data=export_bytes(*dev, "jsonld", scope), format="json-ld")
        conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        assert conforms, (scope, text[:3000])
        assert len(data) > 100


# --- the shapes catch what the model forbids (small graphs, no database) -----------------


def _graph(*items: GraphItem) -> Graph:
    vocab = Vocabulary(load_model(), DEFAULT_BASE)
    graph = Graph()
    for item in items:
        for triple in item_triples(vocab, item):
            graph.add(triple)
    return graph


def _small(**changes: Any) -> list[GraphItem]:
    entity = GraphItem("entity", "acme", "Company", {"id": "acme", "name": "Acme"})
    model = GraphItem("entity", "acme-1", "AIModel", {"id": "acme-1", "name": "Acme One"})
    article = GraphItem("article", "a1", "Article", {"id": "a1", "content_hash": "h"})
    support = Link("SUPPORTED_BY", "article", "a1", {
        "start": 0, "end": 9, "text": "Acme made Acme One", "confidence": 0.9,
        "extractor": "test"})
    links = changes.get("links", (Link("DEVELOPER", "entity", "acme"),
                                  Link("PRODUCT", "entity", "acme-1"), support))
    props = {"key": "develops-1", "type": "DEVELOPS", **changes.get("props", {})}
    fact = GraphItem("fact", "develops-1", "DEVELOPS", props, tuple(links))
    return [entity, model, article, fact]


def _violations(graph: Graph, shapes: Graph) -> set[str]:
    """What failed: each result's property path, or its constraint for node-level ones."""
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    found = set()
    for result in report.subjects(SH.resultSeverity, None):
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        found.add(str(path or component).rsplit("#", 1)[-1])
    return found


def test_a_small_valid_graph_conforms(shapes: Graph) -> None:
    assert _violations(_graph(*_small()), shapes) == set()


def test_a_fact_needs_a_source_unless_it_was_retracted(shapes: Graph) -> None:
    unsupported = (Link("DEVELOPER", "entity", "acme"), Link("PRODUCT", "entity", "acme-1"))
    assert _violations(_graph(*_small(links=unsupported)), shapes) == {"OrConstraintComponent"}
    retracted = _small(links=unsupported, props={"retracted": True})
    assert _violations(_graph(*retracted), shapes) == set()


def test_participants_must_have_the_class_the_model_allows(shapes: Graph) -> None:
    support = _small()[-1].links_of("SUPPORTED_BY")
    wrong = (Link("DEVELOPER", "entity", "acme"), Link("PRODUCT", "entity", "acme"), *support)
    assert _violations(_graph(*_small(links=wrong)), shapes) == {"product"}
    missing = (Link("PRODUCT", "entity", "acme-1"), *support)
    assert _violations(_graph(*_small(links=missing)), shapes) == {"developer"}


def test_entities_need_one_name_and_dates_must_be_dates(shapes: Graph) -> None:
    items = _small()
    graph = _graph(*items)
    graph.add((URIRef(f"{ID}/entity/acme"), BG.name, Literal("Acme Corp")))
    assert _violations(graph, shapes) == {"name"}
    bad_date = GraphItem("fact", "ban-1", "BAN", {"key": "ban-1", "type": "BAN",
                                                  "date": "last May", "retracted": True},
                         (Link("ACTOR", "entity", "acme"),))
    assert _violations(_graph(*items, bad_date), shapes) == {"date"}
