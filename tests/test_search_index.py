"""The search index a build keeps up per change is the index one build of everything writes.

The documents here are graphs made for the purpose (the build's reading of a
file is replaced), so that each test sets up exactly the case it is about: a
unit whose preferred name a later plan changes, a plan whose level is not known.
"""

from __future__ import annotations

import sqlite3

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS

import graph.build
from graph.build import build
from graph.search import index_path
from graph.store import OxigraphStore
from ontology import ids
from ontology.vocab import ELI, NQG
from tests.test_national_corpus import _index

DEPARTMENT, DIVISION = ids.unit("so-alpha"), ids.unit("so-alpha/phong-gamma")


def plan_graph(name: str, issuer: URIRef, issuer_name: str, level: str | None, lead: URIRef | None = None,
               division: bool = False, indicator: str | None = None) -> Graph:
    """A plan of one task led by ``lead`` (else its issuer), as a document's graph says it."""
    graph, plan = Graph(), ids.iri("plan", "test", name)
    graph.add((plan, RDF.type, NQG.Plan))
    graph.add((plan, ELI.passed_by, issuer))
    graph.add((plan, ELI.number, Literal(f"1/KH-{name.upper()}")))
    graph.add((plan, NQG.sourceDocument, Literal(f"{name}.txt")))
    if level:
        graph.add((plan, NQG.level, Literal(level)))
    task = ids.part(plan, "task", "1")
    graph.add((task, RDF.type, NQG.PlanTask))
    graph.add((task, ELI.is_part_of, plan))
    graph.add((task, NQG.number, Literal("1")))
    graph.add((task, NQG.text, Literal(f"Nhiệm vụ của kế hoạch {name}")))
    graph.add((task, NQG.lead, lead or issuer))
    mention(graph, ids.part(plan, "issuer", "1"), issuer, issuer_name, level)
    if division:
        graph.add((task, NQG.cooperating, DIVISION))
        mention(graph, ids.part(task, "cooperating", "1"), DIVISION, "Phòng Gamma", None, (DEPARTMENT, issuer_name))
        graph.add((DIVISION, ORG.subOrganizationOf, DEPARTMENT))
    if indicator:
        node = ids.part(plan, "indicator", "1")
        graph.add((node, RDF.type, NQG.Indicator))
        graph.add((node, ELI.is_part_of, plan))
        graph.add((node, NQG.table, Literal("Phụ lục 1")))
        graph.add((node, NQG.name, Literal(indicator)))
    return graph


def mention(graph: Graph, node: URIRef, unit: URIRef, name: str, level: str | None, parent=None) -> None:
    graph.add((node, RDF.type, NQG.UnitMention))
    graph.add((node, NQG.unit, unit))
    graph.add((node, NQG.printed, Literal(name)))
    graph.add((node, NQG.unitName, Literal(name)))
    if level:
        graph.add((node, NQG.unitLevel, Literal(level)))
    if parent:
        graph.add((node, NQG.parentUnit, parent[0]))
        graph.add((node, NQG.parentName, Literal(parent[1])))
    graph.add((unit, RDF.type, NQG.Unit))
    graph.add((unit, SKOS.altLabel, Literal(name, lang="vi")))


@pytest.fixture
def documents(monkeypatch, tmp_path):
    """Files whose reading is the graph ``made[name]`` gives: ``documents(made)`` → their paths."""
    def files(made: dict):
        monkeypatch.setattr(graph.build, "document_graph",
                            lambda path: (ids.named_graph(path.name), made[path.stem]))
        paths = []
        for name in made:
            path = tmp_path / "documents" / f"{name}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(name, encoding="utf-8")
            paths.append(path)
        return paths
    return files


def built_in_steps(tmp_path, first, later):
    whole = OxigraphStore(tmp_path / "whole")
    assert build(first + later, whole, progress=False, jobs=1).ok
    steps = OxigraphStore(tmp_path / "steps")
    assert build(first, steps, progress=False, jobs=1).ok
    assert build(later, steps, progress=False, jobs=1).ok
    return steps, whole


def rows(store, sql: str) -> list[tuple]:
    database = sqlite3.connect(index_path(store))
    try:
        return database.execute(sql).fetchall()
    finally:
        database.close()


def test_a_unit_later_plans_rename_is_renamed_in_every_row_that_shows_its_name(documents, tmp_path):
    """Plan a names the department "Sở Alpha"; plans b and c, added later, "Sở Alpha Beta", which
    most documents give and so becomes its name: plan a's row and name, the division's parent and
    the search text of the task it leads show the new name, as one build of all three gives."""
    paths = documents({
        "a": plan_graph("a", DEPARTMENT, "Sở Alpha", "department", division=True),
        "b": plan_graph("b", DEPARTMENT, "Sở Alpha Beta", "department"),
        "c": plan_graph("c", DEPARTMENT, "Sở Alpha Beta", "department"),
    })
    steps, whole = built_in_steps(tmp_path, paths[:1], paths[1:])
    assert _index(steps) == _index(whole)
    issuer = rows(steps, f"SELECT issuer FROM plan_row WHERE iri = '{ids.iri('plan', 'test', 'a')}'")
    assert issuer == [("Sở Alpha Beta",)]
    assert rows(steps, f"SELECT parent FROM unit_row WHERE iri = '{DIVISION}'") == [("Sở Alpha Beta",)]
    found = rows(steps, "SELECT iri FROM entry WHERE id IN (SELECT rowid FROM entry_words WHERE entry_words MATCH 'beta')")
    assert str(ids.part(ids.iri("plan", "test", "a"), "task", "1")) in {iri for iri, in found}


def test_an_indicator_of_a_plan_whose_level_is_not_known_is_not_a_national_one(documents, tmp_path):
    """Two provinces' own indicators are never compared, even when a plan of no known level
    restates them: its indicator stands with the plans whose province is not known."""
    same = "Số hợp tác xã nuôi ong ứng dụng truy xuất nguồn gốc điện tử"
    paths = documents({
        "a": plan_graph("a", ids.unit("ubnd-tinh-a"), "UBND tỉnh A", "city", indicator=same),
        "b": plan_graph("b", ids.unit("ubnd-tinh-b"), "UBND tỉnh B", "city", indicator=same),
        "x": plan_graph("x", ids.unit("ubnd-x"), "UBND X", None, indicator=same),
    })
    steps, whole = built_in_steps(tmp_path, paths[:2], paths[2:])
    assert _index(steps) == _index(whole)
    keys = dict(rows(steps, "SELECT plan, key FROM indicator WHERE plan LIKE '%/plan/test/%'"))
    assert len(keys) == 3 and len(set(keys.values())) == 3, keys
    blocks = dict(rows(steps, "SELECT plan, block FROM indicator"))
    assert blocks[str(ids.iri("plan", "test", "x"))] == ""
