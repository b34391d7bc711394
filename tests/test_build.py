"""Building the store: each document in its own graph, failures named and kept out, rebuilds stable.

The pipeline's steps (parse, RDF, reference graph, link inference) have their
own tests; here small stand-ins for them (``fake_pipeline``) let the build be
checked on documents written for each test.
"""

import sys
import types
from contextlib import contextmanager

import pytest
from rdflib import RDF, BNode, Graph, Literal
from rdflib.namespace import PROV

from graph.build import CORPUS, BuildError, build, document_paths, links_graph, state_graph
from graph.indexes import index_graph
from loaders.model import ParseError
from ontology import ids
from ontology.vocab import ELI, NQG

ITEM_48 = ids.nq71_item("48")


def _parse(source):
    """Stand-in parser: ``task N text``, ``warn CODE message``, ``broken`` (a parse error), ``crash``."""
    plan = types.SimpleNamespace(document=source.name, tasks=[], warnings=[])
    for line, text in enumerate(source.lines, start=1):
        word, _, rest = text.partition(" ")
        if word == "broken":
            raise ParseError(source.name, line, "cannot read this line")
        if word == "crash":
            raise RuntimeError("parser bug")
        if word == "task":
            number, _, words = rest.partition(" ")
            plan.tasks.append((number, words, line))
        if word == "warn":
            code, _, message = rest.partition(" ")
            plan.warnings.append((code, message, line))
    return plan


def _plan_graph(plan) -> Graph:
    graph = Graph()
    iri = ids.iri("plan", "test", plan.document.split(".")[0])
    graph.add((iri, RDF.type, NQG.Plan))
    graph.add((iri, NQG.sourceDocument, Literal(plan.document)))
    for number, text, line in plan.tasks:
        task, span = ids.part(iri, "task", number), ids.part(iri, "task", number, "source")
        graph.add((task, RDF.type, NQG.PlanTask))
        graph.add((task, ELI.is_part_of, iri))
        graph.add((task, NQG.number, Literal(number)))
        graph.add((task, NQG.text, Literal(text)))
        graph.add((task, NQG.source, span))
        graph.add((span, NQG.sourceDocument, Literal(plan.document)))
        graph.add((span, NQG.firstLine, Literal(line)))
        graph.add((span, NQG.lastLine, Literal(line)))
        if "(48)" in text:
            derivation = ids.part(task, "derivation", "48")
            graph.add((task, PROV.wasDerivedFrom, ITEM_48))
            graph.add((derivation, RDF.type, NQG.StatedDerivation))
    for n, (code, message, line) in enumerate(plan.warnings, start=1):
        warning = ids.part(iri, "warning", str(n))
        graph.add((warning, RDF.type, NQG.ExtractionWarning))
        graph.add((warning, NQG.document, iri))
        graph.add((warning, NQG.code, Literal(code)))
        graph.add((warning, NQG.message, Literal(message)))
        graph.add((warning, NQG.sourceDocument, Literal(plan.document)))
        graph.add((warning, NQG.firstLine, Literal(line)))
    return graph


def _reference_graph() -> Graph:
    graph = Graph()
    graph.add((ITEM_48, RDF.type, NQG.ProgrammeItem))
    graph.add((ITEM_48, NQG.number, Literal("48")))
    graph.add((ids.unit("so-khoa-hoc-va-cong-nghe"), RDF.type, NQG.Unit))
    return graph


def _infer_links(store, plans=None, earlier=None) -> types.SimpleNamespace:
    """Links every unlinked task about "số hóa" to item 48, reading the documents (not the links
    an earlier build inferred) from the store."""
    graph = Graph()
    rows = store.query("""
        PREFIX nqg: <https://nqgraph.org/def#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?task WHERE { ?task a nqg:PlanTask ; nqg:text ?text
                             FILTER(CONTAINS(?text, "số hóa"))
                             FILTER NOT EXISTS { GRAPH ?g { ?task prov:wasDerivedFrom ?up } FILTER(?g != ?links) } }""",
        {"links": links_graph()})
    for row in rows:
        derivation = ids.part(row["task"], "derivation", "inferred-48")
        graph.add((row["task"], PROV.wasDerivedFrom, ITEM_48))
        graph.add((row["task"], PROV.qualifiedDerivation, derivation))
        graph.add((derivation, RDF.type, NQG.InferredDerivation))
    return types.SimpleNamespace(graph=graph, tasks={str(row["task"]) for row in rows})


def _provinces(store) -> dict:
    return {}


@contextmanager
def fake_steps():
    """The stand-ins above in place of the real modules, for as long as the block runs."""
    with pytest.MonkeyPatch.context() as patch:
        added = set()
        for name, function in (("loaders.parse", _parse), ("loaders.rdf", _plan_graph),
                               ("loaders.reference", _reference_graph), ("graph.links", _infer_links), ("graph.links", _provinces)):
            module = sys.modules[name] if name in added else types.ModuleType(name)
            added.add(name)
            setattr(module, function.__name__.lstrip("_"), function)
            patch.setitem(sys.modules, name, module)
        yield


@pytest.fixture
def fake_pipeline():
    with fake_steps():
        yield


def write(directory, name, *lines):
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def documents(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    write(folder, "a.txt", "Kế hoạch A", "task 1 Đẩy mạnh số hóa dữ liệu", "task 2 Cấp chữ ký số (48)")
    write(folder, "b.txt", "Kế hoạch B", "warn no-lead no lead unit in this row", "task 1 Phát triển hạ tầng")
    write(folder, "c.txt", "Kế hoạch C", "broken", "task 1 never read")
    write(folder, "notes.csv", "not a document")
    return folder


def quads(store) -> set:
    return set(store.quads())


def test_each_document_gets_its_graph_and_a_failure_is_named_and_kept_out(fake_pipeline, documents, store):
    summary = build([documents], store, progress=False)

    assert summary.errors == [BuildError("c.txt", 2, "cannot read this line")]
    assert str(summary.errors[0]) == "c.txt:2: cannot read this line"
    assert summary.documents == 2
    assert set(store.graphs()) == {ids.named_graph("a.txt"), ids.named_graph("b.txt"),
                                   ids.reference_graph(), links_graph(), index_graph(), state_graph()}
    assert not store.query('ASK { ?s ?p "c.txt" }').askAnswer
    assert (summary.tasks, summary.units, summary.warnings) == (3, 1, 1)
    assert (summary.links_stated, summary.links_inferred) == (1, 1)  # a.txt task 2 is stated, task 1 inferred
    assert summary.triples == len(store) > 0


def test_a_crashing_parser_is_reported_with_the_file(fake_pipeline, tmp_path, store):
    path = write(tmp_path, "d.txt", "crash")
    summary = build([path], store, progress=False)
    assert summary.errors == [BuildError(str(path), None, "RuntimeError: parser bug")]
    assert ids.named_graph("d.txt") not in store.graphs()


def test_a_document_that_now_fails_keeps_its_previous_graph(fake_pipeline, documents):
    from graph.store import MemoryStore

    store = MemoryStore()
    build([documents / "a.txt"], store, progress=False)
    before = quads(store)
    write(documents, "a.txt", "Kế hoạch A", "broken")
    summary = build([documents / "a.txt"], store, progress=False)
    assert [str(e) for e in summary.errors] == ["a.txt:2: cannot read this line"]
    assert quads(store) == before


def test_rebuilding_unchanged_input_leaves_the_same_triples(fake_pipeline, documents, tmp_path):
    from graph.store import MemoryStore, OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    build([documents], store, progress=False)
    first = quads(store)
    build([documents], store, progress=False)
    assert quads(store) == first
    fresh = MemoryStore()
    build([documents], fresh, progress=False)
    assert quads(fresh) == first
    assert not any(isinstance(term, BNode) for quad in first for term in quad)


def test_inferred_links_are_replaced_whole(fake_pipeline, documents):
    from graph.store import MemoryStore

    store = MemoryStore()
    build([documents], store, progress=False)
    write(documents, "a.txt", "Kế hoạch A", "task 1 Phát triển nhân lực")
    summary = build([documents], store, progress=False)
    assert summary.links_inferred == 0


def test_clean_drops_documents_no_longer_built(fake_pipeline, documents):
    from graph.store import MemoryStore

    store = MemoryStore()
    build([documents], store, progress=False)
    (documents / "b.txt").unlink()
    build([documents], store, progress=False)
    assert ids.named_graph("b.txt") in store.graphs()  # adding documents never removes others
    build([documents], store, progress=False, clean=True)
    assert ids.named_graph("b.txt") not in store.graphs()
    assert ids.named_graph("a.txt") in store.graphs()


def test_a_second_file_of_a_plan_already_held_is_refused_naming_the_first(fake_pipeline, documents, store):
    build([documents], store, progress=False)
    before = quads(store)
    copy = write(documents, "a.saved-twice.txt", "Kế hoạch A", "task 1 Đẩy mạnh số hóa dữ liệu")
    summary = build([copy], store, progress=False)
    assert [(e.file, "the same plan as a.txt" in e.message) for e in summary.errors] == [(str(copy), True)]
    assert quads(store) == before
    (documents / "a.txt").unlink()  # once the first file is gone, a clean build takes the copy
    summary = build([documents], store, progress=False, clean=True)
    assert all(e.file == "c.txt" for e in summary.errors)
    assert ids.named_graph("a.saved-twice.txt") in store.graphs() and ids.named_graph("a.txt") not in store.graphs()


def test_a_copy_of_a_document_is_refused_by_its_bytes_before_it_is_read(tmp_path, monkeypatch):
    from graph.store import MemoryStore

    seed = min(CORPUS.glob("*.txt"), key=lambda path: path.stat().st_size)
    copy, again = tmp_path / "saved-again.txt", tmp_path / "and-again.txt"
    copy.write_bytes(seed.read_bytes())
    again.write_bytes(seed.read_bytes())
    store = MemoryStore()
    build([seed], store, progress=False)
    before = quads(store)
    monkeypatch.setattr("loaders.parse.parse", lambda *args, **kwargs: pytest.fail("a copy was parsed"))
    summary = build([copy], store, progress=False)
    assert [(e.file, e.message) for e in summary.errors] == [
        (str(copy), f"the same bytes as {seed.name}, already in the store; keep one of the two files, "
                    "or rebuild with --clean")]
    assert quads(store) == before
    monkeypatch.undo()
    fresh = MemoryStore()
    summary = build([copy, again], fresh, progress=False, jobs=1)  # two copies in one build: the first is read
    assert [(e.file, e.message) for e in summary.errors] == [
        (str(again), f"the same bytes as {copy}, read before it in this build; keep one of the two files")]
    assert summary.documents == 1 and ids.named_graph(copy.name) in fresh.graphs()


def test_directories_expand_to_readable_files_and_other_files_are_refused(fake_pipeline, documents, store):
    assert [p.name for p in document_paths([documents])] == ["a.txt", "b.txt", "c.txt"]
    summary = build([documents / "notes.csv"], store, progress=False)
    assert len(summary.errors) == 1 and summary.errors[0].file == "notes.csv"
    assert "unsupported file type .csv" in summary.errors[0].message


def test_the_default_input_is_the_bundled_corpus():
    files = document_paths([CORPUS])
    assert len(files) == 5 and all(p.suffix == ".txt" and p.parent == CORPUS for p in files)


@pytest.fixture(scope="module")
def corpus_store():
    pytest.importorskip("loaders.rdf")
    from graph.store import MemoryStore

    store = MemoryStore()
    summary = build(None, store, progress=False)
    return store, summary


def test_the_bundled_corpus_builds(corpus_store):
    store, summary = corpus_store
    assert summary.errors == []
    assert summary.documents == 5
    for path in document_paths([CORPUS]):
        assert ids.named_graph(path.name) in store.graphs()
    assert not any(isinstance(term, BNode) for quad in store.quads() for term in quad)
    assert summary.tasks > 0 and summary.units > 0 and summary.indicators > 0


def test_rebuilding_the_corpus_leaves_the_same_triples(corpus_store):
    store, _ = corpus_store
    before = set(store.quads())
    build(None, store, progress=False)
    assert set(store.quads()) == before


def test_units_named_differently_by_documents_get_one_preferred_name():
    from rdflib.namespace import SKOS

    from graph.entities import entity_graph, refresh
    from graph.store import MemoryStore

    store, unit, listed = MemoryStore(), ids.unit("collective/cac-don-vi-lien-quan"), ids.unit("so-tu-phap")
    reference = Graph()
    reference.add((listed, SKOS.prefLabel, Literal("Sở Tư pháp", lang="vi")))
    for name, document in (("Cac don vi lien quan", "a"), ("Các đơn vị liên quan", "b"), ("Các Đơn vị liên quan", "c"),
                           ("Các đơn vị liên quan", "d")):
        triples = []
        for n, node in enumerate((unit, listed)):
            mention = ids.iri("plan", document, "task", "1", "lead", str(n))
            triples += [(mention, RDF.type, NQG.UnitMention), (mention, NQG.unit, node),
                        (mention, NQG.printed, Literal(name)), (mention, NQG.unitName, Literal(name))]
        store.replace_graph(ids.named_graph(document), triples)
    store.replace_graph(ids.reference_graph(), reference)
    refresh(store, reference=reference)
    first = set(store.quads())
    refresh(store, reference=reference)  # a rebuild starts afresh
    assert set(store.quads()) == first
    names = store.query("SELECT ?unit ?name WHERE { ?unit <%s> ?name }" % SKOS.prefLabel)
    assert {(row["unit"], str(row["name"])) for row in names} == {(unit, "Các đơn vị liên quan"),
                                                                  (listed, "Sở Tư pháp")}
    others = store.query("SELECT ?name WHERE { ?unit <%s> ?name }" % SKOS.altLabel, {"unit": unit})
    assert {str(row["name"]) for row in others} == {"Cac don vi lien quan", "Các Đơn vị liên quan"}
    assert not [quad for quad in store.quads() if quad[3] == entity_graph() and quad[0] == listed
                and quad[1] == SKOS.prefLabel]


def test_two_files_of_one_name_are_not_one_document(tmp_path, store):
    """Graphs are named by file name: the second file of a name is refused, not silently merged."""
    from graph.build import CORPUS

    first, second = tmp_path / "a" / "plan.txt", tmp_path / "b" / "plan.txt"
    for path, seed in ((first, "000_8eeaa78af329970f.txt"), (second, "002_fe2aa1f67ca433f0.txt")):
        path.parent.mkdir()
        path.write_bytes((CORPUS / seed).read_bytes())
    summary = build([first, second], store, progress=False)
    assert summary.documents == 1 and [error.file for error in summary.errors] == [str(second)]
    assert str(first) in summary.errors[0].message


def test_an_interrupted_build_is_named_by_the_next_commands_and_mended_by_the_next_build(tmp_path, capsys):
    """A build killed after its documents were written leaves the store saying so: ``check`` fails
    naming it, and the next build describes every shared node afresh."""
    from graph.build import _mark
    from graph.entities import entity_graph
    from graph.store import OxigraphStore
    from service.cli import main

    path = tmp_path / "store"
    store = OxigraphStore(path)
    build(None, store, progress=False)
    described = {quad for quad in store.quads() if quad[3] == entity_graph()}
    store.drop_graph(entity_graph())
    _mark(store, "running")  # as a build leaves the store when it is killed before its last step
    store.close()

    assert main(["check", "--store", str(path)]) == 1
    assert "did not finish" in capsys.readouterr().err
    assert main(["build", "--store", str(path), "--quiet"]) == 0
    assert "did not finish" in capsys.readouterr().err
    store = OxigraphStore(path, read_only=True)
    assert {quad for quad in store.quads() if quad[3] == entity_graph()} == described
    store.close()
    assert main(["check", "--store", str(path)]) == 0


def test_building_in_steps_gives_what_one_build_gives(store, corpus_store):
    """Documents added a few at a time, and one of them read again, leave each shared node described
    as one build of them all describes it, on every backend."""
    whole, _ = corpus_store
    files = document_paths([CORPUS])
    build(files[:2], store, progress=False)
    build(files[2:], store, progress=False)
    build(files[1:2], store, progress=False)
    assert quads(store) == quads(whole)


def test_files_whose_names_slug_alike_keep_their_own_graphs(fake_pipeline, documents):
    """``Kế_hoạch_1.txt`` and, in a later build, ``ke_hoach_1.txt``: two documents, two graphs."""
    from graph.store import MemoryStore

    store = MemoryStore()
    first = write(documents, "Kế_hoạch_1.txt", "Kế hoạch", "task 1 Đẩy mạnh số hóa dữ liệu")
    second = write(documents, "ke_hoach_1.txt", "Kế hoạch", "task 2 Phát triển hạ tầng")
    assert ids.named_graph(first.name) != ids.named_graph(second.name)
    assert build([first], store, progress=False).ok and build([second], store, progress=False).ok
    assert {ids.named_graph(first.name), ids.named_graph(second.name)} <= set(store.graphs())


def read_or_die(path):
    """A reader that dies on ``b.txt``, as one does when a PDF library crashes or the kernel kills it."""
    import os

    from graph import build as build_module

    if path.name == "b.txt":
        os._exit(1)
    return build_module.read.__wrapped__(path)


def test_a_document_that_kills_its_reader_is_named_and_the_others_are_built(fake_pipeline, documents, monkeypatch):
    from graph import build as build_module
    from graph.store import MemoryStore

    read_or_die.__wrapped__ = build_module.read
    monkeypatch.setattr(build_module, "read", read_or_die)
    store = MemoryStore()
    summary = build([documents], store, progress=False, jobs=2)
    assert sorted(e.file.rsplit("/", 1)[-1] for e in summary.errors) == ["b.txt", "c.txt"]
    assert "died" in next(e.message for e in summary.errors if e.file.endswith("b.txt"))
    assert ids.named_graph("a.txt") in store.graphs() and ids.named_graph("b.txt") not in store.graphs()


def test_a_unit_the_registry_comes_to_name_keeps_one_name(tmp_path, monkeypatch):
    """When the reference graph changes (the registry now names a unit the documents name), every
    shared node is described afresh, however few documents the build reads."""
    from rdflib.namespace import SKOS

    import loaders.reference
    from graph.store import MemoryStore

    store = MemoryStore()
    files = document_paths([CORPUS])
    build(files, store, progress=False)
    unit = ids.unit("collective/cac-don-vi-lien-quan")
    named = loaders.reference.reference_graph()
    original = loaders.reference.reference_graph

    def with_unit():
        graph = original()
        graph.add((unit, SKOS.prefLabel, Literal("Các đơn vị có liên quan", lang="vi")))
        return graph

    monkeypatch.setattr(loaders.reference, "reference_graph", with_unit)
    assert (unit, SKOS.prefLabel, None) not in named
    build(files[:1], store, progress=False)
    names = {str(row["name"]) for row in store.query(
        "SELECT ?name WHERE { ?unit <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }", {"unit": unit})}
    assert names == {"Các đơn vị có liên quan"}
