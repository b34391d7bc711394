"""The small graph the web service tests run on, and a live server to send real HTTP to."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from werkzeug.serving import make_server

FIXTURE = Path(__file__).resolve().parent / "data" / "service_fixture.trig"
BASE = "https://nqgraph.org/id/"
CITY_PLAN = BASE + "plan/ubnd-thanh-pho-hai-phong/2025/238-KH-UBND"
COMMUNE_PLAN = BASE + "plan/ubnd-xa-mao-dien/2025/19-KH-UBND"
CITY_TASK = CITY_PLAN + "/task/pl3-1"
COMMUNE_TASK = COMMUNE_PLAN + "/task/iii-1.1"
ITEM_48 = BASE + "resolution/71-NQ-CP/item/48"
ITEM_90 = BASE + "resolution/71-NQ-CP/item/90"
DOST = BASE + "unit/so-khoa-hoc-va-cong-nghe"
CITY_INDICATOR = CITY_PLAN + "/indicator/pl2-1.1"


def fixture_store(*extra: tuple[str, Graph]):
    """A memory store holding the fixture's named graphs, and any ``(iri, graph)`` pairs given,
    with the indexes a build works out."""
    from graph.indexes import replace_indexes
    from graph.store import MemoryStore
    from rdflib import URIRef

    store = MemoryStore()
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    for graph in dataset.graphs():
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
            store.replace_graph(URIRef(graph.identifier), graph)
    for iri, graph in extra:
        store.replace_graph(URIRef(iri), graph)
    replace_indexes(store)
    return store


@contextmanager
def live_server(app):
    """Serve ``app`` on 127.0.0.1 at a free port, in threads, for as long as the block runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
