"""Document numbers a plan cites, normalised, with their issuer and date.

Two numbering styles exist: the Party's ``57-NQ/TW`` (number-type/issuer)
and the State's ``71/NQ-CP`` or ``02/2025/TT-BGDĐT`` (number[/year]/type-
issuer); the National Assembly's ``193/2025/QH15`` has no type. Numbers are
recognised by that shape, whatever their type (``1560-CV/TU``, ``56/KHHĐ-SNV``,
``05-HD/BTGDVTW``), codes being printed in capitals. Texts mix the styles up
(``71-NQ/CP``): the issuer code decides which style is right, so ``71-NQ/CP``
becomes ``71/NQ-CP`` while ``71-NQ/TW`` (a Politburo resolution) stays what
it is. Matching runs on folded text, so OCR'd copies read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loaders.header import valid_date
from loaders.layout import Joined, fold_chars
from loaders.model import Citation, Plan, Span
from loaders.text import squash

# The spelling of document type codes that are not printed in plain capitals, folded ("qb", "qp": OCR's
# readings of QĐ); other types are spelt as printed.
TYPES = {"nq": "NQ", "ctr": "CTr", "qd": "QĐ", "qb": "QĐ", "qp": "QĐ", "nd": "NĐ", "qdi": "QĐi"}
PARTY_ISSUERS = {"tw", "tu", "du", "hu", "bcs", "bct"}
STATE_ISSUERS = {"cp", "ttg", "ubnd", "hdnd", "qh"}
# Issuer codes as they are spelt: "TTg"; OCR drops the bar of Đ ("BGDDT").
ISSUER_SPELLING = {"TTG": "TTg", "BGDDT": "BGDĐT"}
_TYPE = r"[a-z]{1,6}"
# A dash between codes, spaced by a wrap ("708/BTTTT- CATTT"), after OCR's stray quote ("TT’— BGDDT").
_DASH = r"\s*['’`]?\s*[-–—]\s*"
# A number, one digit of it set apart by OCR ("11 0/KH-UBND" for 110/KH-UBND).
_NUMBER = r"(\d{1,4}|\d{1,3} \d)"
PARTY = re.compile(rf"(?<![\w/.,])(?!0\D){_NUMBER}{_DASH}({_TYPE})\s*/\s*([a-z][a-z0-9]{{1,8}})(?![\w-])")
STATE = re.compile(
    rf"(?<![\w/.,])(?!0\D){_NUMBER}\s*/\s*(?:(\d{{4}})\s*/\s*)?({_TYPE}){_DASH}([a-z][a-z0-9]{{0,10}})(?![\w/])"
)
TYPE_GROUP = {"party": 2, "state": 3}
ASSEMBLY = re.compile(r"(?<![\w/.,])(\d{1,4})\s*/\s*(\d{4})\s*/\s*(qh\d{1,2})(?![\w/])")
# A word with a letter before the type code; its digits up to the first letter are taken possessively,
# so that a word of thousands of letters costs a pass over it, not one per letter.
DAMAGED = re.compile(r"(?<![\w/-])[0-9]*+[a-z][a-z0-9]*(nq|kh|ctr)(?:-(cp|ubnd|ttg)|/(tw|tu))\b")
DATE_AFTER = re.compile(
    r"\s*,?\s*ngay\s*(\d{1,2})\s*(?:/\s*(\d{1,2})\s*/\s*(\d{1,4})|th\w{2,3}g\s*(\d{1,2})\s*n\w{1,2}m\s*(\d{4}))"
)
ISSUER_AFTER = re.compile(r"\s*,?\s*c\w{1,3}\s+(?=\S)")
DOC_WORDS = r"(?:nghi quyet|ke hoach|chuong trinh|quyet dinh|thong tu|nghi dinh|ket luan|chi thi|cong van)"
# Where an issuer's name stops: "về …", a verb, punctuation, a number, or "và <another document>".
ISSUER_END = re.compile(
    r"\s+v[e€](?=\s|$)|\s+(?:sua doi|ban hanh|tai|th\w{1,2}c hien|tren dia ban|nham|ngay|dot pha)\b|\s*[,;:.()]|$"
    rf"|\s+\d|\s+n\w{{1,2}}m\b|\s+va\s+{DOC_WORDS}\b"
)
SUBJECT = re.compile(r"\s*:?\s*v[eề€]\s+(?=\S)")
# Where a subject ("về đột phá phát triển …") stops: a clause end, or the next document named.
SUBJECT_END = re.compile(
    rf"\s*[;.(]|\s*,?\s+(?:va\s+)?{DOC_WORDS}\b|\s+cua\s+(?:so|uy ban|ubnd|ban|bo)\b|$"
)
# A subject that only says it carries out the next document named ("về việc thực hiện …") says nothing.
EMPTY_SUBJECT = re.compile(r"\b(?:th\w{1,2}c hien|trien khai|viec)$")
# After a citation, the words that introduce what that document itself carries out.
NESTED = re.compile(r"\b(?:th\w{1,2}c\s+hi\w{1,2}n|tri\w{1,2}n\s+khai)\b")
CLAUSE_END = re.compile(r"[;.](?:\s|$)")
RESOLUTION_WORDS = re.compile(r"nghi quyet\s+(?:so\s+)?$")


@dataclass
class Mention:
    """One printed occurrence of a document number."""

    number: str
    printed: str
    doc_type: str
    start: int
    end: int
    span: Span
    issuer: str | None = None
    subject: str | None = None
    day_month: tuple[int, int] | None = None
    year: int | None = None

    @property
    def date(self) -> date | None:
        if self.day_month and self.year and self.year >= 1900:
            return valid_date(self.year, self.day_month[1], self.day_month[0])
        return None


@dataclass
class Region:
    """A stretch of text to read citations from, and how the plan uses it."""

    text: Joined
    basis: bool = False           # part of the legal basis
    implements: bool = False      # a title or "Thực hiện …" paragraph: its top-level citations are implemented
    self_caption: bool = False    # an appendix caption naming this very plan
    table: bool = False           # table text: columns interleave, so only dates are read after a number
    mentions: list[Mention] = field(default_factory=list)


def normalise(kind: str, groups: tuple[str, ...], printed: str, printed_type: str) -> tuple[str, str]:
    """The canonical number and document type of one match; a number whose first code names
    an issuer (a State công văn, ``1234/UBND-KGVX``) has no type."""
    if kind == "assembly":
        number, year, issuer = groups
        return f"{number}/{year}/{issuer.upper()}", ""
    if kind == "party":
        number, doc_type, issuer, year = groups[0], groups[1], groups[2], None
    else:
        number, year, doc_type, issuer = groups
    number = number.replace(" ", "")
    code = TYPES.get(doc_type) or printed_type.upper()
    spelled = issuer_spelling(printed, issuer)
    typed = "" if doc_type in STATE_ISSUERS | PARTY_ISSUERS else code
    if issuer in STATE_ISSUERS or kind == "state" and issuer not in PARTY_ISSUERS:
        return f"{number}/{year + '/' if year else ''}{code}-{spelled}", typed
    return f"{number}-{code}/{spelled}", typed


def capitals(printed_type: str, printed_issuer: str) -> bool:
    """Whether the codes of a match are printed as codes are: the type opening with a capital,
    the issuer mostly capitals (``TTg``), so that "12/KH - Về việc …" is no number."""
    letters = [char for char in printed_issuer if char.isalpha()]
    return printed_type[:1].isupper() and sum(char.isupper() for char in letters) > len(letters) / 2


def issuer_spelling(printed: str, folded_issuer: str) -> str:
    """The issuer code as printed (diacritics kept: ``BGDĐT``), upper-cased, with the usual ``TTg``."""
    tail = re.split(r"[-–—/]", printed)[-1].strip()
    value = tail.upper() if len(tail) == len(folded_issuer) else folded_issuer.upper()
    return ISSUER_SPELLING.get(value, value)


def find(region: Region) -> list[Mention]:
    """Every document number in the region, in reading order, with its date and issuer."""
    text = region.text.text
    folded = fold_chars(text)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("assembly", ASSEMBLY), ("state", STATE), ("party", PARTY)):
        for match in pattern.finditer(folded):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            printed = squash(text[match.start(): match.end()])
            group = TYPE_GROUP.get(kind)
            printed_type = text[match.start(group): match.end(group)] if group else ""
            if group and not capitals(printed_type, text[match.start(match.lastindex): match.end(match.lastindex)]):
                continue
            number, doc_type = normalise(kind, match.groups(), printed, printed_type)
            if kind == "assembly" and RESOLUTION_WORDS.search(folded[max(0, match.start() - 20): match.start()]):
                doc_type = "NQ"
            mention = Mention(number, printed, doc_type, match.start(), match.end(),
                              region.text.span(match.start(), match.end()))
            read_context(mention, text, folded, dates_only=region.table)
            taken.append((match.start(), match.end()))
            found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


def read_context(mention: Mention, text: str, folded: str, dates_only: bool = False) -> None:
    """Date, issuer and subject printed right after a number:
    ``, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển …``."""
    position = mention.end
    when = DATE_AFTER.match(folded, position)
    if when:
        day, month, year, month_words, year_words = when.groups()
        month, year = month or month_words, year or year_words
        mention.day_month = (int(day), int(month))
        mention.year = int(year)
        position = when.end()
    if dates_only:
        return
    owner = ISSUER_AFTER.match(folded, position)
    if owner and text[owner.end(): owner.end() + 1].isupper():
        stop = ISSUER_END.search(folded, owner.end())
        name = squash(text[owner.end(): stop.start()])
        if 0 < len(name) <= 80:
            mention.issuer = name
            position = stop.start()
    about = SUBJECT.match(folded, position)
    if about:
        stop = SUBJECT_END.search(folded, about.end())
        subject = squash(text[about.end(): stop.start()])
        if 3 <= len(subject.split()) and len(subject) <= 200 and not EMPTY_SUBJECT.search(fold_chars(subject)):
            mention.subject = subject


def implemented(region: Region) -> set[int]:
    """Positions of the citations a "Thực hiện …" text implements directly.

    Its first citation and those listed after it are; one that follows "thực
    hiện" or "triển khai" after another citation is what that one carries out
    ("Kế hoạch số 238/KH-UBND … về thực hiện Kế hoạch hành động số 12-KH/TU",
    "Nghị quyết số 03/NQ-CP … ban hành Chương trình hành động thực hiện Nghị
    quyết số 57-NQ/TW"), and is not. A ``;`` or a full stop ends the clause.
    """
    if not region.implements:
        return set()
    folded = fold_chars(region.text.text)
    result, nested, previous = set(), False, None
    for mention in region.mentions:
        between = folded[previous or 0: mention.start]
        ends = [m.end() for m in CLAUSE_END.finditer(between)]
        if ends:
            nested, previous, between = False, None, between[ends[-1]:]
        nested = nested or previous is not None and bool(NESTED.search(between))
        if not nested:
            result.add(mention.start)
        previous = mention.end
    return result


def warn_unreadable(plan: Plan, region: Region) -> None:
    """A type and issuer code glued to letters where the number should be (``TLINQ-CP``)."""
    for match in DAMAGED.finditer(fold_chars(region.text.text)):
        if not any(m.start <= match.start() < m.end for m in region.mentions):
            printed = region.text.text[match.start(): match.end()]
            plan.warn(region.text.line_at(match.start()), "citation-unreadable",
                      f"cannot read the document number {printed!r}")


def collect(plan: Plan, regions: list[Region]) -> None:
    """Fill ``plan.citations``: one per document, first mention's span, flags from every mention."""
    by_number: dict[str, Citation] = {}
    broken: dict[str, Mention] = {}
    dated: dict[str, date] = {}
    for region in regions:
        region.mentions = [mention for mention in find(region) if mention.number != plan.number]
        direct = implemented(region)
        for mention in region.mentions:
            if region.self_caption and mention.doc_type == "KH":
                continue
            citation = by_number.get(mention.number)
            if citation is None:
                citation = by_number[mention.number] = Citation(
                    mention.number, mention.printed, mention.span, doc_type=mention.doc_type)
            citation.issuer = citation.issuer or mention.issuer
            citation.title = citation.title or mention.subject
            if mention.date:
                dated.setdefault(mention.number, mention.date)
            elif mention.year is not None:
                broken.setdefault(mention.number, mention)
            citation.basis |= region.basis
            citation.implements |= mention.start in direct
        warn_unreadable(plan, region)
    for number, citation in by_number.items():
        citation.date = dated.get(number)
        if citation.date is None and number in broken:
            mention = broken[number]
            plan.warn(mention.span.first, "citation-date",
                      f"{number}: the date is printed incompletely ({mention.day_month[0]}/{mention.day_month[1]}/"
                      f"{mention.year}) and no other mention gives it")
    plan.citations = list(by_number.values())
