"""The administrative register: units in force and former, their provinces, levels, successors and
spellings, and what plans of communes, wards and former districts read from it."""

from datetime import date

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import ORG

from loaders import register
from loaders.diacritics import restore, restore_places
from loaders.model import Span
from loaders.parse import parse
from loaders.read import read_document
from loaders.reference import reference_graph
from loaders.units import resolve_cell, resolve_issuer
from ontology import ids
from ontology.vocab import NQG
from tests.variants import strip_diacritics


def only(units):
    assert len(units) == 1, units
    return units[0]


def test_the_register_holds_the_structure_in_force_and_the_former_one():
    provinces = [unit for unit in register.in_force().values() if not unit.parent]
    assert len(provinces) == 34 and len(register.in_force()) - 34 == 3321
    former = register.former().values()
    assert sum(not unit.parent for unit in former) == 63
    assert sum(unit.level == "district" for unit in former) > 690
    assert all(unit.successors for unit in former)


@pytest.mark.parametrize("name, kind, province, level", [
    ("Mao Điền", "xã", "Hải Phòng", "commune"),
    ("Ia Grai", "xã", "Gia Lai", "commune"),
    ("Mường Tè", "xã", "Lai Châu", "commune"),
    ("Kim Bảng", "phường", "Ninh Bình", "ward"),
    ("Phú Quốc", "đặc khu", "An Giang", "commune"),
    ("Nghệ An", "tỉnh", "Nghệ An", "city"),
])
def test_a_unit_in_force_has_its_province_and_level(name, kind, province, level):
    unit = only(register.find(name, kind))
    assert (register.province(unit).name, unit.level) == (province, level)


def test_names_without_diacritics_find_their_unit_and_marks_tell_namesakes_apart():
    assert only(register.find("MUONG TE", "xã")).name == "Mường Tè"
    # Hải Phòng has a xã Cẩm Giang and a xã Cẩm Giàng; Thái Nguyên another Cẩm Giàng.
    assert len(register.find("Cam Giang", "xã")) == 3
    assert {register.province(unit).name for unit in register.find("Cẩm Giàng", "xã")} == {"Hải Phòng", "Thái Nguyên"}
    assert len({register.unit_key(unit) for unit in register.find("Cam Giang", "xã")}) == 3


@pytest.mark.parametrize("name, kind, successor", [
    ("Hải Dương", "tỉnh", "thành phố Hải Phòng"),          # a province merged into a city
    ("Hà Giang", "tỉnh", "tỉnh Tuyên Quang"),
    ("Thanh Miện", "huyện", "thành phố Hải Phòng"),       # a district: its province's successor
    ("Diễn Châu", "huyện", "tỉnh Nghệ An"),
    ("Thanh Miện", "thị trấn", "xã Thanh Miện"),          # a township: the commune formed from it, first
])
def test_a_former_unit_has_its_successor(name, kind, successor):
    unit = only(register.find(name, kind, current=False))
    assert register.successors(unit)[0].label == successor


def test_spellings_come_back_only_where_the_register_agrees():
    assert register.spelling("Thanh Mien") == "Thanh Miện"
    assert register.spelling("Cam Giang", "xã") is None
    assert restore("UBND XA THANH MIEN, huyen Dien Chau cu, tinh Dak Lak") == \
        "UBND XÃ THANH MIỆN, huyện Diễn Châu cu, tỉnh Đắk Lắk"
    assert restore("phuong Kim Bang; xa Cam Giang") == "phường Kim Bảng; xã Cam Giang"   # two spellings: kept
    assert restore("Phong Van hoa - Xa hoi") == "Phòng Văn hóa - Xã hội"
    # Words after a kind's word that are no name: "phương án sinh kế", "xã hội an toàn".
    assert restore_places("phuong an sinh ke, xa hoi an toan") == "phuong an sinh ke, xa hoi an toan"


PLAN = """{block}                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{place_block}                       Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND                        {place}, ngày {day}
KẾ HOẠCH
Chuyển đổi số năm 2025
{basis}
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Đẩy mạnh chuyển đổi số.
II. NHIỆM VỤ
1. Chính quyền số
- Văn phòng HĐND và UBND chủ trì; thời gian: năm 2025.
- {lead} chủ trì; thời gian: năm 2025.
Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN
- Lưu: VT.                                        CHỦ TỊCH
"""


def plan_of(tmp_path, place_block, place, basis="Căn cứ tình hình thực tế;", day="5 tháng 9 năm 2025",
            lead="Công an xã", stripped=False, block="ỦY BAN NHÂN DÂN"):
    text = PLAN.format(block=block, place_block=place_block, place=place, basis=basis, day=day,
                       lead=lead)
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(strip_diacritics(text.split("\n"))) if stripped else text, encoding="utf-8")
    return parse(read_document(path))


def codes(plan):
    return {warning.code for warning in plan.warnings}


@pytest.mark.parametrize("place_block, place, issuer, province, level", [
    ("XÃ IA GRAI", "Ia Grai", "Ủy ban nhân dân xã Ia Grai", "Gia Lai", "commune"),
    ("XÃ MƯỜNG TÈ", "Mường Tè", "Ủy ban nhân dân xã Mường Tè", "Lai Châu", "commune"),
    ("PHƯỜNG KIM BẢNG", "Kim Bảng", "Ủy ban nhân dân phường Kim Bảng", "Ninh Bình", "ward"),
    ("ĐẶC KHU PHÚ QUỐC", "Phú Quốc", "Ủy ban nhân dân đặc khu Phú Quốc", "An Giang", "commune"),
])
def test_a_commune_that_names_no_province_has_the_registers(tmp_path, place_block, place, issuer, province, level):
    plan = plan_of(tmp_path, place_block, place)
    assert (plan.issuer.name, plan.issuer.parent_name, plan.level) == \
        (issuer, register.find(province, None)[0].committee, level)
    assert not codes(plan) & {"no-province", "place-unsettled"}


def test_a_committee_printed_without_its_place_is_completed_from_the_register(tmp_path):
    plan = plan_of(tmp_path, "", "Ia Grai")
    assert (plan.issuer.name, plan.issuer.parent_name) == ("Ủy ban nhân dân xã Ia Grai", "Ủy ban nhân dân tỉnh Gia Lai")
    namesakes = plan_of(tmp_path, "", "Tân Tiến")
    assert namesakes.issuer is None and "no-issuer" in codes(namesakes)


def test_a_commune_printed_without_diacritics_gets_the_registers_spelling(tmp_path):
    plan = plan_of(tmp_path, "XÃ MƯỜNG TÈ", "Mường Tè", stripped=True)
    assert (plan.issuer.name, plan.issuer.parent_name, plan.place) == \
        ("Ủy ban nhân dân xã Mường Tè", "Ủy ban nhân dân tỉnh Lai Châu", "Mường Tè")


def test_a_commune_of_a_name_many_provinces_have_is_warned_not_guessed(tmp_path):
    plan = plan_of(tmp_path, "XÃ TÂN TIẾN", "Tân Tiến")
    assert plan.issuer.name == "Ủy ban nhân dân xã Tân Tiến" and plan.issuer.parent_key is None
    assert {"place-unsettled", "no-province"} <= codes(plan)
    unsettled = next(w.message for w in plan.warnings if w.code == "place-unsettled")
    assert "7 of this name" in unsettled and "Đắk Lắk" in unsettled


@pytest.mark.parametrize("basis, place, province", [
    ("Căn cứ Kế hoạch số 100/KH-UBND ngày 01/8/2025 của UBND tỉnh Đắk Lắk;", "Tân Tiến", "Đắk Lắk"),
    ("Căn cứ tình hình thực tế;", "Đồng Nai", "Đồng Nai"),       # dated from its province
])
def test_the_province_the_text_names_tells_namesakes_apart(tmp_path, basis, place, province):
    plan = plan_of(tmp_path, "XÃ TÂN TIẾN", place, basis=basis)
    assert plan.issuer.parent_name.endswith(province)
    assert plan.issuer.key == register.unit_key(only([
        unit for unit in register.find("Tân Tiến", "xã") if register.province(unit).name == province]))
    assert "place-unsettled" not in codes(plan)


def test_a_commune_the_register_puts_elsewhere_keeps_the_texts_province_and_is_warned(tmp_path):
    plan = plan_of(tmp_path, "XÃ MINH THỌ", "Thanh Hóa")
    assert plan.issuer.parent_name == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert any(w.code == "place-unsettled" and "none of this name in Thanh Hóa" in w.message for w in plan.warnings)


def test_a_former_district_is_the_registers_with_its_former_province(tmp_path):
    plan = plan_of(tmp_path, "HUYỆN THANH MIỆN", "Thanh Miện", day="10 tháng 3 năm 2025", lead="Công an huyện")
    assert (plan.issuer.name, plan.issuer.parent_name, plan.level) == \
        ("Ủy ban nhân dân huyện Thanh Miện", "Ủy ban nhân dân tỉnh Hải Dương", "district")


def test_a_former_commune_is_under_its_district_and_its_departments_under_the_former_province(tmp_path):
    basis = "Căn cứ Kế hoạch số 50/KH-UBND ngày 01/02/2025 của UBND tỉnh Hải Dương;"
    plan = plan_of(tmp_path, "XÃ THANH TÙNG", "Thanh Tùng", basis=basis, day="10 tháng 3 năm 2025",
                   lead="Sở Nội vụ")
    assert (plan.issuer.parent_name, plan.level) == ("Ủy ban nhân dân huyện Thanh Miện", "commune")
    leads = {unit.printed: unit for task in plan.tasks for unit in task.lead}
    assert leads["Sở Nội vụ"].parent_name == "Ủy ban nhân dân tỉnh Hải Dương"
    # The same name after 1 July 2025 is another unit's: Thanh Tùng was merged away, Cà Mau has one in force.
    later = plan_of(tmp_path, "XÃ THANH TÙNG", "Thanh Tùng")
    assert later.issuer.parent_name == "Ủy ban nhân dân tỉnh Cà Mau"


def test_the_district_a_header_prints_above_a_commune_tells_namesakes_apart(tmp_path):
    plan = plan_of(tmp_path, "UBND XÃ THANH TÙNG", "Thanh Tùng", day="10 tháng 3 năm 2025",
                   block="UBND HUYỆN THANH MIỆN")
    assert plan.issuer.parent_name == "Ủy ban nhân dân huyện Thanh Miện"
    assert "place-unsettled" not in codes(plan)


@pytest.mark.parametrize("printed, key", [
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "ubnd-thanh-pho-hai-phong"),   # "PHÒNG" is the city's name here
    ("UBND PHƯỜNG YÊN SỞ", "ubnd-phuong-yen-so"),                          # "SỞ" too
])
def test_a_unit_word_inside_a_places_name_opens_no_unit(printed, key):
    issuer = resolve_issuer(printed, Span(1, 1))
    assert issuer.level in ("city", "ward") and issuer.parent_key is None
    assert issuer.key == key


def test_a_cell_naming_a_former_district_or_a_commune_finds_them_in_the_plans_province():
    city = resolve_issuer("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", Span(1, 1))
    district, commune = resolve_cell("UBND huyện Thanh Miện; UBND xã Cẩm Giang", Span(1, 1), city)
    assert (district.key, district.parent_name) == ("ubnd-huyen-thanh-mien", "Ủy ban nhân dân tỉnh Hải Dương")
    assert (commune.name, commune.level) == ("Ủy ban nhân dân xã Cẩm Giang", "commune")
    assert commune.key != resolve_cell("UBND xã Cẩm Giàng", Span(1, 1), city)[0].key


def test_a_built_store_rolls_a_task_of_a_former_district_up_to_its_successor(tmp_path):
    from graph.build import build
    from graph.queries import with_prefixes
    from graph.store import OxigraphStore

    text = PLAN.format(block="ỦY BAN NHÂN DÂN", place_block="THÀNH PHỐ HẢI PHÒNG", place="Hải Phòng",
                       basis="Căn cứ tình hình thực tế;", day="5 tháng 6 năm 2025", lead="UBND huyện Thanh Miện")
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    store = OxigraphStore(tmp_path / "store")
    try:
        build([tmp_path / "plan.txt"], store, progress=False, jobs=1)
        rows = store.select(with_prefixes("""
            SELECT DISTINCT ?name ?successor WHERE {
              ?task nqg:lead ?unit . ?unit skos:prefLabel ?name ; org:changedBy/org:resultingOrganization ?successor .
            }"""))
    finally:
        store.close()
    assert rows == [{"name": "Ủy ban nhân dân huyện Thanh Miện", "successor": str(ids.unit("ubnd-thanh-pho-hai-phong"))}]


def test_a_former_commune_a_plan_names_rolls_up_to_the_communes_formed_from_it(tmp_path):
    from graph.build import build
    from graph.queries import with_prefixes
    from graph.store import OxigraphStore

    for name, number, lead in (("a.txt", "12", "UBND xã Thanh Tùng"), ("b.txt", "13", "UBND xã Mao Điền")):
        text = PLAN.format(block="ỦY BAN NHÂN DÂN", place_block="THÀNH PHỐ HẢI PHÒNG", place="Hải Phòng",
                           basis="Căn cứ tình hình thực tế;", day="5 tháng 9 năm 2025", lead=lead)
        (tmp_path / name).write_text(text.replace("Số: 12/", f"Số: {number}/"), encoding="utf-8")
    store = OxigraphStore(tmp_path / "store")
    ask = with_prefixes("""
        SELECT ?name ?level WHERE {
          ?task nqg:lead ?unit . ?unit org:changedBy/org:resultingOrganization ?successor .
          ?successor skos:prefLabel ?name ; nqg:unitLevel ?level .
        } ORDER BY ?name""")
    stated = with_prefixes("SELECT ?change WHERE { GRAPH ?g { ?change a org:ChangeEvent } FILTER(?g != ?reference) }")
    try:
        build([tmp_path / "a.txt", tmp_path / "b.txt"], store, progress=False, jobs=1)
        rows = store.select(ask)
        assert len(store.select(stated, {"reference": ids.reference_graph()})) == 1
        build([tmp_path / "b.txt"], store, progress=False, jobs=1, clean=True)   # no plan names it any more
        left = store.select(stated, {"reference": ids.reference_graph()})
    finally:
        store.close()
    thanh_tung = only([unit for unit in register.find("Thanh Tùng", "xã", current=False)
                       if register.province(unit).name == "Hải Dương"])
    assert rows == sorted(({"name": unit.committee, "level": "commune"} for unit in register.successors(thanh_tung)),
                          key=lambda row: row["name"])
    assert len(rows) == 2 and left == []


ROLL_UP = """
SELECT DISTINCT ?successor ?when WHERE {
  ?task nqg:lead ?unit .
  ?unit org:subOrganizationOf* ?former .
  ?former org:changedBy ?change .
  ?change org:resultingOrganization ?successor ; dcterms:date ?when .
}"""


@pytest.mark.parametrize("former, successor", [
    ("ubnd-huyen-thanh-mien", "ubnd-thanh-pho-hai-phong"),
    ("ubnd-tinh-ha-giang", "ubnd-tinh-tuyen-quang"),
])
def test_a_task_addressed_to_a_former_unit_rolls_up_to_its_successor(former, successor):
    graph = Graph() + reference_graph()
    task = ids.iri("plan", "x", "task", "1")
    graph.add((task, NQG.lead, ids.unit(former)))
    rows = list(graph.query(ROLL_UP, initNs={"nqg": NQG, "org": ORG, "dcterms": "http://purl.org/dc/terms/"}))
    assert [(row.successor, row.when.toPython()) for row in rows] == [(ids.unit(successor), date(2025, 7, 1))]
    assert (ids.unit(former), ORG.changedBy, ids.part(ids.unit(former), "change")) in graph
    assert graph.value(ids.unit(former), NQG.unitLevel) == Literal("district" if "huyen" in former else "city")
