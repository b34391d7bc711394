"""The identity of each seed, and the header shapes it is read from."""

from datetime import date

import pytest

from loaders.header import trailing_name
from loaders.model import Source, UnitRef
from loaders.parse import parse
from loaders.text import fold
from tests.expected_body import SEEDS, plan_of, source_of

IDENTITY = ("number", "number_printed", "signer_title", "signer", "recipients")


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_identity(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    for name in IDENTITY:
        assert getattr(plan, name) == expected[name], name
    assert fold(plan.place or "") == fold(expected["place"] or "")
    assert plan.date == (date.fromisoformat(expected["date"]) if expected["date"] else None)
    assert plan.title.startswith(expected["title"])
    assert "\n" not in plan.title and "  " not in plan.title


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_issuer_and_level(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    assert expected["issuer"] in fold(plan.issuer.printed)
    assert plan.level == expected["level"]


@pytest.mark.parametrize("seed, line", [("000", 9), ("001", 22), ("002", 52), ("003", 35), ("004", 1)])
def test_where_the_issuer_was_read(seed, line):
    # 000: the title's "… của Sở Nội vụ thành phố Hải Phòng", not its "Lưu: VT, VP." line;
    # 001-003: "<unit> xây dựng / ban hành Kế hoạch"; 004: the header.
    assert plan_of(seed).issuer.span.first == line


HEADER = [
    "UBND THÀNH PHỐ HẢI PHÒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập - Tự do - Hạnh phúc",
    "Số: 27 /KH-SKHCN Hải Phòng, ngày 3 tháng 10 năm 2025",
    "KẾ HOẠCH",
    "Phát triển hạ tầng số năm 2025",
    "",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Triển khai kịp thời.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Phát triển hạ tầng",
    "- Giao Phòng Kế hoạch - Tài chính chủ trì, phối hợp với Văn phòng Sở triển khai.",
    "Nơi nhận: KT. GIÁM ĐỐC",
    "- UBND thành phố; PHÓ GIÁM ĐỐC",
    "- Lưu: VT.",
    "Lê Văn Nam",
]


def test_two_column_header_of_a_department():
    plan = parse(Source("plan.txt", HEADER))
    assert fold(plan.issuer.printed) == "ubnd thanh pho hai phong so khoa hoc va cong nghe"
    assert plan.level == "department"
    assert (plan.number, plan.number_printed) == ("27/KH-SKHCN", "Số: 27 /KH-SKHCN")
    assert (plan.place, plan.date) == ("Hải Phòng", date(2025, 10, 3))
    assert plan.title == "Kế hoạch Phát triển hạ tầng số năm 2025"
    assert plan.signer_title == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    assert plan.signer == "Lê Văn Nam"
    assert plan.recipients == ["UBND thành phố"]


def test_number_left_blank_and_day_left_blank():
    lines = ["Số:      /KH-UBND", "Hà Nội, ngày     tháng 9 năm 2025"] + HEADER[3:]
    plan = parse(Source("draft.txt", lines))
    assert plan.number is None and plan.number_printed == "Số: /KH-UBND"
    assert plan.date is None and plan.place == "Hà Nội"


def test_diacritic_less_header_reads_the_same():
    from tests.variants import strip_diacritics
    plan = parse(Source("plain.txt", strip_diacritics(HEADER)))
    assert plan.number == "27/KH-SKHCN" and plan.date == date(2025, 10, 3)
    assert plan.level == "department"
    assert plan.signer_title == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"


def test_place_is_spelled_as_in_the_issuers_name(monkeypatch):
    import loaders.parse

    def resolve(text, span):
        return UnitRef(text, span, name="Ủy ban nhân dân xã Thanh Miện", level="commune")
    monkeypatch.setattr(loaders.parse, "resolve_issuer", resolve)
    plan = parse(source_of("004"))
    assert plan.place == "Thanh Miện"


@pytest.mark.parametrize("line, listed, name", [
    ("- Lưu: VT. Nguyễn Văn An", "- Lưu: VT.", "Nguyễn Văn An"),
    ("- Lưu: VT, CNTT. Trần Thị Bích Ngọc", "- Lưu: VT, CNTT.", "Trần Thị Bích Ngọc"),
    ("- UBND tỉnh (b/c);", "- UBND tỉnh (b/c);", None),
    ("- Lưu: VT. Sở Nội vụ thành phố Hải Phòng", "- Lưu: VT. Sở Nội vụ thành phố Hải Phòng", None),  # not a name
])
def test_a_name_beside_the_last_recipient_is_the_signer(line, listed, name):
    assert trailing_name(line) == (listed, name)
