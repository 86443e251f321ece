"""Reading the graph: lookups, listings, walks and the result shapes the API serves."""
