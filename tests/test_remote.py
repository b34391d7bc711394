"""A remote store's reading of servers: whose graphs it sees, how it reads a query's modifiers to page
and sort an answer, and what it keeps of a server's error page. (tests/test_virtuoso.py runs all of it
on a real Virtuoso.)"""

from types import SimpleNamespace

import pytest
import requests
from rdflib import Graph, Literal, URIRef

from graph.remote import RemoteStore, _modifiers, _server_said, _sort
from ontology import ids


@pytest.mark.server
def test_a_remote_store_sees_only_nqgraphs_graphs(oxigraph_server):
    store = RemoteStore(oxigraph_server)
    mine, other = ids.iri("graph", "remote-test"), "https://example.org/another-application"
    graph = Graph()
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("một")))
    store.replace_graph(mine, graph)
    requests.put(store.store_url, params={"graph": other}, data='<https://example.org/x> <https://example.org/p> "2" .',
                 headers={"Content-Type": "application/n-triples"}, timeout=10).raise_for_status()
    try:
        assert mine in store.graphs() and URIRef(other) not in store.graphs()
        assert {g for *_, g in store.quads()} == set(store.graphs())
        assert len(store) == sum(1 for _ in store.quads())
        assert store.query(f"ASK {{ GRAPH <{other}> {{ ?s ?p ?o }} }}").askAnswer  # there, only not nqgraph's
    finally:
        store.drop_graph(mine)
        requests.delete(store.store_url, params={"graph": other}, timeout=10)


def test_the_modifiers_a_page_keeps_and_the_order_it_sorts_by():
    query = ("PREFIX x: <http://x/> SELECT ?a ?b WHERE { ?a x:p ?b { SELECT ?a WHERE { ?a x:q ?c } ORDER BY ?c LIMIT 3 } }"
             " # ORDER BY ?nothing\n ORDER BY DESC(?b) ?a LIMIT 20 OFFSET 5 VALUES ?a { x:one }")
    cut, keys, offset, limit, values = _modifiers(query)
    assert query[cut:].startswith("ORDER BY DESC(?b)")  # the subquery's own modifiers and a comment passed by
    assert (keys, offset, limit, values) == ([("DESC", "b"), ("ASC", "a")], 5, 20, "VALUES ?a { x:one }")
    assert _modifiers("SELECT ?a WHERE { ?a ?p ?o } GROUP BY ?a")[1:4] == ([], 0, None)
    assert _modifiers("SELECT ?a WHERE { ?a ?p ?o } ORDER BY STRLEN(?a)")[1] == [("?", "STRLEN(?a)")]


def test_rows_are_sorted_as_sparql_orders_terms():
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    rows = [{"n": {"type": "literal", "value": "10", "datatype": integer}},
            {"n": {"type": "literal", "value": "Đông"}}, {},
            {"n": {"type": "uri", "value": "https://nqgraph.org/id/a"}},
            {"n": {"type": "literal", "value": "9", "datatype": integer}},
            {"n": {"type": "literal", "value": "Zeta"}}]
    _sort(rows, [("ASC", "n")])
    assert [row.get("n", {}).get("value") for row in rows] == [None, "https://nqgraph.org/id/a", "9", "10", "Zeta", "Đông"]


VIRTUOSO_PAGE = """<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html>
  <head>
    <title>SPARQL Graph Protocol request failed</title>
  </head>
  <body>
    <h1>HTTP/1.1 403 Forbidden</h1>
    <h3>Error 42000</h3>
<xmp>SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)</xmp></body></html>"""

VIRTUOSO_TEXT = """Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 14000 rows to sort. Only 10000 are allowed.

SPARQL query:
SELECT ?s ?o WHERE { GRAPH <http://ex.org/big> { ?s ?p ?o } } ORDER BY ?s LIMIT 5000 OFFSET 9000"""


def test_a_servers_error_is_kept_as_its_own_words_on_one_line():
    page = SimpleNamespace(text=VIRTUOSO_PAGE, headers={"Content-Type": "text/html; charset=UTF-8"})
    assert _server_said(page) == ("Error 42000 SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD "
                                  "(user ID = 107)")
    text = SimpleNamespace(text=VIRTUOSO_TEXT, headers={"Content-Type": "text/plain"})
    assert _server_said(text) == ("Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 14000 rows to "
                                  "sort. Only 10000 are allowed.")
