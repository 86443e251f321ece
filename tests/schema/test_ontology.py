"""The generated OWL ontology and SHACL shapes: well-formed, complete, aligned with PROV-O."""

from __future__ import annotations

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from blocgraph.schema.generate import GENERATED_DIR, GENERATORS
from blocgraph.schema.model import load_model
from blocgraph.schema.ontology import render_ontology
from blocgraph.schema.shapes import render_shapes
from blocgraph.schema.vocabulary import (
    KINDS,
    ONTOLOGY_NS,
    PROV_NS,
    camel,
    link_specs,
    node_columns,
    rdf_names,
)

BG = Namespace(ONTOLOGY_NS)
PROV = Namespace(PROV_NS)
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's own warns under pytest


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=render_ontology(load_model()), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=render_shapes(load_model()), format="turtle")


def test_both_files_are_generated_and_committed() -> None:
    for name in ("ontology.ttl", "shapes.ttl"):
        assert name in GENERATORS
        text = (GENERATED_DIR / name).read_text(encoding="utf-8")
        assert len(list(ox.parse(text, format=ox.RdfFormat.TURTLE))) > 100


def test_every_node_type_is_a_class_under_entity_or_fact(ontology: Graph) -> None:
    model = load_model()
    for node in model.types.values():
        assert (BG[node.label], RDF.type, OWL.Class) in ontology
    for entity in model.entity_types:
        assert (BG[entity.label], RDFS.subClassOf, BG.Entity) in ontology
    for fact in model.fact_types:
        assert (BG[fact.label], RDFS.subClassOf, BG.Fact) in ontology


def test_provenance_is_prov_o(ontology: Graph) -> None:
    assert (BG.Fact, RDFS.subClassOf, PROV.Entity) in ontology
    assert (BG.Article, RDFS.subClassOf, PROV.Entity) in ontology
    assert (BG.Source, RDFS.subClassOf, PROV.Derivation) in ontology
    assert (BG.Reference, RDFS.subClassOf, BG.Article) in ontology


def test_participant_edges_are_object_properties_with_domains_and_ranges(
    ontology: Graph,
) -> None:
    model = load_model()
    for fact in model.fact_types:
        for spec in fact.fields:
            if spec.edge:
                prop = BG[camel(spec.edge)]
                assert (prop, RDF.type, OWL.ObjectProperty) in ontology, spec.edge
                assert ontology.value(prop, RDFS.domain) is not None
    assert (BG.raisedBy, RDFS.domain, BG.FundingRound) in ontology
    assert (BG.person, RDFS.range, BG.Person) in ontology
    assert (BG.memberOf, RDFS.range, BG.Bloc) in ontology
    assert (BG.leadInvestor, RDFS.subPropertyOf, BG.investor) in ontology


def test_every_scalar_is_a_typed_datatype_property(ontology: Graph) -> None:
    model = load_model()
    names = rdf_names(model)
    for kind in KINDS:
        for column in node_columns(model, kind):
            prop = BG[names.prop(kind, column.name)]
            assert (prop, RDF.type, OWL.DatatypeProperty) in ontology, (kind, column.name)
    assert (BG.amount, RDFS.range, XSD.double) in ontology
    assert (BG.start, RDFS.range, XSD.integer) in ontology
    assert (BG.known, RDFS.range, XSD.boolean) in ontology
    # a curation's "target" must not be confused with the BAN participant edge TARGET
    assert names.prop("curation", "target") != names.edges["TARGET"]


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_entity_and_fact_shapes_state_the_model_rules(shapes: Graph) -> None:
    def constraint(target: URIRef, path: URIRef, name: URIRef) -> object:
        shape = shapes.value(predicate=SH.targetClass, object=target)
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.path) == path:
                found = shapes.value(prop, name)
                if isinstance(found, URIRef):
                    return found
                if isinstance(found, Literal):
                    return found.toPython()
        return None

    assert constraint(BG.Entity, BG.id, SH.minCount) == 1
    assert constraint(BG.Entity, BG.id, SH.maxCount) == 1
    assert constraint(BG.Entity, BG.name, SH.minCount) == 1
    assert constraint(BG.Fact, BG.key, SH.minCount) == 1
    assert constraint(BG.Develops, BG.developer, SH.minCount) == 1
    assert constraint(BG.Role, BG.person, SH["class"]) == BG.Person
    assert constraint(BG.Source, PROV.entity, SH["class"]) == BG.Article
    fact_shape = shapes.value(predicate=SH.targetClass, object=BG.Fact)
    assert shapes.value(fact_shape, SH["or"]) is not None  # a source, unless retracted


def test_every_link_of_the_model_has_a_shape(shapes: Graph) -> None:
    model = load_model()
    names = rdf_names(model)
    paths = set(shapes.objects(None, SH.path))
    for kind in KINDS:
        for spec in link_specs(model, kind):
            if spec.type != "SUPPORTED_BY":
                assert BG[names.edges[spec.type]] in paths, spec.type
    assert PROV.wasDerivedFrom in paths
