"""The reference graph: the root of the cascade that no local plan prints in full.

NQ 57-NQ/TW is read from its Markdown text (``data/reference/57-NQ-TW.md``):
its section III groups and paragraphs, and the national targets of section II.
Local plans number NQ 57's tasks ``1`` … ``24`` (and ranges such as ``1-3``)
as the central steering committee's task list does; NQ 57 itself prints no
such numbers. ``data/reference/nq57_tasks.csv`` records which sentences each
number refers to, recovered from the task names plans quote (see
:func:`match_tasks`; ``python -m loaders.reference`` re-derives the file).

NQ 71/NQ-CP and the NQ 03/NQ-CP it replaces are described as documents only:
their numbered items are known through the plans that quote them.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from graph.similarity import similarity
from loaders import register
from loaders.model import Span
from loaders.read import read_document
from loaders.text import slug, squash
from ontology import ids
from ontology.vocab import ELI, NQG, QB, SDMX_ATTRIBUTE, SDMX_MEASURE, bind_prefixes

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
NQ57_TEXT = REFERENCE_DIR / "57-NQ-TW.md"
NQ57_TASKS = REFERENCE_DIR / "nq57_tasks.csv"
DOCUMENT = "57-NQ-TW.md"

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!&])")
_GROUP = re.compile(r"^\*\*(\d+)\.\s*(.+?)\*\*$")
_PART = re.compile(r"^\*{0,2}([IVX]+)-\s*(.+?)\*{0,2}$")
_CLAUSE_END = re.compile(r"(?<=[.;])\s+")
_TARGET = re.compile(
    r"(?P<cmp>trên|hơn|tối thiểu|ít nhất)?\s*(?P<value>\d+(?:,\d+)?)"
    r"(?:\s*-\s*(?P<max>\d+(?:,\d+)?))?\s*%(?P<per>\s*GDP|/năm)?"
)
_COMPARATORS = {"trên": ">", "hơn": ">", "tối thiểu": ">=", "ít nhất": ">="}
_TARGET_VERB = re.compile(r"\s+(?:đạt|ở mức|chiếm|tăng trung bình)\b.*$")


def plain(markdown: str) -> str:
    """Markdown source line → its text (escapes and emphasis removed)."""
    return squash(_ESCAPE.sub(r"\1", markdown).replace("**", "").replace("*", ""))


@dataclass
class Paragraph:
    """A paragraph of NQ 57 section III: a dash paragraph or a group's lead-in."""

    key: str            # "3.2": group 3, second paragraph
    group: str
    text: str
    span: Span


@dataclass
class TargetStatement:
    """A national target as NQ 57 section II words it."""

    name: str
    text: str
    year: str
    span: Span
    comparator: str | None
    value: float
    max: float | None
    unit: str


@dataclass
class NQ57:
    lines: list[str]
    groups: dict[str, tuple[str, Span]] = field(default_factory=dict)   # number → (title, span)
    paragraphs: list[Paragraph] = field(default_factory=list)
    targets: list[TargetStatement] = field(default_factory=list)


def read_nq57(path: Path = NQ57_TEXT) -> NQ57:
    """Section II targets and section III groups and paragraphs of NQ 57."""
    source = read_document(path)
    nq = NQ57(source.lines)
    part, horizon, group, count = None, None, None, 0
    for number, raw in enumerate(source.lines, start=1):
        text = plain(raw)
        if not text:
            continue
        heading = _PART.match(raw.strip())
        if heading and text.isupper():
            part, group = heading.group(1), None
            continue
        if part == "II":
            year = re.search(r"năm (\d{4})$", text)
            if raw.startswith("**") and year:
                horizon = year.group(1)
            elif horizon:
                nq.targets.extend(_targets(text, horizon, Span(number, number)))
        elif part == "III":
            match = _GROUP.match(_ESCAPE.sub(r"\1", raw.strip()))
            if match:
                group, count = match.group(1), 0
                nq.groups[group] = (plain(match.group(2)), Span(number, number))
            elif group:
                count += 1
                body = text[1:].strip() if text.startswith("-") else text
                nq.paragraphs.append(Paragraph(f"{group}.{count}", group, body, Span(number, number)))
    return nq


def _targets(text: str, year: str, span: Span) -> list[TargetStatement]:
    """Every percentage a goal paragraph sets, with the clause that names it."""
    found = []
    for clause in re.split(r";|\.\s|,\s(?=trong đó|tỉ lệ)", text.lstrip("- ")):
        for match in _TARGET.finditer(clause):
            head = clause[: match.start()].strip(" ,")
            head = re.sub(r"^trong đó\s+", "", head)
            name = _TARGET_VERB.sub("", head) if _TARGET_VERB.search(head) else clause.strip()
            name = name[:1].upper() + name[1:]
            unit = "%" + (match.group("per") or "").strip()
            found.append(TargetStatement(
                name=name, text=squash(clause), year=year, span=span,
                comparator=_COMPARATORS.get(match.group("cmp") or "", "range" if match.group("max") else "="),
                value=float(match.group("value").replace(",", ".")),
                max=float(match.group("max").replace(",", ".")) if match.group("max") else None,
                unit=unit.replace("%GDP", "% GDP"),
            ))
    return found


# --- NQ 57 task numbers ------------------------------------------------------

TASK_COLUMNS = ["number", "group", "quote_kind", "quote", "quoted_in", "first_line", "last_line", "score", "text"]


@dataclass(frozen=True)
class Clause:
    """A clause of section III (sentences split at ``.`` and ``;``), in text order."""

    position: int
    paragraph: Paragraph
    text: str


def clauses(nq: NQ57) -> list[Clause]:
    found = []
    for paragraph in nq.paragraphs:
        for text in _CLAUSE_END.split(paragraph.text):
            if text:
                found.append(Clause(len(found), paragraph, text))
    return found


@dataclass
class TaskMatch:
    first: Clause
    last: Clause
    score: float
    text: str


def match_task(quote: str, window: list[Clause]) -> TaskMatch:
    """The clauses of NQ 57 a plan's quoted task name refers to, within ``window``.

    Plans shorten the name with an ellipsis ("… đơn giản hoá tối đa các thủ
    tục hành chính") and quote across clause boundaries, so each fragment is
    matched to its best run of one to three clauses of a paragraph; the task
    runs from the first fragment's run to the last one's, in the paragraph
    that matches best.
    """
    fragments = [f for f in re.split(r"…|\.\.\.", quote) if f.strip()]
    best = None
    for paragraph in dict.fromkeys(c.paragraph.key for c in window):
        own = [c for c in window if c.paragraph.key == paragraph]
        runs = [own[i:j] for i in range(len(own)) for j in range(i + 1, min(i + 3, len(own)) + 1)]
        picks = [max(((similarity(f, " ".join(c.text for c in run)), run) for run in runs), key=lambda p: p[0])
                 for f in fragments]
        score = sum(p[0] for p in picks) / len(picks)
        if best is None or score > best[0]:
            first = min((p[1][0] for p in picks), key=lambda c: c.position)
            last = max((p[1][-1] for p in picks), key=lambda c: c.position)
            best = (score, first, last)
    score, first, last = best
    text = " ".join(c.text for c in window if first.position <= c.position <= last.position)
    return TaskMatch(first, last, round(score, 3), text)


def _anchors(matches: list[TaskMatch]) -> set[int]:
    """Rows whose matches agree with the numbering order, best total score first.

    Task numbers follow NQ 57's text, so the heaviest non-decreasing
    subsequence of match positions is trusted; the rest are re-matched
    between their trusted neighbours.
    """
    best: list[tuple[float, list[int]]] = []
    for i, match in enumerate(matches):
        chains = [best[j] for j in range(i) if matches[j].first.position <= match.first.position]
        score, chain = max(chains, key=lambda c: c[0], default=(0.0, []))
        best.append((score + match.score, chain + [i]))
    return set(max(best, key=lambda c: c[0])[1]) if best else set()


def read_task_table(path: Path = NQ57_TASKS) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def match_tasks(rows: list[dict], nq: NQ57) -> list[dict]:
    """Fill the derived columns (line span, score, text) of the task table.

    Each quote is first matched within its group; matches that break the
    numbering order are matched again between their ordered neighbours (a
    row quoting NQ 71's wording rather than NQ 57's lands there).
    """
    every = clauses(nq)
    group = {row["number"]: [c for c in every if c.paragraph.group == row["group"]] or every for row in rows}
    matches = [match_task(row["quote"], group[row["number"]]) for row in rows]
    trusted = _anchors(matches)
    for i, row in enumerate(rows):
        if i in trusted:
            continue
        before = [matches[j].first.position for j in trusted if j < i]
        after = [matches[j].last.position for j in trusted if j > i]
        low, high = max(before, default=0), min(after, default=len(every))
        window = [c for c in group[row["number"]] if low <= c.position <= high]
        matches[i] = match_task(row["quote"], window or group[row["number"]])
    return [
        {
            **{k: row[k] for k in TASK_COLUMNS[:5]},
            "first_line": str(match.first.paragraph.span.first),
            "last_line": str(match.last.paragraph.span.last),
            "score": f"{match.score:.3f}",
            "text": match.text,
        }
        for row, match in zip(rows, matches)
    ]


def write_task_table(rows: list[dict], path: Path = NQ57_TASKS) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, TASK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def task_members(number: str) -> list[str]:
    """``"1-3"`` → ``["1", "2", "3"]``; a single number has no members."""
    match = re.fullmatch(r"(\d+)-(\d+)", number)
    return [str(n) for n in range(int(match.group(1)), int(match.group(2)) + 1)] if match else []


# --- RDF -----------------------------------------------------------------------

NQ57_NUMBER, NQ71_NUMBER, NQ03_NUMBER = "57-NQ/TW", "71/NQ-CP", "03/NQ-CP"


def _source(graph: Graph, fact: URIRef, document: URIRef, span: Span, lines: list[str]) -> None:
    node = ids.part(fact, "source")
    graph.add((fact, NQG.source, node))
    graph.add((node, RDF.type, NQG.SourceSpan))
    graph.add((node, NQG.document, document))
    graph.add((node, NQG.sourceDocument, Literal(DOCUMENT)))
    graph.add((node, NQG.firstLine, Literal(span.first)))
    graph.add((node, NQG.lastLine, Literal(span.last)))
    graph.add((node, NQG.quote, Literal("\n".join(plain(l) for l in lines[span.first - 1 : span.last]))))


def _resolution(graph: Graph, number: str, issued: date, issuer: str, title: str) -> URIRef:
    node = ids.resolution(number)
    graph.add((node, RDF.type, NQG.Resolution))
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, ELI.number, Literal(number)))
    graph.add((node, ELI.type_document, NQG.DocNQ))
    graph.add((node, NQG.docType, Literal("NQ")))
    graph.add((node, ELI.date_document, Literal(issued.isoformat(), datatype=XSD.date)))
    graph.add((node, NQG.issuerName, Literal(issuer)))
    graph.add((node, ELI.title, Literal(title, lang="vi")))
    graph.add((node, RDFS.label, Literal(f"Nghị quyết {number}", lang="vi")))
    return node


def _nq57_structure(graph: Graph, nq: NQ57, resolution: URIRef) -> None:
    for number, (title, span) in nq.groups.items():
        group = ids.nq57_group(number)
        graph.add((group, RDF.type, NQG.TaskGroup))
        graph.add((group, ELI.is_part_of, resolution))
        graph.add((group, NQG.number, Literal(number)))
        graph.add((group, ELI.title, Literal(title, lang="vi")))
        _source(graph, group, resolution, span, nq.lines)
    for paragraph in nq.paragraphs:
        node = ids.part(resolution, "paragraph", paragraph.key)
        graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((node, ELI.is_part_of, resolution))
        graph.add((node, NQG.inGroup, ids.nq57_group(paragraph.group)))
        graph.add((node, NQG.number, Literal(paragraph.key)))
        graph.add((node, NQG.text, Literal(paragraph.text, lang="vi")))
        _source(graph, node, resolution, paragraph.span, nq.lines)


def _nq57_tasks(graph: Graph, nq: NQ57, resolution: URIRef, rows: list[dict]) -> None:
    for row in rows:
        number, span = row["number"], Span(int(row["first_line"]), int(row["last_line"]))
        task = ids.nq57_task(number)
        group = ids.nq57_group(row["group"])
        paragraph = next(p for p in nq.paragraphs if p.span == span)
        for node, label in [(task, f"{number}. {row['text']}")] + [
            (ids.nq57_task(m), f"{m} (thuộc {number})") for m in task_members(number)
        ]:
            graph.add((node, RDF.type, NQG.Task))
            graph.add((node, RDF.type, NQG.ResolutionTask))
            graph.add((node, ELI.is_part_of, resolution))
            graph.add((node, NQG.inGroup, group))
            graph.add((node, DCTERMS.isPartOf, ids.part(resolution, "paragraph", paragraph.key)))
            graph.add((node, RDFS.label, Literal(label, lang="vi")))
            _source(graph, node, resolution, span, nq.lines)
        graph.add((task, NQG.number, Literal(number)))
        graph.add((task, NQG.text, Literal(row["text"], lang="vi")))
        for member in task_members(number):
            graph.add((ids.nq57_task(member), NQG.number, Literal(member)))
            graph.add((task, DCTERMS.hasPart, ids.nq57_task(member)))
            graph.add((ids.nq57_task(member), DCTERMS.isPartOf, task))


def _nq57_targets(graph: Graph, nq: NQ57, resolution: URIRef) -> None:
    for statement in nq.targets:
        indicator = ids.part(resolution, "indicator", slug(statement.name, 60))
        target = ids.part(indicator, "target", statement.year)
        graph.add((indicator, RDF.type, NQG.Indicator))
        graph.add((indicator, ELI.is_part_of, resolution))
        graph.add((indicator, NQG.name, Literal(statement.name, lang="vi")))
        graph.add((indicator, RDFS.label, Literal(statement.name, lang="vi")))
        graph.add((indicator, SDMX_ATTRIBUTE.unitMeasure, Literal(statement.unit)))
        graph.add((indicator, NQG.target, target))
        _source(graph, indicator, resolution, statement.span, nq.lines)
        graph.add((target, RDF.type, NQG.Target))
        graph.add((target, RDF.type, QB.Observation))
        graph.add((target, NQG.indicator, indicator))
        graph.add((target, NQG.year, Literal(statement.year)))
        graph.add((target, NQG.text, Literal(statement.text, lang="vi")))
        if statement.comparator:
            graph.add((target, NQG.comparator, Literal(statement.comparator)))
        graph.add((target, SDMX_MEASURE.obsValue, Literal(statement.value)))
        if statement.max is not None:
            graph.add((target, NQG.maxValue, Literal(statement.max)))
        graph.add((target, SDMX_ATTRIBUTE.unitMeasure, Literal(statement.unit)))
        _source(graph, target, resolution, statement.span, nq.lines)


def _units(graph: Graph) -> None:
    from loaders.rdf import unit_triples
    from loaders.units import known_units

    for ref in known_units():
        unit_triples(graph, ref)


def register_source() -> URIRef:
    """The administrative register the reorganisation's facts come from."""
    return ids.iri("register", slug(f"{register.SOURCE['title']}-{register.SOURCE['version']}"))


def _reorganisation(graph: Graph) -> None:
    """The units the reorganisation of 1 July 2025 ended, each with its change to the unit in force
    that took it over, so that what was addressed to a former unit rolls up to its successor.

    Every former district and every province merged into another, as the
    register gives them. They are organisations (``org:Organization``), not
    the units plans name (``nqg:Unit``): the graph lists a former unit as one
    when a plan names it (its people's committee, keyed by
    :func:`loaders.register.unit_key`). A former commune's change is stated
    where a plan names the commune (``graph.entities``): there were some ten
    thousand.
    """
    source = register_source()
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDFS.label, Literal(f"{register.SOURCE['title']} {register.SOURCE['version']}")))
    graph.add((source, DCTERMS.creator, Literal(register.SOURCE["creator"])))
    graph.add((source, DCTERMS.license, Literal(register.SOURCE["licence"])))
    graph.add((source, DCTERMS.source, URIRef(register.SOURCE["homepage"])))
    for unit in register.former().values():
        if unit.level in ("city", "district"):
            change_triples(graph, unit)


def change_triples(graph: Graph, unit: register.Unit) -> None:
    """A former unit, the units in force that took it over and the change between them, the
    register its source; nothing for a province that went on under its name."""
    node = ids.unit(register.unit_key(unit))
    after = {ids.unit(register.unit_key(successor)): successor for successor in register.successors(unit)}
    if list(after) == [node]:
        return
    for organisation, described in ((node, unit), *after.items()):
        graph.add((organisation, RDF.type, ORG.Organization))
        graph.add((organisation, SKOS.prefLabel, Literal(described.committee, lang="vi")))
        graph.add((organisation, NQG.unitLevel, Literal(described.level)))
        if register.parent(described):
            graph.add((organisation, ORG.subOrganizationOf, ids.unit(register.unit_key(register.parent(described)))))
    event = ids.part(node, "change")
    graph.add((event, RDF.type, ORG.ChangeEvent))
    graph.add((event, ORG.originalOrganization, node))
    for organisation in after:
        graph.add((event, ORG.resultingOrganization, organisation))
    graph.add((event, DCTERMS.date, Literal(register.REORGANISED.isoformat(), datatype=XSD.date)))
    graph.add((event, DCTERMS.source, register_source()))
    graph.add((node, ORG.changedBy, event))


def reference_graph() -> Graph:
    """NQ 57 (groups, paragraphs, numbered tasks, national targets), NQ 71, NQ 03, known units, and
    the units the reorganisation of 1 July 2025 ended, with their successors."""
    graph = bind_prefixes(Graph())
    nq = read_nq57()
    nq57 = _resolution(graph, NQ57_NUMBER, date(2024, 12, 22), "Bộ Chính trị",
                       "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
    _nq57_structure(graph, nq, nq57)
    _nq57_tasks(graph, nq, nq57, read_task_table())
    _nq57_targets(graph, nq, nq57)

    nq03 = _resolution(graph, NQ03_NUMBER, date(2025, 1, 9), "Chính phủ",
                       "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW")
    nq71 = _resolution(graph, NQ71_NUMBER, date(2025, 4, 1), "Chính phủ",
                       "Sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW")
    for programme in (nq03, nq71):
        graph.add((programme, ELI.applies, nq57))
    graph.add((nq71, ELI.amends, nq03))
    graph.add((nq71, DCTERMS.replaces, nq03))
    _units(graph)
    _reorganisation(graph)
    return graph


def main(argv: list[str]) -> int:
    """Re-derive the matched columns of ``nq57_tasks.csv`` from its quotes."""
    rows = match_tasks(read_task_table(), read_nq57())
    write_task_table(rows)
    for row in rows:
        print(f"{row['number']:>6}  line {row['first_line']:>3}  score {row['score']}  {row['text'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
