"""The one vocabulary of safety kinds, categories and levels, shared by scan, alerts and plans.

Self-harm categories follow the ideation and behaviour levels of the Columbia Suicide Severity
Rating Scale (Posner K. et al., 2011, Am J Psychiatry 168(12):1266-1277) plus non-suicidal
self-injury. Partner-harm categories follow the Duluth Power and Control Wheel (Domestic
Abuse Intervention Programs, Duluth MN) plus physical and sexual violence and fear itself.
"""

from __future__ import annotations

from typing import Final, Literal

SELF_HARM: Final = "self_harm"
PARTNER_HARM: Final = "partner_harm"
Kind = Literal["self_harm", "partner_harm"]
KINDS: Final[tuple[Kind, ...]] = (SELF_HARM, PARTNER_HARM)

Level = Literal["none", "concern", "urgent", "emergency"]
LEVELS: Final[tuple[Level, ...]] = ("none", "concern", "urgent", "emergency")

SELF_HARM_CATEGORIES: Final = (
    "passive_wish_dead",
    "active_ideation",
    "method",
    "intent",
    "plan",
    "preparatory",
    "recent_attempt",
    "nssi",
)
PARTNER_HARM_CATEGORIES: Final = (
    "physical",
    "strangulation",
    "sexual_coercion",
    "threats",
    "intimidation",
    "monitoring",
    "isolation",
    "economic",
    "emotional_abuse",
    "fear",
)
CATEGORIES: Final[dict[str, tuple[str, ...]]] = {
    SELF_HARM: SELF_HARM_CATEGORIES,
    PARTNER_HARM: PARTNER_HARM_CATEGORIES,
}

# The usual level of each category (the dev set's README; Posner et al., 2011; Glass et al.,
# 2008 for strangulation). Rules carry their own levels; the trained model's findings use
# these, raised by the same escalation cues as the rules' findings.
CATEGORY_LEVELS: Final[dict[str, Level]] = {
    "passive_wish_dead": "concern",
    "active_ideation": "urgent",
    "method": "urgent",
    "intent": "urgent",
    "plan": "emergency",
    "preparatory": "emergency",
    "recent_attempt": "emergency",
    "nssi": "concern",
    "physical": "urgent",
    "strangulation": "emergency",
    "sexual_coercion": "urgent",
    "threats": "urgent",
    "intimidation": "urgent",
    "monitoring": "concern",
    "isolation": "concern",
    "economic": "concern",
    "emotional_abuse": "concern",
    "fear": "urgent",
}


def kind_of(category: str) -> Kind:
    """The kind a category belongs to; ``ValueError`` for a name outside the vocabulary."""
    if category in SELF_HARM_CATEGORIES:
        return SELF_HARM
    if category in PARTNER_HARM_CATEGORIES:
        return PARTNER_HARM
    raise ValueError(f"unknown safety category {category!r}")


def highest(levels: list[Level] | tuple[Level, ...]) -> Level:
    """The most serious of ``levels`` ("none" when there are none)."""
    return max(levels, key=LEVELS.index, default="none")
