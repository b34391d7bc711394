"""Build the graph: every document into its own named graph, then the reference and the inferred links.

Per document: read → parse → RDF → ``store.replace_graph``. A document that
fails is reported with its file and line and leaves nothing of itself in the
store (its previous graph, if any, stays); the others go on. After the
documents come the reference graph (NQ 57, NQ 71 items, known units) and the
derivation links inferred over everything, each replaced whole. The loaders
mint no blank nodes and no timestamps, so rebuilding unchanged input leaves the
same triples.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF
from tqdm import tqdm

from graph import queries
from ontology import ids
from ontology.vocab import NQG

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def links_graph():
    """The named graph holding the inferred derivation links."""
    return ids.iri("graph", "links")


def names_graph():
    """The named graph holding the preferred names of units the registry does not name."""
    return ids.iri("graph", "unit-names")


@dataclass
class BuildError:
    """A document (or build step) that failed, and where."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass
class BuildSummary:
    """What a build did (``documents``, ``errors``) and what the store then holds (the counts)."""

    documents: int = 0          # documents read into the store by this build
    triples: int = 0            # statements in the store
    tasks: int = 0              # plan tasks
    units: int = 0
    indicators: int = 0
    links_stated: int = 0       # derivations the documents print
    links_inferred: int = 0     # derivations inferred from text
    warnings: int = 0           # extraction warnings
    errors: list[BuildError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def render(self) -> str:
        lines = [
            f"documents   {self.documents}",
            f"triples     {self.triples}",
            f"tasks       {self.tasks}",
            f"units       {self.units}",
            f"indicators  {self.indicators}",
            f"links       {self.links_stated} stated, {self.links_inferred} inferred",
            f"warnings    {self.warnings}",
        ]
        if self.errors:
            lines.append(f"failed      {len(self.errors)}")
        return "\n".join(lines)


def document_paths(paths) -> list[Path]:
    """Files to read: each file given, and the readable files under each directory given, sorted."""
    from loaders.read import READERS

    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def document_graph(path: Path):
    """The named graph's IRI and the triples of one document; raises on any failure."""
    from loaders.parse import parse
    from loaders.rdf import plan_graph
    from loaders.read import read_document

    source = read_document(path)
    return ids.named_graph(source.name), plan_graph(parse(source))


class DuplicatePlan(Exception):
    """The document is a plan the store already holds from another file, or is named as another file is."""


def _refuse_second_copy(store, graph_iri, graph, kept=lambda other: True) -> None:
    """Raise :class:`DuplicatePlan` when another document's graph that stays (``kept``) holds the same plan.

    Two copies would make every fact of the plan twice stated, with two
    sources, and the plan's tasks would be counted and linked twice.
    """
    for plan in graph.subjects(RDF.type, NQG.Plan):
        for row in queries.rows(store, "plan_sources", plan=plan):
            if row["graph"] != graph_iri and kept(row["graph"]):
                raise DuplicatePlan(f"the same plan as {row['file']} ({plan}), already in the store; "
                                    f"keep one of the two files, or rebuild with --clean")


def _error(path: Path, error: Exception) -> BuildError:
    from loaders.model import ParseError

    if isinstance(error, ParseError):
        return BuildError(error.document, error.line, error.message)
    if isinstance(error, DuplicatePlan):
        return BuildError(str(path), None, str(error))
    return BuildError(str(path), None, f"{type(error).__name__}: {error}")


def build(paths, store, progress: bool = True, clean: bool = False) -> BuildSummary:
    """Read ``paths`` (files or directories; none: the bundled corpus) into ``store``.

    With ``clean``, the graphs of documents not in this build are dropped, so
    the store holds exactly these documents.
    """
    files = document_paths(paths or [CORPUS])
    summary = BuildSummary()
    written = {ids.reference_graph(), links_graph(), names_graph()}
    read_from: dict = {}  # graph IRI → the file of this build it was read from
    show = progress and (len(files) > 3 or sys.stderr.isatty())
    with tqdm(total=len(files) + len(FINAL_STEPS), unit="step", file=sys.stderr, disable=not show) as bar:
        for path in files:
            bar.set_postfix_str(path.name)
            try:
                graph_iri, graph = document_graph(path)
                if graph_iri in read_from:
                    raise DuplicatePlan(f"named as {read_from[graph_iri]}, read before it: a document's graph "
                                        f"is named by its file name; rename one of the two")
                _refuse_second_copy(store, graph_iri, graph, kept=lambda other: not clean or other in written)
                store.replace_graph(graph_iri, graph)
            except Exception as error:  # one bad document must not stop the others
                summary.errors.append(_error(path, error))
            else:
                written.add(graph_iri)
                read_from[graph_iri] = path
                summary.documents += 1
            bar.update()
        if clean:
            for graph_iri in store.graphs():
                if graph_iri not in written:
                    store.drop_graph(graph_iri)
        for name, step in FINAL_STEPS:
            bar.set_postfix_str(name)
            try:
                step(store)
            except Exception as error:
                summary.errors.append(BuildError(name, None, f"{type(error).__name__}: {error}"))
            bar.update()
    _count(store, summary)
    return summary


def _replace_reference(store) -> None:
    from loaders.reference import reference_graph

    store.replace_graph(ids.reference_graph(), reference_graph())


def _replace_links(store) -> None:
    """Infer over the documents alone, then replace the links graph whole."""
    from graph.links import infer_links

    store.drop_graph(links_graph())
    store.replace_graph(links_graph(), infer_links(store))


def choose_unit_names(store) -> None:
    """One preferred name per unit: spelt with diacritics first, then the most documents', then the first."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from loaders.text import fold, squash

    best = {}
    for row in queries.rows(store, "unit_names", units=names_graph()):
        name = str(row["name"])
        rank = (fold(name) == squash(name.lower()), -int(row["documents"]), name)
        if row["unit"] not in best or rank < best[row["unit"]][0]:
            best[row["unit"]] = (rank, row["name"])
    graph = Graph()
    for unit, (_, name) in best.items():
        graph.add((unit, SKOS.prefLabel, name))
    store.replace_graph(names_graph(), graph)


FINAL_STEPS = (("reference graph", _replace_reference), ("unit names", choose_unit_names),
               ("inferred links", _replace_links))


def _count(store, summary: BuildSummary) -> None:
    row = queries.rows(store, "counts")[0]
    summary.triples = len(store)
    summary.tasks = int(row["tasks"])
    summary.units = int(row["units"])
    summary.indicators = int(row["indicators"])
    summary.links_stated = int(row["stated"])
    summary.links_inferred = int(row["inferred"])
    summary.warnings = int(row["warnings"])
