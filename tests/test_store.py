"""The store interface, the same on every backend (see the ``store`` fixture)."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from graph import queries
from graph.store import (
    MemoryStore, OxigraphStore, QueryError, StoreError, StoreNotFound, bind, open_store,
)
from graph.remote import RemoteStore
from ontology import ids

EX = Namespace("https://example.org/")
G1, G2 = ids.iri("graph", "one"), ids.iri("graph", "two")  # graph names of nqgraph's own, as a server store sees


def sample(tag: str) -> Graph:
    graph = Graph()
    graph.add((EX[tag], EX.label, Literal(f"nhiệm vụ {tag}", lang="vi")))
    graph.add((EX[tag], EX.number, Literal("1.2")))
    graph.add((EX[tag], EX.year, Literal(2030)))
    graph.add((EX[tag], EX.score, Literal(Decimal("0.75"))))
    graph.add((EX[tag], EX.links, EX.shared))
    return graph


def graph_of(store, graph_iri) -> Graph:
    graph = Graph()
    for s, p, o, g in store.quads():
        if g == graph_iri:
            graph.add((s, p, o))
    return graph


def test_replace_graph_writes_and_replaces_whole(store):
    store.replace_graph(G1, sample("a"))
    store.replace_graph(G2, sample("b"))
    assert store.graphs() == [G1, G2]
    assert len(store) == 10
    assert isomorphic(graph_of(store, G1), sample("a"))  # every term comes back as written

    store.replace_graph(G1, sample("c"))
    assert isomorphic(graph_of(store, G1), sample("c"))
    assert not store.query("ASK { ?s ?p ?o FILTER(?s = <https://example.org/a>) }").askAnswer

    store.drop_graph(G2)
    store.drop_graph(G2)  # dropping an absent graph is fine
    assert store.graphs() == [G1]
    assert len(store) == 5


def test_queries_run_over_the_union_of_graphs(store):
    store.replace_graph(G1, sample("a"))
    store.replace_graph(G2, sample("b"))
    rows = store.query("SELECT DISTINCT ?s WHERE { ?s <https://example.org/links> <https://example.org/shared> } ORDER BY ?s")
    assert [row["s"] for row in rows] == [EX.a, EX.b]
    assert [str(v) for v in rows.vars] == ["s"]


def test_union_and_dataset_copies(store):
    store.replace_graph(G1, sample("a"))
    store.replace_graph(G2, sample("a"))  # the same triples in two graphs
    assert len(store) == 10
    assert len(store.union()) == 5
    dataset = store.dataset()
    assert {g.identifier for g in dataset.graphs() if len(g)} == {G1, G2}


def test_a_failing_producer_leaves_the_old_graph(store):
    store.replace_graph(G1, sample("a"))

    def broken():
        yield (EX.x, EX.p, Literal("first"))
        raise RuntimeError("the loader failed half way")

    with pytest.raises(RuntimeError):
        store.replace_graph(G1, broken())
    assert isomorphic(graph_of(store, G1), sample("a"))


def test_a_rejected_write_leaves_the_old_graph(store):
    store.replace_graph(G1, sample("a"))
    bad = sample("b")
    bad.add((EX.b, EX.p, URIRef("not an IRI")))  # the store refuses it
    with pytest.raises(StoreError):
        store.replace_graph(G1, bad)
    assert isomorphic(graph_of(store, G1), sample("a"))


def test_bound_literals_cannot_change_the_query(store):
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "\\u0022 {\n\t\\'
    graph = sample("a")
    graph.add((EX.a, EX.note, Literal(hostile)))
    store.replace_graph(G1, graph)
    rows = list(store.query("SELECT ?s WHERE { ?s <https://example.org/note> ?note }", {"note": Literal(hostile)}))
    assert [row["s"] for row in rows] == [EX.a]
    assert list(store.query("SELECT ?s WHERE { ?s ?p ?note }", {"note": Literal(hostile + " ")})) == []
    assert len(store) == 6


def test_bindings_are_rdf_terms_checked_before_use(store):
    store.replace_graph(G1, sample("a"))
    with pytest.raises(ValueError):
        store.query("SELECT ?p WHERE { ?s ?p ?o }", {"s": URIRef("https://example.org/a> } ; DROP ALL #")})
    with pytest.raises(TypeError):
        store.query("SELECT ?p WHERE { ?s ?p ?o }", {"s": "https://example.org/a"})
    with pytest.raises(ValueError):
        store.query("SELECT ?p WHERE { ?s ?p ?o }", {"s } #": EX.a})
    assert len(store) == 5


def test_bound_variables_need_not_be_projected(store):
    store.replace_graph(G1, sample("a"))
    store.replace_graph(G2, sample("b"))
    rows = store.query("SELECT ?label WHERE { ?s <https://example.org/label> ?label }", initBindings={"s": EX.b})
    assert [row["label"] for row in rows] == [Literal("nhiệm vụ b", lang="vi")]
    counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != ?skip) }", {"skip": EX.shared})
    assert int(list(counted)[0]["n"]) == 8


def test_bindings_reach_the_pattern_of_a_construct_and_a_subquery(store):
    store.replace_graph(G1, sample("a"))
    store.replace_graph(G2, sample("b"))
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": EX.a}).graph
    assert isomorphic(graph, sample("a"))
    rows = store.query("SELECT ?n WHERE { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s }", {"s": EX.b})
    assert [int(row["n"]) for row in rows] == [5]


def test_malformed_query_raises_the_parser_message(store):
    with pytest.raises(QueryError) as error:
        store.query("SELECT ?s WHERE { ?s ?p }")
    assert str(error.value)


def test_named_queries_count_what_the_store_holds():
    store = MemoryStore()
    nqg = Namespace("https://nqgraph.org/def#")
    graph = Graph()
    for n in range(3):
        graph.add((EX[f"task{n}"], URIRef(str(nqg) + "dummy"), Literal(n)))
    graph.add((EX.task0, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nqg.PlanTask))
    graph.add((EX.plan, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nqg.Plan))
    store.replace_graph(G1, graph)
    store.replace_graph(G2, graph)
    row = queries.rows(store, "counts")[0]
    assert (int(row["documents"]), int(row["tasks"])) == (1, 1)
    with pytest.raises(KeyError):
        queries.load("no-such-query")


def test_on_disk_store_persists_and_opens_read_only(tmp_path):
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(G1, sample("a"))
    store.close()
    with open_store(tmp_path / "db", read_only=True) as again:
        assert again.graphs() == [G1]
        assert len(again) == 5


def test_open_store_conventions(tmp_path, monkeypatch):
    monkeypatch.delenv("NQGRAPH_STORE", raising=False)
    monkeypatch.delenv("NQGRAPH_GSP_URL", raising=False)
    with pytest.raises(StoreNotFound, match=f"no graph at {tmp_path / 'none'}; run nqgraph build first"):
        open_store(tmp_path / "none")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "plan.txt").write_text("Kế hoạch")
    with pytest.raises(StoreError, match="is not an nqgraph store"):
        open_store(tmp_path / "notes", create=True)
    monkeypatch.setenv("NQGRAPH_STORE", str(tmp_path / "env"))
    with open_store(create=True) as store:
        assert store.path == tmp_path / "env"
    remote = open_store("http://localhost:7878/query")
    assert isinstance(remote, RemoteStore) and remote.store_url == "http://localhost:7878/store"
    monkeypatch.setenv("NQGRAPH_GSP_URL", "http://localhost:3030/ds/data")
    assert open_store("http://localhost:3030/ds/sparql").store_url == "http://localhost:3030/ds/data"


def test_bind_finds_the_where_group_past_comments_strings_and_iris():
    text = bind('PREFIX ex: <https://example.org/#x> # a { in a comment\n'
                'SELECT ?s WHERE { ?s ex:p "{" }', {"s": EX.a})
    assert text.endswith('WHERE { VALUES (?s) { (<https://example.org/a>) }  ?s ex:p "{" }')
    with pytest.raises(ValueError):
        bind("CONSTRUCT WHERE { ?s ?p ?o }", {"s": EX.a})
