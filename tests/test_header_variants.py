"""Plans as other provinces print them: identity and citations scored on header variants.

``tests/data/headers/`` holds openings of provincial plans written the way
legal portals and provincial sites lay them out (heading line dropped, issuer
block reduced, motto split or beside the issuer, portal metadata, document
types beyond the usual, "Thực hiện …" openings), with a short body and sign-off.
Their expected values below were written by hand. The seeds are varied too
(``tests.variants``), and must read as the seeds do.

Every identity field of every case scores 1 when right; a set of citations
scores its overlap with the expected set (shared / either). The identity
score and the citation score must each reach 0.97. Run this module as a
script to print the scores per field and the cases that miss.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from loaders.model import Plan
from loaders.parse import parse
from loaders.read import read_document
from loaders.text import fold
from tests import variants
from tests.expected_body import SEEDS, source_of

HEADERS = Path(__file__).resolve().parent / "data" / "headers"
IDENTITY = ("issuer", "level", "number", "date", "place")
CITATIONS = ("citations", "implements")
THRESHOLD = 0.97

TINH = "Ủy ban nhân dân tỉnh {}"
THANH_PHO = "Ủy ban nhân dân thành phố {}"
HAI_PHONG = THANH_PHO.format("Hải Phòng")


def case(issuer, parent, level, number, when, place, citations, implements, warnings=()):
    return {"issuer": (issuer, parent), "level": level, "number": number,
            "date": date.fromisoformat(when) if when else None, "place": place,
            "citations": set(citations), "implements": set(implements), "warnings": set(warnings)}


FIXTURES = {
    "nghe-an-tinh.txt": case(
        TINH.format("Nghệ An"), None, "city", "215/KH-UBND", "2025-05-20", "Nghệ An",
        {"71/NQ-CP", "57-NQ/TW", "18-CTr/TU"}, {"71/NQ-CP", "18-CTr/TU"}),
    "da-nang-page-title.txt": case(
        THANH_PHO.format("Đà Nẵng"), None, "city", "210/KH-UBND", "2025-06-05", "Đà Nẵng",
        {"57-NQ/TW", "71/NQ-CP", "25-CTr/TU"}, {"57-NQ/TW", "25-CTr/TU"}),
    "hcm-ubnd-reduced.txt": case(
        THANH_PHO.format("Hồ Chí Minh"), None, "city", "3450/KH-UBND", "2025-06-12", "Thành phố Hồ Chí Minh",
        {"71/NQ-CP", "57-NQ/TW", "12-CTr/TU"}, {"71/NQ-CP", "12-CTr/TU"}),
    "lam-dong-motto-beside.txt": case(
        TINH.format("Lâm Đồng"), None, "city", "1520/KH-UBND", "2025-07-28", "Lâm Đồng",
        {"02-KH/BCĐTW", "57-NQ/TW", "1131/QĐ-TTg"}, {"02-KH/BCĐTW"}),
    "can-tho-so.txt": case(
        "Sở Khoa học và Công nghệ", THANH_PHO.format("Cần Thơ"), "department", "88/KH-SKHCN", "2025-08-14",
        "Cần Thơ", {"57-NQ/TW", "156/KH-UBND", "08/KHHĐ-UBND"}, set()),
    "quang-ninh-portal-above.txt": case(
        TINH.format("Quảng Ninh"), None, "city", "134/KH-UBND", "2025-05-07", "Quảng Ninh",
        {"193/2025/QH15", "57-NQ/TW", "88/2025/NĐ-CP"}, {"193/2025/QH15"}),
    "nghe-an-xa-reduced.txt": case(
        "Ủy ban nhân dân xã Diễn Châu", TINH.format("Nghệ An"), "commune", "27/KH-UBND", "2025-09-10",
        "Diễn Châu", {"380/KH-UBND", "57-NQ/TW"}, {"380/KH-UBND"}),
    "da-nang-phuong-motto-split.txt": case(
        "Ủy ban nhân dân phường Hải Châu", THANH_PHO.format("Đà Nẵng"), "ward", "45/KH-UBND", "2025-07-18",
        "Hải Châu", {"210/KH-UBND", "57-NQ/TW"}, set()),
    "hcm-phuong-no-heading.txt": case(
        "Ủy ban nhân dân phường Bến Thành", THANH_PHO.format("Hồ Chí Minh"), "ward", "112/KH-UBND",
        "2025-08-22", "Bến Thành", {"3450/KH-UBND", "57-NQ/TW", "71/NQ-CP"}, {"3450/KH-UBND"}),
    "lam-dong-so-no-sections.txt": case(
        "Sở Y tế", TINH.format("Lâm Đồng"), "department", "45/KH-SYT", "2025-09-03", "Lâm Đồng",
        {"1520/KH-UBND"}, {"1520/KH-UBND"}, warnings={"no-sections"}),
    "quang-ninh-so-other-types.txt": case(
        "Sở Nội vụ", TINH.format("Quảng Ninh"), "department", "56/KHHĐ-SNV", "2025-07-18", "Quảng Ninh",
        {"1560-CV/TU", "1131/QĐ-TTg", "03/2025/TT-BNV", "05-HD/BTGDVTW", "47-TB/TU", "98/BC-UBND",
         "134/KH-UBND"}, {"1560-CV/TU", "134/KH-UBND"}),
    "can-tho-xa-run-on.txt": case(
        "Ủy ban nhân dân xã Phong Điền", THANH_PHO.format("Cần Thơ"), "commune", "39/KH-UBND", "2025-08-29",
        "Phong Điền", {"57-NQ/TW", "71/NQ-CP", "156/KH-UBND"}, {"71/NQ-CP", "156/KH-UBND"}),
    "hue-table-cells.txt": case(
        THANH_PHO.format("Huế"), None, "city", "301/KH-UBND", "2025-05-09", "Huế",
        {"71/NQ-CP", "57-NQ/TW", "20-CTr/TU"}, {"71/NQ-CP", "20-CTr/TU"}),
    "nghe-an-so-reduced.txt": case(
        "Sở Nông nghiệp và Môi trường", TINH.format("Nghệ An"), "department", "1210/KH-SNNMT", "2025-09-25",
        "Nghệ An", {"215/KH-UBND", "71/NQ-CP"}, set()),
    "thanh-pho-no-context.txt": case(
        None, None, None, "77/KH-UBND", None, None, {"45/KH-UBND"}, {"45/KH-UBND"},
        warnings={"no-issuer", "no-level"}),
    "vinh-thanh-pho-thuoc-tinh.txt": case(
        "Ủy ban nhân dân thành phố Vinh", TINH.format("Nghệ An"), "district", "64/KH-UBND", "2025-03-12", "Vinh",
        {"03/NQ-CP", "97/KH-UBND"}, {"03/NQ-CP", "97/KH-UBND"}),
    "quang-ninh-xa-portal-below.txt": case(
        "Ủy ban nhân dân xã Quảng Hà", TINH.format("Quảng Ninh"), "commune", "61/KH-UBND", "2025-08-20",
        "Quảng Hà", {"134/KH-UBND", "193/2025/QH15"}, {"134/KH-UBND"}),
    "lam-dong-so-uppercase-title.txt": case(
        "Sở Giáo dục và Đào tạo", TINH.format("Lâm Đồng"), "department", "2210/KH-SGDĐT", "2025-09-16",
        "Lâm Đồng", {"71-NQ/TW", "02/2025/TT-BGDĐT"}, {"71-NQ/TW"}),
    "can-tho-draft-blank.txt": case(
        THANH_PHO.format("Cần Thơ"), None, "city", None, None, "Cần Thơ",
        {"57-NQ/TW", "71/NQ-CP"}, {"57-NQ/TW", "71/NQ-CP"}),
    "dong-thap-chuong-trinh.txt": case(
        TINH.format("Đồng Tháp"), None, "city", "25/CTr-UBND", "2025-02-27", "Đồng Tháp",
        {"03/NQ-CP", "57-NQ/TW", "07/CT-TTg", "30-CTr/TU"}, {"03/NQ-CP", "30-CTr/TU"}),
    "ha-noi-phuong-motto-first.txt": case(
        "Ủy ban nhân dân phường Ba Đình", THANH_PHO.format("Hà Nội"), "ward", "98/KH-UBND", "2025-09-30",
        "Ba Đình", {"312/KH-UBND"}, {"312/KH-UBND"}),
    "nghe-an-so-portal.html": case(
        "Sở Thông tin và Truyền thông", TINH.format("Nghệ An"), "department", "86/KH-STTTT", "2025-03-10",
        "Nghệ An", {"03/NQ-CP", "57-NQ/TW", "06/QĐ-TTg", "97/KH-UBND"}, {"03/NQ-CP", "97/KH-UBND"}),
    "thanh-hoa-xa.txt": case(
        "Ủy ban nhân dân xã Nga Sơn", TINH.format("Thanh Hóa"), "commune", "88/KH-UBND", "2025-10-02", "Nga Sơn",
        {"120/KH-UBND", "2345/UBND-KGVX"}, {"120/KH-UBND"}),
    "khanh-hoa-so-three-lines.txt": case(
        "Sở Văn hóa, Thể thao và Du lịch", TINH.format("Khánh Hòa"), "department", "1045/KH-SVHTTDL",
        "2025-08-11", "Khánh Hòa", {"2156/QĐ-BVHTTDL", "301/KH-UBND"}, {"301/KH-UBND"}),
    "gia-lai-reduced-no-heading.txt": case(
        TINH.format("Gia Lai"), None, "city", "412/KH-UBND", "2025-08-19", "Gia Lai",
        {"71/NQ-CP", "57-NQ/TW", "08-CTr/TU"}, {"71/NQ-CP", "08-CTr/TU"}),
    "an-giang-phuong.txt": case(
        "Ủy ban nhân dân phường Long Xuyên", TINH.format("An Giang"), "ward", "73/KH-UBND", "2025-09-08",
        "Long Xuyên", {"55/KH-UBND", "112-TB/ĐU"}, {"55/KH-UBND"}),
    "bac-ninh-page-title-only.txt": case(
        TINH.format("Bắc Ninh"), None, "city", "88/KH-UBND", "2025-04-14", "Bắc Ninh",
        {"03/NQ-CP", "749/QĐ-TTg"}, set()),
    "quang-tri-xa-plain.txt": case(
        "Ủy ban nhân dân xã Cam Lộ", TINH.format("Quảng Trị"), "commune", "51/KH-UBND", "2025-08-21", "Cam Lộ",
        {"260/KH-UBND"}, set()),
    "hue-phuong.txt": case(
        "Ủy ban nhân dân phường Thuận Hóa", THANH_PHO.format("Huế"), "ward", "19/KH-UBND", "2025-09-15",
        "Thuận Hóa", {"301/KH-UBND", "71/NQ-CP"}, {"301/KH-UBND"}),
    "da-nang-so-cells.txt": case(
        "Sở Khoa học và Công nghệ", THANH_PHO.format("Đà Nẵng"), "department", "301/KH-SKHCN", "2025-07-22",
        "Đà Nẵng", {"210/KH-UBND"}, set()),
    "hcm-phuong-place-kind.txt": case(
        "Ủy ban nhân dân phường Sài Gòn", THANH_PHO.format("Hồ Chí Minh"), "ward", "201/KH-UBND", "2025-09-03",
        "Phường Sài Gòn", {"3450/KH-UBND", "12-CTr/TU"}, {"3450/KH-UBND"}),
    "quang-ngai-draft-dots.txt": case(
        TINH.format("Quảng Ngãi"), None, "city", None, None, "Quảng Ngãi", {"57-NQ/TW"}, set()),
    "quang-ngai-one-row.txt": case(
        TINH.format("Quảng Ngãi"), None, "city", "45/KH-UBND", "2025-05-12", "Quảng Ngãi",
        {"71/NQ-CP", "57-NQ/TW"}, {"71/NQ-CP"}),
    "dak-lak-so-plain.txt": case(
        "Sở Y tế", TINH.format("Đắk Lắk"), "department", "77/KH-SYT", "2025-07-14", "Đắk Lắk",
        {"88/KH-UBND"}, {"88/KH-UBND"}),
    "dong-nai-xa-number-first.txt": case(
        "Ủy ban nhân dân xã Tân Phú", TINH.format("Đồng Nai"), "commune", "12/KH-UBND", "2025-08-25", "Tân Phú",
        {"150/KH-UBND"}, set()),
    "ha-tinh-khhd.txt": case(
        TINH.format("Hà Tĩnh"), None, "city", "19/KHHĐ-UBND", "2025-06-06", "Hà Tĩnh",
        {"123-KL/TW", "08-QĐi/TW", "57-NQ/TW"}, {"123-KL/TW"}),
    "cao-bang-no-block.txt": case(
        TINH.format("Cao Bằng"), None, "city", "99/KH-UBND", "2025-06-30", "Cao Bằng",
        {"71/NQ-CP", "41-KH/TU"}, {"41-KH/TU"}),
    "ha-tinh-so.txt": case(
        "Sở Tư pháp", TINH.format("Hà Tĩnh"), "department", "230/KH-STP", "2025-07-11", "Hà Tĩnh",
        {"19/KHHĐ-UBND"}, {"19/KHHĐ-UBND"}),
    "so-no-province.txt": case(
        "Sở Y tế", None, "department", "12/KH-SYT", "2025-03-04", "Đà Lạt", {"46/2018/TT-BYT"}, set(),
        warnings={"no-province"}),
}

# The seeds' issuers, read off their texts (the place and date lines, the sentence that
# names who issues the plan, the plans they cite).
SEED_ISSUERS = {
    "000": ("Sở Nội vụ", HAI_PHONG),
    "001": ("Ủy ban nhân dân xã Mao Điền", HAI_PHONG),
    "002": ("Sở Văn hóa, Thể thao và Du lịch", HAI_PHONG),
    "003": ("Ủy ban nhân dân phường Hải Dương", HAI_PHONG),
    "004": ("Ủy ban nhân dân xã Thanh Miện", HAI_PHONG),
}
PORTAL = [("Loại văn bản", "Kế hoạch"), ("Tình trạng", "Đã biết"), ("Người ký", "Đang cập nhật")]
SEED_VARIANTS = {
    **{f"{seed} heading dropped": (seed, variants.drop_heading) for seed in sorted(SEEDS)},
    "002 motto split": ("002", variants.split_motto),
    "004 motto split beside the issuer": ("004", variants.split_motto),
    "004 issuer reduced": ("004", variants.reduce_issuer),
    "002 portal lines above": ("002", lambda lines: variants.portal_metadata(lines, PORTAL)),
    "004 portal lines below": ("004", lambda lines: variants.portal_metadata(lines, PORTAL, below=True)),
    "003 heading dropped, portal lines above": (
        "003", lambda lines: variants.portal_metadata(variants.drop_heading(lines), PORTAL)),
}


def seed_case(seed: str) -> dict:
    expected = SEEDS[seed]
    return case(*SEED_ISSUERS[seed], expected["level"], expected["number"], expected["date"], expected["place"],
                expected["citations"], expected["implements"])


CASES = {**FIXTURES, **{name: seed_case(seed) for name, (seed, _) in SEED_VARIANTS.items()}}


@lru_cache(maxsize=None)
def plan_of(name: str) -> Plan:
    if name in FIXTURES:
        return parse(read_document(HEADERS / name))
    seed, vary = SEED_VARIANTS[name]
    source = source_of(seed)
    source.lines = vary(list(source.lines))
    return parse(source, as_printed=True)


def found(plan: Plan) -> dict:
    """What the parser read, in the shape of a case."""
    issuer = (plan.issuer.name, plan.issuer.parent_name) if plan.issuer else (None, None)
    return {"issuer": issuer, "level": plan.level, "number": plan.number, "date": plan.date,
            "place": plan.place, "citations": {c.number for c in plan.citations},
            "implements": {c.number for c in plan.citations if c.implements}}


def points(field: str, expected, got) -> float:
    if field in CITATIONS:
        either = expected | got
        return len(expected & got) / len(either) if either else 1.0
    if field in ("issuer", "place"):
        return float(folded(expected) == folded(got))
    return float(expected == got)


def folded(value):
    if isinstance(value, tuple):
        return tuple(folded(part) for part in value)
    return fold(value) if value else None


def scores() -> tuple[dict[str, float], list[tuple[str, str, object, object]]]:
    """The mean points per field over every case, and the misses (case, field, expected, found)."""
    totals = dict.fromkeys(IDENTITY + CITATIONS, 0.0)
    misses = []
    for name, expected in CASES.items():
        try:
            got = found(plan_of(name))
        except Exception as error:  # a case the parser refuses scores nothing
            got = {"issuer": (None, None), "citations": set(), "implements": set(), "error": str(error)}
        for field in totals:
            value = points(field, expected[field], got.get(field))
            totals[field] += value
            if value < 1:
                misses.append((name, field, expected[field], got.get(field, got.get("error"))))
    return {field: total / len(CASES) for field, total in totals.items()}, misses


def group_score(fields: tuple[str, ...]) -> float:
    per_field, _ = scores()
    return sum(per_field[field] for field in fields) / len(fields)


def test_identity_score():
    assert group_score(IDENTITY) >= THRESHOLD, [miss for miss in scores()[1] if miss[1] in IDENTITY]


def test_citation_score():
    assert group_score(CITATIONS) >= THRESHOLD, [miss for miss in scores()[1] if miss[1] in CITATIONS]


@pytest.mark.parametrize("name", [name for name, expected in FIXTURES.items() if expected["warnings"]])
def test_what_cannot_be_read_is_warned(name):
    codes = {warning.code for warning in plan_of(name).warnings}
    assert FIXTURES[name]["warnings"] <= codes


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_plan_never_cites_itself_nor_names_the_motto(name):
    plan = plan_of(name)
    assert plan.number is None or plan.number not in {c.number for c in plan.citations}
    assert plan.issuer is None or "chu nghia" not in fold(plan.issuer.printed)


def test_a_department_of_no_named_province_is_none_of_the_registry():
    issuer = plan_of("so-no-province.txt").issuer
    assert (issuer.key, issuer.parent_key) == ("province-unknown/so-y-te", None)


@pytest.mark.parametrize("name, printed, key", [
    ("da-nang-so-cells.txt", "Công an thành phố", "cong-an-thanh-pho-da-nang"),
    ("hcm-phuong-place-kind.txt", "UBND Thành phố", "ubnd-thanh-pho-ho-chi-minh"),
    ("vinh-thanh-pho-thuoc-tinh.txt", "Văn phòng HĐND và UBND thành phố", "ubnd-thanh-pho-vinh/van-phong-hdnd-va-ubnd"),
    ("ha-tinh-so.txt", "Công an tỉnh", "cong-an-tinh-ha-tinh"),   # "Hà Tĩnh" ends as "tỉnh" does, folded
])
def test_a_unit_named_by_its_kind_of_place_is_the_plans_own(name, printed, key):
    units = {unit.printed: unit for task in plan_of(name).tasks for unit in (*task.lead, *task.cooperating)}
    assert units[printed].key == key


def test_a_committee_of_a_city_the_plan_does_not_name_is_unrecognised():
    plan = plan_of("thanh-pho-no-context.txt")
    [unit] = [unit for task in plan.tasks for unit in task.cooperating if unit.printed == "UBND Thành phố"]
    assert not unit.known and "ubnd-thanh-pho-hai-phong" not in unit.key
    assert ("unknown-unit", "unit not recognised: UBND Thành phố") in {(w.code, w.message) for w in plan.warnings}


if __name__ == "__main__":
    per_field, missed = scores()
    for fields in (IDENTITY, CITATIONS):
        print(" ".join(f"{field} {per_field[field]:.3f}" for field in fields),
              f"| score {sum(per_field[f] for f in fields) / len(fields):.3f}")
    for miss in missed:
        print(*miss, sep="  ")
