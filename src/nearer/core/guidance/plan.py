"""From a Connection Check (and any screeners taken) to a ranked, explained plan.

The order of a plan is the order of care: safety first, then what the answers suggest is
going on, then small practices for this week, then whether and which professional help to
seek, then what to read. Every strategy carries the reasons it was chosen, phrased from the
answers that led there, and strategies that would be unsafe when a safety alert is present
(giving space, stopping pursuit, joint exercises) are dropped with a note saying why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nearer.core.guidance.help import (
    HelpAdvice,
    due_help,
    help_step,
    professional_help,
    screen_suggestions,
)
from nearer.core.guidance.ranking import LeftOut, Recommendation, rank, this_week
from nearer.core.guidance.screens import with_screens
from nearer.core.guidance.words import headline, note_lines, role_of, understanding
from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_scoring import ConnectionResult
from nearer.core.knowledge import KnowledgeBase, load
from nearer.core.knowledge.records import Country
from nearer.core.safety import PARTNER_HARM, SafetyAlert, safety_alerts

__all__ = ["LeftOut", "Plan", "Recommendation", "build_plan"]

# docs/guidance.md: professional help due now or soon takes up to two of this week's three
# steps (the most urgent first), so at least one practice remains.
HELP_STEPS = 2


@dataclass(frozen=True)
class Plan:
    headline: str
    role: str
    safety: tuple[SafetyAlert, ...]
    crisis: Country
    understanding: tuple[str, ...]
    strategies: tuple[Recommendation, ...]
    this_week: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...]
    professional: tuple[HelpAdvice, ...]
    suggested_screens: tuple[str, ...]
    read_next: tuple[tuple[str, str, str], ...]
    screens: tuple[ScreenResult, ...] = field(default=())
    # What was read from the note, each with its words: shown to the writer only, never in
    # JSON or reports (to_dict leaves the words out).
    from_notes: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def has_safety_alert(self) -> bool:
        return bool(self.safety)

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "role": self.role,
            "safety_alert": self.has_safety_alert,
            "safety": [
                {"kind": a.kind, "reason": a.reason, "source": a.source} for a in self.safety
            ],
            "crisis": {
                "country": self.crisis.code,
                "name": self.crisis.name,
                "emergency": self.crisis.emergency,
                "resources": [
                    {
                        "name": r.name,
                        "kind": r.kind,
                        "contact": r.contact,
                        "hours": r.hours,
                        "last_checked": str(r.last_checked),
                    }
                    for r in self.crisis.resources
                ],
            },
            "understanding": list(self.understanding),
            "this_week": [r.to_dict() for r in self.this_week],
            "strategies": [r.to_dict() for r in self.strategies],
            "left_out": [{"id": x.strategy.id, "reason": x.reason} for x in self.left_out],
            "professional": [h.to_dict() for h in self.professional],
            "suggested_screens": list(self.suggested_screens),
            "read_next": [{"topic": t, "id": i, "title": n} for t, i, n in self.read_next],
            "screens": [s.to_dict() for s in self.screens],
            "read_from_notes": len(self.from_notes),
        }


def build_plan(
    check: ConnectionResult,
    screens: Sequence[ScreenResult] = (),
    texts: Iterable[str] = (),
    country: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Plan:
    """Build the plan for one person from their Connection Check and optional screeners.

    ``texts`` are free-text answers (the check's notes, a journal entry) scanned for
    self-harm and fear/violence wording; the check's own notes are always scanned.
    """
    kb = kb or load()
    check = with_screens(check, screens)
    all_texts = [t for t in (check.notes, *texts) if t]
    alerts = tuple(safety_alerts(screens, all_texts))
    patterns = set(check.patterns)
    if alerts:
        patterns.add("safety_concern")
    if any(a.kind == PARTNER_HARM for a in alerts):
        # Issue 8: no accommodation, no joint step and no couples therapy.
        patterns.add("partner_harm")
    role = role_of(check)
    ranked, left_out = rank(kb, check, patterns, role)
    if alerts:
        # With a safety alert, the plan leads with safety practices for the person alone.
        ranked = [r for r in ranked if r.strategy.audience in ("anyone", role)]
    professional = professional_help(kb, check, screens, alerts)
    due = [help_step(kb, h) for h in due_help(professional)][:HELP_STEPS]
    return Plan(
        headline=headline(kb, check, alerts),
        role=role,
        safety=alerts,
        crisis=kb.crisis_for(country),
        understanding=understanding(kb, check, alerts),
        strategies=tuple(ranked),
        this_week=this_week(ranked, due, check.has("partner_refuses_help")),
        left_out=tuple(left_out),
        professional=professional,
        suggested_screens=screen_suggestions(check, screens),
        read_next=_read_next(kb, check, ranked),
        screens=tuple(screens),
        from_notes=note_lines(check),
    )


def _read_next(
    kb: KnowledgeBase, check: ConnectionResult, ranked: Sequence[Recommendation]
) -> tuple[tuple[str, str, str], ...]:
    out: list[tuple[str, str, str]] = []
    for f in check.factors[:3]:
        out.append(("factors", f.factor, kb.factor(f.factor).name))
    if check.boundary.label in ("healthy_boundary", "mixed", "unhealthy_detachment"):
        out.append(("detachment", "detachment", "Healthy and unhealthy detachment"))
    out.extend(("strategies", r.strategy.id, r.strategy.name) for r in ranked[:2])
    return tuple(dict.fromkeys(out))
