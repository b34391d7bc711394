"""What the build works out once so that no question has to walk the whole graph.

Questions over the whole cascade (which plans take up which NQ 71 item,
which items a unit's tasks carry, which items no plan takes up) would follow
``prov:wasDerivedFrom+`` from every task on every request, and finding a unit
by the name a user types would compare every name. The build answers these
once instead and stores the answers in their own graph:

- ``task nqg:carries item``: the task derives from the NQ 71 item, stated or
  inferred, directly or through other tasks (the cascade's closure);
- ``task nqg:cascadeLevel "city"``: the level the task stands at, its plan's
  (the city's for a row of the city's table that a lower plan reproduces:
  :mod:`loaders.reproductions` makes it the city plan's task);
- ``unit nqg:nameKey "so khoa hoc va cong nghe"``: each name of a unit in the
  form names are compared in (:func:`loaders.units.normal`).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef

from graph import queries
from loaders.units import normal
from ontology import ids
from ontology.vocab import NQG, bind_prefixes


def index_graph() -> URIRef:
    return ids.iri("graph", "index")


def cascade_levels(store, tasks: set[str] | None = None) -> dict[str, str | None]:
    """Each plan task (of ``tasks``; None: every one) with the level it stands at in the cascade:
    its plan's, the city's for a row of the city's table a lower plan reproduces (which is the city
    plan's task); None for a task of a plan whose level is not known."""
    rows = queries.select(store, "task_levels", **({} if tasks is None else {"task": _iris(tasks)}))
    return {row["task"]: row.get("level") for row in rows}


def carried_items(store, tasks: set[str] | None = None) -> dict[str, set[str]]:
    """Each of ``tasks`` (None: every node below an item) with the NQ 71 items above it, through
    derivations of any kind. A bound walk reads only the edges above the tasks, a step at a time."""
    above: dict[str, set[str]] = defaultdict(set)
    frontier = None if tasks is None else set(tasks)
    while frontier is None or frontier:
        rows = queries.select(store, "derivations", **({} if frontier is None else {"task": _iris(frontier)}))
        for row in rows:
            above[row["task"]].add(row["upstream"])
        frontier = {row["upstream"] for row in rows} - above.keys() if frontier is not None else set()
    items = {row["item"] for row in queries.select(store, "items")}
    found: dict[str, set[str]] = {}

    def reach(node: str) -> set[str]:
        if node not in found:
            found[node] = set()  # a cycle (a task stated to derive from itself) ends here
            for parent in above.get(node, ()):
                found[node] |= ({parent} if parent in items else set()) | reach(parent)
        return found[node]

    return {task: reach(task) for task in (above.keys() if tasks is None else tasks) if task not in items}


def below(store, tasks: set[str]) -> set[str]:
    """Every task that derives from one of ``tasks``, directly or in steps, and ``tasks``."""
    seen, frontier = set(tasks), set(tasks)
    while frontier:
        frontier = {row["task"] for row in queries.select(store, "derivations", upstream=_iris(frontier))} - seen
        seen |= frontier
    return seen


def indexes(store, units: set[str] | None = None, tasks: set[str] | None = None) -> Graph:
    """The index statements about ``units`` and ``tasks`` (None: about all)."""
    graph = bind_prefixes(Graph())
    for row in queries.select(store, "unit_labels", **({} if units is None else {"unit": _iris(units)})):
        graph.add((URIRef(row["unit"]), NQG.nameKey, Literal(normal(row["label"]))))
    levels = cascade_levels(store, tasks)
    for task, level in levels.items():
        if level:
            graph.add((URIRef(task), NQG.cascadeLevel, Literal(level)))
    for task, items in carried_items(store, None if tasks is None else set(levels)).items():
        if task in levels:
            for item in items:
                graph.add((URIRef(task), NQG.carries, URIRef(item)))
    return graph


def replace_indexes(store, units: set[str] | None = None, tasks: set[str] | None = None) -> None:
    """Replace the index graph whole, or (after documents changed) only what it says of ``units``,
    of ``tasks`` and of every task below them; in one write."""
    if units is None and tasks is None:
        store.replace_graph(index_graph(), indexes(store))
        return
    tasks = below(store, set(tasks or ()))
    store.replace_subjects(index_graph(), sorted(set(units or ()) | tasks), indexes(store, units or set(), tasks))


def _iris(values) -> set[URIRef]:
    return {URIRef(value) for value in values}
