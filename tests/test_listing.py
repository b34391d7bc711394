"""Task and indicator listings: the JSON contract, filters by plan and unit, stable order."""

from datetime import date

import pytest

from graph import listing
from graph.store import MemoryStore
from loaders.model import Deadline, Indicator, Plan, Span, Target, Task, UnitRef
from graph.build import derive
from loaders.rdf import plan_graph, plan_iri
from ontology import ids
from tests.test_rdf import culture_division, sample_plan

TASK_FIELDS = ["iri", "plan", "source", "section", "number", "text", "lead", "cooperating", "output", "deadline"]
INDICATOR_FIELDS = ["iri", "plan", "source", "code", "name", "unit", "monitoring_units", "targets"]


def department_plan() -> Plan:
    """A department plan whose one task names two lead units, the second printed first alphabetically."""
    department = UnitRef("Sở Văn hóa, Thể thao và Du lịch", Span(1, 1), name="Sở Văn hóa, Thể thao và Du lịch",
                         key="so-van-hoa-the-thao-va-du-lich", level="department")
    office = UnitRef("Văn phòng Sở", Span(4, 4), name="Văn phòng", key="so-van-hoa-the-thao-va-du-lich/van-phong",
                     parent_key="so-van-hoa-the-thao-va-du-lich", parent_name="Sở Văn hóa, Thể thao và Du lịch")
    lines = ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số: /KH-SVHTTDL", "KẾ HOẠCH Chuyển đổi số",
             "1  Số hóa di sản văn hóa  Văn phòng Sở; Phòng Văn hóa - Xã hội  2025 - 2030",
             "1  Tỷ lệ di tích được số hóa  %  80-90%"]
    return Plan(
        document="002_department.txt", lines=lines, issuer=department, level="department",
        date=date(2025, 8, 20), title="Chuyển đổi số ngành văn hóa",
        tasks=[Task("1", "Số hóa di sản văn hóa", Span(4, 4), origin="appendix", table="Phụ lục",
                    lead=[office, culture_division("Phòng Văn hóa - Xã hội", 4)], output="Kho dữ liệu số",
                    deadline=Deadline("2025 - 2030", Span(4, 4), kind="period",
                                      start=date(2025, 1, 1), end=date(2030, 12, 31)))],
        indicators=[Indicator("1", "Tỷ lệ di tích được số hóa", Span(5, 5), unit="%", table="Phụ lục 2", targets=[
            Target("2030", "80-90%", Span(5, 5), comparator="range", value=80, max=90, unit="%"),
            Target("2025", "-", Span(5, 5)),
        ])],
    )


@pytest.fixture(scope="module")
def store():
    store = MemoryStore()
    for plan in (sample_plan(), department_plan()):
        store.replace_graph(ids.named_graph(plan.document), plan_graph(plan))
    assert derive(store) == []
    return store


def test_task_rows_follow_the_contract(store):
    rows = listing.tasks(store)
    assert len(rows) == 5
    assert all(list(row) == TASK_FIELDS for row in rows)
    row = next(r for r in rows if r["iri"].endswith("/task/phu-luc-3-row-48"))
    assert row == {
        "iri": str(ids.part(plan_iri(sample_plan()), "task", "phu-luc-3-row-48")),
        "plan": {"iri": str(plan_iri(sample_plan())), "issuer": "UBND xã Mao Điền"},
        "source": {"document": "045_test.txt", "lines": [12, 13]},
        "section": "Phụ lục 3",
        "number": "48",
        "text": "Nâng cao nhận thức về chuyển đổi số của toàn xã hội",
        "lead": ["Sở Khoa học và Công nghệ"],
        "cooperating": [],
        "output": None,
        "deadline": {"text": "Tháng 9/2025", "start": "2025-09-01", "end": "2025-09-30", "kind": "date"},
    }


def test_tasks_sorted_by_document_then_line(store):
    rows = listing.tasks(store)
    assert [(r["source"]["document"], r["source"]["lines"][0]) for r in rows] == [
        ("002_department.txt", 4), ("045_test.txt", 9), ("045_test.txt", 10), ("045_test.txt", 12),
        ("045_test.txt", 15)]


def test_units_are_canonical_names_in_printed_order(store):
    row = listing.tasks(store, plan="002_department.txt")[0]
    assert row["lead"] == ["Văn phòng", "Phòng Văn hóa - Xã hội"]
    assert row["output"] == "Kho dữ liệu số"
    assert row["deadline"]["kind"] == "period" and row["deadline"]["end"] == "2030-12-31"


def test_body_task_section_and_missing_deadline(store):
    rows = listing.tasks(store, plan="45/KH-UBND")
    assert rows[0]["section"] == "7. Chuyển đổi số"
    assert rows[0]["deadline"]["kind"] == "yearly"
    assert rows[1]["deadline"] == {"text": "", "start": None, "end": None, "kind": "none"}
    assert rows[1]["cooperating"] == ["Các đơn vị liên quan"]


def test_plan_by_iri_file_or_number(store):
    iri = str(plan_iri(sample_plan()))
    by_iri = listing.tasks(store, plan=iri)
    assert len(by_iri) == 4 and {r["plan"]["iri"] for r in by_iri} == {iri}
    assert listing.tasks(store, plan="045_test.txt") == by_iri
    assert listing.tasks(store, plan="45/kh-ubnd") == by_iri
    assert listing.tasks(store, plan="99/KH-UBND") == []


def test_unit_by_any_spelling_includes_its_divisions(store):
    assert [r["number"] for r in listing.tasks(store, unit="phong van hoa - xa hoi")] == ["1", "7.2"]
    assert [r["number"] for r in listing.tasks(store, unit="Sở Văn hóa, Thể thao và Du lịch")] == ["1"]
    by_iri = listing.tasks(store, unit=str(ids.unit("so-khoa-hoc-va-cong-nghe")))
    assert [r["number"] for r in by_iri] == ["48"]
    assert listing.tasks(store, unit="so khoa hoc", plan="002_department.txt") == []
    assert listing.tasks(store, unit="Bộ Ngoại giao") == []


def test_indicator_rows_follow_the_contract(store):
    rows = listing.indicators(store)
    assert [r["code"] for r in rows] == ["1", "1.1"]
    assert all(list(row) == INDICATOR_FIELDS for row in rows)
    commune = rows[1]
    assert commune["monitoring_units"] == ["Phòng Văn hóa - Xã hội"]
    assert commune["targets"] == {"2030": {"text": "≥ 80", "comparator": ">=", "value": 80.0, "max": None, "unit": "%"}}
    assert commune["source"] == {"document": "045_test.txt", "lines": [17, 17]}


def test_indicator_ranges_and_years_without_value(store):
    (row,) = listing.indicators(store, plan="002_department.txt")
    assert row["targets"]["2030"] == {"text": "80-90%", "comparator": "range", "value": 80.0, "max": 90.0, "unit": "%"}
    assert row["targets"]["2025"] == {"text": "-", "comparator": None, "value": None, "max": None, "unit": None}
    assert row["monitoring_units"] == [] and row["plan"]["issuer"] == "Sở Văn hóa, Thể thao và Du lịch"


def test_short_cells_for_tables(store):
    task = listing.task_cells(listing.tasks(store)[0])
    assert task == {"source": "002_department.txt:4", "number": "1", "text": "Số hóa di sản văn hóa",
                    "lead": "Văn phòng; Phòng Văn hóa - Xã hội", "cooperating": "", "deadline": "2025 - 2030"}
    indicator = listing.indicator_cells(listing.indicators(store)[0])
    assert list(indicator) == ["source", "code", "name", "unit", "2025", "2030", "monitoring"]
