"""blocgraph.graph"""
