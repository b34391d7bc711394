"""Rebuild the rows of a task-assignment table from the lines of extracted text.

A PDF's text layer gives a table back as lines, not cells. Two shapes occur:

* **blocks**: each cell comes out as a block of short lines, the cells of a
  row one after the other in column order; a cell merged over several rows
  (a number centred in it) may print among the rows it spans; the header
  repeats after a page break; the part of a row carried over to the next page
  follows that header.
* **side by side** (OCR): one printed line holds a piece of every column,
  with stray ``|`` where the ruling was; a row starts with its number.

The header words say which columns exist and in which order. For the block
shape every line is labelled with a column by a small dynamic programme: labels
rise through the columns within a row, and each line scores by what it looks
like (a row number, an NQ 71 item number, a deadline, a unit's name, prose)
and by how it joins the line before (a cell starts with a capital, a wrapped
line goes on in lower case). A row is then the run of lines from one row
number (or NQ 71 number) to the next; a run without one continues the row cut
by a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.layout import fold_chars
from loaders.text import squash

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
    (COOPERATING, r"(?:(?:don\s+vi|co\s+quan)\s+)?ph\w{1,2}\s+hop"),
    (OUTPUT, r"ket\s+qua(?:\s+can\s+dat)?|san\s+pham(?:\s+dau\s+ra)?(?:\s*/\s*ket\s+qua(?:\s+can\s+dat)?)?"),
    (DEADLINE, r"th\w{1,3}\s+gian(?:\s+(?:thuc\s+hien|hoan\s+thanh))?(?:\s*/\s*(?:hoan\s+thanh|thuc\s+hien))?"),
    (NOTE, r"ghi\s+chu"),
    (NUMBER, r"\bs?tt\b|so\s+thu\s+tu"),
]
_HEADER_WORDS = [(kind, re.compile(pattern)) for kind, pattern in HEADER_WORDS]
_HEADER_GAP = 30        # folded characters allowed between two column headings
_HEADER_WINDOW = 40     # lines a header may take

ROW_NUMBER = re.compile(r"^\d{1,3}(?:\s*[-–.]\s*\d{1,3})*(?:\s*[-–.])?$")
BARE_NUMBER = re.compile(r"^\d{1,3}$")
NQ71_NUMBER = re.compile(r"^[1-9]\d{0,2}(?:\s*\(\d{1,3}\))?$")
SUB_ITEM = re.compile(r"^\(\d{1,3}\)$")
ROMAN = re.compile(r"^[IVXL]+$")
# A group heading: a Roman numeral or a capital letter, alone or before its title.
HEADING = re.compile(r"^([IVXL]+|[A-H])\.?(?:\s+(\S.*))?$")

_DEADLINE_WORDS = set(
    "thang nam quy hang thuong xuyen theo lo trinh cua trung uong bo sau khi chinh phu ban hanh va "
    "nhung tiep truoc ngay tu den giai doan dinh ky cac moi tuan".split())
_DEADLINE_START = set("thang nam quy hang thuong theo sau truoc tu giai dinh".split())
# A deadline that is complete: it ends with a date, a year or a recurrence.
_DEADLINE_COMPLETE = re.compile(r"(?:\d{4}|hang (?:nam|thang|quy)|thuong xuyen|hanh)$")
_DATE_WORD = re.compile(r"^\d{1,2}/\d{4}$|^\d{4}$|^\d{1,2}/\d{1,2}/\d{4}$|^\d{4}-\d{4}$")
_UNIT_HEAD = re.compile(
    r"^(?:so|ubnd|uy\s+ban|ban\s+(?!hanh)|cong\s+an|phong\s+(?!trao|den)\w|van\s+phong|trung\s+tam|bo\s+phan"
    r"|cac\s+(?:so|cap|phong|co\s+quan|don\s+vi|truong|ban|nganh|to\s+chuc|doanh\s+nghiep|dia\s+phuong|hoi)"
    r"|doan\s+|hoi\s+|mat\s+tran|dang\s+uy|chi\s+cuc|cuc\s+|kho\s+bac|bo\s+chi\s+huy|ban\s+chi\s+huy)")
# Words that carry a unit's name on to the next line (``Sở Khoa học và`` / ``Công nghệ``).
_UNIT_NAME_WORDS = set(
    "cong nghe khoa hoc tai chinh noi vu tu phap y te giao duc dao tao nong nghiep moi truong xay dung "
    "thuong van hoa the thao du lich quan ly khu kinh thanh pho quyen nganh don vi an xa hoi dan toc "
    "ton ngoai dau thong tin truyen lao dong binh mat tran to quoc viet nam nhan uy ban dang doan".split())
_CONNECTOR_WORDS = set("va cua cac voi cho trong ve de tai theo nhung hoac cung tren duoi thuoc".split())
_NEG = float("-inf")


@dataclass
class Piece:
    """A fragment of one printed line that belongs to one cell."""

    text: str
    line: int
    after_break: bool = False   # first fragment after a page break

    @property
    def folded(self) -> str:
        return squash(fold_chars(self.text))


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
    level: int = 0


@dataclass
class Header:
    """The column kinds of a table, in printed order, and the lines the header takes."""

    kinds: list[str]
    first: int                  # index of its first piece
    end: int                    # index after its last piece


# --- header -----------------------------------------------------------------

def match_header(pieces: list[Piece], start: int) -> Header | None:
    """The table header beginning at ``pieces[start]``, or None.

    The header words must follow one another closely and start at that line;
    a heading printed above the main header line (a taller cell, as OCR reads
    it) is a column that comes after the ones on that line.
    """
    window = pieces[start:start + _HEADER_WINDOW]
    text, owner = "", []
    for index, piece in enumerate(window):
        folded = piece.folded + " "
        text += folded
        owner.extend([index] * len(folded))
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for kind, pattern in _HEADER_WORDS:
        for match in pattern.finditer(text):
            if not any(taken[match.start():match.end()]):
                found.append((match.start(), match.end(), kind))
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                break
    found.sort()
    if not found or found[0][0] != 0:
        return None
    chained = [found[0]]
    for item in found[1:]:
        if item[0] - chained[-1][1] > _HEADER_GAP:
            break
        chained.append(item)
    kinds = [kind for _, _, kind in chained]
    if len(kinds) < 3 or not ({TEXT, NQ57_TEXT} & set(kinds)) or not ({LEAD, DEADLINE} & set(kinds)):
        return None
    lines = [owner[begin] for begin, _, _ in chained]
    counts = {line: lines.count(line) for line in lines}
    main = max(counts, key=counts.get)
    if counts[main] >= 3:
        above = [kind for kind, line in zip(kinds, lines) if line < main]
        kinds = [kind for kind, line in zip(kinds, lines) if line >= main] + above
    return Header(kinds, start, start + owner[chained[-1][1] - 1] + 1)


def find_header(pieces: list[Piece]) -> Header | None:
    for start in range(len(pieces)):
        header = match_header(pieces, start)
        if header:
            return header
    return None


# --- what a fragment looks like ----------------------------------------------

def _words(folded: str) -> list[str]:
    return re.findall(r"[\w/]+(?:-\w+)*", folded)


def looks_like_deadline(piece: Piece) -> bool:
    words = _words(piece.folded)
    return bool(words) and all(word in _DEADLINE_WORDS or _DATE_WORD.match(word) for word in words)


def starts_deadline(piece: Piece) -> bool:
    words = _words(piece.folded)
    return bool(words) and looks_like_deadline(piece) and (words[0] in _DEADLINE_START or words[0][0].isdigit())


def looks_like_unit(piece: Piece) -> bool:
    """Whether the fragment begins a unit's name (capitalised: ``Sở``, not ``số``)."""
    return piece.text[:1].isupper() and len(piece.text.split()) > 1 and bool(_UNIT_HEAD.match(piece.folded + " "))


def _starts_lower(text: str) -> bool:
    """Whether the first letter (past quotes and brackets) is lower case."""
    letter = re.search(r"[^\W\d_]", text)
    return bool(letter) and letter.group().islower() and not re.match(r"\d", text)


def _starts_word(text: str) -> bool:
    """Whether the text begins with a capitalised ordinary word (``Xây``), as a cell does."""
    return text[:1].isupper() and text[1:2].islower()


def _starts_acronym(text: str) -> bool:
    word = re.match(r"\w+", text)
    return bool(word) and len(word.group()) > 1 and word.group().isupper()


def _ends_open(text: str) -> bool:
    """Whether a line stops mid-phrase: a list or a sentence plainly goes on."""
    if text.rstrip().endswith((",", ";", ":", "-", "–", "/", "&", "(")):
        return True
    words = _words(squash(fold_chars(text)))
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
            return -2.0
        width = self.widths.get(kind, len(text))
        if len(text) > 1.3 * width + 2:
            return -2.5 if len(text) > 2 * width else -1.0  # wider than the column prints
        if kind == DEADLINE:
            return 1.5 if starts_deadline(piece) else 0.5 if looks_like_deadline(piece) else -1.5
        if kind in UNIT_COLUMNS:
            if looks_like_unit(piece):
                return 1.5
            return -1.0 if starts_deadline(piece) else 0.0
        if _starts_lower(text):
            return 0.0  # a wrapped line: its column is told by the line before
        penalty = -1.0 if starts_deadline(piece) else (-0.3 if looks_like_unit(piece) else 0.0)
        return penalty + {TEXT: 0.35, NQ57_TEXT: 0.3, OUTPUT: 0.3, NOTE: 0.25}.get(kind, 0.0)

    @staticmethod
    def opens(piece: Piece, kind: str) -> float:
        """A fragment that begins a cell: cells begin with a capital, a digit or a bracket;
        a task is more than one word."""
        if _starts_lower(piece.text):
            return -1.0
        if kind in (TEXT, NQ57_TEXT) and len(piece.text.split()) < 2:
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
        if kind == DEADLINE and _DEADLINE_COMPLETE.search(before.folded) and not looks_like_deadline(piece):
            return -1.5
        if _ends_open(before.text) and not _starts_word(text):
            return 0.8
        if kind in UNIT_COLUMNS and _ends_open(before.text):
            return 0.8 if _words(piece.folded)[0] in _UNIT_NAME_WORDS else 0.0
        if _starts_lower(text) or text[:1] in "-–,;.…" or text[:1].isdigit():
            ended = before.text.rstrip().endswith(".") and not before.text.rstrip().endswith("..")
            return -1.0 if ended else 0.8
        if kind in UNIT_COLUMNS:
            if looks_like_unit(piece):
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
        return kind in UNIT_COLUMNS and not _starts_lower(piece.text)

    def step(self, before: Piece, was: int, piece: Piece, now: int) -> float:
        if now == was:
            return self.goes_on(before, piece, self.kinds[now])
        if now > was:
            return self.opens(piece, self.kinds[now]) - 0.2 * (now - was - 1)
        if _is_rest(piece):
            return 0.0  # the rest of a row, labelled again against that row
        return self.opens(piece, self.kinds[now]) - 0.5


def anchor_of(kinds: list[str]) -> str | None:
    """The column every row has: the NQ 71 number when there is one (the row
    number then counts NQ 57 tasks, merged over several rows), else the task's
    text (rows may print no number)."""
    for kind in (NQ71, TEXT, NQ57_TEXT):
        if kind in kinds:
            return kind
    return None


_MISSING_ANCHOR = -6.0
_UNNUMBERED_ROW = -2.5   # after a numbered row, the next prints its number too
_UNFINISHED_ROW = -3.0   # rows end with their deadline: a new one before it is unlikely


def _is_rest(piece: Piece) -> bool:
    """Whether a fragment that falls back to an earlier column carries on the row before:
    the row was cut by a page break."""
    return piece.after_break


def label(pieces: list[Piece], kinds: list[str], tails: dict[int, Piece] | None = None,
          widths: dict[str, int] | None = None) -> list[tuple[int, bool]]:
    """The column index of every fragment, and whether it opens a new run
    (Viterbi over the row template).

    Labels rise through the columns within a run; a run opens at the same or
    an earlier column. A new row costs dearly unless the row before reached
    its anchor column; after a page break a run may be the rest of the row
    cut by it. ``tails`` holds, for such a rest, the last fragment of each
    column before the break: a column entered again continues that fragment,
    and labels only rise.
    """
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
            return scorer.goes_on(tails[column], piece, kinds[column])
        return scorer.opens(piece, kinds[column]) - 1.0  # cells start at the top of a row

    def moves(before: Piece, was: int, seen: bool, counted: bool, piece: Piece, column: int):
        """(score, opens a run, the run is a row's rest) of each way to reach ``column`` from ``was``."""
        if column == was:
            yield scorer.goes_on(before, piece, kinds[column]), False, False
        elif column > was:
            jump = 0.5 if tails is not None else 0.0
            yield enter(piece, column) - jump - 0.2 * (column - was - 1), False, False
        if tails is not None or column > was:
            return
        # the rest of a row cut by a page break, or the last lines of a cell taller
        # than the others printed after the deadline; labelled again against that row
        late = kinds[was] == DEADLINE and _starts_lower(piece.text) and _DEADLINE_COMPLETE.search(before.folded)
        if _is_rest(piece) or late:
            yield 0.0, True, True
            return
        move = scorer.opens(piece, kinds[column]) - 0.5
        if anchor and (not seen or column > anchor_at):
            move += _MISSING_ANCHOR
        if was < last_at or (kinds[was] == DEADLINE and not _DEADLINE_COMPLETE.search(before.folded)):
            move += _UNFINISHED_ROW
        if numbered and counted and kinds[column] != NUMBER:
            move += _UNNUMBERED_ROW
        yield move, True, False

    # state: (column, the row has reached its anchor, the row prints its number)
    states = [(column, seen, counted) for column in range(width) for seen in (False, True)
              for counted in (False, True)]
    score = [{state: _NEG for state in states} for _ in pieces]
    back: list[dict] = [{} for _ in pieces]
    for column in range(width):
        state = (column, column == anchor_at, kinds[column] == NUMBER)
        score[0][state] = scorer.emission(pieces[0], kinds[column]) + enter(pieces[0], column)
        back[0][state] = (None, True)
    for index in range(1, len(pieces)):
        piece, before = pieces[index], pieces[index - 1]
        for column in range(width):
            emission = scorer.emission(piece, kinds[column])
            if emission == _NEG:
                continue
            for (was, seen, counted), previous in score[index - 1].items():
                if previous == _NEG:
                    continue
                for move, opens, rest in moves(before, was, seen, counted, piece, column):
                    total = previous + emission + move
                    new_row = opens and not rest
                    state = (column, column == anchor_at or rest or (seen and not opens),
                             kinds[column] == NUMBER or (counted and not new_row))
                    if total > score[index][state]:
                        score[index][state], back[index][state] = total, ((was, seen, counted), opens)
    state = max(score[-1], key=lambda key: score[-1][key] + (0 if key[1] or not anchor else _MISSING_ANCHOR))
    labels = []
    for index in range(len(pieces) - 1, -1, -1):
        previous, opens = back[index][state]
        labels.append((state[0], opens))
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
    case, or after a page break on a cell the row left open, or with a row
    number the row lacks followed by lower case (the number, centred in a row
    cut by a page break, printed below the cut)."""
    column, first = run[0]
    if _starts_lower(first.text):
        return True
    cell = row.cells.get(kinds[column])
    if first.after_break and cell and _ends_open(cell[-1].text):
        return True
    own_number = kinds[run[0][0]] == NUMBER and NQ71 not in kinds and NUMBER not in row.cells
    return own_number and len(run) > 1 and _starts_lower(run[1][1].text)


def _continue_row(row: Row, pieces: list[Piece], kinds: list[str], widths: dict[str, int]) -> None:
    """Add the part of ``row`` printed after a page break, each fragment to the cell it goes on."""
    tails = {kinds.index(kind): cell[-1] for kind, cell in row.cells.items() if cell}
    for (column, _), piece in zip(label(pieces, kinds, tails, widths), pieces):
        row.add(kinds[column], piece)


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
    r"|(?:Tháng|Thang) \d{1,2}/\d{4}|(?:Năm|Nam) \d{4})$")


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
    if kinds and NUMBER in kinds:
        match = _LEADING_NUMBER.match(text)
        if match and not _starts_lower(match.group(2)):
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


def is_page_number(pieces: list[Piece], index: int, header: Header) -> bool:
    """A bare number printed at a page's foot: after a run of blank lines, or before the header again."""
    piece = pieces[index]
    if not BARE_NUMBER.match(piece.text):
        return False
    if piece.after_break:
        return True
    again = match_header(pieces, index + 1) if index + 1 < len(pieces) else None
    return bool(again and again.kinds == header.kinds)


# --- group headings -----------------------------------------------------------

def heading_at(pieces: list[Piece], index: int) -> tuple[str, list[Piece], int] | None:
    """A group heading at ``pieces[index]``: its number, title fragments and the index after it.

    The title is the rest of the line or the next line, carried on by lines in
    lower case (a wrapped sentence) or, for a title in capitals, in capitals.
    """
    match = HEADING.match(pieces[index].text)
    if not match:
        return None
    number, rest = match.group(1), match.group(2)
    title: list[Piece] = []
    following = index + 1
    if rest:
        if len(rest) < 15 or _starts_lower(rest):
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
        goes_on = _starts_lower(text) or (capitals and text.upper() == text and re.search(r"[^\W\d]{2}", text))
        if not goes_on or HEADING.match(text) or ROW_NUMBER.match(text):
            break
        title.append(pieces[following])
        following += 1
    return number, title, following


# The heading row's own reference cell: ``Nghị quyết 57-NQ/TW ngày 22/12/2024``.
_REFERENCE = re.compile(r"^(?:nghi quyet|nq\b|so\b|\d+\s*-\s*nq/\w+|ngay\b|\d{1,2}/\d{1,2}/\d{4}$)")


def heading_reference(pieces: list[Piece], index: int) -> int:
    """The index after the document reference a group heading row cites in its own cell."""
    while index < len(pieces) and _REFERENCE.match(pieces[index].folded):
        index += 1
    return index


def is_side_by_side(pieces, kinds):
    return False


def side_by_side_rows(pieces, kinds):
    return []
