"""``nqgraph serve``: the explorer and the endpoint in several processes, each with its threads.

A page's Python holds the interpreter while it runs (pyoxigraph lets go of it
only inside its queries), so one process answers twenty readers one after
another on one core. gunicorn forks ``processes`` that share the listening
socket; each opens the store read-only, its index and its own SPARQL workers
(:mod:`service.querypool`) after the fork, so nothing is shared but the files.
A process that dies is replaced; when the server is killed its processes
notice within a few seconds and end, and their SPARQL workers with them.
"""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

# Enough threads per process that requests waiting on the SPARQL workers never hold up the pages.
THREADS = 16


def default_processes() -> int:
    return os.cpu_count() or 1


class Server(BaseApplication):
    """gunicorn run from Python, with settings given here rather than on its command line."""

    def __init__(self, make_app, settings: dict):
        self.make_app, self.settings = make_app, settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        return self.make_app()


def serve(make_app, host: str, port: int, processes: int) -> None:
    """Answer on ``host:port`` with ``processes`` processes, each running ``make_app()``'s app."""
    Server(make_app, {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": processes,
        "worker_class": "gthread",
        "threads": THREADS,
        # A SPARQL query may be given in a GET address; past 8 KB it goes in a POST body, which the
        # application bounds (NQGRAPH_MAX_CONTENT_LENGTH, refused 413 before it is read).
        "limit_request_line": 8190,
        # A process busy with pages for this long is stuck: it is replaced. Endpoint queries are
        # bounded well below it (NQGRAPH_SPARQL_TIMEOUT).
        "timeout": 120,
        "graceful_timeout": 10,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "nqgraph",
    }).run()
