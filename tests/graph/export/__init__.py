"""Tests of blocgraph.graph.export."""
