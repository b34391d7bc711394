"""Reading a SPARQL query's tokens as the engine reads them, before it does."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.store import OxigraphStore
from service.querytext import MAX_NESTING, looks_quick, nesting, syntax

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
