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
    ARABIC_HEADING, COOPERATING, DEADLINE, HEADING, LEAD, NOTE, NQ57_TEXT, NQ71, NUMBER, OUTPUT, ROMAN, TEXT,
    Heading, Piece, Row, block_rows, column_kind, column_widths, find_header, fragments, heading_at,
    heading_reference, is_page_number, is_side_by_side, numbers_a_group, prints_dotted_numbers, repeats,
    side_by_side_rows,
)
from loaders.deadlines import parse_deadline
from loaders.model import Appendix, Plan, Section, Source, SourceTable, Task
from loaders.rows import Header, cell_span, cell_text
from loaders.text import fold, squash
from loaders.units import resolve_cell

_CITY_TASK = re.compile(r"nhiem vu (?:cua )?thanh pho")
_CITES_NQ57 = re.compile(r"\b57\s*-\s*nq\b")

Groups = list[tuple[Heading | None, list[Row]]]


def parse(source: Source, plan: Plan, appendix: Appendix) -> bool:
    """Append the tasks of ``appendix``'s assignment table to ``plan``; False if it holds none."""
    if appendix.table is not None:
        found = _cell_groups(appendix.table)
    else:
        found = _text_groups(source, appendix)
    if found is None:
        return False
    kinds, groups = found
    if not any(rows for _, rows in groups):
        return False
    _Builder(plan, table_name(appendix), kinds).build(groups)
    return True


def is_assignment_header(header: Header | None) -> bool:
    """A header of a task-assignment table: a task column and a lead column."""
    return header is not None and bool({TEXT, NQ57_TEXT} & set(header.kinds)) and LEAD in header.kinds


def table_name(appendix: Appendix) -> str:
    """``Phụ lục 3``; ``PHU LUC SO 02`` is ``Phụ lục 2``; an unnumbered appendix is ``Phụ lục``."""
    number = appendix.number.lstrip("0") if appendix.number.isdigit() else appendix.number
    return f"Phụ lục {number}" if number else "Phụ lục"


# --- tables given as text -------------------------------------------------------

def _text_groups(source: Source, appendix: Appendix) -> tuple[list[str], Groups] | None:
    first, last = appendix.span.first, appendix.span.last
    header_pieces = fragments(source.lines[first - 1:last], first)
    header = find_header(header_pieces)
    if not is_assignment_header(header):
        return None
    body_from = header_pieces[header.end - 1].line + 1
    lines = source.lines[body_from - 1:last]
    body = fragments(lines, body_from)
    if is_side_by_side(body):
        return header.kinds, side_by_side_rows(_without_furniture(body, header), header.kinds)
    kept, headings = _headings(_without_furniture(fragments(lines, body_from, header.kinds), header))
    widths = column_widths(kept, header.kinds)
    bounds = [position for position, _ in headings] + [len(kept)]
    groups: Groups = []
    if bounds[0] > 0:
        groups.append((None, block_rows(kept[:bounds[0]], header.kinds, widths)[0]))
    for (start, heading), end in zip(headings, bounds[1:]):
        rows, leading = block_rows(kept[start:end], header.kinds, widths)
        heading.extras += leading
        groups.append((heading, rows))
    return header.kinds, groups


def _without_furniture(body: list[Piece], header: Header) -> list[Piece]:
    """The body without repeated headers and page numbers, the line after each
    marked as following a page break."""
    kept: list[Piece] = []
    dotted = prints_dotted_numbers(body)
    index, headed = 0, False
    while index < len(body):
        again = repeats(body, index, header)
        if again:
            index, headed = again.end, True
        elif (not headed or dotted or index + 1 == len(body)) and is_page_number(body, index, header, dotted):
            index += 1  # a header repeated is followed by a row, whose bare number is no page's, unless
            # rows print theirs with a dot ("15."), or no row follows
        else:
            kept.append(body[index])
            index, headed = index + 1, False
            continue
        if index < len(body):
            body[index].after_break = True
    return kept


def _headings(pieces: list[Piece]) -> tuple[list[Piece], list[tuple[int, Heading]]]:
    """The pieces without group headings, and the headings by their position among them."""
    kept: list[Piece] = []
    headings: list[tuple[int, Heading]] = []
    index = 0
    while index < len(pieces):
        found = heading_at(pieces, index)
        if found:
            number, title, index = found
            end = heading_reference(pieces, index)
            headings.append((len(kept), Heading(number, title, pieces[index:end])))
            index = end
        else:
            kept.append(pieces[index])
            index += 1
    return kept, headings


# --- tables with real cells -------------------------------------------------------

def _cell_groups(table: SourceTable) -> tuple[list[str], Groups] | None:
    """Rows of a table whose format delimits its cells: the header row names the columns."""
    for position, cells in enumerate(table.rows):
        kinds = _cell_kinds(cells)
        if kinds is not None:
            break
    else:
        return None
    groups: Groups = [(None, [])]
    lead_at = kinds.index(LEAD)
    body = table.rows[position + 1:]
    for at, cells in enumerate(body):
        filled = [cell.text for cell in cells if cell.text]
        if not filled or _cell_kinds(cells) == kinds:
            continue  # an empty row, or the header repeated
        following = next((row[0].text for row in body[at + 1:] if row and row[0].text), None)
        heading = HEADING.match(filled[0]) or (ARABIC_HEADING.match(filled[0]) if numbers_a_group(
            filled[0].rstrip("."), following) else None)
        if heading and not cells[lead_at].text:  # a group heading assigns nothing
            title = heading.group(2) or " ".join(filled[1:2])
            groups.append((Heading(heading.group(1), [Piece(title, cells[0].span.first)]), []))
            continue
        row = Row()
        for kind, cell in zip(kinds, cells):
            if kind and cell.text:
                row.add(kind, Piece(cell.text, cell.span.first))
        groups[-1][1].append(row)
    return [kind for kind in kinds if kind], groups


def _cell_kinds(cells) -> list[str | None] | None:
    """The column kind of each header cell, or None when the row is no assignment header."""
    kinds = [column_kind(cell.text) for cell in cells]
    named = set(kinds) - {None}
    return kinds if ({TEXT, NQ57_TEXT} & named and LEAD in named) else None


# --- rows to tasks ----------------------------------------------------------------

class _Builder:
    """Turns rebuilt rows into sections and tasks of one table."""

    def __init__(self, plan: Plan, table: str, kinds: list[str]):
        self.plan, self.table, self.kinds = plan, table, kinds
        # With an NQ 71 column, the TT column numbers NQ 57 tasks, merged over their rows.
        self.numbers_nq57 = NQ71 in kinds

    def build(self, groups: Groups) -> None:
        styles: list[str] = []
        parents: dict[int, int] = {}
        for heading, rows in groups:
            section, quoted = None, None
            if heading is not None:
                style = _style(heading.number)
                if style not in styles:
                    styles.append(style)
                level = styles.index(style)
                section = self._section(heading, parents.get(level - 1))
                if heading.misprinted:
                    self.plan.warn(heading.title[0].line, "group-number",
                                   f"{self.table}: group printed {heading.misprinted!r} holds rows "
                                   f"{heading.number}.x; read as {heading.number}")
                parents = {key: value for key, value in parents.items() if key < level}
                parents[level] = section
                if _CITES_NQ57.search(fold(" ".join(piece.text for piece in heading.extras))):
                    quoted = self.plan.sections[section].title  # the group quotes an NQ 57 task
            self._rows(rows, section, quoted)

    def _section(self, heading: Heading, parent: int | None) -> int:
        self.plan.sections.append(Section(heading.number, cell_text(heading.title), cell_span(heading.title),
                                          parent, kind="group"))
        return len(self.plan.sections) - 1

    def _rows(self, rows: list[Row], section: int | None, quoted: str | None) -> None:
        merged = _merged_nq57(rows) if self.numbers_nq57 else [(None, None)] * len(rows)
        previous: str | None = None
        for position, (row, (number, text)) in enumerate(zip(rows, merged), start=1):
            task = self._task(row, section, position)
            if self.numbers_nq57:
                task.nq57 = [_task_number(cell_text(number))] if number else []
                task.nq57_text = cell_text(text) or None
                printed = task.nq57[0] if task.nq57 else None
            else:
                task.nq57_text = quoted
                printed = task.number if NUMBER in row.cells else None
            if printed and printed != previous:
                self._check_sequence(previous, printed, task.span.first)
                previous = printed
            self.plan.tasks.append(task)

    def _task(self, row: Row, section: int | None, position: int) -> Task:
        cells = row.cells
        span = cell_span(row.pieces())
        text = cell_text(cells.get(TEXT, [])) or cell_text(cells.get(NQ57_TEXT, []))
        if self.numbers_nq57:
            number = _nq71_number(cell_text(cells.get(NQ71, []))) or str(position)
        elif NUMBER in cells:
            number = _task_number(cell_text(cells[NUMBER]))
        else:
            number = str(position)
            self.plan.warn(span.first, "no-number",
                           f"{self.table}: a row prints no number; numbered {number} by its place in its group")
        task = Task(number=number, text=text, span=span, section=section, origin="appendix", table=self.table,
                    numbered=NUMBER in cells and not self.numbers_nq57)
        if NQ71 in cells:
            task.nq71 = [_nq71_number(cell_text(cells[NQ71]))]
        task.lead = self._units(cells.get(LEAD))
        task.cooperating = self._units(cells.get(COOPERATING))
        task.output = cell_text(cells.get(OUTPUT, [])) or None
        task.note = cell_text(cells.get(NOTE, [])) or None
        task.city_task = bool(task.note and _CITY_TASK.search(fold(task.note)))
        if cells.get(DEADLINE):
            task.deadline = parse_deadline(cell_text(cells[DEADLINE]), cell_span(cells[DEADLINE]))
            if task.deadline.kind == "unknown":
                self.plan.warn(task.deadline.span.first, "deadline-unparsed",
                               f"{self.table}, row {number}: deadline {task.deadline.text!r} not understood")
        if not task.lead:
            self.plan.warn(span.first, "no-lead", f"{self.table}, row {number}: no lead unit")
        return task

    def _units(self, pieces: list[Piece] | None):
        if not pieces:
            return []
        return resolve_cell(cell_text(pieces), cell_span(pieces), self.plan.issuer)

    def _check_sequence(self, previous: str | None, number: str, line: int) -> None:
        expected = _next_number(previous)
        if expected is not None and _first_number(number) != expected:
            self.plan.warn(line, "out-of-sequence", f"{self.table}: row {number} follows row {previous}")


def _merged_nq57(rows: list[Row]) -> list[tuple[list[Piece] | None, list[Piece] | None]]:
    """The NQ 57 number and text cells each row falls under.

    They are cells merged over the rows of one NQ 57 task: printed once, they
    hold for the rows below. A number centred in such a cell prints after the
    first rows it spans, which then show the start of its text without a
    number: they belong to the number printed next, and its text continues theirs.
    """
    result: list[tuple[list[Piece] | None, list[Piece] | None]] = []
    number: list[Piece] | None = None
    text: list[Piece] | None = None
    waiting: list[int] = []
    for index, row in enumerate(rows):
        if NUMBER in row.cells:
            number = row.cells[NUMBER]
            own = [piece for other in waiting for piece in rows[other].cells[NQ57_TEXT]]
            own += row.cells.get(NQ57_TEXT, [])
            text = own or text  # a text cell may be merged over several numbers
            for other in waiting:
                result[other] = (number, text)
            waiting = []
        elif NQ57_TEXT in row.cells:
            waiting.append(index)
        result.append((number, text))
    return result


def _style(number: str) -> str:
    if ROMAN.match(number):
        return "roman"
    return "letter" if number.isalpha() else "arabic"


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
    head, _, tail = re.split(r"[-–]", previous)[-1].rpartition(".")
    if not tail.isdigit():
        return None
    return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
