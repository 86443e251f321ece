"""Sub-commands of the blocgraph CLI, one module each."""
