"""The ways people reach the graph: the CLI, the SPARQL endpoint, the web explorer."""
