"""What can be told of a SPARQL query from its tokens, before an engine reads it.

The text is split as the SPARQL grammar splits it: strings, IRIs, comments,
variables and names are tokens of their own, whatever they hold; the rest is
the query's own syntax (keywords, numbers, brackets, operators). A comment
ends at either line end, ``\\n`` or ``\\r``, and inside parentheses a ``<``
after an operand is less-than, as the engine reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The engine's stack gives out from 937 nested calls and from 2587 terms of a DESCRIBE (bench/engine_stack.py):
MAX_NESTING = 100  # brackets inside brackets
MAX_TERMS = 1000   # terms and operators outside VALUES data
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

    Inside parentheses a ``<`` right after an operand (``?a<?b && ?c>?d``) is less-than, as the
    engine reads it, not the start of an IRI; elsewhere a ``<…>`` is an ``iri`` here.
    """
    for kind, text, _ in _walk(query):
        yield kind, text


def _walk(query: str) -> Iterator[tuple[str, str, bool]]:
    """The tokens of ``query``, each with whether it stands inside a ``VALUES`` block's data
    (the block's own braces do not), where only terms and rows of terms can stand."""
    brackets: list[str] = []  # the open brackets, innermost last
    block = None              # how many brackets are open inside a VALUES block's brace; None outside one
    operand = False           # the last token ends an operand: a "<" after it inside "(" is less-than
    values = False            # a VALUES keyword waits for its block
    previous, position = "", 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        kind, text = match.lastgroup, match.group()
        if kind == "iri" and operand and block is None and brackets[-1:] == ["("]:
            kind, text = "syntax", "<"
        position += len(text)
        if kind == "comment" or text.isspace():
            yield kind, text, block is not None
            continue
        opens, closes = kind == "syntax" and text in "([{", kind == "syntax" and text in ")]}"
        if block == 0 and closes:
            block = None  # the block's own closing brace
        yield kind, text, block is not None
        if opens:
            brackets.append(text)
            if block is not None:
                block += 1
            elif values and text == "{":
                block = 0
        elif closes and brackets:
            brackets.pop()
            if block:
                block -= 1
        word = text.upper()
        values = word == "VALUES" or values and (kind == "name" or text in "()")
        operand = kind in ("string", "iri", "name") or closes or text[0].isdigit() or \
            word in ("TRUE", "FALSE") or previous == "@"
        previous = text


def _extent(query: str) -> Iterator[tuple[int, int]]:
    """After each token of ``query``: how deeply ``(``, ``[`` and ``{`` have nested so far, and how
    many terms and operators have stood so far (a name, a number, a string, an IRI, a bracket, a
    comma, each character of an operator), those of a ``VALUES`` block's data aside.

    The brackets inside a ``<…>`` count too, in case the engine reads its ``<`` as less-than, but
    never lower the depth after it: no reading of the query nests deeper than this.
    """
    depth = deepest = count = 0
    for kind, text, data in _walk(query):
        if kind == "comment" or text.isspace():
            continue
        count += not data
        if kind in ("syntax", "iri"):
            before = depth
            for char in text:
                if char in "([{":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in ")]}":
                    depth -= 1
            if kind == "iri":
                depth = max(before, depth)
        yield deepest, count


def nesting(query: str) -> int:
    """How deeply ``(``, ``[`` and ``{`` nest in ``query`` (:func:`_extent`)."""
    return max((deepest for deepest, _ in _extent(query)), default=0)


def terms(query: str) -> int:
    """How many terms and operators ``query`` holds outside a ``VALUES`` block's data (:func:`_extent`)."""
    return max((count for _, count in _extent(query)), default=0)


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


def stack_error(query: str) -> str | None:
    """Why ``query`` is not given to the engine, whose stack it would overflow, or None when it may be.

    The engine reads, rewrites and evaluates a query as a tree, one call deeper for each level: a
    bracket inside another, and each link of a chain (``1+1+…``, ``a/b/…``, ``UNION``, ``OPTIONAL``,
    triple patterns, ``DESCRIBE`` terms). Nesting is bounded, and so is the count of terms, which a
    chain cannot be longer than; only the data of a ``VALUES`` block, a flat list, is not counted.
    """
    for depth, count in _extent(query):  # the first bound passed is enough to refuse
        if depth > MAX_NESTING:
            return (f"The query nests brackets deeper than the {MAX_NESTING} nqgraph reads: deeper nesting "
                    "overflows the query engine's stack. Flatten the query.")
        if count > MAX_TERMS:
            return (f"The query holds more than the {MAX_TERMS} terms and operators nqgraph reads: a longer "
                    "chain (of +, ||, /, UNION, OPTIONAL, triple patterns) overflows the query engine's stack. "
                    "Shorten the query; a long list of values can go in a VALUES block, whose data is not counted.")
    return None
