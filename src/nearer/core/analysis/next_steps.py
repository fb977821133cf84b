"""Headlines and what to do: one headline per person, each finding linked to next steps.

Signals that began in the same week are one finding: instead of a bullet per metric that
repeats "since about the week of 31 July", a person gets one headline that lists what
changed, grouped by when it began, with every number in its unit. Each headline carries
structured next steps (``Step``) that the terminal, the HTML report and the web app render
alike: strategies from the knowledge base that fit the pattern and the person's part in it,
the weekly talk, the Connection Check, and professional help when the pattern is one that
tends to settle in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal

from nearer.core.analysis.definitions import BY_ID, ChatPattern
from nearer.core.analysis.signals import Signal
from nearer.core.knowledge import KnowledgeBase
from nearer.core.knowledge import load as load_knowledge

StepKind = Literal["strategy", "weekly_talk", "connection_check", "help"]
STRATEGIES_PER_PERSON = 2  # more than two suggestions at once reads as homework
SAME_TIME_DAYS = 14  # design choice: change points two weeks apart are one turn of events


@dataclass(frozen=True)
class Step:
    """One thing to do. ``id`` is the strategy's or help option's id in the knowledge base
    (``nearer learn ID``), or "weekly_talk" / "connection_check" for nearer's own tools."""

    kind: StepKind
    id: str
    title: str
    why: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "why": self.why}


@dataclass(frozen=True)
class Change:
    """One metric's change inside a headline."""

    metric: str
    direction: str
    text: str  # "fewer messages (from about 40 to 12 a week)"

    def to_json(self) -> dict[str, str]:
        return {"metric": self.metric, "direction": self.direction, "text": self.text}


@dataclass(frozen=True)
class Group:
    since: date | None
    changes: tuple[Change, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True)
class Headline:
    person: str  # a participant as shown, or "both"
    text: str
    groups: tuple[Group, ...]
    steps: tuple[Step, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "text": self.text,
            "groups": [g.to_json() for g in self.groups],
            "steps": [s.to_json() for s in self.steps],
        }


@cache
def _knowledge() -> KnowledgeBase:
    return load_knowledge()


def _when(day: date | None) -> str:
    return f"since about the week of {day.day} {day:%B %Y}" if day else "lately"


def _change(signal: Signal) -> Change:
    metric = BY_ID[signal.metric]
    numbers = f"from about {metric.span(signal.baseline, signal.recent)}"
    return Change(signal.metric, signal.direction, f"{metric.phrase(signal.direction)} ({numbers})")


def _groups(signals: list[Signal]) -> tuple[Group, ...]:
    """Signals by when they began: dates within ``SAME_TIME_DAYS`` of a group's first date
    join it (a change point is an estimate; a week either way is the same change)."""
    dated = sorted(
        (s for s in signals if s.change_date), key=lambda s: (s.change_date or "", s.metric)
    )
    groups: list[tuple[date, list[Signal]]] = []
    for s in dated:
        day = date.fromisoformat(s.change_date or "")
        if groups and (day - groups[-1][0]).days <= SAME_TIME_DAYS:
            groups[-1][1].append(s)
        else:
            groups.append((day, [s]))
    rank = {metric_id: k for k, metric_id in enumerate(BY_ID)}
    out = [
        Group(day, tuple(_change(s) for s in sorted(items, key=lambda s: rank[s.metric])))
        for day, items in groups
    ]
    undated = [s for s in signals if not s.change_date]
    if undated:
        out.append(Group(None, tuple(_change(s) for s in undated)))
    return tuple(out)


def _text(person: str, groups: tuple[Group, ...]) -> str:
    who = "The two of you" if person == "both" else person
    parts = [f"{_when(g.since)}: {', '.join(c.text for c in g.changes)}" for g in groups]
    return f"{who}, {'; '.join(parts)}."


def _role(person: str, pattern: ChatPattern, signals: list[Signal]) -> str:
    """The person's part in the pattern, as the knowledge base names audiences."""
    if person == "both" or pattern.id == "mutual-drift":
        return "both"
    if pattern.id == "pursue-withdraw":
        lead = next(s for s in signals if s.pattern == "pursue-withdraw")
        return "withdrawing" if lead.person == person else "reaching"
    return "anyone"


def steps_for(role: str, pattern: ChatPattern, safety: bool = False) -> tuple[Step, ...]:
    """Next steps for someone with ``role`` ("withdrawing", "reaching", "both", "anyone").

    With ``safety`` (the chat showed danger) nothing that needs the partner's cooperation or
    asks anyone to accommodate them is offered: no joint exercise, no weekly talk, no
    couples therapy, no stepping back; only what a person does alone and that the knowledge
    base does not hold back for a safety concern (as ``guidance.plan`` does for other texts).
    """
    kb = _knowledge()
    patterns = [pattern.knowledge] if pattern.knowledge else []
    avoid = ["safety_concern", "partner_harm"] if safety else []
    audience = "anyone" if safety and role == "both" else role
    fitting = [
        s
        for s in kb.strategies_for(audience=audience, patterns=[*patterns, *avoid])
        if (not patterns or set(patterns) & set(s.fits_patterns))
        and not (safety and (s.audience == "both" or s.gives_space))
    ]
    chosen: list[Step] = [
        Step("strategy", s.id, s.name, s.summary) for s in fitting[:STRATEGIES_PER_PERSON]
    ]
    if safety:
        return tuple(chosen)
    chosen.append(
        Step(
            "weekly_talk",
            "weekly_talk",
            "The weekly talk",
            "Ten minutes a week where one of you speaks and the other only listens: a calm "
            "place to bring up what these figures made you notice.",
        )
    )
    chosen.append(
        Step(
            "connection_check",
            "connection_check",
            "The Connection Check",
            "Messages show only part of a relationship. Each taking the Connection Check shows "
            "how close each of you actually feels, and where you see things differently.",
        )
    )
    if pattern.id in ("pursue-withdraw", "mutual-drift"):
        therapy = kb.help_option("couples_therapy")
        chosen.append(
            Step(
                "help",
                therapy.id,
                therapy.name,
                "If this has gone on for months, or talking about it keeps going wrong, a "
                "couples counsellor can help you both find the way back early.",
            )
        )
    return tuple(chosen)


def headlines(
    signals: list[Signal],
    participants: tuple[str, str],
    pattern: ChatPattern,
    safety: bool = False,
) -> list[Headline]:
    """One headline per person with signals (and one for the couple's style matching);
    ``safety``: the chat showed danger (see ``steps_for``)."""
    plain = [s for s in signals if not s.pattern]
    out: list[Headline] = []
    for person in (*participants, "both"):
        mine = [s for s in plain if s.person == person]
        if not mine:
            continue
        groups = _groups(mine)
        role = _role(person, pattern, signals)
        steps = steps_for(role, pattern, safety)
        out.append(Headline(person, _text(person, groups), groups, steps))
    return out
