"""A national corpus of plans (Kế hoạch) implementing NQ 57, generated from a seed, for benchmarks.

The bundled corpus holds five plans of one city; a national corpus is
thousands. This module writes such a corpus: the 34 provinces and centrally
run cities of July 2025, each with its people's committee, a dozen
departments and its communes and wards (named from place-name syllables).
Every province's committee assigns a subset of NQ 71's items and tasks of its
own to its departments in an assignment table; departments and communes
restate a varying subset of those tasks (reworded, abbreviated, shortened,
with or without the NQ 71 number) to their own divisions and offices; some
communes copy their city's tables word for word. Plans are written as plain
text (some OCR-damaged, without diacritics), DOCX, HTML (some as legal
portals re-lay them) and PDF, with the header anatomy, legal basis, numbered
sections, signature and appendices of real plans. Everything follows from
``random.Random(seed)``: the same seed gives the same files.

``manifest.json`` beside the files is the ground truth: for every document
its issuer, level, number, date, citations, and every task the parser should
find, with the NQ 71 item it carries (stated or not) and the upstream task it
restates. ``--check DIR`` reads the documents with the project's loaders and
prints how many were read and how many match the manifest.

    .venv/bin/python bench/national_corpus.py --plans 500 --seed 57 --out /tmp/national
    .venv/bin/nqgraph build --store /tmp/national-store /tmp/national
    .venv/bin/python bench/national_corpus.py --check /tmp/national --store /tmp/national-store

Vocabulary (provinces, departments, offices, NQ 71 items, city tasks,
indicators, wording) is data under ``bench/data/``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # tests.documents and tests.variants, when run as a script

from tests.documents import FONT, write_docx, write_html  # noqa: E402
from tests.variants import CONFUSIONS, MARKER  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
REFERENCE = ROOT / "data" / "reference"
FORMATS = (("txt", 0.7), ("docx", 0.1), ("html", 0.1), ("pdf", 0.1))
OCR_SHARE = 0.1
NQ57 = "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, " \
       "đổi mới sáng tạo và chuyển đổi số quốc gia"
NQ71 = "Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động " \
       "của Chính phủ thực hiện Nghị quyết số 57-NQ/TW"
NQ193 = "Nghị quyết số 193/2025/QH15 của Quốc hội về thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá " \
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


# --- vocabulary -------------------------------------------------------------------

def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Province:
    name: str
    kind: str                  # "tỉnh" or "thành phố"
    communes: int              # communes and wards since 1 July 2025
    formerly: tuple[str, ...]  # the provinces merged into it

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class Item:
    """A numbered task of NQ 71's appendix."""

    number: str
    nq57: str
    text: str
    lead: str
    result: str
    deadline: str


@dataclass(frozen=True)
class Vocabulary:
    provinces: list[Province]
    departments: list[dict[str, str]]
    offices: list[dict[str, str]]
    items: list[Item]
    nq57: dict[str, tuple[int, str, str]]  # NQ 57 task number → (group, text, as plans quote it)
    groups: dict[int, str]
    city_tasks: list[dict[str, str]]
    local_tasks: list[dict[str, str]]
    indicators: list[dict[str, str]]
    words: dict[str, list[str]]
    wording: dict[str, list[tuple[str, list[str]]]]
    prose: dict[str, list[str]]


@cache
def vocabulary() -> Vocabulary:
    words: dict[str, list[str]] = {}
    for row in read_rows(DATA / "words.csv"):
        words.setdefault(row["kind"], []).append(row["word"])
    wording: dict[str, list[tuple[str, list[str]]]] = {}
    for row in read_rows(DATA / "rewording.csv"):
        wording.setdefault(row["kind"], []).append((row["text"], row["alternatives"].split("|")))
    prose: dict[str, list[str]] = {}
    for row in read_rows(DATA / "prose.csv"):
        prose.setdefault(row["kind"], []).append(row["text"])
    return Vocabulary(
        provinces=[Province(r["name"], r["kind"], int(r["communes"]), tuple(filter(None, r["formerly"].split("|"))))
                   for r in read_rows(DATA / "provinces.csv")],
        departments=read_rows(DATA / "departments.csv"),
        offices=read_rows(DATA / "commune_offices.csv"),
        items=[Item(**r) for r in read_rows(DATA / "nq71_items.csv")],
        nq57={r["number"]: (int(r["group"]), r["text"], r["quote"]) for r in read_rows(REFERENCE / "nq57_tasks.csv")},
        groups={int(r["number"]): r["title"] for r in read_rows(DATA / "nq57_groups.csv")},
        city_tasks=read_rows(DATA / "city_tasks.csv"),
        local_tasks=read_rows(DATA / "local_tasks.csv"),
        indicators=read_rows(DATA / "indicators.csv"),
        words=words, wording=wording, prose=prose,
    )


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --- the country --------------------------------------------------------------------

@dataclass
class Unit:
    """An issuer of plans, and the units it assigns tasks to."""

    key: str
    name: str                   # as its own documents name it in sentences
    short: str                  # as its province's tables name it
    level: str                  # city, department, commune, ward
    province: Province
    code: str                   # the issuer part of its document numbers: KH-<code>
    header: tuple[str, ...]     # the issuer block, parent authority first
    signer: tuple[str, ...]     # signature titles
    divisions: tuple[str, ...]  # the units its own plans assign tasks to
    place: str                  # the place in its date line
    ministries: tuple[str, ...] = ()
    department: str = ""        # the key of its row in departments.csv


def city_unit(province: Province) -> Unit:
    return Unit(f"{slug(province.name)}/ubnd", f"Ủy ban nhân dân {province.full}", f"UBND {province.kind}", "city",
                province, "UBND", ("ỦY BAN NHÂN DÂN", province.full.upper()),
                ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), (), province.name)


def department_units(province: Province) -> list[Unit]:
    units = []
    for row in vocabulary().departments:
        templated = "{province}" in row["name"]
        short = row["name"].replace("{province}", province.full)
        name = short if templated else f"{short} {province.full}"
        header = row["header"] or f"UBND {{PROVINCE}}|{short.upper()}"
        header = header.replace("{PROVINCE}", province.full.upper()).replace("{KIND}", province.kind.upper())
        signer = (row["signer"],) if row["signer"] != "GIÁM ĐỐC" else ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
        units.append(Unit(f"{slug(province.name)}/{row['key']}", name, short, "department", province, row["code"],
                          tuple(header.split("|")), signer, tuple(row["divisions"].split("|")), province.name,
                          tuple(row["ministries"].split("|")), row["key"]))
    return units


def commune_units(rng: random.Random, province: Province) -> list[Unit]:
    """Communes and wards with names made of two place-name syllables, unique in their province."""
    syllables = vocabulary().words["syllable"]
    ward_share = 0.4 if province.kind == "thành phố" else 0.15
    names: set[str] = set()
    units = []
    while len(units) < province.communes:
        name = " ".join(rng.sample(syllables, 2))
        if name in names:
            continue
        names.add(name)
        level = "ward" if rng.random() < ward_share else "commune"
        word = "phường" if level == "ward" else "xã"
        offices = tuple(row["name"].replace("{level}", word) for row in vocabulary().offices
                        if level in row["levels"] and row["role"] != "collective")
        units.append(Unit(f"{slug(province.name)}/{slug(word + ' ' + name)}", f"Ủy ban nhân dân {word} {name}",
                          f"UBND {word} {name}", level, province, "UBND", ("ỦY BAN NHÂN DÂN", f"{word} {name}".upper()),
                          ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), offices, name))
    return units


# --- tasks and plans ---------------------------------------------------------------

@dataclass
class Row:
    """A task as one plan prints it, with what it derives from."""

    id: str
    text: str
    group: int                          # NQ 57 group
    lead: list[str]
    cooperating: list[str] = field(default_factory=list)
    output: str = ""
    deadline: str = ""
    item: Item | None = None            # the NQ 71 item it carries
    upstream: Row | None = None         # the task it restates
    department: str = ""                # the city department it falls to (city rows)
    collective: bool = False            # assigned to every unit (city rows)


@dataclass
class Plan:
    """One document of the corpus and its ground truth."""

    index: int
    issuer: Unit
    date: date
    number: int | None                  # None: left blank, as drafts print it
    dated: bool                         # False: the day left blank
    city: Plan | None = None            # the city plan it implements
    rows: list[Row] = field(default_factory=list)      # its tasks, for the plans below it
    tables: list[Table] = field(default_factory=list)  # its assignment tables, for communes to copy
    blocks: list = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)    # what the parser should find, in order
    indicators: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    title: str = ""
    layout: dict = field(default_factory=dict)

    @property
    def printed_number(self) -> str:
        return f"{self.number or ''}/KH-{self.issuer.code}"

    @property
    def id(self) -> str:
        return f"{self.issuer.key}/{self.date.year}/{self.number or f'draft-{self.index}'}"


def national(rng: random.Random, count: int) -> list[tuple[Unit, int]]:
    """Who issues the ``count`` plans: provinces spread over the country, each with its city plan
    first, then departments, then communes and wards; beyond one plan per issuer, 2026 revisions."""
    provinces = rng.sample(vocabulary().provinces, min(34, max(1, round(count ** 0.5 / 2))))
    weights = [province.communes for province in provinces]
    quotas = [1] * len(provinces)
    for _ in range(count - len(provinces)):
        quotas[rng.choices(range(len(provinces)), weights)[0]] += 1
    issued: list[tuple[Unit, int]] = []
    for province, quota in zip(provinces, quotas):
        city = city_unit(province)
        departments = department_units(province)
        communes = commune_units(rng, province)
        local = quota - 1
        wanted_departments = min(len(departments), max(1 if local else 0, round(local * 0.12)))
        chosen = rng.sample(departments, wanted_departments)
        chosen += rng.sample(communes, min(len(communes), local - wanted_departments))
        revisions = [rng.choice(chosen) for _ in range(local - len(chosen))]
        issued.append((city, 2025))
        issued += [(unit, 2025) for unit in chosen] + [(unit, 2026) for unit in revisions]
    return issued


def plan_date(rng: random.Random, year: int, after: date | None) -> date:
    if year == 2026:
        return date(2026, 1, 5) + timedelta(days=rng.randint(0, 85))
    if after is None:
        return date(2025, 4, 20) + timedelta(days=rng.randint(0, 140))
    return min(after + timedelta(days=rng.randint(4, 70)), date(2025, 12, 30))


# --- wording ---------------------------------------------------------------------

def words_of(kind: str) -> list[tuple[str, list[str]]]:
    return vocabulary().wording[kind]


def lower_first(text: str) -> str:
    word = text.split(" ", 1)[0]
    return text if word.isupper() or word[1:] != word[1:].lower() else text[:1].lower() + text[1:]


def reword(rng: random.Random, text: str, place: str | None) -> str:
    """A restatement as a plan lower down prints it: abbreviated or spelt out, a synonym, a verb
    in front, a clause dropped, coordinated phrases in another order, its own place at the end."""
    text = text.rstrip(" .;")
    for full, shorts in words_of("abbreviation"):
        short = rng.choice(shorts)
        if full in text and rng.random() < 0.5:
            text = text.replace(full, short)
        elif short in text and rng.random() < 0.2:
            text = text.replace(short, full)
    for phrase, alternatives in words_of("synonym"):
        if rng.random() < 0.3 and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", rng.choice(alternatives), text, count=1)
    for phrase, alternatives in words_of("order"):
        if phrase in text and rng.random() < 0.3:
            text = text.replace(phrase, rng.choice(alternatives), 1)
    if rng.random() < 0.3:
        text = shorten(text)
    if rng.random() < 0.25:
        text = f"{rng.choice(words_of('prefix')[0][1])} {lower_first(text)}"
    if place and rng.random() < 0.4 and not re.search(rf"\b{place}\b", text):
        text = f"{text} {rng.choice(words_of('scope')[0][1]).format(place=place)}"
    return text[:1].upper() + text[1:]


def shorten(text: str) -> str:
    """The text up to the first clause break after ten words or more, as plans cut long tasks."""
    for found in re.finditer(r";|, ", text):
        if len(text[:found.start()].split()) >= 10:
            return text[:found.start()]
    return text


def localise(text: str, unit: Unit) -> str:
    """City wording brought down to a commune: its province named as the commune is."""
    word = "phường" if unit.level == "ward" else "xã"
    text = text.replace(unit.province.full, f"{word} {unit.place}")
    text = re.sub(r"\bcấp tỉnh\b", f"cấp {word}", text)
    return re.sub(r"\b(của|địa bàn|tại|toàn) (?:tỉnh|thành phố)\b(?! [A-ZĐ])", rf"\1 {word}", text)


def some_deadline(rng: random.Random, year: int) -> str:
    month = rng.randint(6 if year == 2025 else 3, 12)
    form = rng.choice(words_of("deadline")[0][1])
    return form.format(month=month, year=year, quarter=("I", "II", "III", "IV")[(month - 1) // 3])


def person(rng: random.Random) -> str:
    words = vocabulary().words
    return f"{rng.choice(words['family'])} {rng.choice(words['middle'])} {rng.choice(words['given'])}"


# --- documents as blocks ---------------------------------------------------------

@dataclass
class Para:
    """A paragraph; ``kind`` says how it is set: title, center, body, appendix, caption."""

    text: str
    kind: str = "body"


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]      # a group heading is [number, title, "", …]
    widths: list[int]          # characters each column prints in text extracted from a PDF


@dataclass
class Header:
    left: list[str]
    right: list[str]


@dataclass
class Signoff:
    recipients: list[str]
    titles: list[str]
    signer: str


@dataclass
class Break:
    """A page break (before an appendix)."""


PHU_LUC_3 = ["TT", "Tên nhiệm vụ (Nghị quyết 57-NQ/TW ngày 22/12/2024)",
             "Nhiệm vụ tương ứng (Nghị quyết 71 và các Thông báo kết luận Phiên họp BCĐTW)",
             "Stt nhiệm vụ trong NQ 71", "Đơn vị chủ trì, theo dõi đánh giá", "Kết quả cần đạt",
             "Thời gian hoàn thành"]
PHU_LUC_3_WIDTHS = [6, 26, 38, 7, 14, 12, 11]
PHU_LUC_4 = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm đầu ra",
             "Thời gian thực hiện/hoàn thành"]
PHU_LUC_4_WIDTHS = [5, 50, 18, 25, 11, 12]
NOTED = ["STT", "Nội dung công việc/nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả cần đạt", "Thời gian thực hiện",
         "Ghi chú"]
NOTED_WIDTHS = [4, 32, 18, 18, 14, 10, 12]
COMMUNE_TABLE = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
COMMUNE_TABLE_WIDTHS = [5, 60, 22, 22, 12]
INDICATORS = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả đến năm 2030", "Cơ quan chủ trì theo dõi, đánh giá"]
INDICATOR_WIDTHS = [5, 62, 8, 14, 20]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
LETTERS = "ABCDEFG"


def group_title(number: int, scope: str) -> str:
    return vocabulary().groups[number].format(scope=scope)


class Writer:
    """Collects the blocks of a plan and the tasks the parser should read from them."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.roman = 0

    def add(self, *blocks) -> None:
        self.plan.blocks.extend(blocks)

    def section(self, title: str) -> None:
        self.add(Para(f"{ROMAN[self.roman]}. {title}"))
        self.roman += 1

    def task(self, number: str, row: Row, table: str | None, stated: bool = False, note: str | None = None,
             output: bool = True) -> None:
        """The task the parser should read; ``output`` False where the plan prints no output for it."""
        source = row.upstream
        self.plan.tasks.append({
            "id": row.id, "number": number, "text": row.text, "table": table,
            "lead": row.lead, "cooperating": row.cooperating,
            "deadline": row.deadline or None, "output": (row.output or None) if output else None,
            "item": row.item.number if row.item else None, "stated": stated,
            "upstream": source.id if source else None,
            "city_task": bool(note and "Nhiệm vụ" in note)})


def header_blocks(plan: Plan) -> list:
    unit = plan.issuer
    when = plan.date
    day = f"{when.day:02d}" if plan.dated else "     "
    place = unit.place
    line = f"{place}, ngày {day} tháng {when.month} năm {when.year}"
    number = f"Số: {plan.number or '     '}/KH-{unit.code}"
    return [Header([*unit.header, number], [*MOTTO, line])]


def citation(number: str, when: date, issuer: str) -> dict:
    return {"number": number, "date": when.isoformat(), "issuer": issuer}


def city_reference(plan: Plan) -> str:
    city = plan.city
    when = city.date
    spelled = f"ngày {when.day:02d}/{when.month}/{when.year}" if plan.index % 2 else \
        f"ngày {when.day} tháng {when.month} năm {when.year}"
    return f"Kế hoạch số {city.printed_number} {spelled} của {city.issuer.name} về thực hiện {NQ57}"


def basis(plan: Plan, rng: random.Random) -> list[Para]:
    """``Căn cứ`` / ``Thực hiện`` paragraphs citing NQ 57, NQ 71 and, below the city, its plan."""
    plan.citations = [citation("57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị"),
                      citation("71/NQ-CP", date(2025, 4, 1), "Chính phủ")]
    paragraphs = [Para(f"Căn cứ {NQ57};"), Para(f"Căn cứ {NQ71};")]
    if rng.random() < 0.5:
        paragraphs.append(Para(f"Căn cứ {NQ193};"))
        plan.citations.append({"number": "193/2025/QH15", "date": None, "issuer": "Quốc hội"})
    if plan.city is not None:
        paragraphs.append(Para(f"Thực hiện {city_reference(plan)};"))
        plan.citations.append(citation(plan.city.printed_number, plan.city.date, plan.city.issuer.name))
    paragraphs.append(Para(f"{plan.issuer.name} ban hành Kế hoạch thực hiện với các nội dung sau:"))
    return paragraphs


def purpose(writer: Writer, rng: random.Random, place: str) -> None:
    prose = vocabulary().prose
    writer.section("MỤC ĐÍCH, YÊU CẦU")
    writer.add(Para("1. Mục đích"))
    writer.add(*(Para(f"- {text.format(place=place)}") for text in rng.sample(prose["purpose"], 2)))
    writer.add(Para("2. Yêu cầu"))
    writer.add(*(Para(f"- {text}") for text in rng.sample(prose["requirement"], 2)))


def goals(writer: Writer, rng: random.Random, place: str, appendix: int | None) -> None:
    writer.section("MỤC TIÊU, CHỈ TIÊU")
    writer.add(Para("1. Mục tiêu chung"))
    writer.add(*(Para(f"- {text.format(place=place)}") for text in rng.sample(vocabulary().prose["goal"], 2)))
    if appendix:
        writer.add(Para("2. Chỉ tiêu cụ thể"), Para(f"Chi tiết tại Phụ lục {appendix} kèm theo Kế hoạch này."))


def organisation(writer: Writer, rng: random.Random, units: list[str], closing_place: str) -> None:
    writer.section("TỔ CHỨC THỰC HIỆN")
    duties = vocabulary().prose["duty"]
    for number, unit in enumerate(units, start=1):
        writer.add(Para(f"{number}. {unit}: {rng.choice(duties)}"))
    writer.add(Para(rng.choice(vocabulary().prose["closing"]).format(issuer=closing_place)))


def signoff(plan: Plan, rng: random.Random, recipients: list[str]) -> Signoff:
    return Signoff([f"- {item};" for item in recipients] + ["- Lưu: VT."], list(plan.issuer.signer), person(rng))


def indicator_table(plan: Plan, rng: random.Random, number: int, monitor) -> list:
    """Phụ lục ``number``: indicators with their 2030 targets and monitoring units."""
    chosen = sorted(rng.sample(range(len(vocabulary().indicators)), rng.randint(6, 12)))
    rows = []
    for code, index in enumerate(chosen, start=1):
        entry = vocabulary().indicators[index]
        target = rng.choice(entry["targets"].split("|"))
        unit = monitor(entry)
        rows.append([str(code), entry["name"], entry["unit"], target, unit])
        plan.indicators.append({"code": str(code), "name": entry["name"], "unit": entry["unit"] or None,
                                "target": target, "monitoring": unit})
    return [Break(), Para(f"PHỤ LỤC {number}: CÁC CHỈ TIÊU CỤ THỂ THEO NGHỊ QUYẾT SỐ 71/NQ-CP", "appendix"),
            Para(caption(plan), "caption"), Table(INDICATORS, rows, INDICATOR_WIDTHS)]


def caption(plan: Plan, owner: Plan | None = None) -> str:
    owner = owner or plan
    day = f"{owner.date.day:02d}" if owner.dated else "   "
    return f"(Kèm theo Kế hoạch số {owner.printed_number} ngày {day}/{owner.date.month}/{owner.date.year} " \
           f"của {owner.issuer.name})"


# --- the city plan -----------------------------------------------------------

def departments_for(ministry: str, departments: list[Unit]) -> list[Unit]:
    return [unit for unit in departments if ministry in unit.ministries]


COLLECTIVE_LEAD = ("Các sở, ban, ngành, UBND các xã, phường", "Các cấp chính quyền, các sở, ngành, đơn vị")
COLLECTIVE_COOPERATING = "Các sở, ban, ngành, UBND các xã, phường, các đơn vị liên quan"


def compose_city(plan: Plan, rng: random.Random) -> None:
    unit, province = plan.issuer, plan.issuer.province
    vocab = vocabulary()
    departments = department_units(province)
    by_key = {department.department: department for department in departments}
    order = list(vocab.nq57)
    items = rng.sample(vocab.items, rng.randint(16, 36))
    items.sort(key=lambda item: (order.index(item.nq57), int(item.number.split()[0]), item.number))
    item_rows = []
    for position, item in enumerate(items, start=1):
        leads = departments_for(item.lead, departments)
        lead = [leads[0].short] if leads else [rng.choice(COLLECTIVE_LEAD)]
        if rng.random() < 0.15:
            extra = rng.choice(departments)
            if extra.short not in lead:
                lead.append(extra.short)
        text = item.text.replace("bộ, ngành, địa phương", province.kind).replace("toàn quốc", f"toàn {province.kind}")
        item_rows.append(Row(f"{plan.id}/nq71-{position}", text, vocab.nq57[item.nq57][0], lead,
                             output=item.result, deadline=item.deadline, item=item,
                             department=leads[0].department if leads else "", collective=not leads))
    own = sorted(rng.sample(vocab.city_tasks, rng.randint(10, 24)), key=lambda task: int(task["group"]))
    city_rows = []
    for position, task in enumerate(own, start=1):
        lead_unit = by_key.get(task["lead"])
        lead = [lead_unit.short] if lead_unit else ["Các sở, ban, ngành, địa phương"]
        partner = by_key.get(task["cooperating"])
        cooperating = [f"{partner.short}; các đơn vị liên quan"] if partner else [COLLECTIVE_COOPERATING]
        text = task["text"].format(dp=province.kind)
        city_rows.append(Row(f"{plan.id}/task-{position}", text, int(task["group"]), lead, cooperating,
                             task["output"], task["deadline"], department=task["lead"] if lead_unit else "",
                             collective=not lead_unit))
    plan.rows = item_rows + city_rows
    plan.title = f"Thực hiện {NQ57} và Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ trên địa bàn {province.full}"
    writer = Writer(plan)
    writer.add(*header_blocks(plan), Para("KẾ HOẠCH", "title"), Para(plan.title, "center"), *basis(plan, rng))
    purpose(writer, rng, province.full)
    if province.formerly:
        names = [province.full if name == province.name else f"tỉnh {name}" for name in province.formerly]
        merged = f"{', '.join(names[:-1])} và {names[-1]}"
        writer.add(Para(f"- {rng.choice(vocab.prose['merger']).format(merged=merged)}"))
    goals(writer, rng, province.full, 1)
    writer.section("NHIỆM VỤ, GIẢI PHÁP")
    writer.add(Para("(Chi tiết phân công nhiệm vụ tại Phụ lục 2 và Phụ lục 3 kèm theo Kế hoạch này)"))
    stated_groups = sorted({group for group, _, _ in vocab.nq57.values()})
    for number, group in enumerate(stated_groups, start=1):
        statements = [text for g, text, _ in vocab.nq57.values() if g == group]
        writer.add(Para(f"{number}. {group_title(group, province.kind)}"))
        for sub, text in enumerate(rng.sample(statements, min(len(statements), rng.randint(1, 3))), start=1):
            text = f"{text[:1].upper()}{text[1:].rstrip('.;')} trên địa bàn {province.full}."
            row = Row(f"{plan.id}/body-{number}.{sub}", text, group, [])
            writer.add(Para(f"{number}.{sub}. {row.text}"))
            writer.task(f"{number}.{sub}", row, None)
    named = rng.sample(departments, 4)
    organisation(writer, rng, [department.short for department in named] + ["Các sở, ban, ngành",
                                                                            "UBND các xã, phường"], unit.name)
    writer.add(signoff(plan, rng, ["Văn phòng Chính phủ", "Bộ Khoa học và Công nghệ",
                                   f"TT {province.kind.capitalize()} ủy",
                                   f"TT HĐND {province.kind}", "Các sở, ban, ngành", "UBND các xã, phường"]))
    writer.add(*indicator_table(plan, rng, 1, lambda entry: by_key[entry["department"]].short))
    stated = rng.random() < 0.75
    nq71_table = nq71_assignments(item_rows, stated, province.kind)
    other_table = other_assignments(city_rows, "number", province.kind)
    plan.tables = [nq71_table, other_table]
    scope = f"CỦA {province.kind.upper()}"
    writer.add(Break(), Para(f"PHỤ LỤC 2: PHÂN CÔNG CÁC NHIỆM VỤ CHUNG {scope} THEO NHIỆM VỤ TẠI NGHỊ QUYẾT SỐ "
                             f"57-NQ/TW VÀ NGHỊ QUYẾT SỐ 71/NQ-CP", "appendix"), Para(caption(plan), "caption"),
               nq71_table)
    record_table(writer, nq71_table, item_rows, "Phụ lục 2", stated)
    writer.add(Break(), Para(f"PHỤ LỤC 3: PHÂN CÔNG CÁC NHIỆM VỤ KHÁC THỰC HIỆN TẠI {province.full.upper()}",
                             "appendix"), Para(caption(plan), "caption"), other_table)
    record_table(writer, other_table, city_rows, "Phụ lục 3", False)


def nq71_assignments(rows: list[Row], stated: bool, scope: str) -> Table:
    """The city's NQ 71 rows: in the form of seed 001's Phụ lục 3 (NQ 57 task, NQ 71 number), or,
    when the number is not ``stated``, as a plain assignment table."""
    if not stated:
        return other_assignments(rows, "number", scope)
    table = Table(PHU_LUC_3, [], PHU_LUC_3_WIDTHS)
    vocab = vocabulary()
    group, task = None, None
    for row in rows:
        item = row.item
        if vocab.nq57[item.nq57][0] != group:
            group = vocab.nq57[item.nq57][0]
            table.rows.append([ROMAN[group - 1], group_title(group, "xã hội").upper()] + [""] * 5)
        first = item.nq57 != task
        task = item.nq57
        quote = vocab.nq57[task][2]
        table.rows.append([f"{task}." if first else "", quote if first else "", row.text, item.number,
                           "; ".join(row.lead), row.output, row.deadline])
    return table


def other_assignments(rows: list[Row], numbering: str, scope: str, note=None) -> Table:
    """A table in the form of seed 001's Phụ lục 4, rows grouped by NQ 57 group (Roman numerals),
    numbered within each group; with ``note``, seed 002's form with a Ghi chú column."""
    columns, widths = (NOTED, NOTED_WIDTHS) if note else (PHU_LUC_4, PHU_LUC_4_WIDTHS)
    table = Table(columns, [], widths)
    group, position = None, 0
    for row in rows:
        if row.group != group:
            group = row.group
            position = 0 if numbering == "number" else position
            label = ROMAN[group - 1] if numbering == "number" else LETTERS[group - 1]
            table.rows.append([label, group_title(group, scope)] + [""] * (len(columns) - 2))
        position += 1
        cells = [f"{position}.", row.text, "; ".join(row.lead), "; ".join(row.cooperating), row.output, row.deadline]
        table.rows.append(cells + ([note(row)] if note else []))
    return table


def is_group(cells: list[str]) -> bool:
    """A group heading row: a number and a title, nothing assigned."""
    return not any(cells[2:])


def record_table(writer: Writer, table: Table, rows: list[Row], name: str, stated: bool) -> None:
    """The tasks of a table, numbered as printed: the NQ 71 number where the table has that column."""
    data = [cells for cells in table.rows if not is_group(cells)]
    for cells, row in zip(data, rows):
        number = row.item.number if stated else cells[0].rstrip(".")
        note = cells[6] if table.columns is NOTED else None
        writer.task(number, row, name, stated=stated, note=note, output=table.columns is not COMMUNE_TABLE)


# --- departments, communes and wards ------------------------------------------

def restate(rng: random.Random, plan: Plan, source: Row | None, position: int, text: str, group: int,
            item: Item | None, place: str | None, lead: list[str], cooperating: list[str],
            output: str, deadline: str) -> Row:
    """A task of a lower plan restating ``source`` (or an NQ 71 item directly)."""
    if rng.random() < 0.3:
        deadline = some_deadline(rng, plan.date.year)
    return Row(f"{plan.id}/task-{position}", reword(rng, text, place), group, lead, cooperating, output, deadline,
               item, source)


def picked_rows(rng: random.Random, plan: Plan, mine: list[Row], others: list[Row], low: int, high: int) -> list[Row]:
    city = plan.city.rows
    chosen = rng.sample(mine, max(min(len(mine), 1), round(len(mine) * rng.uniform(0.5, 1.0))))
    chosen += rng.sample(others, min(len(others), rng.randint(low, high)))
    return sorted(chosen, key=lambda row: (row.group, city.index(row)))


def compose_department(plan: Plan, rng: random.Random) -> None:
    unit, city = plan.issuer, plan.city
    mine = [row for row in city.rows if row.department == unit.department]
    shared = [row for row in city.rows if row not in mine and
              (row.collective or any(unit.short in cell for cell in row.cooperating))]
    sources = picked_rows(rng, plan, mine, shared, 2, 6)
    taken = {row.item.number for row in city.rows if row.item}
    direct = [item for item in vocabulary().items if item.lead in unit.ministries and item.number not in taken]
    divisions = list(unit.divisions)
    together = "Các phòng chức năng, các đơn vị trực thuộc Sở" if unit.short.startswith("Sở") else \
        "Các phòng, đơn vị liên quan"
    rows = []
    for source in sources + rng.sample(direct, min(len(direct), rng.randint(0, 3))):
        lead = rng.sample(divisions, 2 if rng.random() < 0.15 else 1)
        cooperating = [together] if rng.random() < 0.6 else [rng.choice([d for d in divisions if d not in lead])]
        if isinstance(source, Row):
            row = restate(rng, plan, source, len(rows) + 1, source.text, source.group, source.item, None, lead,
                          cooperating, source.output, source.deadline)
        else:
            group = vocabulary().nq57[source.nq57][0]
            row = restate(rng, plan, None, len(rows) + 1, source.text, group, source, None, lead, cooperating,
                          source.result, source.deadline)
        rows.append(row)
    rows.sort(key=lambda row: row.group)
    plan.rows = rows
    layout = rng.choice(["noted", "noted", "bullets", "stated"])
    plan.layout["tasks"] = layout
    province = unit.province
    if plan.date.year == 2026:
        plan.title = f"Chuyển đổi số, phát triển KHCN và ĐMST năm 2026 của {unit.short}"
    elif rng.random() < 0.5:
        plan.title = f"Triển khai thực hiện Kế hoạch số {city.printed_number} của {city.issuer.name} về thực hiện " \
                     f"{NQ57}"
    else:
        plan.title = f"Thực hiện {NQ57} tại {unit.short}"
    writer = Writer(plan)
    writer.add(*header_blocks(plan), Para("KẾ HOẠCH", "title"), Para(plan.title, "center"), *basis(plan, rng))
    purpose(writer, rng, province.full)
    if layout == "noted":
        writer.section("PHÂN CÔNG NHIỆM VỤ CỤ THỂ")
        writer.add(Para("(Có phụ lục phân công cụ thể, chi tiết từng nhiệm vụ, từng đơn vị thực hiện gửi kèm theo)."))
    else:
        writer.section("NHIỆM VỤ, GIẢI PHÁP")
        body_tasks(writer, rng, rows, "bullets" if layout == "bullets" else "numbered", province.kind)
    heads = [divisions[0], together]
    organisation(writer, rng, heads, unit.short)
    writer.add(signoff(plan, rng, [city.issuer.short, "Sở Khoa học và Công nghệ", "Giám đốc, các Phó Giám đốc",
                                   "Các phòng, đơn vị thuộc Sở"]))
    if layout == "noted":
        city_word = "Nhiệm vụ thành phố" if province.kind == "thành phố" else "Nhiệm vụ tỉnh"

        def note(row: Row) -> str:
            return "Nghị quyết 71 và các Thông báo kết luận Phiên họp BCĐTW" if row.item else city_word
        table = other_assignments(rows, "continuous", province.kind, note)
        writer.add(Break(), Para("PHỤ LỤC", "appendix"), Para("PHÂN CÔNG CÁC NHIỆM VỤ CỤ THỂ", "appendix"),
                   Para(caption(plan), "caption"), table)
        record_table(writer, table, rows, "Phụ lục", False)
    elif layout == "stated" and any(row.item for row in rows):
        carried = [row for row in rows if row.item]
        table = nq71_assignments(carried, True, province.kind)
        writer.add(Break(), Para("PHỤ LỤC 1: PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ THEO NGHỊ QUYẾT SỐ 71/NQ-CP", "appendix"),
                   Para(caption(plan), "caption"), table)
        record_table(writer, table, carried, "Phụ lục 1", True)


def body_tasks(writer: Writer, rng: random.Random, rows: list[Row], style: str, scope: str) -> None:
    """Tasks under NQ 57's groups, numbered ``1.1.`` or bulleted (then numbered by position), the
    assignment and deadline said in the sentence where the plan has no table for them."""
    groups = sorted({row.group for row in rows})
    for number, group in enumerate(groups, start=1):
        writer.add(Para(f"{number}. {group_title(group, scope)}"))
        for sub, row in enumerate([row for row in rows if row.group == group], start=1):
            text = row.text.rstrip(".")
            if style == "bullets" or rng.random() < 0.3:
                partner = row.cooperating[0]
                partner = lower_first(partner) if partner.startswith("Các") else partner
                text += f". {row.lead[0]} chủ trì, phối hợp với {partner}"
                if row.deadline:
                    text += f"; thời gian hoàn thành: {row.deadline}"
            marker = "-" if style == "bullets" else f"{number}.{sub}."
            writer.add(Para(f"{marker} {text}."))
            writer.task(f"{number}.{sub}", row, None)


def compose_commune(plan: Plan, rng: random.Random) -> None:
    unit, city = plan.issuer, plan.city
    word = "phường" if unit.level == "ward" else "xã"
    collective = [row for row in city.rows if row.collective]
    others = [row for row in city.rows if not row.collective]
    sources = picked_rows(rng, plan, collective, others, 3, 10)
    offices = [office for office in unit.divisions if not office.startswith(("Công an", "Ủy ban"))]
    collectives = [row["name"] for row in vocabulary().offices if row["role"] == "collective"]
    rows = []
    for source in sources:
        lead = [rng.choice(offices)]
        cooperating = [rng.choice(collectives)] if rng.random() < 0.7 else \
            [rng.choice([office for office in unit.divisions if office not in lead])]
        rows.append(restate(rng, plan, source, len(rows) + 1, localise(source.text, unit), source.group,
                            source.item, f"{word}", lead, cooperating, source.output, source.deadline))
    economy = "Phòng Kinh tế" if unit.level == "commune" else "Phòng Kinh tế, Hạ tầng và Đô thị"
    for task in rng.sample(vocabulary().local_tasks, rng.randint(2, 5)):
        lead = [economy if task["lead"] == "Phòng Kinh tế" else task["lead"]]
        text = task["text"].format(level=word, dp=unit.province.kind)
        rows.append(Row(f"{plan.id}/task-{len(rows) + 1}", text, int(task["group"]), lead, [rng.choice(collectives)],
                        task["output"], task["deadline"]))
    rows.sort(key=lambda row: row.group)
    plan.rows = rows
    layout = rng.choice(["numbered", "numbered", "table", "copy"])
    plan.layout["tasks"] = layout
    place = f"{word} {unit.place}"
    if rng.random() < 0.5:
        plan.title = f"Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số {place}" + \
                     (" năm 2026" if plan.date.year == 2026 else "")
    else:
        plan.title = f"Thực hiện {NQ57} trên địa bàn {place}"
    writer = Writer(plan)
    writer.add(*header_blocks(plan), Para("KẾ HOẠCH", "title"), Para(plan.title, "center"), *basis(plan, rng))
    indicators = rng.random() < 0.6
    purpose(writer, rng, place)
    goals(writer, rng, place, 1 if indicators else None)
    writer.section("NHIỆM VỤ, GIẢI PHÁP")
    body_tasks(writer, rng, rows, "numbered", word)
    organisation(writer, rng, offices[:3] + ["Các phòng, ban, ngành, đơn vị"], f"UBND {place}")
    writer.add(signoff(plan, rng, [city.issuer.short, f"TT Đảng ủy, HĐND {word}", f"Ủy ban MTTQ Việt Nam {word}",
                                   "Các phòng, ban, ngành"]))
    appendix = 1
    if indicators:
        writer.add(*indicator_table(plan, rng, 1, lambda entry: entry["office"].replace("{level}", word)))
        appendix += 1
    if layout == "table":
        table = commune_table(rows, word)
        writer.add(Break(), Para(f"PHỤ LỤC {appendix}: PHÂN CÔNG CÁC NHIỆM VỤ CỤ THỂ", "appendix"),
                   Para(caption(plan), "caption"), table)
        record_table(writer, table, rows, f"Phụ lục {appendix}", False)
    elif layout == "copy":
        scope = f"CỦA {unit.province.kind.upper()}"
        titles = [f"PHÂN CÔNG CÁC NHIỆM VỤ CHUNG {scope} THEO NHIỆM VỤ TẠI NGHỊ QUYẾT SỐ 57-NQ/TW VÀ NGHỊ QUYẾT "
                  f"SỐ 71/NQ-CP", f"PHÂN CÔNG CÁC NHIỆM VỤ KHÁC THỰC HIỆN TẠI {unit.province.full.upper()}"]
        for name, title, table in zip(("Phụ lục 2", "Phụ lục 3"), titles, city.tables):
            writer.add(Break(), Para(f"PHỤ LỤC {appendix}: {title}", "appendix"), table)
            for task in [task for task in city.tasks if task["table"] == name]:
                plan.tasks.append({**task, "id": f"{plan.id}/copy-{task['id'].rsplit('/', 1)[1]}",
                                   "table": f"Phụ lục {appendix}", "upstream": task["id"]})
            appendix += 1


def commune_table(rows: list[Row], word: str) -> Table:
    """Seed 004's table: groups ``1``, ``2`` and rows ``1.1``, ``1.2`` under them."""
    table = Table(COMMUNE_TABLE, [], COMMUNE_TABLE_WIDTHS)
    groups = sorted({row.group for row in rows})
    for number, group in enumerate(groups, start=1):
        table.rows.append([str(number), group_title(group, word), "", "", ""])
        for sub, row in enumerate([row for row in rows if row.group == group], start=1):
            table.rows.append([f"{number}.{sub}", row.text, row.lead[0], row.cooperating[0], row.deadline])
    return table


# --- plain text, as extracted from a PDF or an OCR'd scan --------------------------

OPENERS = {"tren day", "can cu", "thuc hien", "trien khai", "noi nhan", "phu luc"}


def starts_line(word: str, following: str) -> bool:
    """Whether a wrapped line may start with ``word``: never where it would read as a number,
    a bullet, a Roman heading or a phrase that opens a part of the plan, as a typesetter avoids."""
    if MARKER.match(word) or re.fullmatch(r"[IVX]+[.)]", word):
        return False
    opener = fold(f"{word} {following}").strip(" :")
    return not (word[:1].isupper() and any(opener.startswith(phrase) for phrase in OPENERS))


def wrap(text: str, width: int) -> list[str]:
    words = text.split()
    lines, current = [], ""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if current and len(current) + 1 + len(word) > width and starts_line(word, following):
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current] if current else lines


class TextPages:
    """Printed lines with the habits of an extraction: blank lines after each line or between
    paragraphs, a page number at each page's foot, a table's header again on the next page."""

    def __init__(self, layout: dict):
        self.layout = layout
        self.lines: list[str] = []
        self.count = 0
        self.page = 1
        self.repeat: list[str] | None = None

    def put(self, line: str) -> None:
        self.lines.append(line.rstrip())
        if self.layout["gap"] == "every":
            self.lines.append("")
        self.count += 1
        if self.layout["page"] and self.count >= self.layout["page"]:
            self.turn()
            for again in self.repeat or []:
                self.put(again)

    def paragraph_end(self) -> None:
        if self.layout["gap"] == "paragraph":
            self.lines.append("")

    def turn(self) -> None:
        if self.layout["page"]:
            self.lines += ["", str(self.page), ""]
        self.page += 1
        self.count = 0


def text_lines(plan: Plan) -> list[str]:
    layout = plan.layout
    width = layout["width"]
    out = TextPages(layout)
    for block in plan.blocks:
        if isinstance(block, Header):
            header_text(out, block, layout["header"])
        elif isinstance(block, Para):
            indent = {"title": "center", "center": "center"}.get(block.kind)
            size = width - 10 if indent else (width + 30 if block.kind in ("appendix", "caption") else width)
            for line in wrap(block.text, size):
                out.put(line.center(width).rstrip() if indent else line)
            out.paragraph_end()
        elif isinstance(block, Table):
            if layout["scan"] or block.columns is INDICATORS:
                table_side_by_side(out, block, ruled=layout["scan"])
            else:
                table_blocks(out, block)
        elif isinstance(block, Signoff):
            signoff_text(out, block, layout["header"])
        elif isinstance(block, Break):
            out.turn()
    return out.lines


def header_text(out: TextPages, header: Header, style: str) -> None:
    *top, number = header.left
    *motto, when = header.right
    if style == "side":
        for left, right in zip(top, motto):
            out.put(f"{left:^40}  {right}")
        out.put(f"{number:^40}  {when}")
    else:
        for line in [*top, number, *motto, when]:
            out.put(line)
    out.paragraph_end()


def signoff_text(out: TextPages, signoff: Signoff, style: str) -> None:
    left, right = signature_columns(signoff)
    if style == "side":
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else ""
            b = right[index] if index < len(right) else ""
            out.put(f"{a:<45}{b}")
    else:
        for line in left + right:
            if line:
                out.put(line)


def signature_columns(signoff: Signoff) -> tuple[list[str], list[str]]:
    """Recipients on the left; titles on the right, the signer's name level with the last recipient."""
    left = ["Nơi nhận:", *signoff.recipients]
    right = [*signoff.titles] + [""] * max(1, len(left) - len(signoff.titles) - 1) + [signoff.signer]
    return left, right


def table_blocks(out: TextPages, table: Table) -> None:
    """Each cell a block of short lines, the cells of a row one after another (seed 001)."""
    header = [line for column, width in zip(table.columns, table.widths) for line in wrap(column, width)]
    for line in header:
        out.put(line)
    out.repeat = header
    full = sum(table.widths) + len(table.widths)
    for cells in table.rows:
        if is_group(cells):
            out.put(cells[0])
            for line in wrap(cells[1].upper() if table.columns is PHU_LUC_3 else cells[1], full):
                out.put(line)
            continue
        for cell, width in zip(cells, table.widths):
            for line in wrap(cell, width):
                out.put(line)
    out.repeat = None
    out.paragraph_end()


def table_side_by_side(out: TextPages, table: Table, ruled: bool) -> None:
    """Each printed line holds a piece of every cell (an OCR'd scan, or a table of one-line cells)."""
    gap = " | " if ruled else " "

    def lines_of(cells: list[str]) -> list[str]:
        wrapped = [wrap(cell, width) for cell, width in zip(cells, table.widths)]
        height = max(len(cell) for cell in wrapped)
        printed = []
        for index in range(height):
            parts = [(cell[index] if index < len(cell) else "") for cell in wrapped]
            if ruled:
                printed.append(gap.join(part.ljust(width) for part, width in zip(parts, table.widths)))
            else:
                printed.append(gap.join(part for part in parts if part))
        return printed

    header = lines_of(table.columns)
    for line in header:
        out.put(line)
    out.repeat = header
    for cells in table.rows:
        if is_group(cells):
            out.put(f"{cells[0]} {cells[1]}")
            continue
        for line in lines_of(cells):
            out.put(line)
    out.repeat = None
    out.paragraph_end()


def scan(lines: list[str], rng: random.Random, rate: float) -> list[str]:
    """A scan read back by OCR: marks lost, some letters misread as seed 004 shows (``Nghi quyét s6``,
    ``nim``), ``Đ`` read as ``P`` now and then, a stray mark where a ruling was."""
    def letter(char: str) -> str:
        if char in CONFUSIONS and rng.random() < rate:
            return rng.choice(CONFUSIONS[char])
        if char == "Đ":
            return "P" if rng.random() < 0.3 else "D"
        return unicodedata.normalize("NFD", char.replace("đ", "d"))[0]
    damaged = []
    for line in lines:
        text = "".join(letter(char) for char in line)
        if text and rng.random() < 0.02:
            text = rng.choice(["‘ ", "| ", "' "]) + text
        damaged.append(text)
    return damaged


# --- DOCX, HTML and PDF ---------------------------------------------------------

def cell_blocks(plan: Plan) -> list:
    """The plan as paragraphs and tables of cells (``tests.documents``' blocks): the header and
    the signature in two-column tables, as office documents set them.

    A legal portal re-lays a plan (DOMAIN.md, section 7): its own metadata lines first, the
    ``KẾ HOẠCH`` heading gone, a committee's issuer block reduced to ``ỦY BAN NHÂN DÂN``."""
    portal = plan.layout["portal"]
    blocks = []
    if portal:
        when = plan.date.strftime("%d/%m/%Y") if plan.dated else ""
        signer = next(block.signer for block in plan.blocks if isinstance(block, Signoff))
        blocks += [f"Số hiệu: {plan.printed_number}", "Loại văn bản: Kế hoạch", f"Người ký: {signer}",
                   f"Ngày ban hành: {when}"]
    for block in plan.blocks:
        if isinstance(block, Header):
            issuer = block.left[:-1]
            if portal and plan.issuer.level != "department":
                issuer = issuer[:1]
            blocks.append([["\n".join(issuer), "\n".join(block.right[:-1])], [block.left[-1], block.right[-1]]])
        elif isinstance(block, Para):
            if not (portal and block.kind == "title"):
                blocks.append(block.text)
        elif isinstance(block, Table):
            blocks.append([block.columns, *block.rows])
        elif isinstance(block, Signoff):
            blocks.append([["\n".join(["Nơi nhận:", *block.recipients]),
                            "\n".join([*block.titles, "", "", block.signer])]])
    return blocks


class PdfWriter:
    """A PDF with a text layer: paragraphs wrapped and placed line by line, tables ruled cell by
    cell (a long table continues on the next page under its header again). Text is placed, not
    flowed by the library, and word widths are cached: writing thousands of PDFs stays fast."""

    widths: dict[tuple[str, float], float] = {}

    def __init__(self):
        from fpdf import FPDF

        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.add_font("DejaVu", fname=str(FONT))  # fresh each time: writing the PDF subsets it
        self.pdf.set_creation_date(datetime(2025, 1, 1))
        self.pdf.set_auto_page_break(False)
        self.size = 10.0
        self.pdf.set_font("DejaVu", size=self.size)
        self.page("P")

    def page(self, orientation: str) -> None:
        self.pdf.add_page(orientation=orientation)
        self.y = 20.0

    @property
    def right(self) -> float:
        return self.pdf.w - 15

    def width(self, text: str) -> float:
        key = (text, self.size)
        if key not in self.widths:
            self.widths[key] = self.pdf.get_string_width(text)
        return self.widths[key]

    def wrap(self, text: str, room: float) -> list[str]:
        space = self.width(" ")
        lines, current, used = [], [], 0.0
        for word in text.split():
            size = self.width(word)
            if current and used + space + size > room:
                lines.append(" ".join(current))
                current, used = [word], size
            else:
                used += (space if current else 0) + size
                current.append(word)
        return lines + [" ".join(current)] if current else lines

    def line(self, text: str, x: float, height: float) -> None:
        if self.y + height > self.pdf.h - 15:
            self.page(self.pdf.cur_orientation)
        self.y += height
        self.pdf.text(x, self.y, text)

    def paragraph(self, text: str, kind: str) -> None:
        room = self.right - 20
        for line in self.wrap(text, room - (20 if kind in ("title", "center") else 0)):
            x = (self.pdf.w - self.width(line)) / 2 if kind in ("title", "center") else 20
            self.line(line, x, 5.5)
        self.y += 1.5

    def columns(self, left: list[str], right: list[str], split: float) -> None:
        for index in range(max(len(left), len(right))):
            self.y += 5.5
            for texts, x0, x1 in ((left, 15, split), (right, split, self.right)):
                if index < len(texts) and texts[index]:
                    self.pdf.text(x0 + (x1 - x0 - self.width(texts[index])) / 2, self.y, texts[index])
        self.y += 4

    def table(self, table: Table) -> None:
        self.size = 8.0
        self.pdf.set_font_size(self.size)
        room = self.right - 15
        scale = room / sum(table.widths)
        widths = [width * scale for width in table.widths]
        self.row(table.columns, widths)
        for cells in table.rows:
            if is_group(cells):
                spans = [(cells[0], widths[0]), (cells[1], sum(widths[1:]))]
            else:
                spans = list(zip(cells, widths))
            if not self.row([text for text, _ in spans], [width for _, width in spans]):
                self.page(self.pdf.cur_orientation)
                self.row(table.columns, widths)
                self.row([text for text, _ in spans], [width for _, width in spans])
        self.size = 10.0
        self.pdf.set_font_size(self.size)
        self.y += 4

    def row(self, texts: list[str], widths: list[float]) -> bool:
        """Draw one row of ruled cells; False (and nothing drawn) when it does not fit on the page."""
        wrapped = [self.wrap(text, width - 2) for text, width in zip(texts, widths)]
        height = max(len(lines) for lines in wrapped) * 3.6 + 2
        if self.y + height > self.pdf.h - 12:
            return False
        x = 15.0
        for lines, width in zip(wrapped, widths):
            self.pdf.rect(x, self.y, width, height)
            for index, line in enumerate(lines):
                self.pdf.text(x + 1, self.y + 3.6 * (index + 1), line)
            x += width
        self.y += height
        return True

    def write(self, plan: Plan, path: Path) -> None:
        for block in plan.blocks:
            if isinstance(block, Header):
                self.columns(block.left, block.right, 90)
            elif isinstance(block, Para):
                self.paragraph(block.text, block.kind)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Signoff):
                self.columns(*signature_columns(block), 110)
            elif isinstance(block, Break):
                self.page("L")
        self.pdf.output(str(path))


# --- the corpus -----------------------------------------------------------------

NUMBERS = {"city": (100, 420), "department": (1, 260), "commune": (1, 140), "ward": (1, 140)}


def corpus(plans: int, seed: int) -> list[Plan]:
    """The plans of a national corpus, composed (not yet written)."""
    rng = random.Random(seed)
    cities: dict[str, Plan] = {}
    numbers: set[tuple[str, int, int]] = set()
    result = []
    for index, (unit, year) in enumerate(national(rng, plans)):
        city = cities.get(unit.province.name)
        when = plan_date(rng, year, city.date if city and year == 2025 else None)
        draft = unit.level != "city" and rng.random() < 0.03
        number = None
        while not draft and (number is None or (unit.key, year, number) in numbers):
            number = rng.randint(*NUMBERS[unit.level])
        numbers.add((unit.key, year, number))
        plan = Plan(index, unit, when, number, dated=not (draft and rng.random() < 0.5), city=city)
        plan.layout = page_layout(rng, unit)
        {"city": compose_city, "department": compose_department}.get(unit.level, compose_commune)(plan, rng)
        if unit.level == "city":
            cities[unit.province.name] = plan
        result.append(plan)
    return result


def page_layout(rng: random.Random, unit: Unit) -> dict:
    """The format and print habits of one document."""
    kind = rng.choices([name for name, _ in FORMATS], [share for _, share in FORMATS])[0]
    scanned = kind == "txt" and unit.level != "city" and rng.random() < OCR_SHARE / FORMATS[0][1]
    return {"format": kind, "scan": scanned, "portal": kind == "html" and rng.random() < 0.4,
            "width": rng.randint(74, 96),
            "gap": rng.choice(["paragraph", "none"] if scanned else ["every", "paragraph", "none"]),
            "page": rng.choice([0, 42, 56]), "header": "side" if scanned else rng.choice(["side", "stacked"]),
            "ocr_seed": rng.getrandbits(32), "ocr_rate": round(rng.uniform(0.15, 0.4), 2)}


def file_name(plan: Plan) -> str:
    unit = plan.issuer
    year = "_2026" if plan.date.year == 2026 else ""
    return f"{plan.index:05d}_{slug(unit.province.name)}_{slug(unit.short)}{year}.{plan.layout['format']}"


def write_plan(plan: Plan, folder: Path) -> Path:
    path = folder / file_name(plan)
    kind = plan.layout["format"]
    if kind == "txt":
        lines = text_lines(plan)
        if plan.layout["scan"]:
            lines = scan(lines, random.Random(plan.layout["ocr_seed"]), plan.layout["ocr_rate"])
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == "docx":
        write_docx(cell_blocks(plan), path)
    elif kind == "html":
        write_html(cell_blocks(plan), path)
    else:
        PdfWriter().write(plan, path)
    return path


def describe(plan: Plan) -> dict:
    """One document's ground truth, as the manifest records it."""
    unit = plan.issuer
    return {
        "file": file_name(plan), "format": plan.layout["format"], "scanned": plan.layout["scan"], "id": plan.id,
        "issuer": {"key": unit.key, "name": unit.name, "short": unit.short, "printed": unit.header[-1],
                   "level": unit.level, "province": unit.province.name},
        "level": unit.level,
        "number": f"{plan.number}/KH-{unit.code}" if plan.number else None,
        "date": plan.date.isoformat() if plan.dated else None,
        "title": f"Kế hoạch {plan.title}",
        "implements": plan.city.id if plan.city else None,
        "citations": plan.citations,
        "layout": {key: value for key, value in plan.layout.items() if not key.startswith("ocr")},
        "tasks": plan.tasks,
        "indicators": plan.indicators,
    }


def ground_truth(plans: int, seed: int, composed: list[Plan] | None = None) -> dict:
    """What a corpus holds, document by document, and the NQ 71 items its plans carry."""
    composed = composed if composed is not None else corpus(plans, seed)
    carried = {task["item"] for plan in composed for task in plan.tasks if task["item"]}
    return {
        "seed": seed, "plans": plans, "generator": "bench/national_corpus.py",
        "nq71": {item.number: {"nq57": item.nq57, "text": item.text, "lead": item.lead}
                 for item in vocabulary().items if item.number in carried},
        "documents": [describe(plan) for plan in composed],
    }


def generate(plans: int, seed: int, out: Path) -> list[Path]:
    """Write ``plans`` plans and their ``manifest.json`` into ``out``; the paths of the plans."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    composed = corpus(plans, seed)
    paths = [write_plan(plan, out) for plan in composed]
    manifest = ground_truth(plans, seed, composed)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


# --- checking what the loaders read -------------------------------------------

FIELDS = ("issuer", "province", "level", "number", "date", "cites", "tasks", "stated items", "indicators")


def compare(document: dict, plan) -> dict[str, tuple[bool, object, object]]:
    """Each field: (whether the parsed plan matches the manifest, expected, found)."""
    issuer = document["issuer"]
    found = plan.issuer
    names = {fold(issuer["name"]), fold(issuer["short"]), fold(issuer["printed"])}
    name = fold(found.name) if found else None
    parent = fold(found.parent_name or "") if found else ""
    province = issuer["level"] == "city" or fold(issuer["province"]) in parent
    stated = sorted(task["item"] for task in document["tasks"] if task["stated"])
    items = sorted(number for task in plan.tasks for number in task.nq71)
    cited = {(fold(citation.number), citation.date and citation.date.isoformat()) for citation in plan.citations}
    wanted = {(fold(citation["number"]), citation["date"]) for citation in document["citations"]}
    return {
        "issuer": (name in names, issuer["name"], found.name if found else None),
        "province": (province, issuer["province"], found.parent_name if found else None),
        "level": (plan.level == document["level"], document["level"], plan.level),
        "number": (fold(plan.number or "") == fold(document["number"] or ""), document["number"], plan.number),
        "date": ((plan.date.isoformat() if plan.date else None) == document["date"], document["date"],
                 plan.date and plan.date.isoformat()),
        "cites": (wanted <= cited, sorted(wanted - cited), len(cited)),
        "tasks": (len(plan.tasks) == len(document["tasks"]), len(document["tasks"]), len(plan.tasks)),
        "stated items": (items == stated, len(stated), len(items)),
        "indicators": (len(plan.indicators) == len(document["indicators"]), len(document["indicators"]),
                       len(plan.indicators)),
    }


def check(directory: Path, store: str | None = None, examples: int = 3) -> dict:
    """Read every document of a generated corpus with the project's loaders, compare with the
    manifest and print the shares that match, overall, by format and by how the plan lays out its
    tasks; with ``store``, also count the documents that store holds (a graph per document, named
    by its file)."""
    from loaders.model import ParseError
    from loaders.parse import parse
    from loaders.read import read_document
    from ontology import ids

    directory = Path(directory)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    held = linked = None
    if store:
        from graph import queries
        from graph.build import links_graph
        from graph.store import open_store

        opened = open_store(store, read_only=True)
        held = {str(graph) for graph in opened.graphs()}
        linked = queries.select(opened, "link_files", links=links_graph())
        opened.close()
    counts: dict[str, Counter] = {}
    misses: dict[str, list[str]] = {name: [] for name in FIELDS}
    unread = []
    for document in manifest["documents"]:
        layout = document["layout"]
        kind = "scan" if document["scanned"] else "portal" if layout["portal"] else document["format"]
        keys = ["all", kind, layout.get("tasks", "city")]
        for key in keys:
            counts.setdefault(key, Counter())["documents"] += 1
            if held is not None:
                counts[key]["stored"] += str(ids.named_graph(document["file"])) in held
        try:
            plan = parse(read_document(directory / document["file"]))
        except ParseError as error:
            unread.append(str(error))
            continue
        except Exception as error:  # a loader's failure on one document is a finding, not the end
            unread.append(f"{document['file']}: {type(error).__name__}: {str(error)[:120]}")
            continue
        for key in keys:
            counts[key]["read"] += 1
        for name, (ok, expected, found) in compare(document, plan).items():
            for key in keys:
                counts[key][name] += ok
            if not ok and len(misses[name]) < examples:
                misses[name].append(f"{document['file']}: expected {expected!r}, read {found!r}")
    total = counts["all"]
    print(f"documents {total['documents']}, read {total['read']}"
          + (f", in the store {total['stored']}" if held is not None else ""))
    rows = ["read"] + (["stored"] if held is not None else []) + list(FIELDS)
    for title, kinds in (("by format", ["all", "txt", "scan", "docx", "html", "portal", "pdf"]),
                         ("by layout", ["city", "noted", "bullets", "stated", "numbered", "table", "copy"])):
        kinds = [kind for kind in kinds if kind in counts]
        print(f"\n{title:<14}" + "".join(f"{kind:>9}" for kind in kinds))
        for name in rows:
            base = "documents" if name in ("read", "stored") else "read"
            cells = [f"{100 * counts[k][name] / counts[k][base]:8.0f}%" if counts[k][base] else "        -"
                     for k in kinds]
            print(f"{name:<14}" + "".join(cells))
        print(f"{'(documents)':<14}" + "".join(f"{counts[k]['documents']:>9}" for k in kinds))
    if linked is not None:
        print("\n" + link_score(manifest, linked))
    print()
    for error in unread[:examples]:
        print(f"unread: {error}")
    for name, found in misses.items():
        for line in found:
            print(f"{name} differs: {line}")
    return {kind: dict(counter) for kind, counter in counts.items()}


def link_score(manifest: dict, linked: list[dict]) -> str:
    """How many inferred links to another plan's tasks go into the plan the task's document
    implements (its city's plan, as the manifest says), and how many cross into another province."""
    file_of = {document["id"]: document["file"] for document in manifest["documents"]}
    implements = {document["file"]: file_of.get(document.get("implements")) for document in manifest["documents"]}
    province = {document["file"]: document["issuer"].get("province") for document in manifest["documents"]}
    right = sum(implements.get(row["from"]) == row["to"] for row in linked)
    crossing = sum(province.get(row["from"]) != province.get(row["to"]) for row in linked)
    share = right / len(linked) if linked else 0.0
    return (f"inferred links to plan tasks {len(linked)}: into the plan the document implements {right} "
            f"({share:.3f}), into another province {crossing}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=50, help="number of plans (default 50)")
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--out", type=Path, help="directory to write the plans and manifest.json into")
    parser.add_argument("--check", type=Path, metavar="DIR",
                        help="read a generated corpus and compare with its manifest")
    parser.add_argument("--store", help="with --check: the store the corpus was built into")
    args = parser.parse_args()
    if args.check:
        check(args.check, args.store)
        return
    if not args.out:
        parser.error("give --out DIR to generate, or --check DIR")
    started = time.perf_counter()
    paths = generate(args.plans, args.seed, args.out)
    kinds = Counter(path.suffix for path in paths)
    print(f"{len(paths)} plans in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{count} {suffix}" for suffix, count in sorted(kinds.items())) + f"; manifest in {args.out}")


if __name__ == "__main__":
    main()
