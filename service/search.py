"""Search across tasks, plans, units and indicators, built in memory when the app starts.

Text is compared folded (no diacritics, lower case: ``so hoa`` finds ``số
hóa``) and with the usual abbreviations spelled out on both sides, so ``CĐS``
finds ``chuyển đổi số`` and the other way round. A query that is a document
number (``238/KH-UBND``) names documents directly. The corpus is small (a few
thousand entries), so a scan over pre-folded entries is fast enough and keeps
the ranking easy to read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from loaders.text import expand, fold
from ontology.ids import number_slug
from service.reader import GraphReader, text

# Folded abbreviation → folded long form; applied to entries and queries alike.
STOPWORDS = {"va", "cac", "cua", "the", "trong", "cho", "ve", "voi", "tai", "and", "of", "the"}
_TOKEN = re.compile(r"[a-z0-9]+(?:[&-][a-z0-9]+)*")
_DOCUMENT_NUMBER = re.compile(r"^\s*\d+\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-Za-zĐđ&]+(?:[-/][A-Za-zĐđ0-9&]+)*\s*$")

KIND_OF_CLASS = {
    "PlanTask": "task",
    "ProgrammeItem": "nq71",
    "ResolutionTask": "nq57",
    "Plan": "plan",
    "Resolution": "resolution",
    "LegalResource": "document",
    "Unit": "unit",
    "CollectiveAssignee": "unit",
    "Indicator": "indicator",
}
FACETS = ("kind", "level", "plan", "unit", "link", "year")


def normalise(value: str) -> str:
    """Folded text with abbreviations spelled out, as a space-joined token string."""
    return " ".join(_TOKEN.findall(expand(fold(value))))


def terms(value: str) -> list[str]:
    return [t for t in normalise(value).split() if t not in STOPWORDS]


def is_document_number(query: str) -> bool:
    return bool(_DOCUMENT_NUMBER.match(query))


@dataclass
class Entry:
    iri: str
    kind: str
    title: str
    body: str = ""
    number: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    _title: str = ""
    _body: str = ""

    def __post_init__(self):
        self._title = " " + " ".join(terms(self.title + " " + self.number)) + " "
        self._body = " " + " ".join(terms(self.body)) + " "

    def score(self, phrase: str, words: list[str]) -> tuple[float, bool]:
        """How well the entry matches (0 when a word is missing; title hits count more),
        and whether it holds the words side by side, as typed."""
        total = 0.0
        for word in words:
            hit_title, hit_body = f" {word} " in self._title, f" {word} " in self._body
            if not (hit_title or hit_body):
                return 0.0, False
            total += 3 if hit_title else 1
        if f" {phrase} " in self._title:
            return total + 6, True
        if f" {phrase} " in self._body:
            return total + 3, True
        return total, False


@dataclass
class Results:
    query: str
    hits: list[tuple[Entry, float]]
    facets: dict[str, Counter]
    total: int


class SearchIndex:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_number: dict[str, list[Entry]] = {}
        for entry in entries:
            if entry.kind in ("plan", "resolution", "document") and entry.number:
                self.by_number.setdefault(number_slug(entry.number), []).append(entry)

    @classmethod
    def build(cls, reader: GraphReader) -> SearchIndex:
        units = reader.task_units()
        links: dict[str, set[str]] = {}
        for row in reader.select("task-links"):
            links.setdefault(str(row["task"]), set()).add(str(row["kind"]))
        entries = []
        for row in reader.select("search-tasks"):
            iri, kind = str(row["s"]), KIND_OF_CLASS[str(row["class"]).rsplit("#", 1)[-1]]
            end = text(row.get("deadlineEnd"))
            assigned = units.get((iri, "lead"), []) + units.get((iri, "cooperating"), [])
            entries.append(
                Entry(
                    iri=iri,
                    kind=kind,
                    title=text(row.get("text"))[:200] or reader.label(iri),
                    body=" ".join([text(row.get("text")), text(row.get("deadlineText"))] + [reader.label(u) for u in assigned]),
                    number=text(row.get("number")),
                    facets={
                        "kind": [kind],
                        "level": [text(row["level"])] if "level" in row else [],
                        "plan": [text(row["doc"])] if "doc" in row else [],
                        "unit": assigned,
                        "link": sorted(links.get(iri, ())),
                        "year": [end[:4]] if end else [],
                    },
                )
            )
        others: dict[str, dict] = {}
        for row in reader.select("search-others"):
            iri = str(row["s"])
            entry = others.setdefault(iri, {"kind": "document", "names": [], "number": "", "doc": "", "level": ""})
            kind = KIND_OF_CLASS[str(row["class"]).rsplit("#", 1)[-1]]
            if kind != "document":  # a plan or resolution is also an eli:LegalResource: keep the specific kind
                entry["kind"] = kind
            if "name" in row and str(row["name"]) not in entry["names"]:
                entry["names"].append(str(row["name"]))
            entry["number"] = entry["number"] or text(row.get("number"))
            entry["doc"] = entry["doc"] or text(row.get("doc"))
            entry["level"] = entry["level"] or text(row.get("level"))
        for iri, entry in others.items():
            kind = entry["kind"]
            plan = entry["doc"] or (iri if kind == "plan" else "")
            entries.append(
                Entry(
                    iri=iri,
                    kind=kind,
                    title=reader.label(iri) or (entry["names"] or [iri])[0],
                    body=" ".join(entry["names"]),
                    number=entry["number"],
                    facets={"kind": [kind], "level": [entry["level"]] if entry["level"] else [], "plan": [plan] if plan else []},
                )
            )
        return cls(entries)

    def documents_numbered(self, query: str) -> list[Entry]:
        """The plans and resolutions whose number is ``query`` (``238/KH-UBND``, ``71-NQ/CP``)."""
        if not is_document_number(query):
            return []
        return self.by_number.get(number_slug(query), [])

    def search(self, query: str, filters: dict[str, str] | None = None, limit: int | None = 50,
               offset: int = 0) -> Results:
        """Entries holding every word of ``query`` and matching every facet filter, best first:
        ``limit`` of them (None: all) from ``offset`` on; facets and total count them all.

        Vietnamese words are mostly several syllables (``số hóa``), so when
        some entries hold the words side by side, only those are shown: ``so
        hoa`` then does not also list every ``Sở Văn hóa``.
        """
        filters = {k: v for k, v in (filters or {}).items() if v and k in FACETS}
        words = terms(query)
        phrase = " ".join(words)
        scored = []
        for entry in self.entries:
            if not all(value in entry.facets.get(name, []) for name, value in filters.items()):
                continue
            score, adjacent = entry.score(phrase, words) if words else (1.0, True)
            if score:
                scored.append((entry, score, adjacent))
        if any(adjacent for _, _, adjacent in scored):
            scored = [hit for hit in scored if hit[2]]
        hits = [(entry, score) for entry, score, _ in scored]
        hits.sort(key=lambda hit: (-hit[1], hit[0].kind, hit[0].title))
        facets = {name: Counter() for name in FACETS}
        for entry, _ in hits:
            for name in FACETS:
                facets[name].update(set(entry.facets.get(name, [])))
        return Results(query, hits[offset: None if limit is None else offset + limit], facets, len(hits))
