"""Named SPARQL queries, kept as ``graph/queries/NAME.rq`` files.

A query file uses the project's prefixes (``nqg:``, ``eli:``, ``prov:`` …,
see :data:`ontology.vocab.PREFIXES`) without declaring them; they are put in
front of it on its first line, so the engine's line numbers in an error still
match the file. Parameters are bound as RDF terms (see :func:`graph.store.bind`).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from rdflib import URIRef
from rdflib.query import Result

from graph.store import StoreError
from ontology.vocab import PREFIXES

QUERIES = Path(__file__).resolve().parent / "queries"


DECLARATIONS = " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())


def with_prefixes(sparql: str) -> str:
    """``sparql`` with the project's prefixes declared in front, on the same first line
    (so that the engine's line numbers are the query's own)."""
    return f"{DECLARATIONS} {sparql}"


def as_written(message: str) -> str:
    """An engine's error message about :func:`with_prefixes`'s text, its first-line column
    counted in the query as written (``error at 1:753`` → ``error at 1:5``; a server's address,
    ``127.0.0.1:7878``, left as it is)."""
    shift = len(DECLARATIONS) + 1
    return re.sub(r"(?<![.\d])\b1:(\d+)\b",
                  lambda m: f"1:{int(m.group(1)) - shift}" if int(m.group(1)) > shift else m.group(0), message, count=1)


def names() -> list[str]:
    return sorted(path.stem for path in QUERIES.glob("*.rq"))


@cache
def load(name: str) -> str:
    """The text of query ``name``, prefixes declared (read once: the files are part of the program)."""
    path = QUERIES / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(names())}")
    return with_prefixes(path.read_text(encoding="utf-8"))


@contextmanager
def naming(name: str):
    """A query the engine refuses is named in the error, as the catalogue names it."""
    try:
        yield
    except StoreError as error:
        raise type(error)(f"{name}.rq: {error}") from None


def run(store, name: str, **bindings) -> Result:
    """Answer query ``name`` over ``store`` (a :class:`~graph.store.Store` or an rdflib graph)
    with ``bindings`` (variable → rdflib term)."""
    with naming(name):
        return store.query(load(name), initBindings=bindings or None)


# Oxigraph joins a VALUES block of a few hundred terms or more by hashing the whole extent of
# the pattern it binds (1,200 tasks: 520 ms against 4 ms for each hundred), so a long
# collection is bound a hundred terms at a time, where the answers add up.
CHUNK = 100
_ADDS_UP = re.compile(r"\b(GROUP\s+BY|ORDER\s+BY|LIMIT|OFFSET|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\b", re.I)


def select(store, name: str, **bindings) -> list[dict]:
    """The rows of SELECT query ``name`` as plain Python values: IRIs as ``str``, literals as
    ``int``, ``Decimal``, ``date``, ``bool`` or ``str``; unbound variables left out.

    A binding may be one RDF term or a collection of them (see :func:`graph.store.bind`).
    """
    with naming(name):
        if hasattr(store, "select"):
            sparql = load(name)
            if any(isinstance(value, (set, frozenset, list, tuple)) and not value for value in bindings.values()) \
                    and not _ADDS_UP.search(sparql):
                return []  # joined with no values: nothing to ask (Virtuoso refuses such a query as too costly)
            long = [key for key, value in bindings.items() if isinstance(value, (set, frozenset, list, tuple))
                    and len(value) > CHUNK]
            if len(long) == 1 and not _ADDS_UP.search(sparql):
                key, terms = long[0], sorted(bindings[long[0]])
                found = [row for start in range(0, len(terms), CHUNK)
                         for row in store.select(sparql, {**bindings, key: terms[start:start + CHUNK]})]
                if re.search(r"\bDISTINCT\b", sparql, re.I):  # a row two chunks both answer is one row
                    found = list({tuple(sorted(row.items())): row for row in found}.values())
                return found
            return store.select(sparql, bindings or None)
    return [{k: str(v) if isinstance(v, URIRef) else v.toPython() for k, v in row.items()}
            for row in rows(store, name, **bindings)]


def rows(store, name: str, **bindings) -> list[dict]:
    """The rows of SELECT query ``name`` as ``{variable: rdflib term}``, unbound variables left out."""
    return [row.asdict() for row in run(store, name, **bindings)]
