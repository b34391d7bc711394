"""Every kind of explorer page, through Flask's test client, on the bundled corpus built by the real pipeline."""

from __future__ import annotations

import csv
import io
import re

import pytest
from markupsafe import escape
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graph import trace
from graph.store import OxigraphStore
from loaders.text import fold
from service.app import create_app
from service.explorer import EXAMPLES
from service.reader import solution_dicts

NQG = "https://nqgraph.org/def#"
KINDS = {"plan": "Plan", "nq71": "ProgrammeItem", "nq57": "ResolutionTask", "unit": "Unit", "indicator": "Indicator", "task": "PlanTask"}


@pytest.fixture(scope="module")
def app(corpus):
    store = OxigraphStore(corpus[0], read_only=True)
    app = create_app(store)
    yield app
    app.extensions["nqgraph.pool"].close()
    store.close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def iris(app) -> dict[str, list[str]]:
    """The IRIs of every resource of each kind, from the store itself."""
    store = app.extensions["nqgraph.store"]
    found = {}
    for kind, cls in KINDS.items():
        rows = solution_dicts(store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{NQG}{cls}> }} ORDER BY ?s"))
        found[kind] = [str(row["s"]) for row in rows]
    return found


def path_of(app, iri: str) -> str:
    return "/id/" + iri[len(app.config["BASE"]):]


def ok(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def page(client, url, **kwargs) -> str:
    return ok(client, url, **kwargs).get_data(as_text=True)


def csv_rows(client, url) -> list[dict]:
    return list(csv.DictReader(io.StringIO(page(client, url).lstrip("\ufeff"))))


def plan_named(client, issuer: str) -> dict:
    return next(plan for plan in ok(client, "/plans.json").get_json()["plans"] if plan["issuer"] == issuer)


# --- home and search ----------------------------------------------------------------------------


def test_home_counts_the_five_plans_and_the_one_they_reproduce(client, iris):
    counts = ok(client, "/index.json").get_json()["counts"]
    assert counts["Plan"] == 6  # the five read, and the city's 238/KH-UBND whose tables seed 001 reproduces
    assert counts["ProgrammeItem"] == len(iris["nq71"])
    assert re.search(r"<strong>6</strong>\s*Kế hoạch", page(client, "/"))


def test_search_folds_diacritics(client):
    plain = ok(client, "/search.json", query_string={"q": "so hoa"}).get_json()
    marked = ok(client, "/search.json", query_string={"q": "số hóa"}).get_json()
    assert plain["total"] == marked["total"] > 0
    assert [hit["iri"] for hit in plain["results"]] == [hit["iri"] for hit in marked["results"]]
    assert all("so hoa" in fold(hit["title"]) for hit in plain["results"][:5])
    html = page(client, "/search", query_string={"q": "so hoa"})
    assert "số hóa" in html
    assert "Ủy ban nhân dân xã Mao Điền" in html  # its plans are named by issuer, not by their alike titles


def test_search_spells_out_cds(client):
    results = ok(client, "/search.json", query_string={"q": "CĐS"}).get_json()["results"]
    titles = [fold(hit["title"]) for hit in results]
    assert any("chuyen doi so" in title for title in titles)
    assert any(re.search(r"\bcds\b", title) for title in titles)


def test_a_cited_plan_number_goes_to_its_document(client):
    answer = client.get("/search", query_string={"q": "238/KH-UBND"})
    assert answer.status_code == 302
    assert "238/KH-UBND" in page(client, answer.headers["Location"])


def test_a_corpus_plan_number_goes_to_the_plan(client):
    answer = client.get("/search", query_string={"q": "19/KH-UBND"})
    assert answer.status_code == 302
    data = ok(client, answer.headers["Location"] + ".json").get_json()
    assert data["kind"] == "plan"
    assert len(data["tasks"]) == plan_named(client, "Ủy ban nhân dân xã Thanh Miện")["tasks"]


# --- resource pages -----------------------------------------------------------------------------


def test_every_plan_page_lists_all_its_tasks(app, client):
    plans = ok(client, "/plans.json").get_json()["plans"]
    assert len(plans) == 6
    for plan in plans:
        html = page(client, plan["href"])
        assert plan["issuer"] in html
        data = ok(client, plan["href"] + ".json").get_json()
        assert len(data["tasks"]) == plan["tasks"] > 0, plan["href"]
        assert len(csv_rows(client, plan["href"] + ".csv")) == plan["tasks"]


def test_a_long_plan_page_shows_its_tasks_a_hundred_at_a_time(client):
    plan = max(ok(client, "/plans.json").get_json()["plans"], key=lambda p: p["tasks"])
    assert plan["tasks"] > 100
    every = [task["task"]["href"] for task in ok(client, plan["href"] + ".json").get_json()["tasks"]]
    shown, number = [], 1
    while True:
        html = page(client, plan["href"], query_string={"page": number})
        table = html.split('<section class="plan-view">', 1)[1].split("</section>", 1)[0]
        rows = re.findall(r'<tr><td>.*?<a href="([^"]+)"', table)
        assert len(rows) == min(100, plan["tasks"] - len(shown))
        shown += rows
        if 'rel="next"' not in table:
            break
        number += 1
    assert shown == every  # each task once, in the order of the download


def test_every_nq71_item_page_and_cascade(app, client, iris):
    for iri in iris["nq71"]:
        facts = {fact["curie"]: fact["values"] for fact in ok(client, path_of(app, iri) + ".json").get_json()["facts"]}
        assert f"Nhiệm vụ NQ 71 {facts['nqg:number'][0]['value']}" in page(client, path_of(app, iri))
        cascade = "/cascade/" + iri[len(app.config["BASE"]):]
        links = ok(client, cascade + ".json").get_json()["links"]
        assert links, iri  # the graph holds only the items some plan restates
        assert "cascade-data" in page(client, cascade)


def test_item_48_reaches_the_department_and_the_ward(client):
    html = page(client, "/cascade/resolution/71-NQ-CP/item/48")
    rows = re.findall(r'<tr data-level="(\w+)".*?</tr>', html, re.S)
    assert {"department", "ward"} <= set(rows)
    table = html[html.index('id="cascade-table"'):]
    assert "Sở Văn hóa, Thể thao và Du lịch" in table
    assert "phường Hải Dương" in table
    links = ok(client, "/cascade/resolution/71-NQ-CP/item/48.json").get_json()["links"]
    plans = {link["plan"]["iri"] for link in links}
    assert plan_named(client, "Sở Văn hóa, Thể thao và Du lịch")["iri"] in plans
    assert plan_named(client, "Ủy ban nhân dân phường Hải Dương")["iri"] in plans
    rows = csv_rows(client, "/cascade/resolution/71-NQ-CP/item/48.csv")
    assert len(rows) == len(links)
    assert any(row["plan"].startswith("Sở Văn hóa, Thể thao và Du lịch") for row in rows)


def test_every_nq57_task_page(app, client, iris):
    for iri in iris["nq57"]:
        data = ok(client, path_of(app, iri) + ".json").get_json()
        assert data["kind"] == "nq57"
        assert "Nhiệm vụ NQ 57" in page(client, path_of(app, iri))
        cascade = "/cascade/" + iri[len(app.config["BASE"]):]
        links = ok(client, cascade + ".json").get_json()["links"]
        # a task no plan implements says so rather than showing an empty table
        assert ("Chưa có nhiệm vụ nào" in page(client, cascade)) == (not links), iri


def test_every_unit_page_counts_what_the_unit_list_counts(client):
    units = ok(client, "/units.json").get_json()["units"]
    assert len(units) == len(csv_rows(client, "/units.csv"))
    for unit in units:
        html = page(client, unit["href"])
        assert str(escape(unit["name"])) in html
        data = ok(client, unit["href"] + ".json").get_json()["unit"]
        assert (data["leads"], data["cooperates"]) == (unit["leads"], unit["cooperates"]), unit["href"]


def test_unit_page_of_the_science_department_lists_the_tasks_it_leads(client):
    unit = next(u for u in ok(client, "/units.json").get_json()["units"] if u["name"] == "Sở Khoa học và Công nghệ")
    data = ok(client, unit["href"] + ".json").get_json()["unit"]
    led = [task for _item, tasks in data["by_item"] for task in tasks if task["role"] == "lead"]
    assert len(led) == data["leads"] > 0
    # Mao Điền's appendix restates NQ 71 item 170 (the list of big problems) with the department as lead
    item_170 = dict(data["by_item"])["170"]
    assert any("bài toán lớn" in task["text"] for task in item_170)
    html = page(client, unit["href"])
    assert "bài toán lớn" in html


def test_every_indicator_page_compares_its_targets(app, client, iris):
    for iri in iris["indicator"]:
        data = ok(client, path_of(app, iri) + ".json").get_json()
        assert data["kind"] == "indicator"
        assert all(plan["indicator"] for plan in data["comparison"]["plans"])
        ok(client, path_of(app, iri))


def test_a_sample_of_task_pages_quotes_its_source(app, client, iris):
    sample = iris["task"][::10]
    assert len(sample) >= 30
    for iri in sample:
        data = ok(client, path_of(app, iri) + ".json").get_json()
        assert data["kind"] == "task"
        assert data["sources"] and data["sources"][0]["first"] >= 1, iri
        assert data["sources"][0]["file"] in page(client, path_of(app, iri))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_resources_of_each_kind_are_served_as_rdf(app, client, iris, kind):
    iri = URIRef(iris[kind][0])
    for accept, parser in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        answer = ok(client, path_of(app, iri), headers={"Accept": accept})
        assert answer.mimetype == accept
        graph = Graph().parse(data=answer.get_data(as_text=True), format=parser)
        assert (iri, RDF.type, URIRef(NQG + KINDS[kind])) in graph


# --- listings -------------------------------------------------------------------------------


def test_coverage_has_a_row_per_item_and_a_column_per_plan(app, client, iris):
    data = ok(client, "/coverage.json").get_json()
    assert {row["iri"] for row in data["items"]} == set(iris["nq71"])
    assert len(data["plans"]) == 6
    item_48 = next(row for row in data["items"] if row["item"] == "48")
    assert item_48["plans"] == 3  # Mao Điền's appendix, the culture department's and Hải Dương's plans
    # Mao Điền's appendix only copies the city's table: an item nobody else restates is not picked up,
    # as `nqgraph coverage` counts it
    assert "48" not in data["not_picked_up"] and "154" in data["not_picked_up"]
    assert data["not_picked_up"] == trace.coverage(app.extensions["nqgraph.reader"].store)["unpicked"]
    html = page(client, "/coverage")
    assert "Sở Văn hóa, Thể thao và Du lịch" in html
    assert len(csv_rows(client, "/coverage.csv")) == len(iris["nq71"])


def test_indicators_page_groups_restated_indicators(client, iris):
    rows = ok(client, "/indicators.json").get_json()["indicators"]
    assert 0 < len(rows) <= len(iris["indicator"])
    assert len(csv_rows(client, "/indicators.csv")) == len(rows)
    assert rows[0]["name"] in page(client, "/indicators")


def listing_rows(listing: str, data: dict) -> list[dict]:
    if listing == "items":
        return data["groups"] + data["nq71"] + [task for tasks in data["nq57"].values() for task in tasks]
    return data["items" if listing == "coverage" else listing]


@pytest.mark.parametrize("listing", ["plans", "units", "items", "indicators", "coverage"])
def test_listing_json_and_csv_agree(client, listing):
    rows = listing_rows(listing, ok(client, f"/{listing}.json").get_json())
    assert len(csv_rows(client, f"/{listing}.csv")) == len(rows) > 0
    ok(client, f"/{listing}")


def test_search_results_download(client):
    data = ok(client, "/search.json", query_string={"q": "số hóa"}).get_json()
    assert len(csv_rows(client, "/search.csv?q=s%E1%BB%91+h%C3%B3a")) == len(data["results"])


# --- monitoring questions and editor -------------------------------------------------------


def test_unit_leads_question_matches_the_unit_page(client):
    unit = next(u for u in ok(client, "/units.json").get_json()["units"] if u["name"] == "Sở Khoa học và Công nghệ")
    answer = ok(client, "/questions/unit-leads.json", query_string={"unit": unit["iri"]}).get_json()["results"]
    page_tasks = ok(client, unit["href"] + ".json").get_json()["unit"]["by_item"]
    assert {row["task"] for row in answer} == {t["task"]["iri"] for _n, tasks in page_tasks for t in tasks if t["role"] == "lead"}
    assert "Sở Khoa học và Công nghệ" in page(client, "/questions/unit-leads", query_string={"unit": unit["iri"]})


def test_overdue_question_as_of_a_date(client):
    rows = ok(client, "/questions/overdue-as-of.json", query_string={"as_of": "2026-01-01"}).get_json()["results"]
    assert rows and all(row["end"] < "2026-01-01" for row in rows)
    earlier = ok(client, "/questions/overdue-as-of.json", query_string={"as_of": "2025-06-01"}).get_json()["results"]
    assert len(earlier) < len(rows)
    ok(client, "/questions/overdue-as-of", query_string={"as_of": "2026-01-01"})


def test_items_without_lead_question(client, iris):
    rows = ok(client, "/questions/items-without-lead.json").get_json()["results"]
    assert {row["item"] for row in rows} <= set(iris["nq71"])
    ok(client, "/questions/items-without-lead")


def test_commune_targets_question(client):
    indicator = "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"
    assert str(escape(indicator)) in page(client, "/questions/commune-targets")  # offered in the form
    rows = ok(client, "/questions/commune-targets.json", query_string={"indicator": indicator, "year": "2030"}).get_json()["results"]
    # Mao Điền's appendix 1, "Đến năm 2030", row 1.3: 100 %; the values asked are not repeated
    assert [(row["level"], row["value"]) for row in rows] == [("commune", 100.0)]
    assert not {"indicator", "year"} & set(rows[0])
    assert plan_named(client, "Ủy ban nhân dân xã Mao Điền")["iri"] == rows[0]["plan"]


def test_every_example_of_the_editor_answers_on_the_corpus(client):
    for example in ok(client, "/index.json").get_json()["examples"]:
        query = (EXAMPLES / f"{example['name']}.rq").read_text(encoding="utf-8")
        answer = ok(client, "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json, text/turtle"})
        if answer.mimetype == "text/turtle":
            assert len(Graph().parse(data=answer.get_data(as_text=True), format="turtle")), example["name"]
        else:
            assert answer.get_json()["results"]["bindings"], example["name"]


def test_questions_list_and_editor(client):
    questions = page(client, "/questions")
    for name in ("unit-leads", "overdue-as-of", "items-without-lead", "commune-targets"):
        assert f"/questions/{name}" in questions
    editor = page(client, "/editor")
    assert "/sparql" in editor and "01-plans-by-level" in editor


def test_a_cited_resolution_shows_each_fact_once_in_words(client):
    """Every plan cites NQ 57; its page still gives one number, one date, one issuer (the
    reference text's, not a plan's OCR'd wording), and names vocabulary terms in words."""
    facts = {fact["curie"]: fact["values"] for fact in ok(client, "/id/resolution/57-NQ-TW.json").get_json()["facts"]}
    assert [v["value"] for v in facts["eli:number"]] == ["57-NQ/TW"]
    assert [v["value"] for v in facts["eli:date_document"]] == ["2024-12-22"]
    assert [v["value"] for v in facts["nqg:issuerName"]] == ["Bộ Chính trị"]
    assert [v["label"] for v in facts["eli:type_document"]] == ["Nghị quyết"]
    html = page(client, "/id/resolution/57-NQ-TW")
    assert "nqg:" not in re.sub(r'title="[^"]*"|href="[^"]*"', "", html)   # no property shown by its prefixed name


def test_search_results_come_in_pages_and_downloads_hold_them_all(client):
    first = ok(client, "/search.json?q=CĐS").get_json()
    assert first["total"] > 50 and len(ok(client, "/search.json?q=CĐS").get_json()["results"]) == first["total"]
    html = page(client, "/search?q=CĐS")
    hits = html.split('<ol class="hits">')[1].split("</ol>")[0]
    assert hits.count("<li>") == 50 and 'rel="next"' in html
    last = page(client, f"/search?q=CĐS&page={first['pages']}")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert len(csv_rows(client, "/search.csv?q=CĐS")) == first["total"]


def test_a_cascade_is_drawn_only_from_a_task(client):
    assert client.get("/cascade/resolution/71-NQ-CP/item/48").status_code == 200
    for path in ("/cascade/resolution/71-NQ-CP", "/cascade/unit/so-tu-phap", "/cascade/nothing/here"):
        assert client.get(path).status_code == 404, path


def test_an_indicator_page_compares_every_plan_that_restates_it(client):
    """NQ 57's cashless target, Mao Điền's table and Thanh Miện's OCR'd table state one indicator."""
    comparison = ok(client, "/id/resolution/57-NQ-TW/indicator/giao-dich-khong-dung-tien-mat.json").get_json()["comparison"]
    rows = {row["level"]: row for row in comparison["plans"]}
    assert len(comparison["plans"]) == 3 and set(rows) == {"national", "commune"}
    targets = sorted((row["plan"]["label"], row["targets"]["2030"]["value"], row["targets"]["2030"]["differs"])
                     for row in comparison["plans"])
    assert targets == [("Nghị quyết 57-NQ/TW", 80.0, False), ("Ủy ban nhân dân xã Mao Điền", 85.0, True),
                       ("Ủy ban nhân dân xã Thanh Miện 19/KH-UBND", 85.0, True)]
    listed = ok(client, "/indicators.json").get_json()["indicators"]
    assert next(row for row in listed if row["href"].endswith("giao-dich-khong-dung-tien-mat"))["plans"] == 2


def test_a_question_without_answers_says_so_and_a_bad_date_is_named(client):
    html = page(client, "/questions/overdue-as-of", query_string={"as_of": "2000-01-01"})
    assert "<th>" in html and "Không tìm thấy kết quả" in html
    assert csv_rows(client, "/questions/overdue-as-of.csv?as_of=2000-01-01") == []
    header = client.get("/questions/overdue-as-of.csv?as_of=2000-01-01").get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert "task" in header and "as_of" not in header
    refused = client.get("/questions/overdue-as-of", query_string={"as_of": "31/12/2025"})
    assert refused.status_code == 400 and "“31/12/2025” không phải là ngày" in refused.get_data(as_text=True)


def test_the_question_list_and_the_editor_have_json_twins(client):
    assert {q["name"] for q in ok(client, "/questions.json").get_json()["questions"]} >= {"overdue-as-of", "unit-leads"}
    assert ok(client, "/editor.json").get_json()["examples"]


def test_a_unit_page_downloads_what_it_shows_as_of_the_chosen_day(client, iris):
    unit = "/id/unit/so-khoa-hoc-va-cong-nghe"
    html = page(client, unit, query_string={"as_of": "2025-06-01"})
    assert f'{unit}.csv?as_of=2025-06-01' in html
    early = [row["overdue"] for row in csv_rows(client, f"{unit}.csv?as_of=2025-06-01")]
    late = [row["overdue"] for row in csv_rows(client, f"{unit}.csv?as_of=2030-01-01")]
    assert early.count("True") < late.count("True")
    assert client.get(unit, query_string={"as_of": "tomorrow"}).status_code == 400


def test_pages_say_what_they_vary_by(client):
    for path in ("/", "/id/resolution/57-NQ-TW"):
        assert {"Accept", "Cookie"} <= set(client.get(path).vary), path


def test_the_vocabulary_is_served_where_property_names_link(client):
    html = page(client, "/id/resolution/57-NQ-TW")
    assert 'href="/def#docType"' in html
    vocabulary = page(client, "/def")
    assert 'id="docType"' in vocabulary and "Loại văn bản" in vocabulary
    turtle = client.get("/def", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle" and (URIRef(NQG + "Plan"), RDF.type, None) in Graph().parse(data=turtle.get_data(as_text=True), format="turtle")


def test_the_units_list_counts_what_the_home_page_counts(client):
    units = ok(client, "/units.json").get_json()["units"]
    assert sum(not unit["collective"] for unit in units) == ok(client, "/index.json").get_json()["counts"]["Unit"]
    assert any(unit["collective"] and unit["name"].startswith("Các sở, ban, ngành") for unit in units)


def test_a_derivation_is_named_by_what_it_derives_from(client):
    derivation = "/id/plan/ubnd-xa-mao-dien/undated/thuc-hien-ke-hoach-hanh-dong-so-12-kh-tu-ngay-26/task/phu-luc-3-iii-row-81/derivation/resolution-71-nq-cp-item-81"
    html = page(client, derivation)
    assert "<h1>→ 81</h1>" in html and "kind-derivation" in html
