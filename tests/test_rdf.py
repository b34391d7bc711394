"""The typed model as RDF: the triples of docs/model.md, valid against the shapes, the same every time."""

from datetime import date
from decimal import Decimal

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, SKOS, XSD

from loaders.model import (
    Citation, Deadline, Indicator, Plan, Responsibility, Section, Span, Target, Task, UnitRef,
)
from loaders.rdf import plan_graph, plan_iri, unit_triples
from ontology import SHAPES_FILE, ids
from ontology.vocab import ELI, NQG, SDMX_MEASURE

LINES = [
    "ỦY BAN NHÂN DÂN XÃ MAO ĐIỀN",                                          # 1
    "Số: 45/KH-UBND",                                                       # 2
    "Mao Điền, ngày 10 tháng 10 năm 2025",                                 # 3
    "KẾ HOẠCH",                                                             # 4
    "Triển khai thực hiện Nghị quyết số 57-NQ/TW",                         # 5
    "Căn cứ Nghị quyết số 71-NQ/CP ngày 01/4/2025 của Chính phủ;",          # 6
    "III. NHIỆM VỤ, GIẢI PHÁP",                                             # 7
    "7. Chuyển đổi số",                                                     # 8
    "7.2. Triển khai chữ ký số cho   cán bộ, công chức.",                   # 9
    "7.2. Số hóa hồ sơ thủ tục hành chính.",                                # 10
    "PHỤ LỤC 3",                                                            # 11
    "1-3  Nâng cao nhận thức về chuyển đổi số   48   Sở KH&CN",             # 12
    "     của toàn xã hội                              Tháng 9/2025",       # 13
    "PHỤ LỤC 4",                                                            # 14
    "2    Vận hành Trung tâm điều hành thông minh   Nhiệm vụ thành phố",    # 15
    "PHỤ LỤC 1",                                                            # 16
    "1.1  Tỷ lệ dịch vụ công trực tuyến   %   ≥ 80   Phong Van hoa - Xa hoi",  # 17
    "Phòng Văn hóa - Xã hội theo dõi, báo cáo trước ngày 15/12 hằng năm.",  # 18
]

COMMUNE = UnitRef("Ủy ban nhân dân xã Mao Điền", Span(1, 1), name="UBND xã Mao Điền",
                  key="ubnd-xa-mao-dien", level="commune")


def culture_division(printed: str, line: int) -> UnitRef:
    return UnitRef(printed, Span(line, line), name="Phòng Văn hóa - Xã hội",
                   key="ubnd-xa-mao-dien/phong-van-hoa-xa-hoi", parent_key="ubnd-xa-mao-dien",
                   parent_name="UBND xã Mao Điền", level="division")


def sample_plan() -> Plan:
    """A small commune plan with one of everything the model holds."""
    science = UnitRef("Sở KH&CN", Span(12, 12), name="Sở Khoa học và Công nghệ",
                      key="so-khoa-hoc-va-cong-nghe", level="department")
    others = UnitRef("Các đơn vị liên quan", Span(10, 10), name="Các đơn vị liên quan",
                     key="cac-don-vi-lien-quan", collective=True)
    return Plan(
        document="045_test.txt", lines=LINES, issuer=COMMUNE, level="commune",
        number="45/KH-UBND", number_printed="Số: 45/KH-UBND", date=date(2025, 10, 10), place="Mao Điền",
        title="Triển khai thực hiện Nghị quyết số 57-NQ/TW", signer="Nguyễn Văn A",
        signer_title="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", recipients=["UBND thành phố"],
        citations=[Citation("71/NQ-CP", "71-NQ/CP", Span(6, 6), doc_type="NQ", issuer="Chính phủ",
                            date=date(2025, 4, 1), basis=True, implements=True)],
        sections=[Section("III", "NHIỆM VỤ, GIẢI PHÁP", Span(7, 7)),
                  Section("7", "Chuyển đổi số", Span(8, 8), parent=0)],
        tasks=[
            Task("7.2", "Triển khai chữ ký số cho cán bộ, công chức.", Span(9, 9), section=1,
                 lead=[culture_division("Phòng Văn hóa - Xã hội", 9)],
                 deadline=Deadline("Hằng năm", Span(9, 9), kind="yearly")),
            Task("7.2", "Số hóa hồ sơ thủ tục hành chính.", Span(10, 10), section=1, cooperating=[others]),
            Task("48", "Nâng cao nhận thức về chuyển đổi số của toàn xã hội", Span(12, 13), origin="appendix",
                 table="Phụ lục 3", lead=[science], nq57=["1-3"], nq71=["48"],
                 deadline=Deadline("Tháng 9/2025", Span(13, 13), kind="date",
                                   start=date(2025, 9, 1), end=date(2025, 9, 30))),
            Task("2", "Vận hành Trung tâm điều hành thông minh", Span(15, 15), origin="appendix",
                 table="Phụ lục 4", note="Nhiệm vụ thành phố", city_task=True),
        ],
        indicators=[Indicator("1.1", "Tỷ lệ dịch vụ công trực tuyến", Span(17, 17), unit="%", table="Phụ lục 1",
                              targets=[Target("2030", "≥ 80", Span(17, 17), comparator=">=", value=80, unit="%")],
                              monitoring=[culture_division("Phong Van hoa - Xa hoi", 17)])],
        responsibilities=[Responsibility(culture_division("Phòng Văn hóa - Xã hội", 18), LINES[17], Span(18, 18),
                                         monitoring=True, reporting=True,
                                         report_deadline=Deadline("trước ngày 15/12 hằng năm", Span(18, 18),
                                                                  kind="yearly"))],
        span=Span(1, 18),
    )


@pytest.fixture(scope="module")
def plan():
    return sample_plan()


@pytest.fixture(scope="module")
def graph(plan):
    return plan_graph(plan)


@pytest.fixture(scope="module")
def built(graph):
    return as_built(graph)


def task(key):
    return ids.part(plan_iri(sample_plan()), "task", key)


def test_plan_iri_is_issuer_year_and_number(plan):
    assert plan_iri(plan) == ids.iri("plan", "ubnd-xa-mao-dien", "2025", "45-KH-UBND")


def test_a_plan_without_number_is_named_by_its_date(plan):
    plan = sample_plan()
    plan.number = None
    assert plan_iri(plan) == ids.iri("plan", "ubnd-xa-mao-dien", "2025", "2025-10-10")


def as_built(graph: Graph) -> Graph:
    """The graph as a build leaves it: stored beside the reference graph, with the shared nodes
    it names described."""
    from graph.entities import refresh
    from graph.store import MemoryStore
    from loaders.reference import reference_graph

    store, reference = MemoryStore(), reference_graph()
    store.replace_graph(ids.named_graph("plan.txt"), graph)
    store.replace_graph(ids.reference_graph(), reference)
    refresh(store, reference=reference)
    return store.union()


def test_conforms_to_the_shapes(graph):
    import pyshacl

    conforms, _, text = pyshacl.validate(as_built(graph), shacl_graph=str(SHAPES_FILE), inference="none")
    assert conforms, text


def test_same_plan_same_triples_and_no_blank_nodes(plan, graph):
    again = plan_graph(sample_plan())
    assert set(again) == set(graph) and isomorphic(again, graph)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_task_keys_follow_sections_and_numbers(graph):
    tasks = set(graph.subjects(RDF.type, NQG.PlanTask))
    plan = plan_iri(sample_plan())
    assert tasks == {ids.part(plan, "task", key) for key in
                     ("iii-7.2", "iii-7.2-2", "phu-luc-3-row-48", "phu-luc-4-row-2")}
    first = ids.part(plan, "task", "iii-7.2")
    assert graph.value(first, NQG.inSection) == ids.part(plan, "section", "iii-7")
    assert graph.value(ids.part(plan, "section", "iii-7"), NQG.parentSection) == ids.part(plan, "section", "iii")


def test_every_fact_quotes_its_source_lines(graph):
    row = task("phu-luc-3-row-48")
    span = graph.value(row, NQG.source)
    assert graph.value(span, NQG.firstLine) == Literal(12)
    assert graph.value(span, NQG.lastLine) == Literal(13)
    assert str(graph.value(span, NQG.quote)) == (
        "1-3 Nâng cao nhận thức về chuyển đổi số 48 Sở KH&CN của toàn xã hội Tháng 9/2025")
    assert str(graph.value(span, NQG.sourceDocument)) == "045_test.txt"
    facts = set(graph.subjects(RDF.type, NQG.PlanTask)) | set(graph.subjects(RDF.type, NQG.Target)) \
        | set(graph.subjects(RDF.type, NQG.Deadline)) | set(graph.subjects(RDF.type, NQG.Citation))
    assert all(graph.value(fact, NQG.source) is not None for fact in facts)


def test_printed_nq71_number_is_a_stated_derivation(graph, built):
    row, item = task("phu-luc-3-row-48"), ids.nq71_item("48")
    assert list(graph.objects(row, PROV.wasDerivedFrom)) == [item]
    derivation = graph.value(row, PROV.qualifiedDerivation)
    assert (derivation, RDF.type, NQG.StatedDerivation) in graph
    assert (derivation, RDF.type, NQG.InferredDerivation) not in graph
    assert graph.value(derivation, PROV.entity) == item
    assert graph.value(derivation, NQG.score) == Literal(Decimal("1.0"), datatype=XSD.decimal)
    assert str(graph.value(derivation, NQG.method)) == "printed-number"
    assert str(graph.value(row, NQG.nq71Number)) == "48"
    assert (item, None, None) not in graph  # the item is described once, from every row that prints it
    assert (item, RDF.type, NQG.ProgrammeItem) in built
    assert built.value(item, ELI.is_part_of) == ids.resolution("71/NQ-CP")
    assert built.value(item, NQG.implementsTask) == ids.nq57_task("1-3")


def test_a_city_task_has_no_stated_link(graph):
    row = task("phu-luc-4-row-2")
    assert graph.value(row, NQG.cityTask) == Literal(True)
    assert graph.value(row, PROV.wasDerivedFrom) is None


def test_deadline_kind_and_dates(graph):
    deadline = graph.value(task("phu-luc-3-row-48"), NQG.deadline)
    assert graph.value(deadline, NQG.kind) == NQG.DeadlineDate
    assert graph.value(deadline, NQG.start) == Literal("2025-09-01", datatype=XSD.date)
    assert graph.value(deadline, NQG.end) == Literal("2025-09-30", datatype=XSD.date)
    assert graph.value(graph.value(task("iii-7.2"), NQG.deadline), NQG.kind) == NQG.Yearly


def test_units_one_node_per_real_unit_with_spellings(graph, built):
    division = ids.unit("ubnd-xa-mao-dien/phong-van-hoa-xa-hoi")
    assert graph.value(task("iii-7.2"), NQG.lead) == division
    assert (division, None, None) not in graph  # described once, from every document's mentions
    assert list(built.objects(division, SKOS.prefLabel)) == [Literal("Phòng Văn hóa - Xã hội", lang="vi")]
    assert set(built.objects(division, SKOS.hiddenLabel)) == {Literal("Phong Van hoa - Xa hoi", lang="vi")}
    assert built.value(division, ORG.subOrganizationOf) == ids.unit("ubnd-xa-mao-dien")
    assert str(built.value(division, NQG.unitLevel)) == "division"
    collective = graph.value(task("iii-7.2-2"), NQG.cooperating)
    assert collective == ids.unit("collective/cac-don-vi-lien-quan")
    assert (collective, RDF.type, NQG.CollectiveAssignee) in built
    assert (collective, RDF.type, NQG.Unit) not in built


def test_each_mention_keeps_its_printed_spelling_and_role(graph):
    indicator = next(graph.subjects(RDF.type, NQG.Indicator))
    mention = ids.part(indicator, "monitoring", "1")
    assert str(graph.value(mention, NQG.printed)) == "Phong Van hoa - Xa hoi"
    assert graph.value(mention, NQG.role) == NQG.MonitoringRole
    assert graph.value(mention, NQG.unit) == ids.unit("ubnd-xa-mao-dien/phong-van-hoa-xa-hoi")


def test_unit_triples_for_the_reference_graph():
    graph = Graph()
    node = unit_triples(graph, COMMUNE)
    assert node == ids.unit("ubnd-xa-mao-dien")
    assert (node, RDF.type, ORG.Organization) in graph
    assert graph.value(node, SKOS.altLabel) == Literal("UBND xã Mao Điền", lang="vi")
    assert graph.value(node, SKOS.hiddenLabel) == Literal("Ủy ban nhân dân xã Mao Điền", lang="vi")


def test_citations_by_role(graph, built):
    plan, nq71 = plan_iri(sample_plan()), ids.resolution("71/NQ-CP")
    for predicate in (ELI.cites, ELI.based_on, ELI.applies):
        assert graph.value(plan, predicate) == nq71
    citation = graph.value(plan, NQG.citation)
    assert str(graph.value(citation, NQG.printed)) == "71-NQ/CP"
    assert graph.value(citation, NQG.citedDocument) == nq71
    assert graph.value(citation, NQG.citedDate) == Literal("2025-04-01", datatype=XSD.date)
    assert built.value(nq71, ELI.date_document) == Literal("2025-04-01", datatype=XSD.date)


def test_a_mention_only_citation_is_cited_not_applied():
    plan = sample_plan()
    plan.citations[0].basis = plan.citations[0].implements = False
    graph, node = plan_graph(plan), plan_iri(plan)
    assert graph.value(node, ELI.cites) == ids.resolution("71/NQ-CP")
    assert graph.value(node, ELI.based_on) is None and graph.value(node, ELI.applies) is None


def test_indicator_target_as_an_observation(graph):
    indicator = ids.part(plan_iri(sample_plan()), "indicator", "phu-luc-1-1.1")
    target = graph.value(indicator, NQG.target)
    assert target == ids.part(indicator, "target", "2030")
    assert str(graph.value(target, NQG.year)) == "2030"
    assert str(graph.value(target, NQG.comparator)) == ">="
    assert graph.value(target, SDMX_MEASURE.obsValue).toPython() == 80.0


def test_plan_document_facts(graph):
    node = plan_iri(sample_plan())
    assert str(graph.value(node, ELI.number)) == "45/KH-UBND"
    assert graph.value(node, ELI.passed_by) == ids.unit("ubnd-xa-mao-dien")
    assert str(graph.value(node, NQG.level)) == "commune"
    assert str(graph.value(node, NQG.signerTitle)) == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    responsibility = ids.part(node, "responsibility", "1")
    assert graph.value(responsibility, NQG.monitors) == Literal(True)
    assert graph.value(graph.value(responsibility, NQG.deadline), NQG.kind) == NQG.Yearly


def test_warnings_point_to_their_line():
    plan = sample_plan()
    plan.warn(12, "deadline-unparsed", "Phụ lục 3, row 48: deadline not understood")
    graph = plan_graph(plan)
    warning = ids.part(plan_iri(plan), "warning", "1")
    assert (warning, RDF.type, NQG.ExtractionWarning) in graph
    assert graph.value(warning, NQG.firstLine) == Literal(12)
    assert str(graph.value(warning, NQG.code)) == "deadline-unparsed"


@pytest.fixture(scope="module")
def seed_graphs():
    from graph.build import CORPUS
    from loaders.parse import parse
    from loaders.read import read_document

    plans = [parse(read_document(path)) for path in sorted(CORPUS.glob("*.txt"))]
    return {plan.document: (plan, plan_graph(plan)) for plan in plans}


def test_every_seed_conforms_to_the_shapes(seed_graphs):
    import pyshacl

    shapes = Graph().parse(SHAPES_FILE)
    assert len(seed_graphs) == 5
    for name, (plan, graph) in seed_graphs.items():
        assert len(set(graph.subjects(RDF.type, NQG.PlanTask))) == len(plan.tasks), name
        conforms, _, text = pyshacl.validate(as_built(graph), shacl_graph=shapes, inference="none")
        assert conforms, f"{name}:\n{text[:3000]}"


def test_seed_rows_printing_nq71_numbers_are_stated_links(seed_graphs):
    """Seed 001, Phụ lục 3, first row (lines 2501-2528): NQ 57 task 1-3, NQ 71 item 2."""
    _, graph = seed_graphs["001_0efade6d4c713fc0.txt"]
    item = ids.nq71_item("2")
    (row,) = graph.subjects(PROV.wasDerivedFrom, item)
    assert str(graph.value(row, NQG.table)) == "Phụ lục 3"
    assert str(graph.value(row, NQG.text)).startswith("Xây dựng chương trình chuyên biệt về KHCN, ĐMST và CĐS")
    assert (graph.value(row, PROV.qualifiedDerivation), RDF.type, NQG.StatedDerivation) in graph
    assert as_built(graph).value(item, NQG.implementsTask) == ids.nq57_task("1-3")
    assert len(set(graph.subjects(RDF.type, NQG.StatedDerivation))) >= 20


def test_a_document_graph_describes_only_the_plan_and_its_parts(seed_graphs):
    """Shared nodes (units, cited documents, NQ 71 items) are described in the entity graph, once:
    every subject of a document's graph is its plan or a part of it."""
    for name, (plan, graph) in seed_graphs.items():
        node = str(plan_iri(plan))
        strays = {s for s in graph.subjects() if s != URIRef(node) and not s.startswith(node + "/")}
        assert not strays, (name, sorted(strays)[:5])


def test_keys_stay_unique_when_headings_repeat():
    """A document that prints heading ``I.`` twice, and task 7.2 twice, still gives one node per part."""
    plan = sample_plan()
    plan.sections = [Section("I", "MỤC ĐÍCH", Span(7, 7)), Section("I", "NHIỆM VỤ", Span(8, 8)),
                     Section("2", "Yêu cầu", Span(8, 8), parent=0)]
    plan.tasks[0].section = plan.tasks[1].section = 2
    plan.tasks[0].number = plan.tasks[1].number = "2.1"
    graph, node = plan_graph(plan), plan_iri(plan)
    sections = set(graph.subjects(RDF.type, NQG.Section))
    assert len(sections) == 3
    assert all(len(set(graph.objects(s, NQG.source))) == 1 for s in sections)
    first, second = (ids.part(node, "task", key) for key in ("i-2.1", "i-2.1-2"))
    assert graph.value(first, NQG.inSection) == graph.value(second, NQG.inSection) == ids.part(node, "section", "i-2-2")


def test_a_unit_the_registry_does_not_name_leaves_its_preferred_name_to_the_build():
    graph = Graph()
    first = UnitRef("Các sở, ban, ngành", Span(3, 3), name="Các sở, ban, ngành", key="cac-so-ban-nganh", collective=True)
    second = UnitRef("các Sở, ban, ngành", Span(9, 9), name="Các Sở, ban, ngành", key="cac-so-ban-nganh", collective=True)
    node = unit_triples(graph, first)
    assert unit_triples(graph, second) == node
    assert graph.value(node, SKOS.prefLabel) is None
    assert set(graph.objects(node, SKOS.altLabel)) == {Literal("Các sở, ban, ngành", lang="vi"),
                                                       Literal("Các Sở, ban, ngành", lang="vi")}
    assert set(graph.objects(node, SKOS.hiddenLabel)) == {Literal("các Sở, ban, ngành", lang="vi")}


