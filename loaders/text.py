"""Vietnamese text helpers every parser shares: folding, slugs, whitespace."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Collapse runs of white space and trim: for text rewrapped from lines."""
    return _SPACES.sub(" ", text).strip()


_BRACKETED = re.compile(r"\([^)]*\)")


def unbracketed(text: str) -> str:
    """``text`` with each aside in brackets replaced by a space. Only the text up to the last ``)``
    is searched, where every ``(`` has one to close it, so that a run of unclosed brackets costs a
    pass over it, not one per bracket."""
    end = text.rfind(")") + 1
    return _BRACKETED.sub(" ", text[:end]) + text[end:]


class _WithoutMarks(dict):
    """``str.translate`` table built on demand: combining marks (category Mn) dropped, all else kept."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower-case text without diacritics: ``Số hóa`` → ``so hoa``.

    The comparison key for everything a user may type without diacritics or
    an OCR engine may have printed without them.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return squash(text.translate(_WITHOUT_MARKS).lower())


def slug(text: str, max_length: int = 80) -> str:
    """A readable, stable IRI segment: ``Sở Nội vụ`` → ``so-noi-vu``."""
    value = re.sub(r"[^a-z0-9.]+", "-", fold(text)).strip("-.")
    return value[:max_length].rstrip("-.") or "x"


# Abbreviations plans write for words the resolutions spell out (folded).
ABBREVIATIONS = {
    "cds": "chuyen doi so", "khcn": "khoa hoc va cong nghe", "kh&cn": "khoa hoc va cong nghe",
    "dmst": "doi moi sang tao", "tthc": "thu tuc hanh chinh", "csdl": "co so du lieu",
    "cntt": "cong nghe thong tin", "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan",
    "vhxh": "van hoa xa hoi", "vh-xh": "van hoa xa hoi", "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao", "nn&mt": "nong nghiep va moi truong", "mttq": "mat tran to quoc",
    "chqs": "chi huy quan su", "bql": "ban quan ly", "tp": "thanh pho",
}
_ABBREVIATION = re.compile(r"(?<![\w&-])(%s)(?![\w&-])" % "|".join(
    re.escape(short) for short in sorted(ABBREVIATIONS, key=len, reverse=True)))

# OCR of text without diacritics reads accented vowels as digits ("s6" for
# "số", "X4" for "Xã"): inside a word that has letters, a digit is a letter.
_OCR_DIGITS = str.maketrans("0134568", "oiaasoa")
_WORD_WITH_DIGITS = re.compile(r"\b(?=\w*[a-z])(?=\w*\d)\w+\b")


def expand(folded: str) -> str:
    """Spell out abbreviations in folded text: ``so kh & cn`` → ``so khoa hoc va cong nghe``."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], re.sub(r"\s*&\s*", "&", folded))


def ocr_letters(folded: str) -> str:
    """Digits inside words read back as the letters OCR took them for: ``s6`` → ``so``."""
    return _WORD_WITH_DIGITS.sub(lambda m: m.group(0).translate(_OCR_DIGITS), folded)


def natural_key(text: str | None) -> tuple:
    """Sort key for printed numbers: ``1.2`` < ``1.10`` < ``2``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text or "") if p)
