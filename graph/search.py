"""The search index and the names of things, built with the graph and kept in SQLite.

Pages search tasks, plans, units, indicators and documents, and name every
link they show. Both need the whole graph at hand, so the build works them out
and writes them to a SQLite file beside the store (FTS5 for the words): a
server opens the file and answers at once, however large the store, and a
search costs what it finds. A build that changes some documents rewrites the
rows of what they touch, and of what shows the names they change
(:func:`write_index`), so the index grows with the store and a change costs
what it touches.

Text is compared folded (no diacritics, lower case: ``so hoa`` finds ``số
hóa``) and with the usual abbreviations spelled out on both sides, so ``CĐS``
finds ``chuyển đổi số`` and the other way round. A query that is a document
number (``238/KH-UBND``) names documents directly. A store with no directory
of its own (in memory, remote) gets its index in memory when it is opened.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from graph import queries
from graph.indicator_index import SCHEMA as INDICATOR_SCHEMA
from graph.indicator_index import replace_indicators
from graph.trace_index import SCHEMA as TASK_SCHEMA
from graph.trace_index import replace_trace_rows
from loaders.text import expand, fold, natural_key
from ontology.ids import number_slug
from ontology.vocab import LEVEL_RANK, NQG

FILE_NAME = "nqgraph-index.sqlite"
SCHEMA_VERSION = 5  # PRAGMA user_version: an index of another version is written again whole
STOPWORDS = {"va", "cac", "cua", "the", "trong", "cho", "ve", "voi", "tai", "and", "of"}
_TOKEN = re.compile(r"[a-z0-9]+(?:[&-][a-z0-9]+)*")
_DOCUMENT_NUMBER = re.compile(r"^\s*\d+\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-Za-zĐđ&]+(?:[-/][A-Za-zĐđ0-9&]+)*\s*$")

KIND_OF_CLASS = {
    "PlanTask": "task",
    "ProgrammeItem": "nq71",
    "ResolutionTask": "nq57",
    "Plan": "plan",
    "Resolution": "resolution",
    "LegalResource": "document",
    "Unit": "unit",
    "CollectiveAssignee": "unit",
    "Indicator": "indicator",
}
FACETS = ("kind", "level", "plan", "unit", "link", "year")

SCHEMA = """
CREATE TABLE entry (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
                    number TEXT NOT NULL, facets TEXT NOT NULL, words_title TEXT NOT NULL, words_body TEXT NOT NULL);
CREATE VIRTUAL TABLE entry_words USING fts5(words_title, words_body, content='entry', content_rowid='id',
                                            tokenize="unicode61 tokenchars '&-'");
CREATE INDEX entry_iri ON entry (iri);
CREATE TABLE facet (entry INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX facet_value ON facet (name, value);
CREATE INDEX facet_entry ON facet (entry);
CREATE TABLE document_number (slug TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE INDEX document_number_slug ON document_number (slug);
CREATE TABLE label (iri TEXT PRIMARY KEY, label TEXT NOT NULL, plan_name TEXT) WITHOUT ROWID;
CREATE TABLE kind_count (kind TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE item_row (position INTEGER PRIMARY KEY, iri TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
                       text TEXT NOT NULL, parent TEXT NOT NULL);
CREATE TABLE unpicked (item TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE item_plans (item TEXT PRIMARY KEY, plans INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE plan_row (position INTEGER PRIMARY KEY, iri TEXT NOT NULL, number TEXT NOT NULL, date TEXT NOT NULL,
                       level TEXT NOT NULL, issuer TEXT NOT NULL, title TEXT NOT NULL, tasks INTEGER NOT NULL,
                       indicators INTEGER NOT NULL);
CREATE TABLE unit_row (position INTEGER PRIMARY KEY, iri TEXT NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL,
                       parent TEXT NOT NULL, leads INTEGER NOT NULL, cooperates INTEGER NOT NULL,
                       collective INTEGER NOT NULL);
"""
PLAN_FIELDS = ("iri", "number", "date", "level", "issuer", "title", "tasks", "indicators")
UNIT_FIELDS = ("iri", "name", "level", "parent", "leads", "cooperates", "collective")
INDICATOR_FIELDS = ("iri", "name", "measure", "plans")
ITEM_FIELDS = ("iri", "kind", "number", "text", "parent")
ITEM_KINDS = {"ProgrammeItem": "nq71", "ResolutionTask": "nq57", "TaskGroup": "group"}


def normalise(value: str) -> str:
    """Folded text with abbreviations spelled out, as a space-joined token string."""
    return " ".join(_TOKEN.findall(expand(fold(value))))


def terms(value: str) -> list[str]:
    return [t for t in normalise(value).split() if t not in STOPWORDS]


def is_document_number(query: str) -> bool:
    return bool(_DOCUMENT_NUMBER.match(query))


@dataclass
class Entry:
    iri: str
    kind: str
    title: str
    body: str = ""
    number: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Results:
    query: str
    hits: list[tuple[Entry, float]]
    facets: dict[str, Counter]
    total: int


def score(phrase: str, words: list[str]) -> tuple[str, list]:
    """How well an entry ``e`` matches, as SQL and its parameters: 0 when a word is missing, else
    3 for each word in the title and 1 for each only in the body, and 6 more when the title
    holds the words side by side, as typed, 3 when the body does. Worked out by the engine,
    so that of the thousands of entries two common words find only the page shown is read."""
    title, body = "(' ' || e.words_title || ' ')", "(' ' || e.words_body || ' ')"
    present = " AND ".join(f"(instr({title}, ?) OR instr({body}, ?))" for _ in words)
    points = " + ".join(f"(CASE WHEN instr({title}, ?) THEN 3 ELSE 1 END)" for _ in words)
    bonus = f"(CASE WHEN instr({title}, ?) THEN 6 WHEN instr({body}, ?) THEN 3 ELSE 0 END)"
    padded = [f" {word} " for word in words]
    return (f"(CASE WHEN {present} THEN {points} + {bonus} ELSE 0 END)",
            [w for word in padded for w in (word, word)] + padded + [f" {phrase} "] * 2)


# --- building ---------------------------------------------------------------------------

def index_path(store) -> Path | None:
    """Where the store's index lives: in its directory, or ``$NQGRAPH_INDEX``; None: in memory."""
    if os.environ.get("NQGRAPH_INDEX"):
        return Path(os.environ["NQGRAPH_INDEX"])
    path = getattr(store, "path", None)
    return Path(path) / FILE_NAME if path is not None else None


class Names:
    """The names a build works out, over those the index already holds: a change renames only
    what it touched, and reads the names of the rest (a task's units, a plan's issuer) from the index."""

    def __init__(self, fresh: dict[str, str], database: sqlite3.Connection | None = None):
        self.fresh, self.database = fresh, database

    def get(self, iri, default: str = "") -> str:
        if iri in self.fresh:
            return self.fresh[iri]
        if self.database is not None:
            row = self.database.execute("SELECT label FROM label WHERE iri = ?", (iri,)).fetchone()
            if row:
                return row[0]
        return default


def _select(store, name: str, variable: str, touched: set[str] | None) -> list[dict]:
    """Query ``name`` over everything, or with ``variable`` bound to the touched resources;
    the rows in one order however they were asked for, so that where a resource has two
    values (an upper plan two documents date differently) the same one is kept."""
    if touched is None:
        rows = queries.select(store, name)
    else:
        rows = queries.select(store, name, **{variable: {URIRef(iri) for iri in touched}})
    return sorted(rows, key=lambda row: sorted((key, str(value)) for key, value in row.items()))


def labels(store, touched: set[str] | None = None) -> dict[str, str]:
    """Every typed resource's name (or the touched ones'): its preferred label, else its label,
    name, number, title or text; of two names of one rank, the first in order."""
    best: dict[str, tuple[int, str, dict]] = {}
    bound = {} if touched is None else {"s": {URIRef(iri) for iri in touched}}
    for row in queries.select(store, "labels", **bound):  # the least name wins: no order to keep
        rank = (int(row["rank"]), str(row.get("label", "")))
        if row["s"] not in best or rank < best[row["s"]][0]:
            best[row["s"]] = (rank, row)
    return {iri: JOINED.get(rank[0], "{label}").format_map(row) for iri, (rank, row) in best.items()}


# The names made of parts (labels.rq): a citation's, a source span's, a derivation's.
JOINED = {7: "{label} · {in}", 8: "{label}:{first}–{last}", 9: "→ {label}"}


def plan_names(store, named: Names, touched: set[str] | None = None) -> dict[str, str]:
    """A plan as tables name it: its issuer and number, since the titles of plans, which name
    those without a number, often read alike."""
    return {row["plan"]: " ".join(filter(None, (named.get(row.get("issuer", ""), ""), str(row.get("number") or ""))))
            for row in _select(store, "plan_names", "plan", touched)}


def entries(store, named: Names, touched: set[str] | None = None) -> list[Entry]:
    """Everything search finds (or the touched part of it): tasks, with their units, links and
    deadline year, and the rest."""
    units: dict[str, list[str]] = {}
    for row in _select(store, "task_units", "task", touched):
        units.setdefault(row["task"], []).append(row["unit"])
    links: dict[str, set[str]] = {}
    for row in _select(store, "task_links", "task", touched):
        links.setdefault(row["task"], set()).add(row["kind"])
    found = []
    for row in _select(store, "search_tasks", "s", touched):
        iri, kind = row["s"], KIND_OF_CLASS[row["class"].rsplit("#", 1)[-1]]
        end = str(row.get("deadlineEnd") or "")
        assigned = sorted(set(units.get(iri, [])))
        text = str(row.get("text") or "")
        found.append(Entry(
            iri=iri, kind=kind, title=text[:200] or named.get(iri, ""),
            body=" ".join([text, str(row.get("deadlineText") or "")] + [named.get(u, "") for u in assigned]),
            number=str(row.get("number") or ""),
            facets={"kind": [kind], "level": [row["level"]] if "level" in row else [],
                    "plan": [row["doc"]] if "doc" in row else [], "unit": assigned,
                    "link": sorted(links.get(iri, ())), "year": [end[:4]] if end else []},
        ))
    others: dict[str, dict] = {}
    for row in _select(store, "search_others", "s", touched):
        entry = others.setdefault(row["s"], {"kind": "document", "names": set(), "number": "", "doc": "", "level": ""})
        kind = KIND_OF_CLASS[row["class"].rsplit("#", 1)[-1]]
        if kind != "document":  # a plan or resolution is also an eli:LegalResource: keep the specific kind
            entry["kind"] = kind
        if "name" in row:
            entry["names"].add(str(row["name"]))
        for key in ("number", "doc", "level"):
            entry[key] = entry[key] or str(row.get(key) or "")
    for iri, entry in others.items():
        kind, names = entry["kind"], sorted(entry["names"])
        plan = entry["doc"] or (iri if kind == "plan" else "")
        found.append(Entry(
            iri=iri, kind=kind, title=named.get(iri) or (names or [iri])[0], body=" ".join(names),
            number=entry["number"],
            facets={"kind": [kind], "level": [entry["level"]] if entry["level"] else [], "plan": [plan] if plan else []},
        ))
    return found


def plan_rows(store, named: Names, touched: set[str] | None = None) -> list[tuple]:
    """The plans (or the touched ones), as their list shows them."""
    plans = _select(store, "plans", "plan", touched)
    counts: dict[str, dict[str, int]] = {}
    for row in _select(store, "plan_counts", "plan", None if touched is None else {row["plan"] for row in plans}):
        counts.setdefault(row["plan"], {})[row["kind"]] = int(row["n"])
    rows = {}
    for row in plans:
        rows.setdefault(row["plan"], (
            row["plan"], str(row.get("number") or ""), str(row.get("date") or ""), str(row.get("level") or ""),
            named.get(row.get("issuer", ""), ""), str(row.get("title") or ""),
            counts.get(row["plan"], {}).get("tasks", 0), counts.get(row["plan"], {}).get("indicators", 0)))
    return list(rows.values())


def plan_order(row: tuple):
    """Plans are listed from the top of the cascade down, then by date."""
    return LEVEL_RANK.get(row[3], len(LEVEL_RANK)), row[2], row[0]


def unit_rows(store, named: Names, touched: set[str] | None = None) -> list[tuple]:
    """The units and collective assignees (or the touched ones)."""
    units = _select(store, "unit_list", "unit", touched)
    counts: dict[str, dict[str, int]] = {}
    for row in _select(store, "unit_task_counts", "unit", None if touched is None else {row["unit"] for row in units}):
        counts.setdefault(row["unit"], {})[row["role"]] = int(row["n"])
    collective = {row["unit"] for row in units if row["type"] == str(NQG.CollectiveAssignee)}
    rows = {}
    for row in sorted(units, key=lambda row: (row["unit"], row.get("parent", ""))):
        done = counts.get(row["unit"], {})
        rows.setdefault(row["unit"], (
            row["unit"], named.get(row["unit"], ""), str(row.get("level") or ""), named.get(row.get("parent", ""), ""),
            done.get("leads", 0), done.get("cooperates", 0), int(row["unit"] in collective)))
    return list(rows.values())


def unit_order(row: tuple):
    """Units are listed busiest first."""
    return -row[4], -row[5], fold(row[1]), row[0]


def item_rows(store) -> list[tuple]:
    """NQ 57's groups and tasks and NQ 71's items, by kind and number."""
    rows = {}
    for row in queries.select(store, "resolution_items"):
        rows.setdefault(row["s"], (row["s"], ITEM_KINDS[row["class"].rsplit("#", 1)[-1]], str(row.get("number") or ""),
                                   str(row.get("text") or ""), row.get("group", "")))
    return sorted(rows.values(), key=lambda r: (r[1], natural_key(r[2]), r[0]))


def write_index(store, database: sqlite3.Connection, touched: set[str] | None = None) -> None:
    """Work the index out from ``store`` and write it: whole, into the empty ``database``
    (``touched`` None); or, into the index of the store as it was before a change, the rows of
    the resources the change ``touched`` (their names, search entries, plan and unit rows),
    and of those whose rows show the name of one the change renamed (:func:`_name_users`),
    the short tables that sum up the whole (counts, NQ items) again, and the indicator groups
    of the provinces whose indicators it touched (:mod:`graph.indicator_index`). Either way
    the index is the same.
    """
    fresh = labels(store, touched)
    if touched is None:
        database.executescript(SCHEMA + INDICATOR_SCHEMA + TASK_SCHEMA)
        database.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    else:
        users = _name_users(store, database, touched, fresh) - touched
        if users:
            fresh.update(labels(store, users))
            touched = touched | users
        database.execute("CREATE TEMP TABLE touched (iri TEXT PRIMARY KEY) WITHOUT ROWID")
        database.executemany("INSERT INTO touched VALUES (?)", ((iri,) for iri in touched))
    named = Names(fresh, None if touched is None else database)
    _forget(database, touched)
    database.executemany("INSERT INTO label VALUES (?, ?, NULL)", fresh.items())
    database.executemany("INSERT INTO label VALUES (?, '', ?) ON CONFLICT (iri) DO UPDATE SET plan_name = excluded.plan_name",
                         plan_names(store, named, touched).items())
    found = sorted(entries(store, named, touched), key=lambda e: e.iri)
    for entry in found:
        _add_entry(database, entry)
    _replace_rows(database, "plan", PLAN_FIELDS, plan_rows(store, named, touched), plan_order, touched)
    _replace_rows(database, "unit", UNIT_FIELDS, unit_rows(store, named, touched), unit_order, touched)
    _replace_sums(store, database)
    replace_indicators(store, database, touched, {entry.iri for entry in found if entry.kind == "indicator"})
    replace_trace_rows(store, database, touched)
    if touched is not None:
        database.execute("DROP TABLE temp.touched")
    database.commit()


def _name_users(store, database: sqlite3.Connection, touched: set[str], fresh: dict[str, str]) -> set[str]:
    """The resources whose rows show the name of a touched resource that the change renamed
    (a unit's preferred name: its tasks, plans, divisions and derivations), to be written again."""
    old = dict(database.execute("SELECT iri, label FROM label WHERE iri IN (SELECT value FROM json_each(?))",
                                (json.dumps(sorted(touched)),)))
    renamed = {iri for iri in touched if fresh.get(iri, "") != old.get(iri, "")}
    if not renamed:
        return set()
    return {row["user"] for row in queries.select(store, "name_users", named={URIRef(iri) for iri in renamed})}


def _replace_sums(store, database: sqlite3.Connection) -> None:
    """The short tables that sum up the whole store, worked out again: how many of each kind,
    NQ 57's and NQ 71's items, which items no plan takes up and how many plans take up each."""
    for table in ("kind_count", "item_row", "unpicked", "item_plans"):
        database.execute(f"DELETE FROM {table}")
    database.executemany("INSERT INTO kind_count VALUES (?, ?)",
                         ((row["kind"].rsplit("#", 1)[-1], int(row["n"])) for row in queries.select(store, "kind_counts")))
    database.executemany("INSERT INTO item_row VALUES (?, ?, ?, ?, ?, ?)",
                         ((n, *row) for n, row in enumerate(item_rows(store))))
    database.executemany("INSERT INTO unpicked VALUES (?)", ((row["item"],) for row in queries.select(store, "unpicked")))
    database.executemany("INSERT INTO item_plans VALUES (?, ?)",
                         ((row["item"], int(row["plans"])) for row in queries.select(store, "item_plan_counts")))


def _forget(database: sqlite3.Connection, touched: set[str] | None) -> None:
    """Take the touched resources' names and search entries out of the index."""
    if touched is None:
        return
    database.execute("INSERT INTO entry_words (entry_words, rowid, words_title, words_body) "
                     "SELECT 'delete', id, words_title, words_body FROM entry WHERE iri IN (SELECT iri FROM touched)")
    for table, column in (("facet", "entry"), ("document_number", "entry")):
        database.execute(f"DELETE FROM {table} WHERE {column} IN "
                         "(SELECT id FROM entry WHERE iri IN (SELECT iri FROM touched))")
    database.execute("DELETE FROM entry WHERE iri IN (SELECT iri FROM touched)")
    database.execute("DELETE FROM label WHERE iri IN (SELECT iri FROM touched)")


def _add_entry(database: sqlite3.Connection, entry: Entry) -> None:
    title, body = " ".join(terms(entry.title + " " + entry.number)), " ".join(terms(entry.body))
    rowid = database.execute(
        "INSERT INTO entry (iri, kind, title, number, facets, words_title, words_body) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (entry.iri, entry.kind, entry.title, entry.number, json.dumps(entry.facets, ensure_ascii=False),
         title, body)).lastrowid
    database.execute("INSERT INTO entry_words (rowid, words_title, words_body) VALUES (?, ?, ?)", (rowid, title, body))
    database.executemany("INSERT INTO facet VALUES (?, ?, ?)",
                         ((rowid, name, value) for name, values in entry.facets.items() for value in set(values)))
    if entry.kind in ("plan", "resolution", "document") and entry.number:
        database.execute("INSERT INTO document_number VALUES (?, ?)", (number_slug(entry.number), rowid))


def _replace_rows(database: sqlite3.Connection, table: str, fields: tuple, fresh: list[tuple], order,
                  touched: set[str] | None) -> None:
    """A list's rows of the touched resources replaced by ``fresh`` (those still in the store),
    the whole list put in ``order`` again."""
    kept = [] if touched is None else database.execute(
        f"SELECT {', '.join(fields)} FROM {table}_row WHERE iri NOT IN (SELECT iri FROM temp.touched)").fetchall()
    database.execute(f"DELETE FROM {table}_row")
    database.executemany(f"INSERT INTO {table}_row VALUES (?, {', '.join('?' * len(fields))})",
                         ((n, *row) for n, row in enumerate(sorted(kept + fresh, key=order))))
def replace_index(store, touched: set[str] | None = None) -> None:
    """Bring the store's index file up to date: the rows of the ``touched`` resources; or, with
    None, when they are most of it, or when the file is missing or of another version, all of it. Either way into a new
    file (a copy of the old one, or an empty one) that replaces the old one once it is written:
    a server that has the old one open goes on reading it, as it goes on reading the store it opened."""
    path = index_path(store)
    if path is None:
        return
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    held = _labels_held(path)
    if touched is not None and held is not None and len(touched) <= held // 2:
        shutil.copyfile(path, partial)
    else:  # most of the index touched (the whole corpus built again): written whole, at once
        touched = None
    database = sqlite3.connect(partial)
    try:
        write_index(store, database, touched)
    except BaseException:
        database.close()
        partial.unlink(missing_ok=True)
        raise
    database.close()
    os.replace(partial, path)


def _labels_held(path: Path) -> int | None:
    """How many names the index file holds; None when there is none, or it is of another version."""
    if not path.is_file():
        return None
    database = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        if database.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return None
        return database.execute("SELECT COUNT(*) FROM label").fetchone()[0]
    finally:
        database.close()


# --- searching --------------------------------------------------------------------------

class SearchIndex:
    """Search and names over an index file (or one made in memory for a store without a directory).

    The server's threads share one connection, one statement at a time.
    """

    def __init__(self, database: sqlite3.Connection):
        self.database = database
        self.lock = threading.Lock()

    @classmethod
    def open(cls, store) -> SearchIndex:
        """The store's index: its file, read-only, when the build wrote one; else one made now in memory."""
        found = cls.file(store)
        if found is not None:
            return found
        database = sqlite3.connect(":memory:", check_same_thread=False)
        write_index(store, database)
        return cls(database)

    @classmethod
    def file(cls, store) -> SearchIndex | None:
        """The store's index file, read-only; None when the build wrote none (a store in memory, remote)."""
        path = index_path(store)
        if path is None or not path.is_file():
            return None
        return cls(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False))

    def rows(self, sql: str, parameters=()) -> list[tuple]:
        with self.lock:
            return self.database.execute(sql, parameters).fetchall()

    def names(self, iris) -> dict[str, tuple[str, str]]:
        """Each of ``iris``' label and, for a plan, its name as tables give it (issuer and
        number): ``("", "")`` when the index has none. One query for them all."""
        wanted = sorted({str(iri) for iri in iris})
        found = {iri: (label, plan_name or "") for iri, label, plan_name in self.rows(
            "SELECT iri, label, plan_name FROM label WHERE iri IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),))}
        return {iri: found.get(iri, ("", "")) for iri in wanted}

    def counts(self) -> dict[str, int]:
        """How many resources of each kind (``Plan``, ``PlanTask``, ``Unit`` …) the graph holds."""
        return dict(self.rows("SELECT kind, n FROM kind_count"))

    def unpicked(self) -> set[str]:
        """The NQ 71 items no plan takes up with a task of its own."""
        return {row[0] for row in self.rows("SELECT item FROM unpicked")}

    def item_plans(self) -> dict[str, int]:
        """NQ 71 item → how many plans have a task that carries it."""
        return dict(self.rows("SELECT item, plans FROM item_plans"))

    def restatements(self, iri) -> list[str]:
        """The indicators that restate indicator ``iri`` (itself included), in other tables."""
        return [row[0] for row in self.rows("SELECT i.iri FROM indicator i JOIN indicator j ON i.key = j.key "
                                            "WHERE j.iri = ? ORDER BY i.iri", (str(iri),))]

    def indicator_names(self) -> list[str]:
        """Every name indicators are given, each once."""
        return [row[0] for row in self.rows("SELECT DISTINCT name FROM indicator WHERE name != '' ORDER BY name")]

    def common_year(self) -> str:
        """The year the most targets are set for."""
        rows = self.rows("SELECT year FROM target_year ORDER BY targets DESC, year LIMIT 1")
        return rows[0][0] if rows else ""

    def listing(self, table: str, offset: int = 0, limit: int | None = None) -> tuple[list[dict], int]:
        """One page of the list of plans, units, indicators or NQ 57 and NQ 71 tasks (``plan``,
        ``unit``, ``indicator``, ``item``), in its order, and how many rows the list has."""
        fields = {"plan": PLAN_FIELDS, "unit": UNIT_FIELDS, "indicator": INDICATOR_FIELDS, "item": ITEM_FIELDS}[table]
        rows = self.rows(f"SELECT {', '.join(fields)} FROM {table}_row ORDER BY position LIMIT ? OFFSET ?",
                         (-1 if limit is None else limit, offset))
        total = self.rows(f"SELECT COUNT(*) FROM {table}_row")[0][0]
        return [dict(zip(fields, row)) for row in rows], total

    def documents_numbered(self, query: str) -> list[Entry]:
        """The plans and resolutions whose number is ``query`` (``238/KH-UBND``, ``71-NQ/CP``)."""
        if not is_document_number(query):
            return []
        rows = self.rows(
            "SELECT e.iri, e.kind, e.title, e.number, e.facets FROM document_number d JOIN entry e ON e.id = d.entry "
            "WHERE d.slug = ? ORDER BY e.iri", (number_slug(query),))
        return [_entry(row) for row in rows]

    def search(self, query: str, filters: dict[str, str] | None = None, limit: int | None = 50,
               offset: int = 0) -> Results:
        """Entries holding every word of ``query`` and matching every facet filter, best first:
        ``limit`` of them (None: all) from ``offset`` on; facets and total count them all.

        Vietnamese words are mostly several syllables (``số hóa``), so when
        some entries hold the words side by side, only those are shown: ``so
        hoa`` then does not also list every ``Sở Văn hóa``. The words find
        the entries (FTS5), the engine scores and orders them (:func:`score`),
        and only the page shown is read.
        """
        filters = {k: v for k, v in (filters or {}).items() if v and k in FACETS}
        words = terms(query)
        phrase = " ".join(words)
        quoted = ['"' + word.replace('"', '""') + '"' for word in words]
        if not words:  # facets alone: every entry scores alike, the engine orders them and counts
            where, parameters = self._where(None, filters)
            total = self.rows(f"SELECT COUNT(*) FROM entry e {where}", parameters)[0][0]
            rows = self.rows(f"SELECT e.id FROM entry e {where} ORDER BY e.kind, e.title, e.iri LIMIT ? OFFSET ?",
                             [*parameters, -1 if limit is None else limit, offset])
            hits, offset, limit = [(row[0], 1.0) for row in rows], 0, None  # the page itself, already cut
        for match in ([f'"{phrase}"', " ".join(quoted)] if len(words) > 1 else [" ".join(quoted)] if words else []):
            where, parameters = self._where(match, filters)
            total = self.rows(f"SELECT COUNT(*) FROM entry e {where}", parameters)[0][0]
            points, weights = score(phrase, words)
            hits = self.rows(f"SELECT e.id, {points} AS points FROM entry e {where} "
                             f"ORDER BY points DESC, e.kind, e.title, e.iri LIMIT ? OFFSET ?",
                             [*weights, *parameters, -1 if limit is None else limit, offset])
            hits, offset, limit = [(row[0], float(row[1])) for row in hits], 0, None  # the page itself, already cut
            if total:
                break
        facets = {name: Counter() for name in FACETS}
        for name, value, count in self.rows(
                f"SELECT f.name, f.value, COUNT(*) FROM facet f WHERE f.entry IN (SELECT e.id FROM entry e {where}) "
                f"GROUP BY f.name, f.value", parameters):
            facets[name][value] = count
        shown = hits[offset: None if limit is None else offset + limit]
        entries = {row[0]: _entry(row[1:]) for row in self.rows(
            "SELECT id, iri, kind, title, number, facets FROM entry WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([hit[0] for hit in shown]),))}
        return Results(query, [(entries[hit[0]], hit[1]) for hit in shown], facets, total)

    @staticmethod
    def _where(match: str | None, filters: dict[str, str]) -> tuple[str, list]:
        """The WHERE clause that finds the entries holding ``match`` (an FTS5 query) and ``filters``."""
        where, parameters = [], []
        if match is not None:
            where.append("e.id IN (SELECT rowid FROM entry_words WHERE entry_words MATCH ?)")
            parameters.append(match)
        for name, value in filters.items():
            where.append("e.id IN (SELECT entry FROM facet WHERE name = ? AND value = ?)")
            parameters += [name, value]
        return ("WHERE " + " AND ".join(where)) if where else "", parameters


def _entry(row) -> Entry:
    return Entry(iri=row[0], kind=row[1], title=row[2], number=row[3], facets=json.loads(row[4]))
