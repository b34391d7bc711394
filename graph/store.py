"""Where the graph lives: one interface, three backends.

Every source document is one named graph, written whole or not at all
(:meth:`Store.replace_graph`); queries see the union of all named graphs.

- :class:`OxigraphStore`: an on-disk Oxigraph database (the default, in
  ``./.nqgraph/``);
- :class:`MemoryStore`: the same engine in memory, for tests and one-off runs;
- :class:`graph.remote.RemoteStore`: any SPARQL 1.1 server, queried through
  its query endpoint and written through the Graph Store HTTP Protocol.

Answers are rdflib :class:`~rdflib.query.Result` objects whatever the backend:
rows of rdflib terms for SELECT (``row.asdict()``, ``row["task"]``),
``askAnswer`` for ASK, ``graph`` for CONSTRUCT and DESCRIBE, and
``serialize(format="json" | "csv" | "xml")``.

Query parameters are RDF terms, never text pasted into a query: they are
written as a ``VALUES`` block at the start of the query's WHERE group, each
term checked and escaped first (:func:`bind`). The same mechanism serves every
backend, so a bound query means the same everywhere (Oxigraph's own
``substitutions`` would refuse a variable the query does not project).
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from abc import ABC, abstractmethod
from dataclasses import dataclass
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.query import Result

DEFAULT_PATH = Path(".nqgraph")
Quad = tuple  # (subject, predicate, object, graph IRI or None for the default graph)


class StoreError(Exception):
    """The store cannot be opened, read or written."""


class StoreNotFound(StoreError):
    """No graph has been built where the store should be."""


class NotFound(LookupError):
    """A plan, unit, item or task asked for by name that the graph does not hold."""


class QueryError(StoreError):
    """The query is malformed or the engine refused it; the message is the engine's."""


class Store(ABC):
    """A set of named graphs, queried as their union."""

    @abstractmethod
    def replace_graph(self, graph_iri: URIRef, triples: Graph | Iterable[tuple]) -> None:
        """Make ``graph_iri`` hold exactly ``triples``, atomically: on failure the old graph stays."""

    @abstractmethod
    def replace_subjects(self, graph_iri: URIRef, subjects: Iterable[URIRef], triples: Graph | Iterable[tuple]) -> None:
        """In ``graph_iri``, make ``subjects`` say exactly what ``triples`` say of them, atomically;
        the graph's other subjects are left as they are."""

    @abstractmethod
    def drop_graph(self, graph_iri: URIRef) -> None:
        """Remove a named graph; dropping an absent graph is not an error."""

    @abstractmethod
    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted."""

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every statement with its graph, as rdflib terms."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of statements (a triple stated in two graphs counts twice)."""

    @abstractmethod
    def _run(self, sparql: str) -> Result:
        """Evaluate query text over the union of the named graphs."""

    @abstractmethod
    def _select(self, sparql: str) -> list[dict]:
        """The rows of a SELECT as ``{variable: plain Python value}``, unbound variables left out."""

    def select(self, sparql: str, bindings: Mapping | None = None) -> list[dict]:
        """Rows of a SELECT with IRIs as ``str`` and literals as Python values (``int``,
        ``Decimal``, ``date``, ``bool``, ``str``): what code that computes with answers needs,
        without building an rdflib term for every cell."""
        return self._select(bind(sparql, bindings) if bindings else sparql)

    def query(self, sparql: str, bindings: Mapping | None = None, *, initBindings: Mapping | None = None) -> Result:
        """Answer ``sparql`` over the union graph, with variables bound to RDF terms.

        ``initBindings`` is rdflib's name for ``bindings``, accepted so a store
        can stand wherever an rdflib graph is queried.
        """
        bindings = bindings or initBindings
        return self._run(bind(sparql, bindings) if bindings else sparql)

    def dataset(self) -> Dataset:
        """A copy of everything, named graphs kept."""
        dataset = Dataset()
        for s, p, o, g in self.quads():
            dataset.add((s, p, o, g or DATASET_DEFAULT_GRAPH_ID))
        return dataset

    def union(self) -> Graph:
        """A copy of the union of all graphs, each triple once."""
        graph = Graph()
        for s, p, o, _ in self.quads():
            graph.add((s, p, o))
        return graph

    def close(self) -> None:
        """Release the store; it is not used afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _ntriples(graph_iri, triples: str | Graph | Iterable[tuple]) -> str:
    """All triples as N-Triples, in hand before a write starts, so a failing producer writes nothing.

    Text is taken as N-Triples already written (by a reader working in another process).
    """
    if isinstance(triples, str):
        return triples
    graph = triples
    if not isinstance(graph, Graph):
        graph = Graph()
        for triple in triples:
            graph.add(triple)
    try:
        return graph.serialize(format="nt")
    except Exception as error:  # rdflib refuses a malformed term with a bare Exception
        raise StoreError(f"cannot write graph {graph_iri}: {error}") from None


# --- Oxigraph -----------------------------------------------------------------


def _from_ox(term):
    """A pyoxigraph term as the rdflib term it stands for."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported term in the store: {term!r}")


_XSD = str(XSD)
_PLAIN = {
    _XSD + "string": str,
    _XSD + "integer": int,
    _XSD + "int": int,
    _XSD + "long": int,
    _XSD + "decimal": Decimal,
    _XSD + "double": float,
    _XSD + "float": float,
    _XSD + "boolean": lambda value: value in ("true", "1"),
    _XSD + "date": date.fromisoformat,
    str(RDF.langString): str,
}


def plain(value: str, datatype: str | None):
    """A literal's lexical form as the Python value its datatype stands for (text when unknown or malformed)."""
    convert = _PLAIN.get(datatype or _XSD + "string")
    if convert is None:
        return value
    try:
        return convert(value)
    except (ValueError, ArithmeticError):
        return value


def _plain_ox(term):
    if isinstance(term, ox.Literal):
        return plain(term.value, term.datatype.value)
    return term.value  # an IRI or a blank node's label


class OxigraphStore(Store):
    """An Oxigraph database in the directory ``path``, or in memory when ``path`` is None.

    ``read_only`` opens a database another process (``nqgraph serve``) may
    hold open for writing.
    """

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.path}: {error}") from None

    def replace_graph(self, graph_iri, triples) -> None:
        name = sparql_term(URIRef(graph_iri))
        body = _ntriples(graph_iri, triples)
        try:  # one update is one transaction
            self._store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        except (SyntaxError, OSError, RuntimeError) as error:
            raise StoreError(f"cannot write graph {graph_iri}: {error}") from None

    def replace_subjects(self, graph_iri, subjects, triples) -> None:
        name = sparql_term(URIRef(graph_iri))
        subjects = " ".join(sparql_term(URIRef(s)) for s in subjects)
        body = _ntriples(graph_iri, triples)
        try:  # one update is one transaction
            self._store.update(f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {subjects} }} "
                               f"GRAPH {name} {{ ?s ?p ?o }} }} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        except (SyntaxError, OSError, RuntimeError) as error:
            raise StoreError(f"cannot write graph {graph_iri}: {error}") from None

    def drop_graph(self, graph_iri) -> None:
        node = ox.NamedNode(str(graph_iri))
        if self._store.contains_named_graph(node):
            self._store.remove_graph(node)

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs())

    def quads(self) -> Iterator[Quad]:
        for quad in self._store:
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else _from_ox(quad.graph_name)
            yield _from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object), graph

    def __len__(self) -> int:
        return len(self._store)

    def _run(self, sparql: str) -> Result:
        try:
            answer = self._store.query(sparql, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                result = Result("ASK")
                result.askAnswer = bool(answer)
            elif isinstance(answer, ox.QuerySolutions):
                names = [v.value for v in answer.variables]
                result = Result("SELECT")
                result.vars = [Variable(n) for n in names]
                result.bindings = [
                    {Variable(n): _from_ox(row[n]) for n in names if row[n] is not None} for row in answer
                ]
            else:
                result = Result("CONSTRUCT")
                result.graph = Graph()
                for triple in answer:
                    result.graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(str(error)) from None
        return result

    def _select(self, sparql: str) -> list[dict]:
        try:
            answer = self._store.query(sparql, use_default_graph_as_union=True)
            if not isinstance(answer, ox.QuerySolutions):
                raise QueryError("a SELECT query was expected")
            names = [v.value for v in answer.variables]  # a row read whole is read fastest, not cell by cell
            return [{n: _plain_ox(v) for n, v in zip(names, row) if v is not None} for row in answer]
        except (SyntaxError, RuntimeError) as error:
            raise QueryError(str(error)) from None

    def close(self) -> None:
        if self.path is not None and not self.read_only and self._store is not None:
            self._store.flush()
        self._store = None


class MemoryStore(OxigraphStore):
    """Oxigraph in memory: nothing is written to disk."""

    def __init__(self):
        super().__init__(None)


# --- opening a store ------------------------------------------------------------


def open_store(spec: str | os.PathLike | None = None, *, create: bool = False, read_only: bool = False) -> Store:
    """The store named by ``spec``, else ``$NQGRAPH_STORE``, else ``./.nqgraph/``.

    An ``http(s)://`` spec is a remote server's query endpoint (its Graph
    Store URL from ``$NQGRAPH_GSP_URL`` or derived, see :class:`graph.remote.RemoteStore`);
    anything else is an Oxigraph directory, made when ``create`` is set.
    """
    spec = str(spec or os.environ.get("NQGRAPH_STORE") or DEFAULT_PATH)
    if spec.startswith(("http://", "https://")):
        from graph.remote import RemoteStore

        return RemoteStore(spec, os.environ.get("NQGRAPH_GSP_URL"))
    path = Path(spec)
    if not (path / "CURRENT").is_file():  # every Oxigraph (RocksDB) directory has one
        if not create:
            raise StoreNotFound(f"no graph at {path}; run nqgraph build first")
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{path} is not an nqgraph store; name a new or empty directory")
    return OxigraphStore(path, read_only=read_only and not create)


# --- binding parameters -----------------------------------------------------------

_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_VARIABLE = re.compile(r"\w+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def sparql_term(term) -> str:
    """``term`` written in SPARQL syntax, after checking it cannot be read as anything else."""
    if isinstance(term, URIRef):
        if not _IRI_CHARS.fullmatch(term):
            raise ValueError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + "".join(_ESCAPES.get(c, c) for c in str(term)) + '"'
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise ValueError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != RDF.langString:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    raise TypeError(f"cannot bind {term!r}: a parameter is an rdflib URIRef or Literal")


# Just enough of SPARQL's lexer to find the WHERE group: braces outside
# comments, strings and IRIs, and the words that tell the query form.
_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[?$:]?\w[\w.:-]*)
      | (?P<brace>[{}])""",
    re.VERBOSE,
)


def query_form(sparql: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first keyword past the prologue."""
    for match in _TOKENS.finditer(sparql):
        if match.lastgroup == "word" and match.group().upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return match.group().upper()
    raise QueryError("not a SPARQL query: SELECT, CONSTRUCT, ASK or DESCRIBE expected")


@dataclass(frozen=True)
class WhereGroup:
    """Where a query's outer WHERE group opens and closes, what it starts with, and, when all
    it holds is one ``GRAPH ?g { … }`` pattern, where that pattern's name and group stand."""

    start: int
    end: int
    subselect: bool
    graph_name: tuple[int, int] | None = None   # offsets of the GRAPH pattern's ?g or <iri>
    graph_start: int | None = None               # offset of that pattern's opening brace


@lru_cache(maxsize=512)
def _where_group(sparql: str) -> WhereGroup:
    """The outer WHERE group of ``sparql`` (worked out once per query text: the named queries
    are bound again and again)."""
    depth, previous, start, seen = 0, [], None, []
    for match in _TOKENS.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "comment" or (kind == "string" and start is None):
            continue
        if start is not None and depth == 1:
            seen.append(match)
        if text == "{":
            if depth == 0 and start is None:
                before = [w.upper() for w in previous[-2:]]
                if before[-1:] == ["CONSTRUCT"]:
                    pass  # the template, not the pattern
                elif before == ["CONSTRUCT", "WHERE"]:
                    raise ValueError("parameters need a WHERE group: write CONSTRUCT { … } WHERE { … }")
                else:
                    start, seen = match.start(), []
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0 and start is not None:
                first = seen[0].group().upper() if seen else ""
                group = WhereGroup(start, match.start(), first == "SELECT")
                if first == "GRAPH" and len(seen) == 4 and seen[2].group() == "{":
                    group = WhereGroup(start, match.start(), False, seen[1].span(), seen[2].start())
                return group
        if depth == 0:
            previous.append(text)
    raise ValueError("parameters need a query with a WHERE group")


def bind(sparql: str, bindings: Mapping) -> str:
    """``sparql`` with ``bindings`` joined in at the start of its WHERE group.

    A binding maps a variable name to an RDF term, or to a collection of terms
    the variable may take (``VALUES ?task { … }``): one query then answers for
    a whole set of nodes, such as one step of a walk down the cascade. When
    the WHERE group is one ``GRAPH ?g { … }`` pattern, the values go inside
    it, and ``?g`` bound to one graph is written as that graph's name: engines
    start from a pattern's own bound terms, not from a join around it.
    """
    names, terms, blocks = [], [], []
    for name, term in bindings.items():
        name = str(name).lstrip("?$")
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"not a variable name: {name!r}")
        if isinstance(term, (list, tuple, set, frozenset)):
            blocks.append(f" VALUES ?{name} {{ {' '.join(sparql_term(t) for t in sorted(term))} }}")
        else:
            names.append(f"?{name}")
            terms.append(sparql_term(term))
    if names:
        blocks.insert(0, f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}")
    values = "".join(blocks) + " "
    group = _where_group(sparql)
    if group.subselect:
        return f"{sparql[:group.start + 1]}{values}{{ {sparql[group.start + 1:group.end]} }}{sparql[group.end:]}"
    if group.graph_start is not None:
        first, last = group.graph_name
        name = sparql[first:last]
        if name[:1] in "?$" and f"?{name[1:]}" in names:
            name = terms[names.index(f"?{name[1:]}")]
        return (f"{sparql[:first]}{name}{sparql[last:group.graph_start + 1]}{values}"
                f"{sparql[group.graph_start + 1:]}")
    return f"{sparql[:group.start + 1]}{values}{sparql[group.start + 1:]}"
