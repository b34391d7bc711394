"""The numbered structure of a plan's body, and the tasks in it.

A body is a tree printed as numbered lines: Roman sections (``III.``), groups
(``1.``), items (``1.1.``, ``1.1.1.``), letters (``a)``) and bullets (``-``).
The tree is rebuilt from where each marker stands; a line without a marker
continues the node above it. Numbering is kept as printed, however wrong: a
skipped or repeated number is reported as an ``out-of-sequence`` warning, and
no node is ever dropped.

Tasks are the leaves of the sections about tasks (``NHIỆM VỤ, GIẢI PHÁP``,
``PHÂN CÔNG NHIỆM VỤ``…). A leaf that only points to an appendix ("Chi tiết
tại Phụ lục 3") is a heading, not a task: the appendix rows are the tasks.

Numbering rule for unnumbered tasks: a bullet or letter task is numbered by
its parent's number and its position among its siblings, the third bullet of
group ``2`` being ``2.3`` and letter ``b)`` of group ``2`` being ``2.b``.
Bullets under an item that is itself numbered (``1.1.``) or lettered, and
``+`` bullets under a ``-`` bullet, are part of that item's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from loaders.deadlines import deadline_in_text
from loaders.layout import Line, join, line_width, span_of, upper_ratio
from loaders.model import Plan, Section, Task, UnitRef
from loaders.organisation import Duty, assignees
from loaders.text import fold

ROMAN = re.compile(r"^([IVXLl1|]{1,5})\s*[.)]\s*(?=\S)")
NUMBER = re.compile(r"^(\d{1,2}(?:\s?[.,]\s?\d{1,2}){0,3})(\s?[.,)])?\s*(?=[\"“(]?\w)")
GLUED = re.compile(r"^(\d)(\d)\s+(?=\w)")   # "43 Ứng dụng": OCR lost the dot of 4.3
LETTER = re.compile(r"^([a-zđ])\s?([).])\s*(?=\S)")
BULLET = re.compile(r"^(?:([-–—•▪●])|[+*◦])\s*(?=\S)")   # second group: sub-bullets
CLOSING = re.compile(r"^(tren day la|trong qua trinh|de nghi cac|(?:\S+\s){0,4}yeu cau (?:cac|toan))\b")
# "(Chi tiết tại Phụ lục 3)", "tại Phụ lục 4 kèm theo": a pointer to an appendix (OCR-tolerant).
_APPENDIX_WORD = r"\bph\w{1,2} l\w{1,2}c\b"
POINTER = re.compile(rf"\b(chi ti\w{{0,2}}t|k\w{{1,2}}m theo)\b.*{_APPENDIX_WORD}|{_APPENDIX_WORD}.*\bk\w{{1,2}}m theo\b")
# Keywords of section titles, tolerant of OCR's lost or swapped letters ("NHIEM VY", "TO CHU'C").
TASK_SECTION = re.compile(r"\bnh\w{0,3}m v\w?\b")
ORGANISATION = re.compile(r"\bt\w c\w{1,3}c th\w{1,3}c h\w{1,3}n\b")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


class Marker(NamedTuple):
    """The number or bullet opening a line."""

    kind: str      # "roman", "number", "letter", "bullet", "closing"
    number: str    # without its trailing dot: "III", "1.1", "a", "-"
    level: int     # depth in the tree: Roman 1, "1." 2, "1.1." 3, …, letters 6, bullets 7, "+" 8
    length: int    # characters the marker takes on its line


@dataclass
class Node:
    """One numbered line of the body and the lines that continue it."""

    kind: str                       # as in Marker
    number: str
    level: int
    lines: list[Line]
    marker: int                     # length of the marker on the first line
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    section: int | None = None      # index in Plan.sections, once emitted
    width: int = 0                  # the page width in characters, for telling titles from text

    @property
    def text(self) -> str:
        first = Line(self.lines[0].number, self.lines[0].text[self.marker:])
        return join([first] + self.lines[1:])

    @property
    def title(self) -> str:
        """The heading words: the uppercase lines of a Roman heading; for a group, its
        lines up to the first that ends a sentence or falls short of the page width."""
        first = Line(self.lines[0].number, self.lines[0].text[self.marker:])
        taken = [first]
        for line in self.lines[1:]:
            if self.kind == "roman" and upper_ratio(line.text) < 0.6:
                break
            previous = self.lines[len(taken) - 1].text.rstrip()
            if self.kind != "roman" and (previous.endswith((".", ":")) or len(previous) < 0.8 * self.width):
                break
            taken.append(line)
        return join(taken).rstrip(" :")

    @property
    def span(self):
        return span_of(self.lines)

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()


def roman_value(token: str) -> int | None:
    """``"III"`` → 3; OCR's ``1``, ``l`` and ``|`` for ``I`` are read as ``I``."""
    token = token.replace("1", "I").replace("l", "I").replace("|", "I").upper()
    values = [ROMAN_VALUES.get(char) for char in token]
    if None in values:
        return None
    total = 0
    for value, following in zip(values, values[1:] + [0]):
        total += -value if value < following else value
    return total


def to_roman(value: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for amount, numeral in numerals:
        while value >= amount:
            out, value = out + numeral, value - amount
    return out


def capitalised(text: str) -> bool:
    """Whether ``text`` opens with a capital letter, after an opening quote or parenthesis."""
    letter = text.lstrip("\"“(")[:1]
    return letter.isupper()


def marker(text: str) -> Marker | None:
    """The marker opening ``text``, if any.

    Every number needs a capital letter after it; a lone arabic number needs
    its dot or parenthesis (``5 năm`` opens no item); digits read as a Roman
    number (OCR's ``111.``) need an uppercase title.
    """
    roman = ROMAN.match(text)
    if roman:
        token, title = roman.group(1), text[roman.end():]
        value = roman_value(token)
        if re.fullmatch(r"[IVXL]+", token):
            heading = capitalised(title)
        else:  # OCR's "111." for "III.": only before an uppercase title, and never a lone "1."
            heading = upper_ratio(title) >= 0.6 and len(token) > 1
        if value and heading:
            return Marker("roman", to_roman(value), 1, roman.end())
    number = NUMBER.match(text)
    if number and capitalised(text[number.end():]):
        parts = re.split(r"\s?[.,]\s?", number.group(1))
        if len(parts) > 1 or number.group(2) and number.group(2).strip() in (".", ")"):
            return Marker("number", ".".join(str(int(part)) for part in parts), 1 + len(parts), number.end())
    letter = LETTER.match(text)
    if letter and (letter.group(2) == ")" or capitalised(text[letter.end():])):
        return Marker("letter", letter.group(1), 6, letter.end())
    bullet = BULLET.match(text)
    if bullet:
        return Marker("bullet", "-", 7 if bullet.group(1) else 8, bullet.end())
    return None


class Outliner:
    """Builds the node tree line by line, tolerating OCR damage to the numbers."""

    def __init__(self, plan: Plan, width: int):
        self.plan = plan
        self.width = width
        self.roots: list[Node] = []
        self.stack: list[Node] = []

    def expected_child(self, parent: Node | None) -> int:
        siblings = parent.children if parent else []
        numbered = [node for node in siblings if node.kind == "number"]
        if not numbered:
            return 1
        return int(numbered[-1].number.split(".")[-1]) + 1

    def read_marker(self, line: Line) -> Marker | None:
        """The line's marker, or one OCR damaged: ``43 Ứng dụng`` for ``4.3.`` inside group 4,
        a stray mark before the next expected number (``7 2. Định kỳ``)."""
        found = marker(line.text)
        if found:
            return found
        group = next((node for node in reversed(self.stack) if node.kind == "number" and node.level == 2), None)
        glued = GLUED.match(line.text)
        in_sequence = glued and group and glued.group(1) == group.number
        if in_sequence and capitalised(line.text[glued.end():]) and int(glued.group(2)) == self.expected_child(group):
            number = f"{glued.group(1)}.{glued.group(2)}"
            self.plan.warn(line.number, "ocr-number", f"read {line.text[:2]!r} as {number}")
            return Marker("number", number, 3, glued.end())
        noise = re.match(r"^\S{1,2}\s+", line.text)
        rest = marker(line.text[noise.end():]) if noise else None
        if rest and rest.kind == "number" and rest.level == 2:
            parent = next((node for node in reversed(self.stack) if node.level < 2), None)
            if int(rest.number) == self.expected_child(parent):
                return rest._replace(length=rest.length + noise.end())
        return None

    def closes(self, line: Line, previous: Line) -> bool:
        """The closing formula of a plan after a finished sentence.

        "Trên đây là Kế hoạch…" anywhere; "… yêu cầu các …", "Trong quá trình
        thực hiện …" only once the organisation section is open, where they end it.
        """
        if not self.stack or not previous.text.rstrip().endswith((".", ";", ":")):
            return False
        folded = fold(line.text)
        if folded.startswith("tren day la"):
            return True
        return is_organisation(self.stack[0]) and bool(CLOSING.match(folded))

    def inside_item(self, bullet: Marker) -> bool:
        """Whether a bullet belongs to the text of the item above: a numbered item (``1.1.``),
        a letter, or a bullet of the outer glyph (``+`` under ``-``)."""
        owner = next((node for node in reversed(self.stack) if node.kind != "bullet"), None)
        if owner is not None and owner.level >= 3 and owner.kind != "closing":
            return True
        return bool(self.stack) and self.stack[-1].kind == "bullet" and self.stack[-1].level < bullet.level

    def add(self, line: Line, previous: Line | None) -> None:
        found = self.read_marker(line)
        if found is None and previous is not None and self.closes(line, previous):
            found = Marker("closing", "", 1, 0)
        if found is None or found.kind == "bullet" and self.inside_item(found):
            if self.stack:
                self.stack[-1].lines.append(line)
            return
        organisation = self.stack[0] if self.stack and is_organisation(self.stack[0]) else None
        while self.stack and self.stack[-1].level >= found.level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if found.kind == "closing" and organisation is not None:
            parent = organisation  # the closing paragraphs end the organisation section: who is asked to act
            self.stack = [organisation]
        node = Node(found.kind, found.number, found.level, [line], found.length, parent, width=self.width)
        (parent.children if parent else self.roots).append(node)
        self.stack.append(node)


def outline(plan: Plan, lines: list[Line]) -> list[Node]:
    builder = Outliner(plan, line_width(lines))
    previous = None
    for line in lines:
        builder.add(line, previous)
        previous = line
    check_sequence(plan, builder.roots)
    return builder.roots


def check_sequence(plan: Plan, roots: list[Node]) -> None:
    """Warn where printed numbers skip, repeat or do not start with their parent's number."""
    romans = [node for node in roots if node.kind == "roman"]
    for expected, node in enumerate(romans, start=1):
        if roman_value(node.number) != expected:
            plan.warn(node.lines[0].number, "out-of-sequence",
                      f"section {node.number} where {to_roman(expected)} was expected")
    for node in [n for root in roots for n in [root, *root.descendants()]]:
        numbered = [child for child in node.children if child.kind == "number"]
        previous = 0
        for child in numbered:
            *prefix, last = child.number.split(".")
            value = int(last)
            if value != previous + 1:
                what = "repeats" if value <= previous else "skips"
                plan.warn(child.lines[0].number, "out-of-sequence",
                          f"item {child.number} {what} the numbering (after {previous or 'none'})")
            if node.kind == "number" and prefix and ".".join(prefix) != node.number:
                plan.warn(child.lines[0].number, "out-of-sequence",
                          f"item {child.number} stands under {node.number}")
            previous = value


def keywords(text: str) -> str:
    """Folded words only, so that OCR marks inside words (``CHU'C``) do not hide a keyword."""
    return re.sub(r"[^a-z0-9 ]", "", fold(text))


def is_task_section(node: Node) -> bool:
    folded = keywords(node.title)
    return bool(TASK_SECTION.search(folded)) and not ORGANISATION.search(folded)


def is_organisation(node: Node) -> bool:
    return node.kind == "roman" and bool(ORGANISATION.search(keywords(node.title)))


def emit(plan: Plan, roots: list[Node], issuer: UnitRef | None) -> None:
    """Append the sections and tasks of the tree to ``plan``."""
    for root in roots:
        if root.kind == "closing":
            continue
        add_section(plan, root)
        if is_organisation(root):
            continue
        if root.kind == "roman" and is_task_section(root):
            emit_tasks(plan, root, issuer)
        else:
            for node in root.descendants():
                if node.kind in ("number", "letter"):
                    add_section(plan, node)


def add_section(plan: Plan, node: Node) -> None:
    parent = nearest_section(node.parent)
    node.section = len(plan.sections)
    plan.sections.append(Section(node.number, node.title, node.span, parent))


def nearest_section(node: Node | None) -> int | None:
    while node is not None and node.section is None:
        node = node.parent
    return node.section if node else None


def emit_tasks(plan: Plan, section: Node, issuer: UnitRef | None) -> None:
    for node in section.descendants():
        if node.children or POINTER.search(keywords(node.text)):
            add_section(plan, node)
            continue
        text = node.text
        lead, cooperating = assignees(text, node.span, issuer)
        plan.tasks.append(Task(task_number(node), text, node.span, nearest_section(node.parent),
                               lead=lead, cooperating=cooperating, deadline=deadline_in_text(text, node.span)))


def task_number(node: Node) -> str:
    """The printed number, or parent number + position for bullets and letters (see module doc)."""
    if node.kind == "number":
        return node.number
    parent = node.parent.number if node.parent else ""
    if node.kind == "letter":
        return f"{parent}.{node.number}"
    position = [child for child in node.parent.children if child.kind == "bullet"].index(node) + 1
    return f"{parent}.{position}"


def duties(section: Node) -> list[Duty]:
    """The items of the organisation section: its leaves, each with the heading above it, and the
    closing paragraphs that end it ("… yêu cầu các phòng, ban, ngành nghiêm túc triển khai …")."""
    return [Duty(node.text, node.span, node.parent.title if node.parent is not section else None,
                 closing=node.kind == "closing")
            for node in section.descendants() if not node.children]


def starts_sections(line: Line) -> bool:
    """Whether a line opens the numbered body (a Roman heading or a first group)."""
    found = marker(line.text)
    return bool(found) and (found.kind == "roman" or found[:2] == ("number", "1"))

