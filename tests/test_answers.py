"""The bundled corpus gives the answers it gave before: the traces the command line prints as JSON
and the explorer's cascade, compared key for key (and in order) with the files in ``data/golden``."""

import json
from pathlib import Path

import pytest

from graph.store import OxigraphStore
from service.app import create_app
from service.cli import main

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
PLAN = "https://nqgraph.org/id/plan/"
CITY_ROW = PLAN + "ubnd-xa-mao-dien/undated/thuc-hien-ke-hoach-hanh-dong-so-12-kh-tu-ngay-26/task/phu-luc-3-ii-row-48"
WARD_ROW = PLAN + "ubnd-phuong-hai-duong/undated/thuc-hien-nghi-quyet-so-57-nq-tw-ngay-22-12-2024/task/i-3-2.4"
TRACES = {
    "trace-48.json": ["48"],
    "trace-task.json": [CITY_ROW],
    "trace-up.json": ["--up", WARD_ROW],
    "trace-unit.json": ["--unit", "Sở KH&CN"],
}


@pytest.mark.parametrize("golden", TRACES)
def test_a_trace_prints_the_json_it_printed_before(corpus, capsys, golden):
    assert main(["trace", *TRACES[golden], "--json", "--store", corpus[0]]) == 0
    assert capsys.readouterr().out == (GOLDEN / golden).read_text(encoding="utf-8")


def test_the_cascade_page_answers_the_json_it_answered_before(corpus):
    store = OxigraphStore(corpus[0], read_only=True)
    app = create_app(store)
    try:
        answer = app.test_client().get("/cascade/resolution/71-NQ-CP/item/48.json").get_json()
    finally:
        app.extensions["nqgraph.pool"].close()
        store.close()
    assert answer == json.loads((GOLDEN / "cascade-48.json").read_text(encoding="utf-8"))
