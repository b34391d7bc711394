"""Derivation links inferred from text: which upstream task a plan task restates.

A plan states its upstream only sometimes (a printed NQ 71 number). Often it
copies the upstream's words without the number, or paraphrases them. For every
plan task without a stated link, :func:`infer_links` looks for the upstream
task it restates among

- NQ 71 items, through every text the corpus gives them (their own text and
  the rows that print their number),
- city tasks: tasks of city plans, the rows of the city's tables a commune
  reproduces among them (:mod:`loaders.reproductions`),
- NQ 57's numbered tasks,

and links it to the best one when the match is good enough (see
``docs/linking.md`` for the evidence behind the thresholds). A stated link
always wins: no inference is made for a pair, or a task, the document links.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph, URIRef

from graph import queries
from graph.similarity import METHOD, Index, Match
from loaders.rdf import derivation_triples
from loaders.text import fold
from ontology.vocab import NQG, bind_prefixes

# Among equally good candidates, the nearest hop of the cascade wins.
SPECIFICITY = {"city": 0, "item": 1, "nq57": 2}
# Plan levels from the top of the cascade down.
LEVELS = ("city", "department", "district", "commune", "ward")


@dataclass(frozen=True)
class Rule:
    """When a candidate is taken; the defaults are chosen in docs/linking.md."""

    threshold: float = 0.70           # a match this good is taken
    distinct_threshold: float = 0.35  # a weaker match is taken when it stands out …
    distinct_margin: float = 0.15     # … this far above the best unrelated candidate
    near: float = 0.05                # candidates this close to the best are equally good


RULE = Rule()


@dataclass
class Upstream:
    iri: str
    kind: str                       # "city", "item", "nq57"
    plan: str | None = None         # the plan a city task belongs to
    texts: list[str] = field(default_factory=list)
    reproduced_in: str | None = None  # the plan whose document reproduces it, for a row of a reproduced table


@dataclass
class PlanTask:
    iri: str
    plan: str
    text: str
    source: str | None
    stated: set[str] = field(default_factory=set)


@dataclass
class PlanFacts:
    level: str | None
    date: object                    # a datetime.date, or None
    cites: set[str] = field(default_factory=set)   # loaded plans it cites


@dataclass
class Corpus:
    """What inference reads from the store."""

    tasks: dict[str, PlanTask]
    upstream: dict[str, Upstream]
    above: dict[str, set[str]]      # task → what it is stated to derive from (any kind of task)
    plans: dict[str, PlanFacts] = field(default_factory=dict)
    _below: dict[str, set[str]] | None = field(default=None, repr=False)

    def related(self, a: str, b: str) -> bool:
        """Whether one is stated upstream of the other, directly or in steps."""
        return b in self.ancestors(a) or a in self.ancestors(b)

    def ancestors(self, task: str) -> set[str]:
        return _reach(self.above, task)

    def copy_order(self, task: PlanTask):
        """How to pick one of several copies of a row that match a task equally well: the copy
        in a plan the task's plan cites (or in the plan reproducing it), else the higher level,
        else the earlier plan (the original, which the others reproduce), else the first IRI."""
        cited = self.plans[task.plan].cites

        def key(match: Match) -> tuple:
            node = self.upstream[match.key]
            facts = self.plans.get(node.plan) or PlanFacts(None, None)
            level = LEVELS.index(facts.level) if facts.level in LEVELS else len(LEVELS)
            return (not {node.plan, node.reproduced_in} & cited, level, facts.date is None, str(facts.date), match.key)
        return key

    @property
    def below(self) -> dict[str, set[str]]:
        """Task → the tasks stated to derive from it (worked out once, shared by the blocks)."""
        if self._below is None:
            self._below = defaultdict(set)
            for child, parents in self.above.items():
                for parent in parents:
                    self._below[parent].add(child)
        return self._below

    def descendants(self, task: str) -> set[str]:
        return _reach(self.below, task)


def _reach(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for node in edges.get(todo.pop(), ()):
            if node not in seen:
                seen.add(node)
                todo.append(node)
    return seen


# A clause that assigns a task ("Phòng Văn hóa chủ trì, phối hợp …") or times it ("thời gian: Quý IV/2025").
_ASSIGNING = re.compile(r"\bch\w{1,2} tri\b|^(?:thoi (?:gian|han)\b[^:]{0,20}:|hoan thanh (?:truoc|trong)\b)")


def restated_part(text: str) -> str:
    """A task's text without the clauses that assign or time it: what it restates of its upstream.

    Plans without an assignment table write "…; Phòng X chủ trì; thời gian: …" into the
    task's sentence; those words are the plan's own, and would only dilute the match.
    """
    clauses = re.split(r"(?<=[.;])\s+", text)
    kept = [clause for clause in clauses if not _ASSIGNING.search(fold(clause))]
    return " ".join(kept) if kept else text


def provinces(store) -> dict[str, str | None]:
    """Each plan's province: the city-level unit that issued it or that its issuer belongs to;
    None when the graph does not say (a commune whose province its text does not name).

    Walks up from the issuers a step at a time, rather than reading every unit the graph
    holds (the register's thousands of communes among them): 3.5 s → 0.8 s at 5,000 plans."""
    issuers = {row["plan"]: row.get("issuer") for row in queries.select(store, "plan_names")}
    parent, level, asked = {}, {}, set()
    pending = {unit for unit in issuers.values() if unit is not None}
    while pending:
        asked |= pending
        rows = queries.select(store, "unit_parents", unit={URIRef(unit) for unit in pending})
        for row in sorted(rows, key=lambda row: (row["unit"], row.get("parent", ""))):  # of two parents, one
            level[row["unit"]] = row.get("level")
            if "parent" in row:
                parent[row["unit"]] = row["parent"]
        pending = {parent[unit] for unit in pending if unit in parent} - asked
    found = {}
    for plan, unit in issuers.items():
        seen = set()
        while unit is not None and level.get(unit) != "city" and unit not in seen:
            seen.add(unit)
            unit = parent.get(unit)
        found[plan] = unit if unit is not None and level.get(unit) == "city" else None
    return found


def read_corpus(store, plans: set[str] | None = None) -> Corpus:
    """What inference reads of ``plans`` (None: of every plan), and every NQ 71 item and NQ 57 task."""
    bound = {} if plans is None else {"plan": {URIRef(p) for p in plans}}
    rows = queries.select(store, "link_tasks", **bound)
    resolution = queries.select(store, "link_resolution_tasks")
    tasks_bound = {} if plans is None else {"task": {URIRef(r["task"]) for r in rows + resolution}}
    above: dict[str, set[str]] = defaultdict(set)
    for row in queries.select(store, "derivations", **tasks_bound):
        if row["kind"] == "stated":
            above[row["task"]].add(row["upstream"])

    tasks: dict[str, PlanTask] = {}
    upstream: dict[str, Upstream] = {}
    plan_facts: dict[str, PlanFacts] = {}
    for row in rows:
        iri = row["task"]
        plan_facts.setdefault(row["plan"], PlanFacts(row.get("level"), row.get("date")))
        if iri in tasks:
            continue
        text = restated_part(str(row["text"]))
        tasks[iri] = PlanTask(iri, row["plan"], text, row.get("source"), set(above.get(iri, ())))
        if row.get("level") == "city":
            upstream[iri] = Upstream(iri, "city", row["plan"], [text], row.get("reproducedIn"))
    for row in resolution:
        node = upstream.setdefault(row["task"], Upstream(row["task"], row["kind"]))
        if row.get("text"):
            node.texts.append(str(row["text"]))
    for row in queries.select(store, "plan_citations", **bound):
        if row["plan"] in plan_facts:
            plan_facts[row["plan"]].cites.add(row["cited"])
    return Corpus(tasks, upstream, dict(above), plan_facts)


def blocks(corpus: Corpus, province: dict[str, str | None]) -> dict[str | None, Corpus]:
    """The corpus cut by province: a plan's tasks restate NQ 71 and NQ 57, and the city tasks
    of its own province, never another province's. The plans whose province is not known
    form one block of their own. An NQ 71 item is known in a block by its own text and by the
    rows of the block's plans that print its number."""
    cut: dict[str | None, Corpus] = {}
    shared = {iri: node for iri, node in corpus.upstream.items() if node.kind != "city"}
    for plan, facts in corpus.plans.items():
        block = cut.setdefault(province.get(plan), Corpus(
            {}, {iri: Upstream(iri, node.kind, None, list(node.texts)) for iri, node in shared.items()},
            corpus.above, _below=corpus.below))
        block.plans[plan] = facts
    for iri, task in corpus.tasks.items():
        block = cut[province.get(task.plan)]
        block.tasks[iri] = task
        if iri in corpus.upstream:
            block.upstream[iri] = corpus.upstream[iri]
    for block in cut.values():
        for task in block.tasks.values():
            for parent in task.stated:
                if parent in block.upstream and block.upstream[parent].kind == "item":
                    block.upstream[parent].texts.append(task.text)
    return cut


def build_index(corpus: Corpus) -> Index:
    index = Index()
    for iri in sorted(corpus.upstream):
        for text in dict.fromkeys(corpus.upstream[iri].texts):
            index.add(iri, text)
    return index


def choose(matches: list[Match], kind: dict[str, str], related=lambda a, b: False, rule: Rule = RULE,
           copy_order=None) -> list[Match]:
    """The upstream(s) a task restates, from its candidates (best first), or none.

    The best match is taken when it reaches ``rule.threshold``, or when it
    reaches ``rule.distinct_threshold`` and stands ``rule.distinct_margin``
    above every candidate not stated up- or downstream of it (OCR-damaged
    copies score low but still stand out). Candidates within ``rule.near`` of
    the best are equally good; of those, the nearest hop of the cascade wins
    (a city row over the NQ 71 item it restates, an item over its NQ 57 task).
    Candidates scoring exactly alike are copies of one text: all are returned,
    or with ``copy_order`` (a sort key) only the first, so a row reproduced by
    a thousand plans gives one link, not a thousand.
    """
    if not matches:
        return []
    best = matches[0]
    rival = max((m.score for m in matches[1:] if not related(best.key, m.key)), default=0.0)
    distinct = best.score >= rule.distinct_threshold and best.score - rival >= rule.distinct_margin
    if best.score < rule.threshold and not distinct:
        return []
    near = [m for m in matches if m.score >= best.score - rule.near]
    nearest = min(SPECIFICITY[kind[m.key]] for m in near)
    near = [m for m in near if SPECIFICITY[kind[m.key]] == nearest]
    top = round(near[0].score, 3)
    copies = [m for m in near if round(m.score, 3) == top]
    return [min(copies, key=copy_order)] if copy_order and len(copies) > 1 else copies


class Inferred(NamedTuple):
    graph: Graph        # the links
    tasks: set[str]     # every task linked, or left unlinked, anew


def infer_links(store, plans: set[str] | None = None, earlier: dict | None = None,
                rule: Rule = RULE) -> Inferred:
    """``prov:wasDerivedFrom`` links, qualified as ``nqg:InferredDerivation``, for the unlinked tasks
    of ``plans`` and of every plan of their provinces (None: of every plan); and the tasks it read.

    A province's links depend on its plans alone, so after a document changes only its
    province is linked again (or the block of plans without one, where it had none), and
    the province it was in before (``earlier``: :func:`provinces` before the change).
    """
    province = provinces(store)
    if plans is not None:
        wanted = {province.get(plan) for plan in plans} | {(earlier or {}).get(plan) for plan in plans}
        plans = {plan for plan, block in province.items() if block in wanted}
    corpus = read_corpus(store, plans)
    graph = bind_prefixes(Graph())
    for block in blocks(corpus, province).values():
        _link(graph, block, rule)
    return Inferred(graph, set(corpus.tasks))


def _link(graph: Graph, corpus: Corpus, rule: Rule) -> None:
    index = build_index(corpus)
    kind = {iri: node.kind for iri, node in corpus.upstream.items()}
    for iri in sorted(corpus.tasks):
        task = corpus.tasks[iri]
        if task.stated:
            continue
        below = corpus.descendants(iri)
        matches = [
            m for m in index.search(task.text, limit=12)
            if m.key != iri and m.key not in below
            and not (kind[m.key] == "city" and corpus.upstream[m.key].plan == task.plan)
        ]
        for match in choose(matches, kind, corpus.related, rule, corpus.copy_order(task)):
            _emit(graph, task, match)


def _emit(graph: Graph, task: PlanTask, match: Match) -> None:
    derivation = derivation_triples(graph, URIRef(task.iri), URIRef(match.key), NQG.InferredDerivation, METHOD,
                                    Decimal(f"{match.score:.3f}"))
    if task.source:
        graph.add((derivation, NQG.source, URIRef(task.source)))


# --- evaluation on labelled pairs -------------------------------------------

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_pairs.csv"


@dataclass
class Evaluation:
    rule: Rule
    true_links: int = 0
    false_links: int = 0
    tasks_with_upstream: int = 0
    tasks_linked_right: int = 0

    @property
    def precision(self) -> float:
        emitted = self.true_links + self.false_links
        return self.true_links / emitted if emitted else 1.0

    @property
    def recall(self) -> float:
        return self.tasks_linked_right / self.tasks_with_upstream if self.tasks_with_upstream else 1.0


def evaluate(rule: Rule = RULE, path: Path = LABELLED) -> Evaluation:
    """Run the decision rule on the labelled tasks against every labelled upstream.

    A link counts as true or false by its label; links to upstreams not
    labelled for that task are left out of precision. Recall is over tasks:
    a task with a true upstream is found when one of its links is true.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    index, kind, labels, texts = Index(), {}, defaultdict(dict), {}
    for row in rows:
        key = f"{row['upstream_kind']} {row['upstream']} ({row['upstream_document']}:{row['upstream_lines']})"
        if key not in kind:
            index.add(key, restated_part(row["upstream_text"]))
            kind[key] = row["upstream_kind"]
        task = (row["document"], row["task"])
        texts[task] = restated_part(row["text"])
        labels[task][key] = row["label"] == "1"
    result = Evaluation(rule, tasks_with_upstream=sum(any(v.values()) for v in labels.values()))
    for task, text in texts.items():
        verdicts = [labels[task].get(m.key) for m in choose(index.search(text, limit=12), kind, rule=rule)]
        result.true_links += verdicts.count(True)
        result.false_links += verdicts.count(False)
        result.tasks_linked_right += True in verdicts
    return result


def main(argv: list[str]) -> int:
    """Print precision and recall across thresholds (the table in docs/linking.md)."""
    print("| threshold | distinct rule | true links | false links | precision | recall (tasks) |")
    print("|---|---|---|---|---|---|")
    for step in range(40, 90, 5):
        for distinct in (False, True):
            rule = Rule(threshold=step / 100) if distinct else Rule(threshold=step / 100, distinct_threshold=1.01)
            e = evaluate(rule)
            print(f"| {step / 100:.2f} | {'yes' if distinct else 'no'} | {e.true_links} | {e.false_links} "
                  f"| {e.precision:.3f} | {e.recall:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
