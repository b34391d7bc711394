"""Whole documents: parts found, bad input refused, and variants of a seed read alike."""

from functools import lru_cache
from pathlib import Path

import pytest

from loaders.model import ParseError, Source
from loaders.organisation import unit_phrase
from loaders.parse import find_appendices, parse
from loaders.text import fold, squash
from tests import variants
from tests.expected_body import SEEDS, plan_of, source_of

DATA = Path(__file__).resolve().parent / "data"

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


def test_a_plan_of_which_no_task_is_read_is_warned():
    heading_only = parse(Source("heading.txt", ["KẾ HOẠCH", "Chuyển đổi số năm 2025", "I. MỤC ĐÍCH",
                                                "Kế hoạch này được ban hành để triển khai."]))
    assert not heading_only.tasks and "no-tasks" in {w.code for w in heading_only.warnings}
    assert all("no-tasks" not in {w.code for w in plan_of(seed).warnings} for seed in SEEDS)


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


OTHER_PROVINCE = [
    'UBND TỈNH BẮC NINH',
    'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 45/KH-STTTT',
    'Bắc Ninh, ngày 05 tháng 3 năm 2025',
    '',
    'KẾ HOẠCH',
    'Triển khai Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ',
    'năm 2025',
    '',
    'Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển',
    'khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;',
    'Căn cứ Quyết định số 1234/QĐ-UBND ngày 15/02/2025 của UBND tỉnh Bắc Ninh;',
    'Sở Thông tin và Truyền thông ban hành Kế hoạch như sau:',
    'I. MỤC ĐÍCH, YÊU CẦU',
    '1. Mục đích',
    'Triển khai kịp thời, hiệu quả các nhiệm vụ được giao.',
    '2. Yêu cầu',
    'Bám sát chỉ đạo của Ủy ban nhân dân tỉnh.',
    'II. NHIỆM VỤ TRỌNG TÂM',
    '1. Hoàn thiện hạ tầng số',
    'a) Phòng Bưu chính, Viễn thông chủ trì, phối hợp với các doanh nghiệp viễn thông phát triển',
    'mạng 5G phủ sóng toàn tỉnh.',
    'b) Nâng cấp Trung tâm dữ liệu tỉnh.',
    '2. Phát triển nhân lực số',
    '- Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức.',
    '+ Lớp cơ bản;',
    '+ Lớp nâng cao.',
    '- Thu hút chuyên gia công nghệ.',
    'III. TỔ CHỨC THỰC HIỆN',
    '1. Phòng Công nghệ thông tin: Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.',
    '2. Văn phòng Sở tổng hợp, báo cáo kết quả thực hiện trước ngày 20/11 hằng năm.',
    'Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo Giám đốc Sở để xem xét./.',
    'Nơi nhận:                                KT. GIÁM ĐỐC',
    '- UBND tỉnh (b/c);                        PHÓ GIÁM ĐỐC',
    '- Lưu: VT, CNTT.',
    '',
    'Nguyễn Văn An',
]


def test_a_plan_laid_out_like_none_of_the_seeds():
    plan = parse(Source("bac-ninh.txt", OTHER_PROVINCE))
    assert fold(plan.issuer.printed) == "ubnd tinh bac ninh so thong tin va truyen thong"
    assert (plan.level, plan.number, plan.place) == ("department", "45/KH-STTTT", "Bắc Ninh")
    assert plan.title == "Kế hoạch Triển khai Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ năm 2025"
    assert (plan.signer_title, plan.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert plan.recipients == ["UBND tỉnh (b/c)"]
    assert [(c.number, c.issuer, c.basis, c.implements) for c in plan.citations] == [
        ("03/NQ-CP", "Chính phủ", False, True), ("57-NQ/TW", "Bộ Chính trị", True, False),
        ("1234/QĐ-UBND", "UBND tỉnh Bắc Ninh", True, False)]
    assert [s.number for s in plan.sections] == ["I", "1", "2", "II", "1", "2", "III"]
    assert [t.number for t in plan.tasks] == ["1.a", "1.b", "2.1", "2.2"]
    assert plan.tasks[2].text == "Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức. + Lớp cơ bản; + Lớp nâng cao."
    lead, cooperating = plan.tasks[0].lead, plan.tasks[0].cooperating
    assert "phong buu chinh" in fold(" ".join(u.printed for u in lead))
    assert "doanh nghiep vien thong" in fold(" ".join(u.printed for u in cooperating))
    assert "5g" not in fold(" ".join(u.printed for u in cooperating))
    duties = {unit_phrase(r.text): (r.monitoring, r.reporting) for r in plan.responsibilities}
    assert duties == {"Phòng Công nghệ thông tin": (True, False), "Văn phòng Sở": (False, True)}
    assert plan.responsibilities[-1].report_deadline.text == "trước ngày 20/11 hằng năm"


def test_a_district_plan_with_deadlines_in_its_sentences():
    """A plan of a kind the seeds do not include: a district's, assigning tasks in running text."""
    plan = parse(Source("district_plan.txt", (DATA / "district_plan.txt").read_text(encoding="utf-8").splitlines()))
    assert (plan.issuer.name, plan.level, plan.number, plan.place) == (
        "Ủy ban nhân dân huyện Nam Đàn", "district", "87/KH-UBND", "Nam Đàn")
    # The signer's name printed level with the last recipient line.
    assert (plan.signer, plan.signer_title) == ("Nguyễn Văn An", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
    assert plan.recipients == ["UBND tỉnh Nghệ An", "Các phòng, ban huyện"]
    assert [(c.number, c.implements) for c in plan.citations] == [
        ("57-NQ/TW", True), ("71/NQ-CP", False), ("215/KH-UBND", False)]
    duty = plan.responsibilities[0]
    assert (duty.monitoring, duty.reporting, duty.report_deadline.kind) == (True, True, "yearly")
    assert [t.number for t in plan.tasks] == ["1.1", "1.2", "2.1"]
    assert [(t.deadline.text, t.deadline.kind) for t in plan.tasks] == [
        ("Quý IV/2025", "date"), ("năm 2025 và những năm tiếp theo", "yearly"), ("Tháng 12/2025", "date")]
    # The district's own offices, not the province's departments of the same field.
    assert [[(u.name, u.key) for u in t.lead] for t in plan.tasks] == [
        [("Phòng Văn hóa và Thông tin", "ubnd-huyen-nam-dan/phong-van-hoa-va-thong-tin")],
        [("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "ubnd-huyen-nam-dan/van-phong-hdnd-va-ubnd")],
        [("Phòng Tư pháp", "ubnd-huyen-nam-dan/phong-tu-phap")],
    ]
    assert plan.tasks[0].cooperating[0].collective


# Variants: the body of each seed (appendices cut off), laid out or spelled another way.

def test_variants_change_layout_and_spelling_only():
    lines = list(body_lines("001"))
    words = " ".join(lines).split()
    assert variants.rewrap(lines, 70, seed=1) == variants.rewrap(lines, 70, seed=1)
    rewrapped = variants.rewrap(lines, 70, seed=1)
    assert rewrapped != lines and len(" ".join(rewrapped).replace("- ", "-").split()) <= len(words)
    damaged = variants.ocr_damage(lines, rate=0.5, seed=2)
    assert damaged != lines
    assert all(new == old for before, after in zip(lines, damaged) for old, new in zip(before, after)
               if old.isdigit() or old.isupper() or old in "./-:")
    stripped = "".join(variants.strip_diacritics(lines))
    assert all(ch.isascii() for ch in stripped if ch.isalpha())
    assert fold(stripped) == fold("".join(lines))

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


def test_a_docx_plan_whose_header_and_signature_are_tables(tmp_path):
    from loaders.read import read_document
    from tests.documents import write_docx

    blocks = [
        [["UBND TỈNH BẮC NINH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
         ["Số: 45/KH-STTTT", "Bắc Ninh, ngày 05 tháng 3 năm 2025"]],
        "KẾ HOẠCH", "Chuyển đổi số năm 2025",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
        "I. NHIỆM VỤ", "1. Hạ tầng số", "- Nâng cấp Trung tâm dữ liệu tỉnh.",
        [["Nơi nhận:\n- UBND tỉnh (b/c);\n- Các phòng thuộc Sở;\n- Lưu: VT, CNTT.",
          "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn An"]],
    ]
    plan = parse(read_document(write_docx(blocks, tmp_path / "plan.docx")))
    assert fold(plan.issuer.printed) == "ubnd tinh bac ninh so thong tin va truyen thong"
    assert (plan.number, plan.place, plan.level) == ("45/KH-STTTT", "Bắc Ninh", "department")
    assert plan.recipients == ["UBND tỉnh (b/c)", "Các phòng thuộc Sở"]
    assert (plan.signer_title, plan.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert [(t.number, t.text) for t in plan.tasks] == [("1.1", "Nâng cấp Trung tâm dữ liệu tỉnh.")]


def test_a_wrapped_mention_of_an_appendix_is_no_heading():
    lines = ["KẾ HOẠCH", "Chuyển đổi số", "I. NHIỆM VỤ", "1. Hạ tầng số", "- Hoàn thành các nhiệm vụ nêu tại",
             "Phụ lục 2", "của Kế hoạch năm 2024.", "- Nâng cấp mạng nội bộ."]
    assert find_appendices(Source("plan.txt", lines)) == []
    assert len(parse(Source("plan.txt", lines)).tasks) == 2


def plan_headed(province: str, parent: str, issuer: str) -> list[str]:
    """OTHER_PROVINCE's plan, issued by ``issuer`` under ``parent`` in ``province``."""
    return [parent, issuer, *OTHER_PROVINCE[2:5], f"{province}, ngày 05 tháng 3 năm 2025", *OTHER_PROVINCE[6:]]


@pytest.mark.parametrize("first, second", [
    (("Lai Châu", "UBND TỈNH LAI CHÂU", "VĂN PHÒNG"), ("Hải Phòng", "UBND THÀNH PHỐ HẢI PHÒNG", "VĂN PHÒNG")),
    (("Đồng Nai", "UBND TỈNH ĐỒNG NAI", "ỦY BAN NHÂN DÂN XÃ HƯNG QUẢNG"),
     ("Hải Phòng", "UBND THÀNH PHỐ HẢI PHÒNG", "ỦY BAN NHÂN DÂN XÃ HƯNG QUANG")),
], ids=["the office of two provinces' committees", "communes the register lacks, named alike in two provinces"])
def test_namesakes_of_two_provinces_issue_two_plans(first, second):
    """Two plans of one number, by units of one name in two provinces, are two plans and two units."""
    plans = [parse(Source("a.txt", plan_headed(*first))), parse(Source("b.txt", plan_headed(*second)))]
    assert plans[0].issuer.key != plans[1].issuer.key
    assert [plan.issuer.parent_name for plan in plans] == [f"Ủy ban nhân dân {kind} {name}" for kind, name in
                                                          (("tỉnh", first[0]), ("thành phố", second[0]))]
    assert all(plan.level in ("department", "commune") for plan in plans)
