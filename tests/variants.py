"""Variants of a document's lines, as other extractions of the same plan would print them.

Each function takes a list of lines and returns a new list; none changes the
words of the plan, only how they are laid out or spelled, so a parser must
read the same facts from every variant. ``stop`` (a line index) leaves the
lines from there on untouched, to keep appendix tables as they are.
Randomness is seeded: the same arguments give the same variant.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

# What OCR engines print for Vietnamese lowercase letters (seen in scanned plans:
# "nhiém vy", "s6", "Ké hoach", "nim"). Digits, punctuation and capitals are left
# alone so that numbers, dates and headings stay comparable.
CONFUSIONS = {
    "ệ": "é¢e", "ế": "é€e", "ề": "èe", "ể": "ée", "ễ": "ée", "ê": "eé€",
    "ố": "6ôo", "ồ": "6ôo", "ổ": "ô6", "ỗ": "ôo", "ộ": "ô0o", "ô": "o6",
    "ơ": "o", "ớ": "éó", "ờ": "ò", "ở": "&o", "ợ": "o", "ỡ": "o",
    "ư": "uw", "ứ": "tr", "ừ": "u", "ử": "u", "ữ": "ir", "ự": "yu",
    "ă": "aid", "ắ": "é", "ằ": "a", "ẳ": "a", "ẵ": "a", "ặ": "a",
    "â": "aäi", "ấ": "é", "ầ": "à", "ẩ": "a", "ẫ": "a", "ậ": "a",
    "ạ": "a", "ả": "a", "ã": "a", "á": "a", "à": "a",
    "ị": "i", "ỉ": "i", "ĩ": "i", "í": "i", "ì": "i",
    "ọ": "o", "ỏ": "o", "õ": "o", "ó": "o", "ò": "o",
    "ụ": "yu", "ủ": "u", "ũ": "u", "ú": "u", "ù": "u",
    "ỵ": "y", "ỷ": "y", "ỹ": "y", "ý": "y", "ỳ": "y",
    "đ": "d", "é": "e", "è": "e", "ẹ": "e", "ẻ": "e", "ẽ": "e",
}
MARKER = re.compile(r"^(?:[-–•+]|\d{1,2}(?:[.,]\d{1,2})*[.)]|[IVX]{1,4}\.|[a-z]\))$")
SUB_ITEM = re.compile(r"^(\s*)(\d{1,2})[.,](\d{1,2})[.,]?\s*(?=[^\d\s])")


def strip_diacritics(lines: list[str]) -> list[str]:
    """Every mark removed, ``đ`` printed ``d``: a plan typed without Vietnamese input."""
    def plain(text: str) -> str:
        text = text.replace("đ", "d").replace("Đ", "D")
        return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return [plain(line) for line in lines]


def ocr_damage(lines: list[str], rate: float, seed: int, stop: int | None = None) -> list[str]:
    """Each accented lowercase letter replaced, with probability ``rate``, by what OCR misreads it as."""
    rng = random.Random(seed)
    stop = len(lines) if stop is None else stop

    def damage(text: str) -> str:
        out = []
        for char in text:
            choices = CONFUSIONS.get(char)
            out.append(rng.choice(choices) if choices and rng.random() < rate else char)
        return "".join(out)
    return [damage(line) for line in lines[:stop]] + lines[stop:]


def blank_lines(lines: list[str], mode: str, seed: int = 0, stop: int | None = None) -> list[str]:
    """Blank lines laid anew: ``"none"``, ``"every"`` (one after each line) or ``"random"`` (0-2)."""
    rng = random.Random(seed)
    stop = len(lines) if stop is None else stop
    out = []
    for line in lines[:stop]:
        if not line.strip():
            continue
        out.append(line)
        count = {"none": 0, "every": 1}.get(mode)
        out.extend([""] * (rng.randint(0, 2) if count is None else count))
    return out + lines[stop:]


def rewrap(lines: list[str], width: int, seed: int, stop: int | None = None) -> list[str]:
    """Paragraphs refilled to about ``width`` characters, one blank line between paragraphs.

    A paragraph ends where the source leaves a wider gap than usual, where a
    line ends a clause (``.``, ``;``, ``:``), before a numbered or bulleted
    line and around uppercase headings. A line never starts with a word that
    would read as a marker (``1.``, ``-``), as a typesetter would avoid.
    """
    rng = random.Random(seed)
    stop = len(lines) if stop is None else stop
    out: list[str] = []
    for paragraph in _paragraphs(lines[:stop]):
        out.extend(_fill(paragraph, width, rng))
        out.append("")
    return out + lines[stop:]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    gaps, gap = [], 0
    printed = []
    for line in lines:
        if line.strip():
            printed.append(line.strip())
            gaps.append(gap)
            gap = 0
        else:
            gap += 1
    usual = Counter(gaps[1:]).most_common(1)[0][0] if len(gaps) > 1 else 0
    paragraphs: list[list[str]] = []
    for index, line in enumerate(printed):
        previous = printed[index - 1] if index else ""
        new = (not paragraphs or gaps[index] > usual or previous.endswith((".", ";", ":"))
               or MARKER.match(line.split()[0]) or _heading(line) or _heading(previous))
        if new:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return paragraphs


def _heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.7


def _fill(paragraph: list[str], width: int, rng: random.Random) -> list[str]:
    text = ""
    for line in paragraph:
        text += ("" if re.search(r"\w-$", text) or not text else " ") + line
    words = text.split()
    out, current = [], ""
    limit = width + rng.randint(-width // 10, width // 10)
    for word in words:
        breakable = current and not current.endswith("-") and not MARKER.match(word) and word[0] not in "-–•+"
        if breakable and len(current) + 1 + len(word) > limit:
            out.append(current)
            current = word
            limit = width + rng.randint(-width // 10, width // 10)
        else:
            current = f"{current} {word}" if current else word
    return out + ([current] if current else [])


def renumber(lines: list[str], style: str = "nodot", stop: int | None = None) -> list[str]:
    """Sub-items ``1.1.`` printed another way: ``"nodot"`` (``1.1``), ``"letters"`` (``a)``), ``"bullets"`` (``-``)."""
    stop = len(lines) if stop is None else stop

    def change(line: str) -> str:
        found = SUB_ITEM.match(line)
        if not found:
            return line
        indent, sub = found.group(1), int(found.group(3))
        marker = {"nodot": f"{found.group(2)}.{sub} ", "letters": f"{chr(ord('a') + sub - 1)}) ",
                  "bullets": "- "}[style]
        return indent + marker + line[found.end():]
    return [change(line) for line in lines[:stop]] + lines[stop:]


def paginate(lines: list[str], every: int, header: str, stop: int | None = None) -> list[str]:
    """A page number alone on a line and a running header after every ``every`` printed lines."""
    stop = len(lines) if stop is None else stop
    out, printed, page = [], 0, 1
    for line in lines[:stop]:
        out.append(line)
        if line.strip():
            printed += 1
            if printed % every == 0:
                page += 1
                out.extend(["", str(page), "", header, ""])
    return out + lines[stop:]


def drop_heading(lines: list[str]) -> list[str]:
    """The ``KẾ HOẠCH`` heading line left out, as portals do that print the title under the header."""
    index = next(i for i, line in enumerate(lines) if _plain_words(line) == ["ke", "hoach"])
    return lines[:index] + lines[index + 1:]


def portal_metadata(lines: list[str], fields: list[tuple[str, str]], below: bool = False) -> list[str]:
    """The lines a legal portal prints about a document (``Người ký: …``), above or below its text."""
    block = [f"{label}: {value}" for label, value in fields]
    return lines + [""] + block if below else block + [""] + lines


def split_motto(lines: list[str]) -> list[str]:
    """The motto's first line broken after ``XÃ HỘI``. Alone on its line, it becomes two lines;
    beside the issuer's column, its end is printed beside the column's next line, before
    ``Độc lập - Tự do - Hạnh phúc``."""
    index = next(i for i, line in enumerate(lines) if "cong hoa" in " ".join(_plain_words(line)))
    words = lines[index].split()
    start = next(i for i, word in enumerate(words) if _plain_words(word) == ["cong"])
    head, tail = " ".join(words[: start + 4]), " ".join(words[start + 4:])
    if start == 0:
        return lines[:index] + [head, tail] + lines[index + 1:]
    below = next(i for i in range(index + 1, len(lines)) if lines[i].strip())
    found = re.search(r"\S+ \S+ ?[-–] ?T\S do\b", lines[below])
    cut = found.start() if found else len(lines[below])
    beside = [f"{lines[below][:cut].rstrip()} {tail}", lines[below][cut:].strip()]
    return lines[:index] + [head] + lines[index + 1: below] + [part for part in beside if part] + lines[below + 1:]


def reduce_issuer(lines: list[str]) -> list[str]:
    """The issuer's column cut to its first line (``ỦY BAN NHÂN DÂN``): the capitalised words
    that open the next printed line, beside the motto, are left out."""
    first = next(i for i, line in enumerate(lines) if line.strip())
    below = next(i for i in range(first + 1, len(lines)) if lines[i].strip())
    words = lines[below].split()
    kept = next(i for i, word in enumerate(words) if not word.isupper())
    return lines[:below] + [" ".join(words[kept:])] + lines[below + 1:]


def _plain_words(text: str) -> list[str]:
    return strip_diacritics([text])[0].lower().split()
