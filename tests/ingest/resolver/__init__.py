"""Tests of blocgraph.ingest.resolver: descriptions, makers and short forms."""
