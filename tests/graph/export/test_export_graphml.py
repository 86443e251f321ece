"""GraphML export: networkx opens it whole, with typed attributes Gephi understands."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

import neo4j
import networkx as nx
import pytest

from blocgraph.graph.export.base import GraphItem, Link
from blocgraph.graph.export.graphml import GraphMLExporter
from blocgraph.graph.export.scope import Scope
from tests.graph.export_helpers import export_bytes, label_counts, relationship_count

GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}
NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.mark.neo4j
def test_networkx_reads_every_node_and_relationship(dev: tuple[neo4j.Driver, str],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_bytes(export_bytes(*dev, "graphml"))
    graph = nx.read_graphml(path)
    counts = label_counts(*dev)
    kinds = ("Entity", "Fact", "Article", "Country", "Bloc")
    assert graph.number_of_nodes() == sum(counts[k] for k in kinds)
    assert graph.number_of_edges() == relationship_count(*dev)
    mistral = graph.nodes["entity:mistral-ai"]
    assert mistral["labels"] == ":Entity:Company" and mistral["label"] == "Mistral AI"
    assert mistral["known"] is True
    rounds = [n for n, d in graph.nodes(data=True) if d.get("labels") == ":Fact:FundingRound"
              and graph.has_edge(n, "entity:mistral-ai")]
    assert rounds
    amounts = [graph.nodes[n].get("amount") for n in rounds]
    assert all(isinstance(a, float) for a in amounts if a is not None)
    leads = [d for n in rounds for _, t, d in graph.out_edges(n, data=True)
             if t == "entity:andreessen-horowitz"]
    assert leads and leads[0]["label"] == "INVESTOR" and leads[0]["lead"] is True


@pytest.mark.neo4j
def test_keys_use_graphml_types_only(dev: tuple[neo4j.Driver, str]) -> None:
    data = export_bytes(*dev, "graphml", Scope(entity="mistral-ai"))
    root = ElementTree.fromstring(data)
    keys = root.findall(f"{NS}key")
    assert keys and {k.get("attr.type") for k in keys} <= GRAPHML_TYPES
    assert {k.get("for") for k in keys} == {"node", "edge"}
    assert root.find(f"{NS}graph").get("edgedefault") == "directed"  # type: ignore[union-attr]


def test_text_xml_cannot_hold_is_dropped_and_markup_escaped() -> None:
    out = io.BytesIO()
    exporter = GraphMLExporter(out)
    article = GraphItem("article", "a<1>", "Article",
                        {"id": "a<1>", "title": 'Chips & "bans"\x00\x1b', "content_hash": "h",
                         "text": "line one\nline two\x0c"})
    exporter.write(article)
    exporter.write(GraphItem("fact", "k", "BAN", {"key": "k", "type": "BAN", "conflicts": []},
                             (Link("SUPPORTED_BY", "article", "a<1>", {"start": 1}),)))
    exporter.finalize()
    graph = nx.read_graphml(io.BytesIO(out.getvalue()))
    node = graph.nodes["article:a<1>"]
    assert node["title"] == 'Chips & "bans"'
    assert node["text"] == "line one\nline two"
    assert graph.nodes["fact:k"]["conflicts"] == "[]"
    assert graph.edges["fact:k", "article:a<1>"]["start"] == 1
