"""The identity of a plan: issuer, number, date, title, signature and recipients.

A plan's first page prints the issuer (upper left, often two lines), the
national motto (upper right, often interleaved with the issuer on one line of
extracted text), ``Số: 19/KH-UBND``, ``<place>, ngày 15 tháng 8 năm 2025``,
then the ``KẾ HOẠCH`` heading and its title. Its last page prints ``Nơi
nhận:`` with the recipients, the signature titles and the signer's name.
Everything is matched on folded text so that OCR'd, diacritic-less copies read
the same way.

Legal portals re-lay the first page: the heading line may be dropped (the
header block then ends at its last number, place-date or motto line), the
issuer cut to ``ỦY BAN NHÂN DÂN`` (completed from the plan's province and
place), the motto split or set beside the issuer, and lines of the portal's
own added (``Người ký: …``). The words of mottos, portal labels and markings
are in ``data/reference/header_words.csv``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from loaders import places, register
from loaders.layout import Line, fold_chars, join, joined, upper_ratio
from loaders.model import Plan, Span
from loaders.text import fold, squash, unbracketed

WORDS = Path(__file__).resolve().parent.parent / "data" / "reference" / "header_words.csv"
HEADING = re.compile(r"^(ke hoach|chuong trinh)\b")
HEADINGS = {"ke hoach": "Kế hoạch", "ke hoach hanh dong": "Kế hoạch hành động",
            "chuong trinh": "Chương trình", "chuong trinh hanh dong": "Chương trình hành động"}
# The kind of document a plan's number names (``19/KH-UBND``, ``56/KHHĐ-SNV``), for a plan printing no title.
NUMBER_KINDS = {"kh": "Kế hoạch", "khhd": "Kế hoạch hành động", "ctr": "Chương trình",
                "ctrhd": "Chương trình hành động"}
NUMBER = re.compile(r"\bs[o0-9]?\s*:[\s.…_]*+(\d*+)[\s.…_]*+/\s*([a-z0-9][a-z0-9-]*)")
# The date of a place-date line, a blank left for the day or the month (spaces, dots) read as none.
# Runs of blanks are matched possessively and a run of spaces only from its start, so that a line of
# thousands of spaces or dots costs a pass over it, not one per character (NUMBER and MOTTO alike).
DATE = re.compile(r"(?:,\s*|(?<!\s)\s+)ngay[\s.…_]*+(\d{0,2})[\s.…_]*+th\w{2,3}g[\s.…_]*+(\d{0,2})[\s.…_]*+n\w{1,2}m\s*(\d{4})")
# Where a motto starts, even OCR-damaged ("Poc 1ap - Tu do"): a header line is cut there.
MOTTO = re.compile(r"cong hoa\b|doc lap\b|(?<!\S)\S+ \S+ ?- ?t\w do\b|t\w do - hanh")
# A portal's page title over the text: "Kế hoạch 210/KH-UBND năm 2025 thực hiện …".
PAGE_TITLE = re.compile(r"^(?:ke hoach|chuong trinh)(?: hanh dong)?(?: so)?\s*(\d+)\s*/\s*([a-z0-9][a-z0-9-]*)")
# The words that say a text is a plan when no heading line does: "ban hành Kế hoạch".
PLAN_WORDS = re.compile(r"\b(?:ban hanh|xay dung)\s+(?:ke hoach|chuong trinh)\b")
BASIS_START = re.compile(r"^(can cu|thuc hien|trien khai thuc hien)\b")
RECIPIENTS = re.compile(r"^noi\s+nh\w{0,2}n\s*:?")
SIGN_TITLE = re.compile(
    r"\b(?:(tm|kt)\s*\.\s*)?(ph\w?\s+)?(chu tich|giam doc|uy ban nhan dan|truong phong|truong ban|bi thu|thu tuong"
    r"|chinh phu|bo truong)\b"
)
TITLE_WORDS = {
    "chu tich": "CHỦ TỊCH",
    "giam doc": "GIÁM ĐỐC",
    "uy ban nhan dan": "ỦY BAN NHÂN DÂN",
    "truong phong": "TRƯỞNG PHÒNG",
    "truong ban": "TRƯỞNG BAN",
    "bi thu": "BÍ THƯ",
    "thu tuong": "THỦ TƯỚNG",
    "chinh phu": "CHÍNH PHỦ",
    "bo truong": "BỘ TRƯỞNG",
}
# Words that open the name of an issuing unit, when capitalised in the text.
UNIT_START = re.compile(
    r"(?<![\w(/-])(u\w? ban nh\w{1,2}n d\w{1,2}n|ubnd|s[o&]|h\w{1,2}i d\w{1,3}ng nh\w{1,2}n d\w{1,2}n|ban)(?!\w)"
)
# Unit kinds in an issuer's name, most specific first; tolerant of OCR ("x&", "phwong").
LEVEL_WORDS = (("department", r"\bs[o&](?=[\s,]|$)"),
               ("district", r"\b(?:uy ban nhan dan|ubnd)\s+(?:huy\wn|qu\wn|th\w x[a&43])\b"),
               ("commune", r"\bx[a&43](?=\s|$)"), ("ward", r"\bph[uwy]\w{0,2}ng\b"), ("city", r"\b(th\wnh ph\w|tinh)\b"))
LEVELS = ("department", "district", "commune", "ward", "city", "national")
HEADER_LINES = 20     # how far down a header block may reach


@cache
def header_words(kind: str) -> tuple[str, ...]:
    """The folded words of ``header_words.csv`` of one kind: ``motto``, ``portal`` (a legal portal's
    labels) or ``marking`` (``DỰ THẢO``, ``KHẨN``)."""
    with WORDS.open(encoding="utf-8") as handle:
        return tuple(fold(row["text"]) for row in csv.DictReader(handle) if row["kind"] == kind)


@cache
def _portal() -> re.Pattern:
    return re.compile(rf"^(?:{places.alternation(header_words('portal'))})\s*:")


def is_portal(line: Line) -> bool:
    """A line a legal portal prints about the document: ``Người ký: …``, ``Số hiệu: | 86/KH-UBND``."""
    return bool(_portal().match(fold(line.text)))


def is_marking(line: Line) -> bool:
    return re.sub(r"[^a-z ]", "", fold(line.text)).strip() in header_words("marking")


def is_page_title(line: Line) -> bool:
    return bool(PAGE_TITLE.match(fold_chars(line.text))) and upper_ratio(line.text) < 0.7


def without_furniture(lines: list[Line]) -> list[Line]:
    """The lines of the plan itself: a portal's own lines above or below the text, and markings
    (``DỰ THẢO``, ``KHẨN``) standing alone in the opening, left out."""
    top = 0
    while top < len(lines) and (is_portal(lines[top]) or is_page_title(lines[top])):
        top += 1
    bottom = len(lines)
    while bottom > top and is_portal(lines[bottom - 1]):
        bottom -= 1
    return [line for index, line in enumerate(lines[:bottom])
            if not (index < top and is_portal(line) or index < top + HEADER_LINES and is_marking(line))]


@dataclass
class Outline:
    """Where the parts of a plan sit, as indexes into its cleaned lines."""

    heading: int | None      # the KẾ HOẠCH line
    title_end: int           # first line after the title
    sections: int            # first numbered section (end of the legal basis)
    signoff: int             # first line of recipients / signature (end of the body)
    header: tuple[int, int] = (0, 0)   # the header block: issuer, motto, number, place and date
    title_start: int = 0     # the title's first line (title_end when there is none)
    page_title: int | None = None      # a portal's page title naming the plan


def outline(lines: list[Line], gap: int | None, opens_body: Callable[[Line], bool]) -> Outline:
    """Find the header block, the heading and the title.

    The title ends at a gap wider than the usual ``gap``, a line opening the
    legal basis, or the first numbered section (``opens_body``). A page that
    prints no heading line has its header block end at the last line
    printing the number, the place-date or the motto; a title, if any,
    follows it (a legal basis sentence, ending in ``;`` or ``:``, is none).
    """
    page_title = 0 if lines and is_page_title(lines[0]) else None
    top = 0 if page_title is None else 1
    heading = next((i for i, line in enumerate(lines[:80]) if is_heading(line)), None)
    if heading is None:
        start = header_end(lines, top)
        end = title_end(lines, start, gap, opens_body)
        if any(line.text.endswith((";", ":", ".")) for line in lines[start:end]):
            end = start
        return Outline(None, end, end, len(lines), (top, start), start, page_title)
    end = heading + 1
    if end < len(lines) and not (fold(lines[end].text).startswith("can cu") or opens_body(lines[end])):
        end = title_end(lines, end, gap, opens_body)  # the title's first line, even when it opens with "Thực hiện …"
    return Outline(heading, end, end, len(lines), (top, heading), heading + 1, page_title)


def title_end(lines: list[Line], start: int, gap: int | None, opens_body: Callable[[Line], bool]) -> int:
    """The end of a title that would start at ``start``: ``start`` itself where the legal basis or the body opens."""
    if start >= len(lines) or fold(lines[start].text).startswith("can cu") or opens_body(lines[start]):
        return start
    end = start + 1
    while end < len(lines) and not (gap is not None and lines[end].gap > gap or starts_basis(lines[end])
                                    or opens_body(lines[end])):
        end += 1
    return end


def header_end(lines: list[Line], start: int) -> int:
    """Where a header block printed without a heading line ends: after the last of its first
    lines that prints the number, the place-date or the motto, all lines above being header lines
    (capitals, rules, those lines)."""
    end, pending = start, None
    for index in range(start, min(len(lines), start + HEADER_LINES)):
        text = lines[index].text
        rest, pending = without_motto(text, pending)
        folded = fold_chars(text)
        if rest != text or NUMBER.search(folded) or place_date(text) is not None:
            end = index + 1
        elif upper_ratio(text) <= 0.7 and any(char.isalpha() for char in text):
            break
    return end


def names_a_plan(lines: list[Line], parts: Outline) -> bool:
    """Whether a text without a heading line still says it is a plan: a portal's page title
    naming it, a plan's number (``Số: 45/KH-SYT``), or "<unit> ban hành Kế hoạch" in its opening."""
    head = fold_chars(joined(lines[slice(*parts.header)]).text)
    number = NUMBER.search(head)
    opening = fold_chars(joined(lines[: parts.header[1] + HEADER_LINES]).text)
    return parts.page_title is not None or bool(number and number_kind(number)) or bool(PLAN_WORDS.search(opening))


def without_motto(text: str, pending: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    """``text`` with the national motto cut out, and where the motto stops if it goes on below.

    A header line is cut where a motto starts (tolerant of OCR); elsewhere, a
    run of three words of a motto goes, or of two that carry on the words a
    line above left off (``CỘNG HÒA XÃ HỘI`` / ``TỈNH LÂM ĐỒNG CHỦ NGHĨA VIỆT NAM``).
    ``pending`` is (motto, index of its next word). Runs are cut one after
    another in a loop, so that a line repeating a motto thousands of times
    exhausts no stack; where the motto stops is the one the first run cut gives.
    """
    cuts = []  # where the motto goes on after each run cut
    while True:
        folded = fold_chars(text)
        start = MOTTO.search(folded)
        if start:
            text, left = text[: start.start()], motto_left(folded[start.start():])
            break
        run = motto_words(folded, pending)
        if run is None:
            left = None
            break
        begin, end, pending = run
        text = text[:begin] + text[end:]
        cuts.append(pending)
    return text, cuts[0] if cuts else left


def motto_words(folded: str, pending: tuple[int, int] | None) -> tuple[int, int, tuple[int, int] | None] | None:
    """The first run of three words of a motto in ``folded``, or of two carrying on ``pending``: where
    it starts and ends, and where the motto goes on after it."""
    words = list(re.finditer(r"[a-z0-9]+", folded))
    for first in range(len(words)):
        for number, motto in enumerate(mottos()):
            length, at = motto_run(words[first: first + len(motto)], motto)
            if length >= 3 or length >= 2 and pending == (number, at):
                left = (number, at + length) if at + length < len(motto) else None
                return words[first].start(), words[first + length - 1].end(), left
    return None


@cache
def mottos() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(re.findall(r"[a-z0-9]+", motto)) for motto in header_words("motto"))


def motto_run(words: list[re.Match], motto: tuple[str, ...]) -> tuple[int, int]:
    """How many of ``words`` read as consecutive words of ``motto``, and where in it they start."""
    best = (0, 0)
    for at in (i for i, word in enumerate(motto) if words and word == words[0].group()):
        length = 0
        while length < len(words) and at + length < len(motto) and words[length].group() == motto[at + length]:
            length += 1
        best = max(best, (length, at))
    return best


def motto_left(folded: str) -> tuple[int, int] | None:
    """Where a motto cut short at the end of ``folded`` (a line's motto part) goes on."""
    words = list(re.finditer(r"[a-z0-9]+", folded))
    for first in range(max(len(words) - max(map(len, mottos())), 0), len(words)):  # a run ending the line
        for number, motto in enumerate(mottos()):
            length, at = motto_run(words[first: first + len(motto)], motto)
            if length >= 2 and first + length == len(words):
                return (number, at + length) if at + length < len(motto) else None
    return None


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

    The header block is read as one text: extraction may put the number, the
    place and the date on one line with the motto, or split them. Without a
    ``Số:`` line, a portal's page title gives the number. A plan printing no
    title is named by the kind its number gives, and warned.
    """
    head = joined(lines[slice(*parts.header)])
    printed, number = head.text, NUMBER.search(fold_chars(head.text))
    if number is None and parts.page_title is not None:
        printed = lines[parts.page_title].text
        number = PAGE_TITLE.match(fold_chars(printed))
    if number:
        plan.number_printed = squash(printed[number.start(): number.end()])
        digits, code = number.group(1), printed[number.start(2): number.end(2)]
        plan.number = f"{digits}/{code}" if digits else None
    when = DATE.search(fold_chars(head.text))
    if when:
        plan.place = place_before(head.text[: when.start()])
        day, month, year = (int(value) if value else None for value in when.groups())
        plan.date = valid_date(year, month, day)
    title = join(lines[parts.title_start: parts.title_end])
    if parts.heading is not None:
        plan.title = squash(f"{heading_name(lines[parts.heading].text)} {title}")
    else:
        plan.title = title or (join([lines[parts.page_title]]) if parts.page_title is not None else "")
    if not plan.title:
        kind = (number and number_kind(number)) or "Kế hoạch"
        plan.title = f"{kind} số {plan.number}" if plan.number else kind
        plan.warn(lines[0].number if lines else 1, "no-title", f"no title printed; named {plan.title!r}")


def number_kind(number: re.Match) -> str | None:
    """The kind of plan a number's type code names: ``KHHĐ`` → ``Kế hoạch hành động``."""
    return NUMBER_KINDS.get(number.group(2).split("-")[0])


def heading_name(text: str) -> str:
    """The document kind the heading prints, in sentence case: ``KẾ HOẠCH HÀNH ĐỘNG`` → ``Kế hoạch hành động``."""
    words = re.sub(r"[^a-z ]", "", fold(text)).split()
    known = HEADINGS.get(" ".join(words))
    return known or squash(text).capitalize()


def place_date(text: str) -> int | None:
    """Where the place of a place-date line (``Nghệ An, ngày 20 tháng 5 năm 2025``) starts in ``text``."""
    for when in DATE.finditer(fold_chars(text)):
        place = place_before(text[: when.start()])
        if place:
            found = text.rfind(place, 0, when.start())
            return found if found >= 0 else when.start()
    return None


def place_before(text: str) -> str | None:
    """The place name ending ``text``: the capitalised words before ", ngày" (``Hải Phòng``, ``TP. Huế``),
    with the words of its kind that open it (``Thành phố Hồ Chí Minh``)."""
    tokens = text.split()
    words: list[str] = []
    for word in reversed(tokens):
        capitalised = word[:1].isupper() and (word.endswith(".") or not word.isupper() or len(word) == 1)
        if not capitalised or len(words) == 5 or any(char.isdigit() or char in "/:" for char in word):
            break
        words.insert(0, word)
    before = tokens[: len(tokens) - len(words)]
    kind = " ".join(before[-2:])
    if words and len(before) >= 2 and kind[:1].isupper() and places.key(kind) in places.kinds():
        words = before[-2:] + words
    return " ".join(words) or None


def valid_date(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def header_issuer(lines: list[Line], parts: Outline) -> tuple[str, Span] | None:
    """The issuer printed in the upper left of the first page, motto, number, place and date cut away."""
    pieces, pending = [], None
    for line in lines[slice(*parts.header)]:
        text, pending = without_motto(line.text, pending)
        number = NUMBER.search(fold_chars(text))
        text = text[: number.start()] if number else text
        place = place_date(text)
        text = squash(text[:place] if place is not None else text).strip(" -–_|")
        if sum(char.isalpha() for char in text) >= 2 and upper_ratio(text) > 0.7:
            pieces.append((text, line.number))
    if not pieces:
        return None
    return " ".join(text for text, _ in pieces), Span(pieces[0][1], pieces[-1][1])


def issuer_name(found: list[tuple[str, Span] | None], place: str | None, province: places.Province | None,
                opening: str) -> tuple[str, str, Span] | None:
    """The issuer's full name, the text printing it and where, from the header block and the text
    (in that order): the first that names a unit in full, else the first that :func:`complete` makes whole."""
    candidates = [pair for pair in found if pair]
    for printed, span in candidates:
        if not bare_committee(printed):
            return printed, printed, span
    for printed, span in candidates:
        name = complete(printed, place, province, opening)
        if name:
            return name, printed, span
    return None


def bare_committee(name: str) -> re.Match | None:
    """``ỦY BAN NHÂN DÂN``, ``UBND tỉnh``, ``Ủy ban nhân dân xã``: a people's committee without its place's
    name; the match's group is the kind word, if any."""
    return _bare().fullmatch(places.key(unbracketed(name)))


@cache
def _bare() -> re.Pattern:
    return re.compile(rf"(?:uy ban nhan dan|ubnd)(?:\s+({places.alternation(places.kinds())}))?")


def complete(name: str, place: str | None, province: places.Province | None, opening: str) -> str | None:
    """The full name of a people's committee printed without its place's name.

    Its kind is the one printed (``UBND tỉnh``), or the one the text gives the
    place the plan is dated from (``trên địa bàn xã Diễn Châu``). A province's
    or a centrally run city's committee is the plan's province's, as is a
    committee of no kind dated from its province; a commune's, ward's or
    district's is named by the place, its kind the register's where the text
    prints none and the register has one unit of that name (in the plan's
    province, when known). None when neither says.
    """
    bare = bare_committee(name)
    printed_kind, local = places.split_kind(place) if place else (None, None)
    kind = places.kinds()[bare.group(1)] if bare.group(1) else printed_kind or kind_before(place, opening)
    if province and (province.kind == kind or kind is None and places.named(place) == province):
        return province.committee
    if kind and kind != "tỉnh" and local and places.named(local) is None:
        return f"Ủy ban nhân dân {kind} {local}"
    if kind is None and local and places.named(local) is None:
        units = [unit for unit in register.find(local) if unit.parent
                 and (province is None or register.within(unit, province.name))]
        return units[0].committee if len(units) == 1 else None
    return None


def kind_before(place: str | None, text: str) -> str | None:
    """The kind of place the text prints before ``place`` (``xã`` in "trên địa bàn xã Diễn Châu")."""
    if not place:
        return None
    found = re.search(rf"\b({places.alternation(places.kinds())})\s+{re.escape(places.key(place))}\b",
                      places.key(text))
    return places.kinds()[found.group(1)] if found else None


def province_of(block: str | None, place: str | None, opening: str) -> places.Province | None:
    """The plan's province: named in its issuer block, as the place it is dated from (unless the text
    names that place a commune's, ward's or district's), or first in its opening text."""
    local = kind_before(place, f"{block or ''} {opening}") not in (None, *places.PROVINCE_KINDS)
    return (places.mentioned(block) if block else None) or (None if local else places.named(place)) or \
        places.mentioned(opening)


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
    name = squash(unbracketed(text.text[starts[-1].start(): verb.start()]))
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
