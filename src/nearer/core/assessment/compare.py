"""Perception gaps: how each partner sees themselves against how the other sees them.

Both partners answer the Connection Check about themselves and about each other, so each
domain has two views of each person. A gap is the other's view minus one's own: positive
when the partner sees more distance in you than you see in yourself. Gaps are prompts for a
conversation, not verdicts on who is right.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from nearer.core.instruments.connection_check import definition
from nearer.core.instruments.connection_scoring import ConnectionResult

# A gap of 15 index points is about three answer steps across a domain's four statements
# (each step moves an index by 6.25): nearer's own threshold for "worth talking about".
NOTABLE_GAP = 15


@dataclass(frozen=True)
class Gap:
    domain: str
    person: str  # whose distance is being seen
    own_view: int | None  # how the person sees themselves
    other_view: int | None  # how their partner sees them
    gap: int | None
    notable: bool


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, str]
    gaps: tuple[Gap, ...]
    overall: tuple[Gap, ...]
    cycle_views: tuple[str, str]
    summary: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "overall": [asdict(g) for g in self.overall],
            "gaps": [asdict(g) for g in self.gaps],
            "cycle_views": list(self.cycle_views),
            "summary": list(self.summary),
        }


def _gap(domain: str, person: str, own: int | None, other: int | None) -> Gap:
    gap = other - own if own is not None and other is not None else None
    return Gap(domain, person, own, other, gap, gap is not None and abs(gap) >= NOTABLE_GAP)


def _cycle_view(result: ConnectionResult, me: str, partner: str) -> str:
    if result.cycle.label != "pursue_withdraw":
        return f"{me} sees no clear pursue-withdraw cycle."
    if result.cycle.who == "me":
        return f"{me} sees {me} reaching and {partner} pulling back."
    return f"{me} sees {partner} reaching and {me} pulling back."


def compare(
    a: ConnectionResult, b: ConnectionResult, names: tuple[str, str] = ("Partner A", "Partner B")
) -> Comparison:
    """Compare two partners' Connection Checks domain by domain."""
    name_a, name_b = names
    gaps: list[Gap] = []
    for dom in definition().domains:
        da, db = a.domain(dom.id), b.domain(dom.id)
        gaps.append(_gap(dom.id, name_a, da.self_index, db.partner_index))
        gaps.append(_gap(dom.id, name_b, db.self_index, da.partner_index))
    overall = (
        _gap("overall", name_a, a.overall_self, b.overall_partner),
        _gap("overall", name_b, b.overall_self, a.overall_partner),
    )
    summary: list[str] = []
    for g in sorted((g for g in gaps if g.notable), key=lambda g: -abs(g.gap or 0)):
        other = name_b if g.person == name_a else name_a
        domain = g.domain.replace("_", " ")
        if (g.gap or 0) > 0:
            summary.append(
                f"{other} sees more distance in {g.person}'s {domain} ({g.other_view}) than "
                f"{g.person} sees in themselves ({g.own_view})."
            )
        else:
            summary.append(
                f"{g.person} sees more distance in their own {domain} ({g.own_view}) than "
                f"{other} notices ({g.other_view})."
            )
    if not summary:
        summary.append(
            "You see each other much as you see yourselves: no gap of "
            f"{NOTABLE_GAP} points or more in any area."
        )
    cycle_views = (_cycle_view(a, name_a, name_b), _cycle_view(b, name_b, name_a))
    return Comparison(names, tuple(gaps), overall, cycle_views, tuple(summary))
