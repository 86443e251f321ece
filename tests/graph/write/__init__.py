"""Tests of blocgraph.graph.write."""
