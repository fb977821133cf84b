"""Professional help routed to the right person, kind and urgency, and screeners to take next.

nearer screens and refers; it never diagnoses. Each item says whom it is for (you, your
partner, both of you), what kind of help (help.toml), how soon ("now", "soon", "consider")
and why, quoting the answers or screens behind it. The rules (docs/guidance.md,
"Professional help"):

- thoughts of death or self-harm: a crisis line or a doctor now, and no couples therapy for
  the moment;
- fear, control or violence from a partner: a domestic-abuse service now, individual
  support, and never couples therapy or EFT;
- a positive screen: its referral, soon (PC-PTSD-5 to trauma-focused therapy, AUDIT-C to
  alcohol support, EPDS to the family doctor, PHQ and GAD to therapy);
- a likely factor: help for whoever it belongs to (medication effects to the prescriber,
  soon; low mood after a birth to the GP, midwife or health visitor, soon; substance use to
  alcohol or drug services, soon, with support for the partner alongside);
- a partner who refuses help together: support of your own, soon, and no couples therapy;
- a chosen, healthy boundary on its own: no therapy at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nearer.core.guidance.ranking import Recommendation
from nearer.core.guidance.screens import deciding_screens
from nearer.core.guidance.words import driver_text, lower_first
from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_check import Whose, definition
from nearer.core.instruments.connection_scoring import Circumstance, ConnectionResult
from nearer.core.instruments.registry import get_screener
from nearer.core.knowledge import KnowledgeBase
from nearer.core.knowledge.records import Strategy
from nearer.core.safety import PARTNER_HARM, SELF_HARM, SafetyAlert

URGENCY_ORDER = {"now": 0, "soon": 1, "consider": 2}
FOR_WHOM: dict[Whose, str] = {"me": "you", "partner": "your partner", "both": "both of you"}
JOINT = ("couples_therapy", "eft")
# Within the same urgency, the first door to knock on comes first: safety services, then the
# doctor (who also refers), then the specialist kinds, then therapy in general.
FIRST_CONTACT = (
    "crisis_support",
    "domestic_abuse_service",
    "primary_care",
    "doctor_medication",
    "trauma_therapy",
    "substance_support",
    "individual_therapy",
)

# The referral of a positive screen (help ids of help.toml). PHQ-9 >= 10 and GAD-7 >= 10 are
# the published "positive" cut-offs (Kroenke et al. 2001; Spitzer et al. 2006), EPDS >= 10
# (Cox et al. 1987), applied by the screeners themselves.
SCREEN_HELP: dict[str, tuple[str, ...]] = {
    "phq9": ("individual_therapy", "cbt"),
    "phq2": ("primary_care",),
    "gad7": ("cbt", "icbt"),
    "gad2": ("cbt",),
    "pcptsd5": ("trauma_therapy",),
    "auditc": ("substance_support",),
    "epds": ("primary_care", "individual_therapy"),
}

# Help for a likely factor, and how soon. Medication and substances are "soon": a doctor
# should know, and the person can act on it now.
FACTOR_HELP: dict[str, tuple[tuple[str, str], ...]] = {
    "medication": (("doctor_medication", "soon"),),
    "depression": (("primary_care", "consider"), ("individual_therapy", "consider")),
    "anxiety": (("cbt", "consider"),),
    "trauma": (("trauma_therapy", "consider"),),
    "past_pain": (("individual_therapy", "consider"),),
    "substance_use": (("substance_support", "soon"),),
    "grief_loss": (("support_group", "consider"), ("individual_therapy", "consider")),
    "illness_strain": (("primary_care", "consider"),),
    "attachment_avoidant": (("eft", "consider"),),
    "attachment_anxious": (("eft", "consider"),),
}

# Which screener fits a factor or circumstance when it has not been taken yet.
FACTOR_SCREENS: dict[str, tuple[str, ...]] = {
    "depression": ("phq9",),
    "anxiety": ("gad7",),
    "trauma": ("pcptsd5",),
    "substance_use": ("auditc",),
    "stress_burnout": ("phq2", "gad2"),
    "grief_loss": ("phq2",),
}
# docs/guidance.md: distance of 40+ that keeps itself going (months, or the cycle) is worth
# a couples therapist's eyes.
COUPLES_DISTANCE = 40


@dataclass(frozen=True)
class HelpAdvice:
    help_id: str
    name: str
    what: str
    urgency: str
    why: tuple[str, ...]
    whose: Whose = "me"

    @property
    def for_whom(self) -> str:
        return FOR_WHOM[self.whose]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.help_id,
            "name": self.name,
            "kind": self.name,
            "for": self.for_whom,
            "what": self.what,
            "urgency": self.urgency,
            "why": list(self.why),
        }


def _answer(c: Circumstance) -> str:
    return f'"{definition().question(c.question).text}" {c.answer}'


def professional_help(
    kb: KnowledgeBase,
    check: ConnectionResult,
    screens: Sequence[ScreenResult],
    alerts: Sequence[SafetyAlert],
) -> tuple[HelpAdvice, ...]:
    reasons: dict[tuple[str, Whose], list[str]] = {}
    urgency: dict[tuple[str, Whose], str] = {}

    def add(help_id: str, whose: Whose, level: str, why: str) -> None:
        key = (help_id, whose)
        reasons.setdefault(key, []).append(why)
        if key not in urgency or URGENCY_ORDER[level] < URGENCY_ORDER[urgency[key]]:
            urgency[key] = level

    partner_harm = any(a.kind == PARTNER_HARM for a in alerts)
    self_harm = any(a.kind == SELF_HARM for a in alerts)
    refused = check.circumstance("partner_refuses_help")
    baby = check.circumstance("new_baby")
    wheres: dict[str, list[str]] = {}
    for alert in alerts:
        where = "in your note" if alert.source == "free text" else f"on the {alert.source}"
        wheres.setdefault(alert.kind, []).append(where)
    if SELF_HARM in wheres:
        where = " and ".join(dict.fromkeys(wheres[SELF_HARM]))
        add("crisis_support", "me", "now", f"you told of thoughts of death or self-harm {where}")
        add("primary_care", "me", "now", "a doctor can help with these thoughts today")
        add(
            "individual_therapy",
            "me",
            "soon",
            "therapy of your own helps with what lies behind thoughts like these",
        )
    if PARTNER_HARM in wheres:
        where = " and ".join(dict.fromkeys(wheres[PARTNER_HARM]))
        add(
            "domestic_abuse_service",
            "me",
            "now",
            f"you said you feel afraid, controlled, threatened or hurt {where}",
        )
        add(
            "individual_therapy",
            "me",
            "soon",
            "talk to someone on your own first, never in joint sessions while you are afraid "
            f"(you told of fear or control {where})",
        )
    for screen in screens:
        if screen.positive_screen and screen.instrument in SCREEN_HELP:
            short = get_screener(screen.instrument).short_name
            for help_id in SCREEN_HELP[screen.instrument]:
                add(
                    help_id,
                    "me",
                    "soon",
                    f"your {short} screen was positive (total {screen.total}, {screen.severity})",
                )
    screened = deciding_screens(screens)
    for factor in check.factors:
        if factor.likelihood != "likely":
            continue
        name = lower_first(kb.factor(factor.factor).name)
        because = f"{name} is likely part of it ({driver_text(factor.drivers[0])})"
        for help_id, level in FACTOR_HELP.get(factor.factor, ()):
            why = because
            if factor.factor == "depression" and baby is not None and help_id == "primary_care":
                level = "soon"
                why = f"{because}; low mood in the first year after a birth ({_answer(baby)})"
            decided = screened.get(factor.factor)
            if decided is not None and decided.positive and factor.whose == "me":
                continue  # the screen's own referral above says it
            add(help_id, factor.whose, level, why)
        if factor.factor == "substance_use" and factor.whose == "partner":
            add(
                "support_group",
                "me",
                "consider",
                "support for you as the partner of someone who drinks heavily or uses drugs: "
                + driver_text(factor.drivers[0]),
            )
    medication = check.circumstance("medication_change")
    numb = any(f.factor == "medication" for f in check.factors)
    likely_medication = any(
        f.factor == "medication" and f.likelihood == "likely" for f in check.factors
    )
    if medication is not None and numb and not likely_medication and medication.whose:
        add(
            "doctor_medication",
            medication.whose or "me",
            "soon",
            f"a medicine started or changed and feelings seem muted since ({_answer(medication)})",
        )
    distance = max(
        (i for i in (check.overall_self, check.overall_partner) if i is not None), default=0
    )
    stuck = check.course.label == "persistent" or check.cycle.label == "pursue_withdraw"
    betrayal = check.circumstance("hurt_by_partner") or check.circumstance("hurt_my_partner")
    # Heavy drinking or drug use is worked on first; couples therapy is not the first step.
    drinking = any(f.factor == "substance_use" and f.likelihood == "likely" for f in check.factors)
    if refused is not None:
        add(
            "individual_therapy",
            "me",
            "soon",
            "your partner has said no to help together "
            f"({_answer(refused)}); support of your own helps either way",
        )
    elif distance >= COUPLES_DISTANCE and stuck and not drinking:
        cycle = check.cycle.label == "pursue_withdraw"
        why = (
            "a pursue-withdraw cycle tends to keep itself going"
            if cycle
            else "the distance has lasted for months"
        )
        add("couples_therapy", "both", "consider", why)
        add(
            "eft",
            "both",
            "consider",
            "emotionally focused therapy works on exactly this cycle"
            if cycle
            else "emotionally focused therapy works on the patterns that keep distance going",
        )
    if baby is not None and any(
        f.factor in ("depression", "stress_burnout") for f in check.factors
    ):
        add(
            "primary_care",
            "both",
            "consider",
            "in the first year after a birth the GP, midwife or health visitor checks on both "
            f"parents' mood ({_answer(baby)})",
        )
    hurt = check.circumstance("hurt_by_partner")
    if hurt is not None:
        add(
            "individual_therapy",
            "me",
            "consider",
            f"support of your own while you decide what you need ({_answer(hurt)})",
        )
    if betrayal is not None and refused is None:
        add(
            "couples_therapy",
            "both",
            "consider",
            f"a therapist can hold the repair after a betrayal ({_answer(betrayal)})",
        )
    if partner_harm or self_harm or refused is not None:
        # Never joint sessions while someone is afraid; not for the moment with self-harm
        # thoughts; not offered as the answer when the partner has said no.
        for key in [k for k in reasons if k[0] in JOINT]:
            reasons.pop(key)
            urgency.pop(key)
    advice = []
    for (help_id, whose), all_reasons in reasons.items():
        option = kb.help_option(help_id)
        advice.append(
            HelpAdvice(
                help_id,
                option.name,
                option.what,
                urgency[(help_id, whose)],
                tuple(dict.fromkeys(all_reasons)),
                whose,
            )
        )
    advice.sort(
        key=lambda a: (
            URGENCY_ORDER[a.urgency],
            a.whose != "me",
            FIRST_CONTACT.index(a.help_id) if a.help_id in FIRST_CONTACT else len(FIRST_CONTACT),
            a.help_id,
        )
    )
    return tuple(advice)


# This week's step for help due now or soon: (name for you, name for your partner, steps).
HELP_STEPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "crisis_support": (
        "Reach a crisis line or a doctor today",
        "Help your partner reach a crisis line or a doctor today",
        (
            "If you might act on these thoughts, call the emergency number now.",
            "Otherwise call or text a crisis line from the list at the top, or book an urgent "
            "appointment with your doctor for today.",
            "Tell one person you trust how you are doing, so you are not alone with it.",
        ),
    ),
    "domestic_abuse_service": (
        "Talk to a domestic abuse service",
        "Talk to a domestic abuse service",
        (
            "Call or message the domestic abuse line at the top from a phone or device your "
            "partner cannot check.",
            "Ask them to help you make a safety plan, whatever you decide about the relationship.",
            "If you are in danger right now, call the emergency number.",
        ),
    ),
}
# Names of this week's step for other kinds of help: (for you, for your partner).
HELP_STEP_NAMES: dict[str, tuple[str, str]] = {
    "individual_therapy": (
        "Find a therapist of your own",
        "Encourage your partner to find a therapist",
    ),
    "primary_care": ("Book your family doctor (GP)", "Encourage your partner to see their doctor"),
    "trauma_therapy": (
        "Look for trauma-focused therapy",
        "Help your partner look for trauma-focused therapy",
    ),
    "doctor_medication": (
        "Talk to the prescriber about the numbness",
        "Suggest your partner talks to the prescriber",
    ),
    "substance_support": (
        "Reach out about the drinking or drug use",
        "Find alcohol or drug support for your partner, and for you",
    ),
    "cbt": ("Ask about CBT", "Tell your partner about CBT"),
    "icbt": ("Try an online CBT course", "Tell your partner about online CBT"),
    "support_group": ("Find a support group", "Help your partner find a support group"),
}
_GENERIC_STEPS_ME = (
    "Book it this week: look up the service or ask your doctor for a referral.",
    "Write down, before you go, what you have noticed and since when.",
    "Say plainly why you came; you can show them this plan.",
)
_GENERIC_STEPS_PARTNER = (
    "Choose a calm moment and tell your partner, kindly and without a label, what you have "
    "noticed.",
    "Offer practical help: finding the service, booking, going along to the first visit.",
    "Leave the decision with them, and keep up your own support meanwhile.",
)


# Kinds that are one step in a week: online CBT is a way of doing CBT, EFT a couples therapy.
SAME_STEP = {"icbt": "cbt", "eft": "couples_therapy"}


def due_help(advice: Sequence[HelpAdvice]) -> list[HelpAdvice]:
    """Help due now or soon, most urgent first, one per kind of step and person."""
    out: list[HelpAdvice] = []
    seen: set[tuple[str, Whose]] = set()
    for a in advice:
        key = (SAME_STEP.get(a.help_id, a.help_id), a.whose)
        if a.urgency in ("now", "soon") and key not in seen:
            seen.add(key)
            out.append(a)
    return out


def help_step(kb: KnowledgeBase, advice: HelpAdvice) -> Recommendation:
    """A professional-help item due now or soon, as one of this week's steps."""
    option = kb.help_option(advice.help_id)
    if advice.help_id in HELP_STEPS:
        mine, theirs, steps = HELP_STEPS[advice.help_id]
        name = theirs if advice.whose == "partner" else mine
    else:
        mine, theirs = HELP_STEP_NAMES.get(
            advice.help_id,
            (f"Reach out to {option.name}", f"Encourage your partner: {option.name}"),
        )
        partner = advice.whose == "partner"
        name = theirs if partner else mine
        steps = _GENERIC_STEPS_PARTNER if partner else _GENERIC_STEPS_ME
    strategy = Strategy(
        id=f"help_{advice.help_id}",
        name=name,
        audience="anyone",
        summary=option.what,
        practice="professional",
        fits_factors=(),
        fits_patterns=(),
        avoid_patterns=(),
        avoid_factors=(),
        steps=steps,
        minutes=20,
        cadence="once",
        gives_space=False,
        unsafe_note=None,
        sources=option.sources,
    )
    why = tuple(f"{advice.urgency} for {advice.for_whom}: {w}" for w in advice.why[:2])
    return Recommendation(strategy, 100.0, why)


def screen_suggestions(check: ConnectionResult, screens: Sequence[ScreenResult]) -> tuple[str, ...]:
    """Screeners worth taking next: those tied to a factor or a baby, not yet taken."""
    taken = {s.instrument for s in screens}
    out: list[str] = []
    wanted = [s for f in check.factors for s in FACTOR_SCREENS.get(f.factor, ())]
    if check.has("new_baby"):
        # Either parent, in the first year after a birth (Cox et al. 1987).
        wanted.insert(0, "epds")
    if check.has("substance_use"):
        wanted.append("auditc")
    for screen in wanted:
        if screen not in taken and screen not in out:
            out.append(screen)
    return tuple(out)
