"""Tests of blocgraph.graph.store."""
