"""Tests of blocgraph.graph.analytics."""
