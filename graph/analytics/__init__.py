"""Analytics over in-memory projections: blocs, dependency channels and scores."""
