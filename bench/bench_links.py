"""Scale test for derivation linking: many plans restating a province's tasks.

Builds an upstream pool (NQ 71 items and city tasks) by recombining clauses
of the seed corpus's task texts, then plans whose tasks are perturbed copies
of upstream tasks (diacritics dropped, OCR-like letter errors, words dropped,
words added) or recombinations of clauses held out of the pool. Prints the time taken, how many
comparisons the inverted index made against the all-pairs count, and how
well the copies were linked back to their source.

    .venv/bin/python bench/bench_links.py --plans 200 --tasks 100 --upstream 2000
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from pathlib import Path

from graph.links import RULE, choose
from graph.similarity import Index
from loaders.text import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [ROOT / "tests" / "data" / "labelled_pairs.csv"]
OCR_ERRORS = {"o": "6", "a": "4", "u": "ir", "e": "é", "n": "m", "i": "1", "c": "¢", "d": "b"}


def seed_texts() -> list[str]:
    texts = set()
    for path in SEEDS:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts.update([row["upstream_text"], row["text"]])
    return sorted(texts)


def fragments(texts: list[str]) -> list[str]:
    return sorted({f.strip() for t in texts for f in re.split(r"[;,.:]", t) if len(f.split()) >= 3})


def recombine(rng: random.Random, parts: list[str], count: int) -> str:
    return ", ".join(rng.sample(parts, count)).capitalize() + "."


def perturb(rng: random.Random, text: str) -> str:
    """A plan's restatement: rewrapped, words dropped or added, sometimes OCR without diacritics."""
    words = [w for w in text.split() if rng.random() > 0.1]
    if rng.random() < 0.5:
        words = ["Phối hợp", "triển khai"] + words + ["trên địa bàn xã"]
    restated = " ".join(words)
    if rng.random() < 0.3:
        restated = "".join(OCR_ERRORS.get(ch, ch) if rng.random() < 0.04 else ch for ch in fold(restated))
    return "\n".join(restated[i : i + 60] for i in range(0, len(restated), 60))


def run(plans: int, tasks: int, upstream: int, seed: int) -> None:
    rng = random.Random(seed)
    parts = fragments(seed_texts())
    rng.shuffle(parts)
    held_out, parts = parts[: len(parts) // 3], parts[len(parts) // 3 :]
    pool = [recombine(rng, parts, 3) for _ in range(upstream)]

    started = time.perf_counter()
    index = Index()
    for n, text in enumerate(pool):
        index.add(str(n), text)
    index.search("khởi tạo", limit=1)  # builds the vectors
    index.comparisons = 0
    built = time.perf_counter() - started

    kind = {str(n): "city" for n in range(len(pool))}
    right = wrong = missed = copies = spurious = 0
    started = time.perf_counter()
    for _ in range(plans * tasks):
        if rng.random() < 0.7:
            source = rng.randrange(len(pool))
            copies += 1
            chosen = choose(index.search(perturb(rng, pool[source]), limit=12), kind, rule=RULE)
            if not chosen:
                missed += 1
            elif any(m.key == str(source) or pool[int(m.key)] == pool[source] for m in chosen):
                right += 1
            else:
                wrong += 1
        else:
            chosen = choose(index.search(recombine(rng, held_out, 2), limit=12), kind, rule=RULE)
            spurious += bool(chosen)
    linked = time.perf_counter() - started

    queries = plans * tasks
    all_pairs = queries * len(pool)
    print(f"upstream texts {len(pool)}, plan tasks {queries} ({plans} plans × {tasks})")
    print(f"index built in {built:.2f} s; linking took {linked:.2f} s ({1000 * linked / queries:.2f} ms per task)")
    print(f"comparisons {index.comparisons:,} vs all pairs {all_pairs:,} "
          f"({100 * index.comparisons / all_pairs:.1f} %, {index.comparisons / queries:.1f} per task)")
    print(f"copies linked back to their source {right}/{copies}, missed {missed}, linked elsewhere {wrong}; "
          f"unrelated tasks linked {spurious}/{queries - copies}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--upstream", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=57)
    args = parser.parse_args()
    run(args.plans, args.tasks, args.upstream, args.seed)


if __name__ == "__main__":
    main()
