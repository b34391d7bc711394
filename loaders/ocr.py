"""A text layer for a scanned PDF, recognised by OCRmyPDF with tesseract's Vietnamese data.

A scan is recognised into a temporary copy (the file given is never touched), within a time
that grows with its pages, and the PDF reader then reads the copy's text layer like any other.
Only a PDF whose pages show images and print (almost) no characters is a scan: a damaged file,
or one with no images, is refused by the reader as before and never waits on OCR.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loaders.model import ParseError

INSTALL = "apt-get install ocrmypdf tesseract-ocr-vie"
FEW_CHARACTERS = 20  # pages printing fewer on average have no usable text layer (a stamp, page numbers)
SECONDS = 60         # OCR of a scan may take this long, and as long again per page
NOTE = "the text was recognised by OCR (ocrmypdf, tesseract vie) from the scanned pages: letters may be misread"


@contextmanager
def text_layer(path: Path) -> Iterator[tuple[Path, bool]]:
    """The PDF to read ``path``'s text from, and whether it is OCR's: ``path`` itself, or, for a scan,
    its OCR'd copy (removed on leaving)."""
    pages = _scanned_pages(path)
    if not pages:
        yield path, False
        return
    _require_ocr(path)
    with tempfile.TemporaryDirectory(prefix="nqgraph-ocr-") as folder:
        copy = Path(folder) / "ocr.pdf"
        _recognise(path, copy, pages)
        yield copy, True


def _scanned_pages(path: Path) -> int:
    """The number of pages when ``path`` is a scan, else 0; stops once its pages print enough text
    (a signed scan's stamp on one page does not make a text layer)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages, characters, images = len(pdf.pages), 0, False
        for page in pdf.pages:
            characters += len(page.chars)
            if characters >= FEW_CHARACTERS * pages:
                return 0
            images = images or bool(page.images)
            page.close()  # pdfplumber keeps every page's objects otherwise: a damaged file's took 512 MB
        return pages if images else 0


def _require_ocr(path: Path) -> None:
    if not installed():
        raise ParseError(path.name, None, f"a scan with no text layer; to read it by OCR, install: {INSTALL}")


def installed() -> bool:
    """Whether OCRmyPDF and tesseract's Vietnamese data are installed."""
    if shutil.which("ocrmypdf") is None or shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    return "vie" in listed.stdout.split()


def _recognise(path: Path, copy: Path, pages: int) -> None:
    """OCR every page of ``path`` into ``copy`` (a plain PDF: no PDF/A conversion, no optimisation,
    which a text layer to read does not need)."""
    command = ["ocrmypdf", "-l", "vie", "--force-ocr", "--output-type", "pdf", "--optimize", "0",
               "--quiet", str(path), str(copy)]
    timeout = SECONDS * (1 + pages)
    # In a session of its own, so that an overrun ends OCRmyPDF and the tesseract processes it started.
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ParseError(path.name, None, f"OCR of the scan took longer than {timeout} s for {pages} page(s)") from None
    if process.returncode != 0:
        reason = next((line.strip() for line in reversed(errors.splitlines()) if line.strip()),
                      f"exit status {process.returncode}")
        raise ParseError(path.name, None, f"OCR of the scan failed: {reason[:200]}")
