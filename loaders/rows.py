"""Rebuild table rows from the interleaved lines of text extracted from a PDF.

A PDF's text layer gives a table back as printed lines: one line holds the
pieces of every cell that print at the same height, in column order; a cell's
text wraps over several lines; the header row repeats after each page break;
page numbers stand alone on a line. This module holds what every table parser
needs to undo that: printed lines that keep their source line numbers, the
header found by its words (folded, so diacritics and OCR damage to them do
not matter), its repetitions, and the cells of a row rewrapped into text
whose spans point back to the source.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.layout import Line, fold_chars, joined
from loaders.model import Span
from loaders.text import squash

BARE_NUMBER = re.compile(r"^\d{1,3}$")
_LETTER = re.compile(r"[^\W\d_]")
HEADER_WINDOW = 40      # printed lines a header may take
HEADER_GAP = 30         # folded characters allowed between two column headings
CACHED_TEXTS = 1 << 14  # texts whose shape the row parsers keep: many tables' worth


@lru_cache(maxsize=CACHED_TEXTS)
def folded(text: str) -> str:
    """``text`` folded character for character, white space squashed: the key header words
    and cell shapes are matched on. Cached, as a table's lines are matched many times over."""
    return squash(fold_chars(text))


def printed_lines(lines: list[str], first: int) -> list[Line]:
    """The non-blank lines of ``lines`` (source line ``first`` onwards).

    The text keeps its inner runs of spaces (they separate cells printed on
    one line); ``gap`` counts the blank lines before each.
    """
    found, gap = [], 0
    for number, text in enumerate(lines, start=first):
        if not text.strip():
            gap += 1
            continue
        found.append(Line(number, text.strip(), gap))
        gap = 0
    return found


@dataclass(frozen=True)
class Heading:
    """One column heading found in a header: its kind, and what its pattern captured (a year)."""

    kind: str
    label: str | None = None


@dataclass
class Header:
    """The columns of a table in printed order, and the printed lines the header takes."""

    columns: list[Heading]
    first: int                  # index of its first line
    end: int                    # index after its last line

    @property
    def kinds(self) -> list[str]:
        return [column.kind for column in self.columns]


def match_header(lines: list[Line], start: int, words: list[tuple[str, re.Pattern]]) -> Header | None:
    """The header whose first column heading opens ``lines[start]``, or None.

    ``words`` maps each column kind to the pattern of its heading on folded
    text, the most specific first; a pattern's first group, when it has one,
    labels the column (``Năm 2030`` → ``2030``). Headings must follow one
    another closely; their order in the text is the order of the columns. A
    heading met again (``Chỉ tiêu`` in the first row) ends the header, unless
    it carries a label (``Năm 2025``, ``Năm 2030``).
    """
    window = [folded(line.text) + " " for line in lines[start:start + HEADER_WINDOW]]
    text = "".join(window)
    if not any(pattern.match(text) for _, pattern in words):
        return None  # no heading opens the line: the common case, as every line of a table is tried
    found: list[tuple[int, int, Heading]] = []
    taken = [False] * len(text)
    for kind, pattern in words:
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            label = match.group(1) if pattern.groups else None
            found.append((match.start(), match.end(), Heading(kind, label)))
            taken[match.start():match.end()] = [True] * (match.end() - match.start())
    found.sort(key=lambda item: item[0])
    if not found or found[0][0] != 0:
        return None
    chained = [found[0]]
    for item in found[1:]:
        heading = item[2]
        repeated = not heading.label and any(seen.kind == heading.kind for _, _, seen in chained)
        if item[0] - chained[-1][1] > HEADER_GAP or repeated:
            break
        chained.append(item)
    last_line = bisect.bisect_right(list(itertools.accumulate(map(len, window))), chained[-1][1] - 1)
    return Header([heading for _, _, heading in chained], start, start + last_line + 1)


def find_header(lines: list[Line], words: list[tuple[str, re.Pattern]], accept, limit: int = 80) -> Header | None:
    """The first header among the first ``limit`` lines that ``accept`` takes."""
    for start in range(min(limit, len(lines))):
        header = match_header(lines, start, words)
        if header and accept(header):
            return header
    return None


def is_page_number(lines: list[Line], index: int, repeats_header) -> bool:
    """A bare number at a page's foot: the header repeats right after it, or the table ends."""
    if not BARE_NUMBER.match(lines[index].text):
        return False
    return index + 1 == len(lines) or repeats_header(index + 1)


@dataclass
class Piece:
    """A fragment of one printed line that belongs to one cell."""

    text: str
    line: int


def cell_text(pieces: list[Piece]) -> str:
    return squash(joined([Line(piece.line, piece.text) for piece in pieces]).text) if pieces else ""


def cell_span(pieces: list[Piece]) -> Span:
    lines = [piece.line for piece in pieces]
    return Span(min(lines), max(lines))


@lru_cache(maxsize=CACHED_TEXTS)
def starts_lower(text: str) -> bool:
    """Whether the first letter (past quotes and brackets) is lower case: a wrapped line.
    Cached: the row parsers ask it of every line for every column."""
    letter = _LETTER.search(text)
    return bool(letter) and letter.group().islower() and not text[:1].isdigit()
