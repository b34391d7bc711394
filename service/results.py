"""Write query answers in the formats of the SPARQL 1.1 Protocol.

Solutions (SELECT) as SPARQL JSON, XML, CSV and TSV; booleans (ASK) as JSON
and XML; graphs (CONSTRUCT, DESCRIBE) as Turtle, N-Triples, JSON-LD and
RDF/XML, with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph

from ontology.vocab import bind_prefixes
from service.querypool import Answer

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

SOLUTION_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
_RDFLIB_NAMES = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


def _json_term(term: tuple) -> dict:
    kind, value, datatype, language = term
    cell = {"type": kind, "value": value}
    if language:
        cell["xml:lang"] = language
    elif datatype and datatype != XSD_STRING:
        cell["datatype"] = datatype
    return cell


def _xml_term(term: tuple) -> str:
    kind, value, datatype, language = term
    if kind == "uri":
        return f"<uri>{escape(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(value)}</bnode>"
    if language:
        return f"<literal xml:lang={quoteattr(language)}>{escape(value)}</literal>"
    if datatype and datatype != XSD_STRING:
        return f"<literal datatype={quoteattr(datatype)}>{escape(value)}</literal>"
    return f"<literal>{escape(value)}</literal>"


def _tsv_term(term: tuple | None) -> str:
    if term is None:
        return ""
    kind, value, datatype, language = term
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
    if language:
        return f"{text}@{language}"
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return f"{text}^^<{datatype}>"
    return text


def solutions_json(answer: Answer) -> str:
    if answer.kind == "boolean":
        return json.dumps({"head": {}, "boolean": answer.boolean})
    bindings = [
        {var: _json_term(term) for var, term in zip(answer.variables, row) if term is not None}
        for row in answer.rows
    ]
    return json.dumps({"head": {"vars": answer.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def solutions_xml(answer: Answer) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(var)}/>" for var in answer.variables]
    out.append("</head>")
    if answer.kind == "boolean":
        out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in answer.rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>"
                for var, term in zip(answer.variables, row)
                if term is not None
            ]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def solutions_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.kind == "boolean":
        writer.writerows([["boolean"], ["true" if answer.boolean else "false"]])
    else:
        writer.writerow(answer.variables)
        writer.writerows([["" if term is None else term[1] for term in row] for row in answer.rows])
    return buffer.getvalue()


def solutions_tsv(answer: Answer) -> str:
    if answer.kind == "boolean":
        return "?boolean\n" + ("true" if answer.boolean else "false") + "\n"
    lines = ["\t".join("?" + var for var in answer.variables)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in answer.rows]
    return "\n".join(lines) + "\n"


SOLUTION_WRITERS = {"json": solutions_json, "xml": solutions_xml, "csv": solutions_csv, "tsv": solutions_tsv}


def graph_text(graph: Graph, fmt: str) -> str:
    """Serialise an rdflib graph as ``ttl``, ``nt``, ``jsonld`` or ``rdf`` (RDF/XML)."""
    bind_prefixes(graph)
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return graph.serialize(format="json-ld", context=context, auto_compact=True)
    return graph.serialize(format=_RDFLIB_NAMES[fmt])


def answer_graph_text(answer: Answer, fmt: str) -> str:
    graph = Graph()
    graph.parse(data=answer.ntriples, format="nt")
    return graph_text(graph, fmt)
