"""The administrative register: every province and commune in force since 1 July 2025, and the former ones.

On 1 July 2025 Vietnam went from 63 provinces to 34 and from about 10,000
communes to 3,321, and abolished its districts. Plans name units of both
structures: a commune's plan names its own commune (``UBND XÃ MINH THỌ``)
and, often, not its province; a plan of early 2025 names a district or a
commune since merged. ``data/reference/admin_units.csv`` (in force) and
``admin_units_former.csv`` (the former provinces, districts and communes,
each with the units in force that succeeded it) are an extract of
vietnamadminunits 1.0.4 (MIT, © 2025 Tran Ngoc Minh Hieu), written by
``data/make_admin_units.py``. Names are looked up in comparison form
(:func:`loaders.places.key`: folded, OCR's digits read as letters), so that
a name printed without diacritics finds its unit and its spelling.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from loaders.places import key
from loaders.text import nfc, slug, squash

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
CURRENT, FORMER = REFERENCE / "admin_units.csv", REFERENCE / "admin_units_former.csv"
SOURCE = {"title": "vietnamadminunits", "version": "1.0.4", "creator": "Tran Ngoc Minh Hieu",
          "licence": "MIT", "homepage": "https://github.com/tranngocminhhieu/vietnamadminunits"}
REORGANISED = date(2025, 7, 1)
# The level (as plans' levels are named) of each kind of unit below a province; a special zone is a commune.
# The kinds of place printed before a place's name, folded, as the register names them.
KINDS = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn", "dac khu": "đặc khu", "huyen": "huyện",
         "quan": "quận", "thi xa": "thị xã", "thanh pho": "thành phố", "tinh": "tỉnh"}
LEVELS = {"xã": "commune", "đặc khu": "commune", "thị trấn": "commune", "phường": "ward",
          "huyện": "district", "quận": "district", "thị xã": "district", "thành phố": "district"}


@dataclass(frozen=True)
class Unit:
    code: str
    kind: str                 # "tỉnh", "thành phố", "xã", "phường", "đặc khu"; former: "huyện", "quận", "thị xã", "thị trấn"
    name: str                 # "Thanh Miện"
    parent: str               # the code of its province (former communes: of their district); "" for a province
    current: bool
    successors: tuple[str, ...] = ()   # former units: the codes of the units in force that took them over

    @property
    def level(self) -> str:
        return "city" if not self.parent else LEVELS[self.kind]

    @property
    def committee(self) -> str:
        """Its people's committee: ``Ủy ban nhân dân xã Thanh Miện``."""
        return f"Ủy ban nhân dân {self.kind} {self.name}"

    @property
    def label(self) -> str:
        """``xã Thanh Miện``, ``tỉnh Hải Dương``."""
        return f"{self.kind} {self.name}"


def _read(path: Path, current: bool) -> dict[str, Unit]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: Unit(row["code"], row["kind"], row["name"], row.get("province") or row.get("parent", ""),
                                  current, tuple(filter(None, row.get("successors", "").split("|"))))
                for row in rows}


@cache
def in_force() -> dict[str, Unit]:
    return _read(CURRENT, True)


@cache
def former() -> dict[str, Unit]:
    return _read(FORMER, False)


def table(unit: Unit) -> dict[str, Unit]:
    return in_force() if unit.current else former()


def parent(unit: Unit) -> Unit | None:
    return table(unit).get(unit.parent) if unit.parent else None


def within(unit: Unit, province_name: str) -> bool:
    """Whether a unit is in the province of this name, or (a former unit) was, or is in its successor."""
    own = province(unit)
    names = {own.name} | {successor.name for successor in successors(own)}
    return key(province_name) in {key(name) for name in names}


def province(unit: Unit) -> Unit:
    """The province a unit is (or, for a former unit, was) part of; a province is its own."""
    while unit.parent:
        unit = table(unit)[unit.parent]
    return unit


def successors(unit: Unit) -> list[Unit]:
    """The units in force that took over a former unit, the main one first; a district's is its
    province's successor (the communes formed from its communes are theirs)."""
    return [in_force()[code] for code in unit.successors]


@cache
def _by_name() -> dict[str, tuple[Unit, ...]]:
    index = defaultdict(list)
    for units in (in_force(), former()):
        for unit in units.values():
            index[key(unit.name)].append(unit)
    return {name: tuple(units) for name, units in index.items()}


def find(name: str, kind: str | None = None, current: bool | None = True) -> list[Unit]:
    """The units of a name, of one kind if given, in force (``current``), former, or either (None).

    A name printed without diacritics (or with damaged ones) finds every unit
    it folds to; one printed as a unit spells it finds that unit only, since
    two communes may differ only by a mark (``Cẩm Giang``, ``Cẩm Giàng``).
    """
    units = [unit for unit in _by_name().get(key(name), ()) if (kind is None or unit.kind == kind)
             and (current is None or unit.current == current)]
    exact = [unit for unit in units if unit.name.lower() == nfc(squash(name)).lower()]
    return exact or units


def spelling(name: str, kind: str | None = None) -> str | None:
    """How the register spells a place name printed without (or with damaged) diacritics, when all
    the units of that name (and kind, if given) spell it alike: ``Thanh Mien`` → ``Thanh Miện``;
    None otherwise."""
    spellings = {unit.name for unit in find(name, kind, None)}
    return spellings.pop() if len(spellings) == 1 else None


@cache
def longest_name() -> int:
    """The most words a unit's name has."""
    return max(len(name.split()) for name in _by_name())


def unit_key(unit: Unit) -> str:
    """The unit key (``loaders.units``) of the unit's people's committee.

    A province's is its committee's slug (``ubnd-tinh-nghe-an``: a former
    province of the name of one in force is that one, which went on). A
    commune, ward or district is keyed by its own name when no other unit
    of its kind and name is in force (and, for a former unit, none was
    either), else under its parent: ``huyện Châu Thành`` was the name of ten;
    two of one parent that fold alike (``Cẩm Giang``, ``Cẩm Giàng``) add their code.
    """
    own = slug(f"UBND {unit.label}")
    clash = [other for other in _by_name()[key(unit.name)] if other != unit and other.kind == unit.kind
             and (other.current or not unit.current)]
    if not unit.parent or not clash:
        return own
    twin = any(other.parent == unit.parent and other.current == unit.current for other in clash)
    return f"{unit_key(parent(unit))}/{own}" + (f"-{unit.code}" if twin else "")


@cache
def keyed() -> dict[str, Unit]:
    """Every unit by its key; a former province that went on is the one in force."""
    return {unit_key(unit): unit for units in (former(), in_force()) for unit in units.values()}
