"""Storage and retrieval: the store backends, named queries, and graph analysis."""
