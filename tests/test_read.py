"""Every input format becomes the same numbered lines and real table cells."""

import unicodedata

import pytest

from loaders.model import ParseError
from loaders.parse import parse
from loaders.read import MAX_COLUMNS, read_document
from tests.documents import FONT, write_docx, write_html, write_pdf

TABLE = [
    ["STT", "Nội dung công việc", "Chủ trì", "Phối hợp", "Thời gian thực hiện"],
    ["1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Văn phòng",
     "Các phòng chức năng", "Tháng 9/2025"],
    ["2", "Xây dựng chương trình chuyên biệt về KHCN, ĐMST và CĐS", "Phòng Văn hóa - Xã hội",
     "Trung tâm Phục vụ hành chính công", "Thường xuyên"],
    ["3", "Triển khai cấp chứng thư số đến 100% cán bộ, công chức", "Văn phòng HĐND và UBND",
     "Các phòng, ban", "12/2025"],
]
PLAN = [
    "KẾ HOẠCH",
    "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
    "PHỤ LỤC",
    TABLE,
    "Nơi nhận:",
]


def cells(source):
    return [[cell.text for cell in row] for row in source.tables[0].rows]


@pytest.mark.parametrize("writer, suffix", [(write_docx, ".docx"), (write_html, ".html")])
def test_structured_formats_keep_paragraphs_and_cells(tmp_path, writer, suffix):
    source = read_document(writer(PLAN, tmp_path / f"plan{suffix}"))
    assert source.lines[:3] == PLAN[:3]
    assert len(source.tables) == 1
    assert cells(source) == TABLE
    table = source.tables[0]
    # A row is one line, so every cell's span points at the line that quotes it.
    for row in table.rows:
        line = source.lines[row[0].span.first - 1]
        assert all(cell.text in line for cell in row)
    assert source.lines[table.span.last] == "Nơi nhận:"


@pytest.mark.skipif(not FONT.exists(), reason="needs Debian's fonts-dejavu-core to write a Vietnamese PDF")
def test_pdf_text_layer_and_ruled_table(tmp_path):
    source = read_document(write_pdf(PLAN, tmp_path / "plan.pdf"))
    assert "KẾ HOẠCH" in source.lines
    assert any("57-NQ/TW" in line for line in source.lines)
    assert cells(source) == TABLE


@pytest.mark.skipif(not FONT.exists(), reason="needs Debian's fonts-dejavu-core to write a Vietnamese PDF")
def test_pdf_table_cut_by_a_page_break_is_one_table(tmp_path):
    source = read_document(write_pdf(PLAN, tmp_path / "plan.pdf", page_break_every=2))
    assert len(source.tables) == 1
    assert cells(source) == TABLE  # the repeated header row is dropped


def test_html_merged_cells_stay_on_their_grid_column(tmp_path):
    path = tmp_path / "merged.html"
    path.write_text(
        "<table><tr><th>STT</th><th>Nội dung</th><th>Chủ trì</th></tr>"
        "<tr><td colspan='3'>A. Nâng cao nhận thức</td></tr>"
        "<tr><td rowspan='2'>1</td><td>Việc một</td><td>Văn phòng</td></tr>"
        "<tr><td>Việc hai</td><td>Phòng Kinh tế</td></tr></table>", encoding="utf-8")
    assert cells(read_document(path)) == [
        ["STT", "Nội dung", "Chủ trì"],
        ["A. Nâng cao nhận thức", "", ""],
        ["1", "Việc một", "Văn phòng"],
        ["", "Việc hai", "Phòng Kinh tế"],
    ]


def test_plain_text_keeps_every_source_line(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n\n 23\nNơi nhận:\n", encoding="utf-8")
    assert read_document(path).lines == ["KẾ HOẠCH", "", " 23", "Nơi nhận:"]


PLAN_LINE = "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW; Sở Khoa học và Công nghệ chủ trì, thời gian: Quý IV/2025"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: letters with their vowel marks, tones as marks after them."""
    parts = (unicodedata.normalize("NFD", ch) for ch in text)
    return "".join(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + "".join(c for c in d if c in TONES)
                   for d in parts).encode("cp1258")


@pytest.mark.parametrize("encoded", [
    (PLAN_LINE + "\n").encode("utf-8"),
    (PLAN_LINE + "\n").encode("utf-8-sig"),
    (PLAN_LINE + "\n").encode("utf-16"),
    (PLAN_LINE + "\n").encode("utf-16-be").join([b"\xfe\xff", b""]),
    windows_1258(PLAN_LINE + "\n"),
], ids=["utf-8", "utf-8 with its mark", "utf-16-le", "utf-16-be", "windows-1258"])
def test_text_in_the_encodings_vietnamese_documents_come_in(tmp_path, encoded):
    path = tmp_path / "plan.txt"
    path.write_bytes(encoded)
    assert read_document(path).lines == [PLAN_LINE]


def test_damaged_utf8_is_refused_at_its_line_not_read_as_another_encoding(tmp_path):
    path = tmp_path / "plan.txt"
    data = (PLAN_LINE + "\n").encode("utf-8") * 3
    path.write_bytes(data[:len(data) // 2] + b"\xff" + data[len(data) // 2:])
    with pytest.raises(ParseError, match="plan.txt:2: not UTF-8 text$"):
        read_document(path)


def test_text_in_a_legacy_font_encoding_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("KÕ ho¹ch thùc hiÖn\n".encode("cp1252"))  # TCVN3 read as bytes of a Western code page
    with pytest.raises(ParseError, match="plan.txt:1: not UTF-8, UTF-16 or Windows-1258 text .*save it as Unicode"):
        read_document(path)


@pytest.mark.parametrize("name, content, message", [
    ("plan.xlsx", b"x", "plan.xlsx: unsupported file type .xlsx"),
    ("plan.txt", b"ok\n\xff\xfe broken\n", "plan.txt:2: not UTF-8"),
    ("plan.docx", b"not a zip", "plan.docx: not a readable DOCX file"),
    ("plan.pdf", b"%PDF-1.4 garbage", "plan.pdf: not a readable PDF file"),
    ("plan.html", b"<html><body>   </body></html>", "plan.html: the document holds no text"),
])
def test_unreadable_documents_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError) as error:
        read_document(path)
    assert str(error.value).startswith(message)
    assert error.value.document == name


def test_missing_file(tmp_path):
    with pytest.raises(ParseError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_html_spans_that_are_no_number_are_warnings_on_their_row(tmp_path):
    path = tmp_path / "spans.html"
    path.write_text(
        "<p>KẾ HOẠCH</p><table><tr><th>STT</th><th>Nội dung</th><th>Chủ trì</th></tr>"
        "<tr><td colspan='abc'>A. Nâng cao nhận thức</td><td>x</td></tr>"
        "<tr><td rowspan='2.5'>1</td><td>Việc một</td><td>Văn phòng</td></tr></table>", encoding="utf-8")
    source = read_document(path)
    assert cells(source)[1] == ["A. Nâng cao nhận thức", "x"]
    assert [(w.line, w.code) for w in source.warnings] == [(3, "table-span"), (4, "table-span")]
    assert source.lines[2].startswith("A. Nâng cao") and 'colspan="abc"' in source.warnings[0].message
    assert 'rowspan="2.5"' in source.warnings[1].message


def test_an_html_span_cannot_grow_a_small_file_into_millions_of_cells(tmp_path):
    path = tmp_path / "wide.html"
    rows = "".join(f"<tr><td colspan='50000000'>{n}</td><td>b</td></tr>" for n in range(75))
    path.write_text(f"<p>KẾ HOẠCH</p><table>{rows}</table>", encoding="utf-8")
    assert path.stat().st_size < 4000
    source = read_document(path)
    assert all(len(row) == MAX_COLUMNS + 1 for row in cells(source))  # the span stops at the bound, "b" is kept
    assert cells(source)[0][:2] == ["0", ""] and cells(source)[0][-1] == "b"
    assert len(source.warnings) == 75 and "50000000" in source.warnings[0].message


def test_a_plan_keeps_the_warnings_of_its_reading(tmp_path):
    path = write_html(PLAN, tmp_path / "plan.html")
    path.write_text(path.read_text(encoding="utf-8").replace("<td>1</td>", "<td colspan='one'>1</td>", 1), encoding="utf-8")
    plan = parse(read_document(path))
    [warning] = [w for w in plan.warnings if w.code == "table-span"]
    assert 'colspan="one"' in warning.message and plan.lines[warning.line - 1].startswith("1 | Số hóa hồ sơ")


def test_a_file_larger_than_any_plan_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"KE HOACH\n" + b"x" * 6_000_000)
    with pytest.raises(ParseError, match=r"plan.txt: 6.0 MB, larger than the 5 MB nqgraph reads of a text file; "
                                         r"split it, or set NQGRAPH_MAX_DOCUMENT_MB"):
        read_document(path)
    monkeypatch.setenv("NQGRAPH_MAX_DOCUMENT_MB", "7")
    assert read_document(path).lines[0] == "KE HOACH"
