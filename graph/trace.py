"""Follow the cascade: which plan tasks carry an NQ 71 item, which units do them, what is late.

A trace answers a typed value (:mod:`graph.answers`, from ``follow_*``)
whose ``as_json()`` is the JSON the command line prints (``trace_*`` give
that JSON); coverage and overdue answer plain dicts. ``render_*`` turn
answers into text grouped by level. A walk follows the derivation edges
breadth first from where it starts, asking the store for the edges of each
step's nodes (``queries/derivations.rq``, bound), so each task is reached by
its shortest chain, the chain is reported (``via``), and an answer costs
what it holds, not what the store holds. ``queries/trace.rq``
asks the same question of a SPARQL endpoint with a property path. Questions
over the whole cascade (coverage, a unit's items) read the closure the build
stores (:mod:`graph.indexes`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date

from rdflib import XSD, Literal, URIRef

from graph import queries, trace_index
from graph.answers import (ItemFacts, ItemTrace, Link, Source, TaskRef, TaskTrace, Unit, UnitTask, UnitTrace,
                           Upstream, sorted_units)
from graph.search import SearchIndex
from graph.store import NotFound
from graph.trace_index import Edge, TaskInfo, deadline_of
from loaders.text import fold, natural_key
from loaders.units import normal
from ontology import ids

UPSTREAM_KINDS = {"item": "NQ 71 item", "nq57": "NQ 57 task"}
LEVEL_NAMES = {"city": "Thành phố / city", "department": "Sở, ngành / department",
               "district": "Huyện / district", "commune": "Xã / commune", "ward": "Phường / ward"}


@dataclass
class Reach:
    """How a walk reached a task: the tasks in between, the weakest link, all stated or not."""

    via: list[str]
    strength: float
    stated: bool


class Cascade:
    """The derivation edges around the nodes a question reaches, asked of the store step by step,
    and the facts of the tasks it reaches, read from the store's index file when it has one
    (:mod:`graph.trace_index`)."""

    def __init__(self, store, index: SearchIndex | None = None):
        self.store = store
        self.index = index if index is not None else SearchIndex.file(store)
        self.below: dict[str, list[Edge]] = {}
        self.above: dict[str, list[Edge]] = {}
        self.infos: dict[str, TaskInfo | None] = {}  # None: no plan task

    def edges(self, nodes, up: bool = False) -> None:
        """Fetch the edges below (or ``up``: above) those of ``nodes`` not asked about yet."""
        known = self.above if up else self.below
        wanted = {str(node) for node in nodes if node not in known}
        if not wanted:
            return
        for node in wanted:
            known[node] = []
        if self.index is not None:
            found = trace_index.read_edges(self.index, wanted, up)
        else:
            found = trace_index.edges(self.store, wanted, up) + ([] if up else trace_index.ranges(self.store, wanted))
        for edge in found:
            known[edge.task if up else edge.upstream].append(edge)

    def walk(self, start: str, up: bool = False) -> dict[str, Reach]:
        """Tasks reachable from ``start``, down the cascade (or ``up`` it).

        Breadth first, so a task is reported through its shortest chain; of
        chains equally short, the one whose weakest link scores best. The
        edges of all the nodes waiting in the queue are fetched in one query.
        """
        found: dict[str, Reach] = {}
        queue = deque([(start, Reach([], 1.0, True))])
        known = self.above if up else self.below
        while queue:
            if queue[0][0] not in known:
                self.edges([node for node, _ in queue], up)
            node, reach = queue.popleft()
            for edge in sorted(known[node], key=lambda e: (-e.score, e.kind != "stated", e.task, e.upstream)):
                nxt = edge.upstream if up else edge.task
                if nxt == start:
                    continue
                step = Reach(reach.via + [node] if node != start else [], min(reach.strength, edge.score),
                             reach.stated and edge.kind == "stated")
                found_before = found.get(nxt)
                if found_before and (len(found_before.via), -found_before.strength) <= (len(step.via), -step.strength):
                    continue
                found[nxt] = step
                queue.append((nxt, step))
        return found

    def tasks(self, iris) -> dict[str, TaskInfo]:
        """The plan tasks among ``iris``, with what an answer shows of them (each read once)."""
        wanted = {str(iri) for iri in iris} - self.infos.keys()
        if wanted:
            if self.index is not None:
                found = trace_index.read_task_facts(self.index, wanted)
            else:
                found = trace_index.task_infos(self.store, wanted)
            self.infos.update({iri: found.get(iri) for iri in wanted})
        return {str(iri): self.infos[str(iri)] for iri in iris if self.infos[str(iri)] is not None}

    def resolution(self, iris) -> dict[str, dict]:
        """The NQ 71 items and NQ 57 tasks among ``iris``: their kind, number and text."""
        if not iris:
            return {}
        return {row["task"]: row for row in
                queries.select(self.store, "link_resolution_tasks", task={URIRef(i) for i in iris})}


def link(info: TaskInfo, reach: Reach) -> Link:
    """One task an answer lists, and how the walk reached it."""
    return Link(info.plan_ref(), info.ref(), "stated" if reach.stated else "inferred", round(reach.strength, 3),
                tuple(reach.via), info.effective_level or "", sorted_units(info.lead), sorted_units(info.cooperating),
                info.deadline, info.source())


def _links(cascade: Cascade, reached: dict[str, Reach]) -> tuple[Link, ...]:
    tasks = cascade.tasks(reached)
    return tuple(link(tasks[t], reached[t]) for t in sorted(tasks, key=lambda t: tasks[t].order()))


def trace_item(store, item: str, index: SearchIndex | None = None) -> dict:
    """:func:`follow_item`'s answer in its JSON contract (``docs/linking.md``)."""
    return follow_item(store, item, index).as_json()


def trace_task(store, iri: str, up: bool = False, index: SearchIndex | None = None) -> dict:
    """:func:`follow_task`'s answer in its JSON contract."""
    return follow_task(store, iri, up, index).as_json()


def trace_unit(store, unit: str, index: SearchIndex | None = None) -> dict:
    """:func:`follow_unit`'s answer in its JSON contract."""
    return follow_unit(store, unit, index).as_json()


def item_facts(store, iri: str) -> dict:
    """:func:`facts_of_item` in the JSON contract of a trace's item."""
    return facts_of_item(store, iri).as_json()


def follow_item(store, item: str, index: SearchIndex | None = None) -> ItemTrace:
    """Every plan task that cascades NQ 71 item ``item`` (as printed: ``48``, ``147 (8)``)."""
    cascade = Cascade(store, index)
    iri = str(ids.nq71_item(item.strip()))
    known = cascade.resolution([iri]).get(iri, {})
    reached = cascade.walk(iri)
    if not known and not reached:
        raise NotFound(f"no NQ 71 item {item.strip()!r} in the graph: no plan quotes it")
    links = _links(cascade, reached)
    cascade.edges([iri], up=True)
    upstream = cascade.resolution([e.upstream for e in cascade.above[iri]])
    stating = cascade.tasks([e.task for e in cascade.below[iri] if e.kind == "stated"])
    nq57 = {str(row.get("number") or "") for row in upstream.values()} | {n for t in stating.values() for n in t.nq57}
    text = known.get("text") or next((t.text for t in sorted(stating.values(), key=TaskInfo.order) if t.text), "")
    return ItemTrace(item.strip(), str(text or ""), tuple(sorted(n for n in nq57 if n)), facts_of_item(store, iri),
                     links)


def facts_of_item(store, iri: str) -> ItemFacts:
    """How an item is known: ``known_from`` is ``programme`` when its programme's own text is loaded
    (its lead and cooperating units, result, deadline and lines as that text prints them),
    ``quotes`` when only the plans that quote its number give it."""
    known_from, output, deadline, source = "quotes", "", deadline_of({}), Source()
    units: dict[str, dict[str, str]] = {"lead": {}, "cooperating": {}}
    for row in queries.select(store, "item_facts", item=URIRef(iri)):
        known_from = str(row.get("knownFrom") or known_from)
        output = str(row.get("output") or output)
        if row.get("deadlineText"):
            deadline = deadline_of(row)
        if row.get("document"):
            source = Source(row["document"], (row["first"], row["last"]))
        if row.get("unit"):
            units[row["role"]][row["unit"]] = str(row.get("name") or row["unit"].rsplit("/", 1)[-1])
    return ItemFacts(known_from, sorted_units(units["lead"]), sorted_units(units["cooperating"]), output, deadline,
                     source)


def follow_task(store, iri: str, up: bool = False, index: SearchIndex | None = None) -> TaskTrace:
    """The plan tasks derived from task ``iri`` (or, ``up``, everything it derives from)."""
    cascade = Cascade(store, index)
    info = cascade.tasks([iri]).get(iri)
    if info is None and not cascade.resolution([iri]):
        raise NotFound(f"no task {iri} in the graph")
    reached = cascade.walk(iri, up)
    task = info.ref() if info else TaskRef(iri, "", "")
    if not up:
        return TaskTrace(task, up, _links(cascade, reached))
    resolution = cascade.resolution(reached)
    upstream = tuple(  # nearest first: the NQ 71 item, then the NQ 57 task above it
        Upstream(node, UPSTREAM_KINDS.get(row["kind"], row["kind"]), str(row.get("number") or ""),
                 str(row.get("text") or ""), tuple(reach.via))
        for node, reach in sorted(reached.items(), key=lambda entry: (len(entry[1].via), entry[0]))
        if (row := resolution.get(node)) is not None
    )
    return TaskTrace(task, up, _links(cascade, reached), upstream)


def find_unit(store, unit: str) -> str | None:
    """A unit's IRI from its IRI or any of its names, typed with or without diacritics or abbreviated.

    Several units may share a name (every commune has its Phòng Văn hóa - Xã
    hội): the one named by the most tasks wins, so a name finds the unit most
    likely meant; its IRI finds any. A name that is no unit's whole name
    finds the unit with the shortest name that holds it.
    """
    if unit.startswith(("http://", "https://")):
        return unit
    wanted = normal(unit)
    exact = sorted((-int(r["mentions"]), r["unit"]) for r in queries.select(store, "unit_named", key=Literal(wanted)))
    if exact:
        return exact[0][1]
    partial = sorted((len(r["key"]), -int(r["mentions"]), r["unit"])
                     for r in queries.select(store, "unit_named_like", part=Literal(wanted)))
    return partial[0][2] if partial else None


def follow_unit(store, unit: str, index: SearchIndex | None = None) -> UnitTrace:
    """The tasks a unit (or one of its divisions) leads or cooperates on, with the NQ 71 items they carry."""
    iri = find_unit(store, unit)
    if iri is None:
        raise NotFound(f"no unit named {unit!r}")
    roles: dict[str, list[UnitTask]] = {"lead": [], "cooperating": []}
    items: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in queries.select(store, "unit_items", unit=URIRef(iri)):
        items[(row["role"], row["task"])].update([str(row["itemNumber"])] if row.get("itemNumber") else [])
    tasks = Cascade(store, index).tasks({task for _, task in items})
    items = {key: numbers for key, numbers in items.items() if key[1] in tasks}  # plan tasks only
    for (role, task), numbers in sorted(items.items(), key=lambda entry: tasks[entry[0][1]].order()):
        info = tasks[task]
        roles[role].append(UnitTask(info.plan_ref(), info.ref(), tuple(sorted(numbers, key=natural_key)),
                                    info.deadline, info.source()))
    return UnitTrace(Unit(iri, _unit_name(store, iri)), tuple(roles["lead"]), tuple(roles["cooperating"]))


def _unit_name(store, iri: str) -> str:
    name = store.query("SELECT ?name WHERE { ?unit <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }",
                       {"unit": URIRef(iri)})
    return next((str(row["name"]) for row in name), iri)


def coverage(store) -> dict:
    """NQ 71 items × plans: ``stated``, ``inferred`` or ``absent``; and the items no plan below the
    city's takes up (``unpicked``): only the city's tasks carry them, those of the city tables that
    lower plans reproduce among them. Read from the closure the build keeps.
    """
    plans = {row["plan"]: {"iri": row["plan"], "issuer": row.get("issuerName") or row.get("issuer") or "",
                           "level": row.get("level") or ""} for row in queries.select(store, "coverage_plans")}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    numbers = {row["item"]: str(row["number"]) for row in queries.select(store, "items")}
    for row in queries.select(store, "coverage"):
        cells[row["item"]][row["plan"]] = "stated" if int(row["stated"]) else "inferred"
    unpicked = {row["item"] for row in queries.select(store, "unpicked")}
    items = sorted(numbers, key=lambda i: natural_key(numbers[i]))
    order = sorted(plans)
    return {
        "plans": [plans[p] for p in order],
        "items": [{"item": numbers[i], "iri": i, "plans": {p: cells[i].get(p, "absent") for p in order}} for i in items],
        "unpicked": [numbers[i] for i in items if i in unpicked],
    }


def overdue(store, as_of: date) -> dict:
    """Tasks whose deadline ended before ``as_of``, per lead unit."""
    rows = queries.select(store, "overdue", asOf=Literal(as_of.isoformat(), datatype=XSD.date))
    units: dict[str, dict] = {}
    for row in rows:
        key = row.get("unit") or ""
        unit = units.setdefault(key, {"unit": str(row.get("unitName") or key.rsplit("/", 1)[-1] or "(no lead unit)"),
                                      "iri": key or None, "tasks": []})
        if all(t["iri"] != row["task"] for t in unit["tasks"]):
            unit["tasks"].append({"iri": row["task"], "plan": row["plan"], "number": str(row.get("number") or ""),
                                  "text": str(row.get("text") or ""), "deadline": str(row.get("deadlineText") or ""),
                                  "end": row["end"].isoformat()})
    ordered = sorted(units.values(), key=lambda u: (fold(u["unit"]), u["iri"] or ""))
    return {"as_of": as_of.isoformat(), "units": ordered,
            "count": len({t["iri"] for u in ordered for t in u["tasks"]})}


# --- plain text for the command line ------------------------------------------

def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_links(links: tuple[Link, ...]) -> list[str]:
    lines, level = [], None
    for link in links:
        if link.level != level:
            level = link.level
            lines.append(f"\n{LEVEL_NAMES.get(level, level or 'other')}")
        how = "stated" if link.kind == "stated" else f"inferred {link.score:.3f}"
        lines.append(f"  [{how}] {link.plan.issuer} — {link.task.number} {_short(link.task.text)}")
        if link.lead:
            lines.append(f"      lead: {'; '.join(link.lead)}")
        if link.cooperating:
            lines.append(f"      cooperating: {'; '.join(link.cooperating)}")
        if link.deadline.text:
            lines.append(f"      deadline: {link.deadline.text}")
        if link.via:
            lines.append(f"      via: {' → '.join(link.via)}")
        if link.source.document:
            lines.append(f"      source: {link.source.document}:{link.source.span}")
    return lines


def render_trace(answer: ItemTrace) -> str:
    head = f"NQ 71 item {answer.item}"
    if answer.nq57:
        head += f" (NQ 57 task {', '.join(answer.nq57)})"
    lines = [head]
    if answer.text:
        lines.append(_short(answer.text, 200))
    facts = answer.facts
    if facts.known_from == "programme":
        for label, names in (("lead", facts.lead), ("cooperating", facts.cooperating)):
            if names:
                lines.append(f"  {label}: {'; '.join(names)}")
        if facts.deadline.text:
            lines.append(f"  deadline: {facts.deadline.text}")
        lines.append(f"  source: {facts.source.document}:{facts.source.span}")
    else:
        lines.append("  (known through the plans that quote it)")
    lines += render_links(answer.links) or ["\n  no plan task carries this item"]
    return "\n".join(lines)


def render_coverage(answer: dict) -> str:
    marks = {"stated": "S", "inferred": "i", "absent": "."}
    lines = ["plans:"] + [f"  P{n + 1} {p['issuer']} ({p['level']}) {p['iri']}" for n, p in enumerate(answer["plans"])]
    lines.append("\nitem      " + " ".join(f"P{n + 1:<2}" for n in range(len(answer["plans"]))))
    for row in answer["items"]:
        lines.append(f"{row['item']:<9} " + " ".join(f"{marks[row['plans'][p['iri']]]:<3}" for p in answer["plans"]))
    lines.append("\nS stated · i inferred · . absent")
    lines.append("taken up by no plan below the city's: " + (", ".join(answer["unpicked"]) or "none"))
    return "\n".join(lines)


def render_overdue(answer: dict) -> str:
    lines = [f"{answer['count']} task(s) past their deadline on {answer['as_of']}"]
    for unit in answer["units"]:
        lines.append(f"\n{unit['unit']}")
        for task in unit["tasks"]:
            lines.append(f"  {task['end']}  {task['number']} {_short(task['text'], 90)}  ({task['deadline']})")
    return "\n".join(lines)


def render_task(answer: TaskTrace) -> str:
    lines = [f"{answer.task.number} {_short(answer.task.text, 200)}"]
    lines += render_links(answer.links)
    for node in answer.upstream:
        lines.append(f"\n  ↑ {node.kind} {node.number} {_short(node.text)}  <{node.iri}>")
    return "\n".join(lines)


def render_unit(answer: UnitTrace) -> str:
    lines = [answer.unit.name]
    for role, entries in (("lead", answer.lead), ("cooperating", answer.cooperating)):
        if entries:
            lines.append(f"\n{role}:")
        for entry in entries:
            items = f"  [NQ 71: {', '.join(entry.items)}]" if entry.items else ""
            lines.append(f"  {entry.plan.issuer} — {entry.task.number} {_short(entry.task.text, 90)}{items}")
    return "\n".join(lines)
