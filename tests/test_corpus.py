"""The bundled corpus, built by the real pipeline, answers what users ask of it.

Expected values come from the hand-read files (``expected_body``,
``expected_assignments``, ``expected_indicators``); nothing here was copied
from the program's output.
"""

import json

import pytest

from graph import queries
from graph.store import OxigraphStore
from service.cli import main
from tests.expected_assignments import GROUP_ROWS, NQ71_ROWS, P001, P002
from tests.expected_body import SEEDS
from tests.expected_indicators import TABLES


@pytest.fixture(scope="module")
def store(corpus):
    store = OxigraphStore(corpus[0], read_only=True)
    yield store
    store.close()


def cli_json(capsys, corpus, *argv):
    assert main([*argv, "--json", "--store", corpus[0]]) == 0
    return json.loads(capsys.readouterr().out)


def per_document(store, rdf_class: str) -> dict[str, int]:
    rows = store.query("PREFIX nqg: <https://nqgraph.org/def#> SELECT ?doc (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a %s ; nqg:source/nqg:sourceDocument ?doc }"
                       " GROUP BY ?doc" % rdf_class)
    return {str(row["doc"]): int(row["n"]) for row in rows}


def test_the_corpus_builds_without_errors_or_shape_violations(corpus):
    from graph.validate import validate

    path, summary = corpus
    assert summary.errors == [] and summary.documents == 5
    store = OxigraphStore(path, read_only=True)
    try:
        assert validate(store).conforms
    finally:
        store.close()


def test_every_task_and_indicator_of_the_seeds_is_in_the_graph(store):
    tasks, indicators = per_document(store, "nqg:PlanTask"), per_document(store, "nqg:Indicator")
    for seed in SEEDS.values():
        name = seed["file"]
        rows = sum(sum(groups.values()) for (file, _), groups in GROUP_ROWS.items() if file == name)
        assert tasks.get(name, 0) == sum(seed["groups"].values()) + rows, name
        expected = sum(table["count"] for (file, _), table in TABLES.items() if file == name)
        assert indicators.get(name, 0) == expected, name


def test_every_printed_nq71_item_traces_to_its_stated_row_and_lead_units(capsys, corpus):
    for item, (nq57, lead, deadline, start) in NQ71_ROWS.items():
        answer = cli_json(capsys, corpus, "trace", item)
        assert answer["item"] == item and answer["nq57"] == [nq57]
        stated = [link for link in answer["links"] if link["kind"] == "stated"]
        assert [link["source"]["document"] for link in stated] == [P001], item
        assert stated[0]["task"]["text"].startswith(start) and stated[0]["deadline"]["text"] == deadline
        assert bool(stated[0]["lead"]) == bool(lead), item


@pytest.mark.parametrize("item, leads", [
    ("7", ["Sở Khoa học và Công nghệ"]),
    ("82", ["Sở Khoa học và Công nghệ", "Ban Quản lý Khu kinh tế Hải Phòng"]),
    ("147 (11)", ["Sở Tài chính", "Công an thành phố Hải Phòng"]),
    ("154", ["Sở Tư pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường"]),
])
def test_lead_units_are_canonical_names(capsys, corpus, item, leads):
    [stated] = [link for link in cli_json(capsys, corpus, "trace", item)["links"] if link["kind"] == "stated"]
    assert sorted(stated["lead"]) == sorted(leads)


def test_item_48_reaches_the_department_and_the_ward_through_the_city_row(capsys, corpus):
    answer = cli_json(capsys, corpus, "trace", "48")
    by_document = {link["source"]["document"]: link for link in answer["links"]}
    city_row = by_document[P001]["task"]["iri"]
    department = by_document[P002]
    assert department["kind"] == "inferred" and department["via"] == [city_row]
    assert set(department["lead"]) == {"Văn phòng", "Bộ phận tiếp nhận và giải quyết TTHC"}
    assert department["deadline"] == {"text": "Tháng 9/2025", "start": "2025-09-01", "end": "2025-09-30",
                                      "kind": "date"}
    ward = by_document["003_c190c98b621f42d7.txt"]
    assert ward["plan"]["level"] == "ward" and ward["task"]["number"] == "2.4" and 0 < ward["score"] <= 1


def test_the_trace_query_gives_the_same_tasks_as_the_command(capsys, corpus, store):
    from ontology import ids

    answer = cli_json(capsys, corpus, "trace", "48")
    found = {str(row["task"]) for row in queries.rows(store, "trace", item=ids.nq71_item("48"))}
    assert found == {link["task"]["iri"] for link in answer["links"]}


def test_a_single_nq57_task_is_carried_by_what_cascades_the_range_it_is_printed_in(capsys, corpus):
    from ontology import ids

    whole = cli_json(capsys, corpus, "trace", str(ids.nq57_task("7-8")))
    single = cli_json(capsys, corpus, "trace", str(ids.nq57_task("8")))
    assert whole["links"] and [l["task"] for l in single["links"]] == [l["task"] for l in whole["links"]]
    assert all(l["via"][0] == str(ids.nq57_task("7-8")) for l in single["links"])


def test_the_ocr_plan_speaks_with_diacritics(capsys, corpus):
    tasks = cli_json(capsys, corpus, "tasks", "--plan", "19/KH-UBND")
    leads = {name for task in tasks for name in task["lead"]}
    assert "Phòng Văn hóa - Xã hội" in leads and "Phòng Kinh tế" in leads
    # The OCR prints the commune's name "Thanh Mien" / "Thanh Mién": the administrative register spells it.
    assert {task["plan"]["issuer"] for task in tasks} == {"Ủy ban nhân dân xã Thanh Miện"}


def test_coverage_names_the_items_no_plan_of_its_own_takes_up(capsys, corpus):
    answer = cli_json(capsys, corpus, "coverage")
    assert set(NQ71_ROWS) <= {row["item"] for row in answer["items"]}
    assert "48" not in answer["unpicked"] and set(answer["unpicked"]) < {row["item"] for row in answer["items"]}


def test_workload_counts_what_each_unit_leads_and_the_items_it_carries(capsys, corpus):
    answer = cli_json(capsys, corpus, "workload", "--top", "5")
    busiest = answer["units"][0]
    assert busiest["name"] == "Sở Khoa học và Công nghệ"
    led_alone = {item for item, (_, lead, _, _) in NQ71_ROWS.items() if lead == "Sở Khoa học và Công nghệ"}
    assert led_alone <= set(busiest["items"])
    assert len(answer["central_tasks"]) == 5 and all(task["centrality"] > 0 for task in answer["central_tasks"])


def test_a_plan_is_found_by_its_issuers_name_typed_without_diacritics(capsys, corpus):
    rows = cli_json(capsys, corpus, "tasks", "--plan", "thanh mien")
    seed = SEEDS["004"]
    expected = sum(seed["groups"].values()) + sum(sum(groups.values()) for (file, _), groups in GROUP_ROWS.items()
                                                  if file == seed["file"])
    assert len(rows) == expected and {row["source"]["document"] for row in rows} == {seed["file"]}
