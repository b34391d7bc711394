"""A build killed at any moment leaves every graph whole or absent, and the next commands say so.

Builds of the bundled corpus are started in a process of their own and
killed (SIGKILL) at moments spread over the build; after each kill every
document graph holds exactly what a finished build puts in it or is absent,
``check`` names the unfinished build, and the next build leaves exactly what a
build that was never interrupted leaves. Bounded: a few kills, each under a
minute. Run alone with ``pytest -m kill``.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.build import derived_graphs, state_graph
from graph.store import OxigraphStore
from service.cli import main

pytestmark = pytest.mark.kill
ROOT = Path(__file__).resolve().parents[1]
KILLS = (0.15, 0.4, 0.65, 0.9)  # moments of the build, as shares of its whole time


def graphs(path) -> dict:
    store = OxigraphStore(path, read_only=True)
    try:
        found: dict = {}
        for s, p, o, g in store.quads():
            found.setdefault(g, set()).add((s, p, o))
        return found
    finally:
        store.close()


def start_build(path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "service.cli", "build", "--store", str(path), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A store one uninterrupted build made, its graphs, and how long the build took."""
    path = tmp_path_factory.mktemp("finished") / "store"
    started = time.monotonic()
    assert start_build(path).wait(300) == 0
    return path, graphs(path), time.monotonic() - started


@pytest.mark.parametrize("share", KILLS)
@pytest.mark.parametrize("fresh", [True, False], ids=["into an empty store", "over a finished store"])
def test_a_killed_build_leaves_whole_graphs_and_is_named_then_mended(finished, share, fresh, tmp_path, capsys):
    path, expected, seconds = finished
    store = tmp_path / "store"
    if not fresh:
        shutil.copytree(path, store)
    build = start_build(store)
    time.sleep(share * seconds)
    os.kill(build.pid, signal.SIGKILL)
    build.wait(30)

    if (store / "CURRENT").is_file():
        found = graphs(store)
        derived = derived_graphs()
        for graph, triples in found.items():
            if graph not in derived:  # a document's graph: all of it or nothing
                assert triples == expected[graph], graph
        finished_state = found.get(state_graph(), set())
        if any("running" in str(o) for _, _, o in finished_state):
            assert main(["check", "--store", str(store)]) == 1
            assert "did not finish" in capsys.readouterr().err
        else:  # killed after its last write: the store is the finished one
            assert found == expected

    assert main(["build", "--store", str(store), "--quiet"]) == 0
    assert graphs(store) == expected


def test_a_killed_build_leaves_no_reader_behind(tmp_path):
    """The processes reading documents end with the build that started them."""
    build = start_build(tmp_path / "store")
    readers, deadline = [], time.monotonic() + 60
    while not readers and time.monotonic() < deadline:  # until the readers are at work
        time.sleep(0.1)
        readers = subprocess.run(["pgrep", "-P", str(build.pid)], capture_output=True, text=True).stdout.split()
    os.kill(build.pid, signal.SIGKILL)
    build.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in readers):
        time.sleep(0.2)
    assert readers and not [pid for pid in readers if Path(f"/proc/{pid}").exists()]
