"""Unit names as plans print them resolve to one unit each, with its hierarchy."""

import pytest

from loaders.model import Plan, Span, Task
from loaders.units import drop_non_units, is_unit, registered, resolve_cell, resolve_issuer, split_units
from tests.variants import strip_diacritics

SPAN = Span(3, 4)
COMMUNE = resolve_issuer("UBND xã Mao Điền", Span(1, 1))
DEPARTMENT = resolve_issuer("Sở Văn hóa, Thể thao và Du lịch", Span(1, 1))


def keys(text, issuer=COMMUNE):
    return [ref.key for ref in resolve_cell(text, SPAN, issuer)]


@pytest.mark.parametrize("cell, pieces", [
    ("Sở Tài chính, Công an thành phố", ["Sở Tài chính", "Công an thành phố"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Khoa học và Công nghệ và các cấp chính quyền, đơn vị",
     ["Sở Khoa học và Công nghệ", "các cấp chính quyền, đơn vị"]),
    ("Sở Ngoại vụ; Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan",
     ["Sở Ngoại vụ", "Các sở, ban, ngành", "UBND các cấp chính quyền địa phương", "các đơn vị liên quan"]),
    ("Sở Tư pháp, Sở Y tế, Sở Giáo dục và Đào tạo, Sở Nông nghiệp và Môi trường",
     ["Sở Tư pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường"]),
    ("Văn phòng;\nBộ phận tiếp nhận và giải quyết TTHC", ["Văn phòng", "Bộ phận tiếp nhận và giải quyết TTHC"]),
    ("Phong Kinh te; cac phong, ban, nganh, cac don vi lien quan",
     ["Phong Kinh te", "cac phong, ban, nganh", "cac don vi lien quan"]),
    # a comma before "các" and a kind of unit, or before "UBND", opens another assignee; inside a list of kinds not
    ("Các cấp chính quyền, các sở, ngành, đơn vị", ["Các cấp chính quyền", "các sở, ngành, đơn vị"]),
    ("Các cơ quan, đơn vị, địa phương liên quan", ["Các cơ quan, đơn vị, địa phương liên quan"]),
    ("Các Sở, Ban, Ngành", ["Các Sở, Ban, Ngành"]),
    ("Các phòng, ban, đơn vị thuộc và trực thuộc Sở", ["Các phòng, ban, đơn vị thuộc và trực thuộc Sở"]),
    ("Céc phong, ban, nganh, co quan, don vi, cac thon", ["Céc phong, ban, nganh, co quan, don vi", "cac thon"]),
    # "và" opens one before "các", before a named unit, and before a kind after a qualified name
    ("Sở Tư pháp và các cơ quan, đơn vị có liên quan", ["Sở Tư pháp", "các cơ quan, đơn vị có liên quan"]),
    ("UBND các cấp chính quyền địa phương và đơn vị liên quan",
     ["UBND các cấp chính quyền địa phương", "đơn vị liên quan"]),
    ("Các cơ quan, đơn vị và địa phương liên quan", ["Các cơ quan, đơn vị và địa phương liên quan"]),
    ("Các cơ quan Đảng, Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh",
     ["Các cơ quan Đảng", "Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội tỉnh"]),
    ("Phòng Kinh tế và Công an xã", ["Phòng Kinh tế", "Công an xã"]),
    # and none inside a division's name of two fields
    ("Phòng Trồng trọt và Bảo vệ thực vật", ["Phòng Trồng trọt và Bảo vệ thực vật"]),
    ("Phòng Tiếp công dân và Xử lý đơn thư", ["Phòng Tiếp công dân và Xử lý đơn thư"]),
    ("Trưởng các phòng chức năng, Thủ trưởng các đơn vị trực thuộc Sở",
     ["Trưởng các phòng chức năng", "Thủ trưởng các đơn vị trực thuộc Sở"]),
])
def test_cells_split_into_units(cell, pieces):
    assert split_units(cell) == pieces


@pytest.mark.parametrize("spelling", [
    "Sở Khoa học và Công nghệ", "Sở KH&CN", "Sở KHCN", "Sở Khoa học và Công nghệ thành phố",
    "Sở Khoa học và Công nghệ thành phố Hải Phòng", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "So Khoa hoc va Cong nghe",
])
def test_spellings_of_one_department_are_one_unit(spelling):
    [ref] = resolve_cell(spelling, SPAN, COMMUNE)
    assert (ref.key, ref.name, ref.level) == ("so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", "department")
    assert ref.parent_key == "ubnd-thanh-pho-hai-phong" and ref.printed == spelling


def test_the_issuer_named_generically_is_the_issuer():
    assert keys("UBND xã") == ["ubnd-xa-mao-dien"]
    assert keys("Văn phòng Sở", DEPARTMENT) == ["so-van-hoa-the-thao-va-du-lich/van-phong"]
    assert keys("UBND xã", DEPARTMENT) != [DEPARTMENT.key]


def test_divisions_belong_to_the_issuer():
    [own] = resolve_cell("Phòng Quản lý Văn hóa và Gia đình", SPAN, DEPARTMENT)
    assert own.key == "so-van-hoa-the-thao-va-du-lich/phong-quan-ly-van-hoa-va-gia-dinh"
    assert (own.parent_key, own.level, own.known) == (DEPARTMENT.key, "division", True)
    [standard] = resolve_cell("Phòng văn hóa – xã hội", SPAN, COMMUNE)
    assert (standard.key, standard.name) == ("ubnd-xa-mao-dien/phong-van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội")
    ward = resolve_issuer("Ủy ban nhân dân phường Hải Dương", Span(1, 1))
    assert keys("Phòng Văn hóa - xã hội phường", ward) == ["ubnd-phuong-hai-duong/phong-van-hoa-xa-hoi"]
    assert keys("Văn phòng HĐND – UBND xã") == ["ubnd-xa-mao-dien/van-phong-hdnd-va-ubnd"]


@pytest.mark.parametrize("damaged", ["Phong Van hoa - Xa hoi", "Phong Vin hod - X4 ho1", "Phong Vian hoa - X& hoi",
                                     "Phéng Vin hoa - X4 hoi"])
def test_ocr_damaged_names_find_their_unit(damaged):
    [ref] = resolve_cell(damaged, SPAN, COMMUNE)
    assert ref.name == "Phòng Văn hóa - Xã hội" and ref.printed == damaged


def test_a_cell_of_collectives_names_each_one():
    refs = resolve_cell("Các sở, ban, ngành, UBND các cấp chính quyền địa phương, các đơn vị liên quan", SPAN, COMMUNE)
    assert [ref.name for ref in refs] == ["Các sở, ban, ngành", "UBND các cấp chính quyền địa phương",
                                          "Các đơn vị liên quan"]
    assert all(ref.collective and ref.key.startswith("collective/") for ref in refs)
    ocr = resolve_cell("Céc phong, ban, nganh, cac don vi lién quan", SPAN, COMMUNE)
    assert len(ocr) == 2 and all(ref.collective for ref in ocr)


@pytest.mark.parametrize("spelling", ["Các đơn vị có liên quan", "các đơn vị liên quan", "và đơn vị liên quan",
                                      "Cac don vi co lien quan"])
def test_one_collective_however_spelt(spelling):
    [ref] = resolve_cell(f"Sở Tư pháp, {spelling}".replace(", và", " và"), SPAN, COMMUNE)[1:]
    assert (ref.name, ref.key) == ("Các đơn vị liên quan", "collective/cac-don-vi-lien-quan")


def test_the_heads_of_units_stand_for_the_units():
    refs = resolve_cell("Trưởng các phòng chức năng, Thủ trưởng các đơn vị trực thuộc Sở", SPAN, DEPARTMENT)
    assert [ref.name for ref in refs] == ["Các phòng chức năng", "Các đơn vị trực thuộc Sở"]


def test_unrecognised_names_are_flagged_not_dropped():
    [ref] = resolve_cell("Chi n?g:}g Ngan", SPAN, COMMUNE)
    assert not ref.known and ref.printed == "Chi n?g:}g Ngan"
    [unlisted] = resolve_cell("Sở Du lịch", SPAN, COMMUNE)
    assert unlisted.known and unlisted.key == "so-du-lich" and unlisted.level == "department"


def test_issuers_from_headers_in_capitals_or_without_diacritics():
    upper = resolve_issuer("ỦY BAN NHÂN DÂN XÃ THANH MIỆN", Span(1, 1))
    assert (upper.name, upper.key, upper.level) == ("Ủy ban nhân dân xã Thanh Miện", "ubnd-xa-thanh-mien", "commune")
    bare = resolve_issuer(strip_diacritics(["UBND xã Thanh Miện"])[0], Span(1, 1))
    assert bare.key == "ubnd-xa-thanh-mien" and bare.level == "commune"
    department = resolve_issuer("Sở Nội vụ thành phố Hải Phòng", Span(1, 1))
    assert (department.key, department.parent_key) == ("so-noi-vu", "ubnd-thanh-pho-hai-phong")


def test_registered_finds_the_city_despite_ocr():
    assert registered("Uy ban nhan dan thanh ph6 Hai Phong").key == "ubnd-thanh-pho-hai-phong"
    assert registered("Ban Thường vụ Thành ủy") is None


@pytest.mark.parametrize("legible, key", [
    ("Phòng Tư pháp", "ubnd-xa-mao-dien/phong-tu-phap"),                        # a division, not Sở Tư pháp
    ("Phòng Văn hóa và Thông tin", "ubnd-xa-mao-dien/phong-van-hoa-va-thong-tin"),  # not Phòng Văn hóa - Xã hội
])
def test_a_legible_name_is_never_taken_for_a_near_spelling(legible, key):
    assert keys(legible) == [key]


def test_another_province_is_not_taken_for_the_registered_city():
    assert registered("UBND tỉnh Nghệ An") is None
    assert registered("Uy ban nhan dan xa") is None          # damaged, but a commune's committee is no city's


@pytest.mark.parametrize("garbled", ['Phong Yﬁr},h"é i Xa hoi', 'Phong YEI},hOé ) Ka hot', "Phone Vin hod - )g(ei hoi",
                                     'Phong yﬁr}.hOé ) Xa ho'])
def test_a_name_whose_middle_ocr_garbled_is_known_by_its_ends(garbled):
    [ref] = resolve_cell(garbled, SPAN, COMMUNE)
    assert ref.name == "Phòng Văn hóa - Xã hội"


@pytest.mark.parametrize("garbled", ['Phong Yﬁ?,h"é i moi', 'Phong Yﬁ{l,h"é )', "Phong }/ﬁr} Kinh hoi"])
def test_garbled_names_whose_ends_spell_no_single_unit_stay_unknown(garbled):
    [ref] = resolve_cell(garbled, SPAN, COMMUNE)
    assert ref.key.startswith("ubnd-xa-mao-dien/phong-") and not ref.name.startswith("Phòng Văn hóa")


def test_a_library_or_a_museum_listed_after_a_department_is_a_unit_of_its_own():
    assert [ref.name for ref in resolve_cell("Sở Giáo dục và Đào tạo, Thư viện Thành phố", SPAN, COMMUNE)] == [
        "Sở Giáo dục và Đào tạo", "Thư viện Thành phố"]


@pytest.mark.parametrize("words", ["Khuyến khích các học sinh", "Tôn vinh các sáng chế", "Khoa học",
                                   "Hội thi Sáng tạo Khoa học - Công nghệ và Kỹ thuật thành phố", "Phoni", "P o",
                                   "/ﬁgihoa", 'Phong Y‘i{‘,h"é‘ i X3 th', "Các KCN công nghệ số"])
def test_words_that_name_no_unit_are_no_unit(words):
    assert not [ref for ref in resolve_cell(words, SPAN, COMMUNE) if is_unit(ref, COMMUNE)]


@pytest.mark.parametrize("words", ["Sở Tư pháp", "Vdn phòng HĐND – UBND xã", "Chi nhánh Ngân hàng", "UBND xã",
                                   "Các tổ dân phố", "Liên hiệp các Hội Khoa học và Kỹ thuật", "Phong Vin hod - X4 ho1"])
def test_units_however_printed_are_units(words):
    assert all(is_unit(ref, COMMUNE) for ref in resolve_cell(words, SPAN, COMMUNE))


def test_a_plan_keeps_no_unit_node_for_a_task_read_into_its_lead_cell():
    plan = Plan("p.txt", [], issuer=COMMUNE)
    plan.tasks.append(Task("1", "Tổ chức hội thi", SPAN, lead=resolve_cell("Phòng Kinh tế; Khuyến khích các học sinh",
                                                                           SPAN, COMMUNE)))
    drop_non_units(plan)
    assert [ref.name for ref in plan.tasks[0].lead] == ["Phòng Kinh tế"]
    assert [(w.code, w.line) for w in plan.warnings] == [("not-a-unit", SPAN.first)]
    assert "Khuyến khích các học sinh" in plan.warnings[0].message
