"""BlocGraph: a knowledge graph of AI geopolitics.

The code lives in four top-level folders that install under this namespace:
``schema/`` as ``blocgraph.schema``, ``ingest/`` as ``blocgraph.ingest``,
``graph/`` as ``blocgraph.graph`` and ``api/`` as ``blocgraph.api``.
"""

__version__ = "0.1.0"
