"""What a trace reads: the derivation edges and the plan tasks' facts, from the store or from
the index the build keeps.

A trace walks the derivations down from an item and lists every task it
reaches, each with its plan, issuer, units, deadline and source lines. The
store answers the facts with a dozen patterns joined per task, about 0.3 ms a
task at 5,000 plans whatever the query's shape, and the walk with a query
per step over the union of every graph: an item that reaches a thousand
tasks would cost a second. So the build writes each edge and each task's
facts as rows of the index file (:mod:`graph.search`), kept current with the
tasks a change touches like the index's other rows (an edge is the lower
task's), and answers read the rows they need by key. The rows hold the
units' and the issuer's IRIs, named from the index's names when read, so a
unit renamed is renamed in every row at once. A store with no index file (in
memory, remote) is asked directly.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from rdflib import URIRef

from graph import queries
from graph.answers import Deadline, PlanRef, Source, TaskRef
from graph.links import LEVELS
from loaders.text import natural_key

SCHEMA = """
CREATE TABLE task_fact (iri TEXT PRIMARY KEY, plan TEXT NOT NULL, number TEXT, text TEXT, issuer TEXT,
                        level TEXT, effective_level TEXT, document TEXT, first INTEGER, last INTEGER,
                        deadline_text TEXT NOT NULL, deadline_start TEXT, deadline_end TEXT,
                        deadline_kind TEXT NOT NULL, nq57 TEXT NOT NULL, lead TEXT NOT NULL,
                        cooperating TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE derivation (task TEXT NOT NULL, upstream TEXT NOT NULL, kind TEXT NOT NULL, score REAL NOT NULL,
                         PRIMARY KEY (task, upstream, kind, score)) WITHOUT ROWID;
CREATE INDEX derivation_upstream ON derivation (upstream);
CREATE TABLE nq57_range (task TEXT NOT NULL, range TEXT NOT NULL, PRIMARY KEY (task, range)) WITHOUT ROWID;
"""
FIELDS = ("iri", "plan", "number", "text", "issuer", "level", "effective_level", "document", "first", "last",
          "deadline_text", "deadline_start", "deadline_end", "deadline_kind", "nq57", "lead", "cooperating")
LIST = "\n"  # what joins a column's list of IRIs or numbers, which hold no line break


@dataclass(frozen=True)
class Edge:
    """A derivation: ``task`` derives from ``upstream``, as a document states it or as linking inferred it."""

    task: str
    upstream: str
    kind: str
    score: float


@dataclass
class TaskInfo:
    """What an answer shows of one plan task."""

    iri: str
    plan: str
    number: str | None = None
    text: str | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    level: str | None = None                    # the plan's level
    effective_level: str | None = None          # the level the task stands at in the cascade
    document: str | None = None
    lines: list[int] | None = None
    deadline: Deadline | None = None
    nq57: set[str] = field(default_factory=set)
    lead: dict[str, str] = field(default_factory=dict)          # unit IRI → name
    cooperating: dict[str, str] = field(default_factory=dict)

    def ref(self) -> TaskRef:
        return TaskRef(self.iri, self.number or "", self.text or "")

    def plan_ref(self) -> PlanRef:
        return PlanRef(self.plan, self.issuer_name or self.issuer or "", self.level or "")

    def source(self) -> Source:
        return Source(self.document or "", tuple(self.lines or ()))

    def order(self) -> tuple:
        level = self.effective_level
        rank = LEVELS.index(level) if level in LEVELS else len(LEVELS)
        return (rank, self.plan, natural_key(self.number), self.iri)


def task_infos(store, iris=None) -> dict[str, TaskInfo]:
    """The plan tasks among ``iris`` (None: every plan task), with their plan, units, deadline, source,
    asked of the store."""
    bindings = {} if iris is None else {"task": {URIRef(i) for i in iris}}
    if iris is not None and not bindings["task"]:
        return {}
    tasks: dict[str, TaskInfo] = {}
    for row in queries.select(store, "task_details", **bindings):
        info = tasks.get(row["task"])
        if info is None:
            info = tasks[row["task"]] = TaskInfo(
                row["task"], row["plan"], _text(row.get("number")), _text(row.get("text")),
                row.get("issuer"), _text(row.get("issuerName")), _text(row.get("level")),
                _text(row.get("cascadeLevel", row.get("level"))),
                row.get("document") or row.get("planDocument"),
                [int(row["first"]), int(row["last"])] if row.get("first") is not None else None,
                deadline_of(row),
            )
        if row.get("nq57"):
            info.nq57.add(str(row["nq57"]))
    for row in queries.select(store, "task_units", **bindings):
        if row["task"] in tasks:
            units = tasks[row["task"]].lead if row["role"] == "lead" else tasks[row["task"]].cooperating
            units.setdefault(row["unit"], str(row.get("name") or _last_segment(row["unit"])))
    return tasks


def _text(value) -> str | None:
    return None if value is None else str(value)


def _last_segment(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def deadline_of(row: dict) -> Deadline:
    """A row's deadline (``deadlineText``, ``start``, ``end``, ``deadlineKind``) as answers give it."""
    from graph.listing import deadline_json  # listing finds units through graph.trace, which reads this module

    return Deadline(**deadline_json(row.get("deadlineText"), row.get("start"), row.get("end"), row.get("deadlineKind")))


def edges(store, nodes: set[str] | None = None, up: bool = False) -> list[Edge]:
    """The derivations below ``nodes`` (or, ``up``, above them; None: every one), asked of the store."""
    bound = {} if nodes is None else {"task" if up else "upstream": {URIRef(node) for node in nodes}}
    return [Edge(row["task"], row["upstream"], row["kind"], float(row["score"]))
            for row in queries.select(store, "derivations", **bound)]


def ranges(store, tasks: set[str] | None = None) -> list[Edge]:
    """Below each of NQ 57's ``tasks`` (None: all), the ranges plans number that hold it: what
    cascades 1-3 cascades task 2."""
    bound = {} if tasks is None else {"task": {URIRef(task) for task in tasks}}
    return [Edge(row["range"], row["task"], "stated", 1.0) for row in queries.select(store, "nq57_ranges", **bound)]


# --- the index's rows -------------------------------------------------------------------

def replace_trace_rows(store, database: sqlite3.Connection, touched: set[str] | None) -> None:
    """Write every plan task's row and every edge (``touched`` None, into empty tables), or the
    rows of the plan tasks among ``touched`` and the edges below them again: those the store no
    longer has are taken out. An edge stands with the task below it: it is that task's statement."""
    if touched is not None:
        database.execute("DELETE FROM task_fact WHERE iri IN (SELECT iri FROM temp.touched)")
        database.execute("DELETE FROM derivation WHERE task IN (SELECT iri FROM temp.touched)")
    infos = task_infos(store, touched)
    database.executemany(f"INSERT INTO task_fact VALUES ({', '.join('?' * len(FIELDS))})",
                         (_row(info) for _, info in sorted(infos.items())))
    database.executemany("INSERT OR IGNORE INTO derivation VALUES (?, ?, ?, ?)",
                         ((edge.task, edge.upstream, edge.kind, edge.score) for edge in edges(store, touched, up=True)))
    database.execute("DELETE FROM nq57_range")  # NQ 57's few: all of them, whatever changed
    database.executemany("INSERT OR IGNORE INTO nq57_range VALUES (?, ?)",
                         ((edge.upstream, edge.task) for edge in ranges(store)))


def _row(info: TaskInfo) -> tuple:
    first, last = info.lines or (None, None)
    deadline = info.deadline
    return (info.iri, info.plan, info.number, info.text, info.issuer, info.level, info.effective_level, info.document,
            first, last, deadline.text, deadline.start, deadline.end, deadline.kind, LIST.join(sorted(info.nq57)),
            LIST.join(sorted(info.lead)), LIST.join(sorted(info.cooperating)))


def _listed(value: str) -> list[str]:
    return value.split(LIST) if value else []


def read_task_facts(index, iris) -> dict[str, TaskInfo]:
    """The plan tasks among ``iris`` as the index file holds them, named from its names
    (``index`` is a :class:`graph.search.SearchIndex`)."""
    rows = [dict(zip(FIELDS, row)) for row in index.rows(
        f"SELECT {', '.join(FIELDS)} FROM task_fact WHERE iri IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted({str(iri) for iri in iris})),))]
    for row in rows:
        row["lead"], row["cooperating"] = _listed(row["lead"]), _listed(row["cooperating"])
    names = index.names({row["issuer"] for row in rows if row["issuer"]}
                        | {unit for row in rows for unit in row["lead"] + row["cooperating"]})
    tasks = {}
    for row in rows:
        tasks[row["iri"]] = TaskInfo(
            row["iri"], row["plan"], row["number"], row["text"], row["issuer"],
            names[row["issuer"]][0] or None if row["issuer"] else None, row["level"], row["effective_level"],
            row["document"], [row["first"], row["last"]] if row["first"] is not None else None,
            Deadline(row["deadline_text"], row["deadline_start"], row["deadline_end"], row["deadline_kind"]),
            set(_listed(row["nq57"])),
            {unit: names[unit][0] or _last_segment(unit) for unit in row["lead"]},
            {unit: names[unit][0] or _last_segment(unit) for unit in row["cooperating"]})
    return tasks


def read_edges(index, nodes, up: bool = False) -> list[Edge]:
    """The derivations below ``nodes`` (or, ``up``, above them) as the index file holds them, and
    below them the ranges that hold them, as :func:`edges` and :func:`ranges` give them."""
    wanted = json.dumps(sorted({str(node) for node in nodes}))
    side = "task" if up else "upstream"
    found = [Edge(*row) for row in index.rows(
        f"SELECT task, upstream, kind, score FROM derivation WHERE {side} IN (SELECT value FROM json_each(?))", (wanted,))]
    if not up:
        found += [Edge(row[0], row[1], "stated", 1.0) for row in index.rows(
            "SELECT range, task FROM nq57_range WHERE task IN (SELECT value FROM json_each(?))", (wanted,))]
    return found
