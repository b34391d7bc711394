"""Page furniture goes, line numbers stay."""

from loaders.layout import clean, fold_chars, join, joined, normal_gap
from loaders.text import fold


def test_page_numbers_and_blank_interleaving_are_dropped_with_numbers_kept():
    lines = ["I. MỤC ĐÍCH", "", "1. Mục đích", "", "- Quán triệt, triển khai thực hiện", "", "23", "",
             "đầy đủ các nhiệm vụ.", "", "2. Yêu cầu"]
    cleaned = clean(lines)
    assert [line.text for line in cleaned] == ["I. MỤC ĐÍCH", "1. Mục đích", "- Quán triệt, triển khai thực hiện",
                                               "đầy đủ các nhiệm vụ.", "2. Yêu cầu"]
    assert [line.number for line in cleaned] == [1, 3, 5, 9, 11]
    assert normal_gap(cleaned) == 1
    assert normal_gap(clean(["a", "b", "", "c", "", "", "d"])) is None


def test_running_header_next_to_page_numbers_is_dropped_but_repeated_text_is_not():
    header = "Kế hoạch số 19/KH-UBND của Ủy ban nhân dân xã"
    lines = ["Nội dung một.", "2", header, "Nội dung hai.", "Thường xuyên", "3", header, "Nội dung ba.",
             "Thường xuyên"]
    texts = [line.text for line in clean(lines)]
    assert header not in texts
    assert texts.count("Thường xuyên") == 2


def test_first_line_number_offsets_the_count():
    assert [line.number for line in clean(["a", "", "b"], first=10)] == [10, 12]


def test_a_number_wrapped_after_its_hyphen_is_rejoined_without_a_space():
    lines = clean(["Kế hoạch hành động số 12-", "KH/TU, ngày 26/8/2025 của Ban", "Thường vụ Thành ủy"])
    assert join(lines) == "Kế hoạch hành động số 12-KH/TU, ngày 26/8/2025 của Ban Thường vụ Thành ủy"
    assert join(clean(["kinh tế -", "xã hội"])) == "kinh tế - xã hội"


def test_joined_text_maps_characters_back_to_source_lines():
    text = joined(clean(["Căn cứ Nghị quyết số", "", "71/NQ-CP ngày 01/4/2025"]))
    start = text.text.index("71/NQ-CP")
    assert text.line_at(start) == 3
    assert text.span(0, start + 3) == text.span(0, len(text.text))
    assert (text.span(0, start).first, text.span(0, start).last) == (1, 1)


def test_fold_chars_keeps_positions_and_agrees_with_fold():
    for text in ("Ủy ban nhân dân xã Thanh Miện", "ĐỔI MỚI SÁNG TẠO", "S6:19 /KH-UBND"):
        assert len(fold_chars(text)) == len(text)
        assert fold_chars(text) == fold(text)
