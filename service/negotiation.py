"""Pick a response format from a ``format`` parameter or the ``Accept`` header."""

from __future__ import annotations

from flask import request

# Names a client may give in ``format=`` (or as a path suffix) for each format key.
ALIASES = {
    "html": "html",
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "ttl": "ttl",
    "turtle": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "rdf": "rdf",
    "rdfxml": "rdf",
}


def choose(offered: dict[str, str], default: str | None = None, accept_aliases: dict[str, str] | None = None) -> str | None:
    """The key of ``offered`` (format key → media type) this request asks for.

    ``format=`` wins over ``Accept``; it may be a key, an alias or a media
    type. ``accept_aliases`` maps further media types to keys (for instance
    ``application/json`` to ``json``). Returns None when the request names a
    format that is not offered, so the caller can answer 406; an ``Accept``
    header that matches nothing gets the default, as most endpoints do.
    """
    wanted = request.values.get("format", "").strip().lower()
    by_type = {mime: key for key, mime in offered.items()} | (accept_aliases or {})
    if wanted:
        key = ALIASES.get(wanted, wanted)
        key = key if key in offered else by_type.get(key)
        return key if key in offered else None
    best = request.accept_mimetypes.best_match([name for name in by_type if "/" in name])
    return by_type[best] if best else default or next(iter(offered))
