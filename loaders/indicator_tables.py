"""Indicator tables of a plan's appendices: one :class:`Indicator` per row, with its targets.

Plans set their indicators in tables: ``TT · Chỉ tiêu · Đơn vị · Kết quả ·
Cơ quan chủ trì theo dõi, đánh giá`` with one horizon (``Đến năm 2030``), or
``Stt · Chỉ tiêu · Năm 2025 … Năm 2045 · Cơ quan chủ trì theo dõi, đánh giá
· Sản phẩm đầu ra`` with a target per year. The header words say which
columns a table has and in which order. Group headings (``I Phát triển hạ
tầng``, a numbered row whose sub-rows follow: ``16`` then ``16.1``) become
sections and name the group of the rows under them.

In extracted text a printed line holds, in column order, the pieces of every
cell printed at its height. Each line is cut where the targets begin (a
comparator, a percentage, a dash for "no target that year") and where a unit's
name follows them; lines without such a cut wrap the cell they continue. Two
layouts occur: *blocks*, where a row begins with its number on its first
line, and *side by side* (OCR of scanned plans), where the number is printed
on the row's middle line and each line holds a piece of every column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.layout import Line, fold_chars, joined
from loaders.model import Appendix, Cell, Indicator, Plan, Section, Source, Span, Target, UnitRef
from loaders.rows import (
    Header, Heading, Piece, cell_span, cell_text, find_header, is_page_number, match_header, printed_lines,
    starts_lower,
)
from loaders.text import squash
from loaders.units import OCR_NOISE, resolve_cell, settled
from loaders.values import parse_target

CODE, NAME, UOM, TARGET, MONITOR, OUTPUT = "code", "name", "unit", "target", "monitoring", "output"

# "By the year …" (``đến năm 2030``), folded; OCR prints ``dén nim``, ``Đ€n``.
_BY_YEAR = r"d\S{1,2}n\s+n\S{1,2}m\s+(\d{4})"

# Column headings on folded text, the most specific first. OCR bends ``Đơn vị``
# to ``Pon vi`` and ``năm`` to ``nim``.
HEADER_WORDS = [(kind, re.compile(pattern)) for kind, pattern in [
    (MONITOR, r"(?:(?:co\s+quan|don\s+vi)\s*,?\s*)?(?:chu\s+tri\s*,?\s*)?theo\s+doi\s*,?\s*danh\s+gia"
              r"|(?:co\s+quan|don\s+vi)\s+chu\s+tri"),
    (OUTPUT, r"san\s+pham(?:\s+dau\s+ra)?"),
    (NAME, rf"chi\s+tieu(?:\s+{_BY_YEAR})?"),
    (TARGET, r"(?<!n\s)\bn\w{1,2}m\s+(\d{4})\b"),   # a year's column, not "đến năm 2030"
    (TARGET, rf"ket\s+qua(?:\s+can\s+dat)?(?:\s+{_BY_YEAR})?"),
    (UOM, r"\b[dp]on\s+vi(?:\s+tinh)?"),
    (CODE, r"\bs?tt\b|so\s+thu\s+tu"),
]]
_HEADER_START = re.compile(r"^(?:s?tt|so\s+thu\s+tu|chi\s+tieu)\b")
HORIZON = re.compile(_BY_YEAR)

# A row number at the start of a line (``1``, ``1.1``, ``16.2.``; OCR: ``1.5 |``).
CODE_START = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2}){0,2})\.?(?=\s|\||$)[\s|]*")
# In an OCR'd table a row number misread as a lookalike letter, before the ruling: "o | T 16 din s6 …".
LETTER_CODE = re.compile(r"^([oOlI])\s*\|\s*(?=\S)")
ROMAN_GROUP = re.compile(r"^([IVXL]{1,4})[.)]?\s+(\S.*)$")
# Marks OCR leaves where the ruling or a ditto stood: ``"~ |``, ``' hanh``.
LEADING_NOISE = re.compile(r"^(?:[^\w\s(]{0,3}\s*\|\s*|['\"‘’`´]+\s+)")

NUMBER = r"\d+(?:[.,]\d+)?"
# Words that qualify a target (``phấn đấu ít nhất``, ``đạt trên``), folded, OCR-tolerant;
# a wrapped target cell may print them one to a line.
QUALIFIER = (r"(?:ph\w{0,2}n|d\w{0,2}u|d\w{0,2}t|it\s+nhat|toi\s+(?:thieu|da)|tren|duoi"
             r"|khong(?:\s+(?:qua|duoi))?|khoang)")
VALUE = re.compile(
    rf"(?P<qualifier>(?:{QUALIFIER}\s+)*)(?P<comparator>(?:>=|<=|[≥≤><~=])\s*)?(?P<number>{NUMBER})"
    rf"(?:\s*[-–]\s*{NUMBER})?(?P<percent>\s*%)?(?=[\s|)]|$)")
QUALIFIER_LINE = re.compile(rf"^(?:{QUALIFIER}\s*)+$")
DASH = re.compile(r"[-–](?=\s|$)")
# Cells printed on one line, where the extraction kept the gap between columns.
CELL_GAP = re.compile(r"\s{2,}(?=[A-ZÀ-ỸĐ])")
CELL_GAP_BEFORE = re.compile(r"\S\s{2,}$")
# The first words of a unit's name, folded (``Sở``, ``UBND``, ``Phòng``; OCR: ``Phéng``, ``Phon)g(``).
UNIT_HEAD = re.compile(
    r"^(?:so|bo|ubnd|u\w?y\s+ban|cong\s+an|ph\w{0,2}n\W{0,2}g?|van\s+phong|trung\s+tam|ban|chi\s+nhanh|chi\s+cuc"
    r"|c\w{1,2}c\s+(?:so|cap|phong|co\s+quan|don\s+vi|ban|nganh))\b")
_OPEN_END = re.compile(r"(?:[,;&/\-–(]|\bva|\bcac|\bso|\bcua)$")


@dataclass
class Group:
    """A group heading the rows below it stand under: ``I Phát triển hạ tầng``, or row ``16`` of ``16.1``."""

    number: str
    title: str
    span: Span
    parent: Group | None = None
    section: int | None = None     # index into Plan.sections, once emitted

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


@dataclass
class Row:
    """The pieces of one table row, by column kind."""

    code: str
    line: int
    cells: dict[str, list[Piece]] = field(default_factory=dict)
    last: str = NAME
    group: Group | None = None

    def add(self, kind: str, text: str, line: int) -> None:
        text = squash(text)
        if text:
            self.cells.setdefault(kind, []).append(Piece(text, line))
            self.last = kind

    def text(self, kind: str) -> str:
        return cell_text(self.cells.get(kind, []))

    @property
    def span(self) -> Span:
        lines = [self.line] + [piece.line for pieces in self.cells.values() for piece in pieces]
        return Span(min(lines), max(lines))


def parse(source: Source, plan: Plan, appendix: Appendix) -> bool:
    """Append the indicators of ``appendix``'s table to ``plan``; False when it holds none."""
    if appendix.table is not None:
        return _parse_cells(plan, appendix)
    first, last = appendix.span.first, appendix.span.last
    lines = printed_lines(source.lines[first - 1:last], first)
    header = find_header(lines, HEADER_WORDS, _is_indicator_header)
    if header is None:
        return False
    table = _Table(plan, appendix, header)
    rows = table.rows(_body(lines[header.end:], header))
    if not rows:
        return False
    table.emit(rows)
    return True


def _parse_cells(plan: Plan, appendix: Appendix) -> bool:
    """A table whose cells the format gives: the header row names the columns cell by cell."""
    rows = appendix.table.rows
    position, header = next(((position, header) for position, cells in enumerate(rows)
                             if (header := _cell_header(cells))), (0, None))
    if header is None:
        return False
    table = _Table(plan, appendix, header)
    found, group = [], None
    for cells in rows[position + 1:]:
        texts = [squash(cell.text) for cell in cells]
        filled = [text for text in texts if text]
        roman = ROMAN_GROUP.match(" ".join(filled)) if len(filled) <= 2 else None
        if roman:
            group = Group(roman.group(1), roman.group(2), cells[0].span)
            continue
        code = next((text for column, text in zip(header.columns, texts) if column.kind == CODE), "")
        if not CODE_START.match(code):
            continue
        row = Row(_code(CODE_START.match(code).group(1)), cells[0].span.first, group=group)
        for column, cell, text in zip(header.columns, cells, texts):
            if column.kind == TARGET:
                row.add(TARGET, text or "-", cell.span.first)    # an empty year: no target
            elif column.kind and column.kind != CODE:
                row.add(column.kind, text, cell.span.first)
        found.append(row)
    if not found:
        return False
    table.emit(found)
    return True


def _cell_header(cells: list[Cell]) -> Header | None:
    """The columns a header row of real cells names, one per cell (``""`` for a cell it does not know)."""
    found = [match_header([Line(cell.span.first, cell.text)], 0, HEADER_WORDS) for cell in cells]
    header = Header([match.columns[0] if match else Heading("") for match in found], 0, 1)
    known = Header([column for column in header.columns if column.kind], 0, 1)
    return header if _is_indicator_header(known) else None


def _is_indicator_header(header: Header) -> bool:
    """An indicator table names its indicators and their targets. ``Chỉ tiêu đến năm 2030``
    after the name column is a target column (it names the name column only when first)."""
    names = [index for index, column in enumerate(header.columns) if column.kind == NAME]
    for index in names[1:]:
        header.columns[index] = Heading(TARGET, header.columns[index].label)
    kinds = header.kinds
    return NAME in kinds and TARGET in kinds and len(kinds) >= 3


def _body(lines: list[Line], header: Header) -> list[Line]:
    """The table's lines without repeated headers and page numbers."""
    words = [(kind, pattern) for kind, pattern in HEADER_WORDS if kind in header.kinds]

    def repeats(index: int) -> Header | None:
        if not _HEADER_START.match(squash(fold_chars(lines[index].text))):
            return None
        again = match_header(lines, index, words)
        return again if again and len(again.columns) >= 3 else None

    kept, index = [], 0
    while index < len(lines):
        again = repeats(index)
        if again:
            index += again.end - again.first
            continue
        if not is_page_number(lines, index, repeats):
            kept.append(lines[index])
        index += 1
    return kept


# --- cutting one printed line -------------------------------------------------

def _value_at(folded: str, text: str, start: int) -> int | None:
    """Where a target printed at ``start`` ends, when one plainly begins there."""
    found = VALUE.match(folded, start)
    if found:
        strong = (found.group("comparator") or found.group("percent") or CELL_GAP_BEFORE.search(text, 0, start)
                  or not found.group("number").isdigit() or int(found.group("number")) >= 10)
        return found.end() if strong and _ends_values(folded, text, found.end()) else None
    dash = DASH.match(folded, start)
    return dash.end() if dash and _ends_values(folded, text, dash.end()) else None


def _ends_values(folded: str, text: str, end: int) -> bool:
    """Whether a value may end at ``end``: the line ends, another value follows, or a later
    column's text (a capital, or OCR debris) does."""
    rest = text[end:].lstrip(" |")
    if not rest:
        return True
    start = len(text) - len(rest)
    if _value_at(folded, text, start) is not None:
        return True
    return rest[0].isupper() or not rest[0].isalnum()


def split_line(text: str, has_unit: bool) -> list[tuple[str, str]]:
    """Cut a printed line (its row number removed) into the cells it holds, in order.

    Kinds: ``name`` for leading prose (a name, or the continuation of any cell),
    ``later`` for prose printed after a wide gap (a later column), ``unit``,
    ``target`` (one or several values), ``rest`` for what follows the targets.
    """
    folded = fold_chars(text)
    if QUALIFIER_LINE.match(squash(folded)):
        return [(TARGET, text)]
    for word in re.finditer(r"\S+", text):
        start = word.start()
        unit_end = _unit_at(folded, text, start) if has_unit else None
        value_end = _value_at(folded, text, start) if unit_end is None else None
        if unit_end is None and value_end is None or value_end and _hyphen(text, start, value_end):
            continue
        parts = _prose(text[:start])
        position = start
        if unit_end is not None:
            parts.append((UOM, text[start:unit_end]))
            position = unit_end
        values_start = position
        while True:
            skipped = len(text) - len(text[position:].lstrip(" |"))
            end = _value_at(folded, text, skipped) if skipped < len(text) else None
            if end is None:
                break
            position = end
        if position > values_start:
            parts.append((TARGET, text[values_start:position]))
        if text[position:].strip(" |"):
            parts.append(("rest", text[position:].strip(" |")))
        return parts
    return _prose(text)


def _hyphen(text: str, start: int, end: int) -> bool:
    """A dash that ends a line of prose is a hyphen in a wrapped name (``Phòng Văn hóa -``)."""
    return text[start] in "-–" and bool(text[:start].strip(" |")) and not text[end:].strip(" |")


def _unit_at(folded: str, text: str, start: int) -> int | None:
    """A unit of measure at ``start``: ``%`` and the lower-case words that qualify it
    (``% dân số``, ``% tổng chi NSNN``), before a target or the end of the line."""
    if not re.match(r"%(?=\s|$)", folded[start:]):
        return None
    end = start + 1
    for count, word in enumerate(re.finditer(r"\S+", text[start + 1:])):
        at = start + 1 + word.start()
        if count == 4 or _value_at(folded, text, at) is not None:
            break
        if not (word.group().islower() or word.group().isupper() and len(word.group()) > 1):
            break
        end = at + len(word.group())
    rest = text[end:].strip(" |")
    if rest and not (_value_at(folded, text, len(text) - len(text[end:].lstrip(" |"))) or rest[0].isupper()):
        return None
    return end


def _prose(text: str) -> list[tuple[str, str]]:
    text = text.strip(" |")
    if not text:
        return []
    pieces = CELL_GAP.split(text, maxsplit=1)
    return [(NAME, pieces[0])] + [("later", piece) for piece in pieces[1:]]


def _side_unit(text: str, row: Row, issuer: UnitRef | None) -> tuple[str, str]:
    """Cut the monitoring unit off a line of prose printed side by side with it: from a
    unit's name (``Phong Van hoa -``), or the end of one left open above (``Xa hoi``):
    open by its last character, or because only these words make it a known unit."""
    above = row.text(MONITOR)
    left_open = above.rstrip().endswith(("-", "–", ","))
    words = list(re.finditer(r"\S+", text))
    for index, word in enumerate(words):
        rest = text[word.start():]
        tail = len(words) - index <= 2
        capital = word.group()[:1].isupper() and not word.group().isupper()
        if tail and above and _completes(above, rest, row.span, issuer):
            return text[:word.start()], rest
        if index and capital and (is_unit_name(rest) or left_open and tail):
            return text[:word.start()], rest
    return text, ""


def _completes(above: str, rest: str, span: Span, issuer: UnitRef | None) -> bool:
    """Whether ``rest`` turns the unit cell ``above`` from no known unit into one."""
    before, after = resolve_cell(above, span, issuer), resolve_cell(f"{above} {rest}", span, issuer)
    return len(after) == 1 and settled(after[0].key) and not (len(before) == 1 and settled(before[0].key))


def is_unit_name(text: str) -> bool:
    """Whether ``text`` begins a unit's name: the words units start with, capitalised
    (``Sở Y tế``, ``Phòng Văn hóa``; not ``Bộ số liệu``), or followed by what OCR made
    of the next word (``Phong yﬁr}.hOé``)."""
    found = UNIT_HEAD.match(squash(fold_chars(text)))
    if not found or not text[:1].isupper():
        return False
    words = text.split()
    single = found.group().split()[0] in ("so", "bo", "ban") or found.group().startswith("ph")
    return not single or len(words) > 1 and (words[1][:1].isupper() or bool(OCR_NOISE.search(words[1])))


# --- rows ---------------------------------------------------------------------

class _Table:
    def __init__(self, plan: Plan, appendix: Appendix, header: Header):
        self.plan = plan
        self.kinds = header.kinds
        self.has_unit = UOM in self.kinds
        self.years = [column.label for column in header.columns if column.kind == TARGET]
        self.horizon = next((column.label for column in header.columns if column.kind == NAME and column.label),
                            None) or _year_in(appendix.title)
        self.name = f"Phụ lục {appendix.number}" if appendix.number else "Phụ lục"
        self.widths: dict[str, int] = {}

    def rows(self, lines: list[Line]) -> list[Row]:
        """The table's rows, in the layout the numbered lines show."""
        codes = [index for index, line in enumerate(lines) if self._code_line(lines, index)]
        side = sum(starts_lower(CODE_START.sub("", lines[index].text)) for index in codes) >= max(2, len(codes) // 5)
        if side:
            misread = [index for index, line in enumerate(lines)
                       if LETTER_CODE.match(line.text) and codes and codes[0] < index < codes[-1]]
            return self._side_rows(lines, sorted(codes + misread))
        self.widths = _widths(self._block_rows(lines, set(codes)))
        return self._block_rows(lines, set(codes))

    def _code_line(self, lines: list[Line], index: int) -> bool:
        found = CODE_START.match(lines[index].text)
        if not found:
            return False
        rest = lines[index].text[found.end():]
        if rest:
            return True
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        return following[:1].isupper() and not is_unit_name(following) and split_line(following, False)[0][0] == NAME

    @staticmethod
    def _group(line: Line) -> Group | None:
        """A group heading in Roman numerals: ``I Phát triển hạ tầng``, ``II. Đến năm 2030``."""
        found = ROMAN_GROUP.match(line.text)
        if not found or not found.group(2)[:1].isupper() or re.search(r"[%≥≤<>]", found.group(2)):
            return None
        return Group(found.group(1), squash(found.group(2)), Span(line.number, line.number))

    def _block_rows(self, lines: list[Line], codes: set[int]) -> list[Row]:
        """Rows that begin on their numbered line; a line belongs to the row above it."""
        rows: list[Row] = []
        group = None
        for index, line in enumerate(lines):
            heading = self._group(line) if index not in codes else None
            if heading is not None:
                group = heading
                continue
            if index in codes:
                found = CODE_START.match(line.text)
                rows.append(Row(_code(found.group(1)), line.number, group=group))
                self._add_line(rows[-1], line.text[found.end():], line.number, first=True)
            elif rows:
                self._add_line(rows[-1], line.text, line.number)
        return rows

    def _side_rows(self, lines: list[Line], codes: list[int]) -> list[Row]:
        """Rows whose number stands on their middle line: a row begins at the last line
        before its number that opens a sentence (a capital and several words)."""
        starts = []
        for position, index in enumerate(codes):
            start = index
            earliest = codes[position - 1] + 1 if position else 0
            for candidate in range(index - 1, earliest - 1, -1):
                text = LEADING_NOISE.sub("", lines[candidate].text)
                if position and text[:1].isupper() and not text[1:2].isupper() and len(text.split()) >= 4:
                    start = candidate
                    break
            starts.append(0 if position == 0 else start)
        rows = []
        for position, index in enumerate(codes):
            stop = starts[position + 1] if position + 1 < len(codes) else len(lines)
            found = CODE_START.match(lines[index].text) or LETTER_CODE.match(lines[index].text)
            row = Row(_code(found.group(1)), lines[index].number)
            for at in range(starts[position], stop):
                text = lines[at].text[found.end():] if at == index else LEADING_NOISE.sub("", lines[at].text)
                for kind, piece in split_line(text, self.has_unit):
                    kind = {"later": TARGET, "rest": MONITOR}.get(kind, kind)
                    name, unit = _side_unit(piece, row, self.plan.issuer) if kind == NAME and MONITOR in self.kinds else (piece, "")
                    row.add(kind if kind in self.kinds else NAME, name, lines[at].number)
                    row.add(MONITOR, unit, lines[at].number)
            rows.append(row)
        return rows

    def _add_line(self, row: Row, text: str, number: int, first: bool = False) -> None:
        for position, (kind, piece) in enumerate(split_line(text, self.has_unit)):
            if kind == NAME:
                kind = NAME if first and position == 0 else self._continues(row, piece)
            elif kind == "later":
                kind = UOM if self.has_unit and UOM not in row.cells and len(piece.split()) <= 3 and "," not in piece \
                    else TARGET
            elif kind == "rest":
                kind = self._after_targets(row, piece) or row.last
            row.add(kind if kind in self.kinds else NAME, piece, number)

    def _continues(self, row: Row, text: str) -> str:
        """The cell a line of prose goes on with, or opens."""
        last = row.last
        if NAME not in row.cells:
            return NAME
        if last in (MONITOR, OUTPUT) and self._fits(last, text) and (starts_lower(text) or self._open(row, last)):
            return last
        if last != NAME and not starts_lower(text) and (is_unit_name(text) or last in (TARGET, MONITOR, OUTPUT)):
            opened = self._after_targets(row, text)
            if opened and self._fits(opened, text):
                return opened
        if last == TARGET and not _complete(row.text(TARGET)) and self._fits(TARGET, text):
            return TARGET
        if last == UOM and TARGET not in row.cells and starts_lower(text) and self._fits(UOM, text):
            return UOM
        return NAME

    def _after_targets(self, row: Row, text: str) -> str | None:
        """The column after the targets that ``text`` goes on or opens: a unit's name
        opens the monitoring cell, other text the first of those columns still empty."""
        last = row.last
        if last in (MONITOR, OUTPUT) and (starts_lower(text) or self._open(row, last)):
            return last
        if MONITOR in self.kinds and is_unit_name(text):
            return MONITOR
        later = self.kinds[self.kinds.index(TARGET) + 1:]
        return next((kind for kind in later if kind in (MONITOR, OUTPUT) and kind not in row.cells), None)

    def _open(self, row: Row, kind: str) -> bool:
        pieces = row.cells.get(kind)
        return bool(pieces) and bool(_OPEN_END.search(squash(fold_chars(pieces[-1].text)).lower()))

    def _fits(self, kind: str, text: str) -> bool:
        width = self.widths.get(kind)
        return width is None or len(text) <= 1.3 * width + 3

    # --- indicators -------------------------------------------------------------

    def emit(self, rows: list[Row]) -> None:
        """Indicators for the rows; a row whose sub-rows follow it (``16``, ``16.1``) is
        their group, and an indicator too when it prints a target."""
        self._check_sequence(rows)
        for position, row in enumerate(rows):
            children = []
            for child in rows[position + 1:]:
                if not child.code.startswith(row.code + "."):
                    break
                children.append(child)
            if children:
                group = Group(row.code, row.text(NAME), row.span, row.group)
                for child in children:
                    child.group = group
                if TARGET not in row.cells and UOM not in row.cells:
                    self._section(group)
                    continue
            self._indicator(row)

    def _section(self, group: Group | None) -> int | None:
        """The section of ``group``, made on first use, its parents first."""
        if group is None:
            return None
        if group.section is None:
            parent = self._section(group.parent)
            self.plan.sections.append(Section(group.number, group.title, group.span, parent, kind="group"))
            group.section = len(self.plan.sections) - 1
        return group.section

    def _horizon(self, group: Group | None) -> str:
        """The year of a table with one target column: a group heading (``Đến năm 2030``) or the header says it."""
        while group is not None:
            found = _year_in(group.title)
            if found:
                return found
            group = group.parent
        return self.horizon or ""

    def _indicator(self, row: Row) -> None:
        plan = self.plan
        unit = row.text(UOM) or None
        self._section(row.group)
        indicator = Indicator(row.code, row.text(NAME), row.span, unit=unit, table=self.name,
                              group=row.group.label if row.group else None)
        indicator.targets = self._targets(row, unit)
        if unit is None:
            units = {target.unit for target in indicator.targets if target.unit}
            indicator.unit = units.pop() if len(units) == 1 else None
        if not indicator.targets and TARGET not in row.cells:
            plan.warn(row.line, "no-target", f"{self.name}, row {row.code}: no target printed")
        if MONITOR in row.cells:
            pieces = row.cells[MONITOR]
            indicator.monitoring = resolve_cell(row.text(MONITOR), cell_span(pieces), plan.issuer)
        elif MONITOR in self.kinds:
            plan.warn(row.line, "no-monitoring", f"{self.name}, row {row.code}: no monitoring unit printed")
        if OUTPUT in row.cells:
            indicator.output = row.text(OUTPUT)
        plan.indicators.append(indicator)

    def _targets(self, row: Row, unit: str | None) -> list[Target]:
        pieces = row.cells.get(TARGET, [])
        if not pieces:
            return []
        text = joined([Line(piece.line, piece.text) for piece in pieces])
        if len(self.years) == 1:
            year = self.years[0] or self._horizon(row.group)
            printed = _one_target(text.text)
            found = [(printed, year, text.span())]
        else:
            found = []
            values = list(_values(text.text))
            if len(values) != len(self.years):
                self.plan.warn(row.line, "target-count",
                               f"{self.name}, row {row.code}: {len(values)} targets for {len(self.years)} years")
            for (start, end), year in zip(values, self.years):
                found.append((squash(text.text[start:end]), year, text.span(start, end)))
            unread = _outside(text.text, values)
            if unread:
                self.plan.warn(row.line, "target-unparsed",
                               f"{self.name}, row {row.code}: text among the targets not read: {unread[:60]}")
        targets = []
        for printed, year, span in found:
            if DASH.fullmatch(printed):
                continue       # no target that year
            target = parse_target(printed, year, span, unit)
            if target.value is None:
                self.plan.warn(span.first, "target-unparsed",
                               f"{self.name}, row {row.code}, {year}: target kept as printed: {printed[:60]}")
            targets.append(target)
        return targets

    def _check_sequence(self, rows: list[Row]) -> None:
        """Warn where numbering breaks; restore numbers whose dot OCR dropped (``11`` for ``1.1``)."""
        dotted = sum("." in row.code for row in rows) >= 2
        previous = None
        for row in rows:
            expected = _next_codes(previous)
            if previous is not None and row.code not in expected:
                restored = _restored(row.code, expected) if dotted or not row.code.isdigit() else None
                if restored:
                    self.plan.warn(row.line, "code-restored",
                                   f"{self.name}: row printed {row.code}, read as {restored}")
                    row.code = restored
                else:
                    self.plan.warn(row.line, "out-of-sequence",
                                   f"{self.name}: row {row.code} follows row {previous}")
            previous = row.code


def _code(printed: str) -> str:
    return printed.replace(",", ".").rstrip(".")


def _next_codes(previous: str | None) -> list[str]:
    """The numbers a row may carry after ``previous``: its first sub-item, the next item at its level or above."""
    if previous is None:
        return []
    parts = [int(part) for part in previous.split(".")]
    found = [f"{previous}.1"]
    for depth in range(len(parts), 0, -1):
        found.append(".".join(map(str, parts[:depth - 1] + [parts[depth - 1] + 1])))
    return found


def _restored(printed: str, expected: list[str]) -> str | None:
    """The expected number an OCR-damaged one stands for: its dot dropped, and at most one digit
    misread; or, for a letter OCR printed in its place, the next number at the same level."""
    if "." in printed:
        return None
    if not printed.isdigit():
        return expected[1] if len(expected) > 1 else None
    for candidate in expected:
        digits = candidate.replace(".", "")
        if "." in candidate and digits == printed:
            return candidate
    for candidate in expected:
        digits, parent = candidate.replace(".", ""), candidate.rsplit(".", 1)[0]
        if "." in candidate and len(digits) == len(printed) and printed.startswith(parent.replace(".", "")) \
                and sum(a != b for a, b in zip(digits, printed)) == 1:
            return candidate
    return None


def _values(text: str) -> list[tuple[int, int]]:
    """The values of several years printed one after another, as offsets into ``text``."""
    folded = fold_chars(text)
    found, position = [], 0
    while position < len(text):
        if text[position].isspace() or text[position] == "|":
            position += 1
            continue
        match = VALUE.match(folded, position) or DASH.match(folded, position)
        if match is None:
            end = text.find(" ", position)
            position = len(text) if end < 0 else end
            continue
        found.append((position, match.end()))
        position = match.end()
    return found


def _one_target(text: str) -> str:
    """A single target as printed: its first value when the cell holds only values
    (OCR may add stray dashes), else the whole text (``Tiên tiến, hiện đại``)."""
    text = squash(text.replace("|", " "))
    values = _values(text)
    if values and not _outside(text, values):
        real = [(start, end) for start, end in values if not DASH.fullmatch(text[start:end])]
        start, end = real[0] if real else values[0]
        return text[start:end]
    return text


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    """What ``text`` holds outside the ``spans`` read from it."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return squash(" ".join(pieces).replace("|", " "))


def _complete(text: str) -> bool:
    """Whether a target cell holds its value (a number, or a dash for none)."""
    return bool(re.search(r"\d", text)) or bool(DASH.fullmatch(text.strip()))


def _year_in(title: str) -> str | None:
    found = HORIZON.search(fold_chars(title).lower())
    return found.group(1) if found else None


MIN_WIDTH = 10   # characters: no printed column is narrower, though its cells may be ("%")


def _widths(rows: list[Row]) -> dict[str, int]:
    """How wide each column prints, from a first reading: the length most of its pieces
    stay within, so that a few lines read into the wrong cell do not widen it."""
    lengths: dict[str, list[int]] = {}
    for row in rows:
        for kind, pieces in row.cells.items():
            lengths.setdefault(kind, []).extend(len(piece.text) for piece in pieces)
    return {kind: max(MIN_WIDTH, sorted(values)[int(0.9 * (len(values) - 1))]) for kind, values in lengths.items()}
