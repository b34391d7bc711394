"""Any file, however broken, loads or is refused by name and place: properties of the readers and the parser.

Each property draws files nobody wrote on purpose (random bytes, real plans
truncated and mutated, HTML of odd spans and deep nesting, DOCX and PDF files
damaged inside and out, huge lines, mixed encodings) and loads each as a build
does (read, parse, triples). A load gives a document's triples or raises
:class:`~loaders.model.ParseError` naming the file, and the line when the text
has one; never another exception, and within a bound of processor time and of
memory. A build given only such refused files leaves the store as it was.

The budgets keep the suite fast; ``NQGRAPH_EXAMPLES=50`` multiplies every
budget by 50 to search longer.
"""

from __future__ import annotations

import io
import os
import resource
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build, document_graph
from graph.store import MemoryStore
from loaders.model import ParseError
from loaders.read import READERS
from tests.documents import write_docx, write_pdf

ROOT = Path(__file__).resolve().parent.parent
SMALL_PLANS = [ROOT / "data/corpus/000_8eeaa78af329970f.txt", ROOT / "data/corpus/002_fe2aa1f67ca433f0.txt",
               ROOT / "data/corpus/003_c190c98b621f42d7.txt", ROOT / "tests/data/district_plan.txt",
               *sorted((ROOT / "tests/data/headers").glob("*.txt"))[:8]]
LARGE_PLAN = ROOT / "data/corpus/001_0efade6d4c713fc0.txt"
CPU_SECONDS = 20     # processor time one document of a few kilobytes may cost, however it is made
MEMORY = 512 << 20   # bytes it may add to the process while it is loaded
BUDGET = int(os.environ.get("NQGRAPH_EXAMPLES", "1"))


def examples(count: int):
    return settings(max_examples=count * BUDGET, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@contextmanager
def bounded_memory():
    """While a document loads, an allocation past :data:`MEMORY` more than the process holds fails
    (``MemoryError``), so that a document asking for unbounded memory fails its test; the bound ends
    with the load, so that pytest and hypothesis can report the failure."""
    size = next(int(line.split()[1]) << 10 for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmSize:"))
    limits = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (size + MEMORY, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limits)


def load(path: Path) -> bool:
    """Load ``path`` as a build does; True when it loads, False when it is refused as it should be."""
    started = time.process_time()
    try:
        with bounded_memory():
            _, graph = document_graph(path)
            graph.serialize(format="nt")
        loaded = True
    except ParseError as error:
        assert error.document == path.name and str(error).startswith(path.name), error
        assert error.line is None or error.line >= 1, error
        assert error.message.strip(), error
        loaded = False
    assert time.process_time() - started < CPU_SECONDS
    return loaded


def write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"drawn{suffix}"
    path.write_bytes(data)
    return path


# --- what is drawn --------------------------------------------------------------------------------

VIETNAMESE = "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW; Sở Khoa học và Công nghệ chủ trì, thời gian: Quý IV/2025"
ENCODED = st.sampled_from([VIETNAMESE.encode(encoding, "replace") for encoding in
                           ("utf-8", "utf-16", "utf-16-le", "cp1258", "cp1252", "latin-1", "utf-8-sig")])


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """``data`` cut short and then damaged a few times: bytes changed, inserted, dropped or
    repeated, a huge line, text in another encoding spliced in."""
    data = bytearray(data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["byte", "insert", "drop", "repeat", "huge line", "encoding"]))
        if kind == "byte" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "drop":
            del data[at: at + draw(st.integers(1, 4096))]
        elif kind == "repeat":
            data[at:at] = data[at: at + draw(st.integers(1, 2048))] * draw(st.integers(2, 30))
        elif kind == "huge line":
            data[at:at] = draw(st.sampled_from([b"x", b"1.", "Sở ".encode(), b"| ", b"(", b"- ", b"\t"])) * \
                draw(st.integers(10_000, 200_000))
        else:
            data[at:at] = draw(ENCODED)
    return bytes(data)


SPANS = st.one_of(st.integers(-5, 60).map(str), st.sampled_from(["", "abc", "²", "1.5", "0x10", " 3 ", "50000000",
                                                                  "99999999999999999999", "-1", "٣", "1e9"]))
TAGS = ["p", "div", "span", "b", "li", "ul", "section", "td", "tr", "table", "tbody", "th", "br", "script", "style"]


@st.composite
def html_document(draw) -> bytes:
    """A plan's lines in a random tree of HTML elements, with tables of odd spans."""
    lines = draw(st.sampled_from(SMALL_PLANS)).read_text(encoding="utf-8").splitlines()
    start = draw(st.integers(0, max(len(lines) - 1, 0)))
    texts = iter(lines[start: start + 400] if draw(st.booleans()) else lines)

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        attributes = ""
        if tag in ("td", "th"):
            for name in draw(st.sets(st.sampled_from(["colspan", "rowspan"]))):
                attributes += f' {name}="{draw(SPANS)}"'
        children = "".join(element(depth + 1) if depth < 6 and draw(st.integers(0, 3)) == 0 else next(texts, "")
                           for _ in range(draw(st.integers(0, 5))))
        return f"<{tag}{attributes}>{children}</{tag}>" if draw(st.integers(0, 9)) else f"<{tag}{attributes}>{children}"

    body = "".join(element(0) for _ in range(draw(st.integers(1, 30))))
    return f"<html><body>{body}</body></html>".encode()


def docx_of(plan: Path, folder: Path) -> bytes:
    """A real DOCX of a plan's first lines, with a table."""
    lines = plan.read_text(encoding="utf-8").splitlines()[:120]
    table = [["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
             ["1", "Số hóa hồ sơ", "Sở Nội vụ", "Quý IV/2025"], ["2", "Rà soát quy định", "Sở Tư pháp", "2026"]]
    return write_docx([line for line in lines if line.strip()] + [table], folder / "plan.docx").read_bytes()


@st.composite
def docx_damaged_inside(draw, original: bytes) -> bytes:
    """The DOCX's body XML damaged (cut, mutated, odd spans and merges, deep nesting), rezipped."""
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    kind = draw(st.sampled_from(["span", "merge", "nested", "bytes"]))
    if kind == "span":
        body = body.replace("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{draw(SPANS)}"/>', draw(st.integers(1, 5)))
        body = body.replace("<w:tc>", f'<w:tc><w:tcPr><w:gridSpan w:val="{draw(SPANS)}"/></w:tcPr>', draw(st.integers(1, 5)))
    elif kind == "merge":
        body = body.replace("<w:tc>", f'<w:tc><w:tcPr><w:vMerge w:val="{draw(st.sampled_from(["continue", "restart", "x"]))}"/></w:tcPr>',
                            draw(st.integers(1, 8)))
    elif kind == "nested":
        depth = draw(st.integers(2, 3000))
        cell = "<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * depth
        body = body.replace("<w:body>", "<w:body>" + cell, 1)
    parts["word/document.xml"] = draw(mutated(body.encode())) if kind == "bytes" else body.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- properties -----------------------------------------------------------------------------------

@examples(40)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(sorted(READERS)))
def test_random_bytes_of_any_type_load_or_are_refused_by_name(data, suffix, tmp_path):
    load(write(tmp_path, suffix, data))


@examples(25)
@given(data=st.data())
def test_a_real_plan_cut_and_damaged_loads_or_is_refused_with_its_line(data, tmp_path):
    plan = data.draw(st.sampled_from(SMALL_PLANS))
    drawn = data.draw(mutated(plan.read_bytes()))
    load(write(tmp_path, data.draw(st.sampled_from([".txt", ".md"])), drawn))


@examples(4)
@given(data=st.data())
def test_the_largest_plan_damaged_loads_or_is_refused(data, tmp_path):
    load(write(tmp_path, ".txt", data.draw(mutated(LARGE_PLAN.read_bytes()))))


@examples(25)
@given(document=html_document())
def test_html_of_odd_spans_and_nesting_loads_or_is_refused(document, tmp_path):
    load(write(tmp_path, ".html", document))


@pytest.mark.parametrize("tag", ["div", "span", "table", "li", "td"])
def test_deeply_nested_html_loads_or_is_refused(tag, tmp_path):
    plan = "".join(f"<p>{line}</p>" for line in SMALL_PLANS[0].read_text(encoding="utf-8").splitlines())
    for depth in (300, 3000, 30_000):
        load(write(tmp_path, ".html", f"<html><body>{f'<{tag}>' * depth}{plan}{f'</{tag}>' * depth}</body></html>".encode()))


@pytest.fixture(scope="module")
def real_docx(tmp_path_factory) -> bytes:
    return docx_of(SMALL_PLANS[0], tmp_path_factory.mktemp("docx"))


@pytest.fixture(scope="module")
def real_pdf(tmp_path_factory) -> bytes:
    lines = [line for line in SMALL_PLANS[3].read_text(encoding="utf-8").splitlines() if line.strip()]
    table = [["TT", "Nhiệm vụ", "Cơ quan chủ trì"], ["1", "Số hóa hồ sơ", "Sở Nội vụ"], ["2", "Rà soát", "Sở Tư pháp"]]
    return write_pdf([*lines, table], tmp_path_factory.mktemp("pdf") / "plan.pdf").read_bytes()


@examples(15)
@given(data=st.data())
def test_a_real_docx_damaged_inside_or_out_loads_or_is_refused(real_docx, data, tmp_path):
    drawn = data.draw(st.one_of(mutated(real_docx), docx_damaged_inside(real_docx)))
    load(write(tmp_path, ".docx", drawn))


@examples(15)
@given(data=st.data())
def test_a_real_pdf_damaged_loads_or_is_refused(real_pdf, data, tmp_path):
    load(write(tmp_path, ".pdf", data.draw(mutated(real_pdf))))


@examples(30)
@given(lines=st.lists(st.one_of(st.text(max_size=200), st.sampled_from(
    SMALL_PLANS[0].read_text(encoding="utf-8").splitlines())), max_size=300))
def test_any_lines_of_text_parse_or_are_refused_with_a_line_of_theirs(lines, tmp_path):
    load(write(tmp_path, ".txt", "\n".join(lines).encode()))


def test_a_build_of_refused_files_leaves_the_store_as_it_was(real_docx, real_pdf, tmp_path):
    store = MemoryStore()
    assert build([ROOT / "tests/data/district_plan.txt"], store, progress=False, jobs=1).ok
    before = set(store.quads())
    refused = []

    @examples(10)
    @given(data=st.data())
    def draw_refused(data):
        suffix, original = data.draw(st.sampled_from([(".txt", SMALL_PLANS[1].read_bytes()), (".docx", real_docx),
                                                      (".pdf", real_pdf), (".html", b"<p>KE HOACH</p>")]))
        path = write(tmp_path, f"-{len(refused)}{suffix}", data.draw(mutated(original)))
        if not load(path):
            refused.append(path)
        else:
            path.unlink()

    draw_refused()
    assert refused
    summary = build(refused, store, progress=False, jobs=1)
    assert len(summary.errors) == len(refused) and summary.documents == 0
    assert set(store.quads()) == before
