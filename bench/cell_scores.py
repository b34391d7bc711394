"""How right the cells are: the loaders' reading of the seed plans scored field by field against a hand reading.

The expected values are in ``tests/data/cells/<seed>.json``, read from the
documents by hand (see the README there). Each field prints its F1, with
precision and recall:

- unit fields (lead, cooperating, monitoring units) compare the set of units
  a row names, unit by unit, in the comparison form of
  :func:`unit_form`; a unit is one assignee, so a cell naming three gives
  three, and a collective counts as one;
- "units found" is the set of distinct units a document names in its tables
  and its organisation section; its count of names outside the hand reading
  are nodes the graph would hold that are no unit of that plan;
- text fields (task text, output, indicator names) compare words, with
  diacritics, micro-averaged over rows (a row the loaders miss counts all its
  words as missed, a row they invent all its words as wrong);
- recipients compare whole entries.

Rows are matched by table, top-level group and printed number.

    .venv/bin/python -m bench.cell_scores                  # the table
    .venv/bin/python -m bench.cell_scores --json out.json  # the figures, for a later --baseline
    .venv/bin/python -m bench.cell_scores --baseline out.json   # before and after, side by side
    .venv/bin/python -m bench.cell_scores --links          # also the inferred NQ 71 links (builds the corpus)
    .venv/bin/python -m bench.cell_scores --generated /tmp/nc   # a corpus of bench/national_corpus.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.model import Plan, UnitRef  # noqa: E402
from loaders.parse import parse  # noqa: E402
from loaders.read import read_document  # noqa: E402
from loaders.text import expand, fold, squash  # noqa: E402

CORPUS = ROOT / "data" / "corpus"
EXPECTED = ROOT / "tests" / "data" / "cells"
LABELLED = ROOT / "tests" / "data" / "labelled_pairs.csv"

# A trailing word naming whose unit it is, the plan's issuer or its city ("Văn phòng Sở", "Công an xã",
# "Công an thành phố Hải Phòng"): a way of writing the name, not another unit.
_OWNER = re.compile(r"(?:\s+(?:thanh pho hai phong|hai phong|thanh pho|xa|phuong|so))+$")


def unit_form(name: str) -> str:
    """A unit's name as compared: folded, abbreviations spelt out, notes in brackets and its owner's name dropped."""
    text = expand(re.sub(r"\([^)]*\)", " ", fold(name)))
    text = squash(re.sub(r"[^\w&]+|_", " ", text).replace("&", " va "))
    return _OWNER.sub("", text.replace("dia phuong", "dia_phuong")).replace("dia_phuong", "dia phuong")


def tone_normal(text: str) -> str:
    """``hoà`` and ``hòa``, ``uỷ`` and ``ủy`` as one spelling: the mark on the second vowel of oa, oe, uy."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    out = re.sub(r"([ou])([\u0300\u0301\u0303\u0309\u0323])([aey])(?![a-zđ\u0300-\u036f])",
                 lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", out)


def words(text: str | None) -> Counter:
    return Counter(re.findall(r"\w+", tone_normal(text or "")))


def entry(text: str) -> str:
    return " ".join(re.findall(r"\w+", tone_normal(text)))


@dataclass
class Score:
    """Counts of one field: what the loaders gave, what the hand reading holds, and what they share."""

    found: int = 0
    expected: int = 0
    right: int = 0
    extra: Counter = field(default_factory=Counter)  # names given that the hand reading lacks

    def add(self, found: int, expected: int, right: int) -> None:
        self.found += found
        self.expected += expected
        self.right += right

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def alternatives(unit) -> set[str]:
    return {unit_form(name) for name in ([unit] if isinstance(unit, str) else unit)}


def score_units(score: Score, given: list[str], expected: list) -> None:
    """One row's units: each expected unit matched at most once by a given name."""
    forms = list(dict.fromkeys(unit_form(name) for name in given if name))
    wanted = [alternatives(unit) for unit in expected]
    right = 0
    for form in forms:
        hit = next((i for i, names in enumerate(wanted) if form in names), None)
        if hit is None:
            score.extra[form] += 1
        else:
            wanted.pop(hit)
            right += 1
    score.add(len(forms), len(expected), right)


def score_words(score: Score, given: str | None, expected: str | None) -> None:
    have, want = words(given), words(expected)
    score.add(sum(have.values()), sum(want.values()), sum((have & want).values()))


def names(refs: list[UnitRef]) -> list[str]:
    return [ref.name or ref.printed for ref in refs]


def top_group(plan: Plan, index: int | None) -> str:
    group = ""
    while index is not None:
        group = plan.sections[index].number
        index = plan.sections[index].parent
    return group


def matched(plan: Plan, rows: list[dict]) -> tuple[list[tuple[dict, object]], list]:
    """Each expected row with the task read for it (None when none is), and the tasks no row expects."""
    tasks = [task for task in plan.tasks if task.origin == "appendix"]
    free = {id(task): task for task in tasks}
    pairs = []
    for row in rows:
        key = (row["table"], row["group"], row["number"])
        task = next((t for t in tasks if id(t) in free and (t.table, top_group(plan, t.section), t.number) == key),
                    None)
        if task is None:  # the group misread: the number alone, where only one row prints it
            same = [t for t in tasks if id(t) in free and (t.table, t.number) == (row["table"], row["number"])]
            task = same[0] if len(same) == 1 else None
        if task is not None:
            del free[id(task)]
        pairs.append((row, task))
    return pairs, list(free.values())


FIELDS = (
    ("lead units of an assignment row", "assignment_lead"),
    ("cooperating units of an assignment row", "assignment_cooperating"),
    ("lead units of an NQ 71 row", "nq71_lead"),
    ("cooperating units of an NQ 71 row", "nq71_cooperating"),
    ("units found (lead, cooperating, organisation section)", "units"),
    ("monitoring units of seed 004's indicators", "monitoring"),
    ("table row task text", "text"),
    ("table row output", "output"),
    ("table row deadline", "deadline"),
    ("seed 004 body task text", "body_text"),
    ("seed 004 indicator names", "indicator_names"),
    ("recipients", "recipients"),
)


def evaluate(corpus: Path = CORPUS, expected: Path = EXPECTED) -> dict[str, Score]:
    scores = {key: Score() for _, key in FIELDS}
    for path in sorted(expected.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        plan = parse(read_document(corpus / gold["document"]))
        pairs, invented = matched(plan, gold["rows"])
        found_units: set[str] = set()
        for row, task in pairs:
            kind = row["kind"]
            lead, cooperating = (names(task.lead), names(task.cooperating)) if task else ([], [])
            score_units(scores[f"{kind}_lead"], lead, row["lead"])
            score_units(scores[f"{kind}_cooperating"], cooperating, row["cooperating"])
            score_words(scores["text"], task and task.text, row["text"])
            score_words(scores["output"], task and task.output, row["output"])
            score_words(scores["deadline"], task and task.deadline and task.deadline.text, row["deadline"])
        for task in invented:
            scores["text"].add(sum(words(task.text).values()), 0, 0)
            scores["output"].add(sum(words(task.output).values()), 0, 0)
        for task in plan.tasks:
            found_units.update(names(task.lead) + names(task.cooperating))
        found_units.update(names([duty.unit for duty in plan.responsibilities]))
        wanted = [unit for row in gold["rows"] for unit in row["lead"] + row["cooperating"]]
        wanted += gold.get("organisation", [])
        distinct = {frozenset(alternatives(unit)): unit for unit in wanted}
        score_units(scores["units"], sorted(found_units), list(distinct.values()))
        if "body_tasks" in gold:
            body = {task.number: task for task in plan.tasks if task.origin == "body"}
            for expected_task in gold["body_tasks"]:
                task = body.pop(expected_task["number"], None)
                score_words(scores["body_text"], task and task.text, expected_task["text"])
            for task in body.values():
                scores["body_text"].add(sum(words(task.text).values()), 0, 0)
        if "indicators" in gold:
            read = {(i.table, i.code): i for i in plan.indicators}
            for indicator in gold["indicators"]:
                codes = indicator["code"] if isinstance(indicator["code"], list) else [indicator["code"]]
                found = next((read.pop((indicator["table"], code)) for code in codes
                              if (indicator["table"], code) in read), None)
                score_words(scores["indicator_names"], found and found.name, indicator["name"])
                score_units(scores["monitoring"], names(found.monitoring) if found else [], indicator["monitoring"])
            for indicator in read.values():
                scores["indicator_names"].add(sum(words(indicator.name).values()), 0, 0)
                score_units(scores["monitoring"], names(indicator.monitoring), [])
        given = list(dict.fromkeys(entry(text) for text in plan.recipients))
        wanted_recipients = [entry(text) for text in gold["recipients"]]
        right = len(set(given) & set(wanted_recipients))
        scores["recipients"].add(len(given), len(wanted_recipients), right)
    return scores


GENERATED_FIELDS = (
    ("table rows found", "rows"),
    ("lead cell, its words", "lead_words"),
    ("cooperating cell, its words", "cooperating_words"),
    ("table row task text", "text"),
    ("table row output", "output"),
    ("table row deadline", "deadline"),
)


def evaluate_generated(directory: Path) -> dict[str, Score]:
    """The table rows of a corpus written by ``bench/national_corpus.py``, against its manifest.

    The generator writes a cell's units as one entry each, a collective whole,
    so unit cells are compared by their printed words, not unit by unit: what
    counts is that no word is lost to a page break or taken from the column beside.
    """
    scores = {key: Score() for _, key in GENERATED_FIELDS}
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    for document in manifest["documents"]:
        wanted = [task for task in document["tasks"] if task["table"]]
        if not wanted:
            continue
        plan = parse(read_document(directory / document["file"]))
        read: dict[tuple, list] = {}
        for task in plan.tasks:
            if task.origin == "appendix":  # a number repeats in every group: matched in printed order
                read.setdefault((task.table, task.number), []).append(task)
        found = [(read.get((task["table"], task["number"])) or [None]).pop(0) for task in wanted]
        scores["rows"].add(len(plan.tasks) - sum(t.origin == "body" for t in plan.tasks),
                           len(wanted), sum(task is not None for task in found))
        for expected, task in zip(wanted, found):
            for kind in ("lead", "cooperating"):
                given = " ".join(ref.printed for ref in getattr(task, kind)) if task else ""
                score_words(scores[f"{kind}_words"], unit_form(given), unit_form(" ".join(expected[kind])))
            score_words(scores["text"], task and task.text, expected["text"])
            score_words(scores["output"], task and task.output, expected["output"])
            score_words(scores["deadline"], task and task.deadline and task.deadline.text, expected["deadline"])
    return scores


def nq71_links() -> dict:
    """Inferred links reaching an NQ 71 item in the built corpus, judged by the labelled pairs.

    A link reaches the item it points at, or the item the row it points at
    prints. Only pairs the labelled set judges count; the others are counted apart.
    """
    import csv

    from graph.build import build
    from graph.store import MemoryStore

    store = MemoryStore()
    build(sorted(CORPUS.glob("*.txt")), store, progress=False, jobs=1)
    rows = store.select("""
        PREFIX nqg: <https://nqgraph.org/def#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?document ?number ?item WHERE {
          ?task prov:qualifiedDerivation ?d ; nqg:number ?number ; nqg:source/nqg:sourceDocument ?document .
          ?d a nqg:InferredDerivation ; prov:entity ?up .
          { ?up a nqg:ProgrammeItem ; nqg:number ?item } UNION { ?up nqg:nq71Number ?item }
        }""")
    labels = {}
    with open(LABELLED, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["upstream_kind"] == "item":
                labels[(row["document"], row["task"], row["upstream"])] = row["label"] == "1"
    verdicts = Counter(labels.get((str(r["document"]), str(r["number"]), str(r["item"]))) for r in rows)
    judged = verdicts[True] + verdicts[False]
    return {"links": len(rows), "judged": judged, "true": verdicts[True], "false": verdicts[False],
            "precision": verdicts[True] / judged if judged else 1.0}


def figures(scores: dict[str, Score]) -> dict:
    return {key: {"f1": round(s.f1, 3), "precision": round(s.precision, 3), "recall": round(s.recall, 3),
                  "found": s.found, "expected": s.expected, "right": s.right, "extra": sum(s.extra.values()),
                  "extra_names": sorted(s.extra)} for key, s in scores.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--baseline", type=Path, help="figures written earlier with --json, printed beside")
    parser.add_argument("--links", action="store_true", help="also judge the inferred NQ 71 links (builds the corpus)")
    parser.add_argument("--extra", action="store_true", help="list the unit names outside the hand reading")
    parser.add_argument("--generated", type=Path, metavar="DIR",
                        help="score a corpus written by bench/national_corpus.py against its manifest instead")
    args = parser.parse_args(argv)
    fields = GENERATED_FIELDS if args.generated else FIELDS
    result = figures(evaluate_generated(args.generated) if args.generated else evaluate())
    if args.links:
        result["nq71_links"] = nq71_links()
    before = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    print("| field | " + ("before F1 | after F1 | " if before else "F1 | ") + "precision | recall | not in the hand reading |")
    print("|---|" + ("---|---|" if before else "---|") + "---|---|---|")
    for label, key in fields:
        now = result[key]
        cells = [f"{before[key]['f1']:.2f}"] if before else []
        cells += [f"{now['f1']:.2f}", f"{now['precision']:.2f}", f"{now['recall']:.2f}"]
        extra = now["extra"] if key in ("units", "monitoring") else ""
        print(f"| {label} | " + " | ".join(cells) + f" | {extra} |")
    if "nq71_links" in result:
        links = result["nq71_links"]
        print(f"\ninferred NQ 71 links: {links['links']} made, {links['judged']} judged by the labelled pairs, "
              f"precision {links['precision']:.2f} ({links['false']} false)")
    if args.extra:
        for key in ("units", "monitoring"):
            print(f"\n{key} outside the hand reading:", *result[key]["extra_names"], sep="\n  ")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
