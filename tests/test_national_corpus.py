"""The national corpus generator: the same seed gives the same files, and the real build reads them."""

import json
import sqlite3

from bench.national_corpus import compare, generate
from graph.build import build, links_graph
from graph.queries import with_prefixes
from graph.search import SearchIndex, index_path
from graph.store import MemoryStore, OxigraphStore
from loaders.parse import parse
from loaders.read import read_document

PLANS, SEED = 12, 1  # seed 1 draws all four formats, a scanned plan, a department and communes


def test_same_seed_same_text_files(tmp_path):
    first = generate(PLANS, SEED, tmp_path / "a")
    second = generate(PLANS, SEED, tmp_path / "b")
    assert [path.name for path in first] == [path.name for path in second]
    assert {path.suffix for path in first} == {".txt", ".docx", ".html", ".pdf"}
    for one, other in zip(first, second):
        if one.suffix == ".txt":
            assert one.read_bytes() == other.read_bytes()
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (tmp_path / "b" / "manifest.json").read_bytes()


def test_the_build_reads_every_plan_as_the_manifest_describes_it(tmp_path):
    paths = generate(PLANS, SEED, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    documents = {document["file"]: document for document in manifest["documents"]}
    assert sorted(documents) == sorted(path.name for path in paths)
    assert any(document["scanned"] for document in documents.values())

    summary = build(paths, MemoryStore(), progress=False)
    assert summary.errors == []
    assert summary.documents == PLANS

    results = [compare(documents[path.name], parse(read_document(path))) for path in paths]
    assert all(result["number"][0] and result["date"][0] for result in results)
    # The loaders misread some real issuer layouts (see the generator's report); most read right.
    assert sum(result["issuer"][0] for result in results) >= PLANS - 2


def _links(store) -> set:
    return {quad for quad in store.quads() if quad[3] == links_graph()}


def _index(store) -> dict:
    """Everything the store's search index holds, rows keyed by IRI rather than by row number,
    after checking its full-text table against the entries."""
    database = sqlite3.connect(index_path(store))
    database.execute("INSERT INTO entry_words (entry_words) VALUES ('integrity-check')")
    entry = "(SELECT iri FROM entry WHERE id = {}.entry)"
    tables = {name: f"SELECT * FROM {name}" for name in
              ("label", "kind_count", "indicator", "indicator_row", "target_year", "item_row", "unpicked",
               "item_plans", "plan_row", "unit_row", "task_fact")}
    tables |= {"entry": "SELECT iri, kind, title, number, facets, words_title, words_body FROM entry",
               "facet": f"SELECT {entry.format('facet')}, name, value FROM facet",
               "document_number": f"SELECT slug, {entry.format('document_number')} FROM document_number"}
    contents = {name: sorted(database.execute(sql).fetchall()) for name, sql in tables.items()}
    database.close()
    return contents


def _searches(store) -> list:
    index = SearchIndex.open(store)
    found = [[(entry.iri, score) for entry, score in index.search(query, limit=None).hits]
             for query in ("so hoa", "chuyển đổi số", "Sở Khoa học", "5G", "UBND")]
    index.database.close()
    return found


def test_plans_added_later_are_linked_as_one_build_links_them_within_their_province(tmp_path):
    """Link inference runs again only in the provinces a build changes; the result is what one build
    of everything gives, and no plan is linked to another province's city tasks."""
    paths = generate(PLANS, SEED, tmp_path / "corpus")
    province = {path.name: path.name.split("_")[1] for path in paths}
    assert len(set(province.values())) == 2
    later = [next(p for p in paths if "ubnd-tinh" in p.name and province[p.name] == "son-la"),
             next(p for p in paths if "ubnd-xa" in p.name and province[p.name] == "nghe-an")]

    whole = OxigraphStore(tmp_path / "whole")
    build(paths, whole, progress=False)
    steps = OxigraphStore(tmp_path / "steps")
    build([p for p in paths if p not in later], steps, progress=False)
    build(later, steps, progress=False)
    assert _links(steps) == _links(whole) and _links(whole)
    assert set(steps.quads()) == set(whole.quads())
    assert _index(steps) == _index(whole) and _searches(steps) == _searches(whole)

    rows = whole.select(with_prefixes("""SELECT ?from ?to WHERE {
        GRAPH ?links { ?task prov:wasDerivedFrom ?upstream }
        ?task eli:is_part_of/nqg:sourceDocument ?from . ?upstream eli:is_part_of/nqg:sourceDocument ?to }"""),
        {"links": links_graph()})
    assert rows and all(province[row["from"]] == province[row["to"]] for row in rows)


def test_a_plan_cut_short_and_one_dropped_leave_what_one_build_of_the_corpus_as_it_is_gives(tmp_path):
    """A build that replaces a plan (its appendix of tasks cut off) and drops another (``--clean``)
    changes only what they touch, and leaves the graph and the search index as one build gives."""
    paths = generate(PLANS, SEED, tmp_path / "corpus")
    steps = OxigraphStore(tmp_path / "steps")
    build(paths, steps, progress=False)
    appended = [p for p in paths if p.suffix == ".txt" and "\nPHỤ LỤC" in p.read_text(encoding="utf-8")]
    cut, dropped = appended[0], appended[-1]
    text = cut.read_text(encoding="utf-8")
    cut.write_text(text[: text.index("\nPHỤ LỤC")], encoding="utf-8")
    kept = [p for p in paths if p != dropped]
    assert build(kept, steps, progress=False, clean=True).ok
    whole = OxigraphStore(tmp_path / "whole")
    build(kept, whole, progress=False)
    assert set(steps.quads()) == set(whole.quads())
    assert _index(steps) == _index(whole) and _searches(steps) == _searches(whole)
