"""Tables a plan reproduces from its upper plan are that plan's tasks, read where they are printed.

Seed 001 (a commune of Hải Phòng) prints the city's assignment tables as its
Phụ lục 3 and 4. ``tests/data/reproduced/`` holds plans of other provinces
written for the tests, each showing it another way (or not at all): a
caption naming the province's plan, a title naming the tasks the city's, rows
led by the province's departments, a commune's own table whose title names
the province's plan it carries out, a province's own table, an upper plan the
text does not name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph import queries, trace
from graph.build import build
from graph.store import MemoryStore, OxigraphStore
from graph.validate import validate
from loaders.parse import parse
from loaders.read import read_document
from ontology import ids

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "001_0efade6d4c713fc0.txt"
HAI_PHONG_238 = str(ids.cited("238/KH-UBND", "KH", 2025))  # the document the commune cites, known as a plan

# file → {table: (issuer key, how it shows, the upper plan's number)}; a table left out is the plan's own.
EXPECTED = {
    "reproduced/nghe-an-xa-caption.txt": {"Phụ lục II": ("ubnd-tinh-nghe-an", {"caption", "leads"}, "380/KH-UBND")},
    "reproduced/da-nang-phuong-title.html": {"Phụ lục": ("ubnd-thanh-pho-da-nang", {"title"}, "210/KH-UBND")},
    "reproduced/lam-dong-xa-leads.txt": {"Phụ lục 2": ("ubnd-tinh-lam-dong", {"leads"}, "1520/KH-UBND")},
    "reproduced/can-tho-phuong-unnamed.txt": {"Phụ lục": ("ubnd-thanh-pho-can-tho", {"title", "leads"}, None)},
    "reproduced/ha-tinh-xa-own.txt": {},
    "reproduced/quang-ninh-tinh-own.txt": {},
    "tables/lao-cai-xa-numbered-groups.txt": {},   # its caption names the plan itself
}


@pytest.mark.parametrize("name", EXPECTED)
def test_a_reproduced_table_is_told_by_how_the_document_prints_it(name):
    plan = parse(read_document(DATA / name))
    found = {r.table: (r.issuer.key, set(r.evidence), r.number) for r in plan.reproductions}
    assert found == EXPECTED[name]
    for task in plan.tasks:
        reproduced = task.table in found
        assert (task.reproduction is not None) == reproduced, (task.table, task.number)


def test_an_upper_plan_the_text_does_not_name_is_warned():
    plan = parse(read_document(DATA / "reproduced/can-tho-phuong-unnamed.txt"))
    warned = [w for w in plan.warnings if w.code == "reproduced-plan"]
    assert len(warned) == 1 and "Ủy ban nhân dân thành phố Cần Thơ" in warned[0].message


def test_seed_001_reproduces_the_citys_tables_of_plan_238():
    plan = parse(read_document(SEED))
    assert [(r.table, r.issuer.key, r.number, r.date) for r in plan.reproductions] == [
        ("Phụ lục 3", "ubnd-thanh-pho-hai-phong", "238/KH-UBND", date(2025, 9, 13)),
        ("Phụ lục 4", "ubnd-thanh-pho-hai-phong", "238/KH-UBND", date(2025, 9, 13))]
    moved = [task for task in plan.tasks if task.reproduction is not None]
    assert len(moved) == 126 and {task.table for task in moved} == {"Phụ lục 3", "Phụ lục 4"}
    assert all(task.reproduction is None for task in plan.tasks if task.origin == "body")
    # the city's "UBND xã" is the communes', not Mao Điền's own committee
    row = next(task for task in moved if task.table == "Phụ lục 3" and task.number == "2")
    assert [ref.key for ref in row.lead] != [plan.issuer.key]


def test_the_rows_are_the_city_plans_tasks_where_the_commune_prints_them(corpus):
    store = OxigraphStore(corpus[0])
    try:
        answer = trace.trace_item(store, "48")
        city = [link for link in answer["links"] if link["level"] == "city"]
        assert [link["plan"] for link in city] == [
            {"iri": HAI_PHONG_238, "issuer": "Ủy ban nhân dân thành phố Hải Phòng", "level": "city"}]
        assert city[0]["source"]["document"] == SEED.name and city[0]["kind"] == "stated"
        plans = {row["plan"]: row for row in queries.select(store, "plans")}
        tasks = {row["plan"]: row["n"] for row in queries.select(store, "plan_counts") if row["kind"] == "tasks"}
        assert tasks[HAI_PHONG_238] == 126 and plans[HAI_PHONG_238]["level"] == "city"
        assert "file" not in plans[HAI_PHONG_238], "known only through its reproduction"
        commune = next(p for p, row in plans.items() if row.get("file") == SEED.name)
        assert tasks[commune] == 48, "the commune's own: its body's tasks"
        said = {(row["p"], str(row["o"])) for row in store.select(
            f"SELECT ?p ?o WHERE {{ GRAPH <{ids.iri('graph', 'entities')}> {{ <{HAI_PHONG_238}> ?p ?o }} }}")}
        assert ("http://data.europa.eu/eli/ontology#number", "238/KH-UBND") in said
        assert ("https://nqgraph.org/def#reproducedIn", commune) in said
        unit = trace.trace_unit(store, "Sở Tư pháp")
        assert {entry["plan"]["iri"] for entry in unit["lead"]} == {HAI_PHONG_238}
    finally:
        store.close()


def test_two_communes_reproducing_one_table_name_one_upper_plan(tmp_path):
    original = (DATA / "reproduced/nghe-an-xa-caption.txt").read_text(encoding="utf-8")
    other = tmp_path / "nghe-an-xa-khac.txt"
    other.write_text(original.replace("DIỄN CHÂU", "DIỄN KIM").replace("Diễn Châu", "Diễn Kim")
                     .replace("33/KH-UBND", "35/KH-UBND"), encoding="utf-8")
    store = MemoryStore()
    summary = build([DATA / "reproduced/nghe-an-xa-caption.txt", other], store, progress=False, jobs=1)
    assert summary.ok, summary.errors
    upper = ids.cited("380/KH-UBND", "KH", 2025)
    rows = store.select(f"SELECT ?p ?o WHERE {{ <{upper}> ?p ?o }}")
    found = [str(row["o"]) for row in rows if row["p"].endswith("reproducedIn")]
    assert len(found) == 2
    assert [row["o"] for row in rows if row["p"].endswith("#number")] == ["380/KH-UBND"]
    assert [row["o"] for row in rows if row["p"].endswith("passed_by")] == [str(ids.unit("ubnd-tinh-nghe-an"))]
    tasks = queries.select(store, "plan_tasks", plan=URIRef(upper))
    assert len({row["task"] for row in tasks}) == 8, "each commune's printing stays its own row"
    assert validate(store).conforms


def test_an_unnamed_upper_plan_is_described_where_it_is_printed(tmp_path):
    store = MemoryStore()
    summary = build([DATA / "reproduced/can-tho-phuong-unnamed.txt"], store, progress=False, jobs=1)
    assert summary.ok, summary.errors
    plans = {row["plan"]: row for row in queries.select(store, "plans")}
    upper = next(plan for plan in plans if plan.endswith("/reproduced/1"))
    assert plans[upper]["level"] == "city" and plans[upper]["issuer"] == str(ids.unit("ubnd-thanh-pho-can-tho"))
    assert queries.select(store, "plan_counts", plan=URIRef(upper), kind=Literal("tasks"))[0]["n"] == 3
    assert validate(store).conforms
