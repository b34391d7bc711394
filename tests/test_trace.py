"""Tracing the cascade on a hand-made graph (tests/data/cascade.trig) and its inferred links."""

from datetime import date

import pytest
from rdflib import Literal, URIRef

from graph import queries, trace, trace_index
from graph.indexes import replace_indexes
from graph.links import infer_links
from graph.search import SearchIndex
from graph.store import NotFound, OxigraphStore
from tests.test_links import load_cascade

ID = "https://nqgraph.org/id/"
COMMUNE = ID + "plan/ubnd-xa-an-lac/2025/12-KH-UBND/task/"
DEPARTMENT = ID + "plan/so-van-hoa/2025/2025-09-10/task/"
WARD = ID + "plan/ubnd-phuong-binh-minh/2025/19-KH-UBND/task/"


@pytest.fixture(scope="module")
def store():
    store = load_cascade()
    store.replace_graph(URIRef(ID + "graph/links"), infer_links(store).graph)
    replace_indexes(store)
    return store


def test_trace_lists_the_stated_row_and_the_tasks_that_restate_it(store):
    answer = trace.trace_item(store, "48")
    assert answer["item"] == "48" and answer["nq57"] == ["7-8"]
    assert answer["text"].startswith("Hoàn thành số hóa quy trình nghiệp vụ nội bộ")
    links = {link["task"]["iri"]: link for link in answer["links"]}
    assert list(links) == [COMMUNE + "pl3-7", DEPARTMENT + "b-3", WARD + "iii-2.4"]   # city, department, ward

    row = links[COMMUNE + "pl3-7"]
    assert (row["kind"], row["score"], row["via"], row["level"]) == ("stated", 1.0, [], "city")
    city = {"iri": ID + "plan/ubnd-xa-an-lac/2025/12-KH-UBND/reproduced/1",
            "issuer": "Ủy ban nhân dân thành phố Hải Phòng", "level": "city"}
    assert row["plan"] == city, "a reproduced row is the city plan's task"
    assert row["lead"] == ["Sở Khoa học và Công nghệ"]
    assert row["deadline"] == {"text": "Tháng 9/2025", "start": "2025-09-01", "end": "2025-09-30", "kind": "date"}
    assert row["source"] == {"document": "commune.txt", "lines": [2822, 2883]}

    copy = links[DEPARTMENT + "b-3"]
    assert (copy["kind"], copy["via"]) == ("inferred", [COMMUNE + "pl3-7"])
    assert (copy["lead"], copy["cooperating"]) == (["Văn phòng Sở"], ["Phòng Quản lý Văn hóa và Gia đình"])
    ocr = links[WARD + "iii-2.4"]
    assert ocr["kind"] == "inferred" and 0.7 < ocr["score"] < 1 and ocr["lead"] == ["Phòng Văn hóa - Xã hội"]


def test_trace_query_finds_the_same_tasks(store):
    for item in ("48", "90", "147 (8)"):
        by_query = {row["task"] for row in queries.select(store, "trace", itemNumber=Literal(item))}
        assert by_query == {link["task"]["iri"] for link in trace.trace_item(store, item)["links"]}


def test_sub_item_numbers_are_traced_as_printed(store):
    answer = trace.trace_item(store, "147 (8)")
    assert [link["task"]["number"] for link in answer["links"]] == ["18"]



def test_what_the_graph_does_not_hold_is_refused_not_answered_empty(store):
    with pytest.raises(NotFound, match="no NQ 71 item '999'"):
        trace.trace_item(store, "999")
    with pytest.raises(NotFound, match="no task"):
        trace.trace_task(store, ID + "nothing", up=True)
    with pytest.raises(NotFound, match="no unit named"):
        trace.trace_unit(store, "Bộ Ngoại giao xyz")


def test_trace_up_reaches_nq57(store):
    answer = trace.trace_task(store, WARD + "iii-2.4", up=True)
    assert [link["task"]["iri"] for link in answer["links"]] == [COMMUNE + "pl3-7"]
    upstream = {node["iri"]: node for node in answer["upstream"]}
    assert set(upstream) == {ID + "resolution/71-NQ-CP/item/48", ID + "resolution/57-NQ-TW/task/7-8"}
    assert upstream[ID + "resolution/57-NQ-TW/task/7-8"]["via"] == [COMMUNE + "pl3-7", ID + "resolution/71-NQ-CP/item/48"]
    assert [(node["kind"], node["number"]) for node in answer["upstream"]] == [("NQ 71 item", "48"), ("NQ 57 task", "7-8")]
    down = trace.trace_task(store, COMMUNE + "pl4-ii-2")
    assert [link["task"]["iri"] for link in down["links"]] == [DEPARTMENT + "d-6"]


def test_coverage_matrix_and_items_no_plan_takes_up(store):
    answer = trace.coverage(store)
    plans = [p["iri"] for p in answer["plans"]]
    rows = {row["item"]: row["plans"] for row in answer["items"]}
    department, ward, commune, city = plans
    assert city == ID + "plan/ubnd-xa-an-lac/2025/12-KH-UBND/reproduced/1"
    assert rows["48"] == {department: "inferred", ward: "inferred", commune: "absent", city: "stated"}
    assert rows["90"] == {department: "stated", ward: "absent", commune: "absent", city: "absent"}
    # 147 (8) is only in the city's table the commune reproduces.
    assert answer["unpicked"] == ["147 (8)"]
    assert "147 (8)" in trace.render_coverage(answer)


def test_overdue_per_lead_unit(store):
    answer = trace.overdue(store, date(2025, 10, 15))
    assert answer["count"] == 3
    by_unit = {unit["unit"]: [t["number"] for t in unit["tasks"]] for unit in answer["units"]}
    assert by_unit == {"Sở Khoa học và Công nghệ": ["7-8"], "Văn phòng HĐND và UBND xã": ["1.1"], "Văn phòng Sở": ["3"]}
    early = trace.overdue(store, date(2025, 8, 1))
    assert [t["number"] for u in early["units"] for t in u["tasks"]] == ["1.1"]


def test_unit_trace_covers_its_divisions_and_finds_names_without_diacritics(store):
    answer = trace.trace_unit(store, "so van hoa")
    assert answer["unit"]["iri"] == ID + "unit/so-van-hoa"
    items = {entry["task"]["number"]: entry["items"] for entry in answer["lead"]}
    assert items == {"3": ["48"], "5": ["90"], "6": [], "9": []}
    assert [entry["task"]["number"] for entry in answer["cooperating"]] == ["3"]


def test_rendered_trace_is_grouped_by_level(store):
    text = trace.render_trace(trace.follow_item(store, "48"))
    assert text.index("Thành phố") < text.index("Sở, ngành") < text.index("Phường")
    assert "inferred 1.000" in text and "source: ward.txt:187-195" in text


def test_cascade_graph_reachability_workload_and_graphml(store, tmp_path):
    import networkx as nx

    from graph.cascade import cascade_graph, central_tasks, reachable, unit_workload, write_graphml

    graph = cascade_graph(store)
    below = reachable(graph, ID + "resolution/57-NQ-TW/task/7-8")
    assert {ID + "resolution/71-NQ-CP/item/48", COMMUNE + "pl3-7", DEPARTMENT + "b-3", WARD + "iii-2.4"} <= below
    assert ID + "unit/so-van-hoa/van-phong" in below and DEPARTMENT + "g-9" not in below

    workload = {row["name"]: row for row in unit_workload(graph)}
    office = workload["Văn phòng Sở"]
    assert (office["lead"], office["cooperating"], office["items"]) == (2, 0, ["48"])
    assert workload["Phòng Quản lý Văn hóa và Gia đình"]["items"] == ["48", "90"]

    # Every chain from item 48 to the lower plans runs through the city's row.
    assert central_tasks(graph, top=1)[0][0] == COMMUNE + "pl3-7"

    path = tmp_path / "cascade.graphml"
    write_graphml(store, path)
    again = nx.read_graphml(path)
    assert again.number_of_edges() == graph.number_of_edges()
    assert again.nodes[COMMUNE + "pl3-7"]["level"] == "city"


def test_command_line_trace_coverage_and_overdue(store, tmp_path, capsys):
    import json

    from graph.store import OxigraphStore
    from service.cli import main

    with OxigraphStore(tmp_path / "store") as on_disk:
        for graph_iri in store.graphs():
            on_disk.replace_graph(graph_iri, [(s, p, o) for s, p, o, g in store.quads() if g == graph_iri])
    where = ["--store", str(tmp_path / "store")]

    assert main(["trace", "48", "--json", *where]) == 0
    listed = {link["task"]["iri"] for link in json.loads(capsys.readouterr().out)["links"]}
    assert listed == {row["task"] for row in queries.select(store, "trace", itemNumber=Literal("48"))}

    assert main(["trace", "48", *where]) == 0
    assert "Sở, ngành / department" in capsys.readouterr().out
    assert main(["coverage", *where]) == 0
    assert "taken up by no plan below the city's: 147 (8)" in capsys.readouterr().out
    assert main(["overdue", "--as-of", "2025-10-15", *where]) == 0
    assert capsys.readouterr().out.startswith("3 task(s) past their deadline on 2025-10-15")
    assert main(["overdue", "--as-of", "15/10/2025", *where]) == 2
    assert main(["trace", "--unit", "Phong Van hoa - Xa hoi", *where]) == 0
    assert "2.4" in capsys.readouterr().out


def test_the_index_holds_what_a_trace_reads_as_the_store_gives_it(corpus, monkeypatch):
    """A trace reads its edges and its tasks' facts from the index file the build wrote: they must be
    the store's, and so must every answer."""
    store = OxigraphStore(corpus[0], read_only=True)
    try:
        index = SearchIndex.file(store)
        every = trace_index.task_infos(store)
        assert len(every) == 312
        assert trace_index.read_task_facts(index, every) == every
        stored = trace_index.edges(store)
        nodes = {edge.upstream for edge in stored}
        assert sorted(trace_index.read_edges(index, nodes), key=repr) == sorted(stored, key=repr)
        upstream = {edge.task for edge in stored}
        assert sorted(trace_index.read_edges(index, upstream, up=True), key=repr) == sorted(stored, key=repr)
        ranges = trace_index.ranges(store)
        assert ranges and set(trace_index.read_edges(index, {edge.upstream for edge in ranges})) >= set(ranges)
        indexed = [trace.follow_item(store, item) for item in ("48", "90", "147 (8)")]
        monkeypatch.setattr(SearchIndex, "file", classmethod(lambda cls, store: None))
        assert [trace.follow_item(store, item) for item in ("48", "90", "147 (8)")] == indexed
        assert any(answer.links for answer in indexed)
    finally:
        store.close()
