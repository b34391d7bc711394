"""How much CPU reading documents takes: each file of a folder read and parsed, as a build does.

Prints the CPU seconds spent reading (the file into lines and cells) and
parsing (lines into a plan), and per document. CPU time, not wall time, so
that figures taken while other work shares the cores still compare. Run it
once per folder: the first document of a process also pays what is loaded
once (the diacritics lexicon, the DOCX, HTML and PDF libraries).

    .venv/bin/python bench/national_corpus.py --plans 50 --seed 1 --out /tmp/nc
    .venv/bin/python bench/bench_read.py data/corpus
    .venv/bin/python bench/bench_read.py /tmp/nc --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.model import ParseError  # noqa: E402
from loaders.parse import parse  # noqa: E402
from loaders.read import READERS, read_document  # noqa: E402


def timed(work, *args):
    """What ``work(*args)`` returns (None when it raises :class:`ParseError`) and the CPU seconds it took."""
    start = time.process_time()
    try:
        result = work(*args)
    except ParseError:
        result = None
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of plans (.txt, .docx, .html, .pdf)")
    parser.add_argument("--profile", type=int, metavar="N", help="also print the N costliest functions (cumulative)")
    args = parser.parse_args()
    paths = sorted(path for path in args.folder.iterdir() if path.suffix.lower() in READERS)
    profiler = cProfile.Profile()
    if args.profile:
        profiler.enable()
    reading = parsing = 0.0
    failed = 0
    for path in paths:
        source, seconds = timed(read_document, path)
        reading += seconds
        plan, seconds = timed(parse, source) if source else (None, 0.0)
        parsing += seconds
        failed += plan is None
    profiler.disable()
    print(f"documents  {len(paths)} ({failed} not read)")
    print(f"reading    {reading:.2f} s CPU")
    print(f"parsing    {parsing:.2f} s CPU")
    print(f"per doc    {(reading + parsing) / max(len(paths), 1):.3f} s CPU")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
