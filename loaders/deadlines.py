"""Deadlines as plan tables print them: ``Tháng 9/2025``, ``2025 - 2030``, ``Hằng năm``.

A deadline cell either names a time (a day, a month, a quarter, a year, a
span of years) or says how the task is timed: every year, continuously, on
someone else's roadmap, after another act. Both are read from folded text
(``loaders.text.fold``) with room for the letters OCR misreads (``Théng``,
``Hang ndm``), so a plan printed without diacritics parses the same.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from loaders.model import Deadline, Span
from loaders.text import fold

YEAR = r"(?:19|20)\d\d"
_MONTH_WORD = r"th\S{1,2}ng"    # tháng, and OCR's théng, thdng
_YEAR_WORD = r"n\S{1,2}m"       # năm, and OCR's ndm, nim

# Dates spelled in words, rewritten with slashes: "15 tháng 12 năm 2025" → "15/12/2025",
# "tháng 9 năm 2025" → "tháng 9/2025".
_WORDED = [
    (re.compile(rf"(\d{{1,2}})\s+{_MONTH_WORD}\s+(\d{{1,2}})\b"), r"\1/\2"),
    (re.compile(rf"((?:{_MONTH_WORD}\s+|/)\d{{1,2}})\s+{_YEAR_WORD}\s+(?={YEAR})"), r"\1/"),
]

# The ways a time is written, tried left to right at each place. A number joined
# to others by slashes beyond these (``02/2025/TT-BGDĐT``) is a document number.
_TIMES = re.compile("|".join([
    rf"(?<![\d/])(?P<day>\d{{1,2}})\s*/\s*(?P<day_month>\d{{1,2}})\s*/\s*(?P<day_year>{YEAR})(?![\d/])",
    rf"\bqu\S\s+(?P<quarter>iv|i{{1,3}}|[1-4])\s*(?:/|-|{_YEAR_WORD}\b)\s*(?P<quarter_year>{YEAR})",
    rf"\b6\s+{_MONTH_WORD}\s+(?P<half>dau|cuoi)\s+(?:{_YEAR_WORD}\s+)?(?P<half_year>{YEAR})",
    rf"(?<![\d/])(?P<month>\d{{1,2}})\s*/\s*(?P<month_year>{YEAR})(?![\d/])",
    rf"(?<![\d/])(?P<first>{YEAR})\s*(?:[-–—]|\bden(?:\s+{_YEAR_WORD})?)\s*(?P<last>{YEAR})(?![\d/])",
    rf"(?<![\d/])(?P<year>{YEAR})(?![\d/])",
]))
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Phrases that say how a task is timed.
_EVERY = r"\bh\S{1,2}ng\s+"     # hằng, hàng
_YEARLY = re.compile(rf"{_EVERY}{_YEAR_WORD}\b")
_YEARS_ON = re.compile(rf"\b{_YEAR_WORD}\s+ti\S{{1,2}}p\s+theo\b")   # "… và những năm tiếp theo"
# Recurring more often than yearly, or at no stated interval: "hằng tháng", "hằng quý", "định kỳ".
_RECURRING = re.compile(rf"{_EVERY}(?:{_MONTH_WORD}|qu\S|tu\S{{1,2}}n|ng\S{{1,2}}y)\b|\bd\S{{1,2}}nh\s+k\S\b")
_ONGOING = re.compile(r"\bth\S{2,3}ng\s+xuy\S{1,2}n\b|\bli\S{1,2}n\s+t\S{1,2}c\b")
_ROADMAP = re.compile(r"\bl\S\s+tr\S{1,2}nh\b")
_AFTER = re.compile(r"\bsau\s+khi\b")

# Where running text gives a task its time: "…; thời gian: Quý IV/2025", "Thời hạn hoàn thành:
# tháng 12/2025", "hoàn thành trước ngày 30/6/2026". Letters are \w so OCR's "thoi" reads too.
_CLAUSE = re.compile(
    r"\b(?:th\w{1,2}i\s+(?:gian|h\w{1,2}n)(?:\s+(?:th\w{1,2}c\s+hi\w{1,2}n|ho\w{1,2}n\s+th\w{1,2}nh))?\s*:"
    r"|ho\w{1,2}n\s+th\w{1,2}nh\s+(?=(?:tr\w{1,2}c|trong)\s))\s*(?P<time>[^.;]+)",
    re.IGNORECASE,
)


def deadline_in_text(text: str, span: Span) -> Deadline | None:
    """The deadline a task's own sentence gives after ``thời gian:``/``thời hạn:`` or in
    ``hoàn thành trước …``, when it names a time or a timing; else None."""
    for found in _CLAUSE.finditer(text):
        deadline = parse_deadline(found.group("time").strip(" ,"), span)
        if deadline.kind != "unknown":
            return deadline
    return None


def parse_deadline(text: str, span: Span) -> Deadline:
    """Read a printed deadline into its kind and, where the text names them, its dates.

    ``start`` and ``end`` bound the time named: ``Tháng 9/2025`` is 1 to 30
    September 2025 (kind ``date``), ``Năm 2025`` the whole year, ``Quý
    III/2025`` July to September, ``ngày 30/6/2025`` that day. A span of years
    (``2025 - 2030``), or several times named, is a ``period`` from the first
    to the last.

    These phrases decide the kind whatever times stand beside them:

    - ``roadmap`` (``Theo lộ trình của Trung ương``) and ``after`` (``Sau khi
      Chính phủ ban hành …``): due when another body decides; the dates such a
      cell prints are those of that body's acts, so none are kept;
    - ``yearly``: ``Hằng năm``, ``trước ngày 15/12 hằng năm``, and ``Năm 2025
      và những năm tiếp theo`` (every year from 2025: a start, no end);
    - ``ongoing``: ``Thường xuyên``, ``Liên tục``, and schedules recurring more
      often than yearly or at no stated interval (``Hằng tháng``, ``Hằng
      quý``, ``Định kỳ``): the task never falls due once and for all.

    Text that names no time and none of these phrases is kind ``unknown``.
    """
    folded = fold(text)
    if _ROADMAP.search(folded):
        return Deadline(text, span, "roadmap")
    if _AFTER.search(folded):
        return Deadline(text, span, "after")
    for pattern, spelled in _WORDED:
        folded = pattern.sub(spelled, folded)
    times = [(found, bounds) for found in _TIMES.finditer(folded) if (bounds := _bounds(found))]
    start = times[0][1][0] if times else None
    end = times[-1][1][1] if times else None
    if _YEARS_ON.search(folded):
        return Deadline(text, span, "yearly", start)
    if _YEARLY.search(folded):
        return Deadline(text, span, "yearly", start, end)
    if _RECURRING.search(folded) or _ONGOING.search(folded):
        return Deadline(text, span, "ongoing", start, end)
    if not times:
        return Deadline(text, span)
    period = len(times) > 1 or times[0][0].group("first") is not None
    return Deadline(text, span, "period" if period else "date", start, end)


def _bounds(found: re.Match) -> tuple[date, date] | None:
    """The first and last day of the time ``found`` names; None for one that cannot be (``31/2/2025``)."""
    parts = found.groupdict()
    try:
        if parts["day"]:
            day = date(int(parts["day_year"]), int(parts["day_month"]), int(parts["day"]))
            return day, day
        if parts["quarter"]:
            return _months(int(parts["quarter_year"]), 3 * _QUARTERS[parts["quarter"]] - 2, 3)
        if parts["half"]:
            return _months(int(parts["half_year"]), 1 if parts["half"] == "dau" else 7, 6)
        if parts["month"]:
            return _months(int(parts["month_year"]), int(parts["month"]), 1)
        if parts["first"]:
            first, last = int(parts["first"]), int(parts["last"])
            return (date(first, 1, 1), date(last, 12, 31)) if first <= last else None
        return _months(int(parts["year"]), 1, 12)
    except ValueError:
        return None


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    last = first + count - 1
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
