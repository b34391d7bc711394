"""The read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

Queries come by GET (``query=``), by POST as a form or as an
``application/sparql-query`` body, with ``default-graph-uri`` and
``named-graph-uri`` to pick a dataset (by default the union of all graphs).
Every query runs in a killable worker (:mod:`service.querypool`), bounded by
``SPARQL_TIMEOUT`` seconds and ``SPARQL_MAX_ROWS`` rows, that can reach no other
server: federated queries (SERVICE) are refused. Updates are refused.
Without a query the endpoint describes itself (SPARQL Service Description).
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, redirect, request, url_for
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from service import negotiation
from service.querypool import QueryError
from service.results import GRAPH_FORMATS, SOLUTION_FORMATS, SOLUTION_WRITERS, answer_graph_text, graph_text

blueprint = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

_COMMENT_LINE = re.compile(r"^\s*#.*$", re.M)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.I,
)
_SOLUTION_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml"}
# SPARQLWrapper asks for RDF/XML graphs with ``format=xml``
_GRAPH_ALIASES = {"json": "jsonld", "xml": "rdf", "application/json": "jsonld", "application/xml": "rdf", "text/plain": "nt"}

QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded", "multipart/form-data")

READ_ONLY = (
    "This endpoint is read-only: SPARQL Update ({what}) is not accepted. "
    "The graph is rebuilt from the source documents with `nqgraph build`."
)


def update_keyword(query: str) -> str | None:
    """The update operation ``query`` starts with (``INSERT``, ``DROP``…), if it is one."""
    match = _UPDATE.match(_COMMENT_LINE.sub("", query))
    return match.group(1).upper() if match else None


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _read_request() -> tuple[str | None, str | None]:
    """The query and the update text of this request, by the protocol's three ways of sending them."""
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == "application/sparql-query":
            return request.get_data(as_text=True), None
        if mimetype == "application/sparql-update":
            return None, request.get_data(as_text=True)
        return request.form.get("query"), request.form.get("update")
    return request.args.get("query"), request.args.get("update")


def _graph_list(name: str) -> list[str]:
    return request.args.getlist(name) + (request.form.getlist(name) if request.method == "POST" else [])


@blueprint.after_request
def allow_other_sites(response: Response) -> Response:
    """Let query editors served from other sites read the answers (the endpoint is public and read-only)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint():
    if request.method == "POST" and request.mimetype not in QUERY_TYPES + ("application/sparql-update",):
        return _text(f"A query is sent as {' or '.join(QUERY_TYPES[:2])}, not {request.mimetype or 'no type'}.", 415)
    if len(request.values.getlist("query")) > 1:
        return _text("Send one query at a time: this request has several query parameters.", 400)
    query, update = _read_request()
    if update is not None:
        return _text(READ_ONLY.format(what="update"), 403)
    if not query:
        return service_description()
    keyword = update_keyword(query)
    if keyword:
        return _text(READ_ONLY.format(what=keyword), 403)
    pool = current_app.extensions["nqgraph.pool"]
    named = _graph_list("named-graph-uri")
    try:
        answer = pool.run(query, default_graphs=_graph_list("default-graph-uri"), named_graphs=named or None)
    except QueryError as error:
        return _text(str(error), error.status)
    if answer.kind == "triples":
        fmt = negotiation.choose(GRAPH_FORMATS, accept_aliases=_GRAPH_ALIASES)
        if fmt is None:
            return _text("Unknown graph format; use ttl, nt, jsonld or rdf.", 406)
        body, mimetype = answer_graph_text(answer, fmt), GRAPH_FORMATS[fmt]
    else:
        fmt = negotiation.choose(SOLUTION_FORMATS, accept_aliases=_SOLUTION_ALIASES)
        if fmt is None:
            return _text("Unknown result format; use json, xml, csv or tsv.", 406)
        body, mimetype = SOLUTION_WRITERS[fmt](answer), SOLUTION_FORMATS[fmt]
    return Response(body, mimetype=mimetype, headers={"Vary": "Accept"})


def service_description() -> Response:
    """Describe the endpoint; a browser asking for HTML is sent to the query editor instead."""
    if request.accept_mimetypes.best == "text/html" and "format" not in request.args:
        return redirect(url_for("explorer.editor"))
    fmt = negotiation.choose(GRAPH_FORMATS, accept_aliases=_GRAPH_ALIASES) or "ttl"
    here = URIRef(request.base_url)
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.add((here, RDF.type, SD.Service))
    graph.add((here, SD.endpoint, here))
    graph.add((here, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((here, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((here, SD.resultFormat, FORMATS[name]))
    dataset = BNode("dataset")
    graph.add((here, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    for name in current_app.extensions["nqgraph.reader"].named_graphs():
        entry = BNode()
        graph.add((dataset, SD.namedGraph, entry))
        graph.add((entry, RDF.type, SD.NamedGraph))
        graph.add((entry, SD.name, URIRef(name)))
    return Response(graph_text(graph, fmt), mimetype=GRAPH_FORMATS[fmt])
