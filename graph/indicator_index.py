"""The indicators' part of the search index: each indicator, its group, and the groups' list.

A plan's indicator table restates the tables above it: its province's city
table and the national ones (NQ 57's targets, a programme's appendix). So
indicators are grouped (:func:`graph.indicator_groups.group_indicators`)
province by province, each province's tables together with the national
tables, and the groups of all provinces are joined where they share a
national indicator: "Phủ sóng 5G" of two provinces is one group through
NQ 57's, while two provinces' own indicators are never compared. The plans
whose province the graph does not say form one block of their own.

Matching every indicator with every other costs the square of their number
(9,368 indicators: 24 s); a province's block costs the square of its own.
Each indicator's block and its group within the block are kept in the index,
so a build that changes some documents groups again only the blocks of the
indicators they touch (all of them when a national indicator changes), and
joins the blocks' groups, which needs the index alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict

from rdflib import URIRef

from graph import queries
from graph.indicator_groups import Listed, group_indicators
from graph.links import provinces
from loaders.text import fold
from loaders.units import damaged
from ontology.vocab import LEVEL_RANK

NATIONAL = "national"  # the block of the national tables' indicators, grouped with every province's
UNKNOWN = ""           # the block of the plans whose province the graph does not say
FACTS = ("iri", "source", "name", "measure", "plan", "plan_number", "level", "years")

SCHEMA = """
CREATE TABLE indicator (iri TEXT PRIMARY KEY, key TEXT NOT NULL, block TEXT, source TEXT NOT NULL,
                        name TEXT NOT NULL, measure TEXT NOT NULL, plan TEXT NOT NULL, plan_number TEXT NOT NULL,
                        level TEXT NOT NULL, years TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX indicator_key ON indicator (key);
CREATE INDEX indicator_block ON indicator (block);
CREATE TABLE indicator_member (block TEXT NOT NULL, iri TEXT NOT NULL, local TEXT NOT NULL);
CREATE INDEX indicator_member_block ON indicator_member (block);
CREATE TABLE indicator_row (position INTEGER PRIMARY KEY, iri TEXT NOT NULL, name TEXT NOT NULL, measure TEXT NOT NULL,
                            plans INTEGER NOT NULL);
CREATE TABLE target_year (year TEXT PRIMARY KEY, targets INTEGER NOT NULL) WITHOUT ROWID;
"""


def facts(store, indicators: set[str] | None) -> list[tuple]:
    """What the index keeps of each indicator (or of ``indicators``), in :data:`FACTS` order."""
    bound = {} if indicators is None else {"indicator": {URIRef(iri) for iri in indicators}}
    found: dict[str, dict] = {}
    for row in queries.select(store, "targets", **bound):
        fact = found.setdefault(row["indicator"], {
            "source": f"{row.get('plan', '')} {row.get('table', '')}", "name": str(row.get("name") or ""),
            "measure": str(row.get("measure") or ""), "plan": row.get("plan", ""),
            "plan_number": str(row.get("planNumber") or ""), "level": str(row.get("level") or ""), "years": []})
        if row.get("year"):
            fact["years"].append(str(row["year"]))
    return [(iri, fact["source"], fact["name"], fact["measure"], fact["plan"], fact["plan_number"], fact["level"],
             json.dumps(sorted(fact["years"]))) for iri, fact in sorted(found.items())]


def replace_indicators(store, database: sqlite3.Connection, touched: set[str] | None, added: set[str]) -> None:
    """Bring the indicators' tables up to date: all of them (``touched`` None), or for the
    indicators among ``touched`` the index holds and the ``added`` ones the store now has,
    and for those whose plan's province the change made known or different."""
    regroup: set[str] = set()
    if touched is not None:
        regroup |= {row[0] for row in database.execute(
            "SELECT DISTINCT block FROM indicator WHERE iri IN (SELECT iri FROM temp.touched)")}
        database.execute("DELETE FROM indicator WHERE iri IN (SELECT iri FROM temp.touched)")
    fresh = facts(store, None if touched is None else added) if touched is None or added else []
    database.executemany(f"INSERT INTO indicator ({', '.join(FACTS)}, key) VALUES ({', '.join('?' * len(FACTS))}, '')",
                         fresh)
    regroup |= _place(store, database)
    if not regroup:
        return
    blocks = {row[0] for row in database.execute("SELECT DISTINCT block FROM indicator")}
    if NATIONAL in regroup:
        regroup |= blocks
    national = _listed(database, NATIONAL)
    for block in sorted(regroup):
        database.execute("DELETE FROM indicator_member WHERE block = ?", (block,))
        listed = national if block == NATIONAL else _listed(database, block) + national
        if block in blocks:
            database.executemany("INSERT INTO indicator_member VALUES (?, ?, ?)",
                                 ((block, iri, local) for iri, local in group_indicators(listed).items()))
    _join(database)


def _place(store, database: sqlite3.Connection) -> set[str]:
    """Put each indicator in its block: a plan's in its plan's province's (:func:`graph.links.provinces`),
    or in the block of unknown provinces; NQ 57's targets and a national programme's in the national one. The blocks whose indicators
    changed are returned: a new plan may make known the province of plans already held."""
    rows = database.execute("SELECT iri, plan, level, block FROM indicator").fetchall()
    province = provinces(store) if rows else {}   # every plan's (an indicator of no plan is NQ 57's)
    moved = []
    for iri, plan, level, block in rows:
        placed = NATIONAL if level == "national" or plan not in province else province[plan] or UNKNOWN
        if placed != block:
            moved.append((placed, iri, block))
    database.executemany("UPDATE indicator SET block = ? WHERE iri = ?", ((placed, iri) for placed, iri, _ in moved))
    return {placed for placed, _, _ in moved} | {block for _, _, block in moved if block is not None}


def _listed(database: sqlite3.Connection, block: str) -> list[Listed]:
    return [Listed(*row) for row in database.execute(
        "SELECT iri, source, name FROM indicator WHERE block = ? ORDER BY iri", (block,))]


def _join(database: sqlite3.Connection) -> None:
    """Join the blocks' groups where they share an indicator (a national one), never putting
    two indicators of one table in a group; name each group by its first member; write the
    groups' list and the targets per year again."""
    source = dict(database.execute("SELECT iri, source FROM indicator"))
    joined = {iri: ({iri}, {table}) for iri, table in source.items()}   # each indicator's (members, tables)
    local: dict[tuple[str, str], list[str]] = defaultdict(list)
    for block, iri, key in database.execute("SELECT block, iri, local FROM indicator_member ORDER BY iri"):
        local[block, key].append(iri)
    for _, iris in sorted(local.items(), key=lambda item: (item[0][0] != NATIONAL, item[0])):
        for iri in iris[1:]:
            one, two = joined[iris[0]], joined[iri]
            if one is not two and not one[1] & two[1]:
                big, small = (one, two) if len(one[0]) >= len(two[0]) else (two, one)
                big[0].update(small[0])
                big[1].update(small[1])
                for member in small[0]:
                    joined[member] = big
    rows = database.execute(f"SELECT {', '.join(FACTS)} FROM indicator ORDER BY iri").fetchall()
    groups: dict[int, list[dict]] = defaultdict(list)
    for row in rows:   # in IRI order: a group's first member is its key
        groups[id(joined[row[0]])].append(dict(zip(FACTS, row)))
    database.executemany("UPDATE indicator SET key = ? WHERE iri = ?",
                         ((members[0]["iri"], fact["iri"]) for members in groups.values() for fact in members))
    listed = []
    for members in groups.values():
        # a group is named as its highest-level, least damaged restatement names it
        named = min(members, key=lambda f: (LEVEL_RANK.get(f["level"] or "national", len(LEVEL_RANK)),
                                            damaged(f["name"]), f["name"], f["plan_number"], f["iri"]))
        plans = {fact["plan"] for fact in members if fact["level"]}  # a plan's, not one of NQ 57's national targets
        listed.append((named["iri"], named["name"], named["measure"], len(plans)))
    listed.sort(key=lambda r: (-r[3], fold(r[1]), r[0]))
    database.execute("DELETE FROM indicator_row")
    database.executemany("INSERT INTO indicator_row VALUES (?, ?, ?, ?, ?)", ((n, *row) for n, row in enumerate(listed)))
    database.execute("DELETE FROM target_year")
    years = Counter(year for row in rows for year in json.loads(row[FACTS.index("years")]))
    database.executemany("INSERT INTO target_year VALUES (?, ?)", sorted(years.items()))
