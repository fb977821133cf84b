"""The Connection Check read-out: healthy boundary or detachment, situational or persistent,
one-sided or mutual, and the pursue-withdraw cycle.

Each finding is a label plus the facts that led to it (``Reason``: a code, the item and the
value); the sentences a person reads are built from those facts in
``nearer.core.guidance.words``. The thresholds are nearer's own reading aids, each documented
in docs/connection-check.md ("Scoring"); they describe answers, they do not diagnose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from statistics import mean
from typing import TYPE_CHECKING

from nearer.core.instruments.base import Answer
from nearer.core.instruments.connection_check import WHOSE, Definition, Whose, whose_about

if TYPE_CHECKING:
    from nearer.core.instruments.connection_scoring import DomainScore

# docs/connection-check.md, "Scoring": a statement answered "often" (3) or "almost always"
# (4) counts as a marked answer.
OFTEN = 3
# docs/connection-check.md, "Healthy boundary or unhealthy detachment": an inner-experience
# index of 60+ (deep distance) is itself a warning sign; an overall index of 40+ without a
# chosen boundary reads as detachment; under 20 is little distance.
INNER_WARNING_INDEX = 60
DETACHMENT_INDEX = 40
LITTLE_DISTANCE_INDEX = 20
# docs/connection-check.md, "Situational or persistent": six months or more (26 weeks) is
# persistent; up to two months (8 weeks) is situational.
PERSISTENT_WEEKS = 26
SITUATIONAL_WEEKS = 8
# docs/connection-check.md, "One-sided or mutual": both indexes 40+ is mutual; a difference
# of 15+ with the higher at 30+ is one-sided.
MUTUAL_INDEX = 40
ONE_SIDED_GAP = 15
ONE_SIDED_FLOOR = 30
# docs/connection-check.md, "Pursue-withdraw cycle": pursuit (mean of p1 and p3) of 2.5+
# against pulling back when pressed (p2) "often" or more.
PURSUIT_LEVEL = 2.5

# Weeks each duration choice stands for (the middle of its range, roughly).
DURATION_WEEKS = {"none": 0, "lt2w": 1, "2w-2m": 5, "2m-6m": 17, "6m-2y": 52, "gt2y": 104}


@dataclass(frozen=True)
class Reason:
    """One fact behind a finding. ``code`` says what kind of fact; ``item`` the question or
    statement ("i1.self", "boundary", "p2.partner") and ``value`` the answer or number."""

    code: str
    item: str = ""
    value: Answer | float | None = None
    other: int | None = None


@dataclass(frozen=True)
class Finding:
    """One part of the read-out: a label and the facts it was reached from."""

    label: str
    reasons: tuple[Reason, ...]
    who: Whose | None = None


def often(answers: Mapping[str, Answer], item: str) -> bool:
    value = answers.get(item)
    return isinstance(value, int) and value >= OFTEN


def said_yes(answers: Mapping[str, Answer], question: str) -> bool:
    """A context answer that says "yes" in any form (me, partner, both, yes)."""
    value = answers.get(question)
    return value in WHOSE or value == "yes"


def boundary_finding(
    d: Definition,
    answers: Mapping[str, Answer],
    inner: DomainScore,
    highest: int,
) -> Finding:
    """Healthy boundary or unhealthy detachment (knowledge base: detachment.toml).

    A boundary is healthy when it was chosen and named, and it comes without the warning
    signs (numbness, loneliness, indifference, flat reactions), which are what set unhealthy
    detachment apart. The warning-sign statements are marked in the check's definition.
    """
    markers = [
        Reason("warning_sign", f"{s.id}.{about}", answers[f"{s.id}.{about}"])
        for s in d.statements
        for about in s.warning_sign
        if often(answers, f"{s.id}.{about}")
    ]
    if inner.self_index is not None and inner.self_index >= INNER_WARNING_INDEX:
        markers.append(Reason("inner_index", "inner", inner.self_index))
    chosen = [
        Reason("chosen", q.id, answers[q.id])
        for q in d.context
        if q.readout == "chosen_space" and said_yes(answers, q.id)
    ]
    if chosen and not markers:
        return Finding("healthy_boundary", (*chosen, Reason("no_warning_signs")))
    if chosen and markers:
        return Finding("mixed", (*chosen, *markers, Reason("wider_wall")))
    if markers or highest >= DETACHMENT_INDEX:
        extra = [Reason("overall", value=highest)] if highest >= DETACHMENT_INDEX else []
        return Finding("unhealthy_detachment", (*markers, *extra))
    if highest < LITTLE_DISTANCE_INDEX:
        return Finding("little_distance", (Reason("overall", value=highest),))
    return Finding("some_distance", (Reason("overall", value=highest), Reason("no_warning_signs")))


def course_finding(
    d: Definition, answers: Mapping[str, Answer], duration: str, onset: str | None
) -> Finding:
    """Situational (a recent reaction to events) or persistent (months, a settled pattern)."""
    weeks = DURATION_WEEKS[duration]
    stressors = [q.id for q in d.context if q.readout == "stress_now" and said_yes(answers, q.id)]
    reasons = [Reason("lasted", "duration", duration)]
    if onset == "event":
        reasons.append(Reason("event_onset", "onset", onset))
    if stressors:
        reasons.append(Reason("stress_now", stressors[0], answers[stressors[0]]))
    if weeks == 0:
        return Finding("none", (Reason("no_distance", "duration", duration),))
    if weeks >= PERSISTENT_WEEKS:
        return Finding("persistent", tuple(reasons))
    if weeks <= SITUATIONAL_WEEKS or onset == "event" or stressors:
        return Finding("situational", tuple(reasons))
    return Finding("emerging", (*reasons, Reason("not_settled")))


def sidedness_finding(overall_self: int | None, overall_partner: int | None) -> Finding:
    """One-sided (one of you pulls back) or mutual (you both do)."""
    if overall_self is None or overall_partner is None:
        known = overall_self if overall_self is not None else overall_partner
        return Finding("unknown", (Reason("only_one_side", value=known),))
    reasons = (Reason("indexes", value=overall_self, other=overall_partner),)
    if overall_self >= MUTUAL_INDEX and overall_partner >= MUTUAL_INDEX:
        return Finding("mutual", reasons)
    gap = abs(overall_self - overall_partner)
    if gap >= ONE_SIDED_GAP and max(overall_self, overall_partner) >= ONE_SIDED_FLOOR:
        who: Whose = "me" if overall_self > overall_partner else "partner"
        return Finding("one_sided", reasons, who)
    if max(overall_self, overall_partner) < LITTLE_DISTANCE_INDEX:
        return Finding("neither", reasons)
    return Finding("both_somewhat", reasons)


def cycle_finding(answers: Mapping[str, Answer]) -> Finding:
    """The pursue-withdraw cycle: one presses for closeness, the other pulls back.

    Pursuit is pressing (p1) together with always starting contact (p3); withdrawal is
    pulling back when pressed (p2).
    """

    def level(item: str) -> float | None:
        value = answers.get(item)
        return float(value) if isinstance(value, int) else None

    def pursuit(about: str) -> float:
        values = [v for v in (level(f"p1.{about}"), level(f"p3.{about}")) if v is not None]
        return mean(values) if values else 0.0

    for pursuer, withdrawer in (("self", "partner"), ("partner", "self")):
        p = pursuit(pursuer)
        w = level(f"p2.{withdrawer}") or 0.0
        if p >= PURSUIT_LEVEL and w >= OFTEN:
            return Finding(
                "pursue_withdraw",
                (
                    Reason("presses", f"p1.{pursuer}", round(p, 1)),
                    Reason("pulls_back", f"p2.{withdrawer}", w),
                ),
                whose_about(pursuer),
            )
    return Finding("no_cycle", (Reason("no_cycle"),))
