"""The endpoint's query workers: kept off the network, replaced when they die, gone with the server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import requests

from service import querypool
from service.querypool import QueryPool, StoreSource
from service.sandbox import KILLED_FOR_NETWORK

ROOT = Path(__file__).resolve().parent.parent
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def workers_of(pid: int) -> list[int]:
    """The query workers ``pid`` started, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"service.querypool" in command:
                found.append(int(entry.name))
    return found


def wait_until(condition, seconds: float) -> None:
    """Wait for ``condition()`` to hold, at most ``seconds``: processes start and end in their own time."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_sandboxed_process_that_opens_a_connection_is_killed_before_it_connects():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        script = textwrap.dedent(f"""
            import socket
            from service.sandbox import deny_network
            deny_network()
            socket.socketpair()  # local sockets still work
            print("local", flush=True)
            socket.create_connection(("127.0.0.1", {listener.getsockname()[1]}))
            print("connected", flush=True)
        """)
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert run.returncode == KILLED_FOR_NETWORK and run.stdout == "local\n"
        with pytest.raises(socket.timeout):
            listener.accept()


TRIPLES = 60  # enough for the cross join to run past any bound here
DATA = "".join(f'<http://x.example/{n}> <http://x.example/p> "{n}" .\n' for n in range(TRIPLES)).encode()


@pytest.fixture
def pool():
    pool = QueryPool(lambda: StoreSource(nquads=DATA), size=1, timeout=3)
    yield pool
    pool.close()


def test_a_worker_that_died_while_idle_is_replaced_and_the_query_answered(pool):
    others = set(workers_of(os.getpid()))
    for _ in range(5):
        assert pool.run("ASK {}").boolean is True
        assert len(pool.run("SELECT * WHERE { ?s ?p ?o . ?s ?p ?o }").rows) == TRIPLES
        for pid in set(workers_of(os.getpid())) - others:
            os.kill(pid, signal.SIGKILL)  # asked at once: the pool may see it alive, then gone


def test_a_query_that_only_looks_quick_goes_on_in_the_general_lane(pool, monkeypatch):
    monkeypatch.setattr(querypool, "QUICK_TIME", 0.0001)
    assert pool.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0][1] == str(TRIPLES)


SERVER = textwrap.dedent("""
    from werkzeug.serving import make_server
    from service.app import create_app
    from tests.service_fixture import fixture_store
    server = make_server("127.0.0.1", 0, create_app(fixture_store(), {"SPARQL_TIMEOUT": 120}), threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever()
""")


def ask_until_killed(url: str) -> None:
    try:
        requests.get(url, params={"query": CROSS_JOIN}, timeout=30)
    except requests.ConnectionError:
        pass  # the server is stopped under the query


@pytest.mark.parametrize("ending", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_server_even_in_the_middle_of_a_query(ending):
    server = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}/sparql"
        threading.Thread(target=ask_until_killed, args=(url,), daemon=True).start()
        wait_until(lambda: len(workers_of(server.pid)) >= 3, 20)  # two general, one quick
        workers = workers_of(server.pid)
        assert len(workers) == 3
        time.sleep(0.5)  # the cross join is under way
        server.send_signal(ending)
        server.wait(10)
        wait_until(lambda: not any(map(running, workers)), 3)
        assert not [pid for pid in workers if running(pid)]
    finally:
        server.kill()
        server.wait()


def test_past_as_many_waiting_as_there_are_workers_a_query_is_refused_at_once(pool):
    """So that queries waiting on workers never hold every thread of the web server."""
    answers = []
    heavy = [threading.Thread(target=lambda: answers.append(type(run_or_error(pool, CROSS_JOIN)).__name__)) for _ in range(2)]
    for thread in heavy:
        thread.start()
    time.sleep(0.5)  # one runs, one waits
    started = time.monotonic()
    assert isinstance(run_or_error(pool, CROSS_JOIN), querypool.PoolBusy)
    assert time.monotonic() - started < 0.5
    assert pool.run("ASK {}").boolean is True  # the quick lane is another
    for thread in heavy:
        thread.join(30)
    assert sorted(answers) == ["PoolBusy", "QueryTimeout"]  # the waiting one ran out of time before a worker was free


def run_or_error(pool, query):
    try:
        return pool.run(query)
    except querypool.QueryError as error:
        return error
