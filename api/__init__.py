"""blocgraph.api"""
