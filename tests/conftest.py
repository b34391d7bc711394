"""Shared fixtures: a store of each backend behind the same interface."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server on a free local port; yields its query URL."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode(errors='replace')}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(params=["memory", "oxigraph", pytest.param("server", marks=pytest.mark.server)])
def store(request, tmp_path):
    """An empty store: in memory, an Oxigraph directory, or a remote Oxigraph server."""
    from graph.remote import RemoteStore
    from graph.store import MemoryStore, OxigraphStore

    if request.param == "memory":
        store = MemoryStore()
    elif request.param == "oxigraph":
        store = OxigraphStore(tmp_path / "store")
    else:
        store = RemoteStore(request.getfixturevalue("oxigraph_server"))
        for graph in store.graphs():
            store.drop_graph(graph)
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The bundled corpus built once by the real pipeline into an Oxigraph directory: (directory, summary)."""
    from graph.build import build
    from graph.store import OxigraphStore

    path = tmp_path_factory.mktemp("corpus") / "store"
    store = OxigraphStore(path)
    try:
        summary = build(None, store, progress=False)
    finally:
        store.close()
    return str(path), summary
