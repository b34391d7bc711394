"""Cited documents: normalised numbers, issuers, dates, and what the plan implements."""

from datetime import date

import pytest

from loaders.citations import Region, collect
from loaders.layout import clean, joined
from loaders.model import Plan
from loaders.text import fold
from tests.expected_body import SEEDS, plan_of


def cite(*texts: str, **flags) -> Plan:
    plan = Plan("test.txt", list(texts))
    collect(plan, [Region(joined(clean(list(texts))), **flags)])
    return plan


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_citation_sets_and_flags(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    numbers = [citation.number for citation in plan.citations]
    assert len(numbers) == len(set(numbers)), "one citation per document"
    assert set(numbers) == expected["citations"]
    assert {c.number for c in plan.citations if c.basis} == expected["basis"]
    assert {c.number for c in plan.citations if c.implements} == expected["implements"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_citation_dates_and_issuers(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    by_number = {citation.number: citation for citation in plan.citations}
    for number, when in expected["dates"].items():
        assert by_number[number].date == (date.fromisoformat(when) if when else None), number
    for number, issuer in expected["issuers"].items():
        assert fold(by_number[number].issuer).startswith(issuer), number


def test_first_mention_keeps_its_span_and_printed_form():
    citation = next(c for c in plan_of("003").citations if c.number == "71/NQ-CP")
    assert citation.printed == "71-NQ/CP"
    assert (citation.span.first, citation.span.last) == (7, 7)


def test_party_and_state_styles_are_told_apart_by_the_issuer_code():
    plan = cite("Nghị quyết số 71-NQ/CP ngày 01/4/2025 của Chính phủ và Nghị quyết số 71-NQ/TW "
                "ngày 22/8/2025 của Bộ Chính trị; Nghị quyết số 57- NQ/TW.")
    assert [c.number for c in plan.citations] == ["71/NQ-CP", "71-NQ/TW", "57-NQ/TW"]
    assert [c.printed for c in plan.citations] == ["71-NQ/CP", "71-NQ/TW", "57- NQ/TW"]
    assert [c.issuer for c in plan.citations[:2]] == ["Chính phủ", "Bộ Chính trị"]
    assert plan.citations[1].date == date(2025, 8, 22)


def test_other_number_shapes():
    plan = cite("Quyết định số 1565/QĐ-TTG của Thủ tướng Chính phủ; Thông tư số 02/2025/TT-",
                "BGDĐT ngày 24/01/2025; Nghị quyết số 193/2025/QH15 của Quốc hội; Quyết định số 284/Qb-UBND.")
    assert [c.number for c in plan.citations] == ["1565/QĐ-TTg", "02/2025/TT-BGDĐT", "193/2025/QH15",
                                                  "284/QĐ-UBND"]
    assert [c.doc_type for c in plan.citations] == ["QĐ", "TT", "NQ", "QĐ"]
    assert plan.citations[1].span.first == 1 and plan.citations[1].span.last == 2


@pytest.mark.parametrize("printed, number", [
    ("708/BTTTT- CATTT", "708/BTTTT-CATTT"),          # a wrap after the dash
    ("02/2025/TT’— BGDDT", "02/2025/TT-BGDĐT"),       # OCR's stray quote and the bar of Đ lost
    ("Kế hoạch số 11 0/KH-UBND", "110/KH-UBND"),       # OCR set a digit apart
    ("Kết luận số 69—KL/TW", "69-KL/TW"),
])
def test_numbers_broken_by_a_wrap_or_ocr_are_read_whole(printed, number):
    assert [c.number for c in cite(f"Thực hiện {printed} ngày 15/02/2024.").citations] == [number]


def test_a_number_is_not_made_of_two():
    assert [c.number for c in cite("Năm 2025 1 văn bản; Kế hoạch số 12 34/KH-UBND.").citations] == ["34/KH-UBND"]


def test_broken_year_is_completed_from_another_mention_or_warned():
    plan = cite("Kế hoạch số 12-KH/TU, ngày 26/8/202 của Ban Thường vụ Thành ủy;",
                "Kế hoạch số 12-KH/TU ngày 26/8/2025.")
    assert plan.citations[0].date == date(2025, 8, 26)
    assert plan.warnings == []
    alone = cite("Kế hoạch số 12-KH/TU, ngày 26/8/202 của Ban Thường vụ Thành ủy.")
    assert alone.citations[0].date is None
    assert [w.code for w in alone.warnings] == ["citation-date"]


def test_unreadable_number_is_warned_not_guessed():
    plan = cite("(sau đây gọi tắt là Nghị quyết số TLINQ-CP); Nghị quyết số 57-NQ/TW")
    assert [c.number for c in plan.citations] == ["57-NQ/TW"]
    assert [w.code for w in plan.warnings] == ["citation-unreadable"]


def test_implements_only_the_top_level_of_a_thuc_hien_clause():
    plan = cite("Thực hiện Kế hoạch số 238/KH-UBND ngày 13/9/2025 của Ủy ban nhân dân thành phố về thực hiện "
                "Kế hoạch hành động số 12-KH/TU của Ban Thường vụ Thành ủy; Nghị quyết số 193/2025/QH15 của Quốc hội.",
                basis=True, implements=True)
    assert {c.number: c.implements for c in plan.citations} == {
        "238/KH-UBND": True, "12-KH/TU": False, "193/2025/QH15": True}
    assert all(c.basis for c in plan.citations)


def test_caption_naming_the_plan_itself_is_no_citation():
    plan = Plan("test.txt", [])
    caption = joined(clean(["(Kèm theo Kế hoạch số 19/KH-UBND ngày 15/8/2025 của UBND xã)"]))
    collect(plan, [Region(caption, self_caption=True)])
    assert plan.citations == []


NQ57 = "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
NQ193 = ("thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá phát triển khoa học, công nghệ, "
         "đổi mới sáng tạo và chuyển đổi số quốc gia")


@pytest.mark.parametrize("seed", ["000", "001", "002", "003"])
def test_subject_of_a_cited_document_is_its_title(seed):
    by_number = {citation.number: citation for citation in plan_of(seed).citations}
    assert by_number["57-NQ/TW"].title == NQ57
    if "193/2025/QH15" in by_number:
        assert by_number["193/2025/QH15"].title == NQ193
    assert by_number["238/KH-UBND" if seed != "003" else "142/KH-UBND"].title is None   # "về (việc) thực hiện …"


def test_no_issuer_or_title_is_read_from_table_text():
    plan = Plan("test.txt", [])
    rows = joined(clean(["Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị Sở Công thương Các sở về Văn phòng"]))
    collect(plan, [Region(rows, table=True)])
    citation = plan.citations[0]
    assert (citation.issuer, citation.title, citation.date) == (None, None, date(2024, 12, 22))
