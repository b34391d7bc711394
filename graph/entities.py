"""Shared nodes described once: the units, cited documents, programme items and upper plans documents name.

A document's graph says what *it* reads of a shared node, on nodes of its own:
a unit mention carries the name, level and parent it resolves to; a citation
the number, type and date it reads; a plan's row the NQ 71 number it quotes; a
row of a programme's own task list the item it is (``nqg:printsItem``); a
table a plan reproduces the upper plan it belongs to (``nqg:reproducedPlan``). The
entity graph holds one description of each shared node, made from all those
readings, so the union of the graphs states every fact once. After documents
change, only the nodes their old and new graphs name are described anew
(:func:`refresh`). Neither the reference graph's statements nor what a loaded
document says of itself (a resolution read from its text) are repeated; the
reference graph in turn gives way to a loaded document (:func:`beside_documents`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from graph import queries
from graph.similarity import Index
from loaders import register
from loaders.model import Span, UnitRef
from loaders.reference import change_triples
from loaders.rdf import cited_triples, programme_item, reproduced_plan_triples, unit_triples
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
    items: set[str] = field(default_factory=set)      # programme items: quoted by number, or printed
    printed: set[str] = field(default_factory=set)    # the items among them a programme's own text prints
    plans: set[str] = field(default_factory=set)      # upper plans known through the tables reproduced from them

    def __ior__(self, other: Named) -> Named:
        self.units |= other.units
        self.documents |= other.documents
        self.items |= other.items
        self.printed |= other.printed
        self.plans |= other.plans
        return self

    def subjects(self) -> set[str]:
        """The nodes the entity graph describes of these: they, and what became of the former
        communes among the units (their change and the units in force that took them over)."""
        return self.units | self.documents | self.items | self.plans | _changed(self.units)


def named_in(graph: Graph) -> Named:
    """What a document's graph, before it is stored, names."""
    named = Named()
    for mention in graph.subjects(RDF.type, NQG.UnitMention):
        named.units.update(str(u) for u in graph.objects(mention, NQG.unit))
        named.units.update(str(u) for u in graph.objects(mention, NQG.parentUnit))
    named.documents.update(str(d) for d in graph.objects(None, NQG.citedDocument))
    named.items.update(str(ids.nq71_item(n)) for n in graph.objects(None, NQG.nq71Number))
    named.printed.update(str(item) for item in graph.objects(None, NQG.printsItem))
    named.items |= named.printed
    named.plans.update(str(plan) for plan in graph.objects(None, NQG.reproducedPlan)
                       if (plan, RDF.type, NQG.Plan) not in graph)
    return named


def named_in_store(store, graph_iri) -> Named:
    """What the stored graph ``graph_iri`` names: the nodes whose description a change to it may change."""
    named = Named()
    for row in queries.select(store, "graph_entities", g=URIRef(graph_iri)):
        for key, bucket in (("unit", named.units), ("parent", named.units), ("document", named.documents),
                            ("item", named.printed), ("plan", named.plans)):
            if key in row:
                bucket.add(str(row[key]))
        if "number" in row:
            named.items.add(str(ids.nq71_item(str(row["number"]))))
    named.items |= named.printed
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
    _describe_units(store, graph, None if named is None else named.units | _changed(named.units), reference)
    _describe_documents(store, graph, None if named is None else named.documents)
    _describe_items(store, graph, None if named is None else named.items)
    _describe_plans(store, graph, None if named is None else named.plans)
    documents = set(graph.subjects(RDF.type, NQG.Resolution)) | set(graph.subjects(RDF.type, NQG.Plan))
    own = {(row["s"], row["p"], row["o"]) for row in queries.rows(store, "own_statements", s=documents)} \
        if documents else set()
    for triple in list(graph):
        if triple in reference or triple in own or (subjects is not None and str(triple[0]) not in subjects):
            graph.remove(triple)
    return graph


def beside_documents(store, reference: Graph) -> Graph:
    """The reference graph less what loaded documents say of themselves.

    The reference describes NQ 57, NQ 03 and NQ 71 as the project knows them;
    once one of them is loaded from its text, what that text says of it (its
    title, date, issuer, what it amends) stands in its own graph, and the
    reference keeps only what the text does not say.
    """
    documents = {s for s in reference.subjects(RDF.type, NQG.Resolution) if isinstance(s, URIRef)}
    said = {(row["s"], row["p"]) for row in queries.rows(store, "own_statements", s=documents)} if documents else set()
    kept = bind_prefixes(Graph())
    for triple in reference:
        if triple[:2] not in said:
            kept.add(triple)
    return kept


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
    """Each unit from its mentions: kind, level, parent, every name; one name preferred; and what
    became of a former commune (:func:`_describe_changes`).

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
    _describe_changes(graph, {str(unit) for unit in graph.subjects(RDF.type, NQG.Unit)})
    _prefer_one_name(graph, documents, reference)


def _former_communes(units: set[str]) -> list[register.Unit]:
    """The former communes and wards among ``units`` (IRIs), whose successors the register gives."""
    keyed = register.keyed()
    found = (keyed.get(_key(unit)) for unit in units)
    return [unit for unit in found if unit is not None and not unit.current and unit.level in ("commune", "ward")]


def _changed(units: set[str]) -> set[str]:
    """The nodes the register's account of the former communes among ``units`` describes: each one's
    change and the units in force that took it over."""
    return {str(node) for unit in _former_communes(units)
            for node in (ids.part(ids.unit(register.unit_key(unit)), "change"),
                         *(ids.unit(register.unit_key(successor)) for successor in register.successors(unit)))}


def _describe_changes(graph: Graph, units: set[str]) -> None:
    """What became of each former commune a plan names (``org:changedBy`` its ``org:ChangeEvent``,
    as the reference graph states it of former districts and provinces)."""
    for unit in _former_communes(units):
        change_triples(graph, unit)


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


# --- cited documents, programme items and upper plans -------------------------------------

# A row that prints an item's number misquotes it when its text reads like no item (below
# the floor) or reads better like another one (by the margin). Rows quoting the right item
# score 0.90-1.0 against it on the bundled plans; a local addition ("trong phạm vi thành
# phố") costs a few hundredths.
MISQUOTE_FLOOR = 0.5
MISQUOTE_MARGIN = 0.1


def _programme_texts(store) -> Index:
    """Every programme item's own text, to tell which item a quoting row reads like."""
    index, rows = Index(), {}
    for row in queries.select(store, "programme_claims"):   # one row per unit: each printed row once
        if row.get("text"):
            rows[row["item"], row["row"]] = str(row["text"])
    for (item, _), text in sorted(rows.items()):
        index.add(item, text)
    return index


def misquotes(programme: Index, item: str, text: str) -> bool:
    """Whether a row quoting ``item`` with ``text`` reads like no item or better like another."""
    own = programme.score(text, item)
    best = programme.search(text, limit=1)
    return own < MISQUOTE_FLOOR or bool(best and best[0].key != item and best[0].score - own >= MISQUOTE_MARGIN)


def _describe_plans(store, graph: Graph, plans: set[str] | None) -> None:
    """Each upper plan from the documents that reproduce its tables: its issuer, level, number, date."""
    bindings = {} if plans is None else {"plan": {URIRef(plan) for plan in plans}}
    for row in queries.select(store, "reproduction_claims", **bindings):
        issued = row.get("date")
        issuer = UnitRef(row.get("name", ""), Span(1, 1), name=row.get("name", ""), level=row.get("level"))
        reproduced_plan_triples(graph, URIRef(row["plan"]), URIRef(row["issuer"]), issuer, row.get("number"),
                                issued.isoformat() if hasattr(issued, "isoformat") else issued,
                                URIRef(row["document"]))


def _describe_documents(store, graph: Graph, documents: set[str] | None) -> None:
    bindings = {} if documents is None else {"document": {URIRef(d) for d in documents}}
    for row in queries.select(store, "document_claims", **bindings):
        issued = row.get("date")
        cited_triples(graph, URIRef(row["document"]), row["number"], row.get("type"),
                      issued.isoformat() if hasattr(issued, "isoformat") else issued)


def _describe_items(store, graph: Graph, items: set[str] | None) -> None:
    """Each programme item, from its row in the programme's own task list where a loaded
    document prints it (its text, units, result, deadline and lines: ``nqg:knownFrom
    "programme"``), else from the plans' rows that quote its number (the text most documents
    quote, then the first in order: ``"quotes"``); the NQ 57 tasks any quoting row ties it to; and,
    against the programme's own text, the quoting rows that misquote it (``nqg:misquotedBy``)."""
    bindings, printed_bindings = {}, {}
    if items is not None:  # every printing of the same items: "48" and "48." are one item
        wanted = {URIRef(item) for item in items}
        bindings["number"] = {Literal(row["number"]) for row in queries.select(store, "item_numbers")
                              if ids.nq71_item(row["number"]) in wanted}
        printed_bindings["item"] = wanted
    quoted: dict[str, tuple[str, dict[str, set[str]]]] = {}
    quotes: dict[str, dict[str, str]] = defaultdict(dict)   # item → the rows quoting it → their text
    nq57: dict[str, set[str]] = defaultdict(set)
    for row in queries.select(store, "item_claims", **bindings):
        item = str(ids.nq71_item(row["number"]))
        _, texts = quoted.setdefault(item, (row["number"], defaultdict(set)))  # described, text or not
        if "text" in row:
            texts[row["text"]].add(row["g"])
            quotes[item][row["task"]] = str(row["text"])
        if "nq57" in row:
            nq57[item].add(row["nq57"])
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in queries.select(store, "programme_claims", **printed_bindings):
        rows[row["item"]].setdefault(row["row"], {**row, "lead": [], "cooperating": []})
        if "unit" in row:
            rows[row["item"]][row["row"]][row["role"]].append(row["unit"])
    programme = None
    for item in sorted(set(quoted) | set(rows)):
        if item in rows:  # the programme's own text: its first printing, documents in order
            own = rows[item][min(rows[item], key=lambda row: (rows[item][row]["g"], row))]
            programme_item(graph, URIRef(item), own.get("number", ""), own.get("text"), sorted(nq57[item]), own)
            if quotes[item]:
                programme = programme or _programme_texts(store)
                for task, text in sorted(quotes[item].items()):
                    if misquotes(programme, item, text):
                        graph.add((URIRef(item), NQG.misquotedBy, URIRef(task)))
        else:
            number, texts = quoted[item]
            text = min(texts, key=lambda t: (-len(texts[t]), t)) if texts else None
            programme_item(graph, URIRef(item), number, text, sorted(nq57[item]))
