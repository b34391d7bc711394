"""A parsed :class:`~loaders.model.Plan` as RDF: exactly the triples of ``docs/model.md``.

Pure and deterministic: the same plan gives the same triples, with no blank
nodes and no timestamps, so a rebuild of unchanged documents changes nothing.
Every fact node gets an ``nqg:source`` span quoting the lines it was read
from. Every subject is the plan or one of its parts: what the document says of
a shared node (a unit, a cited document, an NQ 71 item) is said on its own
mention, citation or task, and :mod:`graph.entities` describes the shared
node once from all of them. Keys of tasks, sections and indicators are read from the document
(section path, printed number), with an occurrence suffix when a document
prints the same number twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from loaders.model import Citation, Deadline, Plan, Section, Span, Task, UnitRef
from loaders.text import slug, squash
from loaders.units import settled
from ontology import ids
from ontology.vocab import ELI, NQG, QB, SDMX_ATTRIBUTE, SDMX_MEASURE, bind_prefixes

STATED_METHOD = "printed-number"
# The kinds of document (``eli:type_document``) by the type code their numbers print.
DOCUMENT_TYPES = {"NQ": NQG.DocNQ, "KH": NQG.DocKH, "CTr": NQG.DocCTr}
KIND_NAMES = {"NQ": "Nghị quyết", "CTr": "Chương trình"}

DEADLINE_KINDS = {
    "date": NQG.DeadlineDate,
    "period": NQG.DeadlinePeriod,
    "yearly": NQG.Yearly,
    "ongoing": NQG.Ongoing,
    "roadmap": NQG.CentralRoadmap,
    "after": NQG.AfterAct,
    "unknown": NQG.DeadlineUnknown,
}

ROLES = {"lead": NQG.LeadRole, "cooperating": NQG.CooperatingRole, "monitoring": NQG.MonitoringRole,
         "issuer": NQG.IssuerRole, "responsible": NQG.ResponsibleRole}

LABEL_LENGTH = 120


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def label(number: str, text: str) -> Literal:
    """``"1.1 text…"``, cut to a readable length: the name a page or a table shows."""
    value = squash(f"{number} {text}" if number else text)
    return vi(value if len(value) <= LABEL_LENGTH else value[: LABEL_LENGTH - 1].rstrip() + "…")


class Keys:
    """Readable keys unique within one plan: a key already given gets ``-2``, ``-3`` …"""

    def __init__(self):
        self.used: set[str] = set()

    def __call__(self, key: str) -> str:
        unique, count = key, 1
        while unique in self.used:
            count += 1
            unique = f"{key}-{count}"
        self.used.add(unique)
        return unique


# --- shared pieces -----------------------------------------------------------------


def source_triples(graph: Graph, fact: URIRef, plan_iri: URIRef, plan: Plan, span: Span) -> None:
    """``fact nqg:source <fact>/source``: document, line range and the lines as printed."""
    node = ids.part(fact, "source")
    graph.add((fact, NQG.source, node))
    graph.add((node, RDF.type, NQG.SourceSpan))
    graph.add((node, NQG.document, plan_iri))
    graph.add((node, NQG.sourceDocument, Literal(plan.document)))
    graph.add((node, NQG.firstLine, Literal(span.first)))
    graph.add((node, NQG.lastLine, Literal(span.last)))
    graph.add((node, NQG.quote, Literal(squash("\n".join(plan.lines[span.first - 1 : span.last])))))


def derivation_triples(graph: Graph, task: URIRef, upstream: URIRef, kind: URIRef, method: str,
                       score: Decimal) -> URIRef:
    """``task prov:wasDerivedFrom upstream``, qualified: stated or inferred (``kind``), how, how surely."""
    derivation = ids.derivation(task, upstream)
    graph.add((task, PROV.wasDerivedFrom, upstream))
    graph.add((task, PROV.qualifiedDerivation, derivation))
    graph.add((derivation, RDF.type, PROV.Derivation))
    graph.add((derivation, RDF.type, kind))
    graph.add((derivation, PROV.entity, upstream))
    graph.add((derivation, NQG.method, Literal(method)))
    graph.add((derivation, NQG.score, Literal(score, datatype=XSD.decimal)))
    return derivation


def unit_iri(ref: UnitRef) -> URIRef:
    """The real unit a mention resolves to; collective assignees live under ``unit/collective/``."""
    key = ref.key or slug(ref.name or ref.printed)
    if ref.collective and not key.startswith("collective/"):
        key = "collective/" + key
    return ids.unit(key)


def unit_triples(graph: Graph, ref: UnitRef) -> URIRef:
    """Describe the unit ``ref`` resolves to: kind, names, level and parent unit.

    A unit the registry names (:func:`loaders.units.settled`) carries that name
    as ``skos:prefLabel`` in every graph. Any other unit's name is a
    ``skos:altLabel``: documents may write it differently, so the build picks
    one preferred label over all of them (``graph.build``). A printed spelling
    that differs from the name is a ``skos:hiddenLabel``: found, never shown.
    """
    node = unit_iri(ref)
    name = ref.name or squash(ref.printed)
    if ref.collective:
        graph.add((node, RDF.type, NQG.CollectiveAssignee))
    else:
        graph.add((node, RDF.type, NQG.Unit))
        graph.add((node, RDF.type, ORG.Organization))
    unit_name(graph, node, name, settled(ref.key))
    if squash(ref.printed) != name:
        graph.add((node, SKOS.hiddenLabel, vi(squash(ref.printed))))
    if ref.level:
        graph.add((node, NQG.unitLevel, Literal(ref.level)))
    if ref.parent_key:
        parent = ids.unit(ref.parent_key)
        graph.add((node, ORG.subOrganizationOf, parent))
        if ref.parent_name:
            graph.add((parent, RDF.type, NQG.Unit))
            graph.add((parent, RDF.type, ORG.Organization))
            unit_name(graph, parent, ref.parent_name, settled(ref.parent_key))
    return node


def unit_name(graph: Graph, node: URIRef, name: str, preferred: bool) -> None:
    graph.add((node, SKOS.prefLabel if preferred else SKOS.altLabel, vi(name)))


def deadline_triples(graph: Graph, owner: URIRef, plan_iri: URIRef, plan: Plan, deadline: Deadline) -> None:
    node = ids.part(owner, "deadline")
    graph.add((owner, NQG.deadline, node))
    graph.add((node, RDF.type, NQG.Deadline))
    graph.add((node, NQG.text, vi(deadline.text)))
    graph.add((node, NQG.kind, DEADLINE_KINDS.get(deadline.kind, NQG.DeadlineUnknown)))
    if deadline.start:
        graph.add((node, NQG.start, Literal(deadline.start.isoformat(), datatype=XSD.date)))
    if deadline.end:
        graph.add((node, NQG.end, Literal(deadline.end.isoformat(), datatype=XSD.date)))
    source_triples(graph, node, plan_iri, plan, deadline.span)


def mention_triples(graph: Graph, owner: URIRef, role: str, position: int, ref: UnitRef,
                    plan_iri: URIRef, plan: Plan) -> URIRef:
    """One printed naming of a unit (``<owner>/<role>/<n>``), and the unit it resolves to.

    The unit itself is described once, in the entity graph the build keeps
    (:mod:`graph.entities`); the mention holds what this document says of it:
    the name it resolves to, its level and parent, and the spelling as printed.
    """
    unit = unit_iri(ref)
    node = ids.part(owner, role, str(position))
    graph.add((owner, NQG.mention, node))
    graph.add((node, RDF.type, NQG.UnitMention))
    graph.add((node, NQG.unit, unit))
    graph.add((node, NQG.printed, Literal(squash(ref.printed))))
    graph.add((node, NQG.role, ROLES[role]))
    graph.add((node, NQG.unitName, Literal(ref.name or squash(ref.printed))))
    if ref.level:
        graph.add((node, NQG.unitLevel, Literal(ref.level)))
    if ref.parent_key:
        graph.add((node, NQG.parentUnit, ids.unit(ref.parent_key)))
        if ref.parent_name:
            graph.add((node, NQG.parentName, Literal(ref.parent_name)))
    source_triples(graph, node, plan_iri, plan, ref.span)
    return unit


# --- the plan as a document ---------------------------------------------------------


def plan_iri(plan: Plan) -> URIRef:
    """The document's IRI: a resolution's ``resolution/<number>``; a part printed alone, that part of its
    resolution (``resolution/71-NQ-CP/phu-luc-ii``); a plan's ``plan/<issuer>/<year>/<number>``, by date
    when the number is blank, by title when the date is too."""
    if plan.part_of is not None:
        return ids.part(cited_iri(plan.part_of), slug(plan.part or "phan"))
    if plan.kind == "NQ" and plan.number:
        return ids.resolution(plan.number)
    if plan.issuer is not None:
        issuer = unit_iri(plan.issuer).removeprefix(ids.base() + "unit/")
    else:
        issuer = slug(plan.document)
    return ids.plan(issuer, plan.date.year if plan.date else None, plan.number,
                    plan.date.isoformat() if plan.date else None, plan.title)


def is_plan(plan: Plan) -> bool:
    """Whether the document is a plan, whose tasks are plan tasks; else a resolution or a part of one."""
    return plan.kind != "NQ" and plan.part_of is None


def programme_number(plan: Plan) -> str | None:
    """The number of the resolution whose items a programme's task list numbers."""
    return plan.part_of.number if plan.part_of is not None else plan.number


def document_triples(graph: Graph, node: URIRef, plan: Plan) -> None:
    """The document as what it is: a plan, a resolution, or a part of a resolution printed alone."""
    if plan.part_of is not None:
        graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((node, ELI.is_part_of, cited_iri(plan.part_of)))
    else:
        graph.add((node, RDF.type, NQG.Plan if is_plan(plan) else NQG.Resolution))
        graph.add((node, RDF.type, ELI.LegalResource))
        if plan.kind in DOCUMENT_TYPES:
            graph.add((node, ELI.type_document, DOCUMENT_TYPES[plan.kind]))
    graph.add((node, NQG.sourceDocument, Literal(plan.document)))
    if plan.number:
        graph.add((node, ELI.number, Literal(plan.number)))
    if plan.number_printed:
        graph.add((node, NQG.printedNumber, Literal(plan.number_printed)))
    if plan.date:
        graph.add((node, ELI.date_document, Literal(plan.date.isoformat(), datatype=XSD.date)))
    if plan.issuer is not None:
        graph.add((node, ELI.passed_by, mention_triples(graph, node, "issuer", 1, plan.issuer, node, plan)))
    for predicate, value in ((NQG.level, plan.level), (NQG.place, plan.place), (NQG.signer, plan.signer),
                             (NQG.signerTitle, plan.signer_title), (NQG.textLayer, plan.text_layer),
                             (NQG.sourceDigest, plan.digest)):
        if value:
            graph.add((node, predicate, Literal(value)))
    if plan.title:
        graph.add((node, ELI.title, vi(plan.title)))
    graph.add((node, RDFS.label, label("", document_name(plan))))
    for recipient in plan.recipients:
        graph.add((node, NQG.recipient, Literal(recipient)))
    if plan.span:
        source_triples(graph, node, node, plan, plan.span)


def document_name(plan: Plan) -> str:
    """``Kế hoạch 19/KH-UBND``, ``Nghị quyết 71/NQ-CP``, ``Phụ lục II, Nghị quyết 71/NQ-CP``; else its title."""
    if plan.part_of is not None:
        return f"{plan.part}, Nghị quyết {plan.part_of.number}"
    if plan.number:
        return f"{KIND_NAMES.get(plan.kind, 'Kế hoạch')} {plan.number}"
    return plan.title or plan.document


def cited_iri(citation: Citation) -> URIRef:
    return ids.cited(citation.number, citation.doc_type, citation.date.year if citation.date else None)


def citation_triples(graph: Graph, node: URIRef, plan: Plan) -> None:
    """``eli:cites`` every cited document; ``eli:based_on`` the legal basis; ``eli:applies`` what the plan carries out.

    The cited document is described once, in the entity graph; the citation
    keeps how this plan prints and reads it (number, type, date, issuer, title).
    """
    for position, citation in enumerate(plan.citations, start=1):
        cited = cited_iri(citation)
        graph.add((node, ELI.cites, cited))
        if citation.basis:
            graph.add((node, ELI.based_on, cited))
        if citation.implements:
            graph.add((node, ELI.applies, cited))
        if citation.amends:
            graph.add((node, ELI.amends, cited))
        if citation.replaces:
            graph.add((node, DCTERMS.replaces, cited))
        printed = ids.part(node, "citation", str(position))
        graph.add((node, NQG.citation, printed))
        graph.add((printed, RDF.type, NQG.Citation))
        graph.add((printed, NQG.citedDocument, cited))
        graph.add((printed, NQG.printed, Literal(citation.printed)))
        graph.add((printed, NQG.citedNumber, Literal(citation.number)))
        if citation.doc_type:
            graph.add((printed, NQG.citedType, Literal(citation.doc_type)))
        if citation.date:
            graph.add((printed, NQG.citedDate, Literal(citation.date.isoformat(), datatype=XSD.date)))
        if citation.issuer:
            graph.add((printed, NQG.printedIssuer, Literal(citation.issuer)))
        if citation.title:
            graph.add((printed, NQG.printedTitle, vi(citation.title)))
        source_triples(graph, printed, node, plan, citation.span)


def cited_triples(graph: Graph, cited: URIRef, number: str, doc_type: str | None, issued: str | None) -> None:
    """A cited document as the entity graph describes it, from what its citations read."""
    graph.add((cited, RDF.type, ELI.LegalResource))
    if doc_type == "NQ":
        graph.add((cited, RDF.type, NQG.Resolution))
    graph.add((cited, ELI.number, Literal(number)))
    if doc_type:
        graph.add((cited, NQG.docType, Literal(doc_type)))
    if issued:
        graph.add((cited, ELI.date_document, Literal(issued, datatype=XSD.date)))


# --- structure and tasks -----------------------------------------------------------------


def section_path(plan: Plan, index: int | None) -> list[Section]:
    """The sections from the outermost down to ``plan.sections[index]``."""
    path = []
    while index is not None:
        section = plan.sections[index]
        path.insert(0, section)
        index = section.parent
    return path


def section_keys(plan: Plan) -> list[str]:
    """``iii``, ``iii-7``; appendix groups ``group-a``: the parent's key and the printed number."""
    keys = Keys()
    found: dict[int, str] = {}

    def key(index: int) -> str:
        if index not in found:
            section = plan.sections[index]
            own = slug(section.number or section.title, 40)
            if section.parent is not None:
                found[index] = keys(f"{key(section.parent)}-{own}")
            else:
                found[index] = keys(f"group-{own}" if section.kind == "group" else own)
        return found[index]

    return [key(index) for index in range(len(plan.sections))]


def task_key(plan: Plan, task: Task, sections: list[str]) -> str:
    """``iii-7.2`` for a body task, ``phu-luc-3-row-12`` for an appendix row.

    A body task's key is its section's key and its number, less the headings
    its number already repeats (task ``7.2`` under heading ``7.`` of ``III.``).
    """
    number = slug(task.number or "x")
    if task.origin == "appendix":
        groups = [slug(s.number or s.title, 40) for s in section_path(plan, task.section) if s.kind == "group"]
        return "-".join([slug(task.table or "phu-luc"), *groups, "row", number])
    index = task.section
    while index is not None and task.number.startswith(plan.sections[index].number + "."):
        index = plan.sections[index].parent
    return number if index is None else f"{sections[index]}-{number}"


def section_triples(graph: Graph, node: URIRef, plan: Plan, section_iris: list[URIRef]) -> None:
    for section, iri in zip(plan.sections, section_iris):
        graph.add((iri, RDF.type, NQG.Section))
        graph.add((iri, RDF.type, ELI.LegalResourceSubdivision))
        graph.add((iri, ELI.is_part_of, node))
        if section.number:
            graph.add((iri, NQG.number, Literal(section.number)))
        if section.title:
            graph.add((iri, ELI.title, vi(section.title)))
        if section.parent is not None:
            graph.add((iri, NQG.parentSection, section_iris[section.parent]))
        source_triples(graph, iri, node, plan, section.span)


def task_triples(graph: Graph, iri: URIRef, task: Task, node: URIRef, plan: Plan,
                 section_iris: list[URIRef], uppers: list[URIRef]) -> None:
    """A plan's task, or a row of an upper plan's table it reproduces (part of ``uppers[n]``,
    reproduced in this plan); or a resolution's task, which is no plan task: a row of a
    programme's task list prints the item it is (``nqg:printsItem``), described from it in the
    entity graph."""
    graph.add((iri, RDF.type, NQG.Task))
    if is_plan(plan):
        graph.add((iri, RDF.type, NQG.PlanTask))
    elif task.item and programme_number(plan):
        graph.add((iri, NQG.printsItem, ids.programme_item(programme_number(plan), task.item)))
    graph.add((iri, RDF.type, ELI.LegalResourceSubdivision))
    if task.reproduction is None:
        graph.add((iri, ELI.is_part_of, node))
    else:
        graph.add((iri, ELI.is_part_of, uppers[task.reproduction]))
        graph.add((iri, NQG.reproducedIn, node))
    if task.section is not None:
        graph.add((iri, NQG.inSection, section_iris[task.section]))
    if task.number:
        graph.add((iri, NQG.number, Literal(task.number)))
    if task.text:
        graph.add((iri, NQG.text, vi(task.text)))
    graph.add((iri, RDFS.label, label(task.number, task.text)))
    graph.add((iri, NQG.origin, Literal(task.origin)))
    if task.table:
        graph.add((iri, NQG.table, Literal(task.table)))
    for role, refs in (("lead", task.lead), ("cooperating", task.cooperating)):
        predicate = NQG.lead if role == "lead" else NQG.cooperating
        for position, ref in enumerate(refs, start=1):
            graph.add((iri, predicate, mention_triples(graph, iri, role, position, ref, node, plan)))
    for predicate, value in ((NQG.output, task.output), (NQG.note, task.note)):
        if value:
            graph.add((iri, predicate, vi(value)))
    if task.deadline:
        deadline_triples(graph, iri, node, plan, task.deadline)
    for number in task.nq57:
        graph.add((iri, NQG.nq57Number, Literal(number)))
    for number in task.nq71:
        graph.add((iri, NQG.nq71Number, Literal(number)))
    if task.city_task:
        graph.add((iri, NQG.cityTask, Literal(True)))
    source_triples(graph, iri, node, plan, task.span)
    stated_links(graph, iri, task, node, plan)


def stated_links(graph: Graph, iri: URIRef, task: Task, node: URIRef, plan: Plan) -> None:
    """Links the row prints: NQ 71 item numbers, else NQ 57 task numbers.

    The row's ``nqg:nq71Number`` and ``nqg:nq57Number`` are what the entity
    graph describes the NQ 71 item from (:func:`programme_item`).
    """
    if task.nq71:
        upstream = [ids.nq71_item(number) for number in task.nq71]
    else:
        upstream = [ids.nq57_task(number) for number in task.nq57]
    for target in upstream:
        derivation = derivation_triples(graph, iri, target, NQG.StatedDerivation, STATED_METHOD, Decimal("1.0"))
        source_triples(graph, derivation, node, plan, task.span)


def reproduction_triples(graph: Graph, node: URIRef, plan: Plan) -> list[URIRef]:
    """The tables the plan reproduces, and the upper plan of each (returned in order).

    An upper plan the text names is the document its citations name, described
    from the reproductions in the entity graph as a plan; one it does not name
    is a plan of its own under this one's IRI, described here.
    """
    uppers = []
    for position, reproduction in enumerate(plan.reproductions, start=1):
        issuer = unit_iri(reproduction.issuer)
        if reproduction.number:
            upper = ids.cited(reproduction.number, reproduction.doc_type,
                              reproduction.date.year if reproduction.date else None)
        else:
            upper = ids.part(node, "reproduced", str(position))
            reproduced_plan_triples(graph, upper, issuer, reproduction.issuer, None, None, node)
        uppers.append(upper)
        iri = ids.part(node, "reproduction", str(position))
        graph.add((node, NQG.reproduction, iri))
        graph.add((iri, RDF.type, NQG.Reproduction))
        graph.add((iri, NQG.reproducedPlan, upper))
        graph.add((iri, NQG.table, Literal(reproduction.table)))
        for evidence in reproduction.evidence:
            graph.add((iri, NQG.recognisedBy, Literal(evidence)))
        if reproduction.number:
            graph.add((iri, NQG.citedNumber, Literal(reproduction.number)))
        if reproduction.date:
            graph.add((iri, NQG.citedDate, Literal(reproduction.date.isoformat(), datatype=XSD.date)))
        mention_triples(graph, iri, "issuer", 1, reproduction.issuer, node, plan)
        source_triples(graph, iri, node, plan, reproduction.span)
    return uppers


def reproduced_plan_triples(graph: Graph, upper: URIRef, issuer: URIRef, ref: UnitRef, number: str | None,
                            issued: str | None, reproduced_in: URIRef) -> None:
    """A plan known through a reproduction of one of its tables: its issuer, level, number and date."""
    graph.add((upper, RDF.type, NQG.Plan))
    graph.add((upper, RDF.type, ELI.LegalResource))
    graph.add((upper, ELI.type_document, NQG.DocKH))
    graph.add((upper, ELI.passed_by, issuer))
    if ref.level:
        graph.add((upper, NQG.level, Literal(ref.level)))
    if number:
        graph.add((upper, ELI.number, Literal(number)))
    if issued:
        graph.add((upper, ELI.date_document, Literal(issued, datatype=XSD.date)))
    graph.add((upper, RDFS.label, label("", f"Kế hoạch {number}" if number else f"Kế hoạch của {ref.name}")))
    graph.add((upper, NQG.reproducedIn, reproduced_in))


def programme_item(graph: Graph, item: URIRef, number: str, text: str | None, nq57: Iterable[str],
                   printed: dict | None = None) -> URIRef:
    """A programme item as the entity graph describes it: from its row in the programme's own task
    list where one is loaded (``printed``: the row's number, text, output, deadline, source and
    units), else from the plans' rows that quote its number."""
    graph.add((item, RDF.type, NQG.Task))
    graph.add((item, RDF.type, NQG.ProgrammeItem))
    graph.add((item, ELI.is_part_of, ids.programme_of(item)))
    graph.add((item, NQG.number, Literal(number)))
    graph.add((item, NQG.knownFrom, Literal("programme" if printed else "quotes")))
    if text:
        graph.add((item, NQG.text, vi(text)))
    for task in nq57:
        graph.add((item, NQG.implementsTask, ids.nq57_task(task)))
    if printed:
        for predicate, key in ((NQG.source, "source"), (NQG.deadline, "deadline")):
            if key in printed:
                graph.add((item, predicate, URIRef(printed[key])))
        if printed.get("output"):
            graph.add((item, NQG.output, vi(printed["output"])))
        for predicate, key in ((NQG.lead, "lead"), (NQG.cooperating, "cooperating")):
            for unit in printed[key]:
                graph.add((item, predicate, URIRef(unit)))
    return item


# --- indicators, organisation, warnings ----------------------------------------------------


def indicator_triples(graph: Graph, node: URIRef, plan: Plan) -> None:
    keys = Keys()
    for indicator in plan.indicators:
        head = f"{slug(indicator.table)}-" if indicator.table else ""
        iri = ids.part(node, "indicator", keys(head + slug(indicator.code or indicator.name, 40)))
        graph.add((iri, RDF.type, NQG.Indicator))
        graph.add((iri, ELI.is_part_of, node))
        if indicator.code:
            graph.add((iri, NQG.code, Literal(indicator.code)))
        graph.add((iri, NQG.name, vi(indicator.name)))
        graph.add((iri, RDFS.label, label(indicator.code, indicator.name)))
        if indicator.unit:
            graph.add((iri, SDMX_ATTRIBUTE.unitMeasure, Literal(indicator.unit)))
        for position, ref in enumerate(indicator.monitoring, start=1):
            unit = mention_triples(graph, iri, "monitoring", position, ref, node, plan)
            graph.add((iri, NQG.monitoringUnit, unit))
        if indicator.output:
            graph.add((iri, NQG.output, vi(indicator.output)))
        for predicate, value in ((NQG.group, indicator.group), (NQG.table, indicator.table)):
            if value:
                graph.add((iri, predicate, Literal(value)))
        source_triples(graph, iri, node, plan, indicator.span)
        years = Keys()
        for target in indicator.targets:
            observation = ids.part(iri, "target", years(slug(target.year or "x")))
            graph.add((iri, NQG.target, observation))
            graph.add((observation, RDF.type, NQG.Target))
            graph.add((observation, RDF.type, QB.Observation))
            graph.add((observation, NQG.indicator, iri))
            graph.add((observation, NQG.year, Literal(target.year)))
            graph.add((observation, NQG.text, vi(target.text)))
            if target.comparator:
                graph.add((observation, NQG.comparator, Literal(target.comparator)))
            if target.value is not None:
                graph.add((observation, SDMX_MEASURE.obsValue, Literal(float(target.value))))
            if target.max is not None:
                graph.add((observation, NQG.maxValue, Literal(float(target.max))))
            if target.unit:
                graph.add((observation, SDMX_ATTRIBUTE.unitMeasure, Literal(target.unit)))
            source_triples(graph, observation, node, plan, target.span)


def responsibility_triples(graph: Graph, node: URIRef, plan: Plan) -> None:
    for position, duty in enumerate(plan.responsibilities, start=1):
        iri = ids.part(node, "responsibility", str(position))
        graph.add((iri, RDF.type, NQG.Responsibility))
        graph.add((iri, ELI.is_part_of, node))
        graph.add((iri, NQG.unit, mention_triples(graph, iri, "responsible", 1, duty.unit, node, plan)))
        graph.add((iri, NQG.text, vi(duty.text)))
        if duty.monitoring:
            graph.add((iri, NQG.monitors, Literal(True)))
        if duty.reporting:
            graph.add((iri, NQG.reports, Literal(True)))
        if duty.report_deadline:
            deadline_triples(graph, iri, node, plan, duty.report_deadline)
        source_triples(graph, iri, node, plan, duty.span)


def warning_triples(graph: Graph, node: URIRef, plan: Plan) -> None:
    for position, warning in enumerate(plan.warnings, start=1):
        iri = ids.part(node, "warning", str(position))
        graph.add((iri, RDF.type, NQG.ExtractionWarning))
        graph.add((iri, NQG.document, node))
        graph.add((iri, NQG.code, Literal(warning.code)))
        graph.add((iri, NQG.message, Literal(warning.message)))
        graph.add((iri, NQG.sourceDocument, Literal(plan.document)))
        graph.add((iri, NQG.firstLine, Literal(warning.line)))


def plan_graph(plan: Plan) -> Graph:
    """Everything read from one document, as the triples of ``docs/model.md``."""
    graph = bind_prefixes(Graph())
    node = plan_iri(plan)
    document_triples(graph, node, plan)
    citation_triples(graph, node, plan)
    sections = section_keys(plan)
    section_iris = [ids.part(node, "section", key) for key in sections]
    section_triples(graph, node, plan, section_iris)
    uppers = reproduction_triples(graph, node, plan)
    keys = Keys()
    for task in plan.tasks:
        iri = ids.part(node, "task", keys(task_key(plan, task, sections)))
        task_triples(graph, iri, task, node, plan, section_iris, uppers)
    indicator_triples(graph, node, plan)
    responsibility_triples(graph, node, plan)
    warning_triples(graph, node, plan)
    return graph
