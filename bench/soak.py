"""A bounded soak of the served explorer and endpoint: errors, latency over time, memory.

Builds the bundled corpus into a temporary store (or takes ``--store``), serves
it with ``nqgraph serve`` on a free port of 127.0.0.1, and for ``--minutes``
sends it ``--rate`` requests a second: pages, quick queries (``ASK {}``), the
editor's example queries and hostile input (federation, nesting too deep, a
query that crashes the engine, addresses and parameters that cannot be, an
oversized body), while ``--heavy`` cross joins keep the general workers busy.
Every ``--every`` seconds it prints what was sent, the errors (a status the
request should not get, a refused or dropped connection), p50/p95/max latency
of each kind, and the resident memory of the server and its workers against
``--rss-mib``. At the end it stops the server and counts the workers left.
Exit status 1 on any error, on memory over the bound, or on a worker left.
Requests go to 127.0.0.1 only, at most 50 a second, for at most an hour.

    .venv/bin/python bench/soak.py --minutes 2
    .venv/bin/python bench/soak.py --minutes 1 --heavy 8 --no-hostile --store /tmp/nqgraph-store
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
IN_FLIGHT = 32  # requests of the mix under way at once; past this the server is behind and a tick is skipped
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
PAGES = ["/", "/plans", "/units", "/items", "/indicators", "/coverage", "/search?q=so+hoa", "/editor",
         "/id/resolution/57-NQ-TW", "/cascade/resolution/71-NQ-CP/item/48", "/questions/overdue-as-of?as_of=2026-01-01"]
QUICK = ["ASK {}", "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"]
# (how it is sent: get, query or body; the address, the query or the body; the statuses it may get)
HOSTILE = [
    ("query", f"SELECT * WHERE {{ # x\rSERVICE <http://{HOST}:65000/sparql> {{ ?s ?p ?o }} }}", {403}),
    ("query", f"PREFIX : <http://{HOST}:65000/> SELECT * WHERE {{ SERVICE:sparql {{ ?s ?p ?o }} }}", {403}),
    ("query", "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", {400}),
    ("query", "ASK { FILTER(" + "+".join(["1"] * 30000) + ") }", {400}),  # overflows the engine's stack
    ("body", "ASK {} #" + "x" * (2 << 20), {413}),
    ("get", "/id/a%22b", {404}),
    ("get", "/cascade/a%3Cb", {404}),
    ("get", "/search?q=so&page=%C2%B2", {400}),
    ("get", "/questions/unit-leads?unit=a%20b", {400}),
    ("get", "/def?format=bogus", {400}),
]


def bounded(low: float, high: float):
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is not between {low:g} and {high:g}")
        return value
    return parse


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def workers_of(pid: int) -> list[int]:
    """The living query workers of process ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if stat[0] != "Z" and int(stat[1]) == pid and b"service.querypool" in command:
            found.append(int(entry.name))
    return found


def percentiles(seconds: list[float]) -> str:
    if not seconds:
        return "-"
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{statistics.median(ordered) * 1000:.0f}/{p95 * 1000:.0f}/{ordered[-1] * 1000:.0f} ms"


class Soak:
    """The requests sent and what came back, kept by kind for each interval and for the whole run."""

    def __init__(self, url: str, heavy: int):
        self.url, self.heavy = url, heavy
        self.lock = threading.Lock()
        self.latency = defaultdict(list)  # this interval's, by kind
        self.statuses = defaultdict(Counter)  # the whole run's, by kind
        self.errors: list[str] = []
        self.sent = self.skipped = 0

    def record(self, kind: str, label: str, expected: set[int], send) -> None:
        started = time.monotonic()
        try:
            status = send().status_code
        except requests.RequestException as error:
            status = type(error).__name__
        with self.lock:
            self.latency[kind].append(time.monotonic() - started)
            self.statuses[kind][status] += 1
            if status not in expected:
                self.errors.append(f"{kind} {label[:40]!r}: {status}")

    def request(self, kind: str, item) -> None:
        sparql = self.url + "/sparql"
        busy = {503, 504} if self.heavy else set()  # with the general workers held, a query may wait in vain
        if kind == "page":
            self.record(kind, item, {200}, lambda: requests.get(self.url + item, timeout=30))
        elif kind == "quick":
            self.record(kind, item, {200}, lambda: requests.get(sparql, params={"query": item, "format": "json"}, timeout=30))
        elif kind == "example":
            self.record(kind, item, {200} | busy, lambda: requests.post(sparql, data={"query": item, "format": "json"}, timeout=30))
        else:
            method, text, expected = item
            if method == "get":
                self.record(kind, text, expected, lambda: requests.get(self.url + text, timeout=30))
            elif method == "body":
                headers = {"Content-Type": "application/sparql-query"}
                self.record(kind, text, expected, lambda: requests.post(sparql, data=text.encode(), headers=headers, timeout=30))
            else:
                self.record(kind, text, expected | busy, lambda: requests.post(sparql, data={"query": text}, timeout=30))

    def interval(self) -> dict[str, list[float]]:
        with self.lock:
            latency, self.latency = self.latency, defaultdict(list)
        return latency


def mix(hostile: bool, seed: int):
    """The requests to send, one after another, without end: pages, quick queries, examples, hostile input."""
    examples = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "service" / "examples").glob("*.rq"))]
    kinds = [("page", PAGES)] * 5 + [("quick", QUICK)] * 2 + [("example", examples)] * 2 + ([("hostile", HOSTILE)] if hostile else [])
    chooser = random.Random(seed)
    while True:
        kind, items = chooser.choice(kinds)
        yield kind, chooser.choice(items)


def keep_busy(soak: Soak, stop: threading.Event) -> None:
    """One cross join after another until ``stop``: each is stopped at the server's time bound, or
    refused at once while the workers are taken (then the next waits a second)."""
    while not stop.is_set():
        started = time.monotonic()
        soak.record("heavy", CROSS_JOIN, {503, 504}, lambda: requests.get(soak.url + "/sparql", params={"query": CROSS_JOIN}, timeout=60))
        stop.wait(max(1 - (time.monotonic() - started), 0))


def start_server(store: Path, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--store", str(store), "--host", HOST,
                               "--port", str(port)], cwd=ROOT, stderr=log.open("wb"))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://{HOST}:{port}/", timeout=5).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.kill()
    raise SystemExit("the server did not start:\n" + log.read_text(errors="replace")[-2000:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=bounded(0.1, 60), default=2, help="how long the soak runs (default 2, at most 60)")
    parser.add_argument("--rate", type=bounded(1, 50), default=10, help="requests a second of the mix (default 10, at most 50)")
    parser.add_argument("--heavy", type=int, choices=range(0, 17), default=1, metavar="0..16",
                        help="cross joins kept running at once besides the mix (default 1)")
    parser.add_argument("--no-hostile", dest="hostile", action="store_false", help="leave hostile input out of the mix")
    parser.add_argument("--every", type=bounded(1, 600), default=10, help="seconds between two reports (default 10)")
    parser.add_argument("--rss-mib", type=float, default=600, help="bound on the server's and its workers' memory (default 600 MiB)")
    parser.add_argument("--store", type=Path, help="serve this built store instead of building the bundled corpus")
    parser.add_argument("--seed", type=int, default=57)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        store = args.store
        if store is None:
            store = Path(folder) / "store"
            print("building the bundled corpus …", flush=True)
            subprocess.run([sys.executable, "-m", "service.cli", "build", "--store", str(store), "--quiet"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = start_server(store, port, Path(folder) / "server.log")
        try:
            return soak(server, f"http://{HOST}:{port}", args)
        finally:
            server.kill()
            server.wait()


def soak(server: subprocess.Popen, url: str, args) -> int:
    soak = Soak(url, args.heavy)
    stop = threading.Event()
    busy = [threading.Thread(target=keep_busy, args=(soak, stop), daemon=True) for _ in range(args.heavy)]
    for thread in busy:
        thread.start()
    print(f"serving on {url}, pid {server.pid}; {args.rate:g} requests/s for {args.minutes:g} min, {args.heavy} cross joins "
          f"running, hostile input {'in' if args.hostile else 'out of'} the mix; memory bound {args.rss_mib:g} MiB")
    print(f"{'time':>6}  {'sent':>6}  {'errors':>6}  {'memory':>14}  {'workers':>7}  latency p50/p95/max by kind")
    peak, started_workers = 0.0, set()
    requests_to_send = mix(args.hostile, args.seed)
    slots = threading.Semaphore(IN_FLIGHT)
    started = time.monotonic()
    end, next_report = started + args.minutes * 60, started + args.every
    tick = started
    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        while time.monotonic() < end:
            tick += 1 / args.rate
            time.sleep(max(tick - time.monotonic(), 0))
            if slots.acquire(blocking=False):
                kind, item = next(requests_to_send)
                soak.sent += 1
                pool.submit(lambda kind=kind, item=item: (soak.request(kind, item), slots.release()))
            else:
                soak.skipped += 1
            if time.monotonic() >= next_report:
                next_report += args.every
                workers = workers_of(server.pid)
                started_workers.update(workers)
                memory = rss_mib(server.pid) + sum(map(rss_mib, workers))
                peak = max(peak, memory)
                latency = soak.interval()
                shown = "  ".join(f"{kind} {percentiles(latency[kind])}" for kind in ("page", "quick", "example", "hostile", "heavy") if kind in latency)
                print(f"{time.monotonic() - started:>5.0f}s  {soak.sent:>6}  {len(soak.errors):>6}  "
                      f"{memory:>7.0f} MiB {'ok' if memory <= args.rss_mib else 'OVER'}  {len(workers):>7}  {shown}", flush=True)
        stop.set()
    for thread in busy:
        thread.join(70)

    server.terminate()
    server.wait(10)
    time.sleep(2 * 0.5 + 1)  # a worker looks for its server twice a second
    left = [pid for pid in started_workers if running(pid)]
    print()
    print(f"sent {soak.sent} requests of the mix ({soak.skipped} ticks skipped with {IN_FLIGHT} under way)")
    for kind, counts in soak.statuses.items():
        print(f"  {kind:<8} " + ", ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str)))
    print(f"errors   {len(soak.errors)}" + (f" (first: {', '.join(soak.errors[:5])})" if soak.errors else ""))
    print(f"memory   peak {peak:.0f} MiB for the server and its workers, bound {args.rss_mib:g} MiB: {'ok' if peak <= args.rss_mib else 'OVER'}")
    print(f"workers  {len(started_workers)} seen over the run, {len(left)} left running after the server stopped")
    return 1 if soak.errors or peak > args.rss_mib or left else 0


if __name__ == "__main__":
    sys.exit(main())
