"""Where the graph lives: settings, the driver, the local Neo4j runner and schema application."""
