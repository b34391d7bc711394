"""What the explorer pages read from the store, through the named queries in ``queries/``.

Every page gets plain Python values (rdflib terms, strings, numbers) from
here, never query text. The names of resources come from the index the build
wrote (:mod:`graph.search`), so a page names every link it shows without a
query per link and the server starts without reading the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_request_context
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph import queries, trace
from graph.answers import CascadeAnswer
from graph.search import SearchIndex
from ontology.vocab import NQG

def solution_dicts(result) -> list[dict]:
    """The rows of a SELECT answer (an rdflib ``Result``, as every store gives) as ``{variable: term}``."""
    return [{str(k): v for k, v in row.items() if v is not None} for row in result.bindings]


def text(value) -> str:
    return "" if value is None else str(value)


@dataclass
class Description:
    """One resource as its page shows it."""

    iri: URIRef
    types: list[URIRef]
    facts: list[tuple[URIRef, list]] = field(default_factory=list)  # predicate → objects, in order
    incoming: list[tuple[URIRef, list]] = field(default_factory=list)  # predicate → subjects
    sources: list[dict] = field(default_factory=list)

    def value(self, predicate: URIRef):
        for p, objects in self.facts:
            if p == predicate:
                return objects[0]
        return None

    def is_a(self, cls: URIRef) -> bool:
        return cls in self.types

    @property
    def exists(self) -> bool:
        return bool(self.facts or self.incoming)


class GraphReader:
    """What pages read: bound queries over the store, and names from the index the build wrote."""

    def __init__(self, store, index: SearchIndex | None = None):
        self.store = store
        self.index = index or SearchIndex.open(store)

    def select(self, name: str, **bindings) -> list[dict]:
        return queries.rows(self.store, name, **bindings)

    def known(self, iris) -> dict[str, tuple[str, str]]:
        """The names of ``iris`` (label, plan name), read from the index in one query for those
        this request has not named yet: a page names the links it is about to show at once."""
        names = self._names()
        wanted = {str(iri) for iri in iris} - names.keys()
        if wanted:
            names.update(self.index.names(wanted))
        return names

    def _names(self) -> dict[str, tuple[str, str]]:
        return g.setdefault("nqgraph_names", {}) if has_request_context() else {}

    def _named(self, iri) -> tuple[str, str]:
        """One resource's names: a page names hundreds of links, most of them named already."""
        names, key = self._names(), str(iri)
        if key not in names:
            names.update(self.index.names([key]))
        return names[key]

    def label(self, iri) -> str:
        return self._named(iri)[0]

    def name(self, iri) -> str:
        """The resource's label, else the last segment of its IRI: something to show for a link."""
        return self.label(iri) or str(iri).rstrip("/").rsplit("/", 1)[-1]

    def plan_name(self, plan) -> str:
        """A plan as tables name it: its issuer and number, since the titles of plans, which
        name those without a number, often read alike."""
        return self._named(plan)[1] or self.name(plan)

    def named_graphs(self) -> list[str]:
        return [str(row["g"]) for row in self.select("named_graphs")]

    def counts(self) -> dict[str, int]:
        return self.index.counts()

    def describe(self, iri: URIRef) -> Description:
        facts: dict[URIRef, list] = {}
        for row in self.select("outgoing", s=iri):
            facts.setdefault(row["p"], []).append(row["o"])
        incoming: dict[URIRef, list] = {}
        for row in sorted(queries.select(self.store, "incoming", o=iri), key=lambda row: (row["p"], row["s"])):
            incoming.setdefault(URIRef(row["p"]), []).append(URIRef(row["s"]))
        sources = [
            {
                "document": row.get("document"),
                "file": text(row.get("file")),
                "first": row.get("first") and int(row["first"]),
                "last": row.get("last") and int(row["last"]),
                "quote": text(row.get("quote")),
            }
            for row in self.select("source", s=iri)
        ]
        types = facts.pop(RDF.type, [])
        self.known([iri, *(o for objects in facts.values() for o in objects if isinstance(o, URIRef)),
                    *(s for subjects in incoming.values() for s in subjects)])
        return Description(iri, types, list(facts.items()), list(incoming.items()), sources)

    def graph(self, iri: URIRef) -> Graph:
        """The resource's own statements, and those of the parts it links to under its own IRI
        (a task's deadline, derivations and source span; an indicator's targets)."""
        graph = Graph()
        pending, seen = [iri], set()
        while pending:
            subject = pending.pop()
            seen.add(subject)
            for row in self.select("outgoing", s=subject):
                graph.add((subject, row["p"], row["o"]))
                obj = row["o"]
                if isinstance(obj, URIRef) and str(obj).startswith(str(iri) + "/") and obj not in seen:
                    pending.append(obj)
        return graph

    def coverage(self, plans) -> list[dict]:
        """(item, plan, number of the plan's tasks that carry it) for the ``plans`` given."""
        return queries.select(self.store, "coverage_counts", plan=plans)

    def plan_tasks(self, plan: URIRef) -> list[dict]:
        return queries.select(self.store, "plan_tasks", plan=plan)

    def unit_tasks(self, unit: URIRef) -> list[dict]:
        return self.select("unit_tasks", unit=unit)

    def task_units(self, tasks) -> dict[tuple[str, str], list[str]]:
        """(task IRI, ``lead`` or ``cooperating``) → unit IRIs, sorted, for the ``tasks`` given."""
        units: dict[tuple[str, str], list[str]] = {}
        for row in queries.select(self.store, "task_units", task={URIRef(t) for t in tasks}):
            units.setdefault((row["task"], row["role"]), []).append(row["unit"])
        return {key: sorted(value) for key, value in units.items()}

    def task_links(self, tasks) -> dict[str, set[str]]:
        """Task IRI → how its upstream links are known (``stated``, ``inferred``), for the ``tasks`` given."""
        kinds: dict[str, set[str]] = {}
        for row in queries.select(self.store, "task_links", task={URIRef(t) for t in tasks}):
            kinds.setdefault(row["task"], set()).add(row["kind"])
        return kinds

    def cascade(self, root: URIRef) -> CascadeAnswer:
        """The plan tasks below ``root`` (an NQ 71 item, an NQ 57 task or a plan task), as
        :mod:`graph.trace` finds them, with the text of the root and the NQ 57 task it implements."""
        description = self.describe(root)
        if description.is_a(NQG.ProgrammeItem):
            links = trace.follow_item(self.store, text(description.value(NQG.number)), self.index).links
        else:
            links = trace.follow_task(self.store, str(root), index=self.index).links
        implements = description.value(NQG.implementsTask)
        self.known({iri for link in links for iri in (link.task.iri, link.plan.iri, *link.via,
                                                          *(u.iri for u in link.lead_units + link.cooperating_units))
                    if iri})
        return CascadeAnswer(str(root), text(description.value(NQG.text)),
                             (str(implements),) if implements is not None else (), links)
