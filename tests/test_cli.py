"""The ``nqgraph`` commands, run through ``main([...])`` on a store built from small documents."""

import csv
import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from rdflib import Dataset, Graph

from graph.store import OxigraphStore
from ontology import ids
from service.cli import main, parser
from tests.test_build import documents, fake_pipeline, fake_steps  # noqa: F401  (fixtures)
from tests.test_querypool import running, wait_until

ROOT = Path(__file__).resolve().parent.parent
TASK_TEXTS = "SELECT ?number ?text WHERE { ?task a nqg:PlanTask ; nqg:number ?number ; nqg:text ?text } ORDER BY ?text"


@pytest.fixture
def built(documents, tmp_path, capsys):
    location = str(tmp_path / "store")
    with fake_steps():
        code = main(["build", str(documents), "--store", location, "--quiet"])
    out, err = capsys.readouterr()
    return location, code, out, err


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_prints_the_summary_and_names_failures(built):
    _, code, out, err = built
    assert code == 1  # c.txt failed
    assert "documents   2" in out and "tasks       3" in out and "warnings    1" in out
    assert "links       1 stated, 1 inferred" in out
    assert "error: c.txt:2: cannot read this line" in err


def test_store_from_the_environment(fake_pipeline, documents, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NQGRAPH_STORE", str(tmp_path / "env-store"))
    assert run(capsys, "build", str(documents / "a.txt"), "--quiet")[0] == 0
    code, out, _ = run(capsys, "query", "ASK { ?t a nqg:PlanTask }")
    assert (code, out) == (0, "true\n")


def test_query_as_a_table(built, capsys):
    code, out, _ = run(capsys, "query", TASK_TEXTS, "--store", built[0])
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["number", "text"]
    assert lines[2].split(None, 1) == ["2", "Cấp chữ ký số (48)"]
    assert lines[2].index("Cấp") == lines[0].index("text")  # columns aligned
    assert lines[-1] == "(3 rows)"


def test_query_table_shortens_iris_of_every_known_namespace(built, capsys):
    query = ("SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER (?p IN (<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>,"
             " <https://nqgraph.org/def#text>)) } ORDER BY ?p")
    code, out, _ = run(capsys, "query", query, "--store", built[0])
    assert code == 0 and out.splitlines()[2:4] == ["rdf:type", "nqg:text"]


def test_query_as_sparql_json_csv_and_tsv(built, capsys, tmp_path):
    query_file = tmp_path / "texts.rq"
    query_file.write_text(TASK_TEXTS, encoding="utf-8")
    _, out, _ = run(capsys, "query", str(query_file), "--format", "json", "--store", built[0])
    answer = json.loads(out)
    assert answer["head"]["vars"] == ["number", "text"]
    assert [b["text"]["value"] for b in answer["results"]["bindings"]][0] == "Cấp chữ ký số (48)"

    _, out, _ = run(capsys, "query", str(query_file), "--format", "csv", "--store", built[0])
    assert list(csv.reader(io.StringIO(out)))[:2] == [["number", "text"], ["2", "Cấp chữ ký số (48)"]]

    _, out, _ = run(capsys, "query", str(query_file), "--format", "tsv", "--store", built[0])
    assert out.splitlines()[:2] == ["?number\t?text", '"2"\t"Cấp chữ ký số (48)"']


def test_construct_answers_in_turtle(built, capsys):
    code, out, _ = run(capsys, "query", "CONSTRUCT { ?t nqg:text ?x } WHERE { ?t nqg:text ?x }", "--store", built[0])
    assert code == 0 and len(Graph().parse(data=out, format="turtle")) == 3


def test_malformed_query_exits_2_with_the_parser_message(built, capsys):
    code, out, err = run(capsys, "query", "SELECT ?x WHERE { ?x ?p }", "--store", built[0])
    assert code == 2 and out == "" and err.startswith("error: ") and len(err) > len("error: \n")


def test_query_without_a_store_says_to_build(tmp_path, capsys):
    code, _, err = run(capsys, "query", "ASK {}", "--store", str(tmp_path / "nothing"))
    assert code == 1
    assert f"no graph at {tmp_path / 'nothing'}; run nqgraph build first" in err


def test_export_round_trips(built, capsys, tmp_path):
    store = OxigraphStore(built[0], read_only=True)
    union, graphs = len(store.union()), set(store.graphs())
    store.close()

    assert run(capsys, "export", "--store", built[0], "-o", str(tmp_path / "all.ttl"))[0] == 0
    assert len(Graph().parse(tmp_path / "all.ttl", format="turtle")) == union

    _, out, _ = run(capsys, "export", "--format", "nq", "--store", built[0])
    dataset = Dataset()
    dataset.parse(data=out, format="nquads")
    assert {g.identifier for g in dataset.graphs() if len(g)} == graphs

    run(capsys, "export", "--format", "jsonld", "--store", built[0], "-o", str(tmp_path / "all.jsonld"))
    assert len(Graph().parse(tmp_path / "all.jsonld", format="json-ld")) == union


def test_jsonld_export_uses_the_project_context(built, capsys, tmp_path, monkeypatch):
    context = tmp_path / "context.jsonld"
    context.write_text(json.dumps({"@context": {"nqg": "https://nqgraph.org/def#", "text": "nqg:text"}}))
    monkeypatch.setattr("service.cli.CONTEXT", context)
    _, out, _ = run(capsys, "export", "--format", "jsonld", "--store", built[0])
    assert json.loads(out)["@context"] == {"nqg": "https://nqgraph.org/def#", "text": "nqg:text"}
    assert '"text": "Cấp chữ ký số (48)"' in out
    store = OxigraphStore(built[0], read_only=True)
    assert len(Graph().parse(data=out, format="json-ld")) == len(store.union())
    store.close()


def test_export_graphml(built, capsys, tmp_path):
    import networkx as nx

    assert run(capsys, "export", "--format", "graphml", "--store", built[0], "-o", str(tmp_path / "c.graphml"))[0] == 0
    graph = nx.read_graphml(tmp_path / "c.graphml")
    assert str(ids.nq71_item("48")) in graph


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix nqg: <https://nqgraph.org/def#> .
<urn:shape:task> a sh:NodeShape ; sh:targetClass nqg:PlanTask ;
    sh:property [ sh:path nqg:text ; sh:minCount 1 ] , [ sh:path nqg:source ; sh:minCount 1 ] .
"""


def test_check_lists_extraction_warnings_with_file_and_line(built, capsys, tmp_path, monkeypatch):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    monkeypatch.setattr("graph.validate.SHAPES", shapes)
    code, out, _ = run(capsys, "check", "--store", built[0])
    assert code == 0
    assert "shapes: 0 violations" in out
    assert "b.txt:2: [extraction no-lead] no lead unit in this row" in out


def test_check_fails_on_violations_and_points_to_the_source(built, capsys, tmp_path, monkeypatch):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.replace("nqg:text ; sh:minCount 1", "nqg:lead ; sh:minCount 1"), encoding="utf-8")
    monkeypatch.setattr("graph.validate.SHAPES", shapes)
    code, out, _ = run(capsys, "check", "--store", built[0])
    assert code == 1
    assert "shapes: 3 violations" in out
    assert "a.txt:2: [Violation lead]" in out


TASK_KEYS = {"iri", "plan", "source", "section", "number", "text", "lead", "cooperating", "output", "deadline"}
INDICATOR_KEYS = {"iri", "plan", "source", "code", "name", "unit", "monitoring_units", "targets"}


def test_tasks_as_json_csv_and_a_table(corpus, capsys):
    code, out, _ = run(capsys, "tasks", "--unit", "so tu phap", "--json", "--store", corpus[0])
    tasks = json.loads(out)
    assert code == 0 and tasks and "Sở Tư pháp" in out  # names not \u-escaped
    assert all(TASK_KEYS <= set(task) and "Sở Tư pháp" in task["lead"] + task["cooperating"] for task in tasks)

    _, out, _ = run(capsys, "tasks", "--plan", "19/KH-UBND", "--csv", "--store", corpus[0])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {row["number"] for row in rows} >= {"1.1", "4.13"}
    assert {row["plan.issuer"] for row in rows} == {"Ủy ban nhân dân xã Thanh Miện"}
    assert all(row["source.document"] == "004_8b182910c78f0c57.txt" for row in rows)

    _, out, _ = run(capsys, "tasks", "--plan", "19/KH-UBND", "--store", corpus[0])
    lines = out.splitlines()
    assert lines[0].split() == ["plan.issuer", "number", "text", "lead", "deadline.text"]
    assert lines[-1] == f"({len(rows)} rows)"


def test_indicators_as_json(corpus, capsys):
    code, out, _ = run(capsys, "indicators", "--json", "--store", corpus[0])
    indicators = json.loads(out)
    assert code == 0 and all(INDICATOR_KEYS <= set(row) for row in indicators)
    cashless = [row for row in indicators if row["name"].startswith("Tỷ lệ giao dịch không dùng tiền mặt")]
    assert cashless and cashless[0]["targets"]["2030"] == {"text": "≥ 85", "comparator": ">=", "value": 85.0,
                                                           "max": None, "unit": "%"}


def test_a_build_whose_writes_fail_never_reads_like_one_that_went_well(built, documents, monkeypatch, capsys):
    from graph.store import StoreError

    written = OxigraphStore.replace_graph

    def refuse(documents_only):
        def replace_graph(self, graph_iri, triples):
            if documents_only and "/graph/build" in str(graph_iri):
                return written(self, graph_iri, triples)
            raise StoreError(f"write graph {graph_iri}: 403 Forbidden")
        return replace_graph

    monkeypatch.setattr(OxigraphStore, "replace_graph", refuse(documents_only=True))
    with fake_steps():
        code, out, err = run(capsys, "build", str(documents), "--store", built[0], "--quiet")
    assert code == 1 and "403 Forbidden" in err
    assert out.startswith("no document was read into the store, every one failed: the counts are what it already held")
    monkeypatch.setattr(OxigraphStore, "replace_graph", refuse(documents_only=False))
    with fake_steps():
        code, out, err = run(capsys, "build", str(documents), "--store", built[0], "--quiet")
    assert code != 0 and out == ""  # the first write refused ends the build, with the server's reason
    assert err.startswith("error: write graph https://nqgraph.org/id/graph/build: 403 Forbidden")


def test_serve_hands_each_process_the_store_read_only(built, monkeypatch, capsys):
    served = {}
    monkeypatch.setattr("service.app.create_app", lambda store: store)
    monkeypatch.setattr("service.server.serve", lambda make_app, host, port, processes: served.update(
        make_app=make_app, host=host, port=port, processes=processes))
    assert main(["serve", "--store", built[0], "--port", "8123", "--processes", "3"]) == 0
    assert (served["host"], served["port"], served["processes"]) == ("127.0.0.1", 8123, 3)
    assert "3 processes" in capsys.readouterr().err
    store = served["make_app"]()  # what each process runs once it is forked
    assert str(store.path) == built[0] and store.read_only
    store.close()


def test_served_processes_and_their_workers_end_when_the_server_is_killed(corpus):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--store", corpus[0], "--port", str(port),
                               "--processes", "2"], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/", timeout=5).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        answers = {requests.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"}, timeout=30).status_code
                   for _ in range(6)}
        assert answers == {200}
        # two processes, and the three SPARQL workers of each that answered a query (started on first use)
        wait_until(lambda: len(descendants(server.pid)) >= 2 + 3, 30)
        below = descendants(server.pid)
        assert len(below) >= 2 + 3
        server.kill()
        server.wait(10)
        wait_until(lambda: not any(map(running, below)), 5)
        assert not [pid for pid in below if running(pid)]
    finally:
        server.kill()
        server.wait()


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        children = [child for child, of in parents.items() if of == parent]
        found += children
        pending += children
    return found


def test_every_command_takes_a_store():
    for command in ("build", "query", "check", "export", "serve", "tasks", "indicators"):
        extra = ["ASK {}"] if command == "query" else []
        assert parser().parse_args([command, *extra, "--store", "somewhere"]).store == "somewhere"


@pytest.mark.parametrize("argv, message", [
    (["tasks", "--plan", "99/KH-XYZ"], "no plan named '99/KH-XYZ'"),
    (["indicators", "--plan", "nowhere"], "no plan named 'nowhere'"),
    (["tasks", "--unit", "Bộ Ngoại giao xyz"], "no unit named"),
    (["trace", "9999"], "no NQ 71 item '9999'"),
    (["trace", "--up", "https://nqgraph.org/id/nothing"], "no task https://nqgraph.org/id/nothing"),
])
def test_names_the_graph_does_not_hold_fail_clearly(built, capsys, argv, message):
    code, out, err = run(capsys, *argv, "--store", built[0])
    assert code == 1 and message in err and out == ""


def test_a_missing_query_file_is_named(built, capsys, tmp_path):
    code, _, err = run(capsys, "query", str(tmp_path / "absent.rq"), "--store", built[0])
    assert code == 2 and "absent.rq: no such query file" in err


def test_a_syntax_error_points_into_the_query_as_written(built, capsys):
    code, _, err = run(capsys, "query", "SELECT ?x WHERE { ?x ?y }", "--store", built[0])
    column = int(err.split("error at 1:")[1].split(":")[0])
    assert code == 2 and 1 <= column <= len("SELECT ?x WHERE { ?x ?y }") + 1   # the closing brace, or just past it


@pytest.mark.parametrize("length", [300, 2000])
def test_a_query_too_long_to_be_a_file_name_is_run_as_a_query(built, capsys, length):
    filler = "x" * length  # one run without a slash: no file name the system can look up
    code, out, err = run(capsys, "query", f'SELECT ?n WHERE {{ BIND("{filler}" AS ?n) }}', "--store", built[0],
                         "--format", "json")
    assert code == 0 and json.loads(out)["results"]["bindings"][0]["n"]["value"] == filler, err
