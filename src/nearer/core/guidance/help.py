"""Whether and which professional help to suggest, and which screeners to take next.

nearer screens and refers; it never diagnoses. Advice names a kind of help and the answers
or screen results that led to it. Urgency is "now" (a safety alert), "soon" (a positive
screen, or a likely factor a professional should look at) or "consider".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_scoring import ConnectionResult
from nearer.core.knowledge import KnowledgeBase
from nearer.core.safety import SafetyAlert

URGENCY_ORDER = {"now": 0, "soon": 1, "consider": 2}

# Screeners whose positive result points to a kind of help; the help ids are those of
# help.toml. PHQ-9 >= 10 and GAD-7 >= 10 are the published "positive" cut-offs
# (Kroenke et al. 2001; Spitzer et al. 2006), applied by the screeners themselves.
SCREEN_HELP: dict[str, tuple[str, ...]] = {
    "phq9": ("individual_therapy", "cbt", "icbt"),
    "phq2": ("individual_therapy",),
    "gad7": ("cbt", "icbt"),
    "gad2": ("cbt",),
    "pcptsd5": ("trauma_therapy",),
    "auditc": ("substance_support",),
    "epds": ("primary_care", "individual_therapy"),
}

# Factors that, when likely, are worth a professional's eyes on their own.
FACTOR_HELP: dict[str, tuple[str, ...]] = {
    "medication": ("doctor_medication",),
    "depression": ("individual_therapy", "cbt"),
    "anxiety": ("cbt", "icbt"),
    "trauma": ("trauma_therapy",),
    "past_pain": ("psychodynamic", "individual_therapy"),
    "substance_use": ("substance_support",),
    "attachment_avoidant": ("eft",),
    "attachment_anxious": ("eft",),
    "other_conditions": ("doctor_medication",),
}

# Which screener fits a likely factor when it has not been taken yet.
FACTOR_SCREENS: dict[str, tuple[str, ...]] = {
    "depression": ("phq9",),
    "anxiety": ("gad7",),
    "trauma": ("pcptsd5",),
    "substance_use": ("auditc",),
    "stress_burnout": ("phq2", "gad2"),
}


@dataclass(frozen=True)
class HelpAdvice:
    help_id: str
    name: str
    what: str
    urgency: str
    why: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.help_id,
            "name": self.name,
            "what": self.what,
            "urgency": self.urgency,
            "why": list(self.why),
        }


def professional_help(
    kb: KnowledgeBase,
    check: ConnectionResult,
    screens: Sequence[ScreenResult],
    alerts: Sequence[SafetyAlert],
) -> tuple[HelpAdvice, ...]:
    reasons: dict[str, list[str]] = {}
    urgency: dict[str, str] = {}

    def add(help_id: str, level: str, why: str) -> None:
        reasons.setdefault(help_id, []).append(why)
        if help_id not in urgency or URGENCY_ORDER[level] < URGENCY_ORDER[urgency[help_id]]:
            urgency[help_id] = level

    partner_harm = any(a.kind == "partner_harm" for a in alerts)
    self_harm = any(a.kind == "self_harm" for a in alerts)
    if self_harm:
        add("individual_therapy", "now", "you gave an answer about thoughts of death or self-harm")
    for screen in screens:
        if screen.positive_screen and screen.instrument in SCREEN_HELP:
            for help_id in SCREEN_HELP[screen.instrument]:
                add(
                    help_id,
                    "soon",
                    f"{screen.instrument.upper()} screen was positive "
                    f"(total {screen.total}, {screen.severity})",
                )
    for factor in check.factors:
        if factor.likelihood != "likely":
            continue
        for help_id in FACTOR_HELP.get(factor.factor, ()):
            level = "soon" if factor.factor in ("medication", "substance_use") else "consider"
            add(help_id, level, f"{kb.factor(factor.factor).name.lower()} is likely part of it")
    distance = max(
        (i for i in (check.overall_self, check.overall_partner) if i is not None), default=0
    )
    stuck = check.course.label == "persistent" or check.cycle.label == "pursue_withdraw"
    if distance >= 40 and stuck and not partner_harm:
        why = (
            "the distance has lasted for months"
            if check.course.label == "persistent"
            else "a pursue-withdraw cycle tends to keep itself going"
        )
        add("couples_therapy", "consider", why)
        add("eft", "consider", "emotionally focused therapy works on exactly this cycle")
    if partner_harm:
        # Joint sessions are not advised while one partner is afraid of the other; a
        # specialist service or an individual therapist comes first.
        for joint in ("couples_therapy", "eft"):
            reasons.pop(joint, None)
            urgency.pop(joint, None)
        add(
            "individual_therapy",
            "now",
            "you said you feel afraid, controlled or hurt; "
            "talk to someone on your own first, not in joint sessions",
        )
    advice = []
    for help_id, because in reasons.items():
        option = kb.help_option(help_id)
        advice.append(
            HelpAdvice(
                help_id, option.name, option.what, urgency[help_id], tuple(dict.fromkeys(because))
            )
        )
    advice.sort(key=lambda a: (URGENCY_ORDER[a.urgency], a.help_id))
    return tuple(advice)


def screen_suggestions(check: ConnectionResult, screens: Sequence[ScreenResult]) -> tuple[str, ...]:
    """Screeners worth taking next: those tied to a likely or possible factor, not yet taken."""
    taken = {s.instrument for s in screens}
    out: list[str] = []
    for factor in check.factors:
        for screen in FACTOR_SCREENS.get(factor.factor, ()):
            if screen not in taken and screen not in out:
                out.append(screen)
    return tuple(out)
