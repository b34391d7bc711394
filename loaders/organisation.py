"""Who does what: units named in task text and the organisation section.

Plans assign work in a few fixed sentence shapes: "Giao <unit> chủ trì …",
"<unit> chủ trì, phối hợp với <units> …", "<unit>: Chủ trì …", "<units>
căn cứ … tổ chức triển khai …". The unit phrase is cut out of the sentence by
these shapes (matched on folded text) and handed to ``loaders.units`` to be
resolved; deadlines for reports go to ``loaders.deadlines``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from loaders.deadlines import parse_deadline
from loaders.layout import fold_chars
from loaders.model import Plan, Responsibility, Span, UnitRef
from loaders.text import squash
from loaders.units import is_task_text, names_assignee, resolve_cell

LEAD = r"ch\w\s?tri"
# Verbs that end the unit phrase opening a sentence. Matched only in lower case:
# unit names capitalise their words ("Ban Quản lý", "Phòng Tổng hợp").
VERBS = (
    rf"{LEAD}|ph\w{{1,2}}i hop|can cu|to chuc|chu dong|chiu trach nhiem|co trach nhiem|theo doi|trien khai|"
    r"thuc hien|ra soat|bao cao|tham muu|xay dung|huong dan|phu trach|giup|lam tot|tuyen truyen|tong hop|"
    r"dam bao|day manh|hoan thanh|don doc|nang cao|cung cap|tiep nhan|ban hanh|phat trien|quan ly|kiem tra|"
    r"giam sat|chi dao|theo chuc nang"
)
VERB = re.compile(rf"(?<!cac )(?<!nhung )\b({VERBS})\b")
OPENING = re.compile(r"^(?:(?:can c\w{1,3}|tren co so|\w{1,2}inh ky|hang nam|truoc ngay|trong qua trinh)\b[^,]*,\s*)+")
GIVEN = re.compile(r"^giao\s+(?:cho\s+)?")
COOPERATING = re.compile(rf"\bph\w{{1,2}}i hop\s+(?:v\w{{1,2}}i\s+)?(.+?)(?=\s+(?:{VERBS}|de|trong|tai|nham)\b|[.;:(]|$)")
TASK_LEAD = re.compile(rf"(?:^|[.;]\s+)(?:giao\s+(?:cho\s+)?)?([^.;:]{{3,150}}?)\s*:?\s*{LEAD}\b")
MONITORS = re.compile(r"\b(theo doi|don doc|giam sat|kiem tra)\b")
REPORTS = re.compile(r"\bbao c\wo\b")
REPORT_BY = re.compile(
    r"(?:(?:\w{1,2}inh ky\s+)?h\w{1,2}ng (?:nam|quy|thang)\s+)?"
    r"tru\w{0,2}c ngay \d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?"
    r"(?:\s+h\w{1,2}ng (?:nam|quy|thang))?"
)
ROLE = re.compile(r"^(?:trach nhiem|nhiem vu)\s+(?:cua\s+)?")
MAX_UNIT_WORDS = 25
# Words that open a unit's name: a lead phrase not opening with one is no unit ("đơn vị chủ trì" as a noun).
UNIT_WORDS = re.compile(
    r"^(?:cac\s+)?(?:phong|van phong|trung tam|ban|bo phan|so|uy ban|ubnd|cong an|doan|hoi|to|chi cuc|thanh tra)\b"
)


def unit_phrase(text: str) -> str | None:
    """The words naming who acts, at the start of a sentence, or None."""
    folded = fold_chars(text)
    start = 0
    for opening in (GIVEN, OPENING):
        found = opening.match(folded, start)
        if found:
            start = found.end()
    if VERB.match(folded, start):
        return None  # the sentence opens with what is done, not who does it
    colon = re.match(r"([^:;.]{3,120}):", folded[start:])
    verbs = [m.start() for m in VERB.finditer(folded, start) if text[m.start()].islower()]
    if colon and not (verbs and verbs[0] < start + colon.end(1)):
        end = start + colon.end(1)
    elif verbs:
        end = verbs[0]
    elif UNIT_WORDS.match(folded, start):
        end = start + len(capitalised_run(text[start:]))
    else:
        return None
    phrase = squash(text[start:end]).strip(" ,;-–")
    if not phrase or len(phrase.split()) > MAX_UNIT_WORDS or not (start or phrase[0].isupper()):
        return None
    return phrase


def capitalised_run(text: str) -> str:
    """The words opening ``text`` up to the first lower-case one: a unit name written in title case
    ("Phòng Kế hoạch - Tài chính bố trí …"), when no known verb ends it."""
    words = []
    for word in text.split():
        if words and not (word[:1].isupper() or word in ("-", "–", "và", "&")):
            break
        words.append(word)
    return " ".join(words)


def assignees(text: str, span: Span, issuer: UnitRef | None) -> tuple[list[UnitRef], list[UnitRef]]:
    """Lead and cooperating units of a task, when a sentence of it says "<unit> chủ trì[, phối hợp với …]"."""
    folded = fold_chars(text)
    lead = TASK_LEAD.search(folded)
    if lead is None:
        return [], []
    phrase = squash(text[lead.start(1): lead.end(1)]).strip(" ,;-–")
    if not phrase or len(phrase.split()) > MAX_UNIT_WORDS or not UNIT_WORDS.match(fold_chars(phrase)):
        return [], []
    cooperating = []
    found = COOPERATING.search(folded, lead.end())
    if found:
        cooperating = resolve_cell(squash(text[found.start(1): found.end(1)]), span, issuer)
    return resolve_cell(phrase, span, issuer), cooperating


class Duty(NamedTuple):
    """An item of the organisation section, and the heading it stands under (``1. Văn phòng Sở``);
    ``closing`` for the paragraphs that end the section, which name only whom they ask to act."""

    text: str
    span: Span
    heading: str | None = None
    closing: bool = False


# "… yêu cầu các phòng, ban, ngành, các Tổ dân phố nghiêm túc triển khai …", "Đề nghị các phòng chức năng …".
REQUEST = re.compile(rf"\b(?:yeu cau|de nghi)\s+(.+?)(?=\s+(?:nghiem tuc|kip thoi|{VERBS})\b|[.;:(]|$)")


def heading_unit(heading: str | None) -> str | None:
    """The unit a heading names: ``Văn phòng Sở``, ``Trách nhiệm của Phòng Kinh tế:``."""
    if not heading:
        return None
    start = ROLE.match(fold_chars(heading))
    phrase = heading[start.end() if start else 0:].strip(" :.")
    if UNIT_WORDS.match(fold_chars(phrase)) and len(phrase.split()) <= MAX_UNIT_WORDS:
        return phrase
    return None


def read_responsibilities(plan: Plan, duties: list[Duty], issuer: UnitRef | None) -> None:
    """One :class:`Responsibility` per unit a duty names: the unit it opens with (or the heading
    above it names), the units it works with ("phối hợp với các phòng chuyên môn") and those it asks
    to act ("yêu cầu các phòng, cơ quan trực thuộc triển khai"), each once."""
    for text, span, heading, closing in duties:
        phrase = None if closing else unit_phrase(text) or heading_unit(heading)
        named = others(text)
        if phrase is None and not named:
            if not closing:
                plan.warn(span.first, "no-unit", f"no unit named in {text[:60]!r}")
            continue
        folded = fold_chars(text)
        deadline = None
        when = REPORT_BY.search(folded)
        if when and REPORTS.search(folded):
            deadline = parse_deadline(squash(text[when.start(): when.end()]), span)
        units = [unit for part in ([phrase] if phrase else []) + named for unit in resolve_cell(part, span, issuer)]
        for unit in {unit.key: unit for unit in units}.values():
            plan.responsibilities.append(Responsibility(
                unit, text, span,
                monitoring=bool(MONITORS.search(folded)),
                reporting=bool(REPORTS.search(folded)),
                report_deadline=deadline,
            ))


def others(text: str) -> list[str]:
    """The units a duty works with or asks to act, where it names them: by a unit's name
    (capitalised) or a collective ("các …"), not a common noun ("bộ phận chuyên môn thuộc các sở")."""
    folded = fold_chars(text)
    phrases = []
    for pattern in (COOPERATING, REQUEST):
        for found in pattern.finditer(folded):
            phrase = squash(text[found.start(1): found.end(1)]).strip(" ,;-–")
            if phrase and names_assignee(phrase) and len(phrase.split()) <= MAX_UNIT_WORDS:
                phrases.append(until_task(phrase))
    return phrases


def until_task(phrase: str) -> str:
    """A unit phrase without the task a comma lets follow it: "các phòng chuyên môn, nghiên cứu"."""
    parts = phrase.split(",")
    for index in range(1, len(parts)):
        if is_task_text(parts[index].strip()):
            return ",".join(parts[:index])
    return phrase
