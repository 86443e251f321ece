"""blocgraph.schema"""
