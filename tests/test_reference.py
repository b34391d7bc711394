"""NQ 57 read from its text, and the recovered numbering of its tasks."""

import re
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS

from graph.similarity import normalise
from loaders.reference import match_tasks, read_nq57, read_task_table, task_members
from ontology import ids
from ontology.vocab import ELI, NQG

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture(scope="module")
def nq57():
    return read_nq57()


def test_section_three_has_seven_groups_of_paragraphs(nq57):
    assert list(nq57.groups) == ["1", "2", "3", "4", "5", "6", "7"]
    per_group = {g: sum(p.group == g for p in nq57.paragraphs) for g in nq57.groups}
    # Group 2 has a lead-in paragraph and four dash paragraphs; group 7 one plain paragraph.
    assert per_group == {"1": 2, "2": 5, "3": 6, "4": 3, "5": 3, "6": 4, "7": 1}
    infrastructure = [p for p in nq57.paragraphs if p.group == "3"]
    assert infrastructure[0].text.startswith("Ban hành Chương trình phát triển công nghệ")
    assert infrastructure[0].span.first == 67


def test_national_targets_for_2030(nq57):
    by_name = {t.name: t for t in nq57.targets if t.year == "2030"}
    online = by_name["Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp"]
    assert (online.comparator, online.value, online.unit) == (">", 80.0, "%")
    cashless = by_name["Giao dịch không dùng tiền mặt"]
    assert cashless.value == 80.0
    budget = next(t for t in nq57.targets if "tổng chi ngân sách" in t.name)
    assert (budget.comparator, budget.value) == (">=", 3.0)
    patents = next(t for t in nq57.targets if t.name.startswith("Số lượng đơn đăng ký sáng chế"))
    assert (patents.comparator, patents.value, patents.max, patents.unit) == ("range", 16.0, 18.0, "%/năm")
    assert all(t.span.first == t.span.last and 31 <= t.span.first <= 43 for t in nq57.targets)
    assert [t.value for t in nq57.targets if t.year == "2045"] == [50.0]


def test_task_table_is_rederived_from_its_quotes(nq57):
    rows = read_task_table()
    assert match_tasks(rows, nq57) == rows


def test_quoted_names_land_on_the_paragraphs_they_quote():
    lines = {row["number"]: int(row["first_line"]) for row in read_task_table()}
    # Read off NQ 57: the "học tập số" movement is line 51, digital technology 73,
    # IoT 75, AI on big data 77, start-ups 99, consumption on digital platforms 103.
    assert lines["1-3"] == lines["4"] == 49
    assert (lines["5-6"], lines["10"], lines["13-14"], lines["17"], lines["21"], lines["24"]) == (51, 73, 75, 77, 99, 103)
    # Numbers quoted only through NQ 71's wording stay in order between their neighbours.
    assert lines["10"] <= lines["11"] <= lines["12"]
    assert lines["17"] <= lines["18"] <= lines["19"] <= lines["20"] <= lines["21"]


def test_quotes_are_transcribed_from_the_plans():
    for row in read_task_table():
        for place in row["quoted_in"].split(";"):
            document, first, last = re.fullmatch(r"(.+):(\d+)(?:-(\d+))?", place).groups()
            text = (CORPUS / document).read_text(encoding="utf-8").splitlines()
            printed = set(normalise(" ".join(text[int(first) - 1 : int(last or first)])).split())
            assert set(normalise(row["quote"]).split()) <= printed, (row["number"], place)


def test_task_members():
    assert task_members("13-14") == ["13", "14"]
    assert task_members("1-3") == ["1", "2", "3"]
    assert task_members("9") == []


def test_reference_graph_holds_the_resolutions_and_numbered_tasks():
    from loaders.reference import reference_graph

    graph = reference_graph()
    nq57, nq71, nq03 = ids.resolution("57-NQ/TW"), ids.resolution("71/NQ-CP"), ids.resolution("03/NQ-CP")
    assert (nq57, RDF.type, NQG.Resolution) in graph
    assert graph.value(nq57, ELI.date_document).toPython().isoformat() == "2024-12-22"
    assert (nq71, ELI.amends, nq03) in graph and (nq71, DCTERMS.replaces, nq03) in graph
    assert len(set(graph.subjects(RDF.type, NQG.TaskGroup))) == 7

    task = ids.nq57_task("1-3")
    assert (task, RDF.type, NQG.ResolutionTask) in graph
    assert {graph.value(m, NQG.number) for m in graph.objects(task, DCTERMS.hasPart)} == {
        Literal("1"), Literal("2"), Literal("3")
    }
    source = graph.value(task, NQG.source)
    assert graph.value(source, NQG.sourceDocument) == Literal("57-NQ-TW.md")
    assert graph.value(source, NQG.firstLine).toPython() == 49
    assert str(graph.value(ids.nq57_task("10"), NQG.text)) == "Đẩy mạnh ứng dụng và phát triển công nghệ số."

    targets = list(graph.subjects(RDF.type, NQG.Target))
    assert len(targets) == len(read_nq57().targets)
    assert all(graph.value(t, NQG.source) is not None for t in targets)
