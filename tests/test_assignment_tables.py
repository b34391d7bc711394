"""Task-assignment tables become one task per row, whatever the extraction did to them.

Expected values are read by hand from the seed plans (``tests/expected_assignments``).
Appendix headings are found here by their words, not by line numbers, so these
tests do not depend on how the whole plan is parsed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# Lead units and deadlines are read by loaders.units and loaders.deadlines.
pytest.importorskip("loaders.units", reason="needs loaders.units (unit resolution)")
pytest.importorskip("loaders.deadlines", reason="needs loaders.deadlines (deadline parsing)")

from loaders import assignment_tables  # noqa: E402
from loaders.model import Appendix, Cell, Deadline, Plan, Source, SourceTable, Span  # noqa: E402
from loaders.text import fold  # noqa: E402
from tests import variants  # noqa: E402
from tests.expected_assignments import (  # noqa: E402
    CITY_ROWS, COMMUNE_CELLS, COMMUNE_ROWS, DEPARTMENT_ROWS, DEPARTMENT_TEXTS, GROUP_ROWS, NQ57_TEXTS, NQ71_NOTE, NQ71_ROWS,
    NQ71_TEXTS,
    P001, P002, P004,
)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
_APPENDIX = re.compile(r"^\s*phu luc(?:\s+so)?\s*(\d*)\s*:?\s*(.*)$")


def appendices(lines: list[str]) -> list[Appendix]:
    """Appendices by their headings (``PHỤ LỤC 3: …``, ``Phụ lục`` / title, ``PHU LUC SO 02: …``)."""
    found = []
    for index, line in enumerate(lines):
        match = _APPENDIX.match(fold(line))
        if match and line.strip()[:1].isupper():
            following = next((other for other in lines[index + 1:] if other.strip()), "")
            number = str(int(match.group(1))) if match.group(1) else ""
            found.append((index + 1, number, match.group(2) or fold(following)))
    return [Appendix(number, title, Span(first, (found[position + 1][0] - 1) if position + 1 < len(found)
                                         else len(lines)))
            for position, (first, number, title) in enumerate(found)]


def read(name: str, transform=None) -> list[str]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return transform(lines) if transform else lines


def parse_table(name: str, number: str, lines: list[str] | None = None) -> Plan:
    lines = read(name) if lines is None else lines
    plan = Plan(name, lines)
    appendix = next(found for found in appendices(lines) if found.number == number and "phan cong" in found.title)
    assert assignment_tables.parse(Source(name, lines), plan, appendix)
    return plan


def words(text: str | None) -> list[str]:
    """Folded words, punctuation and the "và" joining two units aside: how a cell
    compares however its units are split."""
    return [word for word in re.findall(r"[\w/()–-]+", fold(text or "")) if word != "va"]


def cell(units) -> list[str]:
    return words(" ".join(unit.printed for unit in units))


def top_group(plan: Plan, task) -> str:
    index = task.section
    while plan.sections[index].parent is not None:
        index = plan.sections[index].parent
    return plan.sections[index].number


def rows_per_group(plan: Plan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in plan.tasks:
        counts[top_group(plan, task)] = counts.get(top_group(plan, task), 0) + 1
    return counts


@pytest.fixture(scope="module")
def tables() -> dict[tuple[str, str], Plan]:
    return {key: parse_table(*key) for key in GROUP_ROWS}


# --- rows and groups ------------------------------------------------------------------

@pytest.mark.parametrize("key", list(GROUP_ROWS))
def test_every_row_of_every_table_is_a_task_in_its_group(tables, key):
    plan = tables[key]
    assert rows_per_group(plan) == GROUP_ROWS[key]
    assert list(rows_per_group(plan)) == list(GROUP_ROWS[key])  # groups in printed order
    assert all(task.origin == "appendix" and task.text and task.number for task in plan.tasks)
    assert {task.table for task in plan.tasks} == {f"Phụ lục {key[1]}".strip()}
    assert all(section.kind == "group" for section in plan.sections)


def test_other_appendices_are_left_alone():
    lines = read(P001)
    indicator = next(found for found in appendices(lines) if found.number == "1")
    plan = Plan(P001, lines)
    assert not assignment_tables.parse(Source(P001, lines), plan, indicator)
    assert plan.tasks == [] and plan.sections == [] and plan.warnings == []


def test_sub_groups_nest_in_their_group(tables):
    plan = tables[(P002, "")]
    titles = {section.number: section for section in plan.sections if section.parent is None}
    assert list(titles) == ["A", "B", "C", "D", "E", "G"]
    nested = [(plan.sections[section.parent].number, section.number) for section in plan.sections if section.parent is not None]
    assert nested == [("A", "I"), ("A", "II"), ("B", "I"), ("C", "I")]
    assert titles["D"].title.startswith("Khẩn trương, quyết liệt hoàn thiện thể chế")


# --- Phụ lục 3: NQ 57 → NQ 71 -----------------------------------------------------------

def test_nq71_rows_carry_their_numbers_units_and_deadlines(tables):
    tasks = {task.nq71[0]: task for task in tables[(P001, "3")].tasks}
    assert set(tasks) == set(NQ71_ROWS)
    for item, (nq57, lead, deadline, start) in NQ71_ROWS.items():
        task = tasks[item]
        assert task.number == item
        assert task.nq57 == [nq57], item
        assert cell(task.lead) == words(lead), item
        assert task.deadline.text == deadline, item
        assert task.text.startswith(start), item


def test_nq71_texts_and_results_are_whole_and_rewrapped(tables):
    tasks = {task.nq71[0]: task for task in tables[(P001, "3")].tasks}
    for item, (text, output) in NQ71_TEXTS.items():
        if text:
            assert tasks[item].text == text, item
        assert tasks[item].output == output, item


def test_merged_nq57_cells_hold_for_every_row_they_span(tables):
    tasks = tables[(P001, "3")].tasks
    for nq57, start in NQ57_TEXTS.items():
        spanned = [task for task in tasks if task.nq57 == [nq57]]
        assert spanned and all(task.nq57_text.startswith(start) for task in spanned), nq57
    # The number of a merged cell is centred, printed after the first row it spans.
    first = next(task for task in tasks if task.nq71 == ["2"])
    assert first.nq57 == ["1-3"] and first.nq57_text.endswith("khen thưởng hằng năm.")


def test_a_row_cut_by_a_page_break_is_one_row(tables):
    plan = tables[(P001, "3")]
    task = next(task for task in plan.tasks if task.nq71 == ["9"])
    assert task.text.endswith("trong đội ngũ lãnh đạo từng cơ quan, đơn vị nhà nước.")
    rest = next(index for index, line in enumerate(plan.lines, 1) if "đơn vị nhà nước." in line and index > task.span.first)
    assert task.span.first < rest <= task.span.last
    assert task.output == "Có tỷ lệ cụ thể"
    cut = next(task for task in plan.tasks if task.nq71 == ["147 (11)"])
    assert cut.text.endswith("Đề án 06: Mô hình điểm tại tỉnh/thành phố có đảo (nếu có)")
    assert cut.output == "Hoàn thành mô hình"


def test_rows_without_lead_are_reported(tables):
    plan = tables[(P001, "3")]
    unassigned = next(task for task in plan.tasks if task.nq71 == ["6"])
    assert unassigned.lead == []
    assert any(warning.code == "no-lead" and unassigned.span.first <= warning.line <= unassigned.span.last
               for warning in plan.warnings)


def test_deadlines_not_understood_are_reported(monkeypatch):
    monkeypatch.setattr(assignment_tables, "parse_deadline", lambda text, span: Deadline(text, span))
    plan = parse_table(P002, "")
    unparsed = [warning for warning in plan.warnings if warning.code == "deadline-unparsed"]
    assert len(unparsed) == 10
    assert "Theo lộ trình của Bộ" in unparsed[4].message and unparsed[4].line == plan.tasks[4].deadline.span.first


# --- Phụ lục 4: the city's other tasks ---------------------------------------------------

def test_city_rows(tables):
    plan = tables[(P001, "4")]
    tasks = {(top_group(plan, task), task.number): task for task in plan.tasks}
    for key, (lead, cooperating, deadline, start) in CITY_ROWS.items():
        task = tasks[key]
        if lead is not None:
            assert cell(task.lead) == words(lead), key
        if cooperating is not None:
            assert cell(task.cooperating) == words(cooperating), key
        assert task.deadline.text == deadline, key
        assert task.text.startswith(start), key
    assert all(not task.nq57 and not task.nq71 for task in plan.tasks)


def test_rows_printing_no_number_are_numbered_by_place_and_reported(tables):
    plan = tables[(P001, "4")]
    group = [task for task in plan.tasks if top_group(plan, task) == "V"]
    assert [task.number for task in group] == [str(place) for place in range(1, 32)]
    unnumbered = [warning for warning in plan.warnings if warning.code == "no-number"]
    assert len(unnumbered) == 28
    assert not any(warning.code == "out-of-sequence" for warning in plan.warnings)


# --- seed 002: a department's sub-assignment ------------------------------------------------

def test_department_rows(tables):
    plan = tables[(P002, "")]
    tasks = {task.number: task for task in plan.tasks}
    assert list(tasks) == [str(number) for number in range(1, 11)]
    for number, (lead, cooperating, output, deadline, city, quoted) in DEPARTMENT_ROWS.items():
        task = tasks[number]
        assert cell(task.lead) == words(lead), number
        assert cell(task.cooperating) == words(cooperating), number
        assert task.output == output, number
        assert task.deadline.text == deadline, number
        assert task.city_task is city, number
        assert task.note == ("Nhiệm vụ thành phố" if city else NQ71_NOTE), number
        if quoted:
            assert task.nq57_text.startswith(quoted), number
        else:
            assert task.nq57_text is None, number
    for number, text in DEPARTMENT_TEXTS.items():
        assert tasks[number].text == text


# --- seed 004: OCR, side by side --------------------------------------------------------------

def test_commune_rows_from_ocr(tables):
    tasks = {task.number: task for task in tables[(P004, "2")].tasks}
    assert "4.5" in tasks  # OCR printed "45 |"
    for number, (start, lead, cooperating, deadline) in COMMUNE_ROWS.items():
        task = tasks[number]
        assert task.text.startswith(start), number
        assert " ".join(unit.printed for unit in task.lead).startswith(lead), number
        if cooperating:
            assert " ".join(unit.printed for unit in task.cooperating).startswith(cooperating), number
        assert task.deadline.text == deadline, number


def test_ocr_cells_wrapped_over_lines_are_put_back_together(tables):
    tasks = {task.number: task for task in tables[(P004, "2")].tasks}
    for number, (text, lead, cooperating) in COMMUNE_CELLS.items():
        task = tasks[number]
        if text:
            assert task.text == text, number
        assert cell(task.lead) == words(lead), number
        assert cell(task.cooperating) == words(cooperating), number
        assert task.span.last > task.span.first, number


def test_ocr_group_numbers_follow_their_rows(tables):
    plan = tables[(P004, "2")]
    assert [section.number for section in plan.sections] == ["1", "2", "3", "4", "5"]  # the last prints "3)"
    assert plan.sections[4].title.startswith("Thiic ddy manh mé hoat dong")
    misread = [warning for warning in plan.warnings if warning.code == "group-number"]
    assert [warning.line for warning in misread] == [plan.sections[4].span.first]


# --- the same tables, printed otherwise ---------------------------------------------------------

def facts(plan: Plan) -> list[tuple]:
    return [(task.number, words(task.text)[:6], cell(task.lead)[:4], words(task.deadline and task.deadline.text),
             task.nq57, task.nq71) for task in plan.tasks]


@pytest.mark.parametrize("key", [(P001, "3"), (P001, "4"), (P002, "")])
def test_without_diacritics_the_same_rows_are_read(tables, key):
    plain = parse_table(*key, lines=read(key[0], variants.strip_diacritics))
    assert rows_per_group(plain) == {fold(group).upper(): rows for group, rows in GROUP_ROWS[key].items()}
    assert facts(plain) == facts(tables[key])


@pytest.mark.parametrize("mode", ["none", "every"])
@pytest.mark.parametrize("key", list(GROUP_ROWS))
def test_blank_lines_laid_otherwise_change_nothing(tables, key, mode):
    """Page numbers are told from NQ 71 numbers without the blank lines a page break leaves."""
    laid = parse_table(*key, lines=read(key[0], lambda lines: variants.blank_lines(lines, mode)))
    assert facts(laid) == facts(tables[key])


def header_block(lines: list[str], appendix: Appendix) -> list[str]:
    """The printed lines of a table's header: from its ``TT`` line to the first group heading."""
    printed = [line.strip() for line in lines[appendix.span.first - 1:appendix.span.last] if line.strip()]
    start = next(index for index, line in enumerate(printed) if fold(line) in ("tt", "stt") or fold(line).startswith("stt "))
    end = next(index for index in range(start + 1, len(printed)) if re.match(r"^(?:[IVX]+|[A-H])\b", printed[index]))
    return printed[start:end]


def without_repeats(lines: list[str], block: list[str], after: int) -> list[str]:
    """``lines`` with every repetition of the header ``block`` after line ``after`` taken out,
    however its words are broken into lines."""
    target = "".join(fold(" ".join(block)).split())
    kept, index = list(lines[:after]), after
    while index < len(lines):
        seen, end = "", index
        while end < len(lines) and len(seen) < len(target):
            seen += "".join(fold(lines[end]).split())
            end += 1
        if lines[index].strip() and seen == target:
            index = end
            continue
        kept.append(lines[index])
        index += 1
    return kept


@pytest.mark.parametrize("key, every", [((P001, "3"), 41), ((P001, "3"), 97), ((P002, ""), 29)])
def test_the_header_repeated_at_other_page_breaks_changes_nothing(tables, key, every):
    lines = read(key[0])
    appendix = next(found for found in appendices(lines) if found.number == key[1] and "phan cong" in found.title)
    block = header_block(lines, appendix)
    body_from = next(index for index in range(appendix.span.first, len(lines)) if lines[index].strip() == block[-1]) + 1
    moved = without_repeats(lines[:appendix.span.last], block, body_from) + lines[appendix.span.last:]
    end = appendix.span.last - (len(lines) - len(moved))
    moved = moved[:body_from] + variants.paginate(moved[body_from:end], every, " ".join(block)) + moved[end:]
    assert facts(parse_table(*key, lines=moved)) == facts(tables[key])


# A department table in the shape extraction gives it: each cell a block of wrapped lines.
COLUMNS = [("STT", 4), ("Nội dung công việc", 34), ("Chủ trì", 20), ("Phối hợp", 20),
           ("Kết quả cần đạt", 14), ("Thời gian thực hiện", 10)]


def rendered(order: list[int], widths: list[int]) -> list[str]:
    def wrap(text: str, width: int) -> list[str]:
        out, current = [], ""
        for word in text.split():
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        return out + [current]

    lines = ["Phụ lục", "PHÂN CÔNG CÁC NHIỆM VỤ", ""]
    for column in order:
        lines += [*wrap(COLUMNS[column][0], 12), ""]
    for number, (lead, cooperating, output, deadline, _, _) in DEPARTMENT_ROWS.items():
        text = DEPARTMENT_TEXTS.get(number, f"Nhiệm vụ số {number} của Sở về chuyển đổi số")
        row = [f"{number}.", text, lead, cooperating, output, deadline]
        for column in order:
            for line in wrap(row[column], widths[column]):
                lines += [line, ""]
            lines.append(" ")
    return lines


def test_columns_in_another_order_and_cells_wrapped_otherwise_give_the_same_rows():
    printed = [0, 1, 2, 3, 4, 5]
    swapped = [0, 1, 3, 2, 5, 4]  # the header says the cooperating units come first, then the deadline
    results = []
    for order, widths in ((printed, [4, 34, 20, 20, 14, 10]), (swapped, [4, 44, 16, 24, 12, 12])):
        lines = rendered(order, widths)
        plan = Plan("table.txt", lines)
        assert assignment_tables.parse(Source("table.txt", lines), plan, Appendix("", "", Span(1, len(lines))))
        results.append([(task.number, task.text, cell(task.lead), cell(task.cooperating), task.output,
                         task.deadline.text) for task in plan.tasks])
    assert results[0] == results[1]
    assert [row[0] for row in results[0]] == [str(number) for number in range(1, 11)]
    assert results[0][9][2] == words(DEPARTMENT_ROWS["10"][0])
    assert results[0][3][3] == words(DEPARTMENT_ROWS["4"][1])


def test_real_cells_are_read_as_they_are():
    header = [name for name, _ in COLUMNS] + ["Ghi chú"]
    rows = [header, ["A", "Nâng cao nhận thức", "", "", "", "", ""]]
    for number, (lead, cooperating, output, deadline, city, _) in DEPARTMENT_ROWS.items():
        note = "Nhiệm vụ thành phố" if city else NQ71_NOTE
        rows.append([number, DEPARTMENT_TEXTS.get(number, f"Nhiệm vụ {number}"), lead, cooperating, output,
                     deadline, note])
    table = SourceTable([[Cell(text, Span(line, line)) for text in row] for line, row in enumerate(rows, 1)],
                        Span(1, len(rows)))
    lines = [" | ".join(row) for row in rows]
    plan = Plan("table.docx", lines)
    assert assignment_tables.parse(Source("table.docx", lines, [table]), plan, Appendix("", "", table.span, table))
    assert [section.number for section in plan.sections] == ["A"]
    assert [task.number for task in plan.tasks] == [str(number) for number in range(1, 11)]
    task = plan.tasks[3]
    assert cell(task.lead) == words(DEPARTMENT_ROWS["4"][0]) and task.deadline.text == "Tháng 12/2025"
    assert task.span == Span(6, 6) and task.section == 0
    assert [task.city_task for task in plan.tasks] == [row[4] for row in DEPARTMENT_ROWS.values()]


def test_a_row_number_out_of_sequence_is_reported():
    lines = rendered([0, 1, 2, 3, 4, 5], [4, 34, 20, 20, 14, 10])
    lines = [("5." if line == "4." else line) for line in lines]
    plan = Plan("table.txt", lines)
    assert assignment_tables.parse(Source("table.txt", lines), plan, Appendix("", "", Span(1, len(lines))))
    assert [task.number for task in plan.tasks][2:5] == ["3", "5", "5"]
    jumps = [warning for warning in plan.warnings if warning.code == "out-of-sequence"]
    assert jumps and "5" in jumps[0].message


def test_an_appendix_whose_table_has_a_header_and_no_rows_loads_with_a_warning(tmp_path):
    """A department's appendix printed as a header over no rows (the rows left for later) is
    read as no tasks and warned of, never a failure of the whole plan."""
    from loaders.parse import parse
    from loaders.read import read_document

    path = tmp_path / "so-dan-toc.txt"
    path.write_text("\n".join([
        "UBND TỈNH CÀ MAU", "SỞ DÂN TỘC VÀ TÔN GIÁO", "Số: 5/KH-SDTTG", "Cà Mau, ngày 01 tháng 6 năm 2025",
        "KẾ HOẠCH", "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Triển khai đầy đủ các nhiệm vụ.",
        "II. TỔ CHỨC THỰC HIỆN", "1. Văn phòng Sở: theo dõi, đôn đốc thực hiện Kế hoạch.",
        "PHỤ LỤC", "PHÂN CÔNG CÁC NHIỆM VỤ CỤ THỂ",
        "(Kèm theo Kế hoạch số 5/KH-SDTTG ngày 01/6/2025 của Sở Dân tộc và Tôn giáo tỉnh Cà Mau)",
        "STT", "Nội dung công việc/nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả cần", "đạt", "Thời gian",
        "thực hiện", "Ghi chú",
    ]) + "\n", encoding="utf-8")
    plan = parse(read_document(path))
    assert plan.number == "5/KH-SDTTG"
    assert not [task for task in plan.tasks if task.origin == "appendix"]
    assert "appendix-unread" in {warning.code for warning in plan.warnings}
