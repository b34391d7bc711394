"""Readable, stable IRIs for everything in the graph.

One configurable base (``NQGRAPH_BASE``, default ``https://nqgraph.org/id/``);
every IRI is derived from what the documents say (numbers, names, dates), never
from counters or random ids, so rebuilding the same corpus gives the same IRIs.
No blank nodes are minted anywhere, for the same reason.
"""

import hashlib
import os
import re

from rdflib import URIRef

from loaders.text import fold, slug

DEFAULT_BASE = "https://nqgraph.org/id/"


def base() -> str:
    value = os.environ.get("NQGRAPH_BASE", DEFAULT_BASE)
    return value if value.endswith(("/", "#")) else value + "/"


def iri(*segments: str) -> URIRef:
    return URIRef(base() + "/".join(segments))


def number_slug(number: str) -> str:
    """``71/NQ-CP`` → ``71-NQ-CP``; ``1565/QĐ-TTg`` → ``1565-QD-TTG``; ``147 (8)`` → ``147-8``."""
    value = re.sub(r"[^A-Z0-9.]+", "-", fold(number).upper())
    return value.strip("-.") or "x"


def resolution(number: str) -> URIRef:
    """A resolution (``57-NQ/TW``, ``71/NQ-CP``)."""
    return iri("resolution", number_slug(number))


def document(number: str, year: int | None = None) -> URIRef:
    """Any other cited document; the year disambiguates numbers reused each year."""
    parts = ["document", number_slug(number)]
    if year:
        parts.append(str(year))
    return iri(*parts)


def cited(number: str, doc_type: str, year: int | None = None) -> URIRef:
    """A cited document: resolutions under ``resolution/``, the rest under ``document/``."""
    return resolution(number) if doc_type == "NQ" else document(number, year)


def programme_item(programme: str, number: str) -> URIRef:
    """An item of a Government programme by the number its task list prints: ``…/71-NQ-CP/item/48``."""
    return iri("resolution", number_slug(programme), "item", number_slug(number))


def nq71_item(number: str) -> URIRef:
    return programme_item("71/NQ-CP", number)


def programme_of(item: URIRef) -> URIRef:
    """The resolution a programme item belongs to: ``…/71-NQ-CP/item/48`` → ``…/71-NQ-CP``."""
    return URIRef(str(item).rsplit("/item/", 1)[0])


def nq57_task(number: str) -> URIRef:
    return iri("resolution", "57-NQ-TW", "task", number_slug(number))


def nq57_group(number: str) -> URIRef:
    return iri("resolution", "57-NQ-TW", "group", number_slug(number))


def plan(issuer_key: str, year: int | None, number: str | None, date_iso: str | None, title: str = "") -> URIRef:
    """``plan/<issuer>/<year>/<number>``; without a number, by its date; without either, by its title."""
    title = re.sub(r"^\s*k[eế] ho[aạ]ch\b", "", title, flags=re.IGNORECASE)
    tail = number_slug(number) if number else date_iso or slug(title, 48) if title.strip() else "undated"
    return iri("plan", issuer_key.replace("/", "--"), str(year or "undated"), tail)


def part(parent: URIRef, *segments: str) -> URIRef:
    """A part of a resource: ``<plan>/task/iii-1.1``, ``<task>/source``."""
    return URIRef(str(parent) + "/" + "/".join(segments))


def unit(key: str) -> URIRef:
    """A unit; ``key`` is its slug path, parent first."""
    return iri("unit", key)


def named_graph(document_name: str) -> URIRef:
    """The named graph holding everything read from one source document.

    Named by the file's name, readable, and by a digest of it, since names
    that differ only in case, marks or punctuation (``Kế hoạch 1.txt``,
    ``ke_hoach_1.txt``) slug alike and would otherwise share a graph.
    """
    digest = hashlib.sha1(document_name.encode("utf-8")).hexdigest()[:10]
    return iri("graph", f"{slug(document_name, 100)}-{digest}")


def reference_graph() -> URIRef:
    return iri("graph", "reference")


def derivation(task: URIRef, upstream: URIRef) -> URIRef:
    """``<task>/derivation/<upstream path as a slug>``: one node per linked pair, stated or inferred."""
    return part(task, "derivation", slug(str(upstream).removeprefix(base()), 120))
