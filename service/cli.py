"""nqgraph: build the graph, query it, check it, export it, serve it.

Every command works on one store: ``--store DIR`` (an Oxigraph directory) or
``--store http://host:7878/query`` (a SPARQL server), else ``$NQGRAPH_STORE``,
else ``./.nqgraph/``. A command is one function registered with
:func:`command`, which declares its arguments.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from pathlib import Path

from rdflib import BNode, URIRef

from graph.store import NotFound, QueryError, StoreError, open_store, sparql_term
from ontology import ids
from ontology.vocab import PREFIXES, bind_prefixes

COMMANDS: dict[str, tuple[str, list, object]] = {}


def arg(*names, **options) -> tuple:
    """One ``add_argument`` call, for :func:`command`."""
    return names, options


def command(name: str, help: str, *arguments: tuple):
    """Register the decorated ``function(args) -> exit code`` as ``nqgraph NAME``."""

    def register(function):
        COMMANDS[name] = (help, list(arguments), function)
        return function

    return register


# --- output -------------------------------------------------------------------

MAX_CELL = 80


def cell_text(value) -> str:
    """A value as a table shows it: IRIs with the project's prefixes, lists joined."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        for prefix, namespace in PREFIXES.items():
            base = str(namespace)
            if value.startswith(base) and len(value) > len(base):
                return f"{prefix}:{value[len(base):]}"
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={cell_text(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def render_table(columns: list[str], rows: list[list]) -> str:
    """Aligned columns, long cells cut, and a count of rows at the end."""
    cells = [[cell_text(v) for v in row] for row in rows]
    cells = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in row] for row in cells]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(columns), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _tsv_term(term) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else sparql_term(term)


def format_result(result, fmt: str) -> str:
    """A query answer in ``fmt``: table, json, csv or tsv (SPARQL 1.1 result formats); graphs as Turtle."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return bind_prefixes(result.graph).serialize(format="turtle")
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    names = [str(v) for v in result.vars]
    if fmt == "csv":
        return result.serialize(format="csv").decode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in result.vars) for row in result.bindings]
        return "\n".join(lines) + "\n"
    return render_table(names, [[row.get(v) for v in result.vars] for row in result.bindings])


def flat(row: dict) -> dict:
    """A listing row with one value per column: ``plan.issuer``, ``deadline.text``; targets as ``2030=≥ 80``."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            out[key] = "; ".join(f"{name}={part.get('text')}" for name, part in value.items())
        elif isinstance(value, dict):
            out.update({f"{key}.{name}": part for name, part in value.items()})
        else:
            out[key] = value
    return out


def write_rows(rows: list[dict], fmt: str, shown: list[str]) -> str:
    """Listing rows (``graph.listing``) as JSON, as CSV with every column, or as a table of ``shown`` columns."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    rows = [flat(row) for row in rows]
    if fmt == "csv":
        columns = list(dict.fromkeys(key for row in rows for key in row))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows([[cell_text(row.get(c)) for c in columns] for row in rows])
        return buffer.getvalue()
    return render_table(shown, [[row.get(c) for c in shown] for row in rows])


def emit(text: str) -> None:
    """Write ``text`` to standard output, ending in exactly one newline."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def positive(text: str) -> int:
    """An argument that counts something: a whole number above zero."""
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return int(text)


UNFINISHED = ("the last build of this store did not finish (it was interrupted): "
              "its derived graphs may be stale; run nqgraph build again")


def _is_file(text: str) -> bool:
    """Whether ``text`` names a file; a query is no file name, and one too long for the system to
    look up (a run of 256 characters without a slash) is none either."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # ENAMETOOLONG; a NUL character
        return False


def _store(args, **options):
    return open_store(args.store, **options)


# --- commands -------------------------------------------------------------------


@command(
    "build", "read plan documents into the store",
    arg("paths", nargs="*", metavar="PATH", help="files or directories (default: the bundled corpus)"),
    arg("--clean", action="store_true", help="drop the graphs of documents not in this build"),
    arg("--quiet", action="store_true", help="no progress bar"),
    arg("--jobs", type=positive, metavar="N", help="processes reading documents (default: one per core)"),
)
def build_command(args) -> int:
    from graph.build import build

    with _store(args, create=True) as store:
        summary = build(args.paths, store, progress=not args.quiet, clean=args.clean, jobs=args.jobs)
    if summary.interrupted:
        print("note: the build before this one did not finish; every shared node was described afresh",
              file=sys.stderr)
    print(summary.render())
    for error in summary.errors:
        print(f"error: {error}", file=sys.stderr)
    return 0 if summary.ok else 1


@command(
    "query", "answer a SPARQL query over the union of all graphs",
    arg("query", metavar="QUERY_OR_FILE", help="query text, a .rq file, or - for standard input"),
    arg("--format", choices=("table", "json", "csv", "tsv"), default="table"),
)
def query_command(args) -> int:
    from graph.queries import as_written, with_prefixes
    from service.querytext import stack_error

    if args.query == "-":
        text = sys.stdin.read()
    elif _is_file(args.query):
        text = Path(args.query).read_text(encoding="utf-8")
    elif args.query.endswith(".rq"):
        print(f"error: {args.query}: no such query file", file=sys.stderr)
        return 2
    else:
        text = args.query
    too_big = stack_error(text)
    if too_big:  # the engine runs in this process: a stack overflow would end it without a word
        raise QueryError(too_big)
    with _store(args, read_only=True) as store:
        try:
            result = store.query(with_prefixes(text))
        except QueryError as error:
            raise QueryError(as_written(str(error))) from None
        emit(format_result(result, args.format))
    return 0


@command("check", "check the graph against its shapes and list extraction warnings")
def check_command(args) -> int:
    from graph.build import last_build
    from graph.validate import validate

    with _store(args, read_only=True) as store:
        unfinished = last_build(store) == "running"
        report = validate(store)
    print(report.render())
    if unfinished:
        print(f"error: {UNFINISHED}", file=sys.stderr)
    return 0 if report.conforms and not unfinished else 1


@command(
    "export", "write the whole graph to a file",
    arg("--format", choices=("ttl", "nq", "jsonld", "graphml"), default="ttl",
        help="ttl, jsonld: the union graph; nq: with named graphs; graphml: the cascade for Gephi"),
    arg("-o", "--output", metavar="FILE", help="default: standard output"),
)
def export_command(args) -> int:
    with _store(args, read_only=True) as store:
        data = export(store, args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


CONTEXT = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"


def export(store, fmt: str) -> bytes:
    """The store serialised as ``fmt`` (ttl, nq, jsonld or graphml)."""
    if fmt == "nq":
        return store.dataset().serialize(format="nquads", encoding="utf-8")
    if fmt == "graphml":
        from graph.cascade import write_graphml

        buffer = io.BytesIO()
        write_graphml(store, buffer)
        return buffer.getvalue()
    graph = bind_prefixes(store.union())
    if fmt == "jsonld":
        context = json.loads(CONTEXT.read_text(encoding="utf-8")).get("@context") if CONTEXT.is_file() else None
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format="turtle", encoding="utf-8")


@command(
    "serve", "serve the SPARQL endpoint and the explorer",
    arg("--host", default="127.0.0.1"),
    arg("--port", type=int, default=8000),
    arg("--processes", type=positive, metavar="N", help="processes answering requests (default: one per core)"),
)
def serve_command(args) -> int:
    from graph.build import last_build
    from service import server
    from service.app import create_app

    with _store(args, read_only=True) as store:
        if last_build(store) == "running":
            print(f"warning: {UNFINISHED}", file=sys.stderr)
    processes = args.processes or server.default_processes()
    print(f"nqgraph on http://{args.host}:{args.port}/ ({processes} processes; Ctrl-C stops it)", file=sys.stderr)
    server.serve(lambda: create_app(_store(args, read_only=True)), args.host, args.port, processes)
    return 0


@command(
    "tasks", "list plan tasks with their units and deadlines",
    arg("--plan", help="one plan (its IRI, file name, number or issuer's name)"),
    arg("--unit", help="tasks of one unit (its name, any spelling)"),
    arg("--json", dest="fmt", action="store_const", const="json", default="table"),
    arg("--csv", dest="fmt", action="store_const", const="csv"),
)
def tasks_command(args) -> int:
    from graph import listing

    with _store(args, read_only=True) as store:
        named(store, plan=args.plan, unit=args.unit)
        rows = listing.tasks(store, plan=args.plan, unit=args.unit)
    emit(write_rows(rows, args.fmt, ["plan.issuer", "number", "text", "lead", "deadline.text"]))
    return 0


def named(store, plan: str | None = None, unit: str | None = None) -> None:
    """Refuse a plan or unit the graph does not hold, rather than list nothing."""
    from graph.listing import plans_named
    from graph.trace import find_unit

    if plan is not None and not plans_named(store, plan):
        raise NotFound(f"no plan named {plan!r} (give its IRI, file name, number or issuer's name)")
    if unit is not None and find_unit(store, unit) is None:
        raise NotFound(f"no unit named {unit!r}")


@command(
    "indicators", "list indicators with their targets",
    arg("--plan", help="one plan (its IRI, file name, number or issuer's name)"),
    arg("--json", dest="fmt", action="store_const", const="json", default="table"),
)
def indicators_command(args) -> int:
    from graph import listing

    with _store(args, read_only=True) as store:
        named(store, plan=args.plan)
        rows = listing.indicators(store, plan=args.plan)
    emit(write_rows(rows, args.fmt, ["plan.issuer", "code", "name", "unit", "targets"]))
    return 0


@command(
    "trace", "follow an NQ 71 item (or a task, or a unit) down the cascade",
    arg("item", nargs="?", metavar="ITEM", help='NQ 71 item as printed (48, "147 (8)"), or a task\'s IRI'),
    arg("--task", metavar="IRI", help="trace from this task (same as giving its IRI as ITEM)"),
    arg("--up", action="store_true", help="from a task: what it derives from, up to NQ 71 and NQ 57"),
    arg("--unit", metavar="NAME", help="the tasks of this unit (any spelling) and the items they carry"),
    arg("--json", action="store_true", help="the answer as JSON"),
)
def trace_command(args) -> int:
    from graph import trace

    if not (args.item or args.task or args.unit):
        print("error: give an NQ 71 item, a task IRI or --unit NAME", file=sys.stderr)
        return 2
    if args.item and "://" in args.item:
        args.task, args.item = args.item, None
    if args.up and not args.task:
        print("error: --up walks up from a task: give its IRI", file=sys.stderr)
        return 2
    with _store(args, read_only=True) as store:
        if args.task:
            answer = trace.follow_task(store, args.task, up=args.up)
            text = trace.render_task(answer)
        elif args.unit:
            answer = trace.follow_unit(store, args.unit)
            text = trace.render_unit(answer)
        else:
            answer = trace.follow_item(store, args.item)
            text = trace.render_trace(answer)
    print(json.dumps(answer.as_json(), ensure_ascii=False, indent=2) if args.json else text)
    return 0


@command(
    "coverage", "NQ 71 items × plans: stated, inferred or absent",
    arg("--json", action="store_true", help="the matrix as JSON"),
)
def coverage_command(args) -> int:
    from graph import trace

    with _store(args, read_only=True) as store:
        answer = trace.coverage(store)
    print(json.dumps(answer, ensure_ascii=False, indent=2) if args.json else trace.render_coverage(answer))
    return 0


@command(
    "overdue", "tasks past their deadline, per lead unit",
    arg("--as-of", metavar="YYYY-MM-DD", help="the day to check against (default: today)"),
    arg("--json", action="store_true", help="the answer as JSON"),
)
def overdue_command(args) -> int:
    from datetime import date

    from graph import trace

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else date.today()
    except ValueError:
        print(f"error: --as-of {args.as_of!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    with _store(args, read_only=True) as store:
        answer = trace.overdue(store, as_of)
    print(json.dumps(answer, ensure_ascii=False, indent=2) if args.json else trace.render_overdue(answer))
    return 0


@command(
    "workload", "units by the tasks they lead and cooperate on; the tasks the cascade runs through",
    arg("--top", type=positive, default=15, metavar="N", help="how many units and tasks to list (default 15)"),
    arg("--json", action="store_true", help="the answer as JSON"),
)
def workload_command(args) -> int:
    from graph.cascade import cascade_graph, central_tasks, unit_workload

    with _store(args, read_only=True) as store:
        graph = cascade_graph(store)
    units = unit_workload(graph)[: args.top]
    central = [{"iri": task, "task": graph.nodes[task]["label"], "text": graph.nodes[task]["text"],
                "centrality": round(score, 4)} for task, score in central_tasks(graph, top=args.top)]
    if args.json:
        print(json.dumps({"units": units, "central_tasks": central}, ensure_ascii=False, indent=2))
        return 0
    rows = [[u["unit"].removeprefix(ids.unit("")), u["name"], u["lead"], u["cooperating"], u["items"]] for u in units]
    emit(render_table(["unit", "name", "lead", "cooperating", "items"], rows))
    emit("\nthe tasks most of the cascade runs through (betweenness centrality):")
    emit(render_table(["centrality", "task", "text"], [[c["centrality"], c["task"], c["text"]] for c in central]))
    return 0


# --- entry point -------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="DIR_OR_URL",
                        help="Oxigraph directory or SPARQL query URL (default: $NQGRAPH_STORE, else ./.nqgraph/)")
    main_parser = argparse.ArgumentParser(prog="nqgraph", description=__doc__.split("\n\n")[0])
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, arguments, function) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[common])
        for names, options in arguments:
            sub.add_argument(*names, **options)
        sub.set_defaults(run=function)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except QueryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (StoreError, NotFound) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (``nqgraph tasks | head``): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
