"""Resolutions, and the action programmes they issue, read as what they are.

A Government resolution that issues an action programme (03/NQ-CP, 71/NQ-CP)
prints: its issuer (``CHÍNH PHỦ``) beside the motto, ``Số: 71/NQ-CP``, the
place and date, the heading ``NGHỊ QUYẾT`` and its subject, the issuer again,
the legal basis (``Căn cứ …``, ``Theo đề nghị …``), ``QUYẾT NGHỊ:``, its
articles (``Điều 1.`` …), recipients and the signature (``TM. CHÍNH PHỦ`` /
``THỦ TƯỚNG``). Attached are the programme (``CHƯƠNG TRÌNH HÀNH ĐỘNG``, under
the caption "(Ban hành kèm theo Nghị quyết số …)", sections ``I.``, ``II.``
with tasks in prose) and its appendices: indicators, and the numbered task
list whose row numbers are the items plans cite ("Stt nhiệm vụ trong NQ 71").
A Politburo resolution prints no articles: its sections follow its subject.

Any part may reach a user as a file of its own (the task list as a separate
PDF or web page): its caption names the resolution it belongs to, and it is
read as that part of it. An article's "sửa đổi, bổ sung" and "thay thế" say
which earlier resolution it amends and replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import body, citations, header, layout, organisation
from loaders.layout import Line, fold_chars, join, joined, upper_ratio
from loaders.model import Appendix, Citation, Plan, Section, Source
from loaders.text import fold, squash
from loaders.units import resolve_issuer

# The words of a resolution's heading, and of a programme's (folded letters only).
RESOLUTION = "nghi quyet"
PROGRAMME = re.compile(r"^chuong trinh(?: hanh dong)?$")
# "(Ban hành) kèm theo Nghị quyết số …": a part's caption naming the resolution it belongs to.
ATTACHED = re.compile(r"\bk\w{1,2}m\s+theo\s+(?:nghi\s+quyet|nq)\b")
DECIDES = re.compile(r"^quyet nghi\s*:?$")
ARTICLE = re.compile(r"^dieu\s+(\d{1,3})\s*[.:]\s*")
# In an article, the verbs that say what it does to the resolution it names next.
AMENDS = re.compile(r"\b(?:sua doi|bo sung)\b")
REPLACES = re.compile(r"\bthay the\b")
OPENING_LINES = 60     # how far down a resolution's heading, or a part's caption, is printed


def letters(line: Line) -> str:
    return re.sub(r"[^a-z ]", "", fold(line.text)).strip()


def is_resolution_heading(line: Line) -> bool:
    return letters(line) == RESOLUTION and upper_ratio(line.text) > 0.7


def is_programme_heading(line: Line) -> bool:
    return bool(PROGRAMME.match(letters(line))) and upper_ratio(line.text) > 0.7


def caption_of(lines: list[Line]) -> int | None:
    """Where, among the first lines under a part's heading, its caption names a resolution."""
    return next((index for index, line in enumerate(lines[:6]) if ATTACHED.search(fold_chars(line.text))), None)


def opens(lines: list[Line], appendix_lines: list[list[Line]]) -> bool:
    """Whether a document is a resolution or a part of one.

    A resolution prints ``NGHỊ QUYẾT`` alone on a line before any ``KẾ HOẠCH``
    heading; a part opens with the programme's heading or an appendix heading
    whose caption says "kèm theo Nghị quyết số …".
    """
    for index, line in enumerate(lines[:OPENING_LINES]):
        if header.is_heading(line) and not is_programme_heading(line):
            return False  # a plan's heading comes first: the plan's title may name a resolution
        if is_resolution_heading(line):
            return True
        if is_programme_heading(line):
            return caption_of(lines[index + 1:]) is not None
    # an appendix printed alone, under whatever a web page prints above it
    return bool(appendix_lines) and len(lines) < OPENING_LINES and caption_of(appendix_lines[0][1:]) is not None


@dataclass
class Parts:
    """Where the parts of a resolution stand among its lines (indexes)."""

    heading: int | None        # NGHỊ QUYẾT; None for a part read alone
    title_end: int
    decides: int | None        # QUYẾT NGHỊ:
    signoff: int
    programme: int             # the programme's heading; len(lines) when not attached


def read(plan: Plan, source: Source, lines: list[Line], appendices: list[Appendix],
         appendix_lines: list[list[Line]]) -> list[citations.Region]:
    """Fill ``plan`` from a resolution (or a part of one) and return the regions to read its citations from.

    Its tables are read by the caller, as a plan's are.
    """
    plan.kind = "NQ"
    parts = locate(lines)
    if parts.heading is not None:
        regions = read_resolution(plan, lines, parts)
    else:
        regions = read_part(plan, lines, appendices, appendix_lines)
    if parts.programme < len(lines):
        regions += read_programme(plan, lines[parts.programme:])
    for appendix in appendix_lines:
        regions.append(citations.Region(joined(appendix), table=True))
    return regions


def locate(lines: list[Line]) -> Parts:
    heading = next((i for i, line in enumerate(lines[:OPENING_LINES]) if is_resolution_heading(line)), None)
    programme = next((i for i in range(heading or 0, len(lines)) if is_programme_heading(lines[i])
                      and caption_of(lines[i + 1:]) is not None), len(lines))
    if heading is None:
        return Parts(None, 0, None, programme, programme)
    issuer = {fold(line.text) for line in lines[:heading] if upper_ratio(line.text) > 0.7}
    stops = lambda line: fold(line.text) in issuer or bool(DECIDES.match(fold(line.text))) or \
        bool(ARTICLE.match(fold(line.text)))
    title_end = header.title_end(lines, heading + 1, None, stops)
    decides = next((i for i in range(title_end, programme) if DECIDES.match(fold(lines[i].text))), None)
    signoff = next((i for i in range(decides or title_end, programme) if header.is_signoff(lines[i])), programme)
    return Parts(heading, title_end, decides, signoff, programme)


def read_resolution(plan: Plan, lines: list[Line], parts: Parts) -> list[citations.Region]:
    """Identity, issuer, legal basis, articles and sign-off of the resolution itself."""
    outline = header.Outline(parts.heading, parts.title_end, parts.title_end, parts.signoff,
                             header=(0, parts.heading), title_start=parts.heading + 1)
    header.read_identity(plan, lines, outline)
    found = header.header_issuer(lines, outline)
    if found is None:
        plan.warn(lines[parts.heading].number, "no-issuer", "no issuing body printed above the heading")
    else:
        read_issuer(plan, *found)
    header.read_signoff(plan, lines[parts.signoff: parts.programme])
    title = joined(lines[parts.heading + 1: parts.title_end])
    regions = [citations.Region(title, implements=bool(citations.NESTED.search(fold_chars(title.text))))]
    opening = parts.title_end
    if opening < len(lines) and plan.issuer and fold(lines[opening].text) == fold(plan.issuer.printed):
        opening += 1  # the issuer printed again over the legal basis
    body_start = parts.decides + 1 if parts.decides is not None else opening
    if parts.decides is not None:
        from loaders.parse import basis_clauses

        regions += [citations.Region(clause, basis=True) for clause in basis_clauses(lines[opening: parts.decides])]
        regions += read_articles(plan, lines[body_start: parts.signoff])
    else:  # a resolution without articles (the Politburo's): its sections follow the subject
        roots = body.outline(plan, lines[body_start: parts.signoff])
        body.emit(plan, roots, plan.issuer)
        regions.append(citations.Region(joined(lines[body_start: parts.signoff])))
    return regions


def read_issuer(plan: Plan, printed: str, span) -> None:
    plan.issuer = resolve_issuer(printed, span)
    plan.issuer.printed = printed
    plan.level = header.level_of(plan.issuer.name or printed, plan.issuer.level)
    if plan.level is None:
        plan.warn(span.first, "no-level", f"{plan.issuer.name}: the level of the issuing body is not known")


def read_articles(plan: Plan, lines: list[Line]) -> list[citations.Region]:
    """Each article a section; the resolutions an article amends or replaces, by the verb before their number."""
    starts = [i for i, line in enumerate(lines) if ARTICLE.match(fold(line.text))]
    regions = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        article = lines[start:end]
        number = ARTICLE.match(fold(article[0].text)).group(1)
        text = joined(article)
        plan.sections.append(Section(f"Điều {number}", first_sentence(join(article)), layout.span_of(article)))
        regions.append(citations.Region(text))
    return regions


def first_sentence(text: str) -> str:
    """An article's title: its words up to the first full stop, without "Điều N."."""
    text = re.sub(r"^\S+\s+\d+\s*[.:]\s*", "", text)
    return squash(re.split(r"(?<=[.;])\s", text, maxsplit=1)[0]).rstrip(".;")[:200]


def acts(plan: Plan, regions: list[citations.Region]) -> None:
    """Mark the resolutions the articles amend and replace: the first one named after the verb, in its clause."""
    by_number = {citation.number: citation for citation in plan.citations}
    for region in regions:
        if region.basis or region.table or region.implements:
            continue
        folded = fold_chars(region.text.text)
        for verb, flag in ((AMENDS, "amends"), (REPLACES, "replaces")):
            for match in verb.finditer(folded):
                clause_end = min((m.start() for m in re.finditer(r"[;.](?:\s|$)", folded[match.end():])),
                                 default=len(folded) - match.end()) + match.end()
                named = next((m for m in region.mentions if match.end() <= m.start < clause_end
                              and m.doc_type == "NQ"), None)
                if named is not None and named.number in by_number:
                    setattr(by_number[named.number], flag, True)


def read_part(plan: Plan, lines: list[Line], appendices: list[Appendix],
              appendix_lines: list[list[Line]]) -> list[citations.Region]:
    """A part printed alone: its heading and title, and the resolution its caption names."""
    if lines and any(is_programme_heading(line) for line in lines):
        start = next(i for i, line in enumerate(lines) if is_programme_heading(line))
        heading, rest, name = lines[start], lines[start + 1:], "Chương trình hành động"
    else:
        heading, rest = appendix_lines[0][0], appendix_lines[0][1:]
        name = f"Phụ lục {appendices[0].number}".strip()
    at = caption_of(rest)
    caption = rest[at]
    plan.part = name
    plan.title = squash(f"{name} {join(rest[:at])}") if at else name
    found = citations.find(citations.Region(joined([caption])))
    parent = next((m for m in found if m.doc_type == "NQ"), None)
    if parent is not None:
        plan.part_of = Citation(parent.number, parent.printed, parent.span, doc_type="NQ", issuer=parent.issuer,
                                date=parent.date)
        if parent.issuer:
            read_issuer(plan, parent.issuer, parent.span)
    else:
        plan.warn(caption.number, "part-unread", f"{name}: its caption names no resolution: {caption.text[:60]!r}")
    return []


def read_programme(plan: Plan, lines: list[Line]) -> list[citations.Region]:
    """The attached programme: sections, tasks in prose and who is responsible, under its caption."""
    at = caption_of(lines[1:]) + 1
    plan.sections.append(Section("", squash(f"Chương trình hành động {join(lines[1:at])}"),
                                 layout.span_of(lines[: at + 1])))
    rest = lines[at + 1:]
    roots = body.outline(plan, rest)
    body.emit(plan, roots, plan.issuer)
    for root in roots:
        if body.is_organisation(root):
            organisation.read_responsibilities(plan, body.duties(root), plan.issuer)
    return [citations.Region(joined(lines[: at + 1])), citations.Region(joined(rest))] if rest else []


def number_items(plan: Plan) -> None:
    """The rows of a programme's task lists are its items, by the number they print."""
    for task in plan.tasks:
        if task.origin == "appendix" and task.numbered and re.fullmatch(r"\d{1,3}(?: \(\d{1,3}\))?", task.number):
            task.item = task.number
