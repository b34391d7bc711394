"""Read a document from disk into a :class:`~loaders.model.Source`.

Every format becomes numbered lines, because line spans are the provenance
each fact points back to. Formats that delimit table cells themselves (DOCX,
HTML, a PDF with ruled tables) also keep those cells in ``Source.tables``: a
table row is rendered as one line (cells joined by `` | ``), so a cell's span
is the line of its row, and the parsers use the real cells instead of
rebuilding them from interleaved text.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from loaders import ocr
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


@dataclass
class _Table:
    """A table as its format lays it out: cell texts by grid column, and what could not be laid out
    as written, ``(row index, message)``."""

    rows: list[list[str]]
    problems: list[tuple[int, str]] = field(default_factory=list)


def _laid_out(name: str, blocks: Iterable[str | _Table]) -> _Lines:
    """Paragraph texts and tables, in reading order, as numbered lines; a table's problems become
    warnings on the lines of their rows."""
    out = _Lines(name)
    for block in blocks:
        if isinstance(block, str):
            out.text(block)
        else:
            lines = out.table(block.rows)
            for index, message in block.problems:
                out.warn(lines[index], "table-span", message)
    return out


@contextmanager
def _refused_if_damaged(path: Path, kind: str, damaged: tuple[type[Exception], ...]):
    """Refuse ``path`` in plain words when the library reading it fails on ``damaged`` data. Only the
    library's own work runs inside (the layout of what it read runs after), so that such a failure
    is the file's and no slip of the layout is taken for one."""
    try:
        yield
    except damaged as error:
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        raise ParseError(path.name, None, f"not a readable {kind} file: {detail}") from None


def read_text(path: Path) -> Source:
    return Source(path.name, nfc(decode(path.read_bytes(), path.name)).splitlines())


# Windows-1258 reads any bytes; text in it is taken for Vietnamese when its letters outside ASCII
# are Vietnamese letters (marks of tone, circumflex, breve and horn; đ), some of them there, and
# the rest typographic signs. A legacy font encoding (TCVN3, VNI) read so gives ¹, Ö, Ò …
VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
SIGNS = frozenset("“”‘’–—…•°₫«»·§×")


def _vietnamese(text: str) -> bool:
    letters = False
    for char in set(unicodedata.normalize("NFC", text)):
        if char < "\x80" or char in SIGNS:
            continue
        marks = set(unicodedata.normalize("NFD", char)[1:])
        if not (char in "đĐ" or (marks and marks <= VIETNAMESE_MARKS)):
            return False
        letters = True
    return letters


def decode(data: bytes, name: str) -> str:
    """A text file's characters, in the encodings Vietnamese documents come in: UTF-8 (with or
    without a byte-order mark), UTF-16 with its mark, or Windows-1258; else refused, naming
    the line where it stops being UTF-8. Text that is mostly UTF-8 is damaged UTF-8, not
    another encoding: its UTF-8 bytes would read as Windows-1258 letters too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ParseError(name, None, f"not UTF-16 text past byte {error.start}, though it begins as UTF-16") from None
    if b"\x00" in data[:4096]:
        raise ParseError(name, None, "binary data, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    readable = data.decode("utf-8", "replace")
    damaged = readable.count("\ufffd")
    if sum(c > "\x7f" for c in readable) - damaged > 2 * damaged:  # UTF-8, damaged in places
        raise ParseError(name, line, "not UTF-8 text") from None
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = ""
    if _vietnamese(text):
        return text
    raise ParseError(name, line, "not UTF-8, UTF-16 or Windows-1258 text (a legacy font encoding such as "
                                 "TCVN3 or VNI? save it as Unicode)")


def read_docx(path: Path) -> Source:
    """Paragraphs and tables of a DOCX body, in document order."""
    import lzma
    import zlib

    from docx.opc.exceptions import OpcError
    from lxml.etree import XMLSyntaxError, XPathError

    # What python-docx, zipfile and lxml raise on a damaged archive or part: a broken zip directory,
    # a seek past the file's end, a part missing, compressed data that does not inflate, a flag
    # asking for a password, XML that is cut or nests past lxml's depth limit, an attribute of
    # the wrong type, a namespace declaration damaged away (python-docx's paths then name an
    # undefined prefix).
    damaged = (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, zlib.error,
               lzma.LZMAError, NotImplementedError, RuntimeError, XMLSyntaxError, XPathError)
    with _refused_if_damaged(path, "DOCX", damaged):
        blocks = list(_docx_blocks(path))
    return _laid_out(path.name, blocks).source()


def _docx_blocks(path: Path) -> Iterator[str | _Table]:
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    for block in document.element.xpath("w:body/*"):
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(block, document).text
        elif tag == "tbl":
            yield _docx_rows(block, document)


def _docx_rows(tbl, document) -> _Table:
    """Cell texts by grid column; merged cells keep their text in the first column only. A cell's
    merge and span are read as written, so that one no reader of Word would accept is a warning."""
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows: list[list[str]] = []
    problems: list[tuple[int, str]] = []
    for tr in tbl.tr_lst:
        row: list[str] = []
        for tc in tr.tc_lst:
            merge = tc.xpath("w:tcPr/w:vMerge")
            continued = bool(merge) and merge[0].get(qn("w:val"), "continue") == "continue"
            span = _span(next(iter(tc.xpath("w:tcPr/w:gridSpan/@w:val")), None), "gridSpan", problems, len(rows))
            _place(row, "" if continued else _Cell(tc, document).text, span, "gridSpan", problems, len(rows))
        rows.append(row)
    return _Table(rows, problems)


_BLOCKS = {"p", "div", "li", "ul", "ol", "section", "article", "main", "header", "footer",
           "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "center", "body"}
_UNREAD = {"script", "style", "head", "template", "noscript"}


def read_html(path: Path) -> Source:
    """Block elements become lines; ``<table>`` elements keep their cells. lxml's HTML parser mends
    any bytes into a tree, so there is no damaged HTML to refuse, only HTML without text."""
    return _laid_out(path.name, _html_blocks(path)).source()


def _html_blocks(path: Path) -> Iterator[str | _Table]:
    """The tree walked in document order without recursion, so that elements nested thousands deep
    are read as any others: an element holding blocks is descended into, any other is one line."""
    from bs4 import BeautifulSoup, Comment, NavigableString

    root = BeautifulSoup(path.read_bytes(), "lxml")
    root = root.body or root
    holding = _holding_blocks(root)
    pending = [iter(root.children)]  # at each depth, the children left to read
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif isinstance(child, Comment):
            continue
        elif isinstance(child, NavigableString):
            yield str(child).strip()
        elif child.name in _UNREAD:
            continue
        elif child.name == "table":
            yield _html_rows(child)
        elif id(child) in holding:
            pending.append(iter(child.children))
        else:
            yield child.get_text(" ", strip=True)


def _holding_blocks(root) -> set[int]:
    """The ids of the elements that hold a block or a table somewhere inside, in one pass: each one
    marks its ancestors up to the first already marked, so nesting deep costs no more than wide."""
    holding: set[int] = set()
    for element in root.find_all(["table", *_BLOCKS]):
        parent = element.parent
        while parent is not None and id(parent) not in holding:
            holding.add(id(parent))
            parent = parent.parent
    return holding


def _html_rows(table) -> _Table:
    """Rows of a table with ``colspan``/``rowspan`` laid out on the grid (a rowspan only covers rows
    the table has)."""
    rows: list[list[str]] = []
    problems: list[tuple[int, str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a row of a nested table
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            while pending.get(len(row)):
                pending[len(row)] -= 1
                row.append("")
            rowspan = _span(cell.get("rowspan"), "rowspan", problems, len(rows))
            colspan = _span(cell.get("colspan"), "colspan", problems, len(rows))
            if rowspan > 1:
                pending[len(row)] = rowspan - 1
            _place(row, cell.get_text(" ", strip=True), colspan, "colspan", problems, len(rows))
        rows.append(row)
    return _Table(rows, problems)


def _span(value: str | None, name: str, problems: list[tuple[int, str]], row: int) -> int:
    """A cell's span as written (``rowspan``, ``colspan``, ``gridSpan``): 1 when absent or 0; one
    that is no whole number is a problem of row ``row``, and covers one cell."""
    digits = (value or "1").strip()
    if not (digits.isascii() and digits.isdigit()):
        problems.append((row, f'{name}="{digits[:20]}" is not a number of cells; the cell covers one'))
        return 1
    return max(int(digits) if len(digits) < 10 else 10**9, 1)  # longer is more than any table holds


def _place(row: list[str], text: str, span: int, name: str, problems: list[tuple[int, str]], index: int) -> None:
    """Add a cell of ``span`` grid columns to ``row``: its text, then empty columns. A span widens
    its row up to :data:`MAX_COLUMNS` at most, so that a few bytes cannot ask for millions of cells."""
    row.append(text)
    room = max(MAX_COLUMNS - len(row), 0)
    if span - 1 > room:
        problems.append((index, f'{name}="{span}" would widen the row past {MAX_COLUMNS} columns; it covers {room + 1}'))
    row.extend([""] * min(span - 1, room))


def read_pdf(path: Path) -> Source:
    """The PDF's text layer, line by line; ruled tables through their own cells. A scan's text layer
    is OCR's (:mod:`loaders.ocr`), and the source says so, with a warning on its first line."""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    # pdfplumber wraps most of pdfminer's failures as PdfminerException; what is left is pdfminer's
    # own kinds and the TypeError, ValueError, IndexError or KeyError of a page dictionary whose
    # values are of the wrong type (a box that is no list of numbers, a rotation that is no number).
    damaged = (PdfminerException, MalformedPDFException, PSException, TypeError, ValueError, IndexError, KeyError)
    with _refused_if_damaged(path, "PDF", damaged), ocr.text_layer(path) as (readable, recognised):
        blocks = _pdf_blocks(readable)
    out = _laid_out(path.name, blocks)
    if not out.lines:
        raise ParseError(path.name, None, "OCR found no text on the scanned pages" if recognised
                         else "the PDF has no text layer and no page images to recognise")
    if recognised:
        out.warn(1, "ocr", ocr.NOTE)
    source = out.source()
    source.text_layer = "ocr" if recognised else None
    return source


def _pdf_blocks(path: Path) -> list[str | _Table]:
    import pdfplumber

    blocks: list[str | _Table] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [table.bbox for table in tables]
            outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
            items = [(line["top"], line["text"]) for line in outside.extract_text_lines()]
            items += [(table.bbox[1], _Table(table.extract())) for table in tables]
            blocks += [block for _, block in sorted(items, key=lambda item: item[0])]
            page.close()  # its parsed objects, which pdfplumber would keep for every page read
    return blocks


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
# The largest file of each kind read, in MB. The longest plans seen are a few hundred KB of text
# (a scanned PDF some MB a page); a larger file is refused before it is read, so that one file
# cannot take a build's memory and hours (a 50 MB text took 201 s and 1.2 GB to parse).
# NQGRAPH_MAX_DOCUMENT_MB sets one bound for every kind.
MAX_MB = {read_text: ("text", 5), read_html: ("HTML", 20), read_docx: ("DOCX", 50), read_pdf: ("PDF", 200)}


def read_document(path) -> Source:
    """Read ``path`` with the reader its suffix calls for."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ParseError(path.name, None, f"unsupported file type {path.suffix or '(none)'}; nqgraph reads {known}")
    if not path.is_file():
        raise ParseError(path.name, None, "no such file")
    kind, limit = MAX_MB[reader]
    limit = float(os.environ.get("NQGRAPH_MAX_DOCUMENT_MB") or limit)
    size = path.stat().st_size / 1e6
    if size > limit:
        raise ParseError(path.name, None, f"{size:,.1f} MB, larger than the {limit:g} MB nqgraph reads of a {kind} "
                                          "file; split it, or set NQGRAPH_MAX_DOCUMENT_MB")
    return replace(reader(path), digest=digest(path))


def digest(path: Path) -> str:
    """The file's SHA-256 (hex): what tells a copy of a document under another name before it is read."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
