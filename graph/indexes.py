"""What the build works out once so that no question has to walk the whole graph.

Questions over the whole cascade (which plans take up which NQ 71 item,
which items a unit's tasks carry, which items no plan takes up) would follow
``prov:wasDerivedFrom+`` from every task on every request, and finding a unit
by the name a user types would compare every name. The build answers these
once instead and stores the answers in their own graph:

- ``task nqg:carries item``: the task derives from the NQ 71 item, stated or
  inferred, directly or through other tasks (the cascade's closure);
- ``task nqg:cascadeLevel "city"``: the level the task stands at, which is the
  city's for a row of the city's table that a lower plan reproduces, and its
  plan's level otherwise;
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


def is_city_task(leads: set[str], issuer: str | None, level: str | None, origin: str | None) -> bool:
    """A city plan's task, or a reproduced row: an appendix row led only by outside units."""
    if level == "city":
        return True
    if origin != "appendix" or not leads or not issuer:
        return False
    return not any(unit == issuer or unit.startswith(issuer + "/") for unit in leads)


def cascade_levels(store) -> dict[str, str | None]:
    """Each plan task's level in the cascade: None for a task of a plan whose level is not known."""
    facts: dict[str, dict] = {}
    leads: dict[str, set[str]] = defaultdict(set)
    for row in queries.select(store, "task_levels"):
        facts.setdefault(row["task"], row)
        if "lead" in row:
            leads[row["task"]].add(row["lead"])
    return {task: "city" if is_city_task(leads[task], row.get("issuer"), row.get("level"), row.get("origin"))
            else row.get("level") for task, row in facts.items()}


def carried_items(store) -> dict[str, set[str]]:
    """NQ 71 item → every task below it, through derivations of any kind."""
    below: dict[str, set[str]] = defaultdict(set)
    for row in queries.select(store, "derivations"):
        below[row["upstream"]].add(row["task"])
    items = {row["item"] for row in queries.select(store, "items")}
    carried = {}
    for item in items:
        seen, todo = set(), [item]
        while todo:
            for task in below.get(todo.pop(), ()):
                if task not in seen and task != item:
                    seen.add(task)
                    todo.append(task)
        carried[item] = seen
    return carried


def indexes(store) -> Graph:
    graph = bind_prefixes(Graph())
    for row in queries.select(store, "unit_labels"):
        graph.add((URIRef(row["unit"]), NQG.nameKey, Literal(normal(row["label"]))))
    levels = cascade_levels(store)
    for task, level in levels.items():
        if level:
            graph.add((URIRef(task), NQG.cascadeLevel, Literal(level)))
    for item, tasks in carried_items(store).items():
        for task in tasks & levels.keys():
            graph.add((URIRef(task), NQG.carries, URIRef(item)))
    return graph


def replace_indexes(store) -> None:
    store.replace_graph(index_graph(), indexes(store))
