"""Vietnamese text helpers every parser shares: folding, slugs, whitespace."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Collapse runs of white space and trim: for text rewrapped from lines."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case text without diacritics: ``Số hóa`` → ``so hoa``.

    The comparison key for everything a user may type without diacritics or
    an OCR engine may have printed without them.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return squash(text.lower())


def slug(text: str, max_length: int = 80) -> str:
    """A readable, stable IRI segment: ``Sở Nội vụ`` → ``so-noi-vu``."""
    value = re.sub(r"[^a-z0-9.]+", "-", fold(text)).strip("-.")
    return value[:max_length].rstrip("-.") or "x"
