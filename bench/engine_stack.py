"""Where the query engine's stack gives out: how deep each kind of nesting, and how long each
chain, pyoxigraph reads before it crashes.

For each construct, queries of growing size are evaluated each in a fresh
process on the main thread, as an endpoint worker evaluates them (a stack
overflow ends the process), bisecting between a size that is answered and one
that crashes. The endpoint and ``nqgraph query`` refuse brackets nested deeper
than ``service.querytext.MAX_NESTING`` and more terms than ``MAX_TERMS``; the
figures say how far below the engine's limits those are. (Kinds the engine
takes minutes to plan at a few hundred links, such as property paths in many
triple patterns, are left out: a minute without a crash is no answer here.)

    .venv/bin/python bench/engine_stack.py
    .venv/bin/python bench/engine_stack.py --only brackets calls
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.querytext import MAX_NESTING, MAX_TERMS, nesting, terms  # noqa: E402

P = "<http://x.example/p>"
CONSTRUCTS = {  # name: a query of size n
    "brackets": lambda n: "ASK { ?s ?p " + "[ ?p " * n + "?o" + " ]" * n + " }",
    "collections": lambda n: f"ASK {{ ?s {P} " + "( " * n + "1" + " )" * n + " }",
    "calls": lambda n: "ASK { FILTER(" + "STR(" * n + "1" + ")" * n + ") }",
    "parentheses": lambda n: "ASK { FILTER(" + "(" * n + "1" + ")" * n + ") }",
    "groups": lambda n: "ASK " + "{ " * n + "}" * n,
    "subqueries": lambda n: "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{ }" + " }" * n,
    "nested OPTIONAL": lambda n: "ASK " + f"{{ ?s {P} ?o OPTIONAL " * n + "{ }" + " }" * n,
    "OPTIONAL chain": lambda n: "ASK { " + f"OPTIONAL {{ ?s {P} ?o }} " * n + "}",
    "UNION chain": lambda n: "ASK { " + " UNION ".join(["{ }"] * n) + " }",
    "+ chain": lambda n: "ASK { FILTER(" + "+".join(["1"] * n) + ") }",
    "|| chain": lambda n: "ASK { FILTER(" + "||".join(["true"] * n) + ") }",
    "! chain": lambda n: "ASK { FILTER(" + "!" * n + "true) }",
    "path alternatives": lambda n: "ASK { ?s " + "|".join([P] * n) + " ?o }",
    "a chain of MINUS": lambda n: "ASK { " + f"MINUS {{ ?s {P} ?o }} " * n + "}",
    "a chain of BIND": lambda n: "SELECT * { " + "".join(f"BIND(1 AS ?v{i}) " for i in range(n)) + "}",
    "select expressions": lambda n: "SELECT " + "".join(f"(1 AS ?v{i}) " for i in range(n)) + "{ }",
    "collection members": lambda n: f"ASK {{ ?s {P} (" + " 1" * n + " ) }",
    "DESCRIBE terms": lambda n: "DESCRIBE " + " ".join(f"<http://x.example/{i}>" for i in range(n)),
}
# one triple for the patterns to match, so that the engine evaluates them rather than seeing at once they match nothing
PROBE = """import sys, pyoxigraph as ox
store = ox.Store()
store.add(ox.Quad(ox.NamedNode("http://x.example/s"), ox.NamedNode("http://x.example/p"), ox.NamedNode("http://x.example/o")))
store.query(sys.stdin.read())"""


def crashes(query: str) -> bool | None:
    """Whether evaluating ``query`` ends its process; None when it neither answers nor crashes in a minute."""
    try:
        run = subprocess.run([sys.executable, "-c", PROBE], input=query, text=True, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None
    return run.returncode < 0


def limit(make, low: int = 10, high: int = 100_000) -> tuple[int, int] | None:
    """The largest size found answered and the smallest found crashing, 5% apart; None if ``high`` does not crash."""
    if not crashes(make(high)):
        return None
    while high - low > max(low // 20, 1):
        middle = (low + high) // 2
        if crashes(make(middle)):
            high = middle
        else:
            low = middle
    return low, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=CONSTRUCTS, metavar="NAME", help=f"some of: {', '.join(CONSTRUCTS)}")
    args = parser.parse_args()
    print(f"nqgraph refuses nesting deeper than {MAX_NESTING} and more than {MAX_TERMS} terms")
    print(f"{'construct':<18}  {'answered':>8}  {'crashed':>8}  {'nesting':>7}  {'terms':>7}  (of the crashing query)")
    for name in args.only or CONSTRUCTS:
        found = limit(CONSTRUCTS[name])
        if found is None:
            print(f"{name:<18}  no crash up to 100000")
            continue
        answered, crashed = found
        query = CONSTRUCTS[name](crashed)
        print(f"{name:<18}  {answered:>8}  {crashed:>8}  {nesting(query):>7}  {terms(query):>7}", flush=True)


if __name__ == "__main__":
    main()
