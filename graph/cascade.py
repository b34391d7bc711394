"""The cascade as a networkx directed graph, for what SPARQL is poor at.

Nodes are NQ 57 tasks, NQ 71 items, plan tasks and units; edges run down the
cascade (upstream task → the task derived from it → the units assigned to
it). From it: what a task reaches, each unit's workload, the tasks the
cascade hinges on, and a GraphML file to explore in Gephi.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph import queries
from graph.trace_index import edges, ranges, task_infos
from loaders.text import natural_key

KINDS = {"item": "nq71-item", "nq57": "nq57-task"}


def cascade_graph(store) -> nx.DiGraph:
    """NQ 57 task → NQ 71 item → city task → department/commune task → units: the whole cascade,
    for exports and for questions about all of it."""
    graph = nx.DiGraph()
    for row in queries.select(store, "link_resolution_tasks"):
        number = str(row.get("number") or "")
        graph.add_node(row["task"], kind=KINDS[row["kind"]], label=number, text=str(row.get("text") or ""),
                       level="national")
    for iri, info in task_infos(store).items():
        graph.add_node(iri, kind="plan-task", label=f"{info.number or ''} {info.issuer_name or ''}".strip(),
                       text=info.text or "", level=info.effective_level or "", plan=info.plan)
        for role, units in (("lead", info.lead), ("cooperating", info.cooperating)):
            for unit, name in units.items():
                graph.add_node(unit, kind="unit", label=name, text=name, level="unit")
                graph.add_edge(iri, unit, relation=role, weight=1.0)
    for edge in edges(store) + ranges(store):
        for node in (edge.upstream, edge.task):
            if node not in graph:
                graph.add_node(node, kind="task", label=node.rsplit("/", 1)[-1], text="", level="")
        graph.add_edge(edge.upstream, edge.task, relation=edge.kind, weight=edge.score)
    return graph


def derivations(graph: nx.DiGraph) -> nx.DiGraph:
    """The task-to-task part of the cascade, without the units."""
    return graph.edge_subgraph((a, b) for a, b, d in graph.edges(data=True) if d["relation"] in ("stated", "inferred"))


def reachable(graph: nx.DiGraph, node: str) -> set[str]:
    """Every task and unit below ``node`` in the cascade."""
    return nx.descendants(graph, node) if node in graph else set()


def unit_workload(graph: nx.DiGraph) -> list[dict]:
    """Per unit: tasks it leads, tasks it cooperates on, and the NQ 71 items those carry.

    Busiest first (most tasks led, then cooperating).
    """
    items = {n for n, d in graph.nodes(data=True) if d["kind"] == "nq71-item"}
    tree = derivations(graph)
    ancestors_of = {}
    result = []
    for unit, data in graph.nodes(data=True):
        if data["kind"] != "unit":
            continue
        roles = Counter(graph.edges[task, unit]["relation"] for task in graph.predecessors(unit))
        carried = set()
        for task in graph.predecessors(unit):
            if task not in ancestors_of:
                ancestors_of[task] = nx.ancestors(tree, task) if task in tree else set()
            carried |= ancestors_of[task] & items
        result.append({"unit": unit, "name": data["label"], "lead": roles["lead"],
                       "cooperating": roles["cooperating"],
                       "items": sorted((graph.nodes[i]["label"] for i in carried), key=natural_key)})
    return sorted(result, key=lambda r: (-r["lead"], -r["cooperating"], r["name"]))


# Betweenness costs a walk from every node; past this many, it is estimated from this many
# sources (chosen by a fixed seed, so the answer is the same each time).
CENTRALITY_SOURCES = 1000


def central_tasks(graph: nx.DiGraph, top: int = 10) -> list[tuple[str, float]]:
    """The tasks most of the cascade runs through (betweenness centrality of the derivations)."""
    tree = derivations(graph)
    if tree.number_of_nodes() == 0:
        return []
    sources = CENTRALITY_SOURCES if tree.number_of_nodes() > CENTRALITY_SOURCES else None
    scores = nx.betweenness_centrality(tree, k=sources, seed=0)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def write_graphml(store, path_or_file) -> nx.DiGraph:
    """Write the cascade as GraphML (Gephi, yEd, Cytoscape read it) to a path or a binary file."""
    graph = cascade_graph(store)
    nx.write_graphml(graph, path_or_file)
    return graph

