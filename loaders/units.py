"""Units: one node per real unit, however a plan spells it.

A plan names units in table cells and sentences: several in one cell
(``Sở Tài chính, Công an thành phố``), abbreviated (``Sở KH&CN``), with the
city's name or without it, in capitals, without diacritics or OCR-damaged
(``Phong Vin hod - X4 ho1``), or collectively (``Các sở, ban, ngành…``).

Resolution follows how such names are made, in this order:

1. a name that points back at the issuer (``UBND xã`` in a commune's plan,
   ``Sở`` in a department's) is the issuer;
2. a name that ends in the kind of place it serves, not the place's name
   (``UBND thành phố``, ``Công an tỉnh``), is completed with the plan's own
   city or province (a provincial city's plan: the city itself) when the
   plan says which; otherwise it is unrecognised unless the registry lists it;
3. a name listed in ``data/reference/units.csv`` (exactly, after folding and
   expanding abbreviations, with or without the province's name, or
   fuzzily for OCR-damaged text) is that unit. Rows whose parent is
   ``@commune`` or ``@department`` are the divisions every commune or
   department has (their key is put under the issuer's). The other rows
   are units of one city: a name that does not say its city (``Sở Nội vụ``)
   is that city's only in a plan of that city, or of no city known;
4. a division word (``Phòng``, ``Văn phòng``, ``Bộ phận``, ``Trung tâm``)
   makes a division of the issuer;
5. anything else is its own unit, named as printed, flagged unknown when the
   text has no unit word or was too damaged to recognise.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from datetime import date

from loaders import places, register
from loaders.diacritics import is_word, lacks_diacritics, restore
from loaders.model import Plan, Span, UnitRef
from loaders.text import expand, fold, ocr_letters, slug, squash, unbracketed

REGISTRY = Path(__file__).resolve().parent.parent / "data" / "reference" / "units.csv"
ASSIGNEE_WORDS = REGISTRY.with_name("assignee_words.csv")
# The province of a plan whose text does not say which: none of the registry's units is its, and its
# departments are keyed under this, apart from every real province's.
UNKNOWN_CITY = UnitRef("", Span(1, 1), key="province-unknown")


def _listed(kind: str) -> tuple[str, ...]:
    """The words ``data/reference/assignee_words.csv`` lists of one kind, folded."""
    with ASSIGNEE_WORDS.open(encoding="utf-8") as handle:
        return tuple(fold(row["words"]) for row in csv.DictReader(handle) if row["kind"] == kind)


# Words a unit's name starts with (folded); a comma or "và" before one starts another unit.
UNIT_WORDS = ("so", "ban", "phong", "van phong", "cong an", "uy ban", "ubnd", "hoi dong", "hdnd", "truong",
              "dai hoc", "bo", "trung tam", "vuon", "hoi", "lien hiep", "lien doan", "dai", "bao", "kho bac",
              "chi nhanh", "bao hiem", "thue", "cuc", "vien", "toa an", "mat tran", "doan", "dang uy", "thanh tra",
              "bo phan", "ngan hang", "buu dien", "cong ty", "tap doan", "thu vien", "bao tang", "nha van hoa") + \
    _listed("unit")
# A unit word, and for a people's committee or council the kind of place it governs.
_UNIT_KIND = re.compile(r"(?:(?:uy ban|hoi dong) nhan dan (?:xa|phuong|thi xa|thanh pho|tinh|huyen|quan)|%s)\b"
                        % "|".join(sorted(map(re.escape, UNIT_WORDS), key=len, reverse=True)))
DIVISION_WORDS = ("phong", "van phong", "bo phan", "trung tam")
_UNIT_START = re.compile(r"(?:%s)\b" % "|".join(sorted(map(re.escape, UNIT_WORDS), key=len, reverse=True)))
# "Các sở, ban, ngành", "UBND các cấp", "đơn vị liên quan"; OCR prints "các" as "céc", "ceac".
_COLLECTIVE = re.compile(r"^(?:va\s+)?c\w{0,2}c\s+(?:%s)\b|\bcac cap\b|^(?:%s)\b|^(?:truong|thu truong)\s+cac\b"
                         % ("|".join(("so", "bo", "ban", "nganh", "phong", "co quan", "co so", "don vi", "cap", "truong",
                                      "dia phuong", "to chuc", "doan the", "thon", "hoi", "tai nang")),
                            "co quan|don vi|dia phuong"))
# The joint office of the People's Council and Committee: "Văn phòng HĐND và UBND" is one unit.
_JOINT_OFFICE = re.compile(r"van phong hoi dong nhan dan")
# The heading words an issuer's own name starts with; a header names the parent authority first.
_ISSUER_START = re.compile(r"\b(?:uy ban nhan dan|ubnd|so|ban|phong|van phong|cong an)\b")
# A trailing word naming the issuer a division belongs to: "Văn phòng Sở", "Phòng Văn hóa - xã hội phường".
_OWNER_SUFFIX = re.compile(r"\s+(?:(?:truc\s+)?thuoc\s+)?(?:so|xa|phuong|huyen|quan)$")
_ISSUER_ITSELF = re.compile(r"^(?:uy ban nhan dan|hoi dong nhan dan)?\s*(?:xa|phuong|so|huyen|quan)?$")
_PLACE = re.compile(r"\s+(?:thanh pho|tinh)(?:\s+\w+){0,3}$|\s+hai phong$")
# A unit named by the kind of place it serves only ("UBND thành phố", "Công an tỉnh"): the plan's city's or province's.
_BARE_KIND = re.compile(r"(?:^|\s)(thanh pho|tinh)$")
# A people's committee and the kind of place it governs, its name to follow ("ubnd xa ", "uy ban nhan dan tinh ").
_COMMITTEE_OF = re.compile(r"(?:uy ban nhan dan|ubnd)\s+(?:%s)\s+$" % places.alternation(places.kinds()))
_LEVELS = (("department", re.compile(r"^so\b")), ("district", re.compile(r"^uy ban nhan dan (?:huyen|quan|thi xa)\b")),
           ("commune", re.compile(r"^uy ban nhan dan xa\b")),
           ("ward", re.compile(r"^uy ban nhan dan phuong\b")),
           ("city", re.compile(r"^uy ban nhan dan (?:thanh pho|tinh)\b")))
# Words after which a name in capitals goes on with a place name (folded).
PLACE_WORDS = ("xa", "phuong", "tran", "pho", "tinh", "huyen", "quan")
FUZZY_CUTOFF, FUZZY_MARGIN = 0.7, 0.15
# A character no name is printed with: OCR's noise ("Phong Yﬁr},h"é").
OCR_NOISE = re.compile(r"[^\w\s,.&/()–-]")


@dataclass(frozen=True)
class Known:
    """A row of the unit registry."""

    key: str
    name: str
    level: str
    parent: str
    variants: tuple[str, ...]

    @property
    def generic(self) -> bool:
        return self.parent.startswith("@")


def normal(text: str) -> str:
    """The comparison form of a unit name: folded, abbreviations spelt out, punctuation gone."""
    text = expand(unbracketed(fold(text)))
    return squash(re.sub(r"[^\w&]+|_", " ", text).replace("&", " va "))


@cache
def registry() -> tuple[Known, ...]:
    with REGISTRY.open(encoding="utf-8") as handle:
        return tuple(Known(row["key"], row["name"], row["level"], row["parent"],
                           tuple(filter(None, row["variants"].split("|"))))
                     for row in csv.DictReader(handle))


@cache
def _index() -> dict[str, Known]:
    index = {}
    for known in registry():
        for name in (known.name, *known.variants):
            index.setdefault(normal(name), known)
    return index


def settled(key: str) -> bool:
    """Whether the registry fixes the name of the unit with this key (listed, or a standard division)."""
    generic = {known.key.split("/", 1)[1] for known in registry() if known.generic}
    return key in {known.key for known in registry()} or ("/" in key and key.rsplit("/", 1)[1] in generic
                                                            and not key.startswith("collective/"))


def known_units() -> list[UnitRef]:
    """The registry's concrete units, for the reference graph."""
    by_key = {known.key: known for known in registry()}
    return [ref_for(known, known.name, Span(1, 1), None, by_key) for known in registry() if not known.generic]


def resolve_issuer(text: str, span: Span) -> UnitRef:
    """The unit that issues a plan, from its header or the text that names it.

    A header prints the parent authority above the issuing unit
    (``UBND TỈNH BẮC NINH`` / ``SỞ THÔNG TIN VÀ TRUYỀN THÔNG``): the last
    unit heading in capitals starts the issuer, what precedes it is its parent.
    A unit heading right after a committee's kind of place (``UBND XÃ PHONG ĐIỀN``) is the place's name.
    """
    printed = squash(text)
    folded = fold(printed)
    starts = [m.start() for m in _ISSUER_START.finditer(folded) if printed[m.start(): m.end()].isupper()
              and not _COMMITTEE_OF.search(folded, 0, m.start()) and spelt_as_written(printed, m.start(), m.end())
              and not inside_place(folded, m.start(), m.end())]
    if len(folded) == len(printed) and starts and starts[-1] > 0:
        parent = resolve_issuer(printed[: starts[-1]], span)
        ref = resolve_issuer(printed[starts[-1]:], span)
        if parent.level == "city":
            ref = placed(ref, parent)
        ref.printed = printed
        if ref.parent_key is None:
            ref.parent_key, ref.parent_name = parent.key, parent.name
        return ref
    known = lookup(normal(printed))
    if known and not known.generic:
        return ref_for(known, printed, span, None)
    name = canonical(printed)
    ref = UnitRef(printed, span, name=name, key=slug(short(name)), level=level_of(name))
    place = _PLACE.search(normal(name))
    if place and re.match(r"^so\b", normal(name)):
        parent = lookup(normal("Ủy ban nhân dân" + name[len(name) - len(place.group(0)):]))
        if parent and not parent.generic:
            ref.parent_key, ref.parent_name = parent.key, parent.name
    return ref


# A people's committee and the place it governs, its kind and its name: "uy ban nhan dan xa thanh mien".
_COMMITTEE = re.compile(r"^uy ban nhan dan (%s) (\S.*)$" % places.alternation(register.KINDS))


def in_register(name: str, province: places.Province | None, when: date | None,
                above: str | None = None) -> tuple[register.Unit | None, str]:
    """The unit of the register whose people's committee ``name`` is, in ``province`` where the text
    says which (and under the committee ``above``, where a header prints it: ``UBND HUYỆN THANH
    MIỆN`` over ``UBND XÃ THANH TÙNG``), of the structure in force on ``when`` (the former one
    before 1 July 2025, when it had a unit of that kind and name); and, where the register cannot
    say, why (a warning's text).

    Two communes of one name in two provinces, and no province named, are
    no unit: the text must say which.
    """
    found = _COMMITTEE.match(normal(name))
    if found is None:
        return None, ""
    kind, words = register.KINDS[found.group(1)], len(found.group(2).split())
    place = " ".join(squash(name).split()[-words:])   # as printed: marks tell namesakes apart
    def narrowed(units: list[register.Unit]) -> list[register.Unit]:
        units = [unit for unit in units if not unit.parent] or units   # "thành phố Huế" is the city, not its former district
        if province is not None:
            units = [unit for unit in units if register.within(unit, province.name)]
        if above:
            units = [unit for unit in units if register.parent(unit) and normal(register.parent(unit).committee) ==
                     normal(above)] or units
        return units

    before = when is not None and when < register.REORGANISED
    units = narrowed(register.find(place, kind, current=not before)) or \
        narrowed(register.find(place, kind, current=before))
    if len(units) == 1:
        return units[0], ""
    label = f"{kind} {units[0].name if units else place}"
    if units:
        where = sorted({register.province(unit).name for unit in units})
        return None, f"{label}: the register has {len(units)} of this name ({', '.join(where)}); the text does not say which"
    if province is not None and register.find(place, kind, None):
        return None, f"{label}: the register has none of this name in {province.name}"
    return None, ""


def from_register(ref: UnitRef, unit: register.Unit) -> UnitRef:
    """A committee's mention resolved to its unit of the register: its name, key, level and parent."""
    above = register.parent(unit)
    return UnitRef(ref.printed, ref.span, name=unit.committee, key=register.unit_key(unit), level=unit.level,
                   parent_key=register.unit_key(above) if above else None,
                   parent_name=above.committee if above else None)


# A people's committee, the kind of place it governs and the first words of the place's name.
_COMMITTEE_NAMING = re.compile(r"(?:uy ban nhan dan|ubnd)\s+(%s)\s+((?:\S+\s+){1,4})$" % places.alternation(register.KINDS))


def inside_place(folded: str, start: int, end: int) -> bool:
    """Whether the unit word at ``folded[start:end]`` goes on a place's name the register knows:
    ``PHÒNG`` in ``UBND THÀNH PHỐ HẢI PHÒNG`` is Hải Phòng's, no division."""
    found = _COMMITTEE_NAMING.search(folded, 0, start)
    return bool(found) and bool(register.find(found.group(2) + folded[start:end], register.KINDS[found.group(1)], None))


def spelt_as_written(printed: str, start: int, end: int) -> bool:
    """Whether the unit word at ``printed[start:end]`` is that word and not a name spelt alike: in a
    text printed with its diacritics, ``PHONG`` without its mark is the place's name ("XÃ TÂN PHONG"),
    not ``PHÒNG``. Words written without marks (``UBND``, ``Ban``) are always themselves."""
    word = printed[start:end]
    return not has_diacritics(printed) or has_diacritics(word) or fold(word) in ("ubnd", "ban")


def placed(ref: UnitRef, city: UnitRef) -> UnitRef:
    """A unit as a plan of ``city`` (its province committee, :data:`UNKNOWN_CITY` when the text
    names none) means it.

    A registry unit of another city, named without its city (``Sở Nội vụ``),
    is this province's namesake; a department with no parent goes under the
    province and is keyed there, since every province has a ``Sở Nội vụ``.
    A division printed right under the province's committee (``VĂN PHÒNG``
    under ``UBND TỈNH LAI CHÂU``) is that committee's own office, a
    department of the province.
    """
    own = _cities().get(ref.key)
    if own and own[0] != city.key and not place_named(normal(ref.printed)):
        ref = UnitRef(ref.printed, ref.span, name=ref.name, key=slug(short(ref.name)), level=ref.level)
    if ref.level == "division" and ref.parent_key is None and city is not UNKNOWN_CITY:
        ref.level = "department"
    if ref.level == "department" and ref.parent_key is None:
        ref.key = f"{city.key}/{ref.key}"
        if city is not UNKNOWN_CITY:
            ref.parent_key, ref.parent_name = city.key, city.name
    return ref


def registered(text: str) -> UnitRef | None:
    """The registry unit a name denotes, exactly or despite OCR damage; None when it is not listed."""
    folded = normal(text)
    known = lookup(folded) or (fuzzy(folded, None) if damaged(text) else None)
    return ref_for(known, squash(text), Span(1, 1), None) if known else None


def resolve_cell(text: str, span: Span, issuer: UnitRef | None) -> list[UnitRef]:
    """Every unit a cell or phrase names, in printed order, duplicates dropped."""
    refs, keys = [], set()
    for piece in split_units(text):
        ref = resolve_one(piece, span, issuer)
        if ref.key not in keys:
            keys.add(ref.key)
            refs.append(ref)
    return refs


def split_units(text: str) -> list[str]:
    """Cut a cell into its assignees, in printed order.

    ``;`` always separates assignees. A ``,`` or ``và`` separates them where
    the next words open another (:func:`opens_assignee`): "Các sở, ban, ngành,
    UBND các cấp chính quyền địa phương, các đơn vị liên quan" names three,
    while the commas of a list of kinds ("Các sở, ban, ngành") and the ``và``
    inside a name ("Sở Khoa học và Công nghệ", "Phòng Trồng trọt và Bảo vệ
    thực vật") separate none.
    """
    pieces = []
    for part in re.split(r"[;\n]|\s+\+\s+", text):
        start = 0
        collective = False
        for match in re.finditer(r",\s*|\s+và\s+|\s+va\s+", part):
            head = part[start: match.start()]
            collective = collective or bool(_COLLECTIVE.search(normal(head)))
            if _JOINT_OFFICE.fullmatch(normal(head)):
                continue
            if opens_assignee(part[match.end():], head, collective, "," not in match.group()):
                pieces.append(head)
                start, collective = match.end(), False
        pieces.append(part[start:])
    return [piece for piece in (squash(piece).strip(" .,-–:") for piece in pieces) if piece]


@cache
def assignee_words() -> dict[str, dict[str, str]]:
    """How cells name assignees (``data/reference/assignee_words.csv``), by kind, in comparison form:
    ``list`` the kinds of unit a collective lists, ``head`` the persons who stand for the unit they
    head, ``not-unit`` what opens with a unit's word and names none (``bảo vệ``, ``hội thi``),
    ``task`` the verbs a task's sentence opens with, ``spelling`` one name's two spellings."""
    words: dict[str, dict[str, str]] = {}
    with ASSIGNEE_WORDS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.setdefault(row["kind"], {})[normal(row["words"])] = row["reads"] or ""
    return words


@cache
def _assignee_patterns() -> dict[str, re.Pattern]:
    words = {kind: places.alternation(found) for kind, found in assignee_words().items()}
    return {
        # "các đơn vị", OCR's "céc phong", "UBND các cấp", "Thủ trưởng các đơn vị"
        "collective": re.compile(rf"^(?:(?:{words['head']})\s+)?(?:(?:uy ban nhan dan|ubnd)\s+)?"
                                 rf"c\w{{0,2}}c\s+(?:{words['list']})\b"),
        "list": re.compile(rf"^(?:c\w{{0,2}}c\s+)?(?:(?:{words['list']})\s*)+$"),
        "kind": re.compile(rf"^(?:{words['list']})\b"),
        "head": re.compile(rf"^(?:{words['head']})\s+(?=c\w{{0,2}}c\s)"),
        "not-unit": re.compile(rf"^(?:{words['not-unit']})\b"),
        "task": re.compile(rf"^(?:{words['task']})\b"),
    }


def opens_assignee(rest: str, head: str, collective: bool, after_and: bool) -> bool:
    """Whether ``rest``, after a ``,`` or ``và`` that ends ``head``, opens another assignee.

    It does when it opens a collective (``các`` and a kind of unit, ``UBND
    các cấp``, a person heading such units), or names a unit: its unit word
    printed with a capital and followed by a name (``Sở Tư pháp``, ``Công an
    xã``; not ``Ban`` alone in a list, not ``Bảo vệ thực vật``). After ``và``,
    a kind of unit also opens one where ``head`` ends in a qualified name
    ("UBND các cấp chính quyền địa phương và đơn vị liên quan"), not in a
    bare kind ("các cơ quan, đơn vị và địa phương"). Outside a collective, a
    kind of unit after a unit opens one too ("Sở Tư pháp, đơn vị liên quan").
    """
    folded = normal(rest)
    patterns = _assignee_patterns()
    if patterns["collective"].match(folded) or names_unit(rest):
        return True
    if not patterns["kind"].match(folded):
        return False
    if after_and:
        last = normal(re.split(r",", head)[-1])
        return not patterns["list"].match(last) and not _JOINT_OFFICE.match(normal(head))
    return not collective and bool(_COLLECTIVE.match(folded))


def is_task_text(text: str) -> bool:
    """Whether a phrase reads as what is to be done, not who does it: it opens with a task's verb
    ("Khuyến khích các học sinh", "Tôn vinh các sáng chế")."""
    return bool(_assignee_patterns()["task"].match(normal(text)))


def is_unit(ref: UnitRef, issuer: UnitRef | None) -> bool:
    """Whether a name read from a cell names a unit at all.

    A unit the registry lists or the issuer itself is one, and so is a
    collective; any other must open with a unit's word ("Sở", "Phòng",
    "Trung tâm"…) and not with a task's verb or a word that names none
    ("Hội thi"), and must be legible: OCR's garbage ("Phoni", "P o",
    "Phong Y‘i{‘,h\"é‘ i X3 th") that matched no unit is none.
    """
    folded = normal(ref.printed)
    if settled(ref.key) or (issuer is not None and ref.key == issuer.key):
        return True
    if is_task_text(ref.printed) or _assignee_patterns()["not-unit"].match(folded):
        return False
    if ref.collective:
        return True
    return opens_with_unit_word(folded) and not OCR_NOISE.search(ref.printed)


def opens_with_unit_word(folded: str) -> bool:
    """Whether a name (comparison form) opens with a unit's word, one letter of it perhaps taken
    for its lookalike (OCR's ``Vdn phòng HĐND``; a misread word alone is no name: ``Phoni``)."""
    if _UNIT_START.match(folded):
        return True
    tokens = folded.split()
    return any(len(tokens) > len(words) and all(map(reads_as, tokens, words))
               for words in (word.split() for word in UNIT_WORDS if len(word) > 3))


def drop_non_units(plan: Plan) -> None:
    """Keep only units among the names read from a plan's cells and sentences (:func:`is_unit`);
    each name that is none is warned, as printed, and is no unit node."""
    def kept(refs: list[UnitRef]) -> list[UnitRef]:
        units = [ref for ref in refs if is_unit(ref, plan.issuer)]
        for ref in refs:
            if ref not in units:
                plan.warn(ref.span.first, "not-a-unit", f"not a unit, kept as printed: {ref.printed[:80]}")
        return units

    for task in plan.tasks:
        task.lead, task.cooperating = kept(task.lead), kept(task.cooperating)
    for indicator in plan.indicators:
        indicator.monitoring = kept(indicator.monitoring)
    plan.responsibilities = [duty for duty in plan.responsibilities if kept([duty.unit])]


def names_assignee(text: str) -> bool:
    """Whether ``text`` opens with an assignee named as a sentence names one: a collective ("các
    ngành, đơn vị liên quan") or a unit's name (:func:`names_unit`), not a common noun."""
    return bool(_assignee_patterns()["collective"].match(normal(text))) or names_unit(text)


def names_unit(text: str) -> bool:
    """Whether ``text`` opens with a unit's name: a unit word with a capital, then a name (a
    capitalised word or acronym, or the kind of place: ``Công an xã``)."""
    folded = normal(text)
    kind = _UNIT_START.match(folded)
    if not text[:1].isupper() or not kind or _assignee_patterns()["not-unit"].match(folded):
        return False
    words = squash(re.sub(r"[,;.]", " , ", text)).split()
    following = words[len(kind.group(0).split()):]
    if not following or following[0] == ",":
        return False
    return following[0][:1].isupper() or normal(following[0]) in places.kinds() or \
        normal(" ".join(following[:2])) in places.kinds()


def resolve_one(printed: str, span: Span, issuer: UnitRef | None) -> UnitRef:
    folded = normal(printed)
    if issuer is not None and _ISSUER_ITSELF.fullmatch(folded) and points_at(folded, issuer):
        return UnitRef(printed, span, name=issuer.name, key=issuer.key, level=issuer.level,
                       parent_key=issuer.parent_key, parent_name=issuer.parent_name)
    if _COLLECTIVE.search(folded) or _assignee_patterns()["collective"].match(folded):
        name = collective_name(printed)
        return UnitRef(printed, span, name=name, key="collective/" + slug(name, 60), collective=True)
    city = city_of(issuer)
    bare = _BARE_KIND.search(folded) if not places.ends_with_province(folded) else None
    meant = next((ref for ref in (issuer, city) if bare and ref and committee_kind(ref) == bare.group(1)), None)
    if meant is not None:
        ref = resolve_one(f"{printed} {place_of(meant)}", span, issuer)
        return replace(meant if ref.key == meant.key else ref, printed=printed, span=span)
    owner_free = _OWNER_SUFFIX.sub("", folded) if folded.startswith(DIVISION_WORDS) else folded
    city_key = city.key if city else None
    known = lookup(owner_free, issuer, city_key) or lookup(folded, issuer, city_key) or \
        (fuzzy(owner_free, issuer, city_key) if damaged(printed) else None)
    if known:
        return ref_for(known, printed, span, issuer)
    owner_words = len(folded.split()) - len(owner_free.split())
    name = capitalised(plain(" ".join(printed.split()[:-owner_words]) if owner_words else printed))
    recognised = has_diacritics(name) and not OCR_NOISE.search(printed)
    if folded.startswith(DIVISION_WORDS) and issuer is not None:
        return UnitRef(printed, span, name=name, key=f"{issuer.key}/{slug(name)}", known=recognised,
                       parent_key=issuer.key, parent_name=issuer.name, level="division")
    ref = UnitRef(printed, span, name=name, key=slug(short(name)), level=level_of(name),
                  known=recognised and bool(_UNIT_START.match(folded)) and not bare)
    unit, _ = in_register(name, places.named(place_of(city)) if city else None, None)
    if unit is not None and unit.parent:
        return replace(from_register(ref, unit), known=True)
    return placed(ref, city) if city and ref.level == "department" else ref


def lookup(folded: str, issuer: UnitRef | None = None, city: str | None = None) -> Known | None:
    """A registry unit by its comparison form, with or without the place name, that a plan of
    ``city`` (a key; None when not known) means by it."""
    index = _index()
    for candidate in (folded, _PLACE.sub("", folded)):
        known = index.get(candidate)
        if known and applies(known, issuer) and belongs(known, folded, city):
            return known
    return None


@cache
def _cities() -> dict[str, tuple[str, str]]:
    """The city each registry unit belongs to, by key: its key and place (``hai phong``); a city
    is its own; units of no city are absent."""
    by_key = {known.key: known for known in registry()}
    cities = {}
    for known in registry():
        row = known
        while row is not None and row.level != "city":
            row = by_key.get(row.parent)
        if row is not None:
            cities[known.key] = (row.key, place_named(normal(row.name)))
    return cities


def belongs(known: Known, folded: str, city: str | None) -> bool:
    """Whether a plan of ``city`` means this registry unit by a name (``folded``) that matches it.

    A unit of one city is meant where the name says that city, or says none
    in a plan of that city or of no known city (``Sở Nội vụ``, ``Công an
    thành phố``); a name saying another city means that city's unit.
    """
    own = _cities().get(known.key)
    if own is None:
        return True
    place = place_named(folded)
    return place == own[1] if place else city is None or city == own[0]


def place_named(folded: str) -> str:
    """The place a name ends with: ``so noi vu thanh pho hai phong`` → ``hai phong``; "" for none."""
    suffix = _PLACE.search(folded)
    return re.sub(r"^\s*(?:thanh pho|tinh)\b", "", suffix.group(0)).strip() if suffix else ""


def city_of(issuer: UnitRef | None) -> UnitRef | None:
    """The city or province a plan's issuer belongs to: itself, or the parent of a department,
    district, commune or ward (of a former commune, its district's)."""
    if issuer is None or issuer.level == "city":
        return issuer
    district = register.keyed().get(issuer.parent_key or "")
    if district is not None and district.parent:  # a commune of before 1 July 2025: its district's province
        province = register.province(district)
        return UnitRef(province.committee, issuer.span, name=province.committee, key=register.unit_key(province),
                       level="city")
    if issuer.parent_key and issuer.level in ("department", "district", "commune", "ward"):
        return UnitRef(issuer.parent_name or "", issuer.span, name=issuer.parent_name or "",
                       key=issuer.parent_key, level="city")
    return None


def place_of(committee: UnitRef) -> str:
    """The name of the place a people's committee governs: ``Ủy ban nhân dân tỉnh Nghệ An`` → ``Nghệ An``."""
    return re.sub(r"^.*?\b(?:thành phố|tỉnh)\s+", "", committee.name, flags=re.IGNORECASE)


def committee_kind(ref: UnitRef) -> str | None:
    """``tinh`` or ``thanh pho`` for a province's or a city's people's committee."""
    found = re.match(r"uy ban nhan dan (thanh pho|tinh)\b", normal(ref.name))
    return found.group(1) if found else None


def fuzzy(folded: str, issuer: UnitRef | None, city: str | None = None) -> Known | None:
    """The registry unit an OCR-damaged name is closest to, when clearly closest.

    Damaged letters and stray symbols are repaired or dropped first; the best
    match must reach ``FUZZY_CUTOFF`` and beat the next unit by ``FUZZY_MARGIN``.
    A legible unit word is never overruled: ``Phòng Tư pháp`` is not ``Sở Tư pháp``.
    """
    repaired = squash(ocr_letters(re.sub(r"[^\w\s]", "", folded)))
    if repaired in _index() and applies(_index()[repaired], issuer) and belongs(_index()[repaired], repaired, city):
        return _index()[repaired]
    kind = unit_word(repaired)
    scores: dict[str, tuple[float, Known]] = {}
    for name, known in _index().items():
        if kind and unit_word(name) not in (kind, None):
            continue
        fits = applies(known, issuer) and belongs(known, repaired, city)
        if fits and abs(len(name) - len(repaired)) <= len(name) // 2:
            ratio = SequenceMatcher(None, repaired, name).ratio()
            if ratio > scores.get(known.key, (0.0,))[0]:
                scores[known.key] = (ratio, known)
    ranked = sorted(scores.values(), key=lambda pair: pair[0], reverse=True) + [(0.0, None)] * 2
    (best, known), (second, _) = ranked[0], ranked[1]
    if best >= FUZZY_CUTOFF and best - second >= FUZZY_MARGIN:
        return known
    return skeleton(repaired.split(), [known for _, known in ranked if known])


def skeleton(tokens: list[str], candidates: list[Known]) -> Known | None:
    """The one candidate whose name the legible words of a garbled name spell out.

    OCR may turn the middle of a name into symbols (``Phong Yﬁr},h"é i Xa hoi``)
    while its first and last words survive. Tokens that are no word stand for
    what the printed name lost; every legible token must find its word of the
    name, in order, and they must include the first and the last.
    """
    legible = [token for token in tokens if len(token) > 1 and is_word(token)]
    if len(legible) < 2 or len(legible) == len(tokens):
        return None
    fits = {known.key: known for known in candidates
            for name in (known.name, *known.variants) if _spells(tokens, normal(name).split())}
    return next(iter(fits.values())) if len(fits) == 1 else None


def _spells(tokens: list[str], words: list[str]) -> bool:
    """Whether ``tokens`` (garbled ones as wildcards) read as ``words``, first and last word kept."""
    def garbled(token: str) -> bool:
        return len(token) == 1 or not is_word(token)

    @cache
    def fit(i: int, j: int) -> bool:
        if i == len(tokens):
            return j == len(words)
        if j < len(words) and reads_as(tokens[i], words[j]) and fit(i + 1, j + 1):
            return True
        # a garbled token stands for up to two lost words of the name, or for none
        return garbled(tokens[i]) and any(fit(i + 1, j + k) for k in range(3) if j + k <= len(words))

    return len(words) > 1 and reads_as(tokens[0], words[0]) and reads_as(tokens[-1], words[-1]) and fit(0, 0)


# Letters OCR takes for one another.
_LOOKALIKES = ("iltj", "aoecd", "uvy")


def reads_as(token: str, word: str) -> bool:
    """Whether an OCR'd token reads as ``word``: one letter taken for its lookalike (``hot``
    for ``hoi``), the last letter lost (``ho``), or a long word nearly whole."""
    if token == word:
        return True
    if len(token) == len(word):
        diff = [(a, b) for a, b in zip(token, word) if a != b]
        if len(diff) == 1 and any(diff[0][0] in group and diff[0][1] in group for group in _LOOKALIKES):
            return True
    if len(token) >= 2 and len(word) == len(token) + 1 and word.startswith(token):
        return True
    return min(len(token), len(word)) >= 5 and SequenceMatcher(None, token, word).ratio() >= 0.8


def unit_word(folded: str) -> str | None:
    """The words that say what kind of unit a (folded) name is: ``so``, ``phong``, ``uy ban nhan dan xa``…"""
    found = _UNIT_KIND.match(folded)
    return found.group(0) if found else None


def damaged(printed: str) -> bool:
    """Whether a name bears OCR's marks (too few diacritics, stray symbols), so that a near
    match may stand for it; a legible name that is not listed is another unit."""
    return lacks_diacritics([printed]) or bool(OCR_NOISE.search(printed))


def applies(known: Known, issuer: UnitRef | None) -> bool:
    """Generic divisions apply only under an issuer of their kind: a commune's offices are
    also a ward's and a (pre-2025) district's."""
    if not known.generic:
        return True
    level = issuer.level if issuer else None
    return (known.parent == "@commune" and level in ("district", "commune", "ward")) or \
        (known.parent == "@department" and level == "department")


def points_at(folded: str, issuer: UnitRef) -> bool:
    word = folded.split()[-1] if folded else ""
    return {"xa": "commune", "phuong": "ward", "so": "department", "huyen": "district",
            "quan": "district"}.get(word, issuer.level) == issuer.level


def ref_for(known: Known, printed: str, span: Span, issuer: UnitRef | None,
            by_key: dict[str, Known] | None = None) -> UnitRef:
    if known.generic:
        return UnitRef(printed, span, name=known.name, key=f"{issuer.key}/{known.key.split('/', 1)[1]}",
                       level=known.level, parent_key=issuer.key, parent_name=issuer.name)
    parent = (by_key or {k.key: k for k in registry()}).get(known.parent)
    return UnitRef(printed, span, name=known.name, key=known.key, level=known.level,
                   parent_key=parent.key if parent else None, parent_name=parent.name if parent else None)


def collective_name(printed: str) -> str:
    """A collective's name: the units a person heads for the person ("Thủ trưởng các đơn vị" → "Các
    đơn vị"), one spelling of words written two ways ("có liên quan" → "liên quan"), "Các" before a
    bare kind ("đơn vị liên quan")."""
    name = plain(printed)
    head = _assignee_patterns()["head"].match(fold(name))
    if head:
        name = name[len(head.group(0)):]
    for spelling, reads in assignee_words()["spelling"].items():
        name = _respell(name, spelling, reads)
    if _assignee_patterns()["kind"].match(normal(name)):
        name = "các " + name  # "và đơn vị liên quan": the units of that kind
    return capitalised(squash(name))


def _respell(name: str, spelling: str, reads: str) -> str:
    """``name`` with the words ``spelling`` (comparison form) written as ``reads``."""
    words = name.split()
    size = len(spelling.split())
    for index in range(len(words) - size + 1):
        if normal(" ".join(words[index:index + size])) == spelling:
            return " ".join(words[:index] + [reads] + words[index + size:])
    return name


def canonical(printed: str) -> str:
    """A name as a plan would write it in a sentence: abbreviations spelt out, capitals only where due."""
    name = plain(printed)
    shouting = sum(ch.isupper() for ch in name) > 0.6 * sum(ch.isalpha() for ch in name)
    if re.match(r"(?:uy ban nhan dan|ubnd)\b", fold(name)):
        name = "Ủy ban nhân dân" + re.sub(r"^(?:ubnd|\S+ \S+ \S+ \S+)", "", name, flags=re.IGNORECASE)
    if shouting:
        name = sentence_case(name)
    return capitalised(name)


def sentence_case(name: str) -> str:
    """``ỦY BAN NHÂN DÂN XÃ THANH MIỆN`` → ``Ủy ban nhân dân xã Thanh Miện``: capitals kept for the place only."""
    words = name.lower().split()
    folded = fold(name).split()
    for index, word in enumerate(folded[:-1]):
        if word in PLACE_WORDS and len(folded) == len(words):
            return " ".join(words[: index + 1] + [w.capitalize() for w in words[index + 1:]])
    return " ".join(words)


def plain(printed: str) -> str:
    """The printed name cleaned: notes in brackets dropped, diacritics restored where the text has none."""
    text = squash(unbracketed(printed)).strip(" .,;:-–")
    return restore(text) if lacks_diacritics([text]) else text


def has_diacritics(text: str) -> bool:
    return fold(text) != squash(text.lower())


def capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def short(name: str) -> str:
    """The form keys are made from: ``Ủy ban nhân dân xã Mao Điền`` → ``UBND xã Mao Điền``."""
    return re.sub(r"^(?:Ủy|Uỷ) ban nhân dân\b", "UBND", name)


def level_of(name: str) -> str:
    """The unit's level from its name; a city that is no province (``thành phố Vinh``, before 2025) is a district."""
    folded = normal(name)
    town = re.match(r"uy ban nhan dan thanh pho (\S.*)$", folded)
    if town and places.named(town.group(1)) is None:
        return "district"
    for level, pattern in _LEVELS:
        if pattern.search(folded):
            return level
    return "division" if folded.startswith(DIVISION_WORDS) else "agency"
