"""The explorer pages, through Flask's test client, on the fixture graph."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from service.app import create_app
from tests.service_fixture import (
    BASE, CITY_INDICATOR, CITY_PLAN, CITY_TASK, COMMUNE_PLAN, COMMUNE_TASK, DOST, ITEM_48, ITEM_90, fixture_store,
)

NQG = "https://nqgraph.org/def#"
ELI = "http://data.europa.eu/eli/ontology#"
HOSTILE_PLAN = BASE + "plan/hostile/2025/1-KH-UBND"


def hostile_graph() -> Graph:
    """A plan whose title and task carry markup, as a careless PDF extraction could."""
    graph = Graph()
    plan = URIRef(HOSTILE_PLAN)
    graph.add((plan, RDF.type, URIRef(NQG + "Plan")))
    graph.add((plan, URIRef(ELI + "number"), Literal("1/KH-UBND")))
    graph.add((plan, URIRef(ELI + "title"), Literal('Kế hoạch <script>alert("x")</script>')))
    graph.add((plan, RDFS.label, Literal("<b>Kế hoạch 1</b>", lang="vi")))
    return graph


@pytest.fixture(scope="module")
def app():
    return create_app(fixture_store(("https://nqgraph.org/id/graph/hostile.txt", hostile_graph())))


@pytest.fixture
def client(app):
    return app.test_client()


def path_of(iri: str) -> str:
    return "/id/" + iri[len(BASE):]


def text_of(response) -> str:
    return response.get_data(as_text=True)


# --- home and language ------------------------------------------------------------------------


def test_home_shows_counts_and_example_questions(client):
    page = text_of(client.get("/"))
    assert re.search(r"<strong>3</strong>\s*Kế hoạch", page)  # the two fixture plans and the hostile one
    assert re.search(r"<strong>2</strong>\s*Nhiệm vụ NQ 71", page)
    assert "/editor?query=" in page
    data = client.get("/index.json").get_json()
    assert data["counts"]["ProgrammeItem"] == 2
    assert all(example["vi"] and example["en"] for example in data["examples"])


def test_english_is_chosen_by_parameter_and_remembered(client):
    first = client.get("/plans?lang=en")
    assert "<h1>Plans</h1>" in text_of(first)
    assert "lang=en" in first.headers["Set-Cookie"]
    assert "<h1>Plans</h1>" in text_of(client.get("/plans"))
    assert "<h1>Kế hoạch</h1>" in text_of(client.get("/plans?lang=vi"))


# --- search -------------------------------------------------------------------------------------


def hits(client, query, **filters):
    return [hit["iri"] for hit in client.get("/search.json", query_string={"q": query, **filters}).get_json()["results"]]


def test_search_ignores_diacritics_and_case(client):
    found = hits(client, "so hoa")
    assert CITY_TASK in found and COMMUNE_TASK in found and ITEM_48 in found
    assert hits(client, "SỐ HÓA") == found


def test_search_spells_out_abbreviations_both_ways(client):
    assert CITY_PLAN in hits(client, "CĐS")  # its title says "chuyển đổi số"
    assert DOST in hits(client, "sở KHCN")
    assert DOST in hits(client, "so khoa hoc va cong nghe")
    assert CITY_TASK in hits(client, "TTHC")  # the task says "thủ tục hành chính"


def test_search_ranks_the_closest_wording_first(client):
    assert hits(client, "số hóa hồ sơ thủ tục hành chính của xã")[0] == COMMUNE_TASK


def test_search_facets_narrow_the_results(client):
    data = client.get("/search.json", query_string={"q": "so hoa"}).get_json()
    levels = {facet["value"]: facet["count"] for facet in data["facets"]["level"]}
    assert levels == {"city": 1, "commune": 1}
    assert hits(client, "so hoa", level="commune") == [COMMUNE_TASK]
    assert hits(client, "so hoa", link="inferred") == [COMMUNE_TASK]
    assert hits(client, "so hoa", unit=DOST) == [CITY_TASK]
    assert hits(client, "so hoa", year="2025") == [CITY_TASK]


def test_a_document_number_goes_straight_to_the_document(client):
    answer = client.get("/search", query_string={"q": "238/KH-UBND"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == path_of(CITY_PLAN)
    assert client.get("/search", query_string={"q": "71/NQ-CP"}).headers["Location"] == "/id/resolution/71-NQ-CP"
    # a document known only because a plan cites it, its number typed loosely
    assert client.get("/search", query_string={"q": "142-KH/UBND"}).headers["Location"] == "/id/document/142-KH-UBND/2025"


def test_search_page_lists_hits_with_links(client):
    page = text_of(client.get("/search", query_string={"q": "so hoa"}))
    assert f'href="{path_of(COMMUNE_TASK)}"' in page
    assert "Đẩy mạnh số hóa hồ sơ" in page


# --- resource pages and negotiation -------------------------------------------------------------


def test_task_page_quotes_its_source_and_links_its_units(client):
    page = text_of(client.get(path_of(CITY_TASK)))
    assert "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\ntrên địa bàn thành phố" in page
    assert "city_238.txt" in page and "410–414" in page
    assert f'href="{path_of(DOST)}">Sở Khoa học và Công nghệ</a>' in page
    assert f'href="{path_of(ITEM_48)}"' in page


def test_plan_page_lists_its_tasks_with_units_and_links(client):
    tasks = client.get(path_of(CITY_PLAN) + ".json").get_json()["tasks"]
    assert [t["task"]["iri"] for t in tasks] == [CITY_TASK]
    assert [u["iri"] for u in tasks[0]["lead"]] == [DOST]
    assert [u["iri"] for u in tasks[0]["upstream"]] == [ITEM_48] and tasks[0]["links"] == ["stated"]


def test_plan_and_unit_tables_download_as_csv(client):
    plan_rows = list(csv.DictReader(io.StringIO(text_of(client.get(path_of(CITY_PLAN) + ".csv")).lstrip("\ufeff"))))
    assert [(row["number"], row["lead"], row["task"]) for row in plan_rows] == [("1", "Sở Khoa học và Công nghệ", CITY_TASK)]
    unit_rows = list(csv.DictReader(io.StringIO(text_of(client.get(path_of(DOST) + ".csv", query_string={"as_of": "2026-01-01"})).lstrip("\ufeff"))))
    assert [(row["nq71_number"], row["role"], row["overdue"]) for row in unit_rows] == [("48", "lead", "True")]


def test_incoming_links_are_counted(client):
    data = client.get(path_of(DOST) + ".json").get_json()
    incoming = {link["curie"]: link["count"] for link in data["incoming"]}
    assert incoming == {"nqg:lead": 1, "nqg:monitoringUnit": 1}


@pytest.mark.parametrize(
    "accept, suffix, parser",
    [("text/turtle", ".ttl", "turtle"), ("application/ld+json", ".jsonld", "json-ld"), ("application/n-triples", ".nt", "nt")],
)
def test_resources_are_served_as_rdf_by_accept_and_by_suffix(client, accept, suffix, parser):
    by_accept = client.get(path_of(CITY_TASK), headers={"Accept": accept})
    by_suffix = client.get(path_of(CITY_TASK) + suffix)
    assert by_accept.mimetype == by_suffix.mimetype == accept
    for answer in (by_accept, by_suffix):
        graph = Graph().parse(data=text_of(answer), format=parser)
        assert (URIRef(CITY_TASK), URIRef(NQG + "lead"), URIRef(DOST)) in graph
        # the task's own parts come along: its deadline and source span
        assert (URIRef(CITY_TASK + "/deadline"), URIRef(NQG + "text"), Literal("Tháng 9/2025")) in graph
        assert (URIRef(CITY_TASK + "/source"), URIRef(NQG + "firstLine"), None) in graph


def test_a_browser_gets_html_and_an_unknown_iri_gets_404(client):
    assert client.get(path_of(CITY_TASK), headers={"Accept": "text/html,*/*;q=0.8"}).mimetype == "text/html"
    assert client.get("/id/plan/nowhere/2025/1-KH-UBND").status_code == 404
    assert client.get("/id/plan/nowhere/2025/1-KH-UBND.ttl").status_code == 404


ODD_INPUT = {
    "/id/a%20b": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/id/%22": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/id/%3C": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/id/%5C": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/id/%7B": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/id/%00": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/cascade/a%22b": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/questions/nothing-asked": (404, "Không tìm thấy tài nguyên này", "No such resource"),
    "/questions/unit-leads?unit=a%20b": (400, "“a b” không phải là một đơn vị", "“a b” is not a unit"),
    "/questions/overdue-as-of?as_of=31/12/2025": (400, "“31/12/2025” không phải là ngày", "“31/12/2025” is not a date"),
    "/search?q=so&page=%C2%B2": (400, "“²” không phải là số trang", "“²” is not a page number"),
    "/search?q=so&page=0": (400, "“0” không phải là số trang", "“0” is not a page number"),
    "/def?format=bogus": (400, "Không có định dạng “bogus”", "There is no format “bogus”"),
}


@pytest.mark.parametrize("path", ODD_INPUT)
def test_odd_input_is_refused_in_the_page_language(client, path):
    status, vietnamese, english = ODD_INPUT[path]
    answer = client.get(path)
    assert answer.status_code == status and vietnamese in text_of(answer)
    answer = client.get(path + ("&" if "?" in path else "?") + "lang=en")
    assert answer.status_code == status and english in text_of(answer)


def test_pages_send_security_headers(client):
    for path in ("/", "/editor", "/sparql?query=ASK%7B%7D", path_of(CITY_PLAN) + ".ttl", "/id/nothing/here"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path


def test_a_resource_ending_in_a_number_is_not_taken_for_a_suffix(client):
    # task keys such as "iii-1.1" end in ".1": no format, the resource itself
    assert client.get(path_of(COMMUNE_TASK)).status_code == 200


def test_document_pages_embed_schema_org(client):
    page = text_of(client.get(path_of(CITY_PLAN)))
    embedded = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert embedded["@type"] == "Legislation"
    assert embedded["legislationIdentifier"] == "238/KH-UBND"
    assert embedded["legislationDate"] == "2025-09-13"


def test_document_strings_are_escaped(client):
    page = text_of(client.get(path_of(HOSTILE_PLAN)))
    assert "<script>alert" not in page and "<b>Kế hoạch 1</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    listing = text_of(client.get("/plans"))
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "</script" not in embedded and "<b>" not in embedded


# --- cascade, unit, coverage, indicators ------------------------------------------------------


def test_cascade_shows_stated_and_inferred_links(client):
    data = client.get("/cascade/resolution/71-NQ-CP/item/48.json").get_json()
    kinds = {link["task"]["iri"]: link["kind"] for link in data["links"]}
    assert kinds == {CITY_TASK: "stated", COMMUNE_TASK: "inferred"}
    via = {link["task"]["iri"]: link["via"] for link in data["links"]}
    assert via[COMMUNE_TASK] == CITY_TASK
    page = text_of(client.get("/cascade/resolution/71-NQ-CP/item/48"))
    elements = json.loads(re.search(r'<script type="application/json" id="cascade-data">(.*?)</script>', page, re.S).group(1))
    edges = {(e["data"]["source"], e["data"]["target"]): e["data"]["kind"] for e in elements if "source" in e["data"]}
    assert edges[(CITY_TASK, COMMUNE_TASK)] == "inferred"
    assert edges[(ITEM_48, CITY_TASK)] == "stated"
    assert edges[(CITY_TASK, DOST)] == "lead"
    assert f'href="{path_of(DOST)}"' in page  # the table links the unit too


def test_cascade_below_an_nq57_task_passes_through_its_nq71_item(client):
    data = client.get("/cascade/resolution/57-NQ-TW/task/1-3.json").get_json()
    via = {link["task"]["iri"]: link["via"] for link in data["links"]}
    assert via == {CITY_TASK: ITEM_48, COMMUNE_TASK: CITY_TASK}


def test_cascade_csv_has_one_row_per_task(client):
    page = text_of(client.get("/cascade/resolution/71-NQ-CP/item/48"))
    assert 'href="/cascade/resolution/71-NQ-CP/item/48.csv"' in page
    rows = list(csv.DictReader(io.StringIO(text_of(client.get("/cascade/resolution/71-NQ-CP/item/48.csv")).lstrip("\ufeff"))))
    assert sorted(row["task"] for row in rows) == sorted([CITY_TASK, COMMUNE_TASK])
    assert {row["kind"] for row in rows} == {"stated", "inferred"}


def test_unit_page_lists_its_tasks_and_what_is_overdue(client):
    late = client.get(path_of(DOST) + ".json", query_string={"as_of": "2026-01-01"}).get_json()["unit"]
    assert late["leads"] == 1
    assert [task["task"]["iri"] for task in late["overdue"]] == [CITY_TASK]
    on_time = client.get(path_of(DOST) + ".json", query_string={"as_of": "2025-09-15"}).get_json()["unit"]
    assert on_time["overdue"] == []
    assert [number for number, _ in on_time["by_item"]] == ["48"]


def test_coverage_shows_items_nobody_picked_up(client):
    data = client.get("/coverage.json").get_json()
    assert data["not_picked_up"] == ["90"]
    item48 = next(row for row in data["items"] if row["item"] == "48")
    assert item48[CITY_PLAN] == 1 and item48[COMMUNE_PLAN] == 1
    assert 'class="heat heat-0"' in text_of(client.get("/coverage"))


def test_indicator_page_compares_targets_across_plans(client):
    comparison = client.get(path_of(CITY_INDICATOR) + ".json").get_json()["comparison"]
    assert comparison["years"] == ["2025", "2030"]
    by_plan = {row["plan"]["iri"]: row["targets"] for row in comparison["plans"]}
    assert by_plan[CITY_PLAN]["2030"] == {"text": "100%", "value": 100.0, "differs": False}
    assert by_plan[COMMUNE_PLAN]["2030"]["differs"] is True
    page = text_of(client.get(path_of(CITY_INDICATOR)))
    assert 'class="num differs"' in page and "targets-chart" in page


# --- downloads, questions, editor --------------------------------------------------------------


def test_tables_download_as_csv_and_json(client):
    answer = client.get("/plans.csv")
    assert answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text_of(answer).lstrip("\ufeff"))))
    assert {row["number"] for row in rows} == {"238/KH-UBND", "19/KH-UBND", "1/KH-UBND"}
    assert {row["iri"] for row in client.get("/plans.json").get_json()["plans"]} == {CITY_PLAN, COMMUNE_PLAN, HOSTILE_PLAN}
    assert client.get("/plans", query_string={"format": "json"}).is_json
    search_csv = text_of(client.get("/search.csv", query_string={"q": "so hoa"}))
    assert COMMUNE_TASK in search_csv


@pytest.mark.parametrize(
    "page",
    ["/", "/search?q=so+hoa", "/plans", "/units", "/items", "/indicators", "/coverage",
     "/cascade/resolution/71-NQ-CP/item/48", "/questions/items-without-lead", "/id/unit/so-khoa-hoc-va-cong-nghe"],
)
def test_every_download_link_of_a_page_answers(client, page):
    footer = text_of(client.get(page)).split("<footer>", 1)[1]
    links = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+\.(?:json|csv|ttl|jsonld|nt|rdf)(?:\?[^"]*)?)"', footer)]
    assert links, page
    for href in links:
        answer = client.get(href)
        assert answer.status_code == 200, href
        assert answer.mimetype in ("application/json", "text/csv", "text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"), href


def test_monitoring_question_with_a_unit_parameter(client):
    data = client.get("/questions/unit-leads.json", query_string={"unit": DOST}).get_json()
    assert [row["task"] for row in data["results"]] == [CITY_TASK]
    page = text_of(client.get("/questions/unit-leads", query_string={"unit": DOST}))
    assert "Sở Khoa học và Công nghệ" in page  # offered in the form's list


def test_monitoring_questions_overdue_and_without_lead(client):
    overdue = client.get("/questions/overdue-as-of.json", query_string={"as_of": "2025-12-31"}).get_json()
    assert [row["task"] for row in overdue["results"]] == [CITY_TASK]
    assert client.get("/questions/overdue-as-of.json", query_string={"as_of": "2025-01-01"}).get_json()["results"] == []
    without = client.get("/questions/items-without-lead.json").get_json()
    assert [row["number"] for row in without["results"]] == ["90"]
    rows = list(csv.reader(io.StringIO(text_of(client.get("/questions/items-without-lead.csv")).lstrip("\ufeff"))))
    assert rows[1][0] == ITEM_90


def test_commune_targets_question(client):
    data = client.get(
        "/questions/commune-targets.json",
        query_string={"indicator": "Tỷ lệ dịch vụ công trực tuyến toàn trình", "year": "2030"},
    ).get_json()
    assert {(row["plan"], row["text"]) for row in data["results"]} == {(CITY_PLAN, "100%"), (COMMUNE_PLAN, "≥ 90")}


def test_editor_page_loads_yasgui_with_the_examples(client):
    page = text_of(client.get("/editor"))
    assert "/vendor/@zazuko/yasgui/build/yasgui.min.js" in page
    assert "PREFIX nqg: &lt;https://nqgraph.org/def#&gt;" in page  # example text, escaped inside a textarea


def test_missing_browser_packages_are_explained(tmp_path):
    app = create_app(fixture_store(), {"NODE_MODULES": str(tmp_path)})
    client = app.test_client()
    assert "npm ci" in text_of(client.get("/editor"))
    assert "npm ci" in text_of(client.get("/cascade/resolution/71-NQ-CP/item/48"))
    assert client.get("/vendor/cytoscape/dist/cytoscape.min.js").status_code == 404
    assert client.get("/vendor/../pyproject.toml").status_code == 404
