"""Turn source documents into the typed model (``loaders.model``) and into RDF.

Loaders never talk to a store: same input, same triples.
"""
