"""Tests of blocgraph.graph."""
