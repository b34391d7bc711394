"""Build the graph: every document into its own named graph, then the graphs derived from them.

Per document: read → parse → RDF (on every core) → ``store.replace_graph``.
A document that fails is reported with its file and line and leaves nothing
of itself in the store (its previous graph, if any, stays); the others go on.
After the documents come the derived graphs (:func:`derive`): the reference
graph (NQ 57, NQ 03 and 71, known units), the shared nodes the documents name
(:mod:`graph.entities`), the derivation links inferred over everything
(:mod:`graph.links`), the indexes questions read (:mod:`graph.indexes`)
and the search index pages read (:mod:`graph.search`), each replaced in one
write: whole, or, when a build adds, replaces or removes a few documents, the
part those touch. The loaders mint no blank nodes and no
timestamps, so rebuilding unchanged input leaves the same triples.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections import defaultdict, deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Literal, URIRef
from tqdm import tqdm

from graph import queries
from graph.store import StoreError
from graph.entities import Named, beside_documents, entity_graph, named_in, named_in_store, refresh
from graph.indexes import index_graph, replace_indexes
from graph.search import replace_index
from ontology import ids
from ontology.vocab import NQG

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def links_graph():
    """The named graph holding the inferred derivation links."""
    return ids.iri("graph", "links")


def state_graph():
    """The named graph saying whether the last build finished."""
    return ids.iri("graph", "build")


def derived_graphs() -> set:
    """The graphs a build makes from the documents, rather than reads from one."""
    return {ids.reference_graph(), entity_graph(), links_graph(), index_graph(), state_graph()}


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
    interrupted: bool = False   # the build before this one did not finish

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
        if self.errors and not self.documents:  # the counts would read like a build that went well
            lines.insert(0, "no document was read into the store, every one failed: the counts are what it "
                            "already held")
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


@dataclass
class ReadDocument:
    """One document read, ready to store: what a reader process hands back."""

    path: Path
    graph_iri: object
    ntriples: str
    plans: list
    named: object               # the shared nodes it names (graph.entities.Named)


def read(path: Path) -> ReadDocument | BuildError:
    """Read one document into triples; any failure becomes a :class:`BuildError` naming it."""
    try:
        graph_iri, graph = document_graph(path)
        try:
            ntriples = graph.serialize(format="nt")
        except Exception as error:  # rdflib refuses a malformed term with a bare Exception
            raise ValueError(f"cannot write its triples: {error}") from None
        return ReadDocument(path, graph_iri, ntriples, sorted(graph.subjects(RDF.type, NQG.Plan)), named_in(graph))
    except Exception as error:  # one bad document must not stop the others
        return _error(path, error)


def read_all(files: list[Path], jobs: int) -> Iterator[ReadDocument | BuildError]:
    """Each file read, in order; on ``jobs`` processes when there is more than one file to read.

    A few documents are read ahead of the one being stored, never the whole
    corpus, so memory stays flat however many files there are. A reader
    process that dies (out of memory, a crash in a PDF library) takes the
    documents in flight with it: each is read again alone, and the one that
    kills its reader again is named as failed; the others go on.
    """
    if jobs <= 1 or len(files) <= 1:
        yield from map(read, files)
        return
    pending = deque(files)
    while pending:
        with _readers(jobs) as pool:
            ahead: deque = deque()
            try:
                while pending or ahead:
                    while pending and len(ahead) <= 2 * jobs:
                        path = pending.popleft()
                        ahead.append((path, pool.submit(read, path)))
                    yield ahead[0][1].result()
                    ahead.popleft()
            except BrokenProcessPool:
                for path, _ in ahead:
                    yield _read_alone(path)
                ahead.clear()


def _end_with(parent: int) -> None:
    """Make a reader process end with the build that started it: a build killed mid-way leaves
    no reader waiting for work that never comes (Linux; elsewhere readers end with their queue)."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build ended before the reader could ask
        os._exit(1)


def _readers(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_end_with, initargs=(os.getpid(),))


def _read_alone(path: Path) -> ReadDocument | BuildError:
    """``path`` read in a process of its own, so that if it kills its reader nothing else is lost."""
    with _readers(1) as pool:
        try:
            return pool.submit(read, path).result()
        except BrokenProcessPool:
            return BuildError(str(path), None, "the process reading it died (out of memory, or a crash in a library "
                                               "reading the file)")


class DuplicatePlan(Exception):
    """The document is a plan the store already holds from another file, or is named as another file is."""


def _refuse_second_copy(store, graph_iri, plans, kept=lambda other: True) -> None:
    """Raise :class:`DuplicatePlan` when another document's graph that stays (``kept``) holds the same plan.

    Two copies would make every fact of the plan twice stated, with two
    sources, and the plan's tasks would be counted and linked twice.
    """
    for plan in plans:
        for row in queries.select(store, "plan_sources", plan=plan):
            if row["graph"] != str(graph_iri) and kept(URIRef(row["graph"])):
                raise DuplicatePlan(f"the same plan as {row['file']} ({plan}), already in the store; "
                                    f"keep one of the two files, or rebuild with --clean")


def _without_copies(store, files: list[Path], clean: bool) -> tuple[list[Path], list[BuildError]]:
    """The files to read, and a refusal for each that holds the same bytes as one read before it
    in this build or as another file's document the store keeps (with ``clean`` it keeps none of
    them): found by digest before it is read, so that a copy costs no parsing whatever its size."""
    from loaders.read import digest

    digests, first, kept, refused = {}, {}, [], []
    for path in files:
        try:
            digests[path] = digest(path)
        except OSError:
            kept.append(path)  # the reader names what is wrong with it
    stored = defaultdict(list)
    if not clean:
        for row in queries.select(store, "digest_sources", digest={Literal(d) for d in digests.values()}):
            stored[row["digest"]].append(row)
    for path in files:
        found = digests.get(path)
        if found is None:
            continue
        other = [row["file"] for row in stored[found] if row["graph"] != str(ids.named_graph(path.name))]
        if found in first:
            refused.append(BuildError(str(path), None, f"the same bytes as {first[found]}, read before it in this build; "
                                                       "keep one of the two files"))
        elif other:
            refused.append(BuildError(str(path), None, f"the same bytes as {min(other)}, already in the store; "
                                                       "keep one of the two files, or rebuild with --clean"))
        else:
            first[found] = path
            kept.append(path)
    kept = set(kept)
    return [path for path in files if path in kept], refused


def _error(path: Path, error: Exception) -> BuildError:
    from loaders.model import ParseError

    if isinstance(error, ParseError):
        return BuildError(error.document, error.line, error.message)
    if isinstance(error, DuplicatePlan):
        return BuildError(str(path), None, str(error))
    return BuildError(str(path), None, f"{type(error).__name__}: {error}")


# How the store lays its graphs out: a store of another layout is rebuilt, not added to.
LAYOUT = "2"


class OtherLayout(StoreError):
    """The store was built by a version of nqgraph that laid its graphs out otherwise."""


def last_build(store) -> str | None:
    """``complete`` when the last build finished, ``running`` when it was interrupted, None before any."""
    rows = queries.select(store, "build_state", build=state_graph())
    return rows[0]["state"] if rows else None


def _check_layout(store, clean: bool) -> None:
    """Refuse to add to a store whose graphs are laid out otherwise, unless it is rebuilt (``clean``)."""
    rows = queries.select(store, "build_state", build=state_graph())
    if not clean and store.graphs() and not any(row.get("layout") == LAYOUT for row in rows):
        raise OtherLayout("this store was built by an earlier version of nqgraph, which laid its graphs out "
                          "otherwise; rebuild it whole with nqgraph build --clean")


def _mark(store, state: str) -> None:
    store.replace_graph(state_graph(), [(state_graph(), NQG.buildState, Literal(state)),
                                        (state_graph(), NQG.storeLayout, Literal(LAYOUT))])


def build(paths, store, progress: bool = True, clean: bool = False, jobs: int | None = None) -> BuildSummary:
    """Read ``paths`` (files or directories; none: the bundled corpus) into ``store``.

    Documents are read on ``jobs`` processes (default: one per core) and
    stored one by one, each graph replaced whole. The shared nodes the changed
    documents name are then described anew, and the other derived graphs
    (links, indexes) and the search index rebuilt (:func:`derive`). The build says in the store that it is
    running until it finishes, so an interrupted build is seen by the next one,
    which describes every shared node afresh. With ``clean``, the graphs of
    documents not in this build are dropped, so the store holds exactly these.
    """
    _check_layout(store, clean)
    files = document_paths(paths or [CORPUS])
    summary = BuildSummary()
    previous = last_build(store)
    summary.interrupted = previous == "running"
    _mark(store, "running")
    written = derived_graphs()
    changed = Changed()
    if previous == "complete":
        from graph.links import provinces

        changed.earlier = provinces(store)
    read_from: dict = {}  # graph IRI → the file of this build it was read from
    files, copies = _without_copies(store, files, clean)
    summary.errors += copies
    show = progress and (len(files) > 3 or sys.stderr.isatty())
    with tqdm(total=len(files) + len(FINAL_STEPS), unit="step", file=sys.stderr, disable=not show) as bar:
        for result in read_all(files, jobs or os.cpu_count() or 1):
            if isinstance(result, ReadDocument):
                bar.set_postfix_str(result.path.name)
                try:
                    _store_document(store, result, read_from, changed,
                                    kept=lambda other: not clean or other in written)
                except Exception as error:
                    result = _error(result.path, error)
                else:
                    written.add(result.graph_iri)
                    read_from[result.graph_iri] = result.path
                    summary.documents += 1
            if isinstance(result, BuildError):
                summary.errors.append(result)
            bar.update()
        if clean:
            for graph_iri in store.graphs():
                if graph_iri not in written:
                    changed.before(store, graph_iri)
                    store.drop_graph(graph_iri)
        # a programme's own text changes the items every province's plans are linked to
        failed = derive(store, changed if previous == "complete" and not changed.named.printed else None, bar)
    summary.errors += failed
    if not failed:
        _mark(store, "complete")
    _count(store, summary)
    return summary


def derive(store, changed: Changed | None = None, bar=None) -> list[BuildError]:
    """Make the derived graphs from the documents in the store: the reference graph, the shared
    nodes the ``changed`` documents name and the links of their provinces (None: all of
    them), the indexes and the search index.

    Each step replaces what it makes in one write; a step that fails is
    returned as an error and the others still run.
    """
    context, errors = {"changed": changed}, []
    for name, step in FINAL_STEPS:
        if bar is not None:
            bar.set_postfix_str(name)
        try:
            step(store, context)
        except Exception as error:
            errors.append(BuildError(name, None, f"{type(error).__name__}: {error}"))
        if bar is not None:
            bar.update()
    return errors


@dataclass
class Changed:
    """What the documents a build changed touch: the shared nodes their old and new versions
    name, the resources they describe, their plans and the tasks their old versions held, and
    each plan's province before."""

    named: Named = field(default_factory=Named)
    subjects: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)
    tasks: set[str] = field(default_factory=set)
    earlier: dict = field(default_factory=dict)

    def before(self, store, graph_iri) -> None:
        """Note what the stored graph ``graph_iri`` holds, before it is replaced or dropped."""
        self.named |= named_in_store(store, graph_iri)
        self.described(store, graph_iri)
        for row in queries.select(store, "graph_tasks", g=URIRef(graph_iri)):
            self.plans.add(row["plan"])
            if "task" in row:
                self.tasks.add(row["task"])

    def described(self, store, graph_iri) -> None:
        """Note the resources the stored graph ``graph_iri`` describes."""
        self.subjects.update(row["s"] for row in queries.select(store, "graph_subjects", g=URIRef(graph_iri)))


def _store_document(store, document: ReadDocument, read_from: dict, changed: Changed, kept) -> None:
    """Replace the document's graph, noting in ``changed`` what its old and new versions touch."""
    if document.graph_iri in read_from:
        raise DuplicatePlan(f"named as {read_from[document.graph_iri]}, read before it: a document's graph "
                            f"is named by its file name; rename one of the two")
    _refuse_second_copy(store, document.graph_iri, document.plans, kept)
    changed.before(store, document.graph_iri)
    store.replace_graph(document.graph_iri, document.ntriples)
    changed.described(store, document.graph_iri)
    changed.named |= document.named
    changed.plans.update(str(plan) for plan in document.plans)


def _replace_reference(store, context: dict) -> None:
    """The reference graph, less what loaded documents say of themselves; when it changed (a
    unit added to the registry, a resolution loaded from its text), every shared node described
    afresh: what the entity graph leaves out depends on it."""
    from loaders.reference import reference_graph

    reference = context["reference"] = reference_graph()
    kept = beside_documents(store, reference)
    stored = {(row["s"], row["p"], row["o"]) for row in queries.rows(store, "graph_triples", g=ids.reference_graph())}
    if stored != set(kept):
        context["changed"] = None
        store.replace_graph(ids.reference_graph(), kept)


def _describe_entities(store, context: dict) -> None:
    """The shared nodes the changed documents name, described anew; all of them after an
    interrupted build or into a store no build has finished."""
    changed = context["changed"]
    refresh(store, None if changed is None else changed.named, context.get("reference"))


def _replace_links(store, context: dict) -> None:
    """Infer over the documents alone: the whole links graph, or the links of the changed
    documents' provinces, in one write."""
    from graph.links import infer_links

    changed = context["changed"]
    if changed is None:
        store.replace_graph(links_graph(), infer_links(store).graph)
    elif changed.plans:
        inferred = infer_links(store, changed.plans, changed.earlier)
        tasks = context["relinked"] = inferred.tasks | changed.tasks
        nodes = _link_nodes(store, tasks)
        store.replace_subjects(links_graph(), sorted(tasks | nodes), inferred.graph)
        context["renamed"] = tasks | nodes | _link_nodes(store, tasks)


def _link_nodes(store, tasks: set[str]) -> set[str]:
    """The derivation nodes of ``tasks`` in the links graph."""
    return {row["derivation"] for row in queries.select(store, "link_nodes", g=links_graph(),
                                                        task={URIRef(task) for task in tasks})}


def _replace_indexes(store, context: dict) -> None:
    """The index statements about every unit and task, or about those the changed documents
    name, hold and link anew, and the tasks below them."""
    changed = context["changed"]
    if changed is None:
        replace_indexes(store)
    else:
        replace_indexes(store, changed.named.units, context.get("relinked", changed.tasks))


def _replace_search_index(store, context: dict) -> None:
    """The search index whole, or the rows of what the changed documents describe and name
    and of the tasks linked anew and their derivations."""
    changed = context["changed"]
    if changed is None:
        replace_index(store)
    else:
        replace_index(store, changed.subjects | changed.named.subjects() | context.get("renamed", set()))


FINAL_STEPS = (("reference graph", _replace_reference), ("shared nodes", _describe_entities),
               ("inferred links", _replace_links), ("indexes", _replace_indexes), ("search index", _replace_search_index))


def _count(store, summary: BuildSummary) -> None:
    row = queries.select(store, "counts")[0]
    summary.triples = len(store)
    summary.tasks = int(row["tasks"])
    summary.units = int(row["units"])
    summary.indicators = int(row["indicators"])
    summary.links_stated = int(row["stated"])
    summary.links_inferred = int(row["inferred"])
    summary.warnings = int(row["warnings"])
