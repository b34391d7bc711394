"""Which indicators of different tables are the same indicator, restated.

Each plan's indicator table restates the indicators of the tables above it
(NQ 57's national targets, the city's table) in its own words, abbreviated
(``ĐMST``), reworded (``Phủ sóng 5G`` / ``Tỷ lệ phủ sóng 5G``) or OCR-damaged
(``Phí song 5G``). A table lists an indicator once, so two tables are matched
one to one: two indicators are the same when each is the other's best match
in the other's table (by :mod:`graph.similarity`) and the score reaches
``THRESHOLD``. Groups are what these pairs connect, strongest pairs first,
and a group never takes two indicators of one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.similarity import Index

# Lowest score of a mutual best match. On the bundled corpus true restatements
# score 0.507-1.0; the best wrong mutual match the one-per-table rule does not
# already refuse scores 0.491 (docs/linking.md).
THRESHOLD = 0.5


@dataclass(frozen=True)
class Listed:
    """An indicator as a table lists it."""

    iri: str
    table: str   # the table (or the plan, or the reference) that lists it
    name: str


def group_indicators(indicators: list[Listed]) -> dict[str, str]:
    """Each indicator's group, named by the IRI of the group's first member (in IRI order)."""
    index = Index()   # one index, so that words every table uses ("tỷ lệ") weigh little
    for indicator in indicators:
        index.add(indicator.iri, indicator.name)
    table_of = {indicator.iri: indicator.table for indicator in indicators}
    best: dict[tuple[str, str], tuple[str, float]] = {}
    for indicator in indicators:
        for match in index.search(indicator.name, limit=index.max_candidates):
            table = table_of[match.key]
            if table != indicator.table and (indicator.iri, table) not in best:
                best[indicator.iri, table] = (match.key, match.score)   # matches come best first
    pairs = sorted((-score, *sorted((iri, other))) for (iri, _), (other, score) in best.items()
                   if score >= THRESHOLD and best.get((other, table_of[iri]), ("", 0.0))[0] == iri)
    members = {iri: {iri} for iri in table_of}
    for _, first, second in pairs:
        one, two = members[first], members[second]
        if one is not two and not {table_of[m] for m in one} & {table_of[m] for m in two}:
            one |= two
            for member in two:
                members[member] = one
    return {iri: min(group) for iri, group in sorted(members.items())}
