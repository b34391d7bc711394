"""Provinces and centrally run cities, told apart from the other places a plan prints.

A plan says which province it belongs to in its issuer block (``UBND TỈNH
NGHỆ AN``), in its place-date line (a province's plans print ``Nghệ An, ngày
…``; a commune prints its own name), or in its text (``UBND thành phố Cần
Thơ``, ``Tỉnh ủy Quảng Ninh``, the plans it cites). ``data/reference/provinces.csv``
lists the 34 provinces and cities of July 2025 and the 29 merged into them,
which documents of 2025 still name. Matching runs on folded text, digits OCR
put for letters read back, so that copies without diacritics read the same.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.text import fold, ocr_letters, squash

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
PROVINCES = REFERENCE / "provinces.csv"
# The words printed before a place's name that say its kind ("xã", "TP."), and a province's Party committee's
# ("Tỉnh ủy", "Thành ủy").
KINDS = REFERENCE / "place_kinds.csv"
PROVINCE_KINDS = ("tỉnh", "thành phố")


@dataclass(frozen=True)
class Province:
    name: str            # "Nghệ An"
    kind: str            # "tỉnh" or "thành phố" (centrally run)

    @property
    def committee(self) -> str:
        """The name of its people's committee: ``Ủy ban nhân dân tỉnh Nghệ An``."""
        return f"Ủy ban nhân dân {self.kind} {self.name}"


def key(text: str) -> str:
    """The comparison form of a place name: folded, OCR's digits read as letters, punctuation gone."""
    return squash(re.sub(r"[^a-z0-9]+", " ", ocr_letters(fold(text))))


@cache
def provinces() -> dict[str, Province]:
    with PROVINCES.open(encoding="utf-8") as handle:
        return {key(row["name"]): Province(row["name"], row["kind"])
                for row in csv.DictReader(handle)}


@cache
def _kind_words() -> tuple[tuple[str, str], ...]:
    with KINDS.open(encoding="utf-8") as handle:
        return tuple((row["word"], row["kind"]) for row in csv.DictReader(handle))


@cache
def kinds() -> dict[str, str]:
    """Kind words, in comparison form, and the kind of place each names: ``tp`` → ``thành phố``."""
    return {key(word): kind for word, kind in _kind_words()}


def split_kind(place: str) -> tuple[str | None, str]:
    """The kind a place name opens with, and the name: ``Phường Sài Gòn`` → (``phường``, ``Sài Gòn``),
    ``TP. Huế`` → (``thành phố``, ``Huế``). The kind word must be printed with its marks: ``Phương Mai``
    is a name."""
    printed = {word.lower(): kind for word, kind in _kind_words()}
    words = squash(place.replace(".", " ")).split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]).lower() in printed:
            return printed[" ".join(words[:size]).lower()], " ".join(words[size:])
    return None, place


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@cache
def _mention() -> re.Pattern:
    words = [word for word, kind in kinds().items() if kind in PROVINCE_KINDS]
    return re.compile(rf"\b({alternation(words)})\s+({alternation(provinces())})\b")


def named(place: str | None) -> Province | None:
    """The province a place name is, with or without its kind: ``Nghệ An``, ``TP. Hồ Chí Minh``."""
    if not place:
        return None
    folded = key(place)
    for word, kind in kinds().items():
        rest = folded.removeprefix(word + " ")
        if rest != folded and rest in provinces() and provinces()[rest].kind == kind:
            return provinces()[rest]
    return provinces().get(folded)


def ends_with_province(text: str) -> bool:
    """Whether a name ends with a province's (``… tỉnh Hà Tĩnh``: its last word is no kind word)."""
    folded = key(text)
    return any(folded == name or folded.endswith(" " + name) for name in provinces())


def mentioned(text: str) -> Province | None:
    """The first province the text names after a word of its kind: ``tỉnh Nghệ An``,
    ``Thành phố Hồ Chí Minh``, ``Thành ủy Hải Phòng`` (``thành phố Vinh``, a province's
    city, is none)."""
    for match in _mention().finditer(key(text)):
        province = provinces()[match.group(2)]
        if kinds()[match.group(1)] == province.kind:
            return province
    return None
