"""The SPARQL 1.1 Protocol endpoint, spoken to over real HTTP by SPARQLWrapper and requests."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
import xml.etree.ElementTree as ET

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, SPARQLWrapper, TURTLE, XML

from service.app import create_app
from service.querytext import MAX_TERMS
from tests.long_queries import CHAINS, LONG
from tests.service_fixture import CITY_PLAN, COMMUNE_PLAN, fixture_store, live_server
from tests.test_querypool import workers_of

NQG = "https://nqgraph.org/def#"
PLANS = f"SELECT ?plan WHERE {{ ?plan a <{NQG}Plan> }} ORDER BY ?plan"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def server():
    app = create_app(fixture_store(), {"SPARQL_TIMEOUT": 2, "SPARQL_MAX_ROWS": 100})
    with live_server(app) as url:
        yield url
    app.extensions["nqgraph.pool"].close()


def sparql(url: str) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url + "/sparql")
    wrapper.setTimeout(30)
    return wrapper


def test_select_as_json_with_sparqlwrapper(server):
    client = sparql(server)
    client.setQuery(PLANS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["plan"]["value"] for b in bindings] == [CITY_PLAN, COMMUNE_PLAN]
    assert bindings[0]["plan"]["type"] == "uri"


def test_select_as_xml_and_csv_with_sparqlwrapper(server):
    client = sparql(server)
    client.setQuery(PLANS)
    client.setReturnFormat(XML)
    document = client.query().convert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [CITY_PLAN, COMMUNE_PLAN]
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert rows == [["plan"], [CITY_PLAN], [COMMUNE_PLAN]]


def test_construct_as_turtle_with_sparqlwrapper(server):
    client = sparql(server)
    client.setQuery(f"CONSTRUCT {{ ?plan a <{NQG}Plan> }} WHERE {{ ?plan a <{NQG}Plan> }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert set(graph.subjects(RDF.type, URIRef(NQG + "Plan"))) == {URIRef(CITY_PLAN), URIRef(COMMUNE_PLAN)}


def test_ask_with_sparqlwrapper(server):
    client = sparql(server)
    client.setQuery(f"ASK {{ <{CITY_PLAN}> <http://data.europa.eu/eli/ontology#number> \"238/KH-UBND\" }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_post_form_and_direct_body_give_the_same_answer(server):
    form = requests.post(server + "/sparql", data={"query": PLANS}, headers={"Accept": "application/sparql-results+json"})
    body = requests.post(
        server + "/sparql", data=PLANS.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert form.status_code == body.status_code == 200
    assert form.json() == body.json()
    assert len(form.json()["results"]["bindings"]) == 2


def test_tsv_writes_terms_as_in_turtle(server):
    query = f'SELECT ?plan ?number WHERE {{ ?plan a <{NQG}Plan> ; <http://data.europa.eu/eli/ontology#number> ?number }} ORDER BY ?plan'
    answer = requests.get(server + "/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert answer.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = answer.text.splitlines()
    assert lines[0] == "?plan\t?number"
    assert lines[1] == f'<{CITY_PLAN}>\t"238/KH-UBND"'


def test_format_parameter_wins_over_accept(server):
    answer = requests.get(server + "/sparql", params={"query": PLANS, "format": "xml"}, headers={"Accept": "application/sparql-results+json"})
    assert answer.headers["Content-Type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(answer.content)
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    assert requests.get(server + "/sparql", params={"query": PLANS, "format": "yaml"}).status_code == 406


def test_graphs_as_jsonld_ntriples_turtle_and_rdfxml(server):
    query = f"CONSTRUCT WHERE {{ <{CITY_PLAN}> ?p ?o }}"
    for fmt, parser in (("jsonld", "json-ld"), ("nt", "nt"), ("ttl", "turtle"), ("xml", "xml")):
        answer = requests.get(server + "/sparql", params={"query": query, "format": fmt})
        assert answer.status_code == 200, fmt
        graph = Graph().parse(data=answer.text, format=parser)
        assert (URIRef(CITY_PLAN), RDF.type, URIRef(NQG + "Plan")) in graph, fmt


def test_dataset_parameters_choose_the_graphs(server):
    commune_graph = "https://nqgraph.org/id/graph/commune_19.txt"
    only_commune = requests.get(server + "/sparql", params={"query": PLANS, "default-graph-uri": commune_graph, "format": "json"})
    assert [b["plan"]["value"] for b in only_commune.json()["results"]["bindings"]] == [COMMUNE_PLAN]
    named = requests.get(
        server + "/sparql",
        params={"query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s a <{NQG}Plan> }} }}", "named-graph-uri": commune_graph, "format": "json"},
    )
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [commune_graph]


def test_service_description_without_a_query(server):
    answer = requests.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    graph = Graph().parse(data=answer.text, format="turtle")
    service = URIRef(server + "/sparql")
    assert (service, RDF.type, URIRef(SD + "Service")) in graph
    names = {str(o) for o in graph.objects(None, URIRef(SD + "name"))}
    assert "https://nqgraph.org/id/graph/reference" in names


def test_a_browser_without_a_query_is_sent_to_the_editor(server):
    answer = requests.get(server + "/sparql", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}, allow_redirects=False)
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].endswith("/editor")


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"query": "INSERT DATA { <http://x.example/a> <http://x.example/b> 1 }"}},
        {"params": {"query": "PREFIX ex: <http://x.example/>\n# wipe everything\nDROP ALL"}},
        {"params": {"query": "CLEAR DEFAULT"}},
        {"data": {"update": "DELETE WHERE { ?s ?p ?o }"}},
        {"data": b"LOAD <http://x.example/data.ttl>", "headers": {"Content-Type": "application/sparql-update"}},
    ],
)
def test_updates_are_refused(server, request_kwargs):
    method = requests.post if "data" in request_kwargs else requests.get
    answer = method(server + "/sparql", **request_kwargs)
    assert answer.status_code == 403
    assert "read-only" in answer.text
    still_there = requests.get(server + "/sparql", params={"query": PLANS, "format": "json"})
    assert len(still_there.json()["results"]["bindings"]) == 2


def test_a_syntax_error_is_reported(server):
    answer = requests.get(server + "/sparql", params={"query": "SELEKT ?s WHERE { ?s ?p ?o }"})
    assert answer.status_code == 400
    assert "yntax" in answer.text


def test_answers_over_the_row_limit_are_refused(server):
    answer = requests.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert answer.status_code == 503
    assert "more than 100 rows" in answer.text
    limited = requests.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 100", "format": "json"})
    assert len(limited.json()["results"]["bindings"]) == 100


def test_a_runaway_query_is_stopped_and_others_are_served_meanwhile(server):
    slow = {}

    def run_slow():
        started = time.monotonic()
        slow["answer"] = requests.get(server + "/sparql", params={"query": CROSS_JOIN}, timeout=60)
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = requests.get(server + "/sparql", params={"query": PLANS, "format": "json"}, timeout=10)
    page = requests.get(server + "/plans", timeout=10)
    assert quick.status_code == 200 and page.status_code == 200
    assert time.monotonic() - started < 1.5
    thread.join(60)
    assert slow["answer"].status_code == 504
    assert "2 s" in slow["answer"].text and "stopped" in slow["answer"].text
    assert slow["seconds"] < 10
    after = requests.get(server + "/sparql", params={"query": PLANS, "format": "json"}, timeout=30)
    assert len(after.json()["results"]["bindings"]) == 2


@pytest.fixture
def listener():
    """A socket on a free loopback port, to tell whether the server connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.settimeout(0.3)
        yield sock


def connected(listener) -> bool:
    try:
        listener.accept()[0].close()
    except socket.timeout:
        return False
    return True


FEDERATED = {
    "comment ended by CR": "SELECT * WHERE {{ # note\rSERVICE <{url}> {{ ?x ?p ?o }} }}",
    "comment ended by CR, one reading": "SELECT * WHERE {{ # note\rSERVICE <{url}> {{ ?x ?p ?o }}\n}}",
    "comment ended by LF": "SELECT * WHERE {{ # note\nSERVICE <{url}> {{ ?x ?p ?o }} }}",
    "comment ended by CRLF": "SELECT * WHERE {{ # note\r\nSERVICE <{url}> {{ ?x ?p ?o }} }}",
    "lower case": "select * where {{ service <{url}> {{ ?x ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?x ?p ?o }} }}",
    "prefixed IRI": "PREFIX remote: <{base}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?x ?p ?o }} }}",
    "in OPTIONAL": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} LIMIT 1",
    "in UNION": "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
    "in a subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
    "in EXISTS": "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
    "by a variable": "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?x ?p ?o }} }}",
    "after a number": "SELECT * WHERE {{ ?s ?p 1SERVICE <{url}> {{ ?x ?y ?z }} }}",
    # read as a prefixed name by the text check; the engine tries it, and the sandbox stops the worker
    "glued to the default prefix": "PREFIX : <{base}> SELECT * WHERE {{ SERVICE:sparql {{ ?x ?p ?o }} }}",
}


@pytest.mark.parametrize("spelling", FEDERATED)
def test_federated_queries_are_refused_without_any_request_going_out(server, listener, spelling):
    base = "http://127.0.0.1:%d/" % listener.getsockname()[1]
    query = FEDERATED[spelling].format(url=base + "sparql", base=base)
    answer = requests.post(server + "/sparql", data={"query": query}, timeout=30)
    assert answer.status_code == 403 and "SERVICE" in answer.text
    assert not connected(listener)
    assert requests.get(server + "/sparql", params={"query": PLANS, "format": "json"}).status_code == 200


def test_the_word_service_elsewhere_is_no_federation(server):
    harmless = 'PREFIX ex: <http://x.example/> SELECT ?service WHERE { ?service ?p "SERVICE" } LIMIT 1'
    assert requests.get(server + "/sparql", params={"query": harmless, "format": "json"}).status_code == 200
    commented = "# SERVICE <http://127.0.0.1:9/sparql> { }\rASK { <http://x.example/service> ?p ?o }"
    assert requests.get(server + "/sparql", params={"query": commented, "format": "json"}).json()["boolean"] is False


def test_a_query_with_its_own_from_is_answered_over_that_graph(server):
    commune_graph = "https://nqgraph.org/id/graph/commune_19.txt"
    query = f"SELECT ?plan FROM <{commune_graph}> WHERE {{ ?plan a <{NQG}Plan> }}"
    answer = requests.get(server + "/sparql", params={"query": query, "format": "json"})
    assert [b["plan"]["value"] for b in answer.json()["results"]["bindings"]] == [COMMUNE_PLAN]


def test_malformed_protocol_requests_are_refused(server):
    twice = requests.get(server + "/sparql", params=[("query", PLANS), ("query", "ASK {}")])
    assert twice.status_code == 400 and "one query" in twice.text
    plain = requests.post(server + "/sparql", data=PLANS.encode(), headers={"Content-Type": "text/plain"})
    assert plain.status_code == 415 and "application/sparql-query" in plain.text


def test_a_query_nested_too_deeply_is_refused_before_the_engine_reads_it(server):
    deep = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    answer = requests.post(server + "/sparql", data={"query": deep}, timeout=30)
    assert answer.status_code == 400 and "nests brackets deeper than the 100" in answer.text
    nested = "ASK { FILTER(" + "(" * 90 + "1" + ")" * 90 + ") }"
    assert requests.post(server + "/sparql", data={"query": nested, "format": "json"}, timeout=30).json()["boolean"] is True


def test_a_long_chain_of_every_kind_is_refused_before_the_engine_reads_it(server):
    for name, make in CHAINS.items():
        answer = requests.post(server + "/sparql", data=make(LONG).encode(), timeout=30,
                               headers={"Content-Type": "application/sparql-query"})
        assert answer.status_code == 400 and f"more than the {MAX_TERMS} terms and operators" in answer.text, name
    for _ in range(3):  # no worker was lost: each answers
        after = requests.get(server + "/sparql", params={"query": PLANS, "format": "json"}, timeout=30)
        assert after.status_code == 200 and len(after.json()["results"]["bindings"]) == 2


def test_a_worker_that_dies_during_a_query_leaves_a_working_endpoint(server):
    for _ in range(3):
        asked = ThreadPoolExecutor(1).submit(requests.get, server + "/sparql", params={"query": CROSS_JOIN}, timeout=30)
        time.sleep(0.5)
        for pid in workers_of(os.getpid()):
            os.kill(pid, signal.SIGSEGV)  # as a crash in the engine would end it
        answer = asked.result()
        assert answer.status_code == 400 and "stopped the query engine (Segmentation fault)" in answer.text
        for _ in range(4):
            after = requests.get(server + "/sparql", params={"query": PLANS, "format": "json"}, timeout=30)
            assert after.status_code == 200 and len(after.json()["results"]["bindings"]) == 2


def test_a_quick_query_is_answered_while_heavy_ones_hold_every_worker(server):
    heavy = [threading.Thread(target=requests.get, args=(server + "/sparql",),
                              kwargs={"params": {"query": CROSS_JOIN}, "timeout": 60}) for _ in range(8)]
    for thread in heavy:
        thread.start()
    time.sleep(0.5)
    for _ in range(5):
        started = time.monotonic()
        answer = requests.get(server + "/sparql", params={"query": "ASK {}", "format": "json"}, timeout=30)
        assert answer.status_code == 200 and answer.json()["boolean"] is True
        assert time.monotonic() - started < 1
    for thread in heavy:
        thread.join(60)


def test_a_request_body_is_bounded(server):
    huge = b"ASK {} #" + b"x" * (50 << 20)
    answer = requests.post(server + "/sparql", data=huge, headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert answer.status_code == 413
