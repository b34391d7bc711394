"""Queries of every kind the engine reads as a long chain, each as a function of the chain's length.

A chain nests by one or two brackets, however long it is, yet the engine
reads, rewrites and evaluates it one call deeper for each link: thousands of
links overflow its stack (bench/engine_stack.py).
"""

P = "<http://x.example/p>"
CHAINS = {
    "a chain of +": lambda n: "ASK { FILTER(" + "+".join(["1"] * n) + ") }",
    "a chain of *": lambda n: "ASK { FILTER(" + "*".join(["1"] * n) + ") }",
    "a chain of -": lambda n: "ASK { FILTER(" + "-".join(["1"] * n) + ") }",
    "a chain of ||": lambda n: "ASK { FILTER(" + "||".join(["true"] * n) + ") }",
    "a chain of && and =": lambda n: "ASK { FILTER(" + "&&".join(["1=1"] * n) + ") }",
    "a chain of && inside <…>": lambda n: "ASK { FILTER(1<2" + "&&true" * n + ">1) }",  # "<2&&…>" is no IRI here
    "a chain of !": lambda n: "ASK { FILTER(" + "!" * n + "true) }",
    "a chain of EXISTS": lambda n: "ASK { FILTER(" + "||".join(["EXISTS { }"] * n) + ") }",
    "a path a/b/c": lambda n: "ASK { ?s " + "/".join([P] * n) + " ?o }",
    "a path a|b|c": lambda n: "ASK { ?s " + "|".join([P] * n) + " ?o }",
    "paths in triple patterns": lambda n: "ASK { " + f"?s {P}/{P} ?o . " * n + "}",
    "a chain of UNION": lambda n: "ASK { " + " UNION ".join(["{ }"] * n) + " }",
    "a chain of OPTIONAL": lambda n: "ASK { " + f"OPTIONAL {{ ?s {P} ?o }} " * n + "}",
    "a chain of MINUS": lambda n: "ASK { " + f"MINUS {{ ?s {P} ?o }} " * n + "}",
    "a chain of GRAPH": lambda n: "ASK { " + f"GRAPH ?g {{ ?s {P} ?o }} " * n + "}",
    "groups side by side": lambda n: "ASK { " + f"{{ ?s {P} ?o }} " * n + "}",
    "a chain of FILTER": lambda n: "ASK { " + "FILTER(true) " * n + "}",
    "a chain of BIND": lambda n: "SELECT * { " + "".join(f"BIND(1 AS ?v{i}) " for i in range(n)) + "}",
    "select expressions": lambda n: "SELECT " + "".join(f"(1 AS ?v{i}) " for i in range(n)) + "{ }",
    "triple patterns": lambda n: "ASK { " + "".join(f"?s{i} {P} ?o{i} . " for i in range(n)) + "}",
    "predicate lists ;": lambda n: f"ASK {{ ?s {P} ?o " + f"; {P} ?o" * n + " }",
    "object lists ,": lambda n: f"ASK {{ ?s {P} ?o " + ", ?o" * n + " }",
    "a collection's members": lambda n: f"ASK {{ ?s {P} (" + " 1" * n + " ) }",
    "DESCRIBE terms": lambda n: "DESCRIBE " + " ".join(f"<http://x.example/{i}>" for i in range(n)),
    "a chain inside nested calls": lambda n: "ASK { FILTER(" + "STR(" * 95 + "+".join(["1"] * n) + ")" * 95 + ") }",
    "UNION inside nested OPTIONAL": lambda n: (
        "ASK " + f"{{ ?s {P} ?o OPTIONAL " * 95 + "{ " + " UNION ".join(["{ }"] * n) + " }" + " }" * 95),
}
# Kinds the engine takes seconds to minutes to plan (it orders the joins) at the length let through.
PLANNED_SLOWLY = {"a path a/b/c", "paths in triple patterns", "a chain of GRAPH", "groups side by side",
                  "predicate lists ;", "object lists ,", "a collection's members"}
LONG = 20_000  # links: a chain this long overflows the engine's stack in every spelling above
