"""A scanned plan, a PDF of page images with no text layer, is read by OCR and marked as read so."""

from pathlib import Path

import pytest

from graph.build import build
from graph.queries import with_prefixes
from graph.store import MemoryStore, OxigraphStore
from loaders import ocr
from loaders.model import ParseError
from loaders.read import read_document
from service.cli import main
from tests.documents import FONT

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests/data/district_plan.txt"
DPI = 150
needs_ocr = pytest.mark.skipif(not ocr.installed(), reason="needs ocrmypdf and tesseract-ocr-vie to OCR a scan (make ocr)")


def write_scan(lines: list[str], path: Path) -> Path:
    """``lines`` printed on A4 page images at :data:`DPI`, saved as a PDF of the images alone."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), round(11 * DPI / 72))
    width, height, margin, step = round(8.27 * DPI), round(11.69 * DPI), round(0.6 * DPI), round(font.size * 1.45)
    pages = []
    for line in lines:
        if not pages or top + step > height - margin:
            pages.append(Image.new("L", (width, height), 255))
            draw, top = ImageDraw.Draw(pages[-1]), margin
        draw.text((margin, top), line, font=font, fill=0)
        top += step
    pages[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return path


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    if not FONT.exists():
        pytest.skip("needs Debian's fonts-dejavu-core to print a Vietnamese scan")
    lines = PLAN.read_text(encoding="utf-8").splitlines()[:40]
    return write_scan(lines, tmp_path_factory.mktemp("scan") / "nam-dan-scan.pdf")


@pytest.fixture(scope="module")
def built(scan, tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("store") / "store"
    with OxigraphStore(location) as store:
        assert build([scan], store, progress=False, jobs=1).ok
    return location


@needs_ocr
def test_a_scan_is_read_by_ocr_with_its_number_date_and_issuer(built):
    with OxigraphStore(built, read_only=True) as store:
        rows = store.select(with_prefixes("""SELECT ?number ?date ?issuer ?layer WHERE {
            ?plan a nqg:Plan ; eli:number ?number ; eli:date_document ?date ; nqg:textLayer ?layer ;
                  eli:passed_by/skos:prefLabel ?issuer }"""))
    assert [(row["number"], str(row["date"]), row["issuer"], row["layer"]) for row in rows] == [
        ("87/KH-UBND", "2025-10-03", "Ủy ban nhân dân huyện Nam Đàn", "ocr")]


@needs_ocr
def test_check_lists_the_scan_as_read_by_ocr(built, capsys):
    assert main(["check", "--store", str(built)]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "[extraction ocr]" in line]
    assert len(listed) == 1 and "nam-dan-scan.pdf:1:" in listed[0]


def test_a_pdf_with_its_own_text_layer_is_not_marked(tmp_path):
    from tests.documents import write_pdf

    if not FONT.exists():
        pytest.skip("needs Debian's fonts-dejavu-core to write a Vietnamese PDF")
    pdf = write_pdf(PLAN.read_text(encoding="utf-8").splitlines()[:40], tmp_path / "nam-dan.pdf")
    store = MemoryStore()
    assert build([pdf], store, progress=False, jobs=1).ok
    assert store.select(with_prefixes("SELECT ?layer WHERE { ?plan nqg:textLayer ?layer }")) == []
    assert store.select(with_prefixes("SELECT ?w WHERE { ?w nqg:code 'ocr' }")) == []


def test_without_ocr_a_scan_is_refused_naming_what_to_install(scan, tmp_path, monkeypatch, capsys):
    store = tmp_path / "store"
    assert main(["build", str(PLAN), "--store", str(store), "--quiet"]) == 0
    with OxigraphStore(store, read_only=True) as opened:
        before = set(opened.quads())
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH that holds no ocrmypdf
    assert main(["build", str(scan), "--store", str(store), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "nam-dan-scan.pdf" in error and "apt-get install ocrmypdf tesseract-ocr-vie" in error
    with OxigraphStore(store, read_only=True) as opened:
        assert set(opened.quads()) == before


@pytest.mark.parametrize("script, expected", [
    ("echo 'ERROR - the input file is encrypted' >&2; exit 8", "OCR of the scan failed: ERROR - the input file is encrypted"),
    ("sleep 30; true", "OCR of the scan took longer than 2 s for 1 page(s)"),
])
def test_ocr_that_fails_or_overruns_is_refused_with_its_reason(scan, script, expected, tmp_path, monkeypatch):
    for name, body in (("ocrmypdf", script), ("tesseract", "echo vie")):
        (tmp_path / name).write_text(f"#!/bin/sh\n{body}\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    monkeypatch.setattr("loaders.ocr.SECONDS", 1)
    with pytest.raises(ParseError) as refused:
        read_document(scan)
    assert str(refused.value) == f"nam-dan-scan.pdf: {expected}"


def test_a_pdf_with_neither_text_nor_images_is_refused_without_ocr(tmp_path, monkeypatch):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "blank.pdf"))
    monkeypatch.setenv("PATH", str(tmp_path))  # were it sent to OCR, it would be refused for want of it
    with pytest.raises(ParseError) as refused:
        read_document(tmp_path / "blank.pdf")
    assert str(refused.value) == "blank.pdf: the PDF has no text layer and no page images to recognise"
