"""Check the built graph: SHACL shapes over the union graph, and the parsers' own warnings.

A shape violation means the graph breaks the contract of ``docs/model.md``
(a task without a source span, a target without a year …): a defect to fix.
An extraction warning means a document said something the parsers could not
read with confidence: a place for a person to look. Both are listed with the
file and line they point to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from graph import queries
from ontology.vocab import NQG

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"


@dataclass
class Finding:
    """One shape result or extraction warning, and where in which document it points."""

    severity: str               # "Violation", "Warning", "Info" (SHACL) or "extraction"
    message: str
    focus: str = ""             # the node concerned
    path: str = ""              # the property concerned, for shape results
    code: str = ""              # the warning code, for extraction warnings
    file: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file or self.focus
        what = self.code or self.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return f"{where}: [{self.severity}{' ' + what if what else ''}] {self.message}"


@dataclass
class ValidationReport:
    shapes: Path | None                          # None when no shapes file was found
    results: list[Finding] = field(default_factory=list)   # SHACL results
    warnings: list[Finding] = field(default_factory=list)  # extraction warnings

    @property
    def violations(self) -> list[Finding]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def render(self) -> str:
        lines = []
        if self.shapes is None:
            lines.append(f"no shapes at {SHAPES}: shape checks skipped")
        else:
            lines.append(f"shapes: {len(self.violations)} violations, {len(self.results) - len(self.violations)} other results")
            lines += [f"  {r}" for r in self.results]
        lines.append(f"extraction warnings: {len(self.warnings)}")
        lines += [f"  {w}" for w in self.warnings]
        return "\n".join(lines)


def _where(data: Graph, node) -> tuple[str, int | None]:
    """The file and first line a node's source span points to, if it has one."""
    span = data.value(node, NQG.source)
    if span is None:
        return "", None
    file, line = data.value(span, NQG.sourceDocument), data.value(span, NQG.firstLine)
    return str(file or ""), int(line) if line is not None else None


def shape_results(data: Graph, shapes: Graph) -> list[Finding]:
    import pyshacl

    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    findings = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        file, line = _where(data, focus)
        findings.append(Finding(
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            message=str(results.value(result, SH.resultMessage) or ""),
            focus=str(focus or ""),
            path=str(results.value(result, SH.resultPath) or ""),
            file=file,
            line=line,
        ))
    return sorted(findings, key=lambda f: (f.severity != "Violation", f.file, f.line or 0, f.focus, f.path))


def extraction_warnings(store) -> list[Finding]:
    """What the parsers warned of, and the rows that misquote a loaded programme's item."""
    found = [
        Finding("extraction", str(row["message"]), focus=str(row.get("plan", "")), code=str(row["code"]),
                file=str(row.get("file", "")), line=int(row["line"]) if "line" in row else None)
        for row in queries.rows(store, "warnings")
    ]
    found += [
        Finding("extraction", f"the row quotes NQ 71 item {row.get('number', '?')}, which the programme gives as "
                              f"“{_short(str(row.get('itemText', '')))}”; the row reads “{_short(str(row.get('text', '')))}”",
                focus=str(row.get("plan", "")), code="misquoted-item", file=str(row.get("file", "")),
                line=int(row["line"]) if "line" in row else None)
        for row in queries.rows(store, "misquotes")
    ]
    return sorted(found, key=lambda f: (f.file, f.line or 0, f.code, f.message))


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def validate(store, shapes: Path | None = None) -> ValidationReport:
    """Check ``store`` against ``shapes`` (skipped when the file is absent) and list its warnings."""
    shapes = shapes or SHAPES
    report = ValidationReport(shapes if shapes.is_file() else None, warnings=extraction_warnings(store))
    if report.shapes:
        report.results = shape_results(store.union(), Graph().parse(shapes, format="turtle"))
    return report
