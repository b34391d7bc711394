"""Indicator tables become one indicator per row, with its targets, whatever the extraction did to them.

Expected values are read by hand from the seed plans (``tests/expected_indicators``).
Appendix headings are found here by their words, not by line numbers, so these
tests do not depend on how the whole plan is parsed.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from pathlib import Path

import pytest

from graph.build import CORPUS
from loaders import indicator_tables
from loaders.model import Appendix, Cell, Plan, Source, SourceTable, Span
from loaders.parse import parse
from loaders.read import read_document
from loaders.text import fold, squash
from tests import variants
from tests.expected_indicators import P001, P004, TABLES

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
_HEADING = re.compile(r"^phu luc(?:\s+so)?\s*0*(\d+)\b")


def seed_lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")


def appendix(lines: list[str], number: str) -> Appendix:
    """Appendix ``number`` from its heading (``PHỤ LỤC 2: …``, ``PHU LUC SO 01: …``) to the next one."""
    heads = [(index, match.group(1)) for index, line in enumerate(lines)
             if (match := _HEADING.match(fold(line))) and line.strip()[:1].isupper()]
    for position, (index, printed) in enumerate(heads):
        if str(int(printed)) == number:
            end = heads[position + 1][0] if position + 1 < len(heads) else len(lines)
            return Appendix(number, squash(lines[index]), Span(index + 1, end))
    raise AssertionError(f"no heading of appendix {number}")


def read(lines: list[str], number: str, name: str = "variant.txt") -> Plan:
    plan = Plan(name, lines)
    assert indicator_tables.parse(Source(name, lines), plan, appendix(lines, number))
    return plan


@lru_cache(maxsize=None)
def seed_plan(name: str, number: str) -> Plan:
    return read(seed_lines(name), number, name)


def by_code(plan: Plan) -> dict:
    return {indicator.code: indicator for indicator in plan.indicators}


def warned(plan: Plan, code: str) -> list[int]:
    return [warning.line for warning in plan.warnings if warning.code == code]


def facts(plan: Plan) -> dict:
    """What a user reads off each row, folded so that spelling variants compare equal."""
    return {indicator.code: (fold(indicator.name), indicator.unit and fold(indicator.unit),
                             {target.year: (fold(target.text), target.value, target.max)
                              for target in indicator.targets},
                             [fold(unit.name or unit.printed) for unit in indicator.monitoring],
                             indicator.output and fold(indicator.output), indicator.group and fold(indicator.group))
            for indicator in plan.indicators}


TABLE_IDS = [f"{name[:3]}-{number}" for name, number in TABLES]
ROWS = [(name, number, code) for (name, number), table in TABLES.items() for code in table["rows"]]


# --- the seeds ------------------------------------------------------------------

@pytest.mark.parametrize("name, number", TABLES, ids=TABLE_IDS)
def test_every_row_is_an_indicator_in_printed_order(name, number):
    table = TABLES[name, number]
    plan = seed_plan(name, number)
    assert [indicator.code for indicator in plan.indicators] == table["codes"]
    assert len(plan.indicators) == table["count"]
    assert all(indicator.table == f"Phụ lục {number}" for indicator in plan.indicators)


@pytest.mark.parametrize("name, number, code", ROWS, ids=[f"{n[:3]}-{t}-{c}" for n, t, c in ROWS])
def test_row_facts(name, number, code):
    expected = TABLES[name, number]["rows"][code]
    indicator = by_code(seed_plan(name, number))[code]
    if "name" in expected:
        assert indicator.name.startswith(expected["name"])
    if "unit" in expected:
        assert indicator.unit == expected["unit"]
    targets = {target.year: target for target in indicator.targets}
    for year, target in expected.get("targets", {}).items():
        if target is None:
            assert year not in targets, f"{code} prints no target for {year}"
            continue
        text, comparator, value = target
        assert targets[year].text == text
        assert targets[year].value == pytest.approx(value) if value is not None else targets[year].value is None
        if comparator is not None:
            assert targets[year].comparator == comparator
    monitoring = [fold(f"{unit.name} {unit.printed}") for unit in indicator.monitoring]
    for words in expected.get("monitoring", []):
        assert any(words in unit for unit in monitoring), (words, monitoring)
    if "output" in expected:
        assert indicator.output == expected["output"]
    if "group" in expected:
        assert indicator.group.startswith(expected["group"])
    if "span" in expected:
        assert (indicator.span.first, indicator.span.last) == expected["span"]


@pytest.mark.parametrize("name, number", TABLES, ids=TABLE_IDS)
def test_spans_cover_the_row_inside_the_appendix(name, number):
    plan = seed_plan(name, number)
    lines = seed_lines(name)
    where = appendix(lines, number).span
    for indicator in plan.indicators:
        assert where.first < indicator.span.first <= indicator.span.last <= where.last
        printed = fold(" ".join(lines[indicator.span.first - 1:indicator.span.last]))
        for target in indicator.targets:
            assert indicator.span.first <= target.span.first <= target.span.last <= indicator.span.last
            assert fold(target.text).split()[-1] in printed


def test_group_headings_become_sections():
    plan = seed_plan(P001, "1")
    groups = [(section.number, section.title) for section in plan.sections if section.kind == "group"]
    assert groups == TABLES[P001, "1"]["groups"]
    roman, first, sixteen = plan.sections
    assert first.parent == 0 and sixteen.parent == 0 and roman.parent is None
    assert [section.title for section in seed_plan(P001, "2").sections] == [t for _, t in TABLES[P001, "2"]["groups"]]


def test_targets_of_a_single_horizon_table_take_its_year():
    assert {target.year for indicator in seed_plan(P001, "1").indicators for target in indicator.targets} == {"2030"}
    assert {target.year for indicator in seed_plan(P004, "1").indicators for target in indicator.targets} == {"2030"}


@pytest.mark.parametrize("name, number", TABLES, ids=TABLE_IDS)
def test_numbering_breaks_are_warned_and_kept_as_printed(name, number):
    table = TABLES[name, number]
    plan = seed_plan(name, number)
    lines = warned(plan, "out-of-sequence")
    flagged = [indicator.code for indicator in plan.indicators
               if any(indicator.span.first <= line <= indicator.span.last for line in lines)]
    assert flagged == table["out_of_sequence"] and len(lines) == len(flagged)


def test_numbers_whose_dot_ocr_dropped_are_restored_and_warned():
    plan = seed_plan(P004, "1")
    restored = {warning.message.rsplit(" ", 1)[-1]: warning.message for warning in plan.warnings
                if warning.code == "code-restored"}
    for code, printed in TABLES[P004, "1"]["restored"].items():
        assert f"printed {printed}," in restored[code]
    assert len({indicator.code for indicator in plan.indicators}) == len(plan.indicators)


def test_targets_that_do_not_parse_and_missing_monitoring_are_warned():
    plan = seed_plan(P001, "1")
    rows = by_code(plan)
    unparsed = TABLES[P001, "1"]["unparsed"]
    assert warned(plan, "target-unparsed") == [rows[code].targets[0].span.first for code in unparsed]
    assert rows["8"].targets[0].text.startswith("Tiên tiến")
    assert sorted(warned(plan, "no-monitoring")) == sorted(indicator.span.first for indicator in plan.indicators)
    assert not warned(seed_plan(P001, "2"), "no-monitoring")


def test_a_row_printing_fewer_targets_than_years_is_warned():
    plan = seed_plan(P001, "2")
    assert warned(plan, "target-count") == [by_code(plan)["18"].span.first]


def test_an_assignment_table_is_left_alone():
    lines = seed_lines(P001)
    plan = Plan(P001, lines)
    assert not indicator_tables.parse(Source(P001, lines), plan, appendix(lines, "3"))
    assert not plan.indicators and not plan.sections and not plan.warnings


# --- variants ---------------------------------------------------------------------

@pytest.mark.parametrize("number", ["1", "2"])
def test_diacritics_stripped(number):
    original = facts(seed_plan(P001, number))
    assert facts(read(variants.strip_diacritics(seed_lines(P001)), number)) == original


@pytest.mark.parametrize("number", ["1", "2"])
def test_ocr_damage_keeps_codes_and_targets(number):
    damaged = read(variants.ocr_damage(seed_lines(P001), rate=0.3, seed=7), number)
    original = seed_plan(P001, number)
    assert [indicator.code for indicator in damaged.indicators] == [indicator.code for indicator in original.indicators]
    assert target_values(damaged) == target_values(original)


def target_values(plan: Plan) -> list[list[tuple[str, float | None]]]:
    return [[(target.year, target.value) for target in indicator.targets] for indicator in plan.indicators]


HEADERS = {"1": "TT Chỉ tiêu Đơn vị Kết quả Cơ quan chủ trì theo dõi, đánh giá",
           "2": "Stt Chỉ tiêu Năm 2025 Năm 2030 Năm 2035 Năm 2040 Năm 2045 Cơ quan chủ trì theo dõi, đánh giá "
                "Sản phẩm đầu ra"}


def without_headers(lines: list[str], first: int, last: int, closing: str) -> list[str]:
    """Lines ``first``..``last`` without the header rows the PDF repeated on each page
    (from a line reading ``Stt`` or ``TT …`` to the one ending in ``closing``)."""
    kept, header = [], None
    for line in lines[first:last]:
        if header is None and re.match(r"^(?:stt|tt)\b", fold(line)):
            header = ""
        if header is None:
            kept.append(line)
            continue
        header = fold(f"{header} {line}")
        if header.endswith(closing):
            header = None
    return kept


@pytest.mark.parametrize("number", ["1", "2"])
@pytest.mark.parametrize("every", [7, 11, 23])
def test_page_breaks_moved_with_the_header_repeated(number, every):
    """The header repeated after every few printed lines of the table instead of where the
    PDF broke its pages: between a row's number and its name, inside a cell."""
    lines = variants.strip_diacritics(seed_lines(P001)) if every == 11 else seed_lines(P001)
    header = variants.strip_diacritics([HEADERS[number]])[0] if every == 11 else HEADERS[number]
    where = appendix(lines, number).span
    body = next(index for index in range(where.first, where.last) if re.match(r"\s*(?:I|1)\s", lines[index]))
    table = without_headers(lines, body, where.last, fold(header[-8:]))
    paged = lines[:body] + variants.paginate(table, every, header) + lines[where.last:]
    assert facts(read(paged, number)) == facts(read(lines, number))


# A table written anew from the facts of the seed, as another office would lay it out.

def write_table(plan: Plan, years: list[str], name_width: int, values_on_one_line: bool,
                output_first: bool, rows_per_page: int = 4) -> list[str]:
    """Phụ lục 2's indicators printed with the target columns in ``years`` order, the
    output column before or after the monitoring one, names wrapped at ``name_width``,
    a page break with the header repeated every few rows."""
    monitoring, output = ["Cơ quan chủ", "trì theo dõi,", "đánh giá"], ["Sản phẩm", "đầu ra"]
    header = ["Stt", "", "Chỉ tiêu", ""] + [f"Năm {year}" for year in years] + (
        output + monitoring if output_first else monitoring + output) + [""]
    lines = ["PHỤ LỤC 2: CÁC CHỈ TIÊU THEO DÕI ĐÁNH GIÁ", "", *header]
    group = None
    for position, indicator in enumerate(plan.indicators):
        if position and position % rows_per_page == 0:
            lines += ["", str(position // rows_per_page + 1), "", *header]
        if indicator.group != group:
            group = indicator.group
            lines += [group, ""]
        targets = {target.year: target.text for target in indicator.targets}
        values = [targets.get(year, "-") for year in years]
        lines += [indicator.code, *textwrap.wrap(indicator.name, name_width)]
        lines += [" ".join(values)] if values_on_one_line else values
        units = textwrap.wrap("; ".join(unit.printed for unit in indicator.monitoring), 15)
        products = textwrap.wrap(indicator.output or "", 12)
        lines += (products + units if output_first else units + products) + [""]
    return lines


@pytest.mark.parametrize("years, width, one_line, output_first", [
    (["2025", "2030", "2035", "2040", "2045"], 45, True, False),
    (["2045", "2040", "2035", "2030", "2025"], 30, False, False),
    (["2030", "2025", "2045", "2035", "2040"], 60, True, True),
    (["2025", "2030", "2035", "2040", "2045"], 34, False, True),
])
def test_columns_in_the_order_the_header_gives(years, width, one_line, output_first):
    original = seed_plan(P001, "2")
    lines = write_table(original, years, width, one_line, output_first)
    assert facts(read(lines, "2")) == facts(original)


def test_real_cells_of_a_table():
    """A DOCX or HTML table: the cells are given, the header words still name the columns."""
    rows = [["Stt", "Chỉ tiêu", "Đơn vị", "Kết quả đến năm 2030", "Cơ quan chủ trì theo dõi, đánh giá"],
            ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "≥ 80", "Văn phòng HĐND và UBND xã"],
            ["2", "Chi cho khoa học, công nghệ", "% tổng chi NSNN", "Phấn đấu đạt 3%", "Phòng Kinh tế"]]
    lines = ["PHỤ LỤC 1: CÁC CHỈ TIÊU ĐẾN NĂM 2030"] + [" ".join(row) for row in rows]
    table = SourceTable([[Cell(text, Span(number, number)) for text in row] for number, row in
                         enumerate(rows, start=2)], Span(2, 4))
    plan = Plan("cells.docx", lines)
    where = Appendix("1", lines[0], Span(1, 4), table)
    assert indicator_tables.parse(Source("cells.docx", lines, [table]), plan, where)
    first, second = plan.indicators
    assert (first.code, first.name, first.unit) == ("1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%")
    assert (first.targets[0].year, first.targets[0].text, first.targets[0].value) == ("2030", "≥ 80", 80.0)
    assert (second.unit, second.targets[0].value, second.span) == ("% tổng chi NSNN", 3.0, Span(4, 4))
    assert fold(second.monitoring[0].printed) == "phong kinh te"


def test_a_table_laid_out_like_none_of_the_seeds():
    """Another province's layout: a unit column, two horizons named "Chỉ tiêu đến năm …",
    most rows on one printed line (the extraction keeping the gaps between cells on one)."""
    lines = ["PHỤ LỤC 1", "CHỈ TIÊU CHUYỂN ĐỔI SỐ CỦA XÃ", "",
             "STT Chỉ tiêu Đơn vị tính Chỉ tiêu đến năm 2027 Chỉ tiêu đến năm 2030 Đơn vị chủ trì", "",
             "1 Tỷ lệ hộ gia đình có kết nối internet cáp quang % ≥ 70 100 Phòng Văn hóa - Xã hội", "",
             "2 Số doanh nghiệp công nghệ số trên địa bàn  Doanh nghiệp  5  ≥ 10  Phòng Kinh tế", "",
             "3 Tỷ lệ hồ sơ trực tuyến toàn trình được xử lý đúng hạn, không phải bổ sung hồ sơ", "",
             "giấy % 90-95% 100% Văn phòng HĐND và UBND", "xã", ""]
    plan = read(lines, "1")
    first, second, third = plan.indicators
    assert [(t.year, t.text, t.value) for t in first.targets] == [("2027", "≥ 70", 70.0), ("2030", "100", 100.0)]
    assert first.unit == "%" and fold(first.monitoring[0].printed) == "phong van hoa - xa hoi"
    assert (second.name, second.unit) == ("Số doanh nghiệp công nghệ số trên địa bàn", "Doanh nghiệp")
    assert [(t.year, t.value) for t in second.targets] == [("2027", 5.0), ("2030", 10.0)]
    assert third.name.endswith("không phải bổ sung hồ sơ giấy")
    assert [(t.year, t.value, t.max) for t in third.targets] == [("2027", 90.0, 95.0), ("2030", 100.0, None)]
    assert fold(" ".join(unit.printed for unit in third.monitoring)) == "van phong hdnd va ubnd xa"
    assert third.span == Span(10, 13)


def test_ocr_garbled_monitoring_units_are_read_as_the_division_they_name():
    """Seed 004 prints ``Phòng Văn hóa - Xã hội`` as ``Phong Yﬁr},h"é i`` / ``X4 hot`` over two
    lines, side by side with the indicator's name: the cell is rebuilt and recognised."""
    rows = by_code(parse(read_document(CORPUS / P004)))
    for code in ("1.2", "1.3", "1.6", "1.7", "1.9", "1.11", "5", "6.2", "10", "11.4", "11.5", "12.6"):
        assert [unit.name for unit in rows[code].monitoring] == ["Phòng Văn hóa - Xã hội"], code
    assert not fold(rows["6.2"].name).endswith("xa hoi")        # the unit's last words left the name
    assert [unit.name for unit in rows["4"].monitoring] == ["Phòng Kinh tế"]
