"""Tables as other provinces lay them out (``tests/data/tables``): every cell read as the hand reading beside it.

Each ``<name>.json`` holds the hand reading of ``<name>.<ext>`` in the form of
``tests/data/cells`` (its README), and ``about`` says what the layout tries.
The same tables are written again as DOCX, where the format delimits the cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cell_scores import alternatives, matched, unit_form, words
from loaders.parse import parse
from loaders.read import read_document

TABLES = Path(__file__).resolve().parent / "data" / "tables"
FIXTURES = sorted(TABLES.glob("*.json"))


def expected_of(fixture: Path) -> dict:
    return json.loads(fixture.read_text(encoding="utf-8"))


def assert_units(given, expected, where):
    forms = [unit_form(ref.name) for ref in given]
    assert len(forms) == len(expected), (where, forms)
    for form, unit in zip(forms, expected):
        assert form in alternatives(unit), (where, forms)


def assert_cells(plan, expected):
    pairs, invented = matched(plan, expected["rows"])
    assert not invented, [(task.number, task.text) for task in invented]
    for row, task in pairs:
        where = f"{row['group']}/{row['number']}"
        assert task is not None, where
        assert words(task.text) == words(row["text"]), (where, task.text)
        assert_units(task.lead, row["lead"], where)
        assert_units(task.cooperating, row["cooperating"], where)
        assert words(task.output) == words(row["output"]), (where, task.output)
        assert words(task.deadline and task.deadline.text) == words(row["deadline"]), (where, task.deadline)
        assert words(task.note) == words(row.get("note")), (where, task.note)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[fixture.stem for fixture in FIXTURES])
def test_every_cell_as_read_by_hand(fixture):
    expected = expected_of(fixture)
    plan = parse(read_document(TABLES / expected["document"]))
    assert_cells(plan, expected)
    if "issuer" in expected:
        assert plan.issuer is not None and plan.issuer.name == expected["issuer"]
    if "organisation" in expected:
        assert {unit_form(duty.unit.name) for duty in plan.responsibilities} == \
            {unit_form(unit) for unit in expected["organisation"]}


def test_numbered_groups_in_real_cells_are_headings(tmp_path):
    """A DOCX table whose group rows print ``1``, ``2`` and a title, their rows ``1.1``, ``2.1``: the
    group rows are headings, not tasks without a lead; a row ``3`` over no ``3.x`` is a task."""
    from tests.documents import write_docx

    header = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    rows = [header,
            ["1", "Nâng cao nhận thức về chuyển đổi số", "", "", ""],
            ["1.1", "Tuyên truyền trên loa truyền thanh", "Phòng Văn hóa - Xã hội", "Các thôn", "Thường xuyên"],
            ["2", "Phát triển kinh tế số", "", "", ""],
            ["2.1", "Đưa nông sản lên sàn thương mại điện tử", "Phòng Kinh tế", "", "Năm 2025"],
            ["3", "Số hóa dữ liệu đất đai", "Phòng Kinh tế", "", "Năm 2026"]]
    blocks = ["ỦY BAN NHÂN DÂN XÃ TÂN PHONG", "Số: 41/KH-UBND", "KẾ HOẠCH", "Chuyển đổi số năm 2025",
              "I. NHIỆM VỤ", "1. Chuyển đổi số", "PHỤ LỤC", "PHÂN CÔNG NHIỆM VỤ", rows]
    plan = parse(read_document(write_docx(blocks, tmp_path / "plan.docx")))
    tasks = [task for task in plan.tasks if task.origin == "appendix"]
    assert [(task.number, plan.sections[task.section].number if task.section is not None else None)
            for task in tasks] == [("1.1", "1"), ("2.1", "2"), ("3", "2")]
