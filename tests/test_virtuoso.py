"""The bundled corpus built on a Virtuoso server gives the embedded store's answers.

A throwaway Virtuoso (Debian's ``virtuoso-opensource-7-bin``, ``make virtuoso``)
is started on loopback in its own directory and ports, once for the module.
Its ``[SPARQL]`` settings are Debian's, but for the row cap: 1,000 rows where
Debian ships 10,000, so that the bundled corpus's answers cross it as a
national corpus's answers cross 10,000, and every read is seen to page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import Graph, Literal, URIRef

from graph.queries import QUERIES
from tests.conftest import _free_port

pytestmark = pytest.mark.server

ROW_CAP = 1000
OTHER_GRAPH = "https://example.org/another-application/graph"

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 4
MaxSortedTopRows = {cap}
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = {cap}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def _isql(server, statement: str) -> None:
    subprocess.run([server.isql, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={statement}"],
                   check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server on free loopback ports, as a new user has it: writes refused until the grant.

    Yields its query and Graph Store URLs, and the error a write got before the grant."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin, or make virtuoso)")
    directory = tmp_path_factory.mktemp("virtuoso")
    server = SimpleNamespace(isql=isql, sql_port=_free_port(), http_port=_free_port())
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, sql_port=server.sql_port, http_port=server.http_port, cap=ROW_CAP))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server.query_url = f"http://127.0.0.1:{server.http_port}/sparql"
    server.gsp_url = f"http://127.0.0.1:{server.http_port}/sparql-graph-crud"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = directory / "virtuoso.log"
                    pytest.fail(f"Virtuoso did not start: {log.read_text()[-2000:] if log.exists() else ''}")
                time.sleep(0.2)
        from graph.remote import RemoteStore
        from graph.store import StoreError

        with pytest.raises(StoreError) as refused:
            RemoteStore(server.query_url, server.gsp_url).replace_graph(URIRef(OTHER_GRAPH), [])
        server.refused = str(refused.value)
        _isql(server, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture(scope="module")
def built(virtuoso, tmp_path_factory):
    """The bundled corpus built by the real pipeline on the server, beside another application's graph,
    with ``--clean``: (store, summary, index path)."""
    import os

    from graph.build import build
    from graph.remote import RemoteStore

    index = tmp_path_factory.mktemp("virtuoso-index") / "nqgraph-index.sqlite"
    store = RemoteStore(virtuoso.query_url, virtuoso.gsp_url)
    store.replace_graph(URIRef(OTHER_GRAPH), [(URIRef(f"https://example.org/thing/{i}"), URIRef("https://example.org/p"),
                                               Literal(i)) for i in range(50)])
    before = os.environ.get("NQGRAPH_INDEX")
    os.environ["NQGRAPH_INDEX"] = str(index)
    try:
        summary = build(None, store, progress=False, clean=True)
    finally:
        if before is None:
            del os.environ["NQGRAPH_INDEX"]
        else:
            os.environ["NQGRAPH_INDEX"] = before
    return store, summary, index


def _cli(capsys, monkeypatch, store, index, *argv):
    from service.cli import main

    if index is None:
        monkeypatch.delenv("NQGRAPH_INDEX", raising=False)
    else:
        monkeypatch.setenv("NQGRAPH_INDEX", str(index))
    code = main([*argv, "--store", store])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_write_refused_for_want_of_the_grant_says_so_in_one_line(virtuoso):
    message = virtuoso.refused
    assert "\n" not in message and "<" not in message
    assert virtuoso.query_url in message and "Virtuoso" in message
    assert f"write graph {OTHER_GRAPH}" in message
    assert "Permission denied" in message  # the server's own words
    assert 'GRANT SPARQL_UPDATE TO "SPARQL"' in message


def test_the_build_gives_the_embedded_counts(built, corpus):
    from graph.store import OxigraphStore

    store, summary, _ = built
    _, embedded = corpus
    assert not summary.errors
    assert (summary.documents, summary.triples, summary.tasks, summary.units, summary.indicators,
            summary.links_stated, summary.links_inferred, summary.warnings) == (
        embedded.documents, embedded.triples, embedded.tasks, embedded.units, embedded.indicators,
        embedded.links_stated, embedded.links_inferred, embedded.warnings)
    with OxigraphStore(corpus[0], read_only=True) as local:
        assert store.graphs() == local.graphs()
        assert len(store) == len(local) > 20 * ROW_CAP


def test_graphs_that_are_not_nqgraphs_are_not_counted_exported_or_dropped(built):
    store, _, _ = built
    assert URIRef(OTHER_GRAPH) not in store.graphs()
    assert all(str(g).startswith(store.graph_prefix) for g in store.graphs())
    assert not any(str(g) == OTHER_GRAPH for *_, g in store.quads())
    # the clean build dropped neither the other application's graph nor the server's own
    for graph in (OTHER_GRAPH, "http://www.openlinksw.com/schemas/virtrdf#"):
        assert store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").askAnswer, graph


COMMANDS = {
    "trace an item": ("trace", "48", "--json"),
    "trace a unit": ("trace", "--unit", "Sở KH&CN", "--json"),
    "trace up": ("trace", "--up", "https://nqgraph.org/id/plan/ubnd-phuong-hai-duong/undated/thuc-hien-nghi-quyet-so-57-nq-tw-ngay-22-12-2024/task/i-3-2.4"),
    "tasks of a plan": ("tasks", "--plan", "thanh mien", "--json"),
    "tasks of a unit": ("tasks", "--unit", "so tu phap", "--json"),
    "indicators": ("indicators", "--json"),
    "coverage": ("coverage",),
    "overdue": ("overdue", "--as-of", "2026-01-01"),
    "workload": ("workload", "--top", "5"),
    "check": ("check",),
    "counts": ("query", str(QUERIES / "counts.rq")),
    # more rows than the server sorts at once, in its order, past an offset
    "a long sorted answer": ("query", "SELECT ?s ?text WHERE { ?s nqg:text ?text } ORDER BY DESC(?text) ?s "
                                      f"LIMIT {ROW_CAP + 500} OFFSET 7", "--format", "csv"),
}


@pytest.mark.parametrize("argv", COMMANDS.values(), ids=COMMANDS.keys())
def test_commands_answer_as_on_the_embedded_store(argv, built, corpus, capsys, monkeypatch):
    store, _, index = built
    on_server = _cli(capsys, monkeypatch, store.query_url, index, *argv)
    embedded = _cli(capsys, monkeypatch, corpus[0], None, *argv)
    assert on_server == embedded
    assert on_server[0] == 0 and on_server[1].strip()


def test_export_holds_every_quad(built, corpus, capsys, monkeypatch):
    store, _, index = built
    code, server_quads, _ = _cli(capsys, monkeypatch, store.query_url, index, "export", "--format", "nq")
    _, embedded_quads, _ = _cli(capsys, monkeypatch, corpus[0], None, "export", "--format", "nq")
    assert code == 0
    assert sorted(server_quads.splitlines()) == sorted(embedded_quads.splitlines())
    assert len(server_quads.splitlines()) > 20 * ROW_CAP


PAGES = ["/index.json", "/plans.json", "/units.json", "/units.json?page=2", "/items.json", "/indicators.json",
         "/coverage.json", "/cascade/resolution/71-NQ-CP/item/48.json", "/id/unit/so-khoa-hoc-va-cong-nghe.json",
         "/id/resolution/71-NQ-CP/item/81.json", "/search.json?q=chuyen+doi+so"]


def test_explorer_pages_are_the_embedded_ones(built, corpus, monkeypatch):
    from graph.store import OxigraphStore
    from service.app import create_app

    store, _, index = built

    def pages(store):
        client = create_app(store).test_client()
        return {page: (response.status_code, json.loads(response.get_data(as_text=True)))
                for page in PAGES for response in [client.get(page)]}

    monkeypatch.setenv("NQGRAPH_INDEX", str(index))
    served = pages(store)
    monkeypatch.delenv("NQGRAPH_INDEX")
    with OxigraphStore(corpus[0], read_only=True) as local:
        embedded = pages(local)
    for page in PAGES:
        assert served[page] == embedded[page], page
        assert served[page][0] == 200


def test_a_graph_answer_the_server_cut_is_refused(built):
    from graph.store import QueryError

    store, _, _ = built
    with pytest.raises(QueryError, match=rf"cuts answers at {ROW_CAP} triples"):
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://nqgraph.org/def#PlanTask> ; ?p ?o }")
    small = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://nqgraph.org/def#Plan> ; ?p ?o }")
    assert 0 < len(small.graph) < ROW_CAP


def test_a_refused_query_is_one_line_naming_the_server_and_the_query(built, capsys, monkeypatch):
    store, _, index = built
    code, out, err = _cli(capsys, monkeypatch, store.query_url, index, "query", "SELECT ?s WHERE { ?s ?p }")
    assert code == 2 and not out
    assert err.count("\n") == 1 and "<" not in err
    assert "Virtuoso" in err and store.query_url in err and "SELECT ?s WHERE" in err
