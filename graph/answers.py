"""The answers of a trace and of the cascade below a task, as typed values.

:mod:`graph.trace` builds them; the command line prints them as text or as
JSON, the explorer's cascade page shows them. Each answer's ``as_json()`` is
its JSON contract (``docs/linking.md``): its fields may be added to, never
renamed or removed, so the contract is written here once, not by each reader.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


class Flat:
    """An answer whose JSON is its fields, in order."""

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Unit(Flat):
    iri: str
    name: str


def names(units: tuple[Unit, ...]) -> list[str]:
    """The units' names, as the contracts list them beside the units: sorted, since the units are."""
    return [unit.name for unit in units]


def sorted_units(units: dict[str, str]) -> tuple[Unit, ...]:
    """Units from ``{IRI: name}``, by name (then IRI), the order every answer lists them in."""
    return tuple(Unit(iri, name) for iri, name in sorted(units.items(), key=lambda unit: (unit[1], unit[0])))


@dataclass(frozen=True)
class PlanRef(Flat):
    """The plan a task stands in, as answers name it."""

    iri: str
    issuer: str
    level: str


@dataclass(frozen=True)
class TaskRef(Flat):
    iri: str
    number: str
    text: str


@dataclass(frozen=True)
class Deadline(Flat):
    """A deadline as printed and as the dates it spans; kind ``none`` where there is none."""

    text: str
    start: str | None
    end: str | None
    kind: str


@dataclass(frozen=True)
class Source:
    """The document and the lines (first, last) a task or an item is read from; empty when unknown."""

    document: str = ""
    lines: tuple[int, ...] = ()

    @property
    def span(self) -> str:
        """``12-30``, or ``12`` when the task takes one line."""
        return "-".join(str(n) for n in dict.fromkeys(self.lines))

    def as_json(self) -> dict:
        return {"document": self.document, "lines": list(self.lines)}


@dataclass(frozen=True)
class Link:
    """One plan task a trace reaches: how (``kind``, the weakest link's ``score``, the tasks ``via``
    which), at what level of the cascade, who does it, by when, and where it is read from."""

    plan: PlanRef
    task: TaskRef
    kind: str                       # stated (every link of the chain is) or inferred
    score: float
    via: tuple[str, ...]
    level: str
    lead_units: tuple[Unit, ...]
    cooperating_units: tuple[Unit, ...]
    deadline: Deadline
    source: Source

    @property
    def lead(self) -> list[str]:
        return names(self.lead_units)

    @property
    def cooperating(self) -> list[str]:
        return names(self.cooperating_units)

    def as_json(self) -> dict:
        return {
            "plan": self.plan.as_json(),
            "task": self.task.as_json(),
            "kind": self.kind,
            "score": self.score,
            "via": list(self.via),
            "level": self.level,
            "lead": self.lead,
            "cooperating": self.cooperating,
            "lead_units": [unit.as_json() for unit in self.lead_units],
            "cooperating_units": [unit.as_json() for unit in self.cooperating_units],
            "deadline": self.deadline.as_json(),
            "source": self.source.as_json(),
        }


@dataclass(frozen=True)
class ItemFacts:
    """How an NQ 71 item is known: from its ``programme``'s own text (then its units, output,
    deadline and source are that text's) or only from the plans that ``quotes`` its number."""

    known_from: str
    lead_units: tuple[Unit, ...]
    cooperating_units: tuple[Unit, ...]
    output: str
    deadline: Deadline
    source: Source

    @property
    def lead(self) -> list[str]:
        return names(self.lead_units)

    @property
    def cooperating(self) -> list[str]:
        return names(self.cooperating_units)

    def as_json(self) -> dict:
        return {"known_from": self.known_from, "lead": self.lead, "cooperating": self.cooperating,
                "output": self.output, "deadline": self.deadline.as_json(), "source": self.source.as_json(),
                "lead_units": [unit.as_json() for unit in self.lead_units],
                "cooperating_units": [unit.as_json() for unit in self.cooperating_units]}


@dataclass(frozen=True)
class ItemTrace:
    """Every plan task that cascades an NQ 71 item, city first."""

    item: str
    text: str
    nq57: tuple[str, ...]
    facts: ItemFacts
    links: tuple[Link, ...]

    def as_json(self) -> dict:
        return {"item": self.item, "text": self.text, "nq57": list(self.nq57), **self.facts.as_json(),
                "links": [link.as_json() for link in self.links]}


@dataclass(frozen=True)
class Upstream:
    """An NQ 71 item or NQ 57 task a task derives from, and the tasks in between."""

    iri: str
    kind: str
    number: str
    text: str
    via: tuple[str, ...]

    def as_json(self) -> dict:
        return {"iri": self.iri, "kind": self.kind, "number": self.number, "text": self.text, "via": list(self.via)}


@dataclass(frozen=True)
class TaskTrace:
    """The plan tasks derived from a task, or (``up``) those it derives from and, nearest first,
    the NQ 71 item and NQ 57 task above them."""

    task: TaskRef
    up: bool
    links: tuple[Link, ...]
    upstream: tuple[Upstream, ...] = ()

    def as_json(self) -> dict:
        answer = {"task": self.task.as_json(), "direction": "up" if self.up else "down",
                  "links": [link.as_json() for link in self.links]}
        if self.up:
            answer["upstream"] = [node.as_json() for node in self.upstream]
        return answer


@dataclass(frozen=True)
class UnitTask:
    """A task a unit leads or cooperates on, with the NQ 71 items it carries."""

    plan: PlanRef
    task: TaskRef
    items: tuple[str, ...]
    deadline: Deadline
    source: Source

    def as_json(self) -> dict:
        return {"plan": self.plan.as_json(), "task": self.task.as_json(), "items": list(self.items),
                "deadline": self.deadline.as_json(), "source": self.source.as_json()}


@dataclass(frozen=True)
class UnitTrace:
    unit: Unit
    lead: tuple[UnitTask, ...]
    cooperating: tuple[UnitTask, ...]

    def as_json(self) -> dict:
        return {"unit": self.unit.as_json(), "lead": [task.as_json() for task in self.lead],
                "cooperating": [task.as_json() for task in self.cooperating]}


@dataclass(frozen=True)
class CascadeAnswer:
    """The plan tasks below a root (an NQ 71 item, an NQ 57 task or a plan task), as the explorer's
    cascade page draws them: each below the task it derives from directly (``parent``)."""

    root: str
    text: str
    nq57: tuple[str, ...]           # the NQ 57 task the root implements
    links: tuple[Link, ...]

    def parent(self, link: Link) -> str:
        """The task ``link``'s task derives from directly: the last of its ``via``, else the root."""
        return link.via[-1] if link.via else self.root

    def as_json(self) -> dict:
        """The page's JSON: a link's ``via`` is its parent, its units are IRIs, its deadline is its text."""
        return {"item": self.root, "text": self.text, "nq57": list(self.nq57), "links": [
            {**link.as_json(), "via": self.parent(link), "lead": [unit.iri for unit in link.lead_units],
             "cooperating": [unit.iri for unit in link.cooperating_units], "deadline": link.deadline.text}
            for link in self.links]}
