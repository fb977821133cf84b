"""A Connection Check result as a page people can read: a short headline in plain personal
words, at most three findings (each with the answers behind it, one tap away), the area
scores as bars with their band, and help routed to whom it is for, what kind and how soon.

The sentences are nearer's own; the facts come from the core's scoring
(``connection_scoring``), its guidance wording (``guidance.words``) and routed help
(``guidance.help``). Nothing here names a condition: a factor is something worth looking at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nearer.core.guidance.help import professional_help
from nearer.core.guidance.words import driver_text, reasons_text, understanding
from nearer.core.instruments.connection_check import definition
from nearer.core.instruments.connection_scoring import ConnectionResult, score_connection_check
from nearer.core.knowledge import load
from nearer.core.safety import SafetyAlert

# How each area is named in a sentence ("mostly in affection").
AREA_WORDS = {
    "communication": "how you talk",
    "affection": "affection",
    "responsiveness": "how you respond to each other",
    "engagement": "engagement",
    "conflict": "disagreements and repair",
    "inner": "what goes on inside",
}
# Each area as a noun after "your" or "Bob's" (the perception gap's sentences).
AREA_NOUNS = {
    "communication": "communication",
    "affection": "affection",
    "responsiveness": "responsiveness",
    "engagement": "engagement",
    "conflict": "way of handling conflict",
    "inner": "inner life",
}
AREA_TITLES = {
    "communication": "Communication",
    "affection": "Affection",
    "responsiveness": "Responsiveness",
    "engagement": "Engagement",
    "conflict": "Conflict and repair",
    "inner": "Inner life",
}
# Each factor as something worth looking at, in everyday words: never a condition's name
# beside the "not a diagnosis" notice (issue 12). Unknown ids fall back to the knowledge
# base's name in lower case.
WORTH_LOOKING_AT = {
    "past_pain": "a painful past",
    "trauma": "something frightening that still comes back",
    "attachment_avoidant": "unease with depending on someone",
    "attachment_anxious": "worry about being left",
    "depression": "low mood",
    "anxiety": "worry and tension",
    "other_conditions": "strain on mental health",
    "grief_loss": "grief and loss",
    "illness_strain": "illness or a health condition",
    "medication": "a medication's side effects",
    "stress_burnout": "stress and exhaustion",
    "substance_use": "drinking or drug use",
    "unresolved_conflict": "a hurt not yet talked through",
    "frequent_fights": "arguments that go round in circles",
    "fear_vulnerability": "fear of opening up",
    "different_needs": "different needs for closeness",
    "feeling_unappreciated": "feeling unheard or unappreciated",
    "never_learned_to_share": "never having learned to share feelings",
    "everyday_drift": "a life that has become all tasks",
    "chosen_boundary": "a boundary you chose",
    "work_detachment": "switching off from work",
    "selective_detachment": "switching off to cope with caring work",
    "decided_not_to_connect": "a decision to keep people at a distance",
    "early_care": "changing caregivers in childhood",
}
BAND_PHRASE = {
    "close": "closeness",
    "some distance": "some distance",
    "clear distance": "clear distance",
    "deep distance": "deep distance",
}
URGENCY_WORDS = {"now": "Now", "soon": "Soon: this week or next", "consider": "When you are ready"}
# A difference of 15 points between the two sides reads as "further apart" (the core's
# NOTABLE_GAP for perception gaps, core/assessment/compare.py); below 20 is "close".
SIDE_GAP = 15
CLOSE_BELOW = 20


@dataclass(frozen=True)
class Finding:
    text: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class AreaBar:
    area: str
    title: str
    intro: str
    me: int | None
    me_band: str | None
    partner: int | None
    partner_band: str | None

    @property
    def me_width(self) -> int:
        return width(self.me)

    @property
    def partner_width(self) -> int:
        return width(self.partner)


@dataclass(frozen=True)
class HelpItem:
    kind: str
    for_whom: str
    urgency: str
    when: str
    what: str
    why: tuple[str, ...]


@dataclass(frozen=True)
class CheckPage:
    headline: str
    findings: tuple[Finding, ...]
    overall: AreaBar
    areas: tuple[AreaBar, ...]
    help: tuple[HelpItem, ...]

    @property
    def all(self) -> tuple[AreaBar, ...]:
        return (self.overall, *self.areas)


def width(value: int | None) -> int:
    """A bar's width class (0, 5, ..., 100): the stylesheet allows no inline styles."""
    return 0 if value is None else max(0, min(100, 5 * round(value / 5)))


def worth_looking_at(factor_id: str, whose: str = "") -> str:
    label = WORTH_LOOKING_AT.get(factor_id) or load().factor(factor_id).name.lower()
    owner = {"me": " (yours)", "partner": " (your partner's)"}.get(whose, "")
    return label + owner


def _main_area(check: ConnectionResult) -> str | None:
    scored = [
        (max(i for i in (d.self_index, d.partner_index) if i is not None), d.domain)
        for d in check.domains
        if d.self_index is not None or d.partner_index is not None
    ]
    if not scored:
        return None
    top, area = max(scored)
    return AREA_WORDS.get(area, area) if top >= CLOSE_BELOW else None


def headline(check: ConnectionResult, alerts: Sequence[SafetyAlert]) -> str:
    """One short sentence to the person, in the words they would use."""
    if alerts:
        return "Your safety comes first."
    if check.boundary.label == "little_distance":
        return "You feel close to each other right now."
    if check.boundary.label == "healthy_boundary":
        return "The space between you looks like a boundary you chose, not drifting apart."
    area = _main_area(check)
    mostly = f", mostly in {area}" if area else ""
    me, partner = check.overall_self, check.overall_partner
    if check.cycle.label == "pursue_withdraw":
        if check.cycle.who == "me":
            return f"You have been reaching for your partner while they pull back{mostly}."
        return f"Your partner has been reaching for you while you pull back{mostly}."
    if me is not None and partner is not None:
        if me - partner >= SIDE_GAP:
            return f"You feel further apart than your partner seems to{mostly}."
        if partner - me >= SIDE_GAP:
            return f"Your partner seems further away than you feel{mostly}."
        if min(me, partner) >= 40:
            return f"You have both drifted{mostly}."
    return f"There is some distance between you{mostly}."


PATTERN_WORDS = {
    "healthy_boundary": "The space you describe looks chosen and healthy.",
    "mixed": "A boundary you chose may have grown into a wider wall.",
    "unhealthy_detachment": "This looks more like pulling away inside than a chosen boundary.",
    "some_distance": "There is some distance, without the warning signs of shutting down.",
    "little_distance": "There is little distance between you.",
}
COURSE_WORDS = {
    "situational": "It looks like a reaction to what is going on right now.",
    "persistent": "It looks settled in, a pattern rather than a passing phase.",
    "emerging": "It may be starting to settle in.",
}


def findings(
    check: ConnectionResult, alerts: Sequence[SafetyAlert], limit: int = 3
) -> tuple[Finding, ...]:
    """At most ``limit`` findings, most useful first, each with its evidence."""
    out: list[Finding] = []
    words = understanding(load(), check, alerts)
    if any(a.kind == "partner_harm" for a in alerts):
        # The core's opening line for partner harm (guidance.words.understanding), first.
        out.append(Finding(words[0]))
    if check.cycle.label == "pursue_withdraw":
        out.append(
            Finding(
                "One of you reaches and the other pulls back, and each move feeds the other's. "
                "Naming the cycle together often takes the blame out of it.",
                (reasons_text(check.cycle.reasons),),
            )
        )
    else:
        out.append(
            Finding(PATTERN_WORDS[check.boundary.label], (reasons_text(check.boundary.reasons),))
        )
    likely = [f for f in check.factors if f.likelihood == "likely"] or list(check.factors)
    if likely:
        top = likely[:2]
        labels = " and ".join(worth_looking_at(f.factor, f.whose) for f in top)
        out.append(
            Finding(
                f"Worth looking at: {labels}.",
                tuple(driver_text(d) for f in top for d in f.drivers[:3]),
            )
        )
    if check.course.label in COURSE_WORDS:
        out.append(Finding(COURSE_WORDS[check.course.label], (reasons_text(check.course.reasons),)))
    return tuple(f for f in out[:limit])


def area_bars(check: ConnectionResult) -> tuple[AreaBar, tuple[AreaBar, ...]]:
    intros = {d.id: d.intro for d in definition().domains}
    overall = AreaBar(
        "overall",
        "Overall",
        "",
        check.overall_self,
        check.band_self,
        check.overall_partner,
        check.band_partner,
    )
    areas = tuple(
        AreaBar(
            d.domain,
            AREA_TITLES.get(d.domain, d.domain.capitalize()),
            intros.get(d.domain, ""),
            d.self_index,
            d.self_band,
            d.partner_index,
            d.partner_band,
        )
        for d in check.domains
    )
    return overall, areas


def help_items(check: ConnectionResult, alerts: Sequence[SafetyAlert]) -> tuple[HelpItem, ...]:
    return tuple(
        HelpItem(
            a.name,
            a.for_whom,
            a.urgency,
            URGENCY_WORDS.get(a.urgency, a.urgency),
            a.what,
            a.why,
        )
        for a in professional_help(load(), check, (), alerts)
    )


def owner_answers(answers: Mapping[str, Any], private: Mapping[str, Any]) -> dict[str, Any]:
    """What the owner's page is scored from: the shared answers with the note and any
    readings turned down, as the result was scored when it was saved."""
    out = dict(answers)
    for key in ("notes", "not_from_notes"):
        if private.get(key):
            out[key] = private[key]
    return out


def check_page(answers: Mapping[str, Any], alerts: Sequence[SafetyAlert] = ()) -> CheckPage:
    check = score_connection_check(answers)
    overall, areas = area_bars(check)
    return CheckPage(
        headline(check, alerts), findings(check, alerts), overall, areas, help_items(check, alerts)
    )


def partner_headline(check: ConnectionResult, owner: str) -> str:
    """What the partner reads at the top of a shared result: in second person, with names."""
    me, partner = BAND_PHRASE.get(check.band_self or ""), BAND_PHRASE.get(check.band_partner or "")
    if me is None:
        return f"{owner}'s answers could not be scored."
    if partner is None:
        return f"{owner}'s answers show {me} on {owner}'s side."
    return f"{owner}'s answers show {me} on {owner}'s side, and {partner} as {owner} sees yours."


def screener_headline(result: Mapping[str, Any], owner: str | None = None) -> str:
    """A screener's result in one sentence, to its owner (or, with ``owner``, to the partner)."""
    whose = f"{owner}'s answers" if owner else "Your answers"
    if result.get("safety_alert") and owner is None:
        return "Your safety comes first."
    if result.get("positive_screen"):
        return f"{whose} are above the usual cut-off: worth talking over with a doctor."
    return f"{whose} are below the usual cut-off."


# What a partner is given of a shared screener: the score and whether it is above the cut-off,
# never the answers, the details (which name a safety item) or the sentence that may mention
# thoughts of self-harm. The partner is never told about a safety alert.
PARTNER_SCREEN_KEYS = ("instrument", "total", "max_total", "severity", "positive_screen")


def partner_result(result: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """A stored result as a partner may read it. A Connection Check is scored again from its
    shareable answers alone, as the partner's page does: the stored result also read the
    private note, and what was read from it is not the partner's to see."""
    if "positive_screen" not in result:
        return score_connection_check(dict(answers)).to_dict(include_answers=False)
    shown = {key: result[key] for key in PARTNER_SCREEN_KEYS if key in result}
    shown["safety_alert"] = False
    shown["interpretation"] = screener_headline(result, "Your partner")
    return shown
