"""The explorer: server-rendered pages over the graph, each with its JSON twin.

Pages: home, search, one page per resource (``/id/…``, also as Turtle,
JSON-LD and N-Triples), the cascade below an NQ 71 item or NQ 57 task, lists
of plans, units, items and indicators, the coverage of NQ 71 items by plans,
the SPARQL editor, and the saved monitoring questions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, redirect, request, url_for
from rdflib import RDFS, Literal, URIRef

from loaders.text import fold, natural_key
from ontology.vocab import ELI, NQG, ORG
from service import negotiation
from service.i18n import language, ontology, ontology_labels, property_name, property_order, translate as _
from service.pages import Table, curie, local_path, plain, requested_format, respond, valid_iri
from service.reader import GraphReader, solution_dicts, text
from service.results import GRAPH_FORMATS, graph_text
from graph import queries
from graph.answers import CascadeAnswer
from graph.search import FACETS, SearchIndex

blueprint = Blueprint("explorer", __name__)

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE / "examples"
QUESTIONS = HERE / "questions"
LEVEL_ORDER = {"national": 0, "city": 1, "department": 2, "district": 3, "ward": 4, "commune": 4, "division": 5}
CASCADE_ROOTS = {"nq57", "nq71", "task"}
SEARCH_PAGE = 50  # hits on one page of search results
FACET_VALUES = 12  # the values of a facet a search page offers, most frequent first
LIST_PAGE = 100  # rows on one page of the lists of plans and units
COVERAGE_PLANS = 25  # plans (columns) on one page of the coverage table
DATED_DEADLINES = {NQG.DeadlineDate, NQG.DeadlinePeriod}
RESOURCE_FORMATS = {"html": "text/html", **GRAPH_FORMATS, "json": "application/json"}


def reader() -> GraphReader:
    return current_app.extensions["nqgraph.reader"]


def index() -> SearchIndex:
    return current_app.extensions["nqgraph.search"]


def kind_of(types) -> str:
    """The explorer's name for a resource's kind, from its RDF types."""
    for cls, kind in (
        (NQG.ProgrammeItem, "nq71"),
        (NQG.ResolutionTask, "nq57"),
        (NQG.PlanTask, "task"),
        (NQG.Plan, "plan"),
        (NQG.Resolution, "resolution"),
        (NQG.Unit, "unit"),
        (NQG.CollectiveAssignee, "unit"),
        (NQG.Indicator, "indicator"),
        (NQG.TaskGroup, "group"),
        (NQG.StatedDerivation, "derivation"),
        (NQG.InferredDerivation, "derivation"),
        (ELI.LegalResource, "document"),
    ):
        if cls in types:
            return kind
    return "resource"


def link(iri) -> dict:
    """A link to a resource: where it points on this site and what to call it; a term of the
    project's vocabulary (a deadline kind, a role) by the ontology's label."""
    iri = str(iri)
    if iri.startswith(str(NQG)):
        return {"iri": iri, "href": href_filter(iri), "label": property_name("nqg:" + iri[len(str(NQG)):])}
    return {"iri": iri, "href": local_path(iri) or iri, "label": reader().name(iri)}


def plan_link(iri) -> dict:
    """A link to a plan named by its issuer and number, for tables listing tasks of several plans."""
    return {**link(iri), "label": reader().plan_name(iri)}


def value_view(value, predicate=None) -> dict:
    if isinstance(value, URIRef):
        return link(value)
    if predicate in (NQG.level, NQG.unitLevel):
        shown = _(f"level_{value}", str(value))
    elif predicate == NQG.origin:
        shown = _(f"origin_{value}", str(value))
    else:
        shown = str(value)
    return {"value": shown, "lang": value.language if isinstance(value, Literal) else None}


def refuse(key: str, **values):
    """End the request with 400 and the words for ``key`` in the page's language."""
    abort(Response(_(key).format(**values) + "\n", status=400, mimetype="text/plain"))


def parse_as_of() -> date:
    """The ``as_of`` day a page is asked for, today when none is given; a day that is not one
    is refused (400) rather than quietly read as today."""
    raw = request.args.get("as_of", "")
    try:
        return date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        refuse("bad_date", value=raw)


# --- home, lists, search -------------------------------------------------------------------


def saved_queries(directory: Path) -> list[dict]:
    """The ``.rq`` files of ``directory`` with what their header says: ``# vi:`` and ``# en:``
    lines say in a sentence what each asks; ``# param: name kind`` lines name the values its
    form asks for (kind: unit, date, indicator, year)."""
    found = []
    for path in sorted(directory.glob("*.rq")):
        body = path.read_text(encoding="utf-8")
        header, params = {}, []
        for line in body.splitlines():
            if not line.startswith("#") or ":" not in line:
                continue
            key, value = (part.strip() for part in line[1:].split(":", 1))
            if key == "param":
                name, kind = value.split()
                params.append({"name": name, "kind": kind})
            else:
                header[key] = value
        found.append({"name": path.stem, "vi": header.get("vi", ""), "en": header.get("en", ""), "params": params, "query": body})
    return found


def summaries(queries: list[dict]) -> list[dict]:
    return [{k: q[k] for k in ("name", "vi", "en", "params")} for q in queries]


@blueprint.route("/")
@blueprint.route("/index.<any(json):fmt>")
def home(fmt=None):
    counts = reader().counts()
    examples = saved_queries(EXAMPLES)
    return respond("home.html", {"counts": counts, "examples": summaries(examples)}, examples=examples)


@blueprint.route("/search")
@blueprint.route("/search.<any(json,csv):fmt>")
def search(fmt=None):
    query = request.args.get("q", "").strip()
    filters = {name: request.args.get(name, "") for name in FACETS}
    if query and not any(filters.values()):
        documents = index().documents_numbered(query)
        if len(documents) == 1 and fmt is None and "format" not in request.args:
            return redirect(local_path(documents[0].iri) or documents[0].iri)
    raw_page = request.args.get("page", "1")
    if not re.fullmatch(r"[1-9][0-9]{0,8}", raw_page):  # "²".isdigit() is true, and int() refuses it
        refuse("bad_page", value=raw_page)
    page = int(raw_page)
    everything = requested_format(fmt) in ("json", "csv")  # downloads hold every hit; pages hold one page
    results = index().search(query, filters, limit=None if everything else SEARCH_PAGE,
                             offset=0 if everything else (page - 1) * SEARCH_PAGE) if query or any(filters.values()) else None
    if results:  # the plans the hits are in and the facets' values, named at once
        reader().known({plan for entry, score in results.hits for plan in entry.facets.get("plan", [])} |
                       {value for counter in results.facets.values() for value, count in counter.most_common(FACET_VALUES)})
    rows = [
        {
            "iri": e.iri, "kind": e.kind, "number": e.number, "title": e.title, "score": round(score, 2), "href": local_path(e.iri),
            "level": (e.facets.get("level") or [""])[0],
            "in": [plan_link(plan) for plan in e.facets.get("plan", []) if plan != e.iri],
        }
        for e, score in (results.hits if results else [])
    ]
    facet_view = {
        name: [{"value": value, "count": count, "label": facet_label(name, value)} for value, count in counter.most_common(FACET_VALUES)]
        for name, counter in (results.facets.items() if results else [])
    }
    total = results.total if results else 0
    data = {"query": query, "filters": {k: v for k, v in filters.items() if v}, "total": total, "results": rows,
            "facets": facet_view, "page": page, "pages": page_count(total, SEARCH_PAGE)}
    table = Table([("iri", "iri"), ("kind", _("kind")), ("level", _("level")), ("number", _("number")), ("title", _("title")), ("score", _("score"))], rows)
    return respond("search.html", data, table, name="search")


def facet_label(name: str, value: str) -> str:
    if name == "plan":
        return reader().plan_name(value)
    if name == "unit":
        return reader().name(value)
    if name in ("kind", "level"):
        return _(f"{name}_{value}", value)
    return _(value, value) if name == "link" else value


def page_count(total: int, size: int) -> int:
    """How many pages of ``size`` rows ``total`` rows fill; one, empty, when there are none."""
    return max(1, -(-total // size))


def page_of_rows(fmt) -> tuple[int, int, int | None]:
    """The page a list is asked for, where it starts and how many rows it holds; a download
    (JSON, CSV) holds every row."""
    raw = request.args.get("page", "")
    page = int(raw) if re.fullmatch(r"[1-9][0-9]{0,8}", raw) else 1
    if requested_format(fmt) in ("json", "csv"):
        return page, 0, None
    return page, (page - 1) * LIST_PAGE, LIST_PAGE


def listed(table: str, fmt) -> tuple[list[dict], dict]:
    """One page of a list the build wrote into the index, and what the pager needs."""
    page, offset, limit = page_of_rows(fmt)
    rows, total = index().listing(table, offset, limit)
    for row in rows:
        row["href"] = local_path(row["iri"])
    return rows, {"total": total, "page": page, "pages": page_count(total, LIST_PAGE)}


@blueprint.route("/plans")
@blueprint.route("/plans.<any(json,csv):fmt>")
def plans(fmt=None):
    rows, paging = listed("plan", fmt)
    columns = [("number", _("number")), ("date", _("date")), ("level", _("level")), ("issuer", _("issuer")), ("title", _("title")), ("tasks", _("tasks")), ("indicators", _("indicators")), ("iri", "iri")]
    return respond("plans.html", {"plans": rows, **paging}, Table(columns, rows), name="plans")


@blueprint.route("/units")
@blueprint.route("/units.<any(json,csv):fmt>")
def units(fmt=None):
    rows, paging = listed("unit", fmt)
    for row in rows:
        row["collective"] = bool(row["collective"])
    kinds = index().counts()
    data = {"units": rows, **paging, "real": kinds.get("Unit", 0), "collective": kinds.get("CollectiveAssignee", 0)}
    columns = [("name", _("unit")), ("level", _("level")), ("collective", _("collective")), ("parent", _("parent_unit")),
               ("leads", _("tasks_led")), ("cooperates", _("tasks_cooperated")), ("iri", "iri")]
    return respond("units.html", data, Table(columns, rows), name="units")


@blueprint.route("/items")
@blueprint.route("/items.<any(json,csv):fmt>")
def items(fmt=None):
    rows = index().listing("item")[0]  # NQ 57's and NQ 71's tasks are a few hundred: all on one page
    for row in rows:
        row["href"] = local_path(row["iri"])
    groups = [r for r in rows if r["kind"] == "group"]
    nq57 = defaultdict(list)
    for r in rows:
        if r["kind"] == "nq57":
            nq57[r["parent"]].append(r)
    data = {"groups": groups, "nq57": dict(nq57), "nq71": [r for r in rows if r["kind"] == "nq71"]}
    columns = [("kind", _("kind")), ("number", _("number")), ("text", _("text")), ("parent", "parent"), ("iri", "iri")]
    return respond("items.html", data, Table(columns, rows), name="items")


# --- indicators ----------------------------------------------------------------------------


def target_rows(indicators) -> list[dict]:
    """The targets of the ``indicators`` given, by plan and year."""
    return [
        {
            "indicator": row["indicator"],
            "name": str(row.get("name") or ""),
            "code": str(row.get("code") or ""),
            "table": str(row.get("table") or ""),
            "measure": str(row.get("measure") or ""),
            "plan": row.get("plan", ""),
            "plan_number": str(row.get("planNumber") or ""),
            "level": str(row.get("level") or ""),
            "year": str(row.get("year") or ""),
            "text": str(row.get("text") or ""),
            "value": float(row["value"]) if "value" in row else None,
        }
        for row in queries.select(reader().store, "targets", indicator={URIRef(i) for i in indicators})
    ]


@blueprint.route("/indicators")
@blueprint.route("/indicators.<any(json,csv):fmt>")
def indicators(fmt=None):
    """Indicators grouped across tables, since plans restate the same indicator in their own words."""
    rows, paging = listed("indicator", fmt)
    columns = [("name", _("indicator")), ("measure", _("unit_of_measure")), ("plans", _("plans")), ("iri", "iri")]
    return respond("indicators.html", {"indicators": rows, **paging}, Table(columns, rows), name="indicators")


def indicator_comparison(iri: str) -> dict:
    """The targets of every indicator named like ``iri``'s, by plan and year, with the cells that
    differ from the highest-level plan's target for that year."""
    same = [r for r in target_rows(index().restatements(iri)) if r["year"]]
    years = sorted({r["year"] for r in same})
    plans: dict[str, dict] = {}  # one row per table that lists the indicator
    for r in same:
        # a national target's "plan" is NQ 57 itself, which has no level
        plan = plans.setdefault(r["indicator"], {"plan": plan_link(r["plan"]), "table": r["table"], "level": r["level"] or "national",
                                                 "indicator": link(r["indicator"]), "targets": {}})
        plan["targets"][r["year"]] = {"text": r["text"], "value": r["value"]}
    ordered = sorted(plans.values(), key=lambda p: LEVEL_ORDER.get(p["level"], 9))
    reference = {year: next((p["targets"][year]["value"] for p in ordered if year in p["targets"]), None) for year in years}
    for plan in ordered:
        for year, target in plan["targets"].items():
            target["differs"] = target["value"] is not None and reference[year] is not None and target["value"] != reference[year]
    return {"years": years, "plans": ordered, "measure": same[0]["measure"] if same else ""}


# --- coverage ------------------------------------------------------------------------------


@blueprint.route("/coverage")
@blueprint.route("/coverage.<any(json,csv):fmt>")
def coverage(fmt=None):
    """NQ 71 items × plans, a page of plans at a time (a download holds them all): how many of
    each plan's tasks carry each item, and how many plans in all take it up."""
    page, offset, limit = page_of_rows(fmt)
    listed_plans, total = index().listing("plan", offset, None if limit is None else COVERAGE_PLANS)
    reader().known(p["iri"] for p in listed_plans)
    plans_ = [{"iri": p["iri"], "name": reader().plan_name(p["iri"]), "level": p["level"], "href": local_path(p["iri"])}
              for p in listed_plans]
    counts = {(r["item"], r["plan"]): int(r["tasks"])
              for r in reader().coverage({URIRef(p["iri"]) for p in plans_})}
    taken_up = index().item_plans()
    items_ = [row for row in index().listing("item")[0] if row["kind"] == "nq71"]
    rows = []
    for item in items_:
        row = {"item": item["number"], "text": item["text"], "iri": item["iri"], "href": local_path(item["iri"])}
        row.update({plan["iri"]: counts.get((item["iri"], plan["iri"]), 0) for plan in plans_})
        row["plans"] = taken_up.get(item["iri"], 0)
        rows.append(row)
    unpicked = index().unpicked()
    orphans = [r for r in rows if r["iri"] in unpicked]
    columns = [("item", _("nq71_items")), ("text", _("text"))] + [(p["iri"], p["name"]) for p in plans_] + [("plans", _("plans"))]
    data = {"plans": plans_, "items": rows, "not_picked_up": [r["item"] for r in orphans],
            "page": page, "pages": page_count(total, COVERAGE_PLANS), "total": total}
    return respond("coverage.html", data, Table(columns, rows), name="coverage", orphans=orphans)


# --- cascade -------------------------------------------------------------------------------


def cascade_elements(cascade: CascadeAnswer, root_label: str) -> list[dict]:
    """Cytoscape elements: the item (and its NQ 57 task) above the tasks derived from it, and the units below."""
    nodes, edges = {}, []

    def node(iri: str, kind: str, label: str, level: str = ""):
        nodes.setdefault(iri, {"data": {"id": iri, "label": label[:60], "kind": kind, "level": level, "href": local_path(iri) or iri}})

    root = cascade.root
    node(root, "root", root_label)
    for nq57 in cascade.nq57:
        node(nq57, "nq57", reader().name(nq57))
        edges.append({"data": {"source": nq57, "target": root, "kind": "stated"}})
    for number, item in enumerate(cascade.links):
        task, plan = item.task, item.plan
        plan_label = reader().plan_name(plan.iri) if plan.iri else plan.issuer
        node(task.iri, "task", f"{plan_label} · {task.number}".strip(" ·"), item.level or plan.level)
        via = cascade.parent(item)
        if via not in nodes:
            node(via, "task", reader().name(via))
        edges.append({"data": {"id": f"d{number}", "source": via, "target": task.iri, "kind": item.kind}})
        for role, units in (("lead", item.lead_units), ("cooperating", item.cooperating_units)):
            for unit in units:
                node(unit.iri, "unit", reader().name(unit.iri))
                edges.append({"data": {"source": task.iri, "target": unit.iri, "kind": role}})
    return list(nodes.values()) + edges


@blueprint.route("/cascade/<path:path>")
def cascade(path):
    suffix = None
    for fmt in ("json", "csv"):
        if path.endswith("." + fmt):
            path, suffix = path[: -len(fmt) - 1], fmt
    if not valid_iri(current_app.config["BASE"] + path):
        abort(404)
    root = URIRef(current_app.config["BASE"] + path)
    description = reader().describe(root)
    if not description.exists or kind_of(description.types) not in CASCADE_ROOTS:
        abort(404)  # a cascade runs down from a task: an NQ 57 task, an NQ 71 item or a plan's task
    answer = reader().cascade(root)
    rows = [
        {
            "plan": plan_link(item.plan.iri) if item.plan.iri else None,
            "level": item.level or item.plan.level,
            "task": link(item.task.iri),
            "number": item.task.number,
            "text": item.task.text,
            "kind": item.kind,
            "score": item.score,
            "via": link(answer.parent(item)),
            "lead": [link(u.iri) for u in item.lead_units],
            "cooperating": [link(u.iri) for u in item.cooperating_units],
            "deadline": item.deadline.text,
        }
        for item in answer.links
    ]
    rows.sort(key=lambda r: (LEVEL_ORDER.get(r["level"], 9), r["plan"]["label"] if r["plan"] else "", r["number"]))
    flat = [
        {**r, "plan": r["plan"]["label"] if r["plan"] else "", "task": r["task"]["iri"], "via": r["via"]["iri"] if r["via"] else "",
         "lead": [u["label"] for u in r["lead"]], "cooperating": [u["label"] for u in r["cooperating"]]}
        for r in rows
    ]
    columns = [("level", _("level")), ("plan", _("plan")), ("number", _("number")), ("text", _("text")), ("kind", _("link")), ("score", _("score")),
               ("lead", _("lead")), ("cooperating", _("cooperating")), ("deadline", _("deadline")), ("task", "iri"), ("via", _("via"))]
    levels = sorted({r["level"] for r in rows if r["level"]}, key=lambda level: LEVEL_ORDER.get(level, 9))
    title = resource_title(description)
    return respond(
        "cascade.html", answer.as_json(), Table(columns, flat), name="cascade", suffix=suffix,
        root=link(root), title=title, rows=rows, elements=cascade_elements(answer, title), levels=levels,
    )


# --- resource pages ------------------------------------------------------------------------


def resource_title(description) -> str:
    """``Nhiệm vụ NQ 71 48`` for a numbered task of a resolution, else the resource's label."""
    kind, number = kind_of(description.types), description.value(NQG.number)
    if kind in ("nq71", "nq57") and number is not None:
        return f"{_('kind_' + kind)} {number}"
    return reader().name(description.iri)


def schema_org(description, kind: str) -> dict:
    """A schema.org summary of the resource, embedded in its page for search engines."""
    iri = str(description.iri)
    name = reader().label(iri) or iri
    if kind in ("plan", "resolution", "document"):
        data = {"@type": "Legislation", "name": name, "legislationIdentifier": text(description.value(ELI.number))}
        if description.value(ELI.date_document) is not None:
            data["legislationDate"] = text(description.value(ELI.date_document))
        if description.value(ELI.passed_by) is not None:
            data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "@id": str(description.value(ELI.passed_by)), "name": reader().label(description.value(ELI.passed_by))}
        if description.value(ELI.title) is not None:
            data["alternateName"] = text(description.value(ELI.title))
    elif kind == "unit":
        data = {"@type": "GovernmentOrganization", "name": name}
        if description.value(ORG.subOrganizationOf) is not None:
            data["parentOrganization"] = {"@id": str(description.value(ORG.subOrganizationOf))}
    else:
        data = {"@type": "CreativeWork", "name": name}
        if description.value(ELI.is_part_of) is not None:
            data["isPartOf"] = {"@id": str(description.value(ELI.is_part_of))}
    return {"@context": "https://schema.org", "@id": iri, **data}


INCOMING_SHOWN = 200  # links of one property a page lists; its download lists every one


def resource_json(description, kind: str, shown: int | None = None) -> dict:
    """The resource as its JSON gives it; ``shown``: at most so many links of each property that
    points at it (a page's list), the count still whole."""
    return {
        "iri": str(description.iri),
        "label": reader().label(description.iri),
        "kind": kind,
        "types": [str(t) for t in description.types],
        "facts": [{"predicate": str(p), "curie": curie(p), "values": [plain(value_view(v)) for v in values]} for p, values in description.facts],
        "incoming": [{"predicate": str(p), "curie": curie(p), "count": len(subjects), "subjects": [link(s) for s in subjects[:shown]]} for p, subjects in description.incoming],
        "sources": plain(description.sources),
    }


def unit_view(iri: URIRef) -> dict:
    """What a unit leads and cooperates on, grouped by NQ 71 item, and what is overdue."""
    as_of = parse_as_of()
    tasks, seen = [], {}
    for row in reader().unit_tasks(iri):
        key = (str(row["task"]), str(row["role"]))
        if key in seen:  # one row per NQ 71 item the task derives from: keep the first
            continue
        seen[key] = True
        end = row.get("deadlineEnd")
        end_date = end.toPython() if end is not None else None
        tasks.append(
            {
                "task": link(row["task"]),
                "role": text(row["role"]),
                "number": text(row.get("number")),
                "text": text(row.get("text")),
                "plan": plan_link(row["plan"]) if "plan" in row else None,
                "deadline": text(row.get("deadlineText")),
                "deadline_end": end_date.isoformat() if isinstance(end_date, date) else "",
                "overdue": isinstance(end_date, date) and end_date < as_of and row.get("deadlineKind") in DATED_DEADLINES,
                "nq71": link(row["nq71"]) if "nq71" in row else None,
                "nq71_number": text(row.get("nq71Number")),
            }
        )
    by_item = defaultdict(list)
    for task in tasks:
        by_item[task["nq71_number"]].append(task)
    return {
        "as_of": as_of.isoformat(),
        "leads": sum(t["role"] == "lead" for t in tasks),
        "cooperates": sum(t["role"] == "cooperating" for t in tasks),
        "overdue": [t for t in tasks if t["overdue"]],
        "by_item": sorted(by_item.items(), key=lambda pair: (not pair[0], natural_key(pair[0]))),
    }


def plan_view(iri: URIRef, fmt) -> tuple[list[dict], dict]:
    """A plan's tasks in document order, with their units, deadline and how each is linked
    upstream: one page of them for the page (a city's plan has hundreds), all for a download."""
    rows = reader().plan_tasks(iri)
    first = {}
    for row in rows:
        first.setdefault(row["task"], row)
    # the body's tasks first, then each appendix table's rows
    ordered = sorted(first, key=lambda task: (text(first[task].get("table")), natural_key(text(first[task].get("number")))))
    page, offset, limit = page_of_rows(fmt)
    shown = ordered[offset:None if limit is None else offset + limit]
    units, kinds = reader().task_units(shown), reader().task_links(shown)
    upstream = {task: [] for task in shown}
    for row in rows:
        if "upstream" in row and row["task"] in upstream:
            upstream[row["task"]].append(link(row["upstream"]))
    tasks = [{
        "task": link(task), "number": text(first[task].get("number")), "text": text(first[task].get("text")),
        "table": text(first[task].get("table")), "deadline": text(first[task].get("deadlineText")),
        "lead": [link(u) for u in units.get((task, "lead"), [])],
        "cooperating": [link(u) for u in units.get((task, "cooperating"), [])],
        "upstream": upstream[task], "links": sorted(kinds.get(task, ())),
    } for task in shown]
    return tasks, {"total": len(ordered), "page": page, "pages": page_count(len(ordered), LIST_PAGE)}


def resource_table(data: dict) -> Table:
    """The main table of a resource page, for its CSV: a plan's or unit's tasks, an indicator's
    targets by plan, else the resource's facts."""
    if "tasks" in data:
        rows = [{**t, "task": t["task"]["iri"], "lead": [u["label"] for u in t["lead"]], "cooperating": [u["label"] for u in t["cooperating"]],
                 "upstream": [u["iri"] for u in t["upstream"]]} for t in data["tasks"]]
        return Table([(k, _(k)) for k in ("number", "text", "lead", "cooperating", "deadline", "links")] + [("upstream", _("via")), ("task", "iri")], rows)
    if "unit" in data:
        rows = [{**t, "task": t["task"]["iri"], "plan": t["plan"]["label"] if t["plan"] else ""}
                for _number, tasks in data["unit"]["by_item"] for t in tasks]
        return Table([("nq71_number", _("kind_nq71")), ("role", _("role")), ("plan", _("plan")), ("number", _("number")), ("text", _("text")),
                      ("deadline", _("deadline")), ("deadline_end", "end"), ("overdue", _("overdue")), ("task", "iri")], rows)
    if "comparison" in data:
        years = data["comparison"]["years"]
        rows = [{"plan": row["plan"]["label"], "table": row["table"], "level": row["level"], "indicator": row["indicator"]["iri"],
                 **{year: row["targets"].get(year, {}).get("text", "") for year in years}} for row in data["comparison"]["plans"]]
        return Table([("plan", _("plan")), ("table", _("table")), ("level", _("level"))] + [(year, year) for year in years]
                     + [("indicator", "iri")], rows)
    rows = [{"property": fact["curie"], "value": value.get("iri", value.get("value"))} for fact in data["facts"] for value in fact["values"]]
    return Table([("property", "property"), ("value", _("value"))], rows)


def split_suffix(path: str) -> tuple[str, str | None]:
    """``plan/x.ttl`` → (``plan/x``, ``ttl``) when the suffix names a format and the rest is a resource."""
    head, dot, suffix = path.rpartition(".")
    if dot and suffix in ("ttl", "nt", "jsonld", "rdf", "json", "csv") and not reader().describe(URIRef(current_app.config["BASE"] + path)).exists:
        return head, suffix
    return path, None


@blueprint.route("/id/<path:path>")
def resource(path):
    if not valid_iri(current_app.config["BASE"] + path):
        abort(404)
    path, suffix = split_suffix(path)
    iri = URIRef(current_app.config["BASE"] + path)
    description = reader().describe(iri)
    if suffix is None:
        fmt = negotiation.choose(RESOURCE_FORMATS, default="html", accept_aliases={"text/plain": "nt"}) or "html"
    else:
        fmt = suffix
    if not description.exists:
        if fmt == "html":
            return respond("not_found.html", {"iri": str(iri)}, status=404)
        return Response(f"No resource {iri}\n", status=404, mimetype="text/plain")
    kind = kind_of(description.types)
    if fmt in GRAPH_FORMATS:
        return Response(graph_text(reader().graph(iri), fmt), mimetype=GRAPH_FORMATS[fmt], headers={"Vary": "Accept"})
    data = resource_json(description, kind, INCOMING_SHOWN if fmt == "html" else None)
    extra = {}
    if kind == "unit":
        extra["unit"] = data["unit"] = unit_view(iri)
    if kind == "indicator":
        extra["comparison"] = data["comparison"] = indicator_comparison(str(iri))
    if kind == "plan":
        data["tasks"], extra["plan_paging"] = plan_view(iri, fmt)
        extra["plan_tasks"] = data["tasks"]
    return respond(
        "resource.html", data, resource_table(data), name=path.replace("/", "_"), suffix=fmt if fmt in ("json", "csv") else None,
        description=description, kind=kind, title=resource_title(description),
        facts=sorted(((p, [value_view(v, p) for v in values]) for p, values in description.facts), key=lambda fact: property_order(curie(fact[0]))),
        incoming=[(URIRef(entry["predicate"]), entry["subjects"], entry["count"]) for entry in data["incoming"]],
        schema=schema_org(description, kind), path=path, **extra,
    )


# --- SPARQL editor and monitoring questions ------------------------------------------------


@blueprint.route("/editor")
@blueprint.route("/editor.<any(json):fmt>")
def editor(fmt=None):
    examples = saved_queries(EXAMPLES)
    return respond("editor.html", {"endpoint": url_for("sparql.endpoint"), "examples": summaries(examples)}, examples=examples)


def parameter_choices(kind: str) -> list[tuple[str, str]]:
    if kind == "unit":
        choices = [(r["iri"], r["name"]) for r in index().listing("unit")[0] if r["leads"] or r["cooperates"]]
        return sorted(choices, key=lambda c: fold(c[1]))
    if kind == "indicator":
        return sorted(((name, name) for name in index().indicator_names()), key=lambda c: fold(c[1]))
    return []


def common_year() -> str:
    """The year the most targets are set for: a form's first guess."""
    return index().common_year()


def parameter_value(kind: str, raw: str):
    """The term a form's value stands for; ValueError, with the words to show, for one that is none."""
    if kind == "unit":
        if not valid_iri(raw):
            raise ValueError(_("bad_unit").format(value=raw))
        return URIRef(raw)
    if kind == "date":
        try:
            return Literal(date.fromisoformat(raw))
        except ValueError:
            raise ValueError(_("bad_date").format(value=raw)) from None
    return Literal(raw)


@blueprint.route("/questions")
@blueprint.route("/questions.<any(json):fmt>")
def question_list(fmt=None):
    questions = saved_queries(QUESTIONS)
    return respond("questions.html", {"questions": summaries(questions)}, questions=questions)


@blueprint.route("/questions/<name>")
@blueprint.route("/questions/<name>.<any(json,csv):fmt>")
def question(name, fmt=None):
    found = {q["name"]: q for q in saved_queries(QUESTIONS)}.get(name)
    if found is None:
        abort(404)
    defaults = {"date": date.today().isoformat(), "year": common_year()}
    values = {p["name"]: request.args.get(p["name"]) or defaults.get(p["kind"], "") for p in found["params"]}
    rows, variables, error = [], [], None
    if all(values.values()):
        try:
            bindings = {p["name"]: parameter_value(p["kind"], values[p["name"]]) for p in found["params"]}
        except ValueError as wrong:
            error = str(wrong)
        else:
            answer = reader().store.query(found["query"], bindings or None)
            # the columns the question asks for; the values given in its form are not repeated
            variables = [str(v) for v in answer.vars if str(v) not in bindings]
            rows = [{k: plain(v) for k, v in row.items() if k in variables} for row in solution_dicts(answer)]
    choices = {p["name"]: parameter_choices(p["kind"]) for p in found["params"]}
    table = Table([(v, _(v)) for v in variables], rows)
    data = {"question": {k: found[k] for k in ("name", "vi", "en")}, "parameters": values, "results": rows}
    return respond("question.html", data, table, name=name, status=400 if error else 200,
                   question=found, values=values, choices=choices, variables=variables, error=error)


@blueprint.route("/def")
def vocabulary():
    """The project's vocabulary: a page of its terms, or the ontology itself for an RDF client."""
    offered = {"html": "text/html", **GRAPH_FORMATS}
    fmt = negotiation.choose(offered, default="html")
    if fmt is None:
        refuse("bad_format", value=request.values.get("format"), formats=", ".join(offered))
    if fmt != "html":
        return Response(graph_text(ontology(), fmt), mimetype=GRAPH_FORMATS[fmt])
    comments = {str(term): str(text) for term, text in ontology().subject_objects(RDFS.comment)
                if isinstance(text, Literal) and text.language == language()}
    terms = [{"term": curie[4:], "iri": str(NQG) + curie[4:], "label": property_name(curie),
              "comment": comments.get(str(NQG) + curie[4:], "")} for curie in sorted(ontology_labels())]
    return respond("vocabulary.html", {"namespace": str(NQG), "terms": terms})


@blueprint.after_request
def vary(response: Response) -> Response:
    """Pages differ by language (a cookie) and, under ``/id/``, by the format asked for."""
    response.vary.add("Cookie")
    response.vary.add("Accept")
    return response


@blueprint.app_template_filter("href")
def href_filter(iri) -> str:
    """Where a link to ``iri`` goes on this site: its page, a term's entry in the vocabulary, or away."""
    iri = str(iri)
    if iri.startswith(str(NQG)):
        return url_for("explorer.vocabulary") + "#" + iri[len(str(NQG)):]
    return local_path(iri) or iri


@blueprint.app_template_filter("label")
def label_filter(iri) -> str:
    return reader().name(iri)


@blueprint.app_template_filter("curie")
def curie_filter(iri) -> str:
    return curie(iri)
