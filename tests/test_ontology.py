"""The vocabulary defines every term the model uses, in Vietnamese and English; the shapes catch broken graphs."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SKOS, XSD

from loaders.rdf import plan_graph
from ontology import CONTEXT_FILE, ONTOLOGY_FILE, SHAPES_FILE
from ontology.vocab import NQG
from tests.test_rdf import as_built, sample_plan

MODEL = Path(__file__).resolve().parents[1] / "docs" / "model.md"


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(SHAPES_FILE)


def nqg_terms(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple
            if isinstance(term, URIRef) and term.startswith(str(NQG)) and term != URIRef(str(NQG))}


def test_every_term_of_the_model_is_defined(ontology):
    named = {NQG[name] for name in re.findall(r"\bnqg:([A-Za-z]\w*)", MODEL.read_text(encoding="utf-8"))}
    missing = {term for term in named if (term, None, None) not in ontology}
    assert not missing, sorted(missing)


def test_every_term_the_loader_emits_is_defined(ontology):
    missing = {term for term in nqg_terms(plan_graph(sample_plan())) if (term, None, None) not in ontology}
    assert not missing, sorted(missing)


def test_classes_and_properties_are_labelled_and_explained_in_both_languages(ontology):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if s.startswith(str(NQG))}
    assert len(terms) > 60
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            languages = {value.language for value in ontology.objects(term, predicate)}
            assert {"vi", "en"} <= languages, f"{term} lacks a {predicate} in {({'vi', 'en'} - languages)}"


def test_own_terms_refine_the_standard_ones(ontology):
    assert (NQG.Target, RDFS.subClassOf, URIRef("http://purl.org/linked-data/cube#Observation")) in ontology
    for kind in (NQG.StatedDerivation, NQG.InferredDerivation):
        assert (kind, RDFS.subClassOf, PROV.Derivation) in ontology
    for task in (NQG.ResolutionTask, NQG.ProgrammeItem, NQG.PlanTask):
        assert (task, RDFS.subClassOf, NQG.Task) in ontology
    assert (NQG.Unit, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in ontology


def test_deadline_kinds_are_a_concept_scheme(ontology):
    kinds = set(ontology.subjects(SKOS.inScheme, NQG.DeadlineKinds))
    notations = {str(ontology.value(kind, SKOS.notation)) for kind in kinds}
    assert notations == {"date", "period", "yearly", "ongoing", "roadmap", "after", "unknown"}


def test_context_maps_short_keys_to_the_vocabulary(ontology):
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert context["lead"] == {"@id": "nqg:lead", "@type": "@id"}
    assert context["firstLine"]["@type"] == "xsd:integer"
    assert context["wasDerivedFrom"]["@id"] == "prov:wasDerivedFrom"
    iris = {key: value if isinstance(value, str) else value["@id"]
            for key, value in context.items() if isinstance(value, (str, dict))}
    undefined = [key for key, iri in iris.items()
                 if iri.startswith("nqg:") and (NQG[iri[4:]], None, None) not in ontology]
    assert not undefined


def test_json_ld_export_uses_the_short_keys():
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    document = json.loads(plan_graph(sample_plan()).serialize(format="json-ld", context=context))
    nodes = document["@graph"]
    plan = next(node for node in nodes if "Plan" in (node.get("type") or []))
    assert plan["documentNumber"] == "45/KH-UBND"
    task = next(node for node in nodes if node.get("id", "").endswith("/task/phu-luc-3-row-48"))
    assert task["number"] == "48" and task["lead"].endswith("unit/so-khoa-hoc-va-cong-nghe")


# --- the shapes --------------------------------------------------------------------------


def violations(data: Graph, shapes: Graph) -> list[str]:
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    sh = "http://www.w3.org/ns/shacl#"
    return sorted(str(results.value(r, URIRef(sh + "resultMessage")))
                  for r in results.subjects(RDF.type, URIRef(sh + "ValidationResult")))


def test_a_good_plan_conforms(shapes):
    assert violations(as_built(plan_graph(sample_plan())), shapes) == []


def test_span_lines_out_of_order_or_below_one(shapes):
    graph = plan_graph(sample_plan())
    span = next(graph.subjects(RDF.type, NQG.SourceSpan))
    graph.set((span, NQG.firstLine, Literal(40)))
    assert any("not after its last line" in v for v in violations(graph, shapes))
    graph.set((span, NQG.firstLine, Literal(0)))
    graph.set((span, NQG.lastLine, Literal("3")))
    found = violations(graph, shapes)
    assert any("first line ≥ 1" in v for v in found) and any("last line" in v for v in found)


def test_a_task_without_number_text_plan_or_span(shapes):
    graph = plan_graph(sample_plan())
    task = next(graph.subjects(RDF.type, NQG.PlanTask))
    for predicate in (NQG.number, NQG.text, NQG.source, URIRef("http://data.europa.eu/eli/ontology#is_part_of")):
        graph.remove((task, predicate, None))
    found = violations(graph, shapes)
    assert "a plan task has a number or a text" in found
    assert "a plan task has one source span" in found
    assert "a plan task is part of exactly one plan" in found


def test_a_plan_without_issuer_or_title(shapes):
    graph = plan_graph(sample_plan())
    plan = next(graph.subjects(RDF.type, NQG.Plan))
    graph.remove((plan, URIRef("http://data.europa.eu/eli/ontology#passed_by"), None))
    graph.remove((plan, URIRef("http://data.europa.eu/eli/ontology#title"), None))
    found = violations(graph, shapes)
    assert "a plan has an issuer (eli:passed_by)" in found
    assert "a plan names the file it was read from and has a title, or is known through a reproduction" in found


def test_a_plan_known_through_a_reproduction_needs_no_file_or_title(shapes):
    graph = plan_graph(sample_plan())
    plan = next(graph.subjects(RDF.type, NQG.Plan))
    graph.remove((plan, URIRef("http://data.europa.eu/eli/ontology#title"), None))
    graph.remove((plan, NQG.sourceDocument, None))
    assert "a plan names the file it was read from and has a title, or is known through a reproduction" in \
        violations(graph, shapes)
    graph.add((plan, NQG.reproducedIn, URIRef("https://nqgraph.org/id/plan/ubnd-xa-mao-dien/2025/45-KH-UBND")))
    assert not any("a plan" in found for found in violations(graph, shapes))


def test_a_derivation_both_stated_and_inferred(shapes):
    graph = plan_graph(sample_plan())
    derivation = next(graph.subjects(RDF.type, NQG.StatedDerivation))
    graph.add((derivation, RDF.type, NQG.InferredDerivation))
    assert "a derivation is either stated or inferred, not both" in violations(graph, shapes)


def test_an_inferred_derivation_needs_a_score_in_range_and_a_method(shapes):
    graph = plan_graph(sample_plan())
    derivation = next(graph.subjects(RDF.type, NQG.StatedDerivation))
    graph.remove((derivation, RDF.type, NQG.StatedDerivation))
    graph.add((derivation, RDF.type, NQG.InferredDerivation))
    graph.set((derivation, NQG.score, Literal(Decimal("1.3"), datatype=XSD.decimal)))
    graph.remove((derivation, NQG.method, None))
    found = violations(graph, shapes)
    assert "a score is one decimal in [0, 1]" in found
    assert "an inferred derivation names its method" in found
    graph.remove((derivation, NQG.score, None))
    assert "an inferred derivation has a score" in violations(graph, shapes)


def test_a_unit_needs_exactly_one_vietnamese_name(shapes):
    graph = as_built(plan_graph(sample_plan()))
    unit = next(graph.subjects(RDF.type, NQG.Unit))
    graph.add((unit, SKOS.prefLabel, Literal("Another name", lang="vi")))
    assert "a unit has exactly one skos:prefLabel in Vietnamese" in violations(graph, shapes)
    graph.remove((unit, SKOS.prefLabel, None))
    graph.add((unit, SKOS.prefLabel, Literal("Department", lang="en")))
    assert "a unit has exactly one skos:prefLabel in Vietnamese" in violations(graph, shapes)


def test_a_target_needs_year_and_text(shapes):
    graph = plan_graph(sample_plan())
    target = next(graph.subjects(RDF.type, NQG.Target))
    graph.remove((target, NQG.year, None))
    graph.remove((target, NQG.text, None))
    found = violations(graph, shapes)
    assert "a target has one year" in found and "a target keeps its printed text" in found


