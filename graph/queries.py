"""Named SPARQL queries, kept as ``graph/queries/NAME.rq`` files.

A query file uses the project's prefixes (``nqg:``, ``eli:``, ``prov:`` …,
see :data:`ontology.vocab.PREFIXES`) without declaring them; they are put in
front of it on its first line, so the engine's line numbers in an error still
match the file. Parameters are bound as RDF terms (see :func:`graph.store.bind`).
"""

from __future__ import annotations

from pathlib import Path

from rdflib.query import Result

from ontology.vocab import PREFIXES

QUERIES = Path(__file__).resolve().parent / "queries"


def with_prefixes(sparql: str) -> str:
    """``sparql`` with the project's prefixes declared in front, on the same first line."""
    declarations = " ".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())
    return f"{declarations} {sparql}"


def names() -> list[str]:
    return sorted(path.stem for path in QUERIES.glob("*.rq"))


def load(name: str) -> str:
    """The text of query ``name``, prefixes declared."""
    path = QUERIES / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(names())}")
    return with_prefixes(path.read_text(encoding="utf-8"))


def run(store, name: str, **bindings) -> Result:
    """Answer query ``name`` over ``store`` (a :class:`~graph.store.Store` or an rdflib graph)
    with ``bindings`` (variable → rdflib term)."""
    return store.query(load(name), initBindings=bindings or None)


def rows(store, name: str, **bindings) -> list[dict]:
    """The rows of SELECT query ``name`` as ``{variable: rdflib term}``, unbound variables left out."""
    return [row.asdict() for row in run(store, name, **bindings)]
