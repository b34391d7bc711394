"""A graph held by a SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso …).

Queries go to the server's query endpoint as the SPARQL Protocol's form
posts; writes go to its Graph Store endpoint, one whole graph per PUT. Two
things servers do that an embedded store does not are handled here, so that
the rest of nqgraph sees the same answers whatever holds the graph:

- **Other graphs.** A server may hold graphs that are not nqgraph's
  (Virtuoso's own system graphs, another application's data). The store's
  own reads (:meth:`~RemoteStore.graphs`, :meth:`~RemoteStore.quads`,
  ``len``) see only the graphs under ``graph_prefix``, nqgraph's graph names
  (``<base>graph/``), and so ``build --clean``, ``export`` and the counts
  never touch or count the others.
- **Row caps.** A server may cut an answer at a number of rows (Virtuoso:
  ``ResultSetMaxRows``, 10,000 in Debian's ``virtuoso.ini``). A SELECT cut
  so is read again in pages of that size (``LIMIT``/``OFFSET``); a query
  sorted by its variables is sorted here, since a server that caps rows
  also caps what it sorts, and not every server sorts text as SPARQL does.
  A graph answer (CONSTRUCT, DESCRIBE), which cannot be paged, is refused
  when it holds as many triples as the cap. An answer is never silently
  short.

A refusal is one line naming the server, what was asked and what the server
said, its HTML or echoed query left out. What is particular to Virtuoso is
in one place, :class:`Virtuoso`; docs/deploy.md says what each server needs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.query import Result

from graph.store import Quad, QueryError, Store, StoreError, _ntriples, _TOKENS, _where_group, plain, query_form, sparql_term

RESULTS_JSON = "application/sparql-results+json"


def _from_json(cell: dict):
    """A term of the SPARQL 1.1 JSON results format as an rdflib term."""
    if cell["type"] == "uri":
        return URIRef(cell["value"])
    if cell["type"] == "bnode":
        return BNode(cell["value"])
    if "xml:lang" in cell:
        return Literal(cell["value"], lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype and datatype != str(XSD.string):
        return Literal(cell["value"], datatype=URIRef(datatype))
    return Literal(cell["value"])


def _plain_json(cell: dict):
    if cell["type"] in ("uri", "bnode"):
        return cell["value"]
    return plain(cell["value"], cell.get("datatype") or (str(RDF.langString) if "xml:lang" in cell else None))


class Virtuoso:
    """What OpenLink Virtuoso does otherwise than the SPARQL 1.1 Protocol says, and how it is met.

    - A SELECT cut at ``ResultSetMaxRows`` carries ``X-SPARQL-MaxRows: N``;
      a CONSTRUCT cut at it carries nothing, so the cap is asked for once
      with a SELECT of more rows than any cap (:attr:`PROBE`).
    - A query stopped at ``MaxQueryExecutionTime`` may answer what it found
      so far, with ``X-SQL-State`` set: that answer is refused.
    - A query sorting more rows than ``MaxSortedTopRows`` (its ``ORDER BY``
      with an ``OFFSET`` and ``LIMIT`` past it) is refused (SR353), whatever
      the row cap: it is read in pages of that many rows and sorted here.
    - ``SELECT DISTINCT`` may answer a row twice (seen with strings a graph
      holds on several nodes): such answers are made distinct here.
    - An ASK is answered in JSON as a table of one column, ``__ASK_RETVAL``,
      one row (1) when true and none when false (:meth:`boolean`).
    - Stored strings are not sorted in code point order (SPARQL's, and
      Oxigraph's), and some sorted DISTINCT queries were answered with no
      rows: a query sorted by its variables is sorted here (a sorted answer
      the query itself cuts with LIMIT is the server's).
    - Errors come as HTML (Graph Store) or as text followed by the query.
    """

    MAX_ROWS = "X-SPARQL-MaxRows"
    PARTIAL = "X-SQL-State"
    PROBE = ("SELECT ?a ?b ?c WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } }"
             % ((" ".join(map(str, range(50))),) * 3))  # 125,000 rows, more than any configured cap

    @staticmethod
    def serves(response) -> bool:
        return response.headers.get("Server", "").startswith("Virtuoso")

    @staticmethod
    def boolean(payload: dict) -> bool:
        """An ASK's answer in the SPARQL 1.1 JSON results format, or as Virtuoso gives it."""
        if "boolean" in payload:
            return bool(payload["boolean"])
        rows = payload["results"]["bindings"] if payload.get("head", {}).get("vars") == ["__ASK_RETVAL"] else None
        if rows is None:
            raise StoreError("an ASK was answered with neither a boolean nor Virtuoso's table of one")
        return bool(rows) and rows[0]["__ASK_RETVAL"]["value"] not in ("0", "false")

    @staticmethod
    def sorts_at_most(response) -> int | None:
        """The rows a refused query would have had the server sort past its limit, if that was the refusal."""
        found = re.search(r"\bSR353:.*?Only (\d+) are allowed", response.text)
        return int(found.group(1)) if found else None


def _server_said(response) -> str:
    """The server's own words in an error answer, on one line: tags, page titles and an
    echoed query left out."""
    text = response.text
    if "html" in response.headers.get("Content-Type", "") or text.lstrip().startswith("<"):
        text = re.sub(r"(?is)<(head|title|h1)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.split(r"\n\s*SPARQL query:", text, maxsplit=1)[0]  # Virtuoso repeats the query after its message
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:399] + "…"


def _modifiers(sparql: str) -> tuple[int, list[tuple[str, str]], int, int | None, str]:
    """The outer query's solution modifiers: where they start, its ORDER BY keys (direction,
    variable), OFFSET, LIMIT, and a trailing VALUES block. An ORDER BY key that is not a plain
    variable is given as its text with direction ``"?"``. A query without a WHERE group has none
    (the server says what is wrong with it)."""
    try:
        group = _where_group(sparql)
    except ValueError:
        return len(sparql), [], 0, None, ""
    start = group.end + 1
    tail = list(sparql[start:])
    for match in _TOKENS.finditer(sparql, start):
        if match.lastgroup == "comment":
            tail[match.start() - start:match.end() - start] = " " * (match.end() - match.start())
    tail = "".join(tail)
    values = re.search(r"\bVALUES\b.*\Z", tail, re.I | re.S)
    values_text = values.group() if values else ""
    tail = tail[:values.start()] if values else tail
    limit = re.search(r"\bLIMIT\s+(\d+)", tail, re.I)
    offset = re.search(r"\bOFFSET\s+(\d+)", tail, re.I)
    order = re.search(r"\bORDER\s+BY\b(.*?)(?=\bLIMIT\b|\bOFFSET\b|\Z)", tail, re.I | re.S)
    keys = []
    if order:
        for key in re.finditer(r"(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+)|(\S+)", order.group(1), re.I):
            if key.group(4):
                keys.append(("?", key.group(4)))
            else:
                keys.append(((key.group(1) or "ASC").upper(), key.group(2) or key.group(3)))
    cut = min([m.start() for m in (limit, offset, order) if m] + [len(tail)])
    return (start + cut, keys, int(offset.group(1)) if offset else 0, int(limit.group(1)) if limit else None,
            values_text)


def _asks_distinct(sparql: str) -> bool:
    """Whether the outer query is ``SELECT DISTINCT`` (or ``REDUCED``)."""
    words = (m.group().upper() for m in _TOKENS.finditer(sparql) if m.lastgroup == "word")
    for word in words:
        if word == "SELECT":
            return next(words, "") in ("DISTINCT", "REDUCED")
    return False


def _term_key(cell: dict) -> tuple:
    """A JSON term as RDF compares it: a plain literal and an ``xsd:string`` one are the same."""
    datatype = cell.get("datatype")
    return ("literal" if cell["type"] == "typed-literal" else cell["type"], cell["value"], cell.get("xml:lang"),
            None if datatype == str(XSD.string) else datatype)


def _distinct(rows: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for row in rows:
        key = tuple(sorted((name, _term_key(cell)) for name, cell in row.items()))
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _sort(rows: list[dict], keys: list[tuple[str, str]]) -> None:
    """Put ``rows`` in the order of ORDER BY ``keys``, all plain variables (ties keep their order)."""
    for direction, name in reversed(keys):  # stable sorts, the last key first
        rows.sort(key=lambda row: _order_key(row.get(name)), reverse=direction == "DESC")


def _order_key(cell: dict | None):
    """SPARQL's order of terms, for one ORDER BY key: unbound, blank nodes, IRIs, then literals
    (numbers by value, dates, then text)."""
    if cell is None:
        return (0, 0, "")
    if cell["type"] in ("bnode", "uri"):
        return (1 if cell["type"] == "bnode" else 2, 0, cell["value"])
    value = _plain_json(cell)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return (3, 0, value)
    return (3, 1 if hasattr(value, "isoformat") and not isinstance(value, str) else 2, str(value))


class RemoteStore(Store):
    """A SPARQL 1.1 server: queries go to ``query_url``, writes to the Graph Store ``store_url``.

    The server must answer queries over the union of its named graphs
    (``oxigraph serve --union-default-graph``; Fuseki: ``unionDefaultGraph``;
    Virtuoso does so by default). ``store_url`` defaults to the query URL with
    ``/query`` replaced by ``/store``, Oxigraph's layout. The store's own reads
    see the graphs whose names start with ``graph_prefix`` (default: the
    graphs nqgraph names, ``<base>graph/``).
    """

    def __init__(self, query_url: str, store_url: str | None = None, timeout: float = 120,
                 graph_prefix: str | None = None):
        from ontology import ids

        if store_url is None and query_url.rstrip("/").endswith("/query"):
            store_url = query_url.rstrip("/")[: -len("query")] + "store"
        self.query_url, self.store_url, self.timeout = query_url, store_url, timeout
        self.graph_prefix = graph_prefix or str(ids.iri("graph", ""))
        self.server = None   # the server's name and version, from its first answer
        self.max_rows = None  # the rows the server cuts an answer at: 0 when it cuts none it was seen to

    # --- talking to the server

    def _refused(self, what: str, response) -> str:
        said = _server_said(response)
        hint = ""
        if response.status_code in (401, 403) and what.startswith("write"):
            hint = (" (the server refuses nqgraph's writes; on Virtuoso run GRANT SPARQL_UPDATE TO \"SPARQL\" "
                    "in isql, see docs/deploy.md)")
        return f"{self.query_url} ({self.server or 'SPARQL server'}) refused to {what}: " \
               f"{response.status_code} {response.reason}: {said}{hint}"

    def _send(self, method: str, url: str, what: str, **kwargs):
        import requests

        try:
            response = requests.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise StoreError(f"cannot reach {url} to {what}: {error}") from None
        self.server = self.server or response.headers.get("Server", "").split(" ")[0] or None
        return response

    def _ask(self, sparql: str, accept: str, sorted_pages: bool = False):
        """The answer to a query, as the server sent it."""
        what = f"answer {_first_line(sparql)}"
        response = self._send("POST", self.query_url, what, data={"query": sparql.encode("utf-8")},
                              headers={"Accept": accept})
        if sorted_pages and not response.ok and Virtuoso.sorts_at_most(response):
            return response
        if not response.ok:
            error = QueryError if response.status_code == 400 else StoreError
            raise error(self._refused(what, response))
        if response.headers.get(Virtuoso.PARTIAL):
            raise StoreError(f"{self.query_url} ({self.server}) stopped {what} before it was answered and sent "
                             f"part of the answer ({response.headers.get('X-SQL-Message', '').strip()}): raise "
                             "MaxQueryExecutionTime in the server's [SPARQL] settings, see docs/deploy.md")
        return response

    def _gsp(self, method: str, graph_iri, what: str, **kwargs):
        if not self.store_url:
            raise StoreError(f"no Graph Store URL for {self.query_url}: set NQGRAPH_GSP_URL")
        return self._send(method, self.store_url, what, params={"graph": str(graph_iri)}, **kwargs)

    # --- reading

    def _rows(self, sparql: str) -> tuple[list[str], list[dict]]:
        """The variables and JSON rows of a SELECT: every row (in pages when the server cuts the
        answer), each once if it asks for distinct rows, in the order it asks for.

        A query sorted by its variables is sent without its ORDER BY and sorted here: SPARQL's
        order of terms then holds whatever the server's collation, and the server is not asked
        to sort more than it will (Virtuoso's ``MaxSortedTopRows``) nor to sort and cut at once
        (Virtuoso 7.2 answered some sorted DISTINCT queries with no rows when it did).
        """
        cut, keys, offset, limit, values = _modifiers(sparql)
        here = keys and all(direction != "?" for direction, _ in keys)
        sent = f"{sparql[:cut]} {values}" if here and offset == 0 and limit is None else sparql
        response = self._ask(sent, RESULTS_JSON, sorted_pages=True)
        if not response.ok:  # sorting more than the server will: read it unsorted, in pages of what it sorts
            names, rows = self._pages(sparql, Virtuoso.sorts_at_most(response))
        else:
            payload = response.json()
            names, rows = payload["head"].get("vars", []), payload["results"]["bindings"]
            cap = response.headers.get(Virtuoso.MAX_ROWS)
            if cap is not None and len(rows) >= int(cap):
                self.max_rows = int(cap)
                names, rows = self._pages(sparql, int(cap))
            elif sent is not sparql:
                _sort(rows, keys)
        return names, (_distinct(rows) if _asks_distinct(sparql) else rows)

    def _pages(self, sparql: str, cap: int) -> tuple[list[str], list[dict]]:
        """Every row of a SELECT the server cuts at ``cap`` rows, read ``cap`` rows at a time.

        The pages are asked for without the query's ORDER BY; the rows are sorted here, then
        the query's own OFFSET and LIMIT taken. Unsorted, the pages start at its OFFSET and
        stop at its LIMIT.
        """
        cut, keys, offset, limit, values = _modifiers(sparql)
        unsorted = [k for k in keys if k[0] == "?"]
        if unsorted:
            raise QueryError(f"{self.query_url} ({self.server}) cuts answers at {cap} rows and {_first_line(sparql)} "
                             f"is longer; nqgraph reads such answers in pages and sorts them, but cannot sort by "
                             f"{unsorted[0][1]}: order by variables, or raise ResultSetMaxRows (docs/deploy.md)")
        start, stop = (0, None) if keys else (offset, limit)
        names, rows = [], []
        while stop is None or len(rows) < stop:
            size = cap if stop is None else min(cap, stop - len(rows))
            page = self._ask(f"{sparql[:cut]} LIMIT {size} OFFSET {start + len(rows)} {values}", RESULTS_JSON).json()
            names, got = page["head"].get("vars", []), page["results"]["bindings"]
            rows += got
            if len(got) < size:
                break
        if keys:
            _sort(rows, keys)
            rows = rows[offset:None if limit is None else offset + limit]
        return names, rows

    def _select(self, sparql: str) -> list[dict]:
        return [{k: _plain_json(v) for k, v in row.items()} for row in self._rows(sparql)[1]]

    def _run(self, sparql: str) -> Result:
        kind = query_form(sparql)
        if kind == "ASK":
            result = Result("ASK")
            result.askAnswer = Virtuoso.boolean(self._ask(sparql, RESULTS_JSON).json())
        elif kind == "SELECT":
            names, rows = self._rows(sparql)
            result = Result("SELECT")
            result.vars = [Variable(v) for v in names]
            result.bindings = [{Variable(k): _from_json(v) for k, v in row.items()} for row in rows]
        else:
            response = self._ask(sparql, "application/n-triples")
            result = Result("CONSTRUCT")
            # RDF's text formats are UTF-8 whatever the header says
            result.graph = Graph().parse(data=response.content.decode("utf-8"), format="nt")
            cap = self._cap(response)
            if cap and len(result.graph) >= cap:
                raise QueryError(f"{self.query_url} ({self.server}) cuts answers at {cap} triples and the answer "
                                 f"to {_first_line(sparql)} reached it: a graph answer cannot be read in pages; "
                                 "add a LIMIT, ask a SELECT, or raise ResultSetMaxRows (docs/deploy.md)")
        return result

    def _cap(self, response) -> int:
        """The rows the server cuts answers at (0: none seen), asked once of a server known to cut
        graph answers without saying so."""
        if self.max_rows is None and Virtuoso.serves(response):
            probe = self._ask(Virtuoso.PROBE, RESULTS_JSON)
            self.max_rows = int(probe.headers.get(Virtuoso.MAX_ROWS) or 0)
        return self.max_rows or 0

    def graphs(self) -> list[URIRef]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(self.graph_prefix))})) }}")
        return sorted(URIRef(row["g"]) for row in rows)

    def _graph_rows(self, graph_iri) -> list[dict]:
        return self._rows(f"SELECT ?s ?p ?o WHERE {{ GRAPH {sparql_term(URIRef(graph_iri))} {{ ?s ?p ?o }} }}")[1]

    def quads(self) -> Iterator[Quad]:
        """Graph by graph, each read whole (in pages when the server cuts it)."""
        for graph_iri in self.graphs():
            for row in self._graph_rows(graph_iri):
                yield _from_json(row["s"]), _from_json(row["p"]), _from_json(row["o"]), graph_iri

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(self.graph_prefix))})) }}")
        return int(rows[0]["n"])

    # --- writing

    def replace_graph(self, graph_iri, triples) -> None:
        body = _ntriples(graph_iri, triples).encode("utf-8")
        what = f"write graph {graph_iri}"
        response = self._gsp("PUT", graph_iri, what, data=body,
                             headers={"Content-Type": "application/n-triples; charset=utf-8"})
        if not response.ok:
            raise StoreError(self._refused(what, response))

    def replace_subjects(self, graph_iri, subjects, triples) -> None:
        """The Graph Store Protocol writes whole graphs: read the graph (through queries, which
        are paged, where a Graph Store read may be cut short), change it, put it back."""
        kept = Graph()
        for row in self._graph_rows(graph_iri):
            kept.add((_from_json(row["s"]), _from_json(row["p"]), _from_json(row["o"])))
        for subject in subjects:
            kept.remove((URIRef(subject), None, None))
        for triple in Graph().parse(data=_ntriples(graph_iri, triples), format="nt"):
            kept.add(triple)
        self.replace_graph(graph_iri, kept)

    def drop_graph(self, graph_iri) -> None:
        what = f"write graph {graph_iri} (drop it)"
        response = self._gsp("DELETE", graph_iri, what)
        if not response.ok and response.status_code != 404:
            raise StoreError(self._refused(what, response))


def _first_line(sparql: str) -> str:
    """A query named in a message: its first line past the prefixes, shortened."""
    text = re.sub(r"(?is)^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*", "", sparql)
    text = " ".join(text.split())
    return f"the query “{text[:60]}…”" if len(text) > 60 else f"the query “{text}”"
