"""The identity of a plan: issuer, number, date, title, signature and recipients.

A plan's first page prints the issuer (upper left, often two lines), the
national motto (upper right, often interleaved with the issuer on one line of
extracted text), ``Số: 19/KH-UBND``, ``<place>, ngày 15 tháng 8 năm 2025``,
then the ``KẾ HOẠCH`` heading and its title. Its last page prints ``Nơi
nhận:`` with the recipients, the signature titles and the signer's name.
Everything is matched on folded text so that OCR'd, diacritic-less copies read
the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from loaders.layout import Line, fold_chars, join, joined, upper_ratio
from loaders.model import Plan, Span
from loaders.text import fold, squash

HEADING = re.compile(r"^(ke hoach|chuong trinh)\b")
HEADINGS = {"ke hoach": "Kế hoạch", "ke hoach hanh dong": "Kế hoạch hành động",
            "chuong trinh": "Chương trình", "chuong trinh hanh dong": "Chương trình hành động"}
NUMBER = re.compile(r"\bs[o0-9]?\s*:\s*(\d*)\s*/\s*([a-z0-9][a-z0-9-]*)")
DATE = re.compile(r",\s*ngay\s*(\d{0,2})\s*th\w{2,3}g\s*(\d{1,2})\s*n\w{1,2}m\s*(\d{4})")
MOTTO = re.compile(r"cong hoa\b|doc lap\b|\S+ \S+ ?- ?tu do\b|tu do - hanh")
BASIS_START = re.compile(r"^(can cu|thuc hien|trien khai thuc hien)\b")
RECIPIENTS = re.compile(r"^noi\s+nh\w{0,2}n\s*:?")
SIGN_TITLE = re.compile(
    r"\b(?:(tm|kt)\s*\.\s*)?(ph\w?\s+)?(chu tich|giam doc|uy ban nhan dan|truong phong|truong ban|bi thu)\b"
)
TITLE_WORDS = {
    "chu tich": "CHỦ TỊCH",
    "giam doc": "GIÁM ĐỐC",
    "uy ban nhan dan": "ỦY BAN NHÂN DÂN",
    "truong phong": "TRƯỞNG PHÒNG",
    "truong ban": "TRƯỞNG BAN",
    "bi thu": "BÍ THƯ",
}
# Words that open the name of an issuing unit, when capitalised in the text.
UNIT_START = re.compile(
    r"(?<![\w(/-])(u\w? ban nh\w{1,2}n d\w{1,2}n|ubnd|s[o&]|h\w{1,2}i d\w{1,3}ng nh\w{1,2}n d\w{1,2}n|ban)(?!\w)"
)
# Unit kinds in an issuer's name, most specific first; tolerant of OCR ("x&", "phwong").
LEVEL_WORDS = (("department", r"\bs[o&](?=[\s,]|$)"),
               ("district", r"\b(?:uy ban nhan dan|ubnd)\s+(?:huy\wn|qu\wn|th\w x[a&43])\b"),
               ("commune", r"\bx[a&43](?=\s|$)"), ("ward", r"\bph[uwy]\w{0,2}ng\b"), ("city", r"\b(th\wnh ph\w|tinh)\b"))
LEVELS = ("department", "district", "commune", "ward", "city")


@dataclass
class Outline:
    """Where the parts of a plan sit, as indexes into its cleaned lines."""

    heading: int | None      # the KẾ HOẠCH line
    title_end: int           # first line after the title
    sections: int            # first numbered section (end of the legal basis)
    signoff: int             # first line of recipients / signature (end of the body)


def outline(lines: list[Line], gap: int | None, opens_body: Callable[[Line], bool]) -> Outline:
    """Find the heading and the end of its title: a gap wider than the usual ``gap``, a line
    opening the legal basis, or the first numbered section (``opens_body``)."""
    heading = next((i for i, line in enumerate(lines[:80]) if is_heading(line)), None)
    if heading is None:
        return Outline(None, 0, 0, len(lines))
    end = heading + 1
    if end < len(lines) and not (fold(lines[end].text).startswith("can cu") or opens_body(lines[end])):
        end += 1  # the title's first line, even when it opens with "Thực hiện …"
        while end < len(lines) and not (gap is not None and lines[end].gap > gap or starts_basis(lines[end])
                                        or opens_body(lines[end])):
            end += 1
    return Outline(heading, end, end, len(lines))


def is_heading(line: Line) -> bool:
    text = re.sub(r"[^a-z ]", "", fold(line.text)).strip()
    return bool(HEADING.match(text)) and len(text.split()) <= 6 and upper_ratio(line.text) > 0.7


def starts_basis(line: Line) -> bool:
    return bool(BASIS_START.match(fold(line.text))) and line.text[:1].isupper()


def is_signoff(line: Line) -> bool:
    """``Nơi nhận:`` or a signature title standing alone (``GIÁM ĐỐC``, ``KT. CHỦ TỊCH``)."""
    folded = fold(line.text)
    if RECIPIENTS.match(folded):
        return True
    match = SIGN_TITLE.fullmatch(folded.strip(" ."))
    return bool(match) and upper_ratio(line.text) > 0.8


def read_identity(plan: Plan, lines: list[Line], parts: Outline) -> None:
    """Fill number, date, place and title from the first page.

    The lines above the heading are read as one text: extraction may put the
    number, the place and the date on one line with the motto, or split them.
    """
    head = joined(lines[: parts.heading or 0])
    folded = fold_chars(head.text)
    number = NUMBER.search(folded)
    if number:
        plan.number_printed = squash(head.text[number.start(): number.end()])
        digits, code = number.group(1), head.text[number.start(2): number.end(2)]
        plan.number = f"{digits}/{code}" if digits else None
    when = DATE.search(folded)
    if when:
        plan.place = place_before(head.text[: when.start()])
        day, month, year = (int(value) if value else None for value in when.groups())
        plan.date = valid_date(year, month, day)
    if parts.heading is not None:
        name = heading_name(lines[parts.heading].text)
        plan.title = squash(f"{name} {join(lines[parts.heading + 1: parts.title_end])}")


def heading_name(text: str) -> str:
    """The document kind the heading prints, in sentence case: ``KẾ HOẠCH HÀNH ĐỘNG`` → ``Kế hoạch hành động``."""
    words = re.sub(r"[^a-z ]", "", fold(text)).split()
    known = HEADINGS.get(" ".join(words))
    return known or squash(text).capitalize()


def place_before(text: str) -> str | None:
    """The place name ending ``text``: the capitalised words before ", ngày" (``Hải Phòng``, ``TP. Huế``)."""
    words: list[str] = []
    for word in reversed(text.split()):
        capitalised = word[:1].isupper() and (word.endswith(".") or not word.isupper() or len(word) == 1)
        if not capitalised or len(words) == 5 or any(char.isdigit() or char in "/:" for char in word):
            break
        words.insert(0, word)
    return " ".join(words) or None


def valid_date(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def header_issuer(lines: list[Line], parts: Outline) -> tuple[str, Span] | None:
    """The issuer printed in the upper left of the first page, motto and number cut away."""
    pieces = []
    for line in lines[: parts.heading or 0]:
        folded = fold_chars(line.text)
        cut = len(folded)
        for pattern in (MOTTO, NUMBER, DATE):
            found = pattern.search(folded)
            if found:
                cut = min(cut, found.start())
        text = squash(line.text[:cut]).strip(" -–_|")
        if sum(char.isalpha() for char in text) >= 2 and upper_ratio(text) > 0.7:
            pieces.append((text, line.number))
    if not pieces:
        return None
    return " ".join(text for text, _ in pieces), Span(pieces[0][1], pieces[-1][1])


def issuer_in_text(title: list[Line], body: list[Line], captions: list[Line]) -> tuple[str, Span] | None:
    """Where the header names no issuer, the text does.

    In order: the title ending in "… của <unit>", the sentence "<unit> xây
    dựng / ban hành Kế hoạch", the appendix caption "(Kèm theo Kế hoạch … của
    <unit>)".
    """
    return owner_at_end(title) or builder(body) or caption_owner(captions)


def owner_at_end(lines: list[Line]) -> tuple[str, Span] | None:
    """"… của Sở Nội vụ thành phố Hải Phòng" closing the title: a unit, and no "về …" after it."""
    text = joined(lines)
    folded = fold_chars(text.text)
    last = None
    for last in re.finditer(r"\bc\w{1,3}\s+(?=\S)", folded):
        pass
    if last is None:
        return None
    rest = text.text[last.end():]
    about = re.search(r"\sv[e€]\s", folded[last.end():])
    if len(rest.split()) > 1 and rest[:1].isupper() and UNIT_START.match(folded, last.end()) and not about:
        return squash(rest), text.span(last.end())
    return None


def builder(lines: list[Line]) -> tuple[str, Span] | None:
    """"<unit> xây dựng / ban hành Kế hoạch": the last unit named in that clause."""
    text = joined(lines)
    folded = fold_chars(text.text)
    verb = re.search(r"\s(x\S{1,2}y d\S{1,2}ng|b\S{1,2}n h\S{1,2}nh)\s+k\S{0,3}\s+h\S{1,3}ch\b", folded)
    if not verb:
        return None
    clause_start = max(folded.rfind(mark, 0, verb.start()) for mark in (";", ". ", ":")) + 1
    starts = [m for m in UNIT_START.finditer(folded, clause_start, verb.start()) if text.text[m.start()].isupper()]
    if not starts:
        return None
    name = squash(re.sub(r"\([^)]*\)", " ", text.text[starts[-1].start(): verb.start()]))
    return name, text.span(starts[-1].start(), verb.start())


def caption_owner(lines: list[Line]) -> tuple[str, Span] | None:
    for line in lines:
        folded = fold_chars(line.text)
        match = re.search(r"kem theo .*?\bc\w{1,3}\s+(?=(uy ban|ubnd|so)\b)", folded)
        if match:
            return squash(line.text[match.end():].rstrip(" )")), Span(line.number, line.number)
    return None


def level_of(name: str, given: str | None) -> str | None:
    """The plan's level from its issuer: Sở → department, huyện/quận/thị xã → district (before
    2025's reform), xã → commune, phường → ward, thành phố/tỉnh → city."""
    if given in LEVELS:
        return given
    folded = fold(name)
    for level, pattern in LEVEL_WORDS:
        if re.search(pattern, folded):
            return level
    return None


def read_signoff(plan: Plan, lines: list[Line]) -> None:
    """Recipients, signature titles and the signer's name, from ``Nơi nhận`` to the end of the body.

    The recipients and the signature stand side by side: extracted text
    interleaves them on one line, a table cell (`` | ``) puts each column in
    one piece. Titles are cut out of every line first; what remains is read
    as recipients (after ``Nơi nhận:`` or a bullet) or as the signer's name.
    """
    titles: list[str] = []
    for line in lines:
        text = line.text
        matches = [m for m in SIGN_TITLE.finditer(fold_chars(text)) if upper_ratio(text[m.start(): m.end()]) > 0.8]
        titles.extend(title_text(match) for match in matches)
        for match in reversed(matches):
            text = text[: match.start()] + " " + text[match.end():]
        for cell in (squash(cell) for cell in text.split("|")):
            head = RECIPIENTS.match(fold_chars(cell))
            if head or cell.startswith(("-", "+", "•")):
                listed, name = trailing_name(cell[head.end():] if head else cell)
                if name and titles and plan.signer is None:
                    plan.signer = name
                plan.recipients.extend(recipients(listed))
            elif titles and plan.signer is None and is_name(cell):
                plan.signer = cell
    plan.signer_title = " / ".join(dict.fromkeys(titles)) or None


def recipients(text: str) -> list[str]:
    """The items of a recipient list (``- UBND tỉnh; - Lưu: VT.``), the archive copy (``Lưu``) left out."""
    items = (item.lstrip("-+• ").strip(" ;,.:") for item in re.split(r";\s*(?=[-+•])", text))
    return [item for item in items if item and not fold(item).startswith("luu")]


def trailing_name(text: str) -> tuple[str, str | None]:
    """A recipient line and the signer's name printed beside it (``- Lưu: VT. Nguyễn Văn An``):
    the name is the last line of the signature, level with the last recipient."""
    listed, stop, tail = text.rpartition(". ")
    return (listed + ".", tail.strip()) if stop and is_name(tail.strip()) else (text, None)


def title_text(match: re.Match) -> str:
    prefix = f"{match.group(1).upper()}. " if match.group(1) else ""
    vice = "PHÓ " if match.group(2) else ""
    return prefix + vice + TITLE_WORDS[match.group(3)]


def is_name(text: str) -> bool:
    """A personal name: two to five capitalised words and nothing else."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower()) for word in words
    )
