"""Parse a plan (Kế hoạch) from its :class:`~loaders.model.Source` into a :class:`~loaders.model.Plan`.

The document is cut into its parts first: the body, then the appendices at
their real headings (``PHỤ LỤC 1: …``, a line reading ``Phụ lục``), never at a
mention such as "tại Phụ lục 1 kèm theo". The body is read for the plan's
identity (``header``), the documents it cites (``citations``), its sections
and tasks (``body``) and who is responsible for what (``organisation``); each
appendix goes to the table parsers.
"""

from __future__ import annotations

import re
import unicodedata

from loaders import (
    assignment_tables, body, citations, header, indicator_tables, layout, organisation, register, reproductions,
    resolutions,
)
from loaders.layout import Joined, Line, fold_chars, joined, upper_ratio
from loaders.model import Appendix, ParseError, Plan, Source, Span
from loaders.text import fold, squash
from loaders.diacritics import lacks_diacritics, restore
from loaders.units import UNKNOWN_CITY, drop_non_units, from_register, in_register, placed, resolve_issuer

APPENDIX = re.compile(r"^phu luc(?:\s+(?:so\s*)?(\d{1,2}|[ivx]{1,4})\b)?\s*[:.\-–]?\s*")
TABLE_PARSERS = (assignment_tables.parse, indicator_tables.parse)
IMPLEMENTING = re.compile(r"^(?:trien khai(?:\s+thuc hien)?|thuc hien)\b")
# A clause of the legal basis opening after another on the same line: "…; Thực hiện Kế hoạch số …".
CLAUSE_START = re.compile(r"[;.]\s+(?=(?:can cu|thuc hien|trien khai)\b)")
# A line ending in "về" or "việc" goes on with what a document carries out ("về" / "Thực hiện Kế hoạch …").
NESTING_END = re.compile(r"\b(?:ve|viec)$")
# The type code of a plan's number: "19/KH-UBND", "56/KHHĐ-SNV", "18-CTr/TU".
KIND = re.compile(r"^\d+(?:/\d{4})?[/-]([^\W\d_]+)[-/]")


def parse(source: Source, as_printed: bool = False) -> Plan:
    """Read one document; raise :class:`ParseError` when the source is not a plan or a resolution at all.

    A resolution, or a part of one printed alone, is read by :mod:`loaders.resolutions`;
    a plan here. A document without diacritics gets them back in its texts
    where words are recognised (:func:`restore_diacritics`), unless ``as_printed`` is set.
    """
    check_readable(source)
    plan = Plan(source.name, list(source.lines), span=Span(1, len(source.lines)), warnings=list(source.warnings),
                text_layer=source.text_layer, digest=source.digest)
    appendices = find_appendices(source)
    end = appendices[0].span.first - 1 if appendices else len(source.lines)
    lines = header.without_furniture(layout.clean(source.lines[:end]))
    appendix_lines = [layout.clean(source.lines[appendix.span.first - 1: appendix.span.last], appendix.span.first)
                      for appendix in appendices]
    if resolutions.opens(lines, appendix_lines):
        regions = resolutions.read(plan, source, lines, appendices, appendix_lines)
        citations.collect(plan, regions)
        resolutions.acts(plan, regions)
        if plan.part_of is not None:
            plan.citations = [c for c in plan.citations if c.number != plan.part_of.number]
    else:
        read_plan(plan, source, lines, appendix_lines)
    for appendix in appendices:
        recognised = [parse_table(source, plan, appendix) for parse_table in TABLE_PARSERS]
        if not any(recognised):
            name = f"Phụ lục {appendix.number}".strip()
            plan.warn(appendix.span.first, "appendix-unread",
                      f"no table parser recognised {name}: {appendix.title[:60]!r}")
    if plan.kind == "NQ":
        resolutions.number_items(plan)
    else:
        reproductions.detect(plan, appendices, appendix_lines)
    if not plan.tasks and not plan.indicators:
        plan.warn(1, "no-tasks", "no task and no indicator was read: the body numbers none and no appendix "
                                 "holds a table of them")
    drop_non_units(plan)
    warn_unknown_units(plan)
    if not as_printed and lacks_diacritics(source.lines):
        restore_diacritics(plan)
    return plan


def read_plan(plan: Plan, source: Source, lines: list[Line], appendix_lines: list[list[Line]]) -> None:
    """A plan's identity, issuer, sign-off, citations, body and organisation section."""
    parts = locate(source, plan, lines)
    caption_lines = captions(appendix_lines)
    header.read_identity(plan, lines, parts)
    plan.kind = document_kind(plan.number)
    read_issuer(plan, lines, parts, caption_lines)
    header.read_signoff(plan, lines[parts.signoff:])
    citations.collect(plan, citation_regions(lines, parts, appendix_lines, caption_lines))
    roots = body.outline(plan, lines[parts.sections: parts.signoff])
    body.emit(plan, roots, plan.issuer)
    for root in roots:
        if body.is_organisation(root):
            organisation.read_responsibilities(plan, body.duties(root), plan.issuer)


def document_kind(number: str | None) -> str:
    """The type a plan's number prints (``KHHĐ`` in ``56/KHHĐ-SNV``, ``CTr`` in ``18-CTr/TU``); a plan
    whose number is blank is a ``KH``."""
    found = KIND.search(number or "")
    return found.group(1) if found else "KH"


def restore_diacritics(plan: Plan) -> None:
    """Give a plan typed or OCR'd without diacritics its words back where they are recognised.

    Texts become readable and searchable as Vietnamese; the lines as printed
    stay in every fact's source quote, and targets keep their printed text.
    """
    plan.title = restore(plan.title)
    if plan.place:
        plan.place = register.spelling(plan.place) or restore(plan.place)
    for section in plan.sections:
        section.title = restore(section.title)
    for task in plan.tasks:
        for name in ("text", "output", "note", "upstream_text", "nq57_text"):
            if getattr(task, name):
                setattr(task, name, restore(getattr(task, name)))
        if task.deadline:
            task.deadline.text = restore(task.deadline.text)
    for indicator in plan.indicators:
        indicator.name = restore(indicator.name)
        indicator.output = indicator.output and restore(indicator.output)
        indicator.group = indicator.group and restore(indicator.group)
    for duty in plan.responsibilities:
        duty.text = restore(duty.text)
        if duty.report_deadline:
            duty.report_deadline.text = restore(duty.report_deadline.text)


def warn_unknown_units(plan: Plan) -> None:
    """One warning per unit spelling that matched no known unit, at its first line."""
    refs = [ref for task in plan.tasks for ref in (*task.lead, *task.cooperating)]
    refs += [ref for indicator in plan.indicators for ref in indicator.monitoring]
    refs += [duty.unit for duty in plan.responsibilities]
    seen = set()
    for ref in sorted(refs, key=lambda ref: ref.span.first):
        if not ref.known and ref.printed not in seen:
            seen.add(ref.printed)
            plan.warn(ref.span.first, "unknown-unit", f"unit not recognised: {ref.printed[:80]}")


def check_readable(source: Source) -> None:
    """Refuse empty documents and binary data before looking for a plan in them."""
    text = "\n".join(source.lines)
    if not text.strip():
        raise ParseError(source.name, None, "the document is empty")
    for number, line in enumerate(source.lines, start=1):
        if line.isprintable() and "\ufffd" not in line:
            continue  # no control, surrogate, private or unassigned character: the common case
        bad = sum(1 for char in line if char == "\ufffd" or (unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn")
                                                             and char not in "\t\r\f"))
        if bad > max(2, len(line) // 20):
            raise ParseError(source.name, number, "binary data, not text")


def locate(source: Source, plan: Plan, lines: list[Line]) -> header.Outline:
    """Where the header, heading, title, legal basis, numbered body and sign-off lie.

    A text with neither a heading nor numbered sections near its top is no
    plan unless it says it is one (:func:`header.names_a_plan`). A plan whose
    body has no numbered section is read from the end of its legal basis, and
    warned.
    """
    parts = header.outline(lines, layout.normal_gap(lines), body.starts_sections)
    first = next((i for i in range(parts.title_end, len(lines)) if body.starts_sections(lines[i])), None)
    if parts.heading is None and (first is None or first > 80) and not header.names_a_plan(lines, parts):
        where = lines[0].number if lines else 1
        raise ParseError(source.name, where, "not a plan: no KẾ HOẠCH heading, no plan number "
                                             "and no numbered sections (I., 1.)")
    if first is None:
        first = next((i + 1 for i in range(parts.title_end, min(len(lines), parts.title_end + header.HEADER_LINES))
                      if lines[i].text.endswith(":")), parts.title_end)
        where = lines[first].number if first < len(lines) else lines[-1].number
        plan.warn(where, "no-sections", "no numbered section (I., 1.) opens the body; it is read from here")
    parts.sections = first
    parts.signoff = next((i for i in range(first, len(lines)) if header.is_signoff(lines[i])), len(lines))
    return parts


def find_appendices(source: Source) -> list[Appendix]:
    """Appendices at their headings: ``PHỤ LỤC 2: …``, ``PHU LUC SO 01``, or ``Phụ lục`` alone on a
    line under which an uppercase title or a "(Kèm theo …)" caption stands."""
    heads = []
    for index, text in enumerate(source.lines):
        text = squash(text)
        folded = fold_chars(text)
        found = APPENDIX.match(folded)
        if not found:
            continue
        title = text[found.end():].strip()
        if title.startswith("("):
            title = ""  # the caption "(Kèm theo …)" printed on the heading's line
        if title and upper_ratio(title) < 0.7 or not title and len(folded.split()) > 4:
            continue
        title = title or following_title(source.lines, index)
        if not title and not any(fold(line).startswith("(kem theo") for line in source.lines[index: index + 5]):
            continue  # "Phụ lục 2" alone on a line of wrapped prose
        number = found.group(1) or ""
        number = str(int(number)) if number.isdigit() else number.upper()
        heads.append((index, number, title))
    appendices = []
    for position, (index, number, title) in enumerate(heads):
        stop = heads[position + 1][0] if position + 1 < len(heads) else len(source.lines)
        last = max((i for i in range(index, stop) if source.lines[i].strip()), default=index)
        span = Span(index + 1, last + 1)
        table = next((table for table in source.tables if span.first <= table.span.first <= span.last), None)
        appendices.append(Appendix(number, title, span, table))
    return appendices


def following_title(lines: list[str], index: int) -> str:
    """The uppercase line printed under a bare ``Phụ lục`` heading."""
    for text in lines[index + 1: index + 6]:
        if text.strip():
            return squash(text) if upper_ratio(text) > 0.7 else ""
    return ""


def captions(appendix_lines: list[list[Line]]) -> list[Line]:
    """The caption under each appendix heading, "(Kèm theo Kế hoạch số … của …)"."""
    return [line for lines in appendix_lines for line in lines[1:4] if "ke hoach" in fold(line.text)]


def read_issuer(plan: Plan, lines: list[Line], parts: header.Outline, caption_lines: list[Line]) -> None:
    """The issuer from the header, else from the text, completed from the plan's province and
    place where it is named without them; its level; the place spelled as in its name.

    A people's committee of a place is the register's unit (:func:`loaders.units.in_register`):
    its name, level and province from the register, where the text and the register agree on one.
    An issuer, a level or a province the text does not give is warned, never guessed.
    """
    title = lines[parts.title_start: parts.title_end]
    opening = joined(lines[: parts.sections]).text
    block = header.header_issuer(lines, parts)
    text = header.issuer_in_text(title, lines[parts.title_end: parts.sections], caption_lines)
    province = header.province_of(block[0] if block else None, plan.place, opening)
    city = resolve_issuer(province.committee, Span(1, 1)) if province else UNKNOWN_CITY
    found = header.issuer_name([block, text], plan.place, province, opening)
    if found is None:
        named = block or text
        plan.warn(named[1].first if named else 1, "no-issuer", f"the issuer is printed {named[0]!r} and the text "
                  "does not say of which place" if named else "no issuing unit named in the header or the text")
    else:
        name, printed, span = found
        plan.issuer = placed(resolve_issuer(name, span), city)
        unit, unsettled = in_register(plan.issuer.name, province, plan.date, plan.issuer.parent_name)
        if unit is not None:
            plan.issuer = from_register(plan.issuer, unit)
        elif unsettled:
            plan.warn(span.first, "place-unsettled", unsettled)
        elif province and plan.issuer.level in ("district", "commune", "ward") and "/" not in plan.issuer.key:
            # a place the register lacks is told from its namesakes of other provinces by its own
            plan.issuer.key = f"{city.key}/{plan.issuer.key}"
        plan.issuer.printed = printed
        plan.level = header.level_of(plan.issuer.name or name, plan.issuer.level)
        if plan.issuer.parent_key is None and plan.level in ("district", "commune", "ward") and province:
            plan.issuer.parent_key, plan.issuer.parent_name = city.key, city.name
        if plan.level in ("department", "district", "commune", "ward") and plan.issuer.parent_key is None:
            plan.warn(span.first, "no-province", f"{plan.issuer.name}: the text does not say of which province")
    if plan.level is None:
        plan.warn(1, "no-level", "the level of the issuing unit (city, department, commune, ward) is not known")
    if plan.place and plan.issuer and plan.issuer.name:
        words = plan.issuer.name.split()[-len(plan.place.split()):]
        if fold(" ".join(words)) == fold(plan.place) and not " ".join(words).isupper():
            plan.place = " ".join(words)


def citation_regions(lines: list[Line], parts: header.Outline, appendix_lines: list[list[Line]],
                     caption_lines: list[Line]) -> list[citations.Region]:
    """The text cut into the stretches that decide a citation's flags."""
    regions = []
    if parts.page_title is not None:  # "Kế hoạch 210/KH-UBND năm 2025 thực hiện Nghị quyết 57-NQ/TW …"
        title = joined([lines[parts.page_title]])
        regions.append(citations.Region(title, implements=bool(citations.NESTED.search(fold_chars(title.text)))))
    if parts.title_end > parts.title_start:
        title = joined(lines[parts.title_start: parts.title_end])
        regions.append(citations.Region(title, implements=bool(IMPLEMENTING.match(fold(title.text)))))
    implementing = False
    for text in basis_clauses(lines[parts.title_end: parts.sections]):
        opening = fold(text.text)
        if opening.startswith("can cu"):
            implementing = False
        elif IMPLEMENTING.match(opening):
            implementing = True
        regions.append(citations.Region(text, basis=True, implements=implementing))
    if parts.signoff > parts.sections:
        regions.append(citations.Region(joined(lines[parts.sections: parts.signoff])))
    for appendix in appendix_lines:
        table = [line for line in appendix if line not in caption_lines]
        regions.append(citations.Region(joined(table), table=True))
    regions.extend(citations.Region(joined([line]), self_caption=True) for line in caption_lines)
    return regions


def basis_clauses(lines: list[Line]) -> list[Joined]:
    """The legal basis cut after every line that ends a clause (``.``, ``;``, ``:``), before a line
    opening one ("Căn cứ", "Thực hiện"; not "… về" / "Thực hiện …", which goes on), and where such
    a clause follows another on one line."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        previous = paragraphs[-1][-1].text.rstrip() if paragraphs else ""
        if not previous or previous.endswith((".", ";", ":")) or \
                header.starts_basis(line) and not NESTING_END.search(fold(previous)):
            paragraphs.append([])
        paragraphs[-1].append(line)
    clauses = []
    for paragraph in map(joined, paragraphs):
        cuts = [0] + [m.end() for m in CLAUSE_START.finditer(fold_chars(paragraph.text))
                      if paragraph.text[m.end()].isupper()] + [len(paragraph.text)]
        clauses.extend(paragraph.cut(start, end) for start, end in zip(cuts, cuts[1:]))
    return clauses

