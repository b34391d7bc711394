"""Reading a SPARQL query's tokens as the engine reads them, before it does."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.store import OxigraphStore
from service.querytext import MAX_NESTING, MAX_TERMS, looks_quick, nesting, stack_error, syntax, terms, tokens
from tests.long_queries import CHAINS, LONG, PLANNED_SLOWLY

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("query, depth", [
    ("ASK {}", 1),
    ("ASK { FILTER((1)) }", 3),
    ('ASK { FILTER("(((" != ?x) }  # (((', 2),                      # in a string or a comment: no bracket
    ("SELECT ?x WHERE { ?x <http://en.wikipedia.org/wiki/A_(b)> ?y }", 2),  # balanced in an IRI
    ("ASK { FILTER((?a<((((1)))))>(2)) }", 7),                       # "<…>" read as less-than
    ("ASK { FILTER(((((<x:))))> = 1)) }", 6),                        # an IRI's ")" never lowers the count
    ("ASK { ?s ex:a\\(b ?o }", 1),                                  # an escaped bracket of a local name
])
def test_nesting_is_the_deepest_any_reading_of_the_query_gives(query, depth):
    assert nesting(query) == depth


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { # note\rSERVICE <http://x.example/> { ?x ?p ?o } }",
    "SELECT * WHERE { # note\nSERVICE <http://x.example/> { ?x ?p ?o } }",
    "select * where { service <http://x.example/> { ?x ?p ?o } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <http://x.example/> { } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://x.example/> { } }",
    "SELECT * WHERE { ?s ?p '''it's'''SERVICE <http://x.example/> { } }",
])
def test_service_is_found_as_the_engine_reads_it(query):
    assert "SERVICE" in syntax(query)


@pytest.mark.parametrize("query", [
    'PREFIX ex: <http://x.example/> SELECT ?service WHERE { ?service ex:service "SERVICE" }',
    "# SERVICE <http://x.example/> { }\rASK { <http://x.example/service> ?p ?o }",
    'ASK { ?s ?p """a\nSERVICE <http://x.example/> { }""" }',
    "ASK { ?s ex:a\\'SERVICE ?o }",
])
def test_service_in_a_name_string_iri_or_comment_is_not_federation(query):
    assert "SERVICE" not in syntax(query)


@pytest.mark.parametrize("query, quick", [
    ("ASK {}", True),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 10", True),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s a nqg:Plan . FILTER(regex(str(?s), 'x')) }", True),
    ("DESCRIBE <http://x.example/a>", True),
    ("SELECT * WHERE { ?s a nqg:Plan ; eli:number ?n }", False),      # two patterns
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", False),  # a join
    ("SELECT * WHERE { ?s nqg:derivedFrom* ?o }", False),             # a repeated path
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?r } }", False),     # two groups
    ("SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://x.example/a> }", False),
])
def test_a_query_looks_quick_when_it_can_only_scan_the_store_once(query, quick):
    assert looks_quick(query) is quick


def test_reading_takes_time_in_proportion_to_the_query():
    for hostile in ("a" * 200_000, "<" + "a" * 200_000, "'\\" * 100_000, '"""' + 'a""' * 60_000, "ex:" + "a." * 100_000):
        started = time.monotonic()
        nesting(hostile), syntax(hostile)
        assert time.monotonic() - started < 2, hostile[:10]


def test_the_command_line_refuses_a_query_nested_too_deeply(tmp_path):
    OxigraphStore(tmp_path / "store").close()
    deep = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    (tmp_path / "deep.rq").write_text(deep, encoding="utf-8")
    for given in (str(tmp_path / "deep.rq"), deep):
        run = subprocess.run([sys.executable, "-m", "service.cli", "query", given, "--store", str(tmp_path / "store")],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert run.returncode == 2 and f"deeper than the {MAX_NESTING}" in run.stderr
    nested = "ASK { FILTER(" + "(" * 90 + "1" + ")" * 90 + ") }"
    run = subprocess.run([sys.executable, "-m", "service.cli", "query", nested, "--store", str(tmp_path / "store")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout) == (0, "true\n")


def test_a_less_than_after_an_operand_inside_parentheses_starts_no_iri():
    assert ("syntax", "<") in list(tokens("ASK { FILTER(1<2&&true>1) }"))
    assert ("syntax", "<") in list(tokens("ASK { FILTER(STR(?a)<'x'||?b>2) }"))
    assert ("iri", "<http://x.example/p>") in list(tokens("ASK { ?s <http://x.example/p> ?o }"))
    assert ("iri", "<http://x.example/a>") in list(tokens("ASK { FILTER(?o = <http://x.example/a>) }"))
    assert ("iri", "<http://x.example/b>") in list(tokens("SELECT * { VALUES (?a ?b) { (1 <http://x.example/b>) } }"))


def test_the_data_of_a_values_block_is_not_counted():
    rows = " ".join(f"({n} <http://x.example/{n}>)" for n in range(10_000))
    assert terms(f"SELECT * {{ VALUES (?n ?s) {{ {rows} }} }}") == 11
    values = " ".join(f"<http://x.example/{n}>" for n in range(10_000))
    assert terms(f"SELECT * {{ ?s ?p ?o }} VALUES ?s {{ {values} }}") == terms("SELECT * { ?s ?p ?o } VALUES ?s { }")


def longest_accepted(make) -> int:
    """The longest chain of ``make`` that :func:`stack_error` lets through."""
    low, high = 1, LONG
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if stack_error(make(middle)) else (middle, high)
    return low


ENGINE = """import sys, pyoxigraph as ox
store = ox.Store()
store.add(ox.Quad(ox.NamedNode("http://x.example/s"), ox.NamedNode("http://x.example/p"), ox.NamedNode("http://x.example/o")))
store.query(sys.stdin.read())"""


def on_half_the_stack() -> None:
    resource.setrlimit(resource.RLIMIT_STACK, (4 << 20, resource.getrlimit(resource.RLIMIT_STACK)[1]))


def test_the_longest_chain_of_each_kind_let_through_runs_on_half_the_stack():
    """Every query the bound lets through is read and evaluated by the engine in a process given
    4 MiB of stack, half the usual 8: the bound leaves the engine twice the stack it needs. Those
    the engine takes minutes to plan are only seen not to crash in their first two seconds."""
    def run(name):
        query = CHAINS[name](longest_accepted(CHAINS[name]))
        try:
            ended = subprocess.run([sys.executable, "-c", ENGINE], input=query, text=True, capture_output=True,
                                   timeout=2 if name in PLANNED_SLOWLY else 30, preexec_fn=on_half_the_stack)
        except subprocess.TimeoutExpired:
            return name, "still running"
        return name, ended.returncode if ended.returncode <= 0 else ended.stderr.strip().splitlines()[-1]

    with ThreadPoolExecutor(2) as pool:
        outcomes = dict(pool.map(run, CHAINS))
    assert outcomes == {name: "still running" if name in PLANNED_SLOWLY and outcomes[name] != 0 else 0
                        for name in CHAINS}


REFUSALS = """import contextlib, io, sys
from service.cli import main
from tests.long_queries import CHAINS, LONG
for name, make in CHAINS.items():
    sys.stdin, said = io.StringIO(make(LONG)), io.StringIO()
    with contextlib.redirect_stderr(said):
        status = main(["query", "-", "--store", sys.argv[1]])
    print(name, status, said.getvalue().strip(), sep="\t", flush=True)
"""


def test_the_command_line_refuses_a_long_chain_of_every_kind_with_a_message(tmp_path):
    """``nqgraph query`` on each kind of chain, one after another in one process, which would end
    at the first that overflowed the engine's stack."""
    OxigraphStore(tmp_path / "store").close()
    run = subprocess.run([sys.executable, "-c", REFUSALS, str(tmp_path / "store")], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    said = {name: (status, message) for name, status, message in (line.split("\t") for line in run.stdout.splitlines())}
    assert run.returncode == 0 and list(said) == list(CHAINS), run.stderr[-500:]
    for name, (status, message) in said.items():
        assert status == "2" and f"error: The query holds more than the {MAX_TERMS} terms and operators" in message, name
