"""Printed indicator targets become a comparator, a value (or a range) and a unit."""

import pytest

from loaders.model import Span
from loaders.text import fold
from loaders.values import parse_number, parse_target

SPAN = Span(12, 13)

# As the seed plans and other provinces' tables print them: comparator, value, max, unit.
PRINTED = [
    ("≥ 80", ">=", 80.0, None, None),
    (">= 80", ">=", 80.0, None, None),
    ("≥60%", ">=", 60.0, None, "%"),
    ("100%", "=", 100.0, None, "%"),
    ("100", "=", 100.0, None, None),
    ("> 85", ">", 85.0, None, None),
    ("≤ 5%", "<=", 5.0, None, "%"),
    ("80-90%", "range", 80.0, 90.0, "%"),
    ("45 - 50%", "range", 45.0, 50.0, "%"),
    ("80% - 90%", "range", 80.0, 90.0, "%"),
    ("từ 80 đến 90%", "range", 80.0, 90.0, "%"),
    ("≥ 0,77", ">=", 0.77, None, None),
    ("đạt 1,0", "=", 1.0, None, None),
    ("1.000", "=", 1000.0, None, None),
    ("phấn đấu ít nhất 3%", ">=", 3.0, None, "%"),
    ("tối thiểu đạt 80%", ">=", 80.0, None, "%"),
    ("không thấp hơn 50%", ">=", 50.0, None, "%"),
    ("90% trở lên", ">=", 90.0, None, "%"),
    ("đạt trên 3,5%", ">", 3.5, None, "%"),
    ("Phấn đấu đạt 3%", "=", 3.0, None, "%"),
    ("không quá 5%", "<=", 5.0, None, "%"),
    ("tối đa 10", "<=", 10.0, None, None),
    ("dưới 2%", "<", 2.0, None, "%"),
    ("khoảng 30", None, 30.0, None, None),
    ("Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng", None, None, None, None),
    ("Hoàn thành", None, None, None, None),
]

# OCR without diacritics and with noise, as seed 004 prints targets.
OCR = [
    ("Phén du dat 1%", "=", 1.0, None, "%"),
    ("Phan dau dat 3%", "=", 3.0, None, "%"),
    ("~ 30", None, 30.0, None, None),
    ("> 30", ">", 30.0, None, None),
    ("phan dau it nhat 3%", ">=", 3.0, None, "%"),
    ("dat tren 3,5 %", ">", 3.5, None, "%"),
    ("Tién tién, hién dai", None, None, None, None),
]


def read(text: str, unit: str | None = None):
    target = parse_target(text, "2030", SPAN, unit)
    return target.comparator, target.value, target.max, target.unit


@pytest.mark.parametrize("text, comparator, value, maximum, unit", PRINTED + OCR)
def test_printed_targets(text, comparator, value, maximum, unit):
    assert read(text) == (comparator, value, maximum, unit)


@pytest.mark.parametrize("text", [row[0] for row in PRINTED])
def test_text_without_diacritics_reads_the_same(text):
    assert read(fold(text)) == read(text)


def test_the_target_keeps_its_year_printed_text_and_lines():
    target = parse_target("đạt trên 3,5%", "2045", SPAN)
    assert (target.year, target.text, target.span) == ("2045", "đạt trên 3,5%", SPAN)


@pytest.mark.parametrize("text, unit", [("100", "% dân số"), ("Phấn đấu đạt 3%", "% tổng chi NSNN"),
                                        ("5", "Doanh nghiệp"), ("90-95%", "%")])
def test_the_unit_the_table_gives_wins(text, unit):
    assert parse_target(text, "2030", SPAN, unit).unit == unit


@pytest.mark.parametrize("text, value", [
    ("Phấn đấu đạt 3% đến năm 2030", 3.0),
    ("Đến năm 2030 đạt 50%", 50.0),
    ("giai đoạn 2026 - 2030 đạt 70%", 70.0),
    ("100% theo Thông tư số 02/2025/TT-BGDĐT", 100.0),
    ("Phủ sóng 5G 100%", 100.0),
])
def test_years_dates_and_names_in_prose_are_not_the_value(text, value):
    assert read(text)[1] == value


def test_prose_naming_only_a_year_has_no_value():
    assert read("Hoàn thành trước năm 2030") == (None, None, None, None)


@pytest.mark.parametrize("text, number", [
    ("80", 80.0), ("0,77", 0.77), ("3,5", 3.5), ("0.8", 0.8), ("1.000", 1000.0), ("1.000.000", 1000000.0),
    ("1.234,5", 1234.5), (" 95 ", 95.0), ("5G", None), ("80%", None), ("khoảng 30", None), ("", None),
])
def test_parse_number(text, number):
    assert parse_number(text) == number
