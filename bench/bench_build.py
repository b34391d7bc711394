"""How fast a corpus builds, and how much memory it takes.

Copies the bundled plans ``--copies`` times, each copy given a number of its
own (so it is another plan, not a second file of the same one, which the build
refuses), builds them into a fresh Oxigraph store, and prints documents per
second, the time of each build step and the peak resident memory.

Copies are the worst case for link inference: every text is N times in the
index, so no gram is rare and each task is scored against N copies of its
best candidates; ``bench_links.py`` measures inference on distinct texts.

    .venv/bin/python bench/bench_build.py --copies 20
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from graph import build as build_module
from graph.build import CORPUS, build
from graph.store import OxigraphStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of each bundled plan (default 10)")
    parser.add_argument("--store", type=Path, help="build into this directory and keep it (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        documents = Path(folder) / "documents"
        documents.mkdir()
        for copy in range(args.copies):
            for plan in sorted(CORPUS.glob("*.txt")):
                text = f" Số: {copy + 1}/KH-BENCH\n" + plan.read_text(encoding="utf-8")
                (documents / f"{plan.stem}-{copy:04d}{plan.suffix}").write_text(text, encoding="utf-8")
        timings = time_steps()
        store = OxigraphStore(args.store or Path(folder) / "store")
        started = time.perf_counter()
        summary = build([documents], store, progress=False)
        elapsed = time.perf_counter() - started
        store.close()

    documents_time = elapsed - sum(timings.values())
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(f"documents        {summary.documents} ({args.copies} copies of each bundled plan), "
          f"{len(summary.errors)} failed")
    print(f"triples          {summary.triples:,}")
    print(f"tasks            {summary.tasks:,}")
    print(f"links            {summary.links_stated:,} stated, {summary.links_inferred:,} inferred")
    print(f"reading them     {documents_time:.1f} s ({summary.documents / documents_time:.1f} documents/s)")
    for name, seconds in timings.items():
        print(f"{name:<16} {seconds:.1f} s")
    print(f"total            {elapsed:.1f} s")
    print(f"peak memory      {peak:.0f} MiB (the largest process: the build or one of its readers)")


def time_steps() -> dict[str, float]:
    """Wrap each final build step so its time is recorded."""
    timings = {}

    def timed(name, step):
        def run(store, context):
            started = time.perf_counter()
            step(store, context)
            timings[name] = time.perf_counter() - started
        return run

    build_module.FINAL_STEPS = tuple((name, timed(name, step)) for name, step in build_module.FINAL_STEPS)
    return timings


if __name__ == "__main__":
    main()
