"""Task-assignment tables of a plan's appendices: one :class:`Task` per row.

A plan assigns its tasks in tables: ``TT · Nội dung công việc · Cơ quan chủ
trì · Cơ quan phối hợp · Kết quả cần đạt · Thời gian · Ghi chú``, or, where it
restates the city's table of NQ 57 and NQ 71 tasks, ``TT (NQ 57 task) · Tên
nhiệm vụ (NQ 57) · Nhiệm vụ tương ứng (NQ 71) · Stt nhiệm vụ trong NQ 71 ·
Đơn vị chủ trì · Kết quả cần đạt · Thời gian hoàn thành``. The header words
say which columns a table has and in what order; group headings (``I``,
``A``, ``1``) become sections. Rows are rebuilt from extracted text by
:mod:`loaders.assignment_rows`, or taken from real cells when the format has
them.
"""

from __future__ import annotations

import re

from loaders.assignment_rows import (
    COOPERATING, DEADLINE, LEAD, NOTE, NQ57_TEXT, NQ71, NUMBER, OUTPUT, ROMAN, TEXT,
    Heading, Piece, Row, block_rows, column_widths, find_header, fragments, heading_at, heading_reference,
    is_page_number,
    match_header, side_by_side_rows, is_side_by_side,
)
from loaders.deadlines import parse_deadline
from loaders.layout import Line, join
from loaders.model import Appendix, Plan, Section, Source, Span, Task
from loaders.text import fold, squash
from loaders.units import resolve_cell

_CITY_TASK = re.compile(r"nhiem vu (?:cua )?thanh pho")
_CITES_NQ57 = re.compile(r"\b57\s*-\s*nq\b")
_RANGE = re.compile(r"^(\d+)(?:\s*[-–]\s*(\d+))?$")


def parse(source: Source, plan: Plan, appendix: Appendix) -> bool:
    """Append the tasks of ``appendix``'s assignment table to ``plan``; False if it holds none."""
    if appendix.table is not None:
        pieces = _cell_pieces(appendix)
    else:
        first, last = appendix.span.first, appendix.span.last
        pieces = fragments(source.lines[first - 1:last], first)
    header = find_header(pieces)
    if header is None or not ({TEXT, NQ57_TEXT} & set(header.kinds)) or LEAD not in header.kinds:
        return False
    table = _table_name(appendix)
    body_from = pieces[header.end - 1].line + 1
    if appendix.table is not None:
        body = pieces[header.end:]
    else:
        body = fragments(source.lines[body_from - 1:appendix.span.last], body_from, header.kinds)
    groups = _groups(body, header)
    if not any(rows for _, rows in groups):
        return False
    _Builder(plan, table, header.kinds).build(groups)
    return True


def _table_name(appendix: Appendix) -> str:
    return f"Phụ lục {appendix.number}" if appendix.number else "Phụ lục"


def _cell_pieces(appendix: Appendix) -> list[Piece]:
    """Real cells as fragments, one per cell, in reading order (the header words are cells too)."""
    return [Piece(cell.text, cell.span.first) for row in appendix.table.rows for cell in row if cell.text]


def _groups(body: list[Piece], header) -> list[tuple[Heading | None, list[Row]]]:
    """Split the table body at group headings; drop page furniture; rebuild each group's rows."""
    kept: list[Piece] = []
    headings: list[tuple[int, Heading]] = []
    index = 0
    side = is_side_by_side(body, header.kinds)
    while index < len(body):
        again = match_header(body, index)
        if again and set(again.kinds) <= set(header.kinds):
            index = again.end
            if index < len(body):
                body[index].after_break = True
            continue
        if is_page_number(body, index, header):
            if index + 1 < len(body):
                body[index + 1].after_break = True
            index += 1
            continue
        found = None if side else heading_at(body, index)
        if found:
            number, title, index = found
            end = heading_reference(body, index)
            headings.append((len(kept), Heading(number, title, body[index:end])))
            index = end
            continue
        kept.append(body[index])
        index += 1
    if side:
        return side_by_side_rows(kept, header.kinds)
    widths = column_widths(kept, header.kinds)
    bounds = [position for position, _ in headings] + [len(kept)]
    groups: list[tuple[Heading | None, list[Row]]] = []
    if bounds[0] > 0:
        rows, _ = block_rows(kept[:bounds[0]], header.kinds, widths)
        groups.append((None, rows))
    for (start, heading), end in zip(headings, bounds[1:]):
        rows, leading = block_rows(kept[start:end], header.kinds, widths)
        heading.extras += leading
        groups.append((heading, rows))
    return groups


class _Builder:
    """Turns rebuilt rows into sections and tasks of one table."""

    def __init__(self, plan: Plan, table: str, kinds: list[str]):
        self.plan, self.table, self.kinds = plan, table, kinds
        # With an NQ 71 column, the TT column numbers NQ 57 tasks, merged over their rows.
        self.numbers_nq57 = NQ71 in kinds

    def build(self, groups: list[tuple[Heading | None, list[Row]]]) -> None:
        styles: list[str] = []
        parents: dict[int, int] = {}
        for heading, rows in groups:
            section = None
            quoted = None
            if heading is not None:
                style = _style(heading.number)
                if style not in styles:
                    styles.append(style)
                level = styles.index(style)
                section = self._section(heading, parents.get(level - 1) if level else None)
                parents = {key: value for key, value in parents.items() if key < level}
                parents[level] = section
                if _CITES_NQ57.search(fold(" ".join(piece.text for piece in heading.extras))):
                    quoted = self.plan.sections[section].title
            self._rows(rows, section, quoted)

    def _section(self, heading: Heading, parent: int | None) -> int:
        span = Span(min(piece.line for piece in heading.title), max(piece.line for piece in heading.title))
        self.plan.sections.append(Section(heading.number, _join(heading.title), span, parent, kind="group"))
        return len(self.plan.sections) - 1

    def _rows(self, rows: list[Row], section: int | None, quoted: str | None) -> None:
        _adopt_centred_numbers(rows) if self.numbers_nq57 else None
        nq57: list[str] = []
        nq57_text = quoted
        previous: str | None = None
        for row in rows:
            cells = row.cells
            if self.numbers_nq57 and (NUMBER in cells or NQ57_TEXT in cells):
                if NUMBER in cells:
                    nq57 = [_task_number(_join(cells[NUMBER]))]
                    self._check_sequence(previous, nq57[0], cells[NUMBER][0].line)
                    previous = nq57[0]
                if NQ57_TEXT in cells:
                    nq57_text = _join(cells[NQ57_TEXT])
            task = self._task(row, section)
            if self.numbers_nq57:
                task.nq57, task.nq57_text = list(nq57), nq57_text
            elif nq57_text:
                task.nq57_text = nq57_text
            if not self.numbers_nq57 and NUMBER in cells:
                self._check_sequence(previous, task.number, task.span.first)
                previous = task.number
            self.plan.tasks.append(task)

    def _task(self, row: Row, section: int | None) -> Task:
        cells = row.cells
        pieces = row.pieces()
        span = Span(min(piece.line for piece in pieces), max(piece.line for piece in pieces))
        text = _join(cells.get(TEXT, [])) or _join(cells.get(NQ57_TEXT, []))
        if self.numbers_nq57:
            number = _nq71_number(_join(cells.get(NQ71, [])))
        else:
            number = _task_number(_join(cells.get(NUMBER, [])))
        task = Task(number=number, text=text, span=span, section=section, origin="appendix", table=self.table)
        if NQ71 in cells:
            task.nq71 = [_nq71_number(_join(cells[NQ71]))]
        task.lead = self._units(cells.get(LEAD))
        task.cooperating = self._units(cells.get(COOPERATING))
        task.output = _join(cells.get(OUTPUT, [])) or None
        task.note = _join(cells.get(NOTE, [])) or None
        task.city_task = bool(task.note and _CITY_TASK.search(fold(task.note)))
        if cells.get(DEADLINE):
            task.deadline = parse_deadline(_join(cells[DEADLINE]), _span(cells[DEADLINE]))
            if task.deadline.kind == "unknown":
                self.plan.warn(task.deadline.span.first, "deadline-unparsed",
                               f"{self.table}, row {number}: deadline {task.deadline.text!r} not understood")
        if not task.lead:
            self.plan.warn(span.first, "no-lead", f"{self.table}, row {number}: no lead unit")
        return task

    def _units(self, pieces: list[Piece] | None):
        if not pieces:
            return []
        return resolve_cell(_join(pieces), _span(pieces), self.plan.issuer)

    def _check_sequence(self, previous: str | None, number: str, line: int) -> None:
        expected = _next_number(previous)
        if expected is not None and _first_number(number) != expected:
            self.plan.warn(line, "out-of-sequence",
                           f"{self.table}: row {number} follows row {previous}")


def _adopt_centred_numbers(rows: list[Row]) -> None:
    """Give rows printed before their merged NQ 57 cell's number that number and text.

    A number centred in a cell merged over several rows prints after the first
    of them, and the cell's text is cut around it: rows with NQ 57 text but no
    number belong to the next row that has one, whose NQ 57 text continues theirs.
    """
    waiting: list[Row] = []
    for row in rows:
        if NUMBER in row.cells:
            if waiting:
                head = [piece for other in waiting for piece in other.cells.get(NQ57_TEXT, [])]
                row.cells[NQ57_TEXT] = head + row.cells.get(NQ57_TEXT, [])
                for other in waiting:
                    other.cells.pop(NQ57_TEXT, None)
                    other.cells[NUMBER] = row.cells[NUMBER]
                    other.cells[NQ57_TEXT] = row.cells[NQ57_TEXT]
                waiting = []
        elif NQ57_TEXT in row.cells:
            waiting.append(row)
        else:
            continue
    _ = waiting  # rows still waiting keep their text without a number


def _style(number: str) -> str:
    if ROMAN.match(number):
        return "roman"
    return "letter" if number.isalpha() else "arabic"


def _join(pieces: list[Piece]) -> str:
    if not pieces:
        return ""
    return squash(join([Line(piece.line, piece.text) for piece in pieces]))


def _span(pieces: list[Piece]) -> Span:
    return Span(min(piece.line for piece in pieces), max(piece.line for piece in pieces))


def _task_number(text: str) -> str:
    """``1-3.`` → ``1-3``; ``13- 14.`` → ``13-14``; ``1.1`` stays."""
    return re.sub(r"\s*[-–]\s*", "-", text).strip().rstrip(".").strip()


def _nq71_number(text: str) -> str:
    """``147 (8)`` as printed, spaced once; ``48`` stays."""
    return re.sub(r"\s*\(\s*", " (", squash(text)).replace(" )", ")").strip()


def _first_number(number: str) -> str:
    return re.split(r"[-–]", number)[0]


def _next_number(previous: str | None) -> str | None:
    """The number that should follow ``previous``: ``1-3`` → ``4``, ``2.3`` → ``2.4``."""
    if previous is None:
        return None
    parts = re.split(r"[-–]", previous)
    last = parts[-1]
    head, _, tail = last.rpartition(".")
    if not tail.isdigit():
        return None
    return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
