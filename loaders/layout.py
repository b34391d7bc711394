"""Undo the page layout of text extracted from PDFs, keeping source line numbers.

Extracted plans carry the printed page with them: page numbers alone on a
line, running headers repeated on every page, blank lines between printed
lines (or only between paragraphs), sentences wrapped at the page width.
:func:`clean` drops what belongs to the page and returns :class:`Line` objects
that remember their source line number; :func:`joined` rewraps lines into one
text whose characters still map back to those numbers.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from loaders.model import Span
from loaders.text import squash

PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$", re.IGNORECASE)
# Stray marks OCR leaves standing in front of a line ("‘ Trong quá trình …").
LEADING_NOISE = re.compile(r"^[‘’'`´¸|_~]\s+")


class _CharFolds(dict):
    """``str.translate`` table built on demand: each character to its folded base letter."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = "d" if char in "đĐ" else (unicodedata.normalize("NFD", char)[:1] or char).lower()[:1] or char
        self[code] = base
        return base


_FOLDS = _CharFolds()


def fold_chars(text: str) -> str:
    """Fold like :func:`loaders.text.fold`, one character for one character.

    Positions in the result are positions in ``text``, so a pattern matched on
    the folded text cuts the printed text at the same place.
    """
    return text.translate(_FOLDS)


@dataclass(frozen=True)
class Line:
    """A printed line: its text (trimmed), its source line number, the blank lines before it."""

    number: int
    text: str
    gap: int = 0


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))


def clean(lines: list[str], first: int = 1) -> list[Line]:
    """The printed lines of ``lines`` (source line ``first`` onwards), page furniture removed."""
    raw = []
    gap = 0
    for number, text in enumerate(lines, start=first):
        text = squash(text)
        if not text:
            gap += 1
            continue
        raw.append(Line(number, text, gap))
        gap = 0
    headers = running_headers(raw)
    kept = []
    carried = 0
    for line in raw:
        if is_page_number(line.text) or fold_chars(line.text) in headers:
            carried += line.gap
            continue
        kept.append(Line(line.number, LEADING_NOISE.sub("", line.text) or line.text, line.gap + carried))
        carried = 0
    return kept


def running_headers(lines: list[Line]) -> set[str]:
    """Folded texts repeated on several pages: every occurrence sits next to a page number."""
    near_page = Counter()
    total = Counter()
    page = [is_page_number(line.text) for line in lines]  # each line is a neighbour of four
    for index, line in enumerate(lines):
        key = fold_chars(line.text)
        total[key] += 1
        if any(page[max(0, index - 2): index]) or any(page[index + 1: index + 3]):
            near_page[key] += 1
    return {key for key, count in near_page.items() if count >= 2 and count == total[key] and not is_page_number(key)}


def normal_gap(lines: list[Line]) -> int | None:
    """The blank lines a document puts between two printed lines, when it keeps to one habit.

    Text extracted from PDFs puts one blank line after every line, or none;
    a wider gap then marks a paragraph break. Irregular gaps mark nothing: None.
    """
    gaps = Counter(line.gap for line in lines[1:])
    if not gaps:
        return None
    gap, count = gaps.most_common(1)[0]
    return gap if count >= 0.6 * sum(gaps.values()) else None


def line_width(lines: list[Line]) -> int:
    """The width full lines reach (the 90th percentile of lengths): shorter lines end paragraphs."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[(len(lengths) * 9) // 10 - 1] if len(lengths) > 1 else sum(lengths)


@dataclass
class Joined:
    """Lines rewrapped into one text; ``span()`` maps a slice back to source lines."""

    text: str
    starts: list[int]
    numbers: list[int]

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        end = len(self.text) if end is None else end
        return Span(self.line_at(start), self.line_at(max(start, end - 1)))

    def cut(self, start: int, end: int) -> Joined:
        """The text from ``start`` to ``end``, still mapped to its source lines."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_left(self.starts, end)
        return Joined(self.text[start:end], [max(0, offset - start) for offset in self.starts[first:last]],
                      self.numbers[first:last])


def joined(lines: list[Line]) -> Joined:
    """Rewrap ``lines`` into one text.

    A line ending in a letter or digit followed by a hyphen (``12-`` / ``KH/TU``)
    continues without a space; every other break becomes one space.
    """
    pieces: list[str] = []
    starts, numbers = [], []
    length = 0
    for line in lines:
        piece = line.text.strip()
        if pieces and not re.search(r"\w-$", pieces[-1]):
            pieces.append(" ")
            length += 1
        starts.append(length)
        numbers.append(line.number)
        pieces.append(piece)
        length += len(piece)
    return Joined("".join(pieces), starts, numbers)


def join(lines: list[Line]) -> str:
    return squash(joined(lines).text)


def span_of(lines: list[Line]) -> Span:
    return Span(lines[0].number, lines[-1].number)


def upper_ratio(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(char.isupper() for char in letters) / len(letters)

