"""Write one plan, described as paragraphs and tables, as DOCX, PDF and HTML.

Tests make their own fixtures of every format from the same description, so
a reader's output can be compared with what was written, and with the plain
text of the same plan.
"""

from __future__ import annotations

import html
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A block is a paragraph (str) or a table (list of rows, each a list of cell texts).
Block = str | list[list[str]]


def write_docx(blocks: list[Block], path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        table.style = "Table Grid"
        for cells, row in zip(table.rows, block):
            for cell, text in zip(cells.cells, row):
                cell.text = text
    document.save(str(path))
    return path


def write_pdf(blocks: list[Block], path: Path, *, page_break_every: int | None = None) -> Path:
    """A PDF with a text layer; tables drawn with ruling lines, as office software prints them.

    ``page_break_every`` cuts tables after that many body rows, repeating the
    header on the new page, as long appendix tables are printed.
    """
    from fpdf import FPDF

    pdf = FPDF(orientation="L")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=9)
    pdf.add_page()
    for block in blocks:
        if isinstance(block, str):
            pdf.multi_cell(0, 6, block, new_x="LMARGIN", new_y="NEXT")
            continue
        header, body = block[0], block[1:]
        chunks = [body] if not page_break_every else [
            body[i:i + page_break_every] for i in range(0, len(body), page_break_every)]
        for index, chunk in enumerate(chunks):
            if index:
                pdf.add_page()
            with pdf.table(line_height=6, first_row_as_headings=False) as table:
                for row in [header, *chunk]:
                    cells = table.row()
                    for text in row:
                        cells.cell(text)
    pdf.output(str(path))
    return path


def write_html(blocks: list[Block], path: Path) -> Path:
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Kế hoạch</title>",
             "<style>td{border:1px solid}</style></head><body><div class='content'>"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in row) + "</tr>" for row in block)
        parts.append(f"<table>{rows}</table>")
    parts.append("</div></body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path
