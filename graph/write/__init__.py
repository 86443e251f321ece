"""Writing the graph: load statements built from the model, the loader, curation."""
