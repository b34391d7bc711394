"""Read a document from disk into a :class:`~loaders.model.Source`.

Plain text is taken line for line (line numbers are the provenance every fact
points back to). Other formats are registered in ``READERS`` by suffix.
"""

from pathlib import Path

from loaders.model import ParseError, Source
from loaders.text import nfc


def read_text(path: Path) -> Source:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseError(path.name, line, "not UTF-8 text") from None
    return Source(path.name, nfc(text).splitlines())


READERS = {".txt": read_text, ".text": read_text, ".md": read_text}


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
