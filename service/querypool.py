"""Run endpoint queries in worker processes that can be killed.

pyoxigraph evaluates a query inside Rust code that no Python thread can
interrupt, so one pathological query (a cross join of the whole graph) would
hold a core and its thread until it finished. Each endpoint query therefore
runs in a worker process with its own read-only view of the store: the web
process waits at most ``timeout`` seconds for the answer, then kills the
worker and starts a fresh one. Rows and triples are counted as they are
produced, so an answer over ``max_rows`` is refused without being built.
Workers open an on-disk store read-only, or load a copy of an in-memory one
taken when the pool starts: a graph replaced later is seen after a restart.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

LOAD_TIMEOUT = 300  # seconds a fresh worker may take to open or load its store
WORKER_NICENESS = 10


class QueryError(Exception):
    """The query cannot be answered; ``status`` is the HTTP status to answer with."""

    status = 400


class QueryTimeout(QueryError):
    status = 504


class ResultTooLarge(QueryError):
    status = 503


class PoolBusy(QueryError):
    status = 503


@dataclass
class Answer:
    """A query's answer in plain, picklable values.

    ``kind`` is ``"boolean"`` (``boolean``), ``"bindings"`` (``variables`` and
    ``rows``, each cell ``None`` or a term tuple ``(type, value, datatype,
    language)`` with type ``uri``, ``bnode`` or ``literal``) or ``"triples"``
    (``ntriples``, the graph as N-Triples text).
    """

    kind: str
    boolean: bool | None = None
    variables: list[str] = field(default_factory=list)
    rows: list[list[tuple | None]] = field(default_factory=list)
    ntriples: str = ""


@dataclass(frozen=True)
class StoreSource:
    """How a worker gets its data: an Oxigraph directory, or N-Quads to load."""

    path: str | None = None
    nquads: bytes = b""


def _term(term) -> tuple | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    return ("literal", str(term), None, None)  # an RDF-star triple term, shown as text


def _open(source: StoreSource):
    import pyoxigraph as ox

    if source.path:
        return ox.Store.read_only(source.path)
    store = ox.Store()
    if source.nquads:
        store.bulk_load(source.nquads, format=ox.RdfFormat.N_QUADS)
    return store


def evaluate(store, query: str, default_graphs=(), named_graphs=None, max_rows: int = 10_000,
             union: bool = True) -> Answer:
    """Evaluate ``query`` on a pyoxigraph store: over the dataset the request names, else
    (``union``) over the union of its graphs; ``union`` is false for a query with its own FROM."""
    import pyoxigraph as ox

    options = {}
    if default_graphs or named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
    elif union:
        options["use_default_graph_as_union"] = True
    result = store.query(query, **options)
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == max_rows:
                raise ResultTooLarge(f"The result has more than {max_rows} rows, the limit of this server. Add a LIMIT or narrow the query.")
            rows.append([_term(solution[v]) for v in variables])
        return Answer("bindings", variables=variables, rows=rows)
    triples = []
    for triple in result:
        if len(triples) == max_rows:
            raise ResultTooLarge(f"The graph has more than {max_rows} triples, the limit of this server. Narrow the query.")
        triples.append(triple)
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Answer("triples", ntriples=text.decode("utf-8"))


def _serve() -> None:
    """A worker's loop: read the store source, say ready, answer requests until stdin closes.

    Requests and answers are pickles over the worker's stdin and stdout; the
    worker's own prints go to stderr so they cannot corrupt the stream.
    """
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    os.nice(WORKER_NICENESS)  # heavy queries yield the processor to the pages and to lighter work
    store = _open(pickle.load(requests))
    pickle.dump("ready", answers)
    answers.flush()
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        try:
            reply = ("ok", evaluate(store, **request))
        except QueryError as error:
            reply = ("error", (type(error).__name__, str(error)))
        except SyntaxError as error:
            reply = ("error", ("QueryError", f"Syntax error in the query: {error}"))
        except Exception as error:  # the engine refused the query: tell the client, keep the worker
            reply = ("error", ("QueryError", f"{type(error).__name__}: {error}"))
        pickle.dump(reply, answers)
        answers.flush()


class _Worker:
    """One worker process, started as ``python -m service.querypool``."""

    def __init__(self, source: StoreSource):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.querypool"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        pickle.dump(source, self.process.stdin)
        self.process.stdin.flush()
        self.ready = False

    def _receive(self, timeout: float):
        readable, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not readable:
            return None
        try:
            return pickle.load(self.process.stdout)
        except EOFError:
            raise QueryError("The query engine stopped unexpectedly.") from None

    def ask(self, request: dict, timeout: float, limit: float) -> Answer:
        """The worker's answer within ``timeout`` seconds; ``limit`` is the server's bound, for the message."""
        if not self.ready:
            if self._receive(LOAD_TIMEOUT) != "ready":
                raise QueryTimeout("The query engine did not start.")
            self.ready = True
        pickle.dump(request, self.process.stdin)
        self.process.stdin.flush()
        reply = self._receive(timeout)
        if reply is None:
            raise QueryTimeout(
                f"The query ran longer than {limit:g} s, the limit of this server, and was stopped. "
                "Narrow it (more specific patterns, a LIMIT) and try again."
            )
        status, payload = reply
        if status == "ok":
            return payload
        name, message = payload
        raise (ResultTooLarge if name == "ResultTooLarge" else QueryError)(message)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(5)
        self.process.stdin.close()
        self.process.stdout.close()


class QueryPool:
    """A fixed number of query workers, started on first use, replaced when killed."""

    def __init__(self, source_factory, size: int = 2, timeout: float = 10.0, max_rows: int = 10_000):
        self._source_factory = source_factory
        self._source: StoreSource | None = None
        self.size, self.timeout, self.max_rows = size, timeout, max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        atexit.register(self.close)

    def _start(self) -> None:
        with self._lock:
            if self._source is None:
                self._source = self._source_factory()
                for _ in range(self.size):
                    self._add_worker()

    def _add_worker(self) -> None:
        worker = _Worker(self._source)
        self._workers.append(worker)
        self._idle.put(worker)

    def run(self, query: str, default_graphs=(), named_graphs=None, union: bool = True) -> Answer:
        """The answer to ``query``, within ``timeout`` seconds from now, waiting for a free worker included."""
        self._start()
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy("All query workers are busy; try again in a moment.") from None
        request = {
            "query": query,
            "default_graphs": list(default_graphs),
            "named_graphs": None if named_graphs is None else list(named_graphs),
            "max_rows": self.max_rows,
            "union": union,
        }
        try:
            return worker.ask(request, max(deadline - time.monotonic(), 0.1), self.timeout)
        except QueryError as error:
            if worker.alive() and not isinstance(error, QueryTimeout):
                raise
            with self._lock:  # a killed or dead worker is replaced at once
                worker.stop()
                self._workers.remove(worker)
                self._add_worker()
            worker = None
            raise
        finally:
            if worker is not None:
                self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            for worker in self._workers:
                worker.stop()
            self._workers.clear()


if __name__ == "__main__":
    # Run the imported module's loop, not this __main__ copy, so that answers
    # pickle as ``service.querypool.Answer`` for the web process to read.
    from service.querypool import _serve as serve

    serve()
