"""What can be told of a SPARQL query from its tokens, before an engine reads it.

The text is split as the SPARQL grammar splits it: strings, IRIs, comments,
variables and names are tokens of their own, whatever they hold; the rest is
the query's own syntax (keywords, numbers, brackets, operators). A comment
ends at either line end, ``\\n`` or ``\\r``, as the engine reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_NESTING = 100  # brackets inside brackets; the engine's stack gives out from 950 on (bench/engine_stack.py)
QUICK_LENGTH = 10_000  # characters: a longer query is never taken for a quick one

# Possessive quantifiers (*+, ++) never give back what they took, so that splitting takes time in
# proportion to the query's length whatever it holds.
_TOKEN = re.compile(r'''
      (?P<string> \"\"\" (?: "{0,2} (?:[^"\\]|\\.) )*+ \"\"\"  |  \'\'\' (?: '{0,2} (?:[^'\\]|\\.) )*+ \'\'\'
                | " (?:[^"\\\n\r]|\\.)*+ "  |  ' (?:[^'\\\n\r]|\\.)*+ ' )
    | (?P<iri> < [^<>"{}|^`\\\x00-\x20]*+ > )
    | (?P<comment> \# [^\n\r]*+ )
    | (?P<name> [?$]\w++ | _:[\w.-]*+                                        # variables, blank nodes
              | (?:[^\W\d][\w.-]*+)? : (?: [\w:%-] | \\. | \.(?=[\w:%\\-]) )*+   # prefixed names
              | \\. )                                                        # an escape in a local name
    | (?P<syntax> \w++ | \s++ | . )
''', re.X | re.S)


def tokens(query: str) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` for each token of ``query``: kind ``string``, ``iri``, ``comment``, ``name`` or ``syntax``.

    A ``<…>`` that the engine may read as two comparisons (``?a<?b && ?c>?d``) is an ``iri`` here.
    """
    for match in _TOKEN.finditer(query):
        yield match.lastgroup, match.group()


def nesting(query: str) -> int:
    """How deeply ``(``, ``[`` and ``{`` nest in ``query``.

    The brackets inside a ``<…>`` count too, in case the engine reads its ``<`` as less-than, but
    never lower the depth after it: no reading of the query nests deeper than this.
    """
    depth = deepest = 0
    for kind, text in tokens(query):
        if kind not in ("syntax", "iri"):
            continue
        before = depth
        for char in text:
            if char in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in ")]}":
                depth -= 1
        if kind == "iri":
            depth = max(before, depth)
    return deepest


def syntax(query: str) -> str:
    """The query's own syntax in capitals, each string, IRI, comment and name replaced by a space:
    a keyword (``SERVICE``, ``FROM``) found in it is one the engine reads as a keyword. ``1SERVICE``
    is one: the engine reads ``1 SERVICE``; and no other word of SPARQL holds either of these."""
    return "".join(text.upper() if kind == "syntax" else " " for kind, text in tokens(query))


def looks_quick(query: str) -> bool:
    """Whether ``query`` is answered in one scan of the store at most: one group of patterns (no
    OPTIONAL, UNION, subquery or VALUES) holding at most one triple pattern, with no property path
    repeated (``*``, ``+``). FILTER and BIND expressions in the group are free."""
    if len(query) > QUICK_LENGTH:
        return False
    groups = depth = terms = 0
    inside = False
    for kind, text in tokens(query):
        if kind == "comment" or text.isspace():
            continue
        if text in ("{", "}"):
            groups += text == "{"
            inside = text == "{"
        elif inside:
            if text in ("*", "+"):
                return False
            depth += (text == "(") - (text == ")")
            terms += depth == 0 and text not in (")", ".") and text.upper() not in ("FILTER", "BIND")
    return groups <= 1 and terms <= 3


def nesting_error(query: str) -> str | None:
    """Why ``query`` is refused for how deeply it nests, or None when it is not."""
    depth = nesting(query)
    if depth <= MAX_NESTING:
        return None
    return (f"The query nests brackets {depth} deep, deeper than the {MAX_NESTING} nqgraph reads: deeper "
            "nesting overflows the query engine's stack. Flatten the query.")
