"""The web application: the SPARQL endpoint and the explorer, over one store.

``create_app(store)`` builds the Flask app; with no store it opens, read-only,
the store named by ``NQGRAPH_STORE`` (default ``./.nqgraph``), so a WSGI
server can call the factory directly
(``gunicorn 'service.app:create_app()'``; ``nqgraph serve`` runs it so, :mod:`service.server`).
Settings (defaults below) can also come from ``NQGRAPH_*`` environment
variables, e.g. ``NQGRAPH_SPARQL_TIMEOUT=20``.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, render_template, request, send_from_directory
from werkzeug.middleware.proxy_fix import ProxyFix

from graph.store import open_store
from ontology import ids
from service import explorer, i18n, sparql
from service.querypool import QueryPool, StoreSource
from service.reader import GraphReader

ROOT = Path(__file__).resolve().parent.parent
# The npm packages the pages load, each with the files they use.
VENDOR_PACKAGES = {
    "@zazuko/yasgui": "build/yasgui.min.js",
    "cytoscape": "dist/cytoscape.min.js",
    "cytoscape-dagre": "dist/cytoscape-dagre.js",
    "chart.js": "dist/chart.umd.js",
}

DEFAULTS = {
    "SPARQL_TIMEOUT": 10.0,  # seconds one endpoint query may run
    "SPARQL_MAX_ROWS": 10_000,  # rows (or triples) one answer may hold
    "SPARQL_WORKERS": 2,  # endpoint queries that may run at once
    "NODE_MODULES": str(ROOT / "node_modules"),
    "BASE": None,  # IRI base the /id/ paths map to; ontology.ids.base() when unset
    "BEHIND_PROXY": False,  # trust one proxy's X-Forwarded-Proto/Host/For headers
    "MAX_CONTENT_LENGTH": 1 << 20,  # bytes a request body (a query, a form) may hold
}

# Pages run their own scripts only (the npm packages are served from /vendor/), and no other site may
# frame them. The editor's libraries write styles of their own, hence inline styles are allowed.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # a query in an editor link is not sent to the sites it links to
}


def store_source(store) -> StoreSource:
    """What an endpoint worker needs to see the same data as ``store``: the directory of an
    on-disk store, or a copy of every graph of any other, as N-Quads."""
    if getattr(store, "path", None):
        return StoreSource(path=str(store.path))
    return StoreSource(nquads=store.dataset().serialize(format="nquads", encoding="utf-8"))


def vendor_missing(app: Flask) -> list[str]:
    """The npm packages whose files are not installed in ``NODE_MODULES``."""
    root = Path(app.config["NODE_MODULES"])
    return [name for name, file in VENDOR_PACKAGES.items() if not (root / name / file).is_file()]


def secure(response: Response) -> Response:
    """Every answer says which scripts may run on it and that no other site may frame it."""
    response.headers.update(SECURITY_HEADERS)
    return response


def create_app(store=None, config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("NQGRAPH")
    app.config.update(config or {})
    app.config["BASE"] = app.config["BASE"] or ids.base()
    if store is None:
        store = open_store(read_only=True)  # NQGRAPH_STORE, else ./.nqgraph

    reader = GraphReader(store)
    app.extensions["nqgraph.store"] = store
    app.extensions["nqgraph.reader"] = reader
    app.extensions["nqgraph.search"] = reader.index
    app.extensions["nqgraph.pool"] = QueryPool(
        lambda: store_source(store),
        size=int(app.config["SPARQL_WORKERS"]),
        timeout=float(app.config["SPARQL_TIMEOUT"]),
        max_rows=int(app.config["SPARQL_MAX_ROWS"]),
    )

    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(explorer.blueprint)
    app.after_request(i18n.remember_language)
    app.after_request(secure)
    app.jinja_env.globals.update(
        _=i18n.translate, lang=i18n.language, switch_language_url=i18n.switch_language_url,
        property_name=i18n.property_name, vendor_missing=lambda: vendor_missing(app))

    @app.route("/vendor/<path:filename>")
    def vendor(filename):
        if not any(filename.startswith(name + "/") for name in VENDOR_PACKAGES):
            abort(404)
        return send_from_directory(app.config["NODE_MODULES"], filename, max_age=24 * 3600)

    @app.errorhandler(404)
    def not_found(error):
        """An address with nothing behind it, said in the page's language."""
        return render_template("not_found.html", data={"iri": request.base_url}), 404

    @app.errorhandler(413)
    def too_large(error):
        limit = app.config["MAX_CONTENT_LENGTH"]
        return Response(f"The request body is larger than the {limit} bytes this server accepts.\n", status=413, mimetype="text/plain")

    return app
