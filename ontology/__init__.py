"""The nqgraph vocabulary: namespaces, identifiers, and the files that define them."""

from pathlib import Path

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "nqgraph.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
CONTEXT_FILE = HERE / "context.jsonld"
