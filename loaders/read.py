"""Read a document from disk into a :class:`~loaders.model.Source`.

Every format becomes numbered lines, because line spans are the provenance
each fact points back to. Formats that delimit table cells themselves (DOCX,
HTML, a PDF with ruled tables) also keep those cells in ``Source.tables``: a
table row is rendered as one line (cells joined by `` | ``), so a cell's span
is the line of its row, and the parsers use the real cells instead of
rebuilding them from interleaved text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from loaders.model import Cell, ParseError, Source, SourceTable, Span, Warning
from loaders.text import nfc, squash

CELL_SEPARATOR = " | "
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
MAX_COLUMNS = 50  # a merged cell widens its row up to here, far wider than a plan's table


class _Lines:
    """Accumulates the lines and tables of a document in reading order."""

    def __init__(self, name: str):
        self.name = name
        self.lines: list[str] = []
        self.tables: list[SourceTable] = []
        self.warnings: list[Warning] = []

    def warn(self, line: int, code: str, message: str) -> None:
        self.warnings.append(Warning(line, code, message))

    def text(self, text: str) -> None:
        for line in nfc(text).splitlines():
            if line.strip():
                self.lines.append(line.rstrip())

    def table(self, rows: list[list[str]]) -> list[int]:
        """Lay ``rows`` out as lines; returns the line each row is on (a row left out, empty or a
        header repeated after a page break, gets the line it would have been on or repeats)."""
        rows = [[squash(nfc(cell or "")) for cell in row] for row in rows]
        lines = [len(self.lines) + 1] * len(rows)
        kept = [index for index, row in enumerate(rows) if any(row)]
        if not kept:
            return lines
        first, cells = len(self.lines) + 1, []
        if self._continues_last_table([rows[index] for index in kept]):
            previous = self.tables.pop()
            first, cells = previous.span.first, previous.rows
            if rows[kept[0]] == [cell.text for cell in cells[0]]:
                lines[kept.pop(0)] = first  # the header row repeated after a page break
        for index in kept:
            lines[index] = number = len(self.lines) + 1
            self.lines.append(CELL_SEPARATOR.join(rows[index]))
            cells.append([Cell(text, Span(number, number)) for text in rows[index]])
        self.tables.append(SourceTable(cells, Span(first, len(self.lines))))
        return lines

    def _continues_last_table(self, rows: list[list[str]]) -> bool:
        """A table cut by a page break: same columns, only a page number between."""
        if not self.tables:
            return False
        last = self.tables[-1]
        between = self.lines[last.span.last:]
        return len(last.rows[0]) == len(rows[0]) and all(_PAGE_NUMBER.match(line) for line in between)

    def source(self) -> Source:
        if not any(line.strip() for line in self.lines):
            raise ParseError(self.name, None, "the document holds no text")
        return Source(self.name, self.lines, self.tables, self.warnings)


def read_text(path: Path) -> Source:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ParseError(path.name, None, "binary data, not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(path.name, line, "not UTF-8 text") from None
    return Source(path.name, nfc(text).splitlines())


def read_docx(path: Path) -> Source:
    """Paragraphs and tables of a DOCX body, in document order."""
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ParseError(path.name, None, f"not a readable DOCX file ({error})") from None
    out = _Lines(path.name)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.text(Paragraph(block, document).text)
        elif tag == "tbl":
            out.table(_docx_rows(Table(block, document)))
    return out.source()


def _docx_rows(table) -> list[list[str]]:
    """Cell texts by grid column; merged cells keep their text in the first column only."""
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            row.append("" if continued else _Cell(tc, table).text)
            row.extend([""] * (tc.grid_span - 1))
        rows.append(row)
    return rows


_BLOCKS = {"p", "div", "li", "ul", "ol", "section", "article", "main", "header", "footer",
           "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "center", "body"}


def read_html(path: Path) -> Source:
    """Block elements become lines; ``<table>`` elements keep their cells."""
    from bs4 import BeautifulSoup, Comment, NavigableString

    soup = BeautifulSoup(path.read_bytes(), "lxml")
    out = _Lines(path.name)

    def walk(node):
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                out.text(str(child).strip())
            elif child.name in ("script", "style", "head", "template", "noscript"):
                continue
            elif child.name == "table":
                rows, problems = _html_rows(child)
                lines = out.table(rows)
                for index, message in problems:
                    out.warn(lines[index], "table-span", message)
            elif child.find(["table", *_BLOCKS]):
                walk(child)
            else:
                out.text(child.get_text(" ", strip=True))

    walk(soup.body or soup)
    return out.source()


def _html_rows(table) -> tuple[list[list[str]], list[tuple[int, str]]]:
    """Rows of a table with ``colspan``/``rowspan`` laid out on the grid, and what could not be laid
    out as written: ``(row index, message)``. A span that is no number covers one cell; a colspan
    widens its row up to :data:`MAX_COLUMNS` at most, so a few bytes cannot ask for millions of cells
    (a rowspan only covers rows the table has)."""
    rows: list[list[str]] = []
    problems: list[tuple[int, str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a row of a nested table
        row: list[str] = []
        cells = tr.find_all(["td", "th"], recursive=False)
        for cell in cells:
            while pending.get(len(row)):
                pending[len(row)] -= 1
                row.append("")
            rowspan, colspan = _span(cell, "rowspan", problems, len(rows)), _span(cell, "colspan", problems, len(rows))
            if rowspan > 1:
                pending[len(row)] = rowspan - 1
            row.append(cell.get_text(" ", strip=True))
            room = max(MAX_COLUMNS - len(row), 0)
            if colspan - 1 > room:
                problems.append((len(rows), f'colspan="{colspan}" would widen the row past {MAX_COLUMNS} columns; '
                                            f"it covers {room + 1}"))
            row.extend([""] * min(colspan - 1, room))
        rows.append(row)
    return rows, problems


def _span(cell, name: str, problems: list[tuple[int, str]], row: int) -> int:
    """A cell's ``rowspan`` or ``colspan``: 1 when absent or 0; one that is no whole number is a
    problem of row ``row``, and covers one cell."""
    digits = cell.get(name, "1").strip()
    if not (digits.isascii() and digits.isdigit()):
        problems.append((row, f'{name}="{digits[:20]}" is not a number of cells; the cell covers one'))
        return 1
    return max(int(digits) if len(digits) < 10 else 10**9, 1)  # longer is more than any table holds


def read_pdf(path: Path) -> Source:
    """The PDF's text layer, line by line; ruled tables through their own cells."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    out = _Lines(path.name)
    try:
        pdf = pdfplumber.open(str(path))
    except (PdfminerException, ValueError) as error:
        raise ParseError(path.name, None, f"not a readable PDF file ({error})") from None
    with pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [table.bbox for table in tables]
            outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
            items = [(line["top"], "text", line["text"]) for line in outside.extract_text_lines()]
            items += [(table.bbox[1], "table", table.extract()) for table in tables]
            for _, kind, content in sorted(items, key=lambda item: item[0]):
                out.text(content) if kind == "text" else out.table(content)
    if not out.lines:
        raise ParseError(path.name, None, "the PDF has no text layer (a scan?); run OCR on it first")
    return out.source()


def _inside(obj, box) -> bool:
    if "x0" not in obj:
        return False
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}


def read_document(path) -> Source:
    """Read ``path`` with the reader its suffix calls for."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ParseError(path.name, None, f"unsupported file type {path.suffix or '(none)'}; nqgraph reads {known}")
    if not path.is_file():
        raise ParseError(path.name, None, "no such file")
    return reader(path)
