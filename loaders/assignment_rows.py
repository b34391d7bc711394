"""Rebuild the rows of a task-assignment table from the lines of extracted text.

A PDF's text layer gives a table back as lines, not cells. Two shapes occur:

* **blocks**: each cell comes out as a block of short lines, the cells of a
  row one after the other in column order; a cell merged over several rows
  (a number centred in it) may print among the rows it spans; the header
  repeats after a page break; the part of a row carried over to the next page
  follows that header.
* **side by side** (OCR): one printed line holds a piece of every column,
  with stray ``|`` where the ruling was; a row starts with its number.

The header words say which columns exist and in which order (the generic
machinery is :mod:`loaders.rows`). For the block shape every line is labelled
with a column by a small dynamic programme (:func:`label`): labels rise
through the columns within a row; each line scores by what it looks like (a
row number, an NQ 71 item number, a deadline, a unit's name, prose, a line
wider than its column) and by how it joins the line before (a cell opens with
a capital, a wrapped line goes on in lower case, a short line ends its cell);
a new row costs little only once the row before is complete. A run of lines
that holds no task text, or opens in lower case, is the rest of the row
before (cut by a page break, or the last lines of a taller cell) and is
labelled again against that row's open cells. Column widths come from a first
labelling of the whole table.

The side-by-side shape is cut line by line (:func:`side_by_side_rows`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.layout import fold_chars
from loaders.rows import BARE_NUMBER, CACHED_TEXTS, Header, starts_lower
from loaders.rows import folded as folded_text
from loaders.rows import Piece as PrintedPiece
from loaders.rows import is_page_number as _at_page_foot
from loaders.rows import match_header as _match_columns
from loaders.diacritics import is_phrase
from loaders.text import ocr_letters, squash
from loaders import places
from loaders.units import UNIT_WORDS, assignee_words, registered, split_units

# Column kinds, named as the Task fields they fill.
NUMBER, NQ57_TEXT, TEXT, NQ71 = "number", "nq57_text", "text", "nq71"
LEAD, COOPERATING, OUTPUT, DEADLINE, NOTE = "lead", "cooperating", "output", "deadline", "note"
UNIT_COLUMNS = (LEAD, COOPERATING)

# Header words of each column on folded text, the most specific first
# (``Stt nhiệm vụ trong NQ 71`` is the NQ 71 column, not the row number).
# OCR-tolerant where OCR has been seen to bend them (``chi tri``, ``phdi hop``).
HEADER_WORDS = [
    (NQ71, r"(?:s?tt\s+)?(?:nhiem\s+vu\s+)?trong\s+(?:nq|nghi\s+quyet)\s*(?:so\s*)?71"),
    (NQ57_TEXT, r"ten\s+nhiem\s+vu\s*\(?\s*(?:nghi\s+quyet|nq)\s*(?:so\s*)?57[^)]*\)?"),
    (TEXT, r"nhiem\s+vu\s+tuong\s+ung(?:\s*\([^)]*\)?)?"
           r"|n\w?i\s+dung(?:\s+cong\s+vi\w{1,2}c)?(?:\s*/\s*nhiem\s+vu)?|ten\s+nhiem\s+vu"),
    (LEAD, r"(?:(?:don\s+vi|co\s+quan)\s+)?ch\w?\s+tri(?:\s*,?\s*theo\s+doi,?\s*danh\s+gia)?"),
    (COOPERATING, r"(?:(?:don\s+vi|co\s+quan)\s+)?ph\w?i\s+h\w?p\b"),  # not "phù hợp"
    (OUTPUT, r"ket\s+qua(?:\s+can\s+dat)?|san\s+pham(?:\s+dau\s+ra)?(?:\s*/\s*ket\s+qua(?:\s+can\s+dat)?)?"),
    (DEADLINE, r"th\w{1,3}\s+gian(?:\s+(?:thuc\s+hien|hoan\s+thanh))?(?:\s*/\s*(?:hoan\s+thanh|thuc\s+hien))?"),
    (NOTE, r"ghi\s+chu"),
    (NUMBER, r"\bs?tt\b|so\s+thu\s+tu"),
]
_HEADER_WORDS = [(kind, re.compile(pattern)) for kind, pattern in HEADER_WORDS]

ROW_NUMBER = re.compile(r"^\d{1,3}(?:\s*[-–.]\s*\d{1,3})*(?:\s*[-–.])?$")
NQ71_NUMBER = re.compile(r"^[1-9]\d{0,2}(?:\s*\(\d{1,3}\))?$")
_DOTTED_NUMBER = re.compile(r"^\d{1,3}(?:\s*[-–]\s*\d{1,3})?\.$")
SUB_ITEM = re.compile(r"^\(\d{1,3}\)$")
ROMAN = re.compile(r"^[IVXL]+$")
# A group heading: a Roman numeral or a capital letter, alone or before its title.
HEADING = re.compile(r"^([IVXL]+|[A-H])\.?(?:\s+(\S.*))?$")
# An arabic group number, alone or before its title; a group only where its rows are numbered beneath it.
ARABIC_HEADING = re.compile(r"^(\d{1,2})\.?(?:\s+(\S.*))?$")

_DEADLINE_WORDS = set(
    "thang nam quy hang thuong xuyen theo lo trinh cua trung uong bo sau khi chinh phu ban hanh va "
    "nhung tiep truoc ngay tu den giai doan dinh ky cac moi tuan".split())
_DEADLINE_START = set("thang nam quy hang thuong theo sau truoc tu giai".split())
# A deadline's last line that completes it: a date, a year, a recurrence.
_DEADLINE_COMPLETE = re.compile(r"(?:\d{4}|\bnam|\bthang|\bquy|\bxuyen|\bhanh)$")
_CONDITION = re.compile(r"^(?:theo|sau khi|truoc khi)\b")
_DATE_WORD = re.compile(r"^(?:\d{1,2}|[ivx]{1,3})/\d{4}$|^\d{4}$|^\d{1,2}/\d{1,2}/\d{4}$|^\d{4}-\d{4}$")  # "IV/2025": a quarter
_UNIT_HEAD = re.compile(
    r"^(?:so|ubnd|uy\s+ban|ban\s+(?!hanh)|cong\s+an|phong\s+(?!trao|den)\w|van\s+phong|trung\s+tam|bo\s+phan"
    r"|cac\s+(?:so|cap|phong|co\s+quan|don\s+vi|truong|ban|nganh|to\s+chuc|doanh\s+nghiep|dia\s+phuong|hoi)"
    r"|doan\s+|hoi\s+(?!thi|nghi|thao|cho|dien)|mat\s+tran|dang\s+uy|chi\s+cuc|cuc\s+|kho\s+bac|bo\s+chi\s+huy"
    r"|ban\s+chi\s+huy|truong\s+(?!hop)|vien\s+|lien\s+hiep|thanh\s+tra|ngan\s+hang|bao\s+hiem)")
# Words that carry a unit's name on to the next line (``Sở Khoa học và`` / ``Công nghệ``).
_UNIT_NAME_WORDS = set(
    "cong nghe khoa hoc tai chinh noi vu tu phap y te giao duc dao tao nong nghiep moi truong xay dung "
    "thuong van hoa the thao du lich quan ly khu kinh thanh pho quyen nganh don vi an xa hoi dan toc "
    "ton ngoai dau thong tin truyen lao dong binh mat tran to quoc viet nam nhan uy ban dang doan".split())
_CONNECTOR_WORDS = set("va cua cac voi cho trong ve de tai theo nhung hoac cung tren duoi thuoc".split())
_UNFINISHED = set(assignee_words()["unfinished"])
_UNIT_WORD_SET = set(UNIT_WORDS)
# Kinds of place a name follows ("tỉnh Lai Châu"), spelt out: "quan" is also "cơ quan".
_PLACE_KINDS = {kind for kind in places.kinds() if kind not in ("tp", "quan") and not kind.endswith(" uy")}
_NEG = float("-inf")


@dataclass
class Piece(PrintedPiece):
    """A fragment of one printed line that belongs to one cell."""

    after_break: bool = False   # first fragment after a page break

    @property
    def folded(self) -> str:
        return folded_text(self.text)


@dataclass
class Row:
    """The fragments of one table row, by column kind."""

    cells: dict[str, list[Piece]] = field(default_factory=dict)

    def add(self, kind: str, piece: Piece) -> None:
        self.cells.setdefault(kind, []).append(piece)

    def pieces(self) -> list[Piece]:
        return [piece for pieces in self.cells.values() for piece in pieces]


@dataclass
class Heading:
    """A group heading row: ``I`` / ``A`` / ``1`` and its title, with any other cells it has."""

    number: str
    title: list[Piece]
    extras: list[Piece] = field(default_factory=list)
    misprinted: str | None = None   # the number as printed, when its rows show another


# --- header -----------------------------------------------------------------

def match_header(pieces: list[Piece], start: int) -> Header | None:
    """The header of an assignment table beginning at ``pieces[start]``, or None.

    A heading printed above the main header line (a taller cell, as OCR
    reads it) is a column that comes after the ones on that line.
    """
    header = _match_columns(pieces, start, _HEADER_WORDS)
    if header is None:
        return None
    kinds = set(header.kinds)
    if len(kinds) < 3 or not ({TEXT, NQ57_TEXT} & kinds) or not ({LEAD, DEADLINE} & kinds):
        return None
    per_line = [_match_columns([piece], 0, _HEADER_WORDS) for piece in pieces[header.first:header.end]]
    counts = [len(found.columns) if found else 0 for found in per_line]
    main = max(range(len(counts)), key=counts.__getitem__)
    if counts[main] >= 3:
        above = [kind for found in per_line[:main] if found for kind in found.kinds]
        order = [kind for kind in header.kinds if kind not in above] + above
        header.columns.sort(key=lambda column: order.index(column.kind))
    return header


def column_kind(text: str) -> str | None:
    """The kind of column a header cell names, by its words."""
    found = _match_columns([Piece(text, 0)], 0, _HEADER_WORDS)
    return found.kinds[0] if found and len(found.kinds) == 1 else None


def find_header(pieces: list[Piece]) -> Header | None:
    for start in range(len(pieces)):
        header = match_header(pieces, start)
        if header:
            return header
    return None


# --- what a fragment looks like ----------------------------------------------
# Each is asked of a fragment's text for every column and every way to reach it
# (see :func:`label`), and depends on the text alone: cached.

@lru_cache(maxsize=CACHED_TEXTS)
def _words(folded: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w/]+(?:-\w+)*", folded))


@lru_cache(maxsize=CACHED_TEXTS)
def looks_like_deadline(text: str) -> bool:
    words = _words(folded_text(text))
    return bool(words) and all(word in _DEADLINE_WORDS or _DATE_WORD.match(word) for word in words)


@lru_cache(maxsize=CACHED_TEXTS)
def starts_deadline(text: str) -> bool:
    """Whether a fragment opens a deadline: with a capital or a digit ("Từ năm 2025", not "tư")."""
    if starts_lower(text):
        return False
    folded = folded_text(text)
    if _CONDITION.match(folded):
        return True  # "Theo lộ trình …", "Sau khi … ban hành": any words may follow
    words = _words(folded)
    return bool(words) and looks_like_deadline(text) and (words[0] in _DEADLINE_START or words[0][0].isdigit())


@lru_cache(maxsize=CACHED_TEXTS)
def looks_like_unit(text: str) -> bool:
    """Whether the fragment begins a unit's name: capitalised (``Sở``, not ``số``), and a
    division's name goes on with a capital (``Phòng Kinh tế``, not ``Phòng trở thành``)."""
    words = text.split()
    folded = folded_text(text)
    if not text[:1].isupper() or len(words) < 2 or not _UNIT_HEAD.match(folded + " ") or folded in _UNFINISHED:
        return False  # "Trung tâm" alone names no unit
    return not folded.startswith("phong ") or words[1][:1].isupper()


def _starts_word(text: str) -> bool:
    """Whether the text begins with a capitalised ordinary word (``Xây``), as a cell does."""
    return text[:1].isupper() and text[1:2].islower()


def _starts_acronym(text: str) -> bool:
    word = re.match(r"\w+", text)
    return bool(word) and len(word.group()) > 1 and word.group().isupper()


@lru_cache(maxsize=CACHED_TEXTS)
def _ends_in_unit_word(text: str) -> bool:
    """Whether a line of a unit cell ends before the name of its last unit: with a unit's word
    that no name ends with (``Phòng``, ``Trung tâm``; ``assignee_words.csv``, kind ``unfinished``),
    or with a unit's word alone after a separator (``Sở Công Thương; Sở``)."""
    words = text.split()
    last = re.split(r"[;,]", text)[-1].strip()
    if last[:1].isupper() and (folded_text(last) in _UNFINISHED or
                               (last != text.strip() and folded_text(last) in _UNIT_WORD_SET)):
        return True
    return any(len(words) >= size and words[-size][:1].isupper() and folded_text(" ".join(words[-size:])) in
               _UNFINISHED for size in (1, 2))


def _ends_in_place_kind(text: str) -> bool:
    words = folded_text(text).split()
    return bool(words) and (words[-1] in _PLACE_KINDS or " ".join(words[-2:]) in _PLACE_KINDS)


@lru_cache(maxsize=CACHED_TEXTS)
def _ends_in_place_start(text: str) -> bool:
    """Whether a line ends with the first word of a place's name after its kind (``tỉnh Lai`` /
    ``Châu``, ``thành phố Hải`` / ``Phòng``): names of places have two words or more."""
    words = text.split()
    return len(words) >= 2 and words[-1][:1].isupper() and folded_text(words[-1]) not in _UNIT_WORD_SET and (
        folded_text(words[-2]) in _PLACE_KINDS or folded_text(" ".join(words[-3:-1])) in _PLACE_KINDS)


@lru_cache(maxsize=CACHED_TEXTS)
def _ends_open(text: str) -> bool:
    """Whether a line stops mid-phrase: a list or a sentence plainly goes on."""
    if text.rstrip().endswith((",", ";", ":", "-", "–", "/", "&", "(")):
        return True
    words = _words(folded_text(text))
    return bool(words) and words[-1] in _CONNECTOR_WORDS


# --- labelling lines with columns (block shape) ------------------------------

class _Scorer:
    def __init__(self, kinds: list[str], widths: dict[str, int] | None = None):
        self.kinds = kinds
        self.widths = widths or {}
        self.numbers_bare = NQ71 not in kinds  # with an NQ 71 column, bare integers are NQ 71 items

    def emission(self, piece: Piece, kind: str) -> float:
        text = piece.text
        if kind == NUMBER:
            if ROW_NUMBER.match(text) and (self.numbers_bare or not BARE_NUMBER.match(text)):
                return 3.0
            return _NEG
        if kind == NQ71:
            if NQ71_NUMBER.match(text):
                return 3.0
            return 1.0 if SUB_ITEM.match(text) else _NEG
        if ROW_NUMBER.match(text) or SUB_ITEM.match(text):
            return -5.0 if NUMBER in self.kinds and not BARE_NUMBER.match(text) else -2.0
        width = self.widths.get(kind, len(text))
        if len(text) > 1.3 * width + 2 and kind != NOTE:  # a note column, often left empty, shows no width
            return -2.5 if len(text) > 2 * width else -1.0  # wider than the column prints
        if kind == DEADLINE:
            return 1.5 if starts_deadline(text) else 0.5 if looks_like_deadline(text) else -1.5
        if kind in UNIT_COLUMNS:
            if looks_like_unit(text):
                return 1.5
            return -1.0 if starts_deadline(text) else 0.0
        if starts_lower(text):
            return 0.0  # a wrapped line: its column is told by the line before
        penalty = -1.0 if starts_deadline(text) else (-0.3 if looks_like_unit(text) else 0.0)
        return penalty + {TEXT: 0.35, NQ57_TEXT: 0.3, OUTPUT: 0.3, NOTE: 0.25}.get(kind, 0.0)

    def opens(self, piece: Piece, kind: str) -> float:
        """A fragment that begins a cell: cells begin with a capital, a digit or a bracket;
        a task is more than a word or two."""
        if starts_lower(piece.text):
            return -1.0
        if kind in (TEXT, NQ57_TEXT) and (len(piece.text.split()) < 2 or
                                          len(piece.text) < 0.3 * self.widths.get(kind, 0)):
            return -1.0
        return 0.3

    def goes_on(self, before: Piece, piece: Piece, kind: str) -> float:
        """A fragment that continues the cell ``before`` ended."""
        if kind == NUMBER:
            return 0.5 if before.text.rstrip().endswith(("-", "–")) else _NEG
        if kind == NQ71:
            return 0.5 if SUB_ITEM.match(piece.text) else _NEG
        score = self._joins(before, piece, kind)
        return min(score, -1.5) if self._ended_short(before, piece, kind) else score

    def _joins(self, before: Piece, piece: Piece, kind: str) -> float:
        text = piece.text
        if kind == DEADLINE and _DEADLINE_COMPLETE.search(before.folded) and not looks_like_deadline(text):
            return -1.5
        if kind in UNIT_COLUMNS and _ends_in_unit_word(before.text):
            return 1.0  # "Phòng Kinh tế; Phòng" / "Trồng trọt và Bảo vệ thực vật": the name follows its word
        if text[:1].isupper() and len(text.split()) <= 3 and (
                _ends_in_place_start(before.text) or _ends_in_place_kind(before.text) and places.named(text)):
            return 1.0  # "… thành phố Hải" / "Phòng", "Công an tỉnh" / "Thanh Hóa": the place's name goes on
        if _ends_open(before.text) and not _starts_word(text):
            return 1.0  # surer than any line in lower case: the line before plainly goes on
        if kind in UNIT_COLUMNS and _ends_open(before.text):
            if _words(piece.folded)[0] in _UNIT_NAME_WORDS:
                return 0.8
            # after a list separator a unit column goes on with the next unit, not with other words
            return -1.0 if before.text.rstrip().endswith((";", ",")) and not looks_like_unit(text) else 0.0
        if starts_lower(text) or text[:1] in "-–,;.…" or text[:1].isdigit():
            ended = before.text.rstrip().endswith(".") and not before.text.rstrip().endswith("..")
            return -1.0 if ended else 0.8
        if kind in UNIT_COLUMNS:
            if looks_like_unit(text):
                return -2.0
            return -0.3 if _words(piece.folded)[:1] and _words(piece.folded)[0] in _UNIT_NAME_WORDS else -1.0
        if kind == DEADLINE:
            return -1.0 if _DEADLINE_COMPLETE.search(before.folded) else 0.5
        if _starts_acronym(text):
            return 0.0
        if len(before.text) >= 0.85 * self.widths.get(kind, 10 ** 6):
            return -0.3  # a full line wraps mid-sentence: a capital there begins a name
        if _ends_open(before.text):
            return -0.5
        return -3.0 if before.text.rstrip().endswith((".", ":", "!", "?")) else -1.5

    def _ended_short(self, before: Piece, piece: Piece, kind: str) -> bool:
        """A line well short of its column's width ends its cell (the last line of a
        paragraph); narrow unit columns wrap word by word, so there only before a capital."""
        width = self.widths.get(kind, 0)
        if len(before.text) >= 0.6 * width or _ends_open(before.text):
            return False
        if kind in (TEXT, NQ57_TEXT):
            return width >= 25
        return kind in UNIT_COLUMNS and not starts_lower(piece.text)


def anchor_of(kinds: list[str]) -> str | None:
    """The column every row has: the NQ 71 number when there is one (the row
    number then counts NQ 57 tasks, merged over several rows), else the task's
    text (rows may print no number)."""
    for kind in (NQ71, TEXT, NQ57_TEXT):
        if kind in kinds:
            return kind
    return None


# What opening a new row costs, beyond its first line's own score.
_MISSING_ANCHOR = -6.0   # the row before never reached its anchor column
_UNNUMBERED_ROW = -1.5   # after a numbered row, the next prints its number too
_UNFINISHED_ROW = -3.0   # rows end with their deadline: a new one before it is unlikely
_FINISHED = 2            # "how far the row has come" for the rest of a complete row


@dataclass
class _Step:
    """What the labelling needs of one fragment, worked out once for all the ways to reach it."""

    piece: Piece
    lower: bool              # it opens in lower case
    complete: bool           # the line before completes a deadline
    goes_on: list[float]     # by column: as the cell the line before was in
    enters: list[float]      # by column: as a cell entered from an earlier one
    opens: list[float]       # by column: as the first cell of a new row


def label(pieces: list[Piece], kinds: list[str], tails: dict[int, Piece] | None = None,
          widths: dict[str, int] | None = None, whole: set[int] = frozenset()) -> list[tuple[int, bool]]:
    """The column index of every fragment, and whether it opens a new run
    (Viterbi over the row template).

    Labels rise through the columns within a run; a run opens at the same or
    an earlier column. A new row costs dearly unless the row before reached
    its anchor column; after a page break a run may be the rest of the row
    cut by it. ``tails`` holds, for such a rest, the last fragment of each
    column before the break: a column entered again continues that fragment,
    and labels only rise; going on with a column in ``whole`` (a unit cell
    complete before the break) costs more.
    """
    if not pieces:  # a header over no rows (the table cut off, or empty)
        return []
    scorer = _Scorer(kinds, widths)
    width = len(kinds)
    anchor = anchor_of(kinds)
    anchor_at = kinds.index(anchor) if anchor else -1
    numbered = NUMBER in kinds and anchor != NQ71  # the row number is the row's own
    last_at = kinds.index(DEADLINE) if DEADLINE in kinds else 0

    def enter(piece: Piece, column: int) -> float:
        if tails is None:
            return scorer.opens(piece, kinds[column])
        if column in tails:
            return scorer.goes_on(tails[column], piece, kinds[column]) - (1.0 if column in whole else 0.0)
        return scorer.opens(piece, kinds[column]) - 1.0  # cells start at the top of a row

    def new_run(at: _Step, was: int, seen: int, counted: bool, column: int) -> tuple[float, bool]:
        """(score, the run is a row's rest) of opening a run at ``column`` after ``was`` (``column <= was``)."""
        # the rest of a row cut by a page break, or the last lines of a cell taller
        # than the others printed after the deadline; labelled again against that row
        deadline_before = kinds[was] == DEADLINE
        if at.piece.after_break or (deadline_before and at.lower and at.complete):
            return 0.0, True
        move = at.opens[column] - 0.5
        if anchor and (not seen or column > anchor_at):
            move += _MISSING_ANCHOR
        if (was < last_at or (deadline_before and not at.complete)) and seen != _FINISHED:
            move += _UNFINISHED_ROW
        if numbered and counted and kinds[column] != NUMBER:
            move += _UNNUMBERED_ROW
            if len(at.piece.text) < 0.6 * scorer.widths.get(kinds[column], 0):
                move += _UNNUMBERED_ROW  # and such a row's task opens on a full line
        return move, False

    # state: (column, how far the row has come: 0, its anchor 1, _FINISHED for the
    # rest of a row already complete; whether the row prints its number), by its index
    states = [(column, seen, counted) for column in range(width) for seen in (0, 1, _FINISHED)
              for counted in (False, True)]
    at_state = {state: position for position, state in enumerate(states)}
    anchored = [int(column == anchor_at) for column in range(width)]
    number_at = [kind == NUMBER for kind in kinds]
    # where each way out of a state leads, the same for every fragment: within the run
    # (the same cell or a later one), to a new row, to the rest of a row (in lower case or not)
    within = [[(column, at_state[column, max(seen, anchored[column]), number_at[column] or counted])
               for column in range(was, width)] for was, seen, counted in states]
    new_row = [at_state[column, anchored[column], number_at[column]] for column in range(width)]
    rest = {(counted, lower): [at_state[column, _FINISHED if lower else anchored[column], number_at[column] or counted]
                               for column in range(width)] for counted in (False, True) for lower in (False, True)}
    jump = 0.5 if tails is not None else 0.0
    score = [[_NEG] * len(states) for _ in pieces]
    back: list[list] = [[None] * len(states) for _ in pieces]
    for column in range(width):
        state = new_row[column]
        score[0][state] = scorer.emission(pieces[0], kinds[column]) + enter(pieces[0], column)
        back[0][state] = (None, True)
    for index in range(1, len(pieces)):
        piece, before = pieces[index], pieces[index - 1]
        at = _Step(piece, starts_lower(piece.text), bool(_DEADLINE_COMPLETE.search(before.folded)),
                   [scorer.goes_on(before, piece, kind) for kind in kinds],
                   [enter(piece, column) for column in range(width)],
                   [scorer.opens(piece, kind) for kind in kinds])
        emissions = [scorer.emission(piece, kind) for kind in kinds]
        current, chosen = score[index], back[index]
        # a state keeps the first of its best ways in: by the state before, then a move
        # within the run before a new run
        for came, previous in enumerate(score[index - 1]):
            if previous == _NEG:
                continue
            was, seen, counted = states[came]
            for column, state in within[came]:  # the same cell, or a later one
                if emissions[column] == _NEG:
                    continue
                if column == was:
                    move = at.goes_on[column]
                elif seen == _FINISHED:
                    move = 0.0  # within the rest of a row: labelled again against that row
                else:
                    move = at.enters[column] - jump - 0.2 * (column - was - 1)
                total = previous + emissions[column] + move
                if total > current[state]:
                    current[state], chosen[state] = total, (came, False)
            if tails is not None:
                continue  # labels only rise in the rest of a row
            # a new run, at the same or an earlier column
            for column in range(was + 1):
                if emissions[column] == _NEG:
                    continue
                move, is_rest = new_run(at, was, seen, counted, column)
                total = previous + emissions[column] + move
                if is_rest:
                    state = rest[counted, at.lower][column]  # in lower case, a row complete before
                else:
                    state = new_row[column]
                if total > current[state]:
                    current[state], chosen[state] = total, (came, True)
    state = max(range(len(states)),
                key=lambda key: score[-1][key] + (0 if states[key][1] or not anchor else _MISSING_ANCHOR))
    labels = []
    for index in range(len(pieces) - 1, -1, -1):
        previous, opens = back[index][state]
        labels.append((states[state][0], opens))
        state = previous
    return labels[::-1]


def block_rows(pieces: list[Piece], kinds: list[str], widths: dict[str, int]) -> tuple[list[Row], list[Piece]]:
    """Rows of one group's fragments (block shape), and the fragments before the first row.

    A row holds the table's :func:`anchor_of` column; a run of fragments
    without it continues the row before. ``widths`` are the table's
    :func:`column_widths`.
    """
    if not pieces:
        return [], []
    runs: list[list[tuple[int, Piece]]] = []
    for (column, opens), piece in zip(label(pieces, kinds, widths=widths), pieces):
        if opens or not runs:
            runs.append([])
        runs[-1].append((column, piece))
    anchor = anchor_of(kinds)
    rows: list[Row] = []
    leading: list[Piece] = []
    for run in runs:
        if rows and _carries_on(run, kinds, rows[-1]):
            if kinds[run[0][0]] == NUMBER:
                rows[-1].add(NUMBER, run.pop(0)[1])  # a number centred in a row cut by a page
            _continue_row(rows[-1], [piece for _, piece in run], kinds, widths)
        elif anchor is None or any(kinds[column] == anchor for column, _ in run):
            rows.append(Row())
            for column, piece in run:
                rows[-1].add(kinds[column], piece)
        elif rows:
            _continue_row(rows[-1], [piece for _, piece in run], kinds, widths)
        else:
            leading.extend(piece for _, piece in run)
    return rows, leading


def _carries_on(run: list[tuple[int, Piece]], kinds: list[str], row: Row) -> bool:
    """Whether a run continues ``row`` though it may hold a text: it opens in lower
    case; or it follows a page break and goes on with a cell the row left open,
    or prints no number where the row did; or it opens with a row number the
    row lacks followed by lower case (the number, centred in a row cut by a
    page break, printed below the cut)."""
    column, first = run[0]
    if starts_lower(first.text):
        return True
    cell = row.cells.get(kinds[column])
    if first.after_break and cell and _ends_open(cell[-1].text):
        return True
    numbered = NUMBER in row.cells and NQ71 not in kinds
    if first.after_break and numbered and all(kinds[column] != NUMBER for column, _ in run):
        return True  # rows numbered so far: a run without a number after a page break is the rest of one
    own_number = kinds[run[0][0]] == NUMBER and NQ71 not in kinds and NUMBER not in row.cells
    return own_number and len(run) > 1 and starts_lower(run[1][1].text)


def _continue_row(row: Row, pieces: list[Piece], kinds: list[str], widths: dict[str, int]) -> None:
    """Add the rest of ``row`` (printed after a page break, or the last lines of a
    taller cell), each fragment to the open cell it goes on; a unit cell that already
    names a whole known unit is less likely to go on than one cut mid-name."""
    tails = {kinds.index(kind): cell[-1] for kind, cell in row.cells.items() if cell}
    whole = {kinds.index(kind) for kind in UNIT_COLUMNS if _names_whole_unit(row.cells.get(kind, []))}
    for (column, _), piece in zip(label(pieces, kinds, tails, widths, whole), pieces):
        row.add(kinds[column], piece)


def _names_whole_unit(cell: list[Piece]) -> bool:
    """Whether a unit cell ends with the whole name of a registered unit."""
    names = split_units(squash(" ".join(piece.text for piece in cell)))
    return bool(names) and registered(names[-1]) is not None


def column_widths(pieces: list[Piece], kinds: list[str]) -> dict[str, int]:
    """The width (in characters) each column's lines reach, the longest but one,
    from a first labelling of the whole table."""
    lengths: dict[str, list[int]] = {}
    for (column, _), piece in zip(label(pieces, kinds), pieces):
        lengths.setdefault(kinds[column], []).append(len(piece.text))
    return {kind: sorted(values)[-2 if len(values) > 1 else -1] for kind, values in lengths.items()}


# --- fragments of the appendix ------------------------------------------------

_CELL_BREAK = re.compile(r"(?<=[.;:])\s{2,}(?=\S)")
# A unit's name opening a new cell on the same line: after a full stop, or a
# capitalised ``Các …`` (mid-sentence it would be lower case).
_UNIT_CELL = re.compile(
    r"(?<=[.])\s+(?=(?:so|ubnd|uy ban|cong an|phong|van phong|trung tam|ban|cac)\s)"
    r"|(?<=\w)\s+(?=cac\s+(?:so|co|phong|don|ban|truong|cap)\b)")
_LEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\s*[-–.]\s*\d{1,3})*\.)\s+(\S.*)$")
_TRAILING_DEADLINE = re.compile(
    r"^(.*\S)\s+((?:Hằng|Hàng|Hang) (?:năm|nam|tháng|thang)|Thường xuyên|Thuong xuyen"
    r"|(?:Tháng|Thang) \d{1,2}/\d{4}|(?:Năm|Nam) \d{4}|(?<=\s)\d{1,2}/\d{4})$")


def fragments(lines: list[str], first: int, kinds: list[str] | None = None) -> list[Piece]:
    """The non-blank lines from source line ``first`` as fragments.

    Two cells printed on one line (a full stop, then a run of spaces) are cut
    apart; with ``kinds``, a row number or a deadline sharing a line with the
    next or previous cell is cut off too.
    """
    pieces: list[Piece] = []
    blank_run = 0
    for number, raw in enumerate(lines, start=first):
        if not raw.strip():
            blank_run = blank_run + 1 if raw == "" else 0
            continue
        first_piece = len(pieces)
        for part in _CELL_BREAK.split(raw.strip()):
            pieces.extend(_split(squash(part), number, kinds))
        pieces[first_piece].after_break = blank_run >= 2
        blank_run = 0
    return pieces


def _split(text: str, line: int, kinds: list[str] | None) -> list[Piece]:
    """One printed line as the fragments of the cells it holds."""
    if kinds and NUMBER in kinds:
        match = _LEADING_NUMBER.match(text)
        if match and not starts_lower(match.group(2)):
            return [Piece(match.group(1), line), *_split(match.group(2), line, kinds)]
    if kinds and DEADLINE in kinds:
        match = _TRAILING_DEADLINE.match(text)
        if match and not _ends_open(match.group(1)):
            return [*_split(match.group(1), line, kinds), Piece(match.group(2), line)]
    if kinds and LEAD in kinds:
        for match in _UNIT_CELL.finditer(fold_chars(text)):
            start = match.end()
            if text[start].isupper():
                return [Piece(text[:match.start()], line), *_split(text[start:], line, kinds)]
    return [Piece(text, line)]


def is_page_number(pieces: list[Piece], index: int, header: Header, dotted: bool) -> bool:
    """A bare number printed at a page's foot: after a run of blank lines, before
    the header again, or at the table's end; or, where the table prints its row
    numbers with a dot (``dotted``: see :func:`prints_dotted_numbers`), right
    after a row's deadline, where no cell of the row can stand (not after a
    text's last line that only looks like one: an NQ 71 item's number follows it)."""
    if not BARE_NUMBER.match(pieces[index].text):
        return False
    if pieces[index].after_break or _at_page_foot(pieces, index, lambda at: repeats(pieces, at, header)):
        return True
    before = pieces[index - 1] if index else None
    wrapped = index >= 2 and _ends_open(pieces[index - 2].text)  # "giai đoạn 2026 -" / "2030": a text's end
    return dotted and before is not None and looks_like_deadline(before.text) \
        and bool(_DEADLINE_COMPLETE.search(before.folded)) and not wrapped


def prints_dotted_numbers(pieces: list[Piece]) -> bool:
    """Whether the table prints its row numbers as ``1.``, ``7-8.``: then a bare number is none."""
    return sum(bool(_DOTTED_NUMBER.match(piece.text)) for piece in pieces) >= 3


def repeats(pieces: list[Piece], index: int, header: Header) -> Header | None:
    """The header printed again at ``pieces[index]`` (some columns may be left out), or None."""
    again = match_header(pieces, index)
    return again if again and set(again.kinds) <= set(header.kinds) else None


# --- group headings -----------------------------------------------------------

def heading_at(pieces: list[Piece], index: int) -> tuple[str, list[Piece], int] | None:
    """A group heading at ``pieces[index]``: its number, title fragments and the index after it.

    The number is a Roman numeral or a capital letter, or an arabic one whose
    rows are numbered beneath it (``1`` over ``1.1``, ``1.2``: see
    :func:`numbers_a_group`). The title is the rest of the line or the next
    line, carried on by lines in lower case (a wrapped sentence) or, for a
    title in capitals, in capitals.
    """
    match = HEADING.match(pieces[index].text) or ARABIC_HEADING.match(pieces[index].text)
    if not match or match.re is ARABIC_HEADING and not numbers_a_group(
            match.group(1), next((piece.text for piece in pieces[index + 1: index + 60]
                                  if ROW_NUMBER.match(piece.text)), None)):
        return None
    number, rest = match.group(1), match.group(2)
    title: list[Piece] = []
    following = index + 1
    if rest:
        if len(rest) < 15 or starts_lower(rest):
            return None
        title.append(Piece(rest, pieces[index].line))
    elif following < len(pieces) and len(pieces[following].text) >= 15 and pieces[following].text[:1].isupper():
        title.append(pieces[following])
        following += 1
    else:
        return None
    capitals = title[0].text.upper() == title[0].text
    while following < len(pieces):
        text = pieces[following].text
        goes_on = starts_lower(text) or (capitals and text.upper() == text and re.search(r"[^\W\d]{2}", text))
        if not goes_on or HEADING.match(text) or ROW_NUMBER.match(text):
            break
        title.append(pieces[following])
        following += 1
    return number, title, following


def numbers_a_group(number: str, following: str | None) -> bool:
    """Whether an arabic row number is a group's: the next row printed is numbered beneath it
    (``2`` followed by ``2.1``), so the row is its group's heading, not a task."""
    return bool(following) and re.match(rf"{re.escape(number)}\s*\.\s*\d", following.strip()) is not None


# The heading row's own reference cell: ``Nghị quyết 57-NQ/TW ngày 22/12/2024``.
_REFERENCE = re.compile(r"^(?:nghi quyet|nq\b|so\b|\d+\s*-\s*nq/\w+|ngay\b|\d{1,2}/\d{1,2}/\d{4}$)")


def heading_reference(pieces: list[Piece], index: int) -> int:
    """The index after the document reference a group heading row cites in its own cell."""
    while index < len(pieces) and _REFERENCE.match(pieces[index].folded):
        index += 1
    return index


# --- side by side (OCR) -------------------------------------------------------

_SIDE_ROW = re.compile(r"^[\s|]*(\d{1,2}(?:\s*\.\s*\d{1,2})+|\d{2,3}(?=\s*\|))\.?\s*\|?\s*(\S.*)$")
_SIDE_GROUP = re.compile(r"^\s*(\d{1,2})[.)]?\s+([^|]{25,})$")
# Where a unit's name starts, on folded OCR text (``Phéng Vin hoa``, ``Céac phong``).
# (A lookahead, so that overlapping starts are all found: ``cong Phong Kinh``.)
_SIDE_UNIT = re.compile(
    r"(?=\b(?:ph\w{1,2}ng\s+(?!trao)\w|trung\s+t\w{1,2}m|v\w{1,2}n\s+ph\w{1,2}ng|u\w?y\s+ban|ubnd|cong\s+an"
    r"|c\w{1,3}\s+(?:phong|co\s+quan|don\s+vi)\b))")
_SIDE_DEADLINE = re.compile(
    r"(?:h\w{1,2}ng\s+(?:n\w{1,2}m|th\w{1,2}ng)|th\w{1,3}ng(?:\s+\d{1,2}/\d{4})?|\d{4}\s*-\s*\d{4}|\d{1,2}/\d{4}|\d{4})\s*$")
_SIDE_DATE = re.compile(r"\d{1,2}/\d{4}\s*$")
_OPEN_MONTH = re.compile(r"th\w{1,3}ng$")
# Words that carry a unit's name or list on to the next line, as OCR prints them.
_SIDE_UNIT_WORDS = set(
    "nganh cac don vi v1 lien quan hoi ho1 hoi1 phong ban co xa thon to chuc chinh tri viet nam quoc "
    "the thao va truyen thong hdnd ubnd dang mat tran t6 x4 x& kinh te".split())


def is_side_by_side(pieces: list[Piece]) -> bool:
    """Whether rows print their number and their text on one line, columns side by side."""
    numbered_lines = sum(bool(_SIDE_ROW.match(piece.text)) for piece in pieces)
    bare = sum(bool(ROW_NUMBER.match(piece.text)) for piece in pieces)
    return numbered_lines >= 3 and numbered_lines > bare


def side_by_side_rows(pieces: list[Piece], kinds: list[str]) -> list[tuple[Heading | None, list[Row]]]:
    """Groups and rows of a table whose printed lines hold a piece of every column.

    A line opening with a numbered item (``1.2``; OCR may drop the dot:
    ``45 |``) starts a row, a line opening with a bare number and a long title
    starts a group. A row's first line is cut at the column boundaries its
    content shows: a deadline at the end, the names of units (the last two
    where the table has lead and cooperating columns); its further lines are
    cut by the widths the first lines show.
    """
    columns = [kind for kind in kinds if kind != NUMBER]
    groups: list[tuple[Heading | None, list[list[Piece]]]] = [(None, [])]
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        group = _SIDE_GROUP.match(piece.text)
        row = _SIDE_ROW.match(piece.text)
        if group and not row:
            title = [Piece(group.group(2), piece.line)]
            index += 1
            while index < len(pieces) and starts_lower(pieces[index].text) and not _SIDE_ROW.match(pieces[index].text):
                title.append(pieces[index])
                index += 1
            groups.append((Heading(group.group(1), title), []))
            continue
        if row or not groups[-1][1]:
            groups[-1][1].append([])
        groups[-1][1][-1].append(piece)
        index += 1
    widths = _side_widths([lines for _, rows in groups for lines in rows], columns)
    result = []
    previous = ""
    for heading, rows in groups:
        built = [_side_row(lines, columns, widths) for lines in rows if _SIDE_ROW.match(lines[0].text)]
        for row in built:
            number = row.cells[NUMBER][0]
            prefix = previous.rpartition(".")[0]
            if "." not in number.text and prefix and number.text.startswith(prefix):
                number.text = f"{prefix}.{number.text[len(prefix):]}"  # OCR dropped the dot: ``45`` for ``4.5``
            previous = number.text
        prefix = built[0].cells[NUMBER][0].text.split(".")[0] if built else None
        if heading is not None and prefix and prefix != heading.number:
            # OCR misreads group numbers (``3)`` for ``5``); the rows print it again
            heading.misprinted, heading.number = heading.number, prefix
        if heading is not None or built:
            result.append((heading, built))
    return result


def _side_first(piece: Piece, columns: list[str]) -> tuple[str, dict[str, str]]:
    """The row number and the cells of a row's first line."""
    match = _SIDE_ROW.match(piece.text)
    number = re.sub(r"\s+", "", match.group(1))
    rest = match.group(2)
    cells: dict[str, str] = {}
    folded = fold_chars(rest)
    deadline = _SIDE_DEADLINE.search(folded) if DEADLINE in columns else None
    if deadline:
        cells[DEADLINE] = rest[deadline.start():]
        rest, folded = rest[:deadline.start()], folded[:deadline.start()]
    starts = [m.start() for m in _SIDE_UNIT.finditer(folded) if m.start() > 0 and rest[m.start()].isupper()]
    units = [kind for kind in columns if kind in UNIT_COLUMNS]
    starts = starts[-len(units):] if units else []
    if starts:
        cells[TEXT if TEXT in columns else columns[0]] = rest[:starts[0]]
        for kind, begin, end in zip(units, starts, [*starts[1:], len(rest)]):
            cells[kind] = rest[begin:end]
    else:
        cells[TEXT if TEXT in columns else columns[0]] = rest
    return number, {kind: _clean(text) for kind, text in cells.items() if _clean(text)}


def _clean(text: str) -> str:
    """A cell's part of a line without the rulings OCR printed as ``|``."""
    return squash(text.replace("|", " "))


def _side_widths(rows: list[list[Piece]], columns: list[str]) -> dict[str, int]:
    """How wide each column prints, from the first lines of the rows."""
    lengths: dict[str, list[int]] = {}
    for lines in rows:
        if _SIDE_ROW.match(lines[0].text):
            for kind, text in _side_first(lines[0], columns)[1].items():
                lengths.setdefault(kind, []).append(len(text))
    return {kind: sorted(values)[int(0.9 * (len(values) - 1))] for kind, values in lengths.items()}


def _side_row(lines: list[Piece], columns: list[str], widths: dict[str, int]) -> Row:
    number, first = _side_first(lines[0], columns)
    row = Row()
    row.add(NUMBER, Piece(number, lines[0].line))
    for kind in columns:
        if kind in first:
            row.add(kind, Piece(first[kind], lines[0].line))
    for position, piece in enumerate(lines[1:], start=2):
        more = position < len(lines) and not _unit_words_only(lines[position].text)
        for kind, text in _side_rest(piece.text, row, widths, more):
            row.add(kind, Piece(text, piece.line))
    return row


def _goes_on(cell: str, word: str) -> bool:
    """Whether ``word`` continues a cell's last word into a phrase units are named with."""
    last = re.findall(r"\w+", cell)
    return bool(last) and is_phrase(ocr_letters(squash(fold_chars(last[-1]).lower())),
                                     ocr_letters(squash(fold_chars(word).lower())))


def _unit_words_only(text: str) -> bool:
    return all(re.sub(r"[^\w&]", "", fold_chars(word).lower()) in _SIDE_UNIT_WORDS for word in text.split())


def _side_rest(text: str, row: Row, widths: dict[str, int], more: bool) -> list[tuple[str, str]]:
    """Cut a further line of a row between the cells it goes on (``more``: the task
    text goes on to the next line)."""
    cut: list[tuple[str, str]] = []
    deadline = row.cells.get(DEADLINE)
    date = _SIDE_DATE.search(text)
    if date and (not deadline or _OPEN_MONTH.search(fold_chars(deadline[-1].text))):
        cut.append((DEADLINE, date.group().strip()))
        text = text[:date.start()]
    head, ruled, tail = text.partition("|")
    if not ruled:
        head, tail = _side_split(text, row, widths, more)
    if _clean(head):
        cut.append((TEXT if TEXT in row.cells else NQ57_TEXT, _clean(head)))
    return cut + _side_units(tail, row, widths)


def _side_split(text: str, row: Row, widths: dict[str, int], more: bool) -> tuple[str, str]:
    """Cut a line without rulings into the task text and the unit names after it.

    The unit names are trailing words of the kind unit names are made of, no
    longer than the open unit cells are wide; while the task text goes on,
    the text part must end where the line had to wrap.
    """
    words = text.split()
    most = 0
    while most < len(words) and re.sub(r"[^\w&]", "", fold_chars(words[-1 - most]).lower()) in _SIDE_UNIT_WORDS:
        most += 1
    room = sum(widths.get(kind, 20) for kind in UNIT_COLUMNS if _open(row, kind, widths)) + 3
    width = widths.get(TEXT, 60)
    text_cell = row.cells.get(TEXT, [])
    going_on = more and bool(text_cell) and len(text_cell[-1].text) >= 0.8 * width \
        and not text_cell[-1].text.rstrip().endswith(".")
    sizes = [size for size in range(most + 1) if size == 0 or len(" ".join(words[-size:])) <= room]
    if going_on:
        wraps = [size for size in sizes
                 if len(" ".join(words[:len(words) - size])) <= width + 2
                 and (size == 0 or len(" ".join(words[:len(words) - size + 1])) > width - 1)]
        both = _open(row, LEAD, widths) and _open(row, COOPERATING, widths)
        size = (max(wraps) if both else min(wraps)) if wraps else 0
    elif _open(row, LEAD, widths) and _open(row, COOPERATING, widths):
        # the lead's last word or so, then as much of the cooperating list as its column holds
        fits = [size for size in sizes[1:-1] if len(" ".join(words[-size:])) <= widths.get(COOPERATING, 20) + 2]
        size = max(fits) + 1 if fits else max(sizes)
    else:
        ended = not text_cell or len(text_cell[-1].text) < 0.8 * width or text_cell[-1].text.rstrip().endswith(".")
        size = max(sizes) if ended or room > 3 else 0
    return " ".join(words[:len(words) - size]), " ".join(words[len(words) - size:])


def _open(row: Row, kind: str, widths: dict[str, int]) -> bool:
    """Whether a unit cell goes on to the next line: its last line ends on a comma or
    a hyphen, or fills the column."""
    cell = row.cells.get(kind)
    if not cell:
        return False
    last = cell[-1].text.rstrip()
    return last.endswith((",", "-", "–", ";")) or len(last) >= 0.7 * widths.get(kind, 20)


def _side_units(text: str, row: Row, widths: dict[str, int]) -> list[tuple[str, str]]:
    """Share the unit names of a further line between the lead and cooperating cells."""
    text = _clean(text)
    if not text:
        return []
    lead_open, cooperating_open = _open(row, LEAD, widths), _open(row, COOPERATING, widths)
    if lead_open and cooperating_open:
        words = text.split()
        lead, cooperating = row.cells[LEAD][-1].text, row.cells[COOPERATING][-1].text

        def fit(size: int) -> int:
            """How well the lead taking ``size`` words and the cooperating cell the rest read:
            each cell goes on with a phrase ("Xa" / "hoi": "Xã hội"), no phrase is cut."""
            return (size > 0 and _goes_on(lead, words[0])) + (size < len(words) and _goes_on(cooperating, words[size])) \
                - (0 < size < len(words) and _goes_on(words[size - 1], words[size]))

        # without a phrase to go by: the lead's last word, then the cooperating list
        usual = 1 if len(words) > 1 else 0
        size = max(range(len(words) + 1), key=lambda size: (fit(size), size == usual))
        return [(kind, " ".join(part)) for kind, part in ((LEAD, words[:size]), (COOPERATING, words[size:])) if part]
    if cooperating_open or (COOPERATING in row.cells and not lead_open):
        return [(COOPERATING, text)]
    return [(LEAD if LEAD in row.cells else COOPERATING, text)]
