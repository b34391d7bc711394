"""The plain, typed model a document is parsed into, before it becomes RDF.

Parsers fill these classes; ``loaders.rdf`` turns a :class:`Plan` into triples.
Nothing here knows about stores or IRIs, so the model can be inspected and
tested on its own. Every fact carries the :class:`Span` of lines it was read
from (1-based, inclusive, numbered as in the source text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """Lines ``first``..``last`` (1-based, inclusive) of the source document."""

    first: int
    last: int

    def __post_init__(self):
        if self.first < 1 or self.last < self.first:
            raise ValueError(f"bad line span {self.first}-{self.last}")

    def cover(self, other: Span) -> Span:
        return Span(min(self.first, other.first), max(self.last, other.last))


@dataclass
class UnitRef:
    """A unit as a document names it, and the real unit it resolves to.

    ``printed`` is the text as it stands; ``name`` is the canonical name with
    diacritics; ``key`` the stable identifier of the real unit (a path of
    slugs, parent first: ``"so-van-hoa-the-thao-va-du-lich/van-phong"``).
    ``collective`` marks assignees such as "Các sở, ban, ngành".
    ``known`` is False when the spelling matched no known unit.
    """

    printed: str
    span: Span
    name: str = ""
    key: str = ""
    collective: bool = False
    known: bool = True
    parent_key: str | None = None
    parent_name: str | None = None
    level: str | None = None  # "city", "department", "commune", "ward", "division", …


@dataclass
class Citation:
    """A document named in the plan (legal basis or body)."""

    number: str            # normalised: "71/NQ-CP", "57-NQ/TW", "238/KH-UBND"
    printed: str           # as it stands in the text: "71-NQ/CP"
    span: Span
    doc_type: str = ""     # "NQ", "KH", "CTr", "QĐ", "TT", "NĐ", …
    issuer: str | None = None
    date: date | None = None
    title: str | None = None
    basis: bool = False    # cited in the legal basis ("Căn cứ…", "Thực hiện…")
    implements: bool = False  # the plan directly implements it
    amends: bool = False   # a resolution's article amends it ("sửa đổi, bổ sung …")
    replaces: bool = False  # a resolution's article replaces it ("… thay thế …")


@dataclass
class Deadline:
    """When a task is due. ``kind`` is one of DEADLINE_KINDS."""

    text: str
    span: Span
    kind: str = "unknown"
    start: date | None = None
    end: date | None = None


DEADLINE_KINDS = ("date", "period", "yearly", "ongoing", "roadmap", "after", "unknown")


@dataclass
class Target:
    """One printed target of an indicator for one year (or horizon)."""

    year: str              # "2030"; the table's horizon when it gives only one
    text: str              # as printed: "≥ 80", "80-90%", "Phấn đấu đạt 3%"
    span: Span
    comparator: str | None = None  # ">=", ">", "<=", "<", "=", "range", None
    value: float | None = None
    max: float | None = None
    unit: str | None = None


@dataclass
class Indicator:
    code: str              # "1.1", "16.2"
    name: str
    span: Span
    unit: str | None = None        # unit of measure: "%", "% dân số"
    targets: list[Target] = field(default_factory=list)
    monitoring: list[UnitRef] = field(default_factory=list)
    output: str | None = None
    group: str | None = None       # group heading the row stands under
    table: str = ""                # which appendix: "Phụ lục 1"


@dataclass
class Section:
    """A heading of the body or an appendix group (``III.``, ``1.``, ``A``)."""

    number: str
    title: str
    span: Span
    parent: int | None = None      # index of the parent in Plan.sections
    kind: str = "body"             # "body", "appendix", "group"


@dataclass
class Task:
    """A task of the plan: a body item or an appendix row.

    ``nq57`` holds NQ 57 task numbers as the row prints them (``"1-3"``),
    ``nq71`` the NQ 71 item numbers (``"48"``, ``"147 (8)"``); both are
    stated links. ``upstream_text`` is the text of the upstream task the row
    quotes (NQ 57's task name in Phụ lục 3).
    """

    number: str
    text: str
    span: Span
    section: int | None = None     # index into Plan.sections
    origin: str = "body"           # "body" or "appendix"
    table: str | None = None       # appendix name for rows
    lead: list[UnitRef] = field(default_factory=list)
    cooperating: list[UnitRef] = field(default_factory=list)
    output: str | None = None
    deadline: Deadline | None = None
    note: str | None = None
    nq57: list[str] = field(default_factory=list)
    nq57_text: str | None = None
    nq71: list[str] = field(default_factory=list)
    upstream_text: str | None = None
    city_task: bool = False        # marked "Nhiệm vụ thành phố"
    numbered: bool = True          # False when numbered by its place, the row printing no number
    item: str | None = None        # the programme item a programme's own task list numbers this row
    reproduction: int | None = None  # index into Plan.reproductions: a row of the upper plan's table


@dataclass
class Responsibility:
    """One unit's duties in the organisation section (``TỔ CHỨC THỰC HIỆN``)."""

    unit: UnitRef
    text: str
    span: Span
    monitoring: bool = False       # monitors / follows up the plan
    reporting: bool = False        # reports on it
    report_deadline: Deadline | None = None


@dataclass
class Warning:
    """Something the parser could not read with confidence."""

    line: int
    code: str                      # "no-lead", "target-unparsed", "out-of-sequence", "unknown-unit", …
    message: str


@dataclass
class Reproduction:
    """A table the document reproduces from an upper plan: whose plan it is, and what shows it.

    ``evidence`` says how it shows: ``caption`` (the appendix's caption names the
    upper plan), ``title`` (its title names the tasks the upper level's), ``leads``
    (its rows are led by the upper level's units).
    """

    table: str                     # "Phụ lục 3"
    issuer: UnitRef                # the upper plan's issuer
    span: Span                     # the appendix's heading and caption
    evidence: list[str] = field(default_factory=list)
    number: str | None = None      # the upper plan's number, type and date, where the text names them
    doc_type: str = ""
    date: date | None = None


@dataclass
class Plan:
    """Everything read from one source document."""

    document: str                  # file name
    lines: list[str]               # the text, one entry per source line
    issuer: UnitRef | None = None
    level: str | None = None       # "national", "city", "department", "district", "commune", "ward"
    kind: str = "KH"               # the document's type, as numbers print it: "KH", "NQ", "CTr", "KHHĐ" …
    part_of: Citation | None = None  # the document a file holding one of its parts belongs to …
    part: str | None = None        # … and which part: "Phụ lục II", "Chương trình hành động"
    number: str | None = None      # "19/KH-UBND"; None when left blank
    number_printed: str | None = None
    date: date | None = None
    place: str | None = None
    title: str = ""
    signer: str | None = None
    signer_title: str | None = None  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    recipients: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    reproductions: list[Reproduction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    span: Span | None = None
    text_layer: str | None = None  # as Source.text_layer
    digest: str | None = None      # as Source.digest

    def warn(self, line: int, code: str, message: str) -> None:
        self.warnings.append(Warning(line, code, message))


class ParseError(Exception):
    """A document that cannot be read; names the file and the line."""

    def __init__(self, document: str, line: int | None, message: str):
        self.document, self.line, self.message = document, line, message
        where = f"{document}:{line}" if line else document
        super().__init__(f"{where}: {message}")


@dataclass
class Cell:
    """One table cell as the source format gives it."""

    text: str
    span: Span


@dataclass
class SourceTable:
    """A table whose cells the format itself delimits (DOCX, HTML, tagged PDF).

    Plain text has none: its tables are rebuilt from interleaved lines.
    """

    rows: list[list[Cell]]
    span: Span


@dataclass
class Source:
    """A document as read from disk, before parsing.

    ``lines`` is the text, one entry per line, numbered from 1 in spans;
    table cells are also rendered into ``lines`` so every span stays
    meaningful, and ``tables`` keeps their real cell structure.
    """

    name: str
    lines: list[str]
    tables: list[SourceTable] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)  # what the reader could not lay out as given
    text_layer: str | None = None  # "ocr" when recognised from a scan's page images; None: the file's own text
    digest: str | None = None      # the file's SHA-256, hex: the same bytes under another name are one document


@dataclass
class Appendix:
    """One appendix (``PHỤ LỤC 3: …``): its heading and the lines it spans."""

    number: str                    # "3"; "" when the heading prints none
    title: str
    span: Span
    table: SourceTable | None = None  # the real cells, when the format has them
