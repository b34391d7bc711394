"""Tables a plan reproduces from the plan above it: their rows are that plan's tasks.

Plans copy their upper plan's assignment tables into their appendices: a
commune's plan prints the city's "phân công các nhiệm vụ chung của thành phố",
whose rows the city's departments lead. Those rows are the city's tasks; the
plan that copies them is only where they were read. Documents show it in
three ways:

- ``caption``: the appendix's caption names another issuer's document, "(Kèm
  theo Kế hoạch số 238/KH-UBND ngày … của UBND thành phố)";
- ``title``: its title names the tasks as the province's, "nhiệm vụ chung
  của thành phố", "nhiệm vụ … thực hiện tại tỉnh" (not "nhiệm vụ của xã thực
  hiện Kế hoạch … của tỉnh", which names a plan, not the tasks' owner);
- ``leads``: most of its rows are led by units outside the issuing body, at
  the province's level (its departments and agencies), and hardly any by the
  issuer or its divisions.

A caption is enough; a title too, unless more rows are led by the plan's own
divisions than by the province's units. The upper plan is the document the
caption names, else the one plan of the upper issuer the text cites (the one
it implements, else the one it is based on): the cited document itself, known
now to be a plan and to hold these tasks. The names in a reproduced row are
read as its issuer writes them. A table whose upper issuer the text does not
give is left the plan's own, warned.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from loaders import citations, places
from loaders.assignment_tables import table_name
from loaders.layout import Line, joined, span_of, upper_ratio
from loaders.model import Appendix, Citation, Plan, Reproduction, Task, UnitRef
from loaders.text import fold
from loaders.units import city_of, resolve_one

CAPTION = re.compile(r"\bk\w{1,2}m\s+theo\b")
# Words naming a document: a "của <province>" after one names that document's issuer, not the tasks' owner.
DOCUMENT_WORDS = re.compile(r"\b(?:ke hoach|chuong trinh|nghi quyet|quyet dinh|van ban|cong van)\b")
UPPER_LEVELS = ("national", "city", "department", "agency")
OUTSIDE_SHARE, OWN_SHARE, LED_ROWS = 0.6, 0.1, 3
LOWER_LEVELS = ("department", "district", "commune", "ward")


@cache
def _owner() -> re.Pattern:
    """"của thành phố", "tại UBND tỉnh": tasks said to be a province's (folded)."""
    words = [word for word, kind in places.kinds().items() if kind in places.PROVINCE_KINDS and "uy" not in word]
    return re.compile(rf"\b(?:cua|tai)\s+(?:(?:uy ban nhan dan|ubnd)\s+)?({places.alternation(words)})\b")


def detect(plan: Plan, appendices: list[Appendix], appendix_lines: list[list[Line]]) -> None:
    """Mark the rows of each table ``plan`` reproduces as the upper plan's (``Task.reproduction``)."""
    if plan.issuer is None or plan.level not in LOWER_LEVELS:
        return
    for appendix, lines in zip(appendices, appendix_lines):
        name = table_name(appendix)
        rows = [task for task in plan.tasks if task.origin == "appendix" and task.table == name]
        if not rows or not lines:
            continue
        found = reproduction(plan, name, rows, lines)
        if found is None:
            continue
        plan.reproductions.append(found)
        for task in rows:
            task.reproduction = len(plan.reproductions) - 1
            task.lead = [read_as(ref, found.issuer) for ref in task.lead]
            task.cooperating = [read_as(ref, found.issuer) for ref in task.cooperating]


def reproduction(plan: Plan, name: str, rows: list[Task], lines: list[Line]) -> Reproduction | None:
    """The table's reproduction, when its caption, title or leads show one; None for the plan's own."""
    head = [line for line in lines[:4] if not CAPTION.search(fold(line.text)) and upper_ratio(line.text) > 0.7]
    caption = [line for line in lines[:5] if CAPTION.search(fold(line.text))]
    span = span_of(lines[: (lines.index(caption[0]) if caption else 0) + 1])
    named = caption_document(plan, caption[0]) if caption else None
    if named is not None and named[0].key == plan.issuer.key:
        return None  # the caption names this very plan
    evidence = ["caption"] if named else []
    city = city_of(plan.issuer)
    own, outside = lead_shares(rows, plan.issuer)
    if titled_upper(" ".join(line.text for line in head), plan) and own <= outside:
        evidence.append("title")
    if outside >= OUTSIDE_SHARE and own <= OWN_SHARE:
        evidence.append("leads")
    if not evidence:
        return None
    issuer = named[0] if named else city
    if issuer is None:
        plan.warn(span.first, "reproduced-issuer",
                  f"{name} reproduces an upper plan's table ({', '.join(evidence)}); the text does not say "
                  f"whose: read as this plan's")
        return None
    cited = named[1] if named else upper_citation(plan, issuer)
    if cited is None:
        plan.warn(span.first, "reproduced-plan",
                  f"{name} reproduces a table of {issuer.name} ({', '.join(evidence)}); the text does not say "
                  f"which of its plans")
    return Reproduction(name, replace(issuer, span=span), span, evidence, cited.number if cited else None,
                        cited.doc_type if cited else "", cited.date if cited else None)


def caption_document(plan: Plan, caption: Line) -> tuple[UnitRef, Citation] | None:
    """The document a caption names and its issuer (the plan's own issuer when it names the plan
    itself); None when it names no document, or none whose issuer the text gives."""
    mention = next(iter(citations.find(citations.Region(joined([caption])))), None)
    if mention is None:
        return None
    if mention.number == plan.number:
        return plan.issuer, Citation(mention.number, mention.printed, mention.span)
    cited = next((c for c in plan.citations if c.number == mention.number), None)
    printed = mention.issuer or (cited.issuer if cited else None)
    if not printed:
        return None
    return resolve_one(printed, mention.span, plan.issuer), Citation(
        mention.number, mention.printed, mention.span, doc_type=mention.doc_type, issuer=printed,
        date=mention.date or (cited.date if cited else None))


def titled_upper(title: str, plan: Plan) -> bool:
    """Whether a table's title names its tasks as the plan's province's, before any document it names."""
    folded = fold(title)
    owner = _owner().search(folded)
    if owner is None or DOCUMENT_WORDS.search(folded, 0, owner.start()):
        return False
    city = city_of(plan.issuer)
    kind = places.kinds()[places.key(owner.group(1))]
    return city is not None and fold(city.name).startswith(f"uy ban nhan dan {fold(kind)}")


def lead_shares(rows: list[Task], issuer: UnitRef) -> tuple[float, float]:
    """Of the rows that name a lead: the share led by the issuer or its divisions, and the share led
    only by units outside it at the province's level or above."""
    led = [task for task in rows if task.lead]
    if len(led) < LED_ROWS:
        return 0.0, 0.0

    def own(ref: UnitRef) -> bool:
        return ref.key == issuer.key or ref.key.startswith(issuer.key + "/")

    owned = sum(any(own(ref) for ref in task.lead) for task in led)
    outside = sum(not any(own(ref) for ref in task.lead)
                  and any(not ref.collective and ref.level in UPPER_LEVELS for ref in task.lead) for task in led)
    return owned / len(led), outside / len(led)


def upper_citation(plan: Plan, issuer: UnitRef) -> Citation | None:
    """The one plan of ``issuer`` the text cites: the one it implements, else the one it is based on."""
    theirs = [c for c in plan.citations if c.issuer and c.doc_type not in ("NQ", "")
              and resolve_one(c.issuer, c.span, plan.issuer).key == issuer.key]
    for chosen in ([c for c in theirs if c.implements], [c for c in theirs if c.basis], theirs):
        if len(chosen) == 1:
            return chosen[0]
    return None


def read_as(ref: UnitRef, issuer: UnitRef) -> UnitRef:
    """A unit named in a reproduced row, read as the row's issuer names it ("UBND xã" in a city's
    table is no commune's own committee)."""
    return resolve_one(ref.printed, ref.span, issuer)
