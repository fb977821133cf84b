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

from nearer.core.guidance.help import HelpAdvice, professional_help, screen_suggestions
from nearer.core.guidance.screens import with_screens
from nearer.core.guidance.words import driver_text, headline, note_lines, role_of, understanding
from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_scoring import ConnectionResult, FactorEvidence
from nearer.core.knowledge import PATTERNS, KnowledgeBase, load
from nearer.core.knowledge.records import Country, Strategy
from nearer.core.safety import SafetyAlert, safety_alerts

# Ranking weights. A strategy's score adds: how well its audience fits the reader's role,
# the weight of each contributing factor it addresses, and each pattern it suits. Likely
# factors count double possible ones; nearer's own weights, tuned on the example situations
# in tests/core/guidance.
AUDIENCE_FIT = {"exact": 3.0, "both": 2.0, "anyone": 1.5}
FACTOR_WEIGHT = {"likely": 3.0, "possible": 1.5}
PATTERN_WEIGHT = 2.0
THIS_WEEK = 3


@dataclass(frozen=True)
class Recommendation:
    strategy: Strategy
    score: float
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        s = self.strategy
        return {
            "id": s.id,
            "name": s.name,
            "for": s.audience,
            "practice": s.practice,
            "summary": s.summary,
            "steps": list(s.steps),
            "minutes": s.minutes,
            "cadence": s.cadence,
            "score": round(self.score, 2),
            "why": list(self.why),
            "sources": list(s.sources),
        }


@dataclass(frozen=True)
class LeftOut:
    strategy: Strategy
    reason: str


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
    role = role_of(check)
    ranked, left_out = _rank(kb, check, patterns, role)
    if alerts:
        # With a safety alert, the plan leads with safety practices for the person alone.
        ranked = [r for r in ranked if r.strategy.audience in ("anyone", role)]
    return Plan(
        headline=headline(kb, check, alerts),
        role=role,
        safety=alerts,
        crisis=kb.crisis_for(country),
        understanding=understanding(kb, check),
        strategies=tuple(ranked),
        this_week=_this_week(ranked),
        left_out=tuple(left_out),
        professional=professional_help(kb, check, screens, alerts),
        suggested_screens=screen_suggestions(check, screens),
        read_next=_read_next(kb, check, ranked),
        screens=tuple(screens),
        from_notes=note_lines(check),
    )


def _factor_reason(kb: KnowledgeBase, f: FactorEvidence) -> str:
    return (
        f"it helps with {kb.factor(f.factor).name.lower()}, {f.likelihood} from your answers "
        f"({driver_text(f.drivers[0])})"
    )


def _rank(
    kb: KnowledgeBase, check: ConnectionResult, patterns: set[str], role: str
) -> tuple[list[Recommendation], list[LeftOut]]:
    factors = {f.factor: f for f in check.factors}
    ranked: list[Recommendation] = []
    left_out: list[LeftOut] = []
    for s in kb.strategies:
        blocked = sorted(set(s.avoid_patterns) & patterns)
        if blocked:
            if "safety_concern" in blocked:
                reason = s.unsafe_note or "held back while there is a safety concern"
            else:
                reason = f"not suited when {_pattern_words(blocked[0])}"
            left_out.append(LeftOut(s, reason))
            continue
        clashes = [f for f in s.avoid_factors if f in factors and factors[f].likelihood == "likely"]
        if clashes:
            name = kb.factor(clashes[0]).name.lower()
            left_out.append(LeftOut(s, f"not suited when {name} is likely part of the picture"))
            continue
        if s.audience in ("withdrawing", "reaching") and s.audience != role:
            continue
        fit = "exact" if s.audience == role else s.audience
        score = AUDIENCE_FIT.get(fit, 0.0)
        why: list[str] = []
        matched = sorted(
            (factors[fid] for fid in s.fits_factors if fid in factors), key=lambda f: -f.score
        )
        for factor in matched:
            score += FACTOR_WEIGHT[factor.likelihood]
        why.extend(_factor_reason(kb, f) for f in matched[:2])
        suited = [pid for pid in s.fits_patterns if pid in patterns]
        score += PATTERN_WEIGHT * len(suited)
        if suited:
            why.append("it suits your pattern: " + " and ".join(map(_pattern_words, suited)))
        if not why:
            if s.fits_factors or s.fits_patterns:
                # Written for situations these answers do not show (say, substance use).
                continue
            why.append("a small, low-risk practice that supports closeness in most couples")
        ranked.append(Recommendation(s, score, tuple(why)))
    ranked.sort(key=lambda r: (-r.score, r.strategy.minutes, r.strategy.id))
    return ranked, left_out


def _this_week(ranked: Sequence[Recommendation]) -> tuple[Recommendation, ...]:
    """The top strategies, one per practice, so a week holds different kinds of step."""
    chosen: list[Recommendation] = []
    seen: set[str] = set()
    for r in ranked:
        if r.strategy.practice in seen or r.strategy.practice == "professional":
            continue
        chosen.append(r)
        seen.add(r.strategy.practice)
        if len(chosen) == THIS_WEEK:
            break
    return tuple(chosen)


def _pattern_words(pattern: str) -> str:
    """The knowledge base's description of a pattern, as a clause inside a sentence."""
    sentence = PATTERNS[pattern].rstrip(".")
    return sentence[0].lower() + sentence[1:]


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
