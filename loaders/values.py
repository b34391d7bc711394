"""Indicator targets as plan tables print them: ``≥ 80``, ``80-90%``, ``phấn đấu ít nhất 3%``.

A target cell holds a number, perhaps a second one closing a range, a
comparator given by a sign or by words, and sometimes a unit. The words are
matched on folded text (``loaders.text.fold``) so that text printed without
diacritics, or read by OCR, parses the same. Years and dates inside the
prose (``đến năm 2030``, ``02/2025/TT-BGDĐT``) are never taken as the value.
"""

from __future__ import annotations

import re

from loaders.model import Span, Target
from loaders.text import fold

# Digits with their separators, not glued to letters (``5G``, ``1Gb/s`` are names);
# :func:`parse_number` tells thousands from decimals.
NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)"
_NUMBER = re.compile(NUMBER)

# Time expressions that hold digits but no target: a year after "năm" or
# "giai đoạn" (with the end of a period), and anything written with slashes.
_TIME = re.compile(
    r"(?:\bn\S{1,2}m|\bgiai do\S{1,2}n)\s+(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?"
    r"|\d+(?:\s*/\s*\d+)+(?:/\S*)?"
)

# Two numbers closing a range: ``80-90%``, ``80% - 90%``, ``từ 80 đến 90``.
_RANGE = re.compile(rf"({NUMBER})\s*%?\s*(?:[-–—]|\bden\b)\s*({NUMBER})")

_SIGNS = {"≥": ">=", ">=": ">=", "=>": ">=", "≤": "<=", "<=": "<=", "=<": "<=", ">": ">", "<": "<"}
_SIGN = re.compile("|".join(sorted(map(re.escape, _SIGNS), key=len, reverse=True)))

# Comparator words, folded, tried in this order so that "không thấp hơn" (>=) is not read as "hơn" (>).
_WORDS_BEFORE = [
    (">=", r"it nhat|toi thieu|khong (?:duoi|thap hon|it hon)"),
    ("<=", r"toi da|khong (?:qua|vuot(?: qua)?|cao hon|hon)"),
    ("<", r"duoi|it hon|thap hon"),
    (">", r"tren|hon|vuot|cao hon"),
]
_WORDS_AFTER = [(">=", r"tro len"), ("<=", r"tro xuong")]
# Words that may stand between a comparator word and its number: "tối thiểu đạt 80%".
_FILLER = r"(?:\s*\b(?:dat|la|bang|muc|o muc|phan dau)\b)*\s*$"
_BEFORE = [(comparator, re.compile(rf"\b(?:{words}){_FILLER}")) for comparator, words in _WORDS_BEFORE]
_AFTER = [(comparator, re.compile(rf"^\s*%?\s*(?:{words})\b")) for comparator, words in _WORDS_AFTER]

# Approximate values (``~ 30``, ``khoảng 30``): the comparator vocabulary has no
# "about", and OCR prints ``~`` for signs it cannot read, so none is claimed.
_APPROXIMATE = re.compile(r"~|\b(?:khoang|xap xi|gan)\s*$")


def parse_number(text: str) -> float | None:
    """The number ``text`` prints, or None when it is not just one number.

    Vietnamese tables write a decimal comma (``0,77``) and thousands dots
    (``1.000``). A lone dot before other than three digits is read as a
    decimal mark (``0.8``), as some tables print it; where both marks stand,
    the last one is the decimal mark (``1.234,5``).
    """
    text = text.strip()
    return _number(text) if _NUMBER.fullmatch(text) else None


def _number(printed: str) -> float:
    marks = [mark for mark in printed if mark in ".,"]
    groups = printed.replace(",", ".").split(".")
    if len(set(marks)) > 1:
        return float("".join(groups[:-1]) + "." + groups[-1])
    if len(marks) == 1 and (marks[0] == "," or len(groups[-1]) != 3):
        return float(".".join(groups))
    return float("".join(groups))


def parse_target(text: str, year: str, span: Span, unit: str | None = None) -> Target:
    """Read one printed target; prose with no number keeps ``value`` None.

    ``unit`` is the unit of measure the table gives for the row; without one,
    ``%`` printed after the number is the unit.
    """
    target = Target(year=year, text=text, span=span, unit=unit)
    folded = _TIME.sub(lambda found: " " * len(found.group()), fold(text))
    number = _NUMBER.search(folded)
    if number is None:
        return target
    target.value = _number(number.group())
    closing = _RANGE.match(folded, number.start())
    end = closing.end() if closing else number.end()
    if unit is None and folded[end:].lstrip().startswith("%"):
        target.unit = "%"
    if closing:
        target.comparator, target.max = "range", _number(closing.group(2))
    else:
        target.comparator = _comparator(folded[:number.start()], folded[end:])
    return target


def _comparator(before: str, after: str) -> str | None:
    """The comparator the sign or words around the number give; ``=`` for a bare number."""
    signs = _SIGN.findall(before)
    if signs:
        return _SIGNS[signs[-1]]
    if _APPROXIMATE.search(before):
        return None
    for comparator, words in _BEFORE:
        if words.search(before):
            return comparator
    for comparator, words in _AFTER:
        if words.search(after):
            return comparator
    return "="
