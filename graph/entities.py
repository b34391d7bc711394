"""Shared nodes described once: the units, cited documents and NQ 71 items documents name.

A document's graph says what *it* reads of a shared node, on nodes of its own:
a unit mention carries the name, level and parent it resolves to; a citation
the number, type and date it reads; a row the NQ 71 number it prints. The
entity graph holds one description of each shared node, made from all those
readings, so the union of the graphs states every fact once. After documents
change, only the nodes their old and new graphs name are described anew
(:func:`refresh`); the reference graph's own statements are never repeated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from graph import queries
from loaders.model import Span, UnitRef
from loaders.rdf import cited_triples, programme_item, unit_triples
from loaders.text import fold, squash
from ontology import ids
from ontology.vocab import NQG, bind_prefixes


def entity_graph() -> URIRef:
    """The named graph that describes the shared nodes."""
    return ids.iri("graph", "entities")


@dataclass
class Named:
    """The shared nodes some documents name: units (and their parents), cited documents, NQ 71 items."""

    units: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)      # item numbers as printed: "48", "147 (8)"

    def __ior__(self, other: Named) -> Named:
        self.units |= other.units
        self.documents |= other.documents
        self.items |= other.items
        return self

    def subjects(self) -> set[str]:
        return self.units | self.documents | {str(ids.nq71_item(number)) for number in self.items}


def named_in(graph: Graph) -> Named:
    """What a document's graph, before it is stored, names."""
    named = Named()
    for mention in graph.subjects(RDF.type, NQG.UnitMention):
        named.units.update(str(u) for u in graph.objects(mention, NQG.unit))
        named.units.update(str(u) for u in graph.objects(mention, NQG.parentUnit))
    named.documents.update(str(d) for d in graph.objects(None, NQG.citedDocument))
    named.items.update(str(n) for n in graph.objects(None, NQG.nq71Number))
    return named


def named_in_store(store, graph_iri) -> Named:
    """What the stored graph ``graph_iri`` names: the nodes whose description a change to it may change."""
    named = Named()
    for row in queries.select(store, "graph_entities", g=URIRef(graph_iri)):
        for key, bucket in (("unit", named.units), ("parent", named.units), ("document", named.documents),
                            ("item", named.items)):
            if key in row:
                bucket.add(str(row[key]))
    return named


def describe(store, named: Named | None = None, reference: Graph | None = None) -> Graph:
    """The entity graph's statements about ``named`` (None: about every shared node).

    Whatever ``reference`` (the reference graph: NQ 57, NQ 71, the registry's
    units) already says is left out, so that each statement stands in one graph.
    """
    if reference is None:
        from loaders.reference import reference_graph

        reference = reference_graph()
    graph = bind_prefixes(Graph())
    subjects = None if named is None else named.subjects()
    _describe_units(store, graph, None if named is None else named.units, reference)
    _describe_documents(store, graph, None if named is None else named.documents)
    _describe_items(store, graph, None if named is None else named.items)
    for triple in list(graph):
        if triple in reference or (subjects is not None and str(triple[0]) not in subjects):
            graph.remove(triple)
    return graph


def refresh(store, named: Named | None = None, reference: Graph | None = None) -> None:
    """Describe ``named`` anew in the entity graph (None: the whole graph), in one write."""
    if named is None:
        store.replace_graph(entity_graph(), describe(store, None, reference))
    elif named.subjects():
        store.replace_subjects(entity_graph(), sorted(named.subjects()), describe(store, named, reference))


# --- units ----------------------------------------------------------------------------

def _key(iri: str) -> str:
    return iri.removeprefix(str(ids.unit("")))


def _describe_units(store, graph: Graph, units: set[str] | None, reference: Graph) -> None:
    """Each unit from its mentions: kind, level, parent, every name; one name preferred.

    A unit the reference graph names keeps the reference's name as preferred;
    any other unit takes a name spelt with diacritics first, then the name
    most documents give it, then the first in order. Spellings that differ
    from every name are hidden labels: found by search, never shown.
    """
    if units is None:
        rows = queries.select(store, "unit_claims")
    else:  # a unit is described by its own mentions and, as a parent, by those of its divisions
        bound = {URIRef(u) for u in units}
        rows = queries.select(store, "unit_claims", unit=bound) + queries.select(store, "division_claims", parent=bound)
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = _key(row["unit"])
        parent = row.get("parent")
        ref = UnitRef(row["printed"], Span(1, 1), name=row.get("name", ""), key=key,
                      collective=key.startswith("collective/"), level=row.get("level"),
                      parent_key=_key(parent) if parent else None, parent_name=row.get("parentName"))
        unit_triples(graph, ref)
        documents[(row["unit"], ref.name or squash(ref.printed))].add(row["g"])
        if parent and ref.parent_name:
            documents[(parent, ref.parent_name)].add(row["g"])
    _prefer_one_name(graph, documents, reference)


def _prefer_one_name(graph: Graph, documents: dict[tuple[str, str], set[str]], reference: Graph) -> None:
    for unit in set(graph.subjects(SKOS.prefLabel)) | set(graph.subjects(SKOS.altLabel)):
        names = set(graph.objects(unit, SKOS.prefLabel)) | set(graph.objects(unit, SKOS.altLabel))
        graph.remove((unit, SKOS.prefLabel, None))
        graph.remove((unit, SKOS.altLabel, None))
        settled = reference.value(unit, SKOS.prefLabel)
        if settled is None:
            settled = min(names, key=lambda name: (fold(name) == squash(name.lower()),
                                                   -len(documents.get((str(unit), str(name)), ())), str(name)))
        graph.add((unit, SKOS.prefLabel, settled))
        for name in names - {settled}:
            graph.add((unit, SKOS.altLabel, name))
        for spelling in list(graph.objects(unit, SKOS.hiddenLabel)):
            if spelling in names or spelling == settled:
                graph.remove((unit, SKOS.hiddenLabel, spelling))


# --- cited documents and NQ 71 items ----------------------------------------------------

def _describe_documents(store, graph: Graph, documents: set[str] | None) -> None:
    bindings = {} if documents is None else {"document": {URIRef(d) for d in documents}}
    for row in queries.select(store, "document_claims", **bindings):
        issued = row.get("date")
        cited_triples(graph, URIRef(row["document"]), row["number"], row.get("type"),
                      issued.isoformat() if hasattr(issued, "isoformat") else issued)


def _describe_items(store, graph: Graph, items: set[str] | None) -> None:
    """Each NQ 71 item from the rows that print its number: the NQ 57 tasks any row ties it to,
    and one text, the one most documents print (then the first in order)."""
    bindings = {}
    if items is not None:  # every printing of the same items: "48" and "48." are one item
        wanted = {ids.nq71_item(number) for number in items}
        bindings["number"] = {Literal(row["number"]) for row in queries.select(store, "item_numbers")
                              if ids.nq71_item(row["number"]) in wanted}
    texts: dict[str, dict[str, set[str]]] = {}
    nq57: dict[str, set[str]] = defaultdict(set)
    for row in queries.select(store, "item_claims", **bindings):
        printed = texts.setdefault(row["number"], defaultdict(set))  # an item is described, text or not
        if "text" in row:
            printed[row["text"]].add(row["g"])
        if "nq57" in row:
            nq57[row["number"]].add(row["nq57"])
    for number, printed in texts.items():
        text = min(printed, key=lambda t: (-len(printed[t]), t)) if printed else None
        programme_item(graph, number, text, sorted(nq57[number]))
