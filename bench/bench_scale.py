"""National scale, measured: the build, traces and explorer pages on a generated corpus.

For each size given, in one run: generates a national corpus
(``bench/national_corpus.py``), builds it into a fresh Oxigraph store and
prints documents/s, triples/s, the time of each step and peak memory; the time
to add one more plan to that store; NQ 71 item traces in process (p50/p95),
beside pyoxigraph running ``graph/queries/trace.rq`` on the same store, plain
rdflib on ``trace.rq`` and the rows a trace reads; then serves the store and
prints how long the server takes to answer, and p50/p95 of traces over HTTP
and of every explorer page at 1, 5 and 20 concurrent clients. Requests go to
127.0.0.1 only, a bounded number for each page and level.

    .venv/bin/python bench/bench_scale.py --plans 500
    .venv/bin/python bench/bench_scale.py --plans 50 500 5000
    .venv/bin/python bench/bench_scale.py --plans 5000 --keep /tmp/scale  # build once, measure again later

With ``--keep``, each size's corpus and store stay in the folder given and a
later run with the same size and seed measures that store without building
it again, replacing the plan added the first time (after a change to what
the build writes, remove the folder).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import requests  # noqa: E402
from rdflib import Graph, Literal  # noqa: E402

from bench_build import time_steps  # noqa: E402
from graph import queries, trace  # noqa: E402
from graph.build import build  # noqa: E402
from graph.store import OxigraphStore, bind  # noqa: E402
from national_corpus import generate  # noqa: E402
from ontology import ids  # noqa: E402

CLIENTS = (1, 5, 20)
REQUESTS_PER_CLIENT = 5     # each page is asked this many times per client, at each level
TRACES = 40                 # items traced in process
RDFLIB_TRACES = 5           # plain rdflib is slow: a few items only, within a minute …
RDFLIB_SECONDS = 60
RDFLIB_MAX_TRIPLES = 2_000_000  # … and holds the whole store in memory: not past this size


def percentiles(seconds: list[float]) -> str:
    if not seconds:
        return "—"
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms"


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def cpu_timed(function, *args) -> float:
    """CPU time: on a busy machine the one figure that says what the work itself costs."""
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def peak_mib() -> float:
    """The largest resident size so far of this process or any reader process it ran."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


# --- build -------------------------------------------------------------------------------

def measure_build(plans: int, seed: int, folder: Path) -> OxigraphStore:
    corpus, store_path = folder / "corpus", folder / "store"
    started = time.perf_counter()
    generate(plans, seed, corpus)
    print(f"  generated          {plans} plans in {time.perf_counter() - started:.1f} s")
    steps = time_steps()
    store = OxigraphStore(store_path)
    started = time.perf_counter()
    summary = build([corpus], store, progress=False)
    elapsed = time.perf_counter() - started
    reading = elapsed - sum(steps.values())
    print(f"  built              {summary.documents} documents ({len(summary.errors)} failed), "
          f"{summary.triples:,} triples, {summary.tasks:,} tasks, "
          f"{summary.links_stated:,} stated and {summary.links_inferred:,} inferred links")
    for error in summary.errors:
        print(f"    failed           {error}")
    print(f"  build              {elapsed:.1f} s: {summary.documents / elapsed:.1f} documents/s, "
          f"{summary.triples / elapsed:,.0f} triples/s; peak memory {peak_mib():.0f} MiB")
    print(f"    reading          {reading:.1f} s ({summary.documents / reading:.1f} documents/s)")
    for name, seconds in steps.items():
        print(f"    {name:<16} {seconds:.1f} s")
    return store


def measure_adding(store: OxigraphStore, seed: int, folder: Path) -> None:
    """One plan of another draw added to the store; in a store kept from an earlier run, where it
    was added then, its graph replaced."""
    extra = folder / "extra"
    again = extra.exists()
    if not again:
        generate(3, seed + 1, extra)  # a few plans of another draw: one of them is a plan the store lacks
        added = sorted(p for p in extra.iterdir() if p.name != "manifest.json")[-1]
        added.rename(added.with_name("added-" + added.name))
    added = next(extra.glob("added-*"))
    seconds = timed(build, [added], store, False)
    print(f"  one plan {'replaced' if again else 'added':<9} {seconds:.1f} s ({added.name})")


# --- traces --------------------------------------------------------------------------------

class RowCounter:
    """Counts the rows the store hands back, to tell how much of it an answer reads."""

    def __init__(self, store):
        self.store, self.rows = store, 0
        self.select = store._select

    def __enter__(self):
        def counted(sparql):
            answer = self.select(sparql)
            self.rows += len(answer)
            return answer
        self.store._select = counted
        return self

    def __exit__(self, *exc):
        self.store._select = self.select


def measure_traces(store: OxigraphStore, seed: int) -> list[str]:
    numbers = sorted({row["number"] for row in queries.select(store, "items")})
    chosen = random.Random(seed).sample(numbers, min(TRACES, len(numbers)))
    ours, ours_cpu, direct, direct_cpu, links = [], [], [], [], 0
    sparql = queries.load("trace")
    with RowCounter(store) as counter:
        for number in chosen:
            started, cpu = time.perf_counter(), time.process_time()
            links += len(trace.trace_item(store, number)["links"])
            ours.append(time.perf_counter() - started)
            ours_cpu.append(time.process_time() - cpu)
    for number in chosen:
        bound = bind(sparql, {"itemNumber": Literal(number)})
        run = lambda: [list(row) for row in store._store.query(bound, use_default_graph_as_union=True)]  # noqa: E731
        direct.append(timed(run))
        direct_cpu.append(cpu_timed(run))
    print(f"  trace in process   {percentiles(ours)}  ({len(chosen)} items, {links / len(chosen):.0f} tasks each, "
          f"{counter.rows / len(chosen):.0f} rows read each)")
    print(f"    CPU time         {percentiles(ours_cpu)}")
    print(f"  pyoxigraph trace.rq{percentiles(direct)}")
    print(f"    CPU time         {percentiles(direct_cpu)}")
    if len(store) > RDFLIB_MAX_TRIPLES:
        print(f"  rdflib trace.rq    not run: {len(store):,} triples would not fit in memory as rdflib objects")
        return chosen
    started = time.perf_counter()
    union = Graph()
    for s, p, o, _ in store.quads():
        union.add((s, p, o))
    loading = time.perf_counter() - started
    plain, started = [], time.perf_counter()
    for number in chosen[:RDFLIB_TRACES]:
        plain.append(timed(lambda: list(union.query(sparql, initBindings={"itemNumber": Literal(number)}))))
        if time.perf_counter() - started > RDFLIB_SECONDS:
            break
    print(f"  rdflib trace.rq    {percentiles(plain)}  ({len(plain)} items, after {loading:.1f} s loading the store)")
    return chosen


# --- the server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(store_path: Path, processes: int | None) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--store", str(store_path),
                               "--port", str(port), *(["--processes", str(processes)] if processes else [])],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = started + 300
    while time.perf_counter() < deadline:
        try:
            if requests.get(url + "/", timeout=5).ok:
                return server, url, time.perf_counter() - started
        except requests.RequestException:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not answer within 300 s")


def pages(store: OxigraphStore, items: list[str]) -> dict[str, str]:
    """One URL of each kind of page, for resources the store holds."""
    plan = queries.select(store, "plan_names")[0]["plan"]
    unit = queries.select(store, "unit_named_like", part=Literal("phong"))[0]["unit"]
    task = next(row["task"] for row in queries.select(store, "task_levels"))
    item = ids.nq71_item(items[0]).removeprefix(ids.base())
    local = lambda iri: "/id/" + str(iri).removeprefix(ids.base())  # noqa: E731
    return {"home": "/", "search": "/search?q=so+hoa", "plans": "/plans", "units": "/units", "items": "/items",
            "indicators": "/indicators", "coverage": "/coverage", "cascade": f"/cascade/{item}",
            "plan page": local(plan), "unit page": local(unit), "task page": local(task),
            "questions": "/questions", "editor": "/editor"}


def load(url: str, clients: int) -> tuple[list[float], Counter]:
    """``clients`` threads each asking ``url`` a few times; the latencies, and the failures by status."""
    latencies, failures, lock = [], Counter(), threading.Lock()

    def client(_):
        with requests.Session() as session:
            for _ in range(REQUESTS_PER_CLIENT):
                started = time.perf_counter()
                try:
                    status = session.get(url, timeout=60).status_code
                except requests.RequestException as error:
                    status = type(error).__name__
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if status != 200:
                        failures[status] += 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return latencies, failures


def measure_server(store: OxigraphStore, items: list[str], processes: int | None) -> None:
    urls = pages(store, items)
    store.close()
    server, base, started = serve(store.path, processes)
    try:
        print(f"  server answers     {started:.1f} s after it starts")
        over_http = [timed(requests.get, f"{base}/cascade/{ids.nq71_item(n).removeprefix(ids.base())}.json")
                     for n in items]
        print(f"  trace over HTTP    {percentiles(over_http)}  (/cascade/…json)")
        for name, path in urls.items():
            cells = []
            for clients in CLIENTS:
                latencies, failures = load(base + path, clients)
                failed = ", ".join(f"{n}× {status}" for status, n in failures.items())
                cells.append(f"{clients:>2}: {percentiles(latencies)}" + (f" failed: {failed}" if failed else ""))
            print(f"  {name:<18} " + " | ".join(cells))
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[500], help="corpus sizes (default 500)")
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--no-server", action="store_true", help="skip the explorer's pages")
    parser.add_argument("--processes", type=int, help="processes of the server (default: nqgraph serve's)")
    parser.add_argument("--keep", type=Path, help="keep each corpus and store in this folder, and reuse them")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for plans in args.plans:
        print(f"\n{plans} plans")
        with tempfile.TemporaryDirectory() as scratch:
            folder = args.keep / f"{plans}-plans-seed-{args.seed}" if args.keep else Path(scratch)
            built = folder / "built"
            if built.exists():
                print(f"  store              built earlier, in {folder}")
                store = OxigraphStore(folder / "store")
            else:
                store = measure_build(plans, args.seed, folder)
                built.touch()
            measure_adding(store, args.seed, folder)
            items = measure_traces(store, args.seed)
            if args.no_server:
                store.close()
            else:
                measure_server(store, items, args.processes)


if __name__ == "__main__":
    main()
