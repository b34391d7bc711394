"""Sections and tasks of the body, as printed, however they are numbered."""

import json
from collections import Counter
from pathlib import Path

import pytest

from bench.cell_scores import unit_form
from loaders.body import CLOSING, marker
from loaders.model import Source, Span
from loaders.organisation import assignees, unit_phrase
from loaders.parse import find_appendices, parse
from loaders.text import fold
from tests.expected_body import SEEDS, plan_of, source_of


CELLS = Path(__file__).resolve().parent / "data" / "cells"


def body_tasks(plan):
    return [task for task in plan.tasks if task.origin == "body"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_sections_and_task_counts(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    body = [s for s in plan.sections if s.kind == "body"]
    assert len(body) == expected["sections"]
    assert [s.number for s in body if s.parent is None] == expected["romans"]
    for section in body:
        if "." in section.number:
            assert plan.sections[section.parent].number == section.number.rsplit(".", 1)[0]
    groups = Counter(plan.sections[task.section].number for task in body_tasks(plan))
    assert dict(groups) == expected["groups"]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_task_texts(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    by_number = {}
    for task in body_tasks(plan):
        by_number.setdefault(task.number, task)
    for number, start in expected["tasks"].items():
        assert by_number[number].text.startswith(start), number
    for number, end in expected["task_ends"].items():
        assert by_number[number].text.endswith(end), number
    for task in body_tasks(plan):
        assert task.text == " ".join(task.text.split())
        assert task.text.split()[0] in plan.lines[task.span.first - 1]
        assert task.text.split()[-1] in plan.lines[task.span.last - 1]


def test_numbering_is_kept_as_printed_and_faults_are_warned():
    assert [task.number for task in body_tasks(plan_of("003"))] == SEEDS["003"]["numbers"]
    for seed, expected in SEEDS.items():
        plan = plan_of(seed)
        appendices = find_appendices(source_of(seed))
        end = appendices[0].span.first if appendices else len(plan.lines) + 1
        lines = sorted(w.line for w in plan.warnings if w.code == "out-of-sequence" and w.line < end)
        assert lines == expected["out_of_sequence"], seed


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_organisation_section_names_its_leads_partners_and_the_units_it_asks_to_act(seed):
    """Against the hand reading of tests/data/cells: who leads, works with ("phối hợp với các phòng
    chuyên môn") or is asked to act ("yêu cầu các phòng, ban, ngành, các Tổ dân phố …"), each unit once."""
    plan = plan_of(seed)
    expected = json.loads((CELLS / f"{SEEDS[seed]['file'].split('.')[0]}.json").read_text(encoding="utf-8"))
    assert {unit_form(duty.unit.name) for duty in plan.responsibilities} == \
        {unit_form(unit) for unit in expected["organisation"]}


def test_a_partner_is_named_by_a_unit_not_a_common_noun():
    plan = parse(Source("p.txt", PLAN[:3] + [
        "I. TỔ CHỨC THỰC HIỆN",
        "1. Các phòng chuyên môn căn cứ Kế hoạch tổ chức thực hiện; phối hợp với bộ phận chuyên môn thuộc các sở,",
        "ngành liên quan triển khai thực hiện.",
        "2. Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã, các đơn vị có liên quan theo dõi, đôn đốc.",
        "Trên đây là Kế hoạch chuyển đổi số. Đề nghị các phòng, ban, ngành, các thôn nghiêm túc thực hiện./.",
    ]))
    assert [duty.unit.name for duty in plan.responsibilities] == [
        "Các phòng chuyên môn", "Phòng Kinh tế", "Công an xã", "Các đơn vị liên quan", "Các phòng, ban, ngành", "Các thôn"]


def test_ocr_number_without_its_dot_is_read_in_sequence():
    numbers = [task.number for task in body_tasks(plan_of("004")) if task.number.startswith("4.")]
    assert numbers == [f"4.{n}" for n in range(1, 16)]
    assert [w.line for w in plan_of("004").warnings if w.code == "ocr-number"] == [156]


def test_pointer_to_an_appendix_is_a_heading_not_a_task():
    plan = plan_of("000")
    pointers = [s for s in plan.sections if "Phụ lục 3" in s.title]
    assert len(pointers) == 1 and pointers[0].number == "1"
    assert not [t for t in body_tasks(plan) if "Phụ lục" in t.text]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_responsibilities(seed):
    plan, expected = plan_of(seed), SEEDS[seed]
    found = {}
    for item in plan.responsibilities:
        if not CLOSING.match(fold(item.text)):
            found.setdefault(fold(unit_phrase(item.text)), item)
    assert list(found) == [phrase for phrase, _, _ in expected["responsibilities"]]
    for phrase, monitoring, reporting in expected["responsibilities"]:
        assert (found[phrase].monitoring, found[phrase].reporting) == (monitoring, reporting), phrase
    deadlines = {phrase: item.report_deadline.text for phrase, item in found.items() if item.report_deadline}
    assert deadlines == expected["report_deadlines"]


PLAN = [
    "KẾ HOẠCH",
    "Chuyển đổi số năm 2025",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "I. NHIỆM VỤ, GIẢI PHÁP",
    "1. Nâng cao nhận thức",
    "- Tuyên truyền trên Cổng thông tin điện tử.",
    "- Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND tổ chức",
    "7",
    "hội nghị chuyên đề.",
    "2. Hạ tầng số",
    "a) Nâng cấp mạng nội bộ.",
    "b) Trang bị máy tính.",
    "3. Phát triển nhân lực số cho cán bộ, công chức.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng HĐND và UBND: Chủ trì theo dõi, đôn đốc; báo cáo trước ngày 15/12 hằng năm.",
    "Trên đây là Kế hoạch chuyển đổi số năm 2025.",
    "Nơi nhận:",
    "- Như trên;",
    "CHỦ TỊCH",
]


def test_bullets_and_letters_are_numbered_by_parent_and_position():
    plan = parse(Source("plan.txt", PLAN))
    tasks = body_tasks(plan)
    assert [t.number for t in tasks] == ["1.1", "1.2", "2.a", "2.b", "3"]
    assert tasks[1].text == ("Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Văn phòng HĐND và UBND "
                             "tổ chức hội nghị chuyên đề.")
    assert tasks[1].span == Span(7, 9)
    assert [plan.sections[t.section].number for t in tasks] == ["1", "1", "2", "2", "I"]
    assert "phong van hoa - xa hoi" in fold(" ".join(u.printed for u in tasks[1].lead))
    assert "van phong hdnd" in fold(" ".join(u.printed for u in tasks[1].cooperating))
    assert tasks[0].lead == [] and tasks[0].cooperating == []


def test_organisation_section_and_closing_paragraph():
    plan = parse(Source("plan.txt", PLAN))
    assert len(plan.responsibilities) >= 1
    item = plan.responsibilities[0]
    assert (item.monitoring, item.reporting) == (True, True)
    assert item.report_deadline.text == "trước ngày 15/12 hằng năm"
    assert "Trên đây" not in item.text


def test_lead_needs_a_unit_not_the_word_chu_tri_alone():
    span = Span(1, 1)
    text = "Kế hoạch cần phân công các phòng, ban, đơn vị chủ trì, đơn vị phối hợp cho từng nhiệm vụ."
    assert assignees(text, span, None) == ([], [])


def test_sub_bullets_belong_to_their_bullet():
    lines = PLAN[:6] + ["+ Trên báo chí;", "+ Trên mạng xã hội.", "- Tổ chức hội nghị."] + PLAN[13:]
    tasks = body_tasks(parse(Source("plan.txt", lines)))
    assert [t.number for t in tasks] == ["1.1", "1.2"]
    assert tasks[0].text == "Tuyên truyền trên Cổng thông tin điện tử. + Trên báo chí; + Trên mạng xã hội."


@pytest.mark.parametrize("text, expected", [
    ("1.1. Xây dựng", ("number", "1.1")),
    ("3.9.Tạo điều kiện", ("number", "3.9")),
    ("2.2 Triển khai", ("number", "2.2")),
    ("4.5, Ung dung", ("number", "4.5")),
    ("1.2. “Bình dân học vụ số”", ("number", "1.2")),
    ("III. NHIỆM VỤ, GIẢI PHÁP", ("roman", "III")),
    ("IV. Tổ chức thực hiện", ("roman", "IV")),
    ("111. PHAN CONG NHIEM VU", ("roman", "III")),
    ("a) Nâng cấp mạng", ("letter", "a")),
    ("b. Trang bị máy tính", ("letter", "b")),
    ("v.v. các nội dung khác", None),
    ("- Tuyên truyền", ("bullet", "-")),
    ("5 năm, đảm bảo", None),
    ("2025 - 2030", None),
    ("1. được giao", None),
    ("15/12 hằng năm", None),
])
def test_markers(text, expected):
    found = marker(text)
    assert (found and (found.kind, found.number)) == expected


def test_duties_under_a_unit_heading_belong_to_that_unit():
    lines = PLAN[:13] + ["II. TỔ CHỨC THỰC HIỆN", "1. Trách nhiệm của Văn phòng Sở:",
                         "- Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch;",
                         "- Tổng hợp, báo cáo kết quả trước ngày 10/12 hằng năm.",
                         "2. Phòng Kế hoạch - Tài chính bố trí kinh phí thực hiện."]
    duties = parse(Source("plan.txt", lines)).responsibilities
    assert [(d.span.first, d.monitoring, d.reporting) for d in duties] == [(16, True, False), (17, False, True),
                                                                           (18, False, False)]
    assert ["van phong so" in fold(d.unit.printed) for d in duties] == [True, True, False]
    assert "phong ke hoach - tai chinh" in fold(duties[2].unit.printed)
    assert duties[1].report_deadline.text == "trước ngày 10/12 hằng năm"
