"""Namespaces shared by every layer.

``NQG`` holds the terms nqgraph defines itself (see ``nqgraph.ttl``); the
others are the standard vocabularies it reuses.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ORG, TIME, QB

NQG = Namespace("https://nqgraph.org/def#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

PREFIXES = {
    "nqg": NQG,
    "eli": ELI,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "time": TIME,
    "qb": QB,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-attribute": SDMX_ATTRIBUTE,
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def bind_prefixes(graph):
    """Bind every prefix above on an rdflib graph, for readable serialisations."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


# Levels of plans and units (nqg:level, nqg:unitLevel) from the top of the cascade down;
# communes and wards are one level since 1 July 2025.
LEVEL_RANK = {"national": 0, "city": 1, "department": 2, "district": 3, "ward": 4, "commune": 4}
