"""End to end in headless Chromium: search, the cascade drawing, the SPARQL editor, downloads.

Set ``NQGRAPH_SCREENSHOTS=1`` to also save screenshots of the main pages to
``docs/screenshots/`` (on the graph in ``NQGRAPH_STORE`` when that is set,
else on the test graph).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from graph.store import open_store
from service.app import ROOT, create_app, vendor_missing
from tests.service_fixture import CITY_INDICATOR, COMMUNE_TASK, DOST, fixture_store, live_server

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def site():
    app = create_app(fixture_store())
    with live_server(app) as url:
        yield url
    app.extensions["nqgraph.pool"].close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    missing = vendor_missing(create_app(fixture_store()))
    if missing:
        pytest.skip(f"npm packages missing from node_modules ({', '.join(missing)}): run `npm ci`")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh page; a test may ask for more options of its browser context (``indirect`` parameter)."""
    options = getattr(request, "param", {})
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


@pytest.mark.parametrize("typed", ["số hóa hồ sơ", "so hoa ho so"])
def test_search_from_the_home_page(site, page, typed):
    page.goto(site + "/")
    page.fill(".big-search input[name=q]", typed)
    page.press(".big-search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    hit = page.locator("ol.hits a", has_text="Đẩy mạnh số hóa hồ sơ thủ tục hành chính")
    hit.click()
    page.wait_for_url("**/id/" + COMMUNE_TASK.split("/id/", 1)[1])
    assert "commune_19.txt" in page.inner_text("figure.source")


def test_cascade_drawing_leads_to_a_unit(site, page):
    page.goto(site + "/cascade/resolution/71-NQ-CP/item/48")
    page.wait_for_function("window.nqgraphCascade && window.nqgraphCascade.nodes().length > 0")
    position = page.evaluate(
        """iri => { const cy = window.nqgraphCascade; const node = cy.getElementById(iri);
                    cy.center(node); const p = node.renderedPosition();
                    const box = cy.container().getBoundingClientRect();
                    return {x: box.left + p.x, y: box.top + p.y}; }""",
        DOST,
    )
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/id/unit/so-khoa-hoc-va-cong-nghe")
    assert page.inner_text("h1") == "Sở Khoa học và Công nghệ"


def test_cascade_filters_hide_inferred_links(site, page):
    page.goto(site + "/cascade/resolution/71-NQ-CP/item/48")
    page.wait_for_function("window.nqgraphCascade && window.nqgraphCascade.nodes().length > 0")
    assert page.locator("#cascade-table tbody tr:visible").count() == 2
    page.uncheck("input[name=kind][value=inferred]")
    assert page.locator("#cascade-table tbody tr:visible").count() == 1
    hidden = page.evaluate("iri => window.nqgraphCascade.getElementById(iri).hasClass('hidden')", COMMUNE_TASK)
    assert hidden is True


def test_an_example_query_runs_in_the_editor(site, page):
    page.goto(site + "/editor")
    page.wait_for_selector(".yasqe")
    page.click("button.example[data-name='01-plans-by-level']")
    table = page.locator(".yasr table.dataTable")
    table.wait_for(timeout=15000)
    assert "19/KH-UBND" in table.inner_text() and "238/KH-UBND" in table.inner_text()


def test_construct_results_are_drawn_as_a_graph(site, page):
    page.goto(site + "/editor")
    page.wait_for_selector(".yasqe")
    page.click("button.example[data-name='07-derivation-graph']")
    graph_button = page.locator(".yasr .select_graph:not(.disabled)")
    graph_button.wait_for(timeout=15000)
    graph_button.click()
    page.locator(".yasr .yasr_graph canvas").first.wait_for(timeout=15000)


def test_a_shared_link_reopens_the_query_and_its_view(site, page, browser):
    page.goto(site + "/editor")
    page.wait_for_selector(".yasqe")
    page.click("button.example[data-name='02-units-leading-most']")
    page.locator(".yasr table.dataTable").wait_for(timeout=15000)
    page.click(".yasr .select_chart")
    page.click(".yasqe_share")
    link = page.locator(".yasqe_sharePopup input").input_value()
    assert link.startswith(site + "/editor#query=") and "outputFormat=chart" in link
    other = browser.new_context().new_page()
    other.goto(link)
    other.wait_for_selector(".yasqe")
    assert "nqg:lead" in other.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    other.context.close()


def test_a_table_downloads_as_csv(site, page, tmp_path):
    page.goto(site + "/plans")
    with page.expect_download() as waiting:
        page.click("footer a:text('CSV')")
    saved = tmp_path / "plans.csv"
    waiting.value.save_as(saved)
    content = saved.read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("number,date,level")
    assert "238/KH-UBND" in content and "19/KH-UBND" in content


def violations(page) -> list:
    """The Content Security Policy violations the page reports from now on."""
    page.add_init_script("window.violations = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI))")
    return page


def test_the_editor_cascade_and_charts_run_under_the_content_security_policy(site, page):
    violations(page)
    response = page.goto(site + "/editor")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY" and response.headers["x-content-type-options"] == "nosniff"
    page.click("button.example[data-name='02-units-leading-most']")
    page.locator(".yasr table.dataTable").wait_for(timeout=15000)
    page.click(".yasr .select_chart")
    page.wait_for_function("() => { const c = document.querySelector('.yasr .chart-box canvas'); return c && Chart.getChart(c); }")
    assert page.evaluate("window.violations") == []
    page.goto(site + "/cascade/resolution/71-NQ-CP/item/48")
    page.wait_for_function("window.nqgraphCascade && window.nqgraphCascade.nodes().length > 0")
    page.goto(site + "/id/" + CITY_INDICATOR.split("/id/", 1)[1])
    page.wait_for_function("() => Chart.getChart(document.getElementById('targets-chart'))")
    assert page.evaluate("window.violations") == []
    # a script that is not one of the site's files does not run
    ran = page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = true';
                                    document.body.append(s); return window.injected === true; }""")
    assert ran is False
    page.wait_for_function("window.violations.length > 0")
    assert page.evaluate("window.violations")[0].startswith("script-src")


@pytest.mark.parametrize("path", ["/search?q={}", "/editor?query={}", "/questions/unit-leads?unit={}", "/id/{}"])
def test_a_script_planted_in_a_parameter_does_not_run(site, page, path):
    planted = "<script>window.planted = true</script><img src=x onerror=\"window.planted = true\">"
    page.goto(site + path.format(quote(planted)))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.planted") is None


PLANTED = ("<script>window.planted = 'script'</script><img src=x onerror=\"window.planted = 'onerror'\">"
           "<a href=\"javascript:window.planted = 'link'\">xem</a>")
PLANTED_TASKS = {  # words of a bundled plan opening a task, and the word after which markup is planted
    "Hoàn thành số hóa quy trình nghiệp vụ nội": "Hoàn thành",   # the row of NQ 71 item 48 in Phụ lục 3
    "Xây dựng, ban hành và tổ chức triển khai chương trình tuyên truyền": "Xây dựng,",  # task 1.1 of the body
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A bundled plan whose task texts hold markup, built by the real pipeline and served:
    (site, the site's paths of the planted tasks, of their plan, and of the units that lead them)."""
    from graph.build import build
    from graph.store import OxigraphStore

    folder = tmp_path_factory.mktemp("planted")
    seed = ROOT / "data" / "corpus" / "001_0efade6d4c713fc0.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    for start, word in PLANTED_TASKS.items():
        index = next(i for i, line in enumerate(lines) if start in line)
        lines[index] = lines[index].replace(word, f"{word} {PLANTED}", 1)
    (folder / seed.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = OxigraphStore(folder / "store")
    assert build([folder / seed.name], store, progress=False, jobs=1).ok
    rows = store.select("""PREFIX nqg: <https://nqgraph.org/def#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?task ?plan ?lead WHERE { ?task a nqg:PlanTask ; nqg:text ?text ; eli:is_part_of ?plan
        OPTIONAL { ?task nqg:lead ?lead } FILTER(CONTAINS(?text, "<script>")) }""")
    path = lambda iri: "/id/" + iri.split("/id/", 1)[1]
    app = create_app(store)
    with live_server(app) as url:
        yield (url, sorted({path(row["task"]) for row in rows}), {path(row["plan"]) for row in rows},
               sorted({row["lead"] for row in rows if "lead" in row}))
    app.extensions["nqgraph.pool"].close()
    store.close()


def runs_none_of_it(page) -> None:
    """No planted script ran on the page, and the planted markup made no element."""
    assert page.evaluate("window.planted") is None, page.url
    made = page.evaluate("""() => [...document.querySelectorAll(`script:not([src]):not([type$="json"]), [onerror],
                                                              a[href^="javascript:" i], img[src="x"]`)]
                                  .map(e => e.outerHTML.slice(0, 80))""")
    assert made == [], page.url


# Once with the site's Content Security Policy, as a reader's browser runs the pages, and once with
# the policy ignored, since it would block the planted scripts and hide a lapse of escaping: the
# markup must stay text on its own.
@pytest.mark.parametrize("page", [{}, {"bypass_csp": True}], indirect=True, ids=["with its policy", "escaping alone"])
def test_markup_planted_in_a_task_text_is_shown_as_text_and_never_runs(planted, page):
    site, tasks, plans, leads = planted
    assert len(tasks) == len(PLANTED_TASKS) and plans and leads
    shown = "<script>window.planted = 'script'</script>"
    pages = [*tasks, *plans, "/search?q=" + quote("window.planted")]
    for lead in leads:  # the tables of the units that lead them, and the question of what a unit leads
        pages += ["/id/" + lead.split("/id/", 1)[1], "/questions/unit-leads?unit=" + quote(lead)]
    for path in pages:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        runs_none_of_it(page)
        assert shown in page.inner_text("main"), path
    # the cascade of NQ 71 item 48 draws the planted row (its node named by plan and number) and lists its text
    page.goto(site + "/cascade/resolution/71-NQ-CP/item/48")
    page.wait_for_function("window.nqgraphCascade && window.nqgraphCascade.nodes().length > 0")
    runs_none_of_it(page)
    drawn = page.evaluate("window.nqgraphCascade.nodes().map(node => node.data('href'))")
    assert set(tasks) & set(drawn), drawn
    assert shown in page.inner_text("#cascade-table")
    # the editor's table of results (the editor runs a query it is given in the address)
    query = 'SELECT ?text WHERE { ?task <https://nqgraph.org/def#text> ?text FILTER(CONTAINS(?text, "<script>")) }'
    page.goto(site + "/editor?query=" + quote(query))
    page.locator(".yasr table.dataTable").wait_for(timeout=15000)
    runs_none_of_it(page)
    assert shown in page.inner_text(".yasr")


@pytest.mark.parametrize("path", ["/", "/search?q=so+hoa", "/id/unit/so-khoa-hoc-va-cong-nghe", "/coverage",
                                  "/cascade/resolution/71-NQ-CP/item/48", "/editor"])
def test_pages_fit_a_phone_screen(site, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0, f"{path} is {overflow}px wider than the screen"


@pytest.mark.skipif(not os.environ.get("NQGRAPH_SCREENSHOTS"), reason="set NQGRAPH_SCREENSHOTS=1 to save screenshots")
def test_save_screenshots(browser):
    app = create_app(open_store(read_only=True) if os.environ.get("NQGRAPH_STORE") else fixture_store())
    reader = app.extensions["nqgraph.reader"]
    reach = {}
    for row in reader.coverage():
        reach[str(row["item"])] = reach.get(str(row["item"]), 0) + int(row["tasks"])
    item = max(reach, key=reach.get, default=None)
    unit = max(reader.units(), key=lambda r: int(r["leads"]))["unit"]
    indicators = app.test_client().get("/indicators.json").get_json()["indicators"]  # most widely set first
    base = app.config["BASE"]
    pages = {
        "home": "/",
        "search": "/search?q=so+hoa",
        "cascade": "/cascade/" + item[len(base):] if item else "/",
        "unit": "/id/" + str(unit)[len(base):],
        "coverage": "/coverage",
        "indicator": indicators[0]["href"] if indicators else "/indicators",
        "editor": "/editor?query=" + quote((ROOT / "service/examples/02-units-leading-most.rq").read_text()),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with live_server(app) as url:
        for name, path in pages.items():
            for width, suffix in ((1280, ""), (390, "-narrow")):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                if name == "editor":
                    page.click(".yasqe_queryButton")
                    page.wait_for_selector(".yasr table.dataTable", timeout=15000)
                page.screenshot(path=str(SCREENSHOTS / f"{name}{suffix}.png"), full_page=False)
                context.close()
    app.extensions["nqgraph.pool"].close()
