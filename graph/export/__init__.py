"""Exports of the graph (RDF, neo4j-admin CSV, GraphML, JSON Lines) and ``blocgraph import``."""
