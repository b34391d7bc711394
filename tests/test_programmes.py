"""Government action programmes read as what they are, in every layout, whole or in parts.

The documents are written for the tests (``tests.programmes``): NQ 71's form
as the text layer of a PDF (``tests/data/programmes/nq71-pdf-text.txt``), as
DOCX, HTML and PDF, its task list alone as a legal portal serves it
(``nq71-phu-luc-ii-portal.html``), and the NQ 03 it replaces and renumbers.
Loaded beside the bundled plans, its items become the NQ 71 items those plans
quote, described once, with the programme's text and lead body.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal

from graph import queries, trace
from graph.build import build
from graph.queries import with_prefixes
from graph.store import OxigraphStore
from graph.validate import validate
from loaders.parse import parse
from loaders.read import read_document
from ontology import ids
from tests import programmes
from tests.documents import write_docx, write_html, write_pdf

DATA = Path(__file__).resolve().parent / "data" / "programmes"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
NQ71 = ids.resolution("71/NQ-CP")


def written(tmp_path_factory, name: str, parts=tuple(programmes.PARTS), programme=programmes.NQ71) -> Path:
    path = tmp_path_factory.mktemp("programmes") / name
    writer = {".docx": write_docx, ".html": write_html, ".pdf": write_pdf}[path.suffix]
    writer(programmes.blocks(programme, parts), path)
    return path


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, Path]:
    """NQ 71 whole, in every layout."""
    return {"pdf text": DATA / "nq71-pdf-text.txt", "docx": written(tmp_path_factory, "nq71.docx"),
            "html": written(tmp_path_factory, "nq71.html"), "pdf": written(tmp_path_factory, "nq71.pdf")}


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> dict[str, Path]:
    """Parts of NQ 71 printed alone."""
    return {"task list, portal page": DATA / "nq71-phu-luc-ii-portal.html",
            "task list, docx": written(tmp_path_factory, "phu-luc-ii.docx", ("tasks",)),
            "programme and appendices, docx": written(tmp_path_factory, "chuong-trinh.docx",
                                                      ("programme", "indicators", "tasks"))}


LAYOUTS = ("pdf text", "docx", "html", "pdf")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_government_resolution_reads_as_what_it_is(layouts, layout):
    plan = parse(read_document(layouts[layout]))
    assert (plan.kind, plan.level, plan.number, plan.date, plan.place) == \
        ("NQ", "national", "71/NQ-CP", date(2025, 4, 1), "Hà Nội")
    assert (plan.issuer.key, plan.issuer.name) == ("chinh-phu", "Chính phủ")
    assert plan.title.startswith("Nghị quyết Sửa đổi, bổ sung, cập nhật Chương trình hành động")
    assert (plan.signer, plan.signer_title) == ("Nguyễn Văn Thành", "TM. CHÍNH PHỦ / THỦ TƯỚNG")
    cited = {c.number: c for c in plan.citations}
    assert set(cited) == {"57-NQ/TW", "03/NQ-CP"}, "its own number is no citation"
    assert {n for n, c in cited.items() if c.implements} == {"57-NQ/TW"}
    assert cited["03/NQ-CP"].amends and cited["03/NQ-CP"].replaces and cited["03/NQ-CP"].basis
    assert not cited["57-NQ/TW"].amends and not cited["57-NQ/TW"].replaces
    assert [s.number for s in plan.sections[:3]] == ["Điều 1", "Điều 2", "Điều 3"]


def read_rows(path: Path) -> dict[str, tuple]:
    """Each item the task list numbers: (text, lead, cooperating, result, deadline) as read."""
    return {task.item: (task.text, "; ".join(u.name for u in task.lead), "; ".join(u.name for u in task.cooperating),
                        task.output, task.deadline.text if task.deadline else None)
            for task in parse(read_document(path)).tasks if task.item}


def expected_rows() -> dict[str, tuple]:
    return {number: (text, lead, cooperating.replace("; các", "; Các"), output, deadline)
            for number, (_, text, lead, cooperating, output, deadline) in programmes.NQ71_ROWS.items()}


@pytest.mark.parametrize("layout", ["docx", "html", "pdf"])
def test_its_task_list_numbers_the_items_with_their_ministries(layouts, layout):
    assert read_rows(layouts[layout]) == expected_rows()


def test_its_task_list_as_a_pdfs_text_layer_gives_it(layouts):
    """Cells rebuilt from interleaved lines: every item, and most rows whole (9 of 50 miss today: a
    result ending in "của" gives its last line to the deadline, "Đài Truyền hình / Việt Nam" is cut at
    its line, a lead's name joins the task's text)."""
    read, expected = read_rows(layouts["pdf text"]), expected_rows()
    assert list(read) == list(expected)
    texts = sum(read[number][0] == expected[number][0] for number in expected) / len(expected)
    exact = sum(read[number] == expected[number] for number in expected) / len(expected)
    assert texts >= 0.95 and exact >= 0.8, (texts, exact)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_its_programme_and_indicators_are_read(layouts, layout):
    plan = parse(read_document(layouts[layout]))
    indicators = {i.code: i for i in plan.indicators}
    assert list(indicators) == ["1", "2", "3", "4", "5"]
    assert {t.year: t.text for t in indicators["1"].targets} == {"2030": "≥ 80", "2045": "100"}
    assert [u.key for u in indicators["2"].monitoring] == ["ngan-hang-nha-nuoc-viet-nam"]
    body = [task for task in plan.tasks if task.origin == "body"]
    assert [task.number for task in body] == ["1.a", "1.b", "2"]
    assert not any(task.item for task in body), "the prose tasks are no numbered items"
    reporting = [duty for duty in plan.responsibilities if duty.reporting]
    assert [duty.unit.key for duty in reporting][-1] == "bo-khoa-hoc-va-cong-nghe"


@pytest.mark.parametrize("part", ["task list, portal page", "task list, docx", "programme and appendices, docx"])
def test_a_part_printed_alone_is_that_part_of_its_resolution(parts, part):
    plan = parse(read_document(parts[part]))  # not refused as "not a plan"
    assert plan.part_of.number == "71/NQ-CP" and plan.part_of.date == date(2025, 4, 1)
    assert (plan.kind, plan.level, plan.issuer.key) == ("NQ", "national", "chinh-phu")
    assert plan.number is None and "71/NQ-CP" not in {c.number for c in plan.citations}
    assert [task.item for task in plan.tasks if task.item] == [str(n) for n in range(1, 51)]
    assert plan.part == ("Chương trình hành động" if part.startswith("programme") else "Phụ lục II")


def test_the_earlier_programme_keeps_its_own_numbers():
    plan = parse(read_document(DATA / "nq03-pdf-text.txt"))
    assert (plan.number, plan.date, plan.level) == ("03/NQ-CP", date(2025, 1, 9), "national")
    assert plan.signer_title == "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"
    assert [task.item for task in plan.tasks if task.item] == [str(n) for n in range(1, 9)]
    assert not any(c.amends or c.replaces for c in plan.citations)
    assert {c.number for c in plan.citations if c.implements} == {"57-NQ/TW"}


# --- in the graph, beside the plans that quote it -----------------------------------------

def built(path: Path, documents: list[Path], clean: bool = False):
    store = OxigraphStore(path)
    summary = build(documents, store, progress=False, clean=clean, jobs=1)
    assert summary.ok, summary.errors
    return store


@pytest.fixture(scope="module")
def with_programme(tmp_path_factory, layouts):
    """The bundled plans and NQ 71 built together."""
    store = built(tmp_path_factory.mktemp("with") / "store", [CORPUS, layouts["docx"]])
    yield store
    store.close()


def quads(store) -> set:
    return set(store.quads())


def test_an_item_shows_the_programmes_text_and_lead_and_its_lines(with_programme, layouts):
    answer = trace.trace_item(with_programme, "48")
    assert answer["known_from"] == "programme"
    assert answer["text"] == programmes.NQ71_ROWS["48"][1]
    assert answer["lead"] == ["Văn phòng Chính phủ"] and answer["cooperating"] == ["Các bộ, ngành, địa phương"]
    assert answer["deadline"]["text"] == "Tháng 9/2025" and answer["output"] == "Dữ liệu được số hóa, tái sử dụng"
    assert answer["source"]["document"] == layouts["docx"].name
    assert answer["nq57"] == ["7-8"], "the quoting plans still tie it to NQ 57"
    assert answer["links"] and answer["links"][0]["kind"] == "stated"
    quoted = trace.trace_item(with_programme, "81")
    assert quoted["known_from"] == "quotes" and quoted["lead"] == [] and quoted["source"]["document"] == ""


def test_the_quotes_stay_the_plans_own(with_programme):
    """A plan's row keeps its own wording and its stated link; the item is described once, from the programme."""
    item = ids.nq71_item("49")
    texts = {row["text"] for row in queries.select(with_programme, "item_claims", number=Literal("49"))}
    assert any("trong phạm vi thành phố" in text for text in texts)  # the commune's quote, as printed
    own = queries.select(with_programme, "link_resolution_tasks", task=item)
    assert [row["text"] for row in own] == [programmes.NQ71_ROWS["49"][1]]
    rows = with_programme.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{item}> <https://nqgraph.org/def#text> ?t }} }}")
    assert [row["g"] for row in rows] == [str(ids.iri("graph", "entities"))]


def test_every_statement_stands_in_one_graph(with_programme):
    twice = with_programme.select("SELECT ?s ?p ?o WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } "
                                  "FILTER (STR(?a) < STR(?b)) } LIMIT 5")
    assert twice == []
    facts = {row["p"]: row["n"] for row in with_programme.select(
        f"SELECT ?p (COUNT(?o) AS ?n) WHERE {{ <{NQ71}> ?p ?o }} GROUP BY ?p")}
    eli = "http://data.europa.eu/eli/ontology#"
    for predicate in ("number", "date_document", "title", "passed_by", "type_document"):
        assert facts[eli + predicate] == 1, predicate
    assert facts["https://nqgraph.org/def#level"] == 1


def test_loading_a_programme_into_a_built_store_gives_the_graph_one_build_gives(tmp_path, with_programme, layouts,
                                                                               corpus):
    store = built(tmp_path / "store", [CORPUS])
    try:
        store = _rebuilt(store, tmp_path, [CORPUS, layouts["docx"]])
        assert quads(store) == quads(with_programme)
        store = _rebuilt(store, tmp_path, [CORPUS], clean=True)
        seeds = OxigraphStore(corpus[0])
        try:
            assert quads(store) == quads(seeds)
        finally:
            seeds.close()
    finally:
        store.close()


def _rebuilt(store, tmp_path, documents, clean=False):
    store.close()
    return built(tmp_path / "store", documents, clean)


def test_two_printings_of_a_task_list_describe_each_item_once(tmp_path, layouts, parts):
    store = built(tmp_path / "store", [layouts["pdf text"], parts["task list, portal page"]])
    try:
        rows = queries.select(store, "programme_claims", item=ids.nq71_item("48"))
        assert len({row["row"] for row in rows}) == 2
        facts = trace.item_facts(store, str(ids.nq71_item("48")))
        assert facts["lead"] == ["Văn phòng Chính phủ"] and facts["source"]["document"] == "nq71-pdf-text.txt"
        assert len(queries.select(store, "link_resolution_tasks", task=ids.nq71_item("48"))) == 1
    finally:
        store.close()


def test_the_programme_a_later_one_replaces_keeps_its_items_apart(tmp_path):
    store = built(tmp_path / "store", [DATA / "nq03-pdf-text.txt", DATA / "nq71-pdf-text.txt"])
    try:
        nq03 = ids.resolution("03/NQ-CP")
        said = {row["p"] for row in store.select(f"SELECT ?p WHERE {{ <{NQ71}> ?p <{nq03}> }}")}
        assert {"http://purl.org/dc/terms/replaces", "http://data.europa.eu/eli/ontology#amends"} <= said
        old = queries.select(store, "link_resolution_tasks", task=ids.programme_item("03/NQ-CP", "7"))
        new = queries.select(store, "link_resolution_tasks", task=ids.nq71_item("48"))
        assert old[0]["text"].startswith("Hoàn thành số hóa") and new[0]["text"].startswith("Hoàn thành số hóa")
        assert not queries.select(store, "link_resolution_tasks", task=ids.programme_item("03/NQ-CP", "48"))
        parts = {row["item"]: row["programme"] for row in store.select(
            "SELECT ?item ?programme WHERE { ?item a <https://nqgraph.org/def#ProgrammeItem> ; "
            "<http://data.europa.eu/eli/ontology#is_part_of> ?programme }")}
        assert parts[str(ids.programme_item("03/NQ-CP", "7"))] == str(nq03)
        assert parts[str(ids.nq71_item("48"))] == str(NQ71)
    finally:
        store.close()


def test_a_row_that_misquotes_an_item_is_warned_with_its_line(tmp_path, layouts):
    """A plan's row that prints item 48's number over item 50's text is warned of by `check`,
    against the loaded programme; rows quoting their own item, word for word or adapted, are not."""
    text = lambda number: programmes.NQ71_ROWS[number][1]  # noqa: E731
    plan = write_docx([
        "ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH", "XÃ AN BÌNH", "Số: 21/KH-UBND", "An Bình, ngày 12 tháng 6 năm 2025",
        "KẾ HOẠCH", "Thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ",
        "I. NHIỆM VỤ", "1. Thực hiện các nhiệm vụ tại Phụ lục kèm theo.",
        "PHỤ LỤC", "PHÂN CÔNG CÁC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 71/NQ-CP",
        "(Kèm theo Kế hoạch số 21/KH-UBND ngày 12/6/2025 của Ủy ban nhân dân xã An Bình)",
        [["TT", "Nội dung nhiệm vụ", "Stt nhiệm vụ trong NQ 71", "Cơ quan chủ trì", "Thời gian hoàn thành"],
         ["1", text("49") + " trong phạm vi xã", "49", "Văn phòng HĐND và UBND xã", "Năm 2025"],
         ["2", text("50"), "48", "Văn phòng HĐND và UBND xã", "Tháng 9/2025"],
         ["3", text("50"), "50", "Văn phòng HĐND và UBND xã", "Tháng 12/2025"]],
    ], tmp_path / "an-binh.docx")
    store = built(tmp_path / "store", [layouts["docx"], plan])
    try:
        warned = [w for w in validate(store).warnings if w.code == "misquoted-item"]
        assert [(w.file, "item 48" in w.message) for w in warned] == [(plan.name, True)]
        assert warned[0].line and text("48")[:40] in warned[0].message
        misquoting = store.select(with_prefixes(f"SELECT ?task WHERE {{ <{ids.nq71_item('48')}> nqg:misquotedBy ?task }}"))
        assert len(misquoting) == 1
    finally:
        store.close()
