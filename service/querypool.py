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

Each worker is confined (:mod:`service.sandbox`): it cannot reach the network
and does not outlive the web process. One worker is kept for queries that
look quick (one triple pattern at most), so that they are answered while the
others are held by heavy queries; see :meth:`QueryPool.run`.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from service.querytext import looks_quick, stack_error, syntax
from service.sandbox import KILLED_FOR_NETWORK, confine

LOAD_TIMEOUT = 300  # seconds a fresh worker may take to open or load its store
WORKER_NICENESS = 10
QUICK_WORKERS = 1  # workers kept for queries that look quick
QUICK_TIME = 1.0  # seconds a query that looks quick may run in their lane before it is moved
QUICK_WAITING = 4  # queries that may wait for a quick worker; the general lane lets as many wait as it has workers
NO_SERVICE = ("This endpoint does not run federated queries (SERVICE): it answers from its own graph only. "
              "Query the other endpoint directly.")


class QueryError(Exception):
    """The query cannot be answered; ``status`` is the HTTP status to answer with."""

    status = 400


class QueryTimeout(QueryError):
    status = 504


class ResultTooLarge(QueryError):
    status = 503


class PoolBusy(QueryError):
    status = 503


class Federated(QueryError):
    """The query asks this server to fetch from another (SERVICE), which it never does."""

    status = 403

    def __init__(self, message: str = NO_SERVICE):
        super().__init__(message)


class EngineStopped(QueryError):
    """The worker died on the query: the engine's stack overflowed, or the system killed it."""


_ERRORS = {cls.__name__: cls for cls in (QueryError, ResultTooLarge, Federated)}


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


def evaluate(store, query: str, default_graphs=(), named_graphs=None, max_rows: int = 10_000) -> Answer:
    """Evaluate ``query`` on a pyoxigraph store: over the dataset the request names, else over the
    graphs of the query's own FROM, else over the union of the store's graphs.

    A query nested too deeply or too long for the engine's stack is refused before the engine reads it, and so
    is one naming SERVICE (the sandbox would stop the worker as soon as the engine tried to fetch
    from another server; refusing here spares starting a fresh one).
    """
    import pyoxigraph as ox

    too_big = stack_error(query)
    if too_big:
        raise QueryError(too_big)
    words = syntax(query)
    if "SERVICE" in words:
        raise Federated()
    options = {}
    if default_graphs or named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or ()]
    elif "FROM" not in words:
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


_FRAME_HEADER = 8  # bytes giving the length of the pickle that follows


def _send(stream, message) -> None:
    """Write ``message`` as one frame: its pickle's length, then the pickle.

    The web process reads frames from the raw pipe, never through a buffer, so that a
    message read never hides the next one from ``select``.
    """
    data = pickle.dumps(message)
    stream.write(len(data).to_bytes(_FRAME_HEADER, "big") + data)
    stream.flush()


def _serve(parent: int) -> None:
    """A worker's loop: confine itself, read the store source, say ready, answer requests until
    stdin closes. ``parent`` is the web process, whose end is this worker's end.

    Requests are pickles on the worker's stdin; answers are :func:`_send` frames on its stdout,
    and the worker's own prints go to stderr so they cannot corrupt the stream.
    """
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    confine(parent)
    os.nice(WORKER_NICENESS)  # heavy queries yield the processor to the pages and to lighter work
    store = _open(pickle.load(requests))
    _send(answers, "ready")
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        _send(answers, "taken")  # a death after this is the query's doing
        try:
            reply = ("ok", evaluate(store, **request))
        except QueryError as error:
            reply = ("error", (type(error).__name__, str(error)))
        except SyntaxError as error:
            reply = ("error", ("QueryError", f"Syntax error in the query: {error}"))
        except Exception as error:  # the engine refused the query: tell the client, keep the worker
            reply = ("error", ("QueryError", f"{type(error).__name__}: {error}"))
        _send(answers, reply)


class _Worker:
    """One worker process, started as ``python -m service.querypool PARENT_PID``."""

    def __init__(self, source: StoreSource):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service.querypool", str(os.getpid())], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        pickle.dump(source, self.process.stdin)
        self.process.stdin.flush()
        self.ready = False

    def _receive(self, timeout: float):
        """The worker's next message, None after ``timeout`` seconds; raises :class:`_Gone` if it died."""
        stream = self.process.stdout.fileno()
        readable, _, _ = select.select([stream], [], [], timeout)
        if not readable:
            return None
        size = int.from_bytes(self._read(stream, _FRAME_HEADER), "big")
        return pickle.loads(self._read(stream, size))

    def _read(self, stream: int, size: int) -> bytes:
        """``size`` bytes from the worker; raises :class:`_Gone` if it ends first."""
        chunks = []
        while size:
            chunk = os.read(stream, min(size, 1 << 20))
            if not chunk:
                raise _Gone(self.process.wait(5))
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def ask(self, request: dict, timeout: float, limit: float) -> Answer:
        """The worker's answer within ``timeout`` seconds; ``limit`` is the server's bound, for the message.

        Raises :class:`_Gone` if the worker died while idle, before it took the query: another
        worker may answer it. One that dies while starting is not retried, as its successor
        would most likely fail the same way.
        """
        if not self.ready:
            try:
                started = self._receive(LOAD_TIMEOUT)
            except _Gone:
                started = None
            if started != "ready":
                raise QueryTimeout("The query engine did not start; the server's log says why.")
            self.ready = True
        try:
            pickle.dump(request, self.process.stdin)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise _Gone(self.process.wait(5)) from None
        if self._receive(timeout) != "taken":
            raise QueryTimeout("The query engine did not take the query in time.")
        try:
            reply = self._receive(timeout)
        except _Gone as gone:
            raise _died(gone.code) from None
        if reply is None:
            raise QueryTimeout(
                f"The query ran longer than {limit:g} s, the limit of this server, and was stopped. "
                "Narrow it (more specific patterns, a LIMIT) and try again."
            )
        status, payload = reply
        if status == "ok":
            return payload
        name, message = payload
        raise _ERRORS.get(name, QueryError)(message)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait(5)
        self.process.stdin.close()
        self.process.stdout.close()


class _Gone(Exception):
    """The worker process ended; ``code`` is its return code."""

    def __init__(self, code: int):
        self.code = code


def _died(code: int) -> QueryError:
    """What to answer for a query its worker died on, from the worker's return code."""
    if code == KILLED_FOR_NETWORK:
        return Federated()  # the engine tried to open a connection: the sandbox stopped it
    how = signal.strsignal(-code) if code < 0 else f"exit status {code}"
    return EngineStopped(f"The query stopped the query engine ({how}); a fresh one was started.")


class _Lane:
    """Workers that take one query at a time each; one that is killed or dies is replaced at once.

    At most ``waiting`` queries wait for a worker; one more is refused at once, so that queries
    waiting on workers never hold every thread of the web server, and pages keep being served.
    """

    def __init__(self, size: int, waiting: int):
        self.size, self.waiting = size, waiting
        self._source: StoreSource | None = None
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._admitted = threading.BoundedSemaphore(size + waiting)

    def start(self, source: StoreSource) -> None:
        self._source = source
        for _ in range(self.size):
            self._add_worker()

    def _add_worker(self) -> None:
        worker = _Worker(self._source)
        self._workers.append(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            worker.stop()
            self._workers.remove(worker)
            self._add_worker()

    def _take(self, deadline: float) -> _Worker:
        """A free, living worker, waiting for one until ``deadline``."""
        while True:
            try:
                worker = self._idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise PoolBusy("All query workers are busy; try again in a moment.") from None
            if worker.alive():
                return worker
            self._replace(worker)  # it died while idle (the system's memory killer, a signal)

    def answer(self, request: dict, deadline: float, limit: float) -> Answer:
        """The answer by ``deadline``, waiting for a free worker included; ``limit`` is the server's bound, for the message.

        A worker the query killed, or that ran out of time, is replaced; one found dead before it
        took the query is replaced and the query asked of the next.
        """
        if not self._admitted.acquire(blocking=False):
            raise PoolBusy(f"All query workers are busy and {self.waiting} more queries wait for them; try again in a moment.")
        try:
            while True:
                worker, kept = self._take(deadline), True
                try:
                    return worker.ask(request, max(deadline - time.monotonic(), 0.1), limit)
                except _Gone:
                    kept = False
                except QueryTimeout:
                    kept = False
                    raise
                except QueryError:
                    kept = worker.alive()
                    raise
                finally:
                    if kept:
                        self._idle.put(worker)
                    else:
                        self._replace(worker)
        finally:
            self._admitted.release()

    def close(self) -> None:
        with self._lock:
            for worker in self._workers:
                worker.stop()
            self._workers.clear()


class QueryPool:
    """Query workers in two lanes, started on first use: ``size`` for any query, and
    :data:`QUICK_WORKERS` for queries that look quick."""

    def __init__(self, source_factory, size: int = 2, timeout: float = 10.0, max_rows: int = 10_000):
        self._source_factory = source_factory
        self._started = False
        self.size, self.timeout, self.max_rows = size, timeout, max_rows
        self._general, self._quick = _Lane(size, waiting=size), _Lane(QUICK_WORKERS, waiting=QUICK_WAITING)
        self._lock = threading.Lock()
        atexit.register(self.close)

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                source = self._source_factory()
                self._general.start(source)
                self._quick.start(source)
                self._started = True

    def run(self, query: str, default_graphs=(), named_graphs=None) -> Answer:
        """The answer to ``query``, within ``timeout`` seconds from now, waiting for a free worker included.

        A query that looks quick (:func:`~service.querytext.looks_quick`) goes first to the quick
        lane, which heavy queries never hold. There it may run :data:`QUICK_TIME` seconds; one that
        only looked quick is stopped then, and goes on in the general lane with the rest of its time.
        """
        self._start()
        deadline = time.monotonic() + self.timeout
        request = {
            "query": query,
            "default_graphs": list(default_graphs),
            "named_graphs": None if named_graphs is None else list(named_graphs),
            "max_rows": self.max_rows,
        }
        if looks_quick(query):
            try:
                return self._quick.answer(request, min(deadline, time.monotonic() + QUICK_TIME), self.timeout)
            except (QueryTimeout, PoolBusy):
                pass  # it was slower than it looked, or quick queries are queueing: on to the general lane
        return self._general.answer(request, deadline, self.timeout)

    def close(self) -> None:
        self._general.close()
        self._quick.close()


if __name__ == "__main__":
    # Run the imported module's loop, not this __main__ copy, so that answers
    # pickle as ``service.querypool.Answer`` for the web process to read.
    from service.querypool import _serve as serve

    serve(int(sys.argv[1]))
