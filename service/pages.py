"""How an explorer page answers: HTML, its JSON twin, or its table as CSV.

Every page is built from plain data (``data``) and, where it shows a list,
one :class:`Table`. ``/plans`` is the page, ``/plans.json`` (or
``?format=json``) the same data as JSON, ``/plans.csv`` the table as CSV,
as Datasette does.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from datetime import date
from decimal import Decimal

from flask import Response, current_app, jsonify, render_template, request
from rdflib import Literal, URIRef

from ontology.vocab import PREFIXES

TABLE_FORMATS = ("json", "csv")
# What an IRI may hold in SPARQL (and so in the store): no space, control character or <>"{}|^`\
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')


@dataclasses.dataclass
class Table:
    """Rows of plain values; ``columns`` pairs each row key with its header word."""

    columns: list[tuple[str, str]]
    rows: list[dict]


def plain(value):
    """``value`` with rdflib terms, dates and dataclasses turned into JSON values."""
    if isinstance(value, Literal):
        return plain(value.toPython()) if value.datatype else str(value)
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.name.startswith("_")}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    return value


def requested_format(suffix: str | None = None) -> str:
    """``json`` or ``csv`` from the path suffix (given, or the ``fmt`` view argument) or ``?format=``; else ``html``."""
    fmt = suffix or (request.view_args or {}).get("fmt") or request.args.get("format", "")
    return fmt if fmt in TABLE_FORMATS else "html"


def csv_response(table: Table, name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([key for key, _ in table.columns])
    for row in table.rows:
        writer.writerow(["; ".join(map(str, v)) if isinstance(v := plain(row.get(key)), list) else "" if v is None else v for key, _ in table.columns])
    return Response(
        "\ufeff" + buffer.getvalue(),  # a BOM so spreadsheet programs read the Vietnamese as UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def respond(template: str, data: dict, table: Table | None = None, name: str = "table", status: int = 200,
            suffix: str | None = None, **context):
    """The page as HTML, as JSON, or its table as CSV, as the request asks (``suffix`` from the path wins)."""
    fmt = requested_format(suffix)
    if fmt == "json":
        return jsonify(plain(data)), status
    if fmt == "csv":
        if table is None:
            return Response("This page has no table.\n", status=404, mimetype="text/plain")
        return csv_response(table, name)
    return render_template(template, data=data, table=table, **context), status


def base() -> str:
    return current_app.config["BASE"]


def valid_iri(text: str) -> bool:
    """Whether ``text`` can be an IRI of the graph: one that cannot is no resource, and the store
    refuses to look it up."""
    return _IRI.fullmatch(text) is not None


def local_path(iri) -> str | None:
    """The ``/id/…`` path of an IRI under the configured base, or None for outside IRIs."""
    iri, prefix = str(iri), base()
    return "/id/" + iri[len(prefix):] if iri.startswith(prefix) else None


def curie(iri) -> str:
    """``nqg:lead`` for ``https://nqgraph.org/def#lead``; the IRI when no prefix fits."""
    iri = str(iri)
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return iri
