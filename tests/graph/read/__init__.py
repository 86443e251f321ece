"""Tests of blocgraph.graph.read."""
