"""Printed deadlines become a kind and, where they name a time, its first and last day."""

from datetime import date

import pytest

from loaders.deadlines import deadline_in_text, parse_deadline
from loaders.model import DEADLINE_KINDS, Span
from loaders.text import fold

SPAN = Span(4889, 4893)

# As plan tables and organisation sections print them: kind, start, end.
PRINTED = [
    ("Tháng 9/2025", "date", date(2025, 9, 1), date(2025, 9, 30)),
    ("Tháng 2/2028", "date", date(2028, 2, 1), date(2028, 2, 29)),
    ("9/2025", "date", date(2025, 9, 1), date(2025, 9, 30)),
    ("12/2025", "date", date(2025, 12, 1), date(2025, 12, 31)),
    ("tháng 9 năm 2025", "date", date(2025, 9, 1), date(2025, 9, 30)),
    ("Quý III/2025", "date", date(2025, 7, 1), date(2025, 9, 30)),
    ("Quý IV năm 2025", "date", date(2025, 10, 1), date(2025, 12, 31)),
    ("6 tháng đầu năm 2026", "date", date(2026, 1, 1), date(2026, 6, 30)),
    ("Năm 2025", "date", date(2025, 1, 1), date(2025, 12, 31)),
    ("2025", "date", date(2025, 1, 1), date(2025, 12, 31)),
    ("trước ngày 15/12/2025", "date", date(2025, 12, 15), date(2025, 12, 15)),
    ("ngày 30/6/2025", "date", date(2025, 6, 30), date(2025, 6, 30)),
    ("trước ngày 15 tháng 12 năm 2025", "date", date(2025, 12, 15), date(2025, 12, 15)),
    ("2025 - 2030", "period", date(2025, 1, 1), date(2030, 12, 31)),
    ("2025-2026", "period", date(2025, 1, 1), date(2026, 12, 31)),
    ("Giai đoạn 2026 – 2030", "period", date(2026, 1, 1), date(2030, 12, 31)),
    ("Từ năm 2025 đến năm 2030", "period", date(2025, 1, 1), date(2030, 12, 31)),
    ("Từ tháng 9/2025 đến tháng 12/2025", "period", date(2025, 9, 1), date(2025, 12, 31)),
    ("Hằng năm", "yearly", None, None),
    ("Hàng năm", "yearly", None, None),
    ("trước ngày 15/12 hằng năm", "yearly", None, None),
    ("Định kỳ hằng năm trước ngày 13/12", "yearly", None, None),
    ("Năm 2025 và những năm tiếp theo", "yearly", date(2025, 1, 1), None),
    ("Hằng quý", "ongoing", None, None),
    ("Hằng tháng", "ongoing", None, None),
    ("Hàng tháng", "ongoing", None, None),
    ("Thường xuyên", "ongoing", None, None),
    ("Liên tục", "ongoing", None, None),
    ("Thường xuyên, giai đoạn 2025 - 2030", "ongoing", date(2025, 1, 1), date(2030, 12, 31)),
    ("Theo lộ trình của Trung ương", "roadmap", None, None),
    ("Theo lộ trình của Bộ", "roadmap", None, None),
    ("Sau khi Chính phủ ban hành", "after", None, None),
    ("Sau khi Bộ Khoa học và Công nghệ ban hành Nghị định số 13/2023/NĐ-CP", "after", None, None),
    ("Kế hoạch", "unknown", None, None),
    ("Theo chỉ đạo của thành phố", "unknown", None, None),
]

# OCR without diacritics and with misread letters, as seed 004 prints deadlines.
OCR = [
    ("Théng 8/2025", "date", date(2025, 8, 1), date(2025, 8, 31)),
    ("Théng 7/2025", "date", date(2025, 7, 1), date(2025, 7, 31)),
    ("thdng 9 ndm 2025", "date", date(2025, 9, 1), date(2025, 9, 30)),
    ("2025-2026", "period", date(2025, 1, 1), date(2026, 12, 31)),
    ("Hang nam", "yearly", None, None),
    ("Hang ndm", "yearly", None, None),
    ("Hang nim", "yearly", None, None),
    ("Hang thang", "ongoing", None, None),
    ("Thudng xuyén", "ongoing", None, None),
    ("Sau khi Chinh phu ban hanh", "after", None, None),
]


def read(text: str):
    deadline = parse_deadline(text, SPAN)
    return deadline.kind, deadline.start, deadline.end


@pytest.mark.parametrize("text, kind, start, end", PRINTED + OCR)
def test_printed_deadlines(text, kind, start, end):
    assert read(text) == (kind, start, end)


@pytest.mark.parametrize("text", [row[0] for row in PRINTED])
def test_text_without_diacritics_reads_the_same(text):
    assert read(fold(text)) == read(text)


def test_the_deadline_keeps_its_printed_text_and_lines():
    deadline = parse_deadline("Tháng 9/2025", SPAN)
    assert (deadline.text, deadline.span) == ("Tháng 9/2025", SPAN)


@pytest.mark.parametrize("text", ["13/2025", "31/2/2025", "Nghị định số 13/2023/NĐ-CP", "Thông tư 02/2025/TT-BGDĐT"])
def test_impossible_dates_and_document_numbers_are_no_time(text):
    assert read(text) == ("unknown", None, None)


def test_every_kind_read_is_a_kind_of_the_model():
    assert {read(row[0])[0] for row in PRINTED + OCR} == set(DEADLINE_KINDS)


# Task sentences that give their own time, as plans without an assignment table print them.
IN_TEXT = [
    ("Tổ chức quán triệt Nghị quyết. Phòng Văn hóa chủ trì; thời gian: Quý IV/2025.", "Quý IV/2025", "date"),
    ("Rà soát quy định; Thời gian thực hiện: năm 2025 và những năm tiếp theo", "năm 2025 và những năm tiếp theo", "yearly"),
    ("Số hóa hồ sơ, thời hạn hoàn thành: tháng 12/2026; báo cáo kết quả.", "tháng 12/2026", "date"),
    ("Xây dựng cơ sở dữ liệu, hoàn thành trước ngày 30/6/2026.", "trước ngày 30/6/2026", "date"),
    ("So hoa ho so; thoi gian: 2025 - 2030", "2025 - 2030", "period"),   # OCR without diacritics
    ("Theo dõi, đôn đốc; thời gian: thường xuyên.", "thường xuyên", "ongoing"),
]


@pytest.mark.parametrize("text, printed, kind", IN_TEXT)
def test_a_task_sentence_gives_its_own_deadline(text, printed, kind):
    deadline = deadline_in_text(text, SPAN)
    assert (deadline.text, deadline.kind, deadline.span) == (printed, kind, SPAN)


@pytest.mark.parametrize("text", [
    "Ứng dụng công nghệ số để giảm thời gian xử lý hồ sơ trong năm 2025.",   # time as a thing, not a deadline
    "Tổ chức hội nghị; thời gian: sẽ có thông báo sau",                      # a time clause naming no time
    "Hoàn thành số hóa 100% hồ sơ.",
])
def test_sentences_without_a_deadline_clause_give_none(text):
    assert deadline_in_text(text, SPAN) is None
