"""Whole documents: parts found, bad input refused, and variants of a seed read alike."""

from functools import lru_cache

import pytest

from loaders.model import ParseError, Source
from loaders.parse import find_appendices, parse
from loaders.text import fold, squash
from tests import variants
from tests.expected_body import SEEDS, plan_of, source_of

APPENDICES = {
    "000": [],
    "001": [("1", "CÁC CHỈ TIÊU CỤ THỂ THEO NGHỊ QUYẾT SỐ 71/NQ-CP", 712),
            ("2", "CÁC CHỈ TIÊU THEO DÕI ĐÁNH GIÁ THEO GIAI ĐOẠN 05 NĂM", 841),
            ("3", "PHÂN CÔNG CÁC NHIỆM VỤ CHUNG CỦA THÀNH PHỐ", 2418),
            ("4", "PHÂN CÔNG CÁC NHIỆM VỤ KHÁC THỰC HIỆN TẠI THÀNH PHỐ", 4063)],
    "002": [("", "PHÂN CÔNG CÁC NHIỆM VỤ CỤ THỂ", 196)],
    "003": [],
    "004": [("1", "CAC CHI TIEU CU THE", 264), ("2", "PHAN CONG CAC NHIEM VU CU THE", 369)],
}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_appendices_are_split_at_headings_not_at_mentions(seed):
    found = [(a.number, a.title, a.span.first) for a in find_appendices(source_of(seed))]
    assert found == APPENDICES[seed]


def test_plan_keeps_the_source_lines_and_spans_the_whole_text():
    source = source_of("003")
    plan = plan_of("003")
    assert plan.lines == source.lines
    assert (plan.span.first, plan.span.last) == (1, len(source.lines))


def test_appendix_tables_are_handed_to_the_table_parsers():
    rows = [task for task in plan_of("002").tasks if task.origin == "appendix"]
    assert rows, "the task table of 002's appendix was not read"
    assert all(task.span.first >= 196 for task in rows)


def test_an_appendix_no_parser_recognises_is_warned():
    lines = ["KẾ HOẠCH", "Chuyển đổi số", "I. MỤC ĐÍCH", "1. Mục đích", "- Triển khai.",
             "PHỤ LỤC 1: GHI CHÚ", "Văn bản này không có bảng nào."]
    plan = parse(Source("notes.txt", lines))
    assert [(w.code, w.line) for w in plan.warnings if w.code == "appendix-unread"] == [("appendix-unread", 6)]


@pytest.mark.parametrize("lines, line, words", [
    ([], None, "empty"),
    (["", "   ", ""], None, "empty"),
    (["\x00\x01\x02\x03PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"], 1, "binary"),
    (["Biên bản họp", "Hôm nay các bên đã thống nhất như sau.", "Cuộc họp kết thúc lúc 11 giờ."], 1, "not a plan"),
])
def test_what_is_not_a_plan_is_refused_with_its_place(lines, line, words):
    with pytest.raises(ParseError) as error:
        parse(Source("bad.txt", lines))
    assert (error.value.document, error.value.line) == ("bad.txt", line)
    assert words in error.value.message


# Variants: the body of each seed (appendices cut off), laid out or spelled another way.

@lru_cache(maxsize=None)
def body_lines(seed: str) -> tuple[str, ...]:
    source = source_of(seed)
    appendices = find_appendices(source)
    return tuple(source.lines[: appendices[0].span.first - 1] if appendices else source.lines)


def facts(lines, name="variant.txt") -> dict:
    """What must not change between variants: identity, citations, structure and task counts."""
    plan = parse(Source(name, list(lines)))
    groups = {}
    for task in plan.tasks:
        key = plan.sections[task.section].number
        groups[key] = groups.get(key, 0) + 1
    return {
        "number": plan.number,
        "date": plan.date,
        "level": plan.level,
        "signer_title": plan.signer_title,
        "citations": sorted(fold(c.number) for c in plan.citations),
        "romans": [s.number for s in plan.sections if s.parent is None],
        "groups": groups,
        "tasks": [squash(task.text).replace("- ", "-") for task in plan.tasks],
        "responsibilities": len(plan.responsibilities),
    }


@lru_cache(maxsize=None)
def original(seed: str) -> dict:
    return facts(body_lines(seed), SEEDS[seed]["file"])


def same_facts(seed, lines, *, texts=True, spelling=True):
    expected, found = dict(original(seed)), facts(lines)
    if not texts:
        for values in (expected, found):
            values["tasks"] = len(values["tasks"])
    if not spelling:
        expected.pop("citations"), found.pop("citations")
    assert found == expected


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_diacritics_stripped(seed):
    same_facts(seed, variants.strip_diacritics(body_lines(seed)), texts=False)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_ocr_damage(seed):
    same_facts(seed, variants.ocr_damage(list(body_lines(seed)), rate=0.15, seed=7), texts=False)


@pytest.mark.parametrize("seed", sorted(SEEDS))
@pytest.mark.parametrize("width", [60, 110])
def test_rewrapped(seed, width):
    same_facts(seed, variants.rewrap(list(body_lines(seed)), width=width, seed=3))


@pytest.mark.parametrize("seed", sorted(SEEDS))
@pytest.mark.parametrize("mode", ["none", "every", "random"])
def test_blank_lines_laid_anew(seed, mode):
    same_facts(seed, variants.blank_lines(list(body_lines(seed)), mode, seed=5))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_page_numbers_and_running_headers(seed):
    lines = variants.paginate(list(body_lines(seed)), every=23, header="Kế hoạch chuyển đổi số - Trang nội bộ")
    same_facts(seed, lines)


@pytest.mark.parametrize("seed, style", [(seed, style) for seed in ("001", "003") for style in
                                         ("nodot", "letters", "bullets")] + [("004", "nodot")])
def test_renumbered(seed, style):
    lines = variants.renumber(list(body_lines(seed)), style)
    if style == "nodot":
        same_facts(seed, lines)
        return
    found, expected = facts(lines), original(seed)
    assert len(found["tasks"]) == len(expected["tasks"])
    assert found["tasks"] == expected["tasks"]
