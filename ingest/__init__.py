"""blocgraph.ingest"""
