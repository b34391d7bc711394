"""Plan tasks and indicators as plain rows: what ``nqgraph tasks`` / ``indicators`` and the JSON API list.

The row shapes are a contract (field names included)::

    tasks: {"iri", "plan": {"iri", "issuer"}, "source": {"document", "lines": [first, last]},
            "section", "number", "text", "lead": [name, …], "cooperating": [name, …],
            "output", "deadline": {"text", "start", "end", "kind"} | None}
    indicators: {"iri", "plan": {"iri", "issuer"}, "source": {…}, "code", "name", "unit",
                 "monitoring_units": [name, …],
                 "targets": {year: {"text", "comparator", "value", "max", "unit"}}}

Unit names are canonical names (``skos:prefLabel``); rows come sorted by
document and first line. A plan is named by its IRI, its file name or its
number; a unit by its IRI or any of its names, with or without diacritics.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rdflib import URIRef

from graph import queries
from graph.trace import find_unit
from loaders.rdf import DEADLINE_KINDS
from loaders.text import fold

KIND_NAMES = {iri: name for name, iri in DEADLINE_KINDS.items()}


def tasks(store, plan: str | None = None, unit: str | None = None) -> list[dict]:
    """The plan tasks, of one plan and/or given to one unit (or its divisions)."""
    bindings = {}
    if unit is not None:  # the tasks it or one of its divisions is given
        found = find_unit(store, unit)
        if found is None:
            return []
        bindings["task"] = {URIRef(row["task"]) for row in queries.select(store, "unit_items", unit=URIRef(found))}
    rows = _rows(store, "tasks", plan, bindings)
    found = {str(row["task"]): _task(row) for row in rows}
    units: dict[str, dict[str, dict]] = {iri: {"lead": {}, "cooperating": {}} for iri in found}
    bound = rows if plan is not None or bindings else None
    mentions = {(row["task"], row["member"]): row["mention"] for row in _parts(store, "task_mentions", "task", bound)}
    for row in _parts(store, "task_members", "task", bound):
        if str(row["task"]) in found:
            row["mention"] = mentions.get((row["task"], row["member"]), "")
            units[str(row["task"])][str(row["role"])].setdefault(str(row["member"]), row)
    for iri, task in found.items():
        for role, members in units[iri].items():
            task[role] = _names(members.values())
    return _sorted(found.values())


def indicators(store, plan: str | None = None) -> list[dict]:
    """The plan indicators with their monitoring units and yearly targets."""
    rows = _rows(store, "indicators", plan, {})
    found = {str(row["indicator"]): _indicator(row) for row in rows}
    monitors: dict[str, dict[str, dict]] = {iri: {} for iri in found}
    for row in _parts(store, "indicator_parts", "indicator", rows if plan is not None else None):
        iri = str(row["indicator"])
        if iri not in found:
            continue
        if "member" in row:
            monitors[iri].setdefault(str(row["member"]), row)
        if "target" in row:
            found[iri]["targets"].setdefault(str(row["target"]), _target(row))
    for iri, indicator in found.items():
        indicator["monitoring_units"] = _names(monitors[iri].values())
        targets = sorted(indicator["targets"].items())  # by target IRI: year, then repeats
        indicator["targets"] = {}
        for _, (year, target) in targets:
            indicator["targets"].setdefault(year, target)
    return _sorted(found.values())


def task_cells(row: dict) -> dict:
    """A task row cut down to short columns for a terminal table or a spreadsheet."""
    deadline = row["deadline"] or {}
    return {
        "source": _where(row),
        "number": row["number"],
        "text": row["text"],
        "lead": "; ".join(row["lead"]),
        "cooperating": "; ".join(row["cooperating"]),
        "deadline": deadline.get("text") or "",
    }


def indicator_cells(row: dict) -> dict:
    """An indicator row cut down to short columns: one per target year."""
    cells = {"source": _where(row), "code": row["code"], "name": row["name"], "unit": row["unit"] or ""}
    cells.update({year: target["text"] for year, target in sorted(row["targets"].items())})
    cells["monitoring"] = "; ".join(row["monitoring_units"])
    return cells


# --- reading the rows -------------------------------------------------------------------


def plans_named(store, plan: str) -> list[URIRef]:
    """The plans ``plan`` names: an IRI, a source file name, a plan number, or words of
    its issuer's name (``Thanh Miện``, ``so noi vu``); any case, any diacritics."""
    rows = queries.rows(store, "plan_lookup")
    if plan.startswith(("http://", "https://")):
        return [URIRef(plan)] if any(str(row["plan"]) == plan for row in rows) else []
    wanted = fold(plan)
    exact = {row["plan"] for row in rows
             if str(row.get("file", "")) == plan or fold(str(row.get("number", ""))) == wanted}
    return sorted(exact or {row["plan"] for row in rows if wanted and wanted in fold(str(row.get("issuerName", "")))})


def _parts(store, name: str, key: str, rows: list[dict] | None) -> list[dict]:
    """The rows of query ``name`` for the tasks or indicators (``key``) that ``rows`` list
    (None: for every one of them)."""
    if rows is None:
        return queries.rows(store, name)
    listed = {row[key] for row in rows}
    return queries.rows(store, name, **{key: listed}) if listed else []


def _rows(store, name: str, plan: str | None, bindings: dict) -> list[dict]:
    if plan is None:
        return queries.rows(store, name, **bindings)
    return [row for iri in plans_named(store, plan) for row in queries.rows(store, name, plan=iri, **bindings)]


def _plan_and_source(row: dict) -> dict:
    lines = [int(row["first"]), int(row["last"])] if "first" in row and "last" in row else None
    return {
        "plan": {"iri": str(row["plan"]), "issuer": _text(row.get("issuerName"))},
        "source": {"document": _text(row.get("document")), "lines": lines},
    }


def _task(row: dict) -> dict:
    return {
        "iri": str(row["task"]),
        **_plan_and_source(row),
        "section": _section(row),
        "number": _text(row.get("number")),
        "text": _text(row.get("text")),
        "lead": [],
        "cooperating": [],
        "output": _text(row.get("output")),
        "deadline": _deadline(row),
    }


def _section(row: dict) -> str | None:
    """``"7. Chuyển đổi số"``, or ``"Phụ lục 3 › A. …"`` for an appendix row."""
    number, title = _text(row.get("sectionNumber")), _text(row.get("sectionTitle"))
    heading = f"{number}. {title}" if number and title else number or title
    parts = [part for part in (_text(row.get("table")), heading) if part]
    return " › ".join(parts) or None


def _deadline(row: dict) -> dict:
    return deadline_json(row.get("deadlineText"), row.get("start"), row.get("end"), row.get("kind"))


def deadline_json(text, start, end, kind) -> dict:
    """The ``deadline`` object of the JSON contracts, from RDF terms or Python values;
    kind ``none`` where the plan gives the task no deadline."""
    if not any((text, start, end, kind)):
        return {"text": "", "start": None, "end": None, "kind": "none"}
    return {"text": _text(text) or "", "start": _date(start), "end": _date(end),
            "kind": KIND_NAMES.get(URIRef(kind), "unknown") if kind else "unknown"}


def _indicator(row: dict) -> dict:
    return {
        "iri": str(row["indicator"]),
        **_plan_and_source(row),
        "code": _text(row.get("code")),
        "name": _text(row.get("name")),
        "unit": _text(row.get("measure")),
        "monitoring_units": [],
        "targets": {},
    }


def _target(row: dict) -> tuple[str, dict]:
    return _text(row.get("year")) or "", {
        "text": _text(row.get("text")),
        "comparator": _text(row.get("comparator")),
        "value": _number(row.get("value")),
        "max": _number(row.get("max")),
        "unit": _text(row.get("targetUnit")),
    }


def _names(rows: Iterable[dict]) -> list[str]:
    """Unit names in the order the document prints them (the mention's position)."""

    def position(row: dict) -> tuple:
        mention = str(row.get("mention", ""))
        tail = mention.rsplit("/", 1)[-1]
        return (int(tail) if tail.isdigit() else 1 << 30, str(row["member"]))

    return [_text(row.get("memberName")) or str(row["member"]) for row in sorted(rows, key=position)]


def _sorted(rows: Iterable[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["source"]["document"] or "", r["source"]["lines"] or [0, 0], r["iri"]))


def _where(row: dict) -> str:
    source = row["source"]
    if not source["lines"]:
        return source["document"] or ""
    return f"{source['document']}:{source['lines'][0]}"


def _text(term) -> str | None:
    return str(term) if term is not None else None


def _date(term) -> str | None:
    value = term.toPython() if hasattr(term, "toPython") else term
    return value.isoformat() if isinstance(value, date) else None


def _number(term) -> float | None:
    return float(term.toPython()) if term is not None else None
