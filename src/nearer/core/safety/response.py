"""What a set of safety alerts shows: which help comes first, and what was described, in words.

``respond(alerts, country)`` is the one place that decides the order of help for the CLI
report, the HTML report and every web page, so they cannot disagree:

- harm from a partner leads with the country's domestic-abuse services, then crisis lines;
- self-harm leads with crisis and suicide lines (and text lines), then the rest;
- at the emergency level the emergency number comes before every line.

With both kinds, the more serious level leads; at the same level self-harm leads, because
the crisis lines also take calls about danger at home. Each category the person described
gets one plain sentence in nearer's own words; none names a method or gives method detail
(safe-messaging guidance: Samaritans' Media Guidelines for Reporting Suicide, 2020; AFSP and
partners' Recommendations for Reporting on Suicide, reportingonsuicide.org). The texts
themselves never reach this module: only kinds, levels and categories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from nearer.core.knowledge.records import Country, Resource
from nearer.core.safety.alerts import SafetyAlert
from nearer.core.safety.scan import ScanResult
from nearer.core.safety.vocabulary import (
    KINDS,
    LEVELS,
    PARTNER_HARM,
    SELF_HARM,
    Kind,
    Level,
    highest,
    kind_of,
)

# How each resource kind of crisis.toml is named to people (never the raw id).
KIND_NAMES: dict[str, str] = {
    "domestic_violence": "Domestic abuse",
    "crisis": "Crisis line",
    "suicide": "Suicide prevention",
    "text": "Text line",
    "substance": "Alcohol and drugs",
}

# Which resource kinds serve each alert kind first; anything else follows in file order.
_FIRST: dict[str, tuple[str, ...]] = {
    PARTNER_HARM: ("domestic_violence",),
    SELF_HARM: ("suicide", "crisis", "text"),
}

# One sentence per category, in nearer's words. Partner harm follows the Duluth Power and
# Control Wheel (Domestic Abuse Intervention Programs) plus violence and fear; self-harm the
# C-SSRS levels (Posner et al. 2011). Strangulation is named as an emergency even without
# marks (Glass N. et al., 2008, J Emerg Med 35(3):329-335: prior non-fatal strangulation
# raised the odds of later homicide about sevenfold).
DESCRIBED: dict[str, str] = {
    "physical": (
        "Being hit, pushed, kicked or hurt on purpose by a partner is violence, whatever "
        "reason is given for it, and it is never your fault."
    ),
    "strangulation": (
        "Hands, an arm or anything else pressed on your neck is one of the most dangerous "
        "things a partner can do: it can kill within minutes, and serious harm can show up "
        "hours later even when there are no marks. Treat it as an emergency: call the "
        "emergency number or see a doctor today, even if you feel fine now."
    ),
    "sexual_coercion": (
        "Being pressured, guilt-tripped or forced into anything sexual is sexual abuse, in a "
        "relationship or a marriage too. Going along with it out of fear is not consent."
    ),
    "threats": (
        "Threats to hurt you, the children or a pet, to take the children away, to share "
        "private pictures, or to harm themselves if you leave are ways of controlling you "
        "through fear, and abuse services take them seriously."
    ),
    "intimidation": (
        "Breaking things, blocking a door, or looks and gestures meant to scare you are "
        "intimidation: they work by making you afraid of what might come next."
    ),
    "monitoring": (
        "Going through your phone, tracking where you are or demanding your passwords is "
        "monitoring. Being tracked, like being kept from friends, is a form of coercive "
        "control."
    ),
    "isolation": (
        "Being kept from friends, family, work or the places you used to go is isolation, a "
        "form of coercive control: it leaves you with fewer people to turn to."
    ),
    "economic": (
        "Having your money controlled or taken, being stopped from working, or having to ask "
        "for money for food is economic abuse, another form of coercive control."
    ),
    "emotional_abuse": (
        "Being put down, humiliated or made to doubt your own mind until you feel afraid is "
        "emotional abuse. It can wear a person down as much as being hit."
    ),
    "fear": (
        "Feeling afraid of a partner matters on its own. Having to watch what you say or do "
        "to stay safe is not something to fix by trying harder as a couple."
    ),
    "passive_wish_dead": (
        "Wishing you could disappear, not wake up, or that others would be better off "
        "without you is a sign of deep pain. It deserves care now, even without any plan."
    ),
    "active_ideation": (
        "Thinking about ending your life means you are carrying more than anyone should "
        "carry alone. Thoughts like these often ease when someone helps you carry them."
    ),
    "method": (
        "Thinking about how you might end your life means the danger is close. Please tell "
        "someone now and put distance between yourself and anything you could use."
    ),
    "intent": (
        "Feeling that you mean to act on these thoughts is a sign to get help right now, "
        "from a crisis line or the emergency number. You do not have to wait until it passes."
    ),
    "plan": (
        "Having a plan or a time in mind means you need help today, not later. Please call "
        "now, and ask someone to be with you."
    ),
    "preparatory": (
        "Getting things ready or saying goodbye means the danger is close. Please reach out "
        "now and let someone help you keep yourself safe tonight."
    ),
    "recent_attempt": (
        "If you have tried to hurt yourself recently, please get medical help now, even if "
        "you feel all right: some harm does not show at first."
    ),
    "nssi": (
        "Hurting yourself to cope with pain is a sign you need support, not blame. You "
        "deserve care for the injuries and for what lies behind them."
    ),
}

REACH_OUT: dict[str, str] = {
    PARTNER_HARM: (
        "A domestic-abuse service can talk with you in confidence about staying safe, "
        "whether you want to stay, leave, or have not decided. You choose what happens next, "
        "and you do not have to work it out as a couple first."
    ),
    SELF_HARM: (
        "Please reach out today: call or text a crisis line, tell someone you trust, or see "
        "a doctor. You do not have to be sure it is bad enough to ask. Thoughts like these "
        "can pass, and help works."
    ),
}

DEVICE_WARNING = (
    "Your partner may be able to read this device. If so, use a phone or computer they "
    "cannot check, and use Quick exit to leave this page at once."
)

TITLES: dict[str, str] = {
    PARTNER_HARM: "Your safety comes first",
    SELF_HARM: "You matter. Help is there right now.",
}


@dataclass(frozen=True)
class HelpLine:
    """One service as shown: ``kind_name`` is the person-facing name of ``kind``."""

    name: str
    kind: str
    kind_name: str
    contact: str
    hours: str

    def to_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "kind": self.kind,
            "kind_name": self.kind_name,
            "contact": self.contact,
            "hours": self.hours,
        }


@dataclass(frozen=True)
class SafetyResponse:
    """What to show, in order. ``lead`` is the kind whose help comes first (None: no alert)."""

    kinds: tuple[Kind, ...]
    level: Level
    categories: tuple[str, ...]
    lead: Kind | None
    title: str
    country: str
    country_name: str
    emergency: str
    emergency_first: bool
    lines: tuple[HelpLine, ...]
    described: tuple[str, ...]
    reach_out: tuple[str, ...]
    device_warning: str | None
    safety_planning: bool  # link to the page on safety planning with a dangerous partner
    safety_plan: bool  # offer the person's own safety plan (self-harm)
    last_checked: str = ""

    @property
    def alert(self) -> bool:
        return bool(self.kinds)

    @property
    def partner_harm(self) -> bool:
        return PARTNER_HARM in self.kinds

    @property
    def self_harm(self) -> bool:
        return SELF_HARM in self.kinds

    @property
    def emergency_line(self) -> str:
        return f"In immediate danger in {self.country_name}: call {self.emergency}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "level": self.level,
            "categories": list(self.categories),
            "lead": self.lead,
            "title": self.title,
            "country": self.country,
            "emergency": self.emergency,
            "emergency_first": self.emergency_first,
            "lines": [line.to_dict() for line in self.lines],
            "described": list(self.described),
            "reach_out": list(self.reach_out),
            "device_warning": self.device_warning,
            "safety_planning": self.safety_planning,
            "safety_plan": self.safety_plan,
        }


def kind_name(kind: str) -> str:
    """The person-facing name of a crisis.toml resource kind."""
    return KIND_NAMES.get(kind, kind.replace("_", " ").capitalize())


def _line(resource: Resource) -> HelpLine:
    return HelpLine(
        resource.name, resource.kind, kind_name(resource.kind), resource.contact, resource.hours
    )


def ordered_lines(country: Country, lead: Kind | None) -> tuple[HelpLine, ...]:
    """The country's lines with the lead kind's services first, the rest in file order.

    With no alert the crisis lines come first, as on the help page."""
    first = _FIRST[lead or SELF_HARM]
    second = _FIRST[PARTNER_HARM if lead != PARTNER_HARM else SELF_HARM]
    rank = {kind: n for n, kind in enumerate((*first, *second))}
    resources = sorted(
        enumerate(country.resources), key=lambda pair: (rank.get(pair[1].kind, 99), pair[0])
    )
    return tuple(_line(r) for _, r in resources)


def _lead(levels: dict[Kind, Level]) -> Kind | None:
    if not levels:
        return None
    # Most serious level first; at the same level, self-harm (first in KINDS) leads.
    present = [k for k in KINDS if k in levels]
    return max(present, key=lambda k: (LEVELS.index(levels[k]), -KINDS.index(k)))


def respond(alerts: Iterable[SafetyAlert], country: Country) -> SafetyResponse:
    """Build what to show for ``alerts`` in ``country`` (any alert order; repeats merge)."""
    levels: dict[Kind, Level] = {}
    categories: list[str] = []
    for alert in alerts:
        levels[alert.kind] = highest([levels.get(alert.kind, "none"), alert.level])
        categories.extend(alert.categories)
    kinds = tuple(k for k in KINDS if k in levels)
    level = highest(list(levels.values()))
    lead = _lead(levels)
    # Categories in the order of each kind's vocabulary, lead kind first.
    unique = tuple(dict.fromkeys(c for c in categories if c in DESCRIBED))
    by_kind = sorted(unique, key=lambda c: (kind_of(c) != lead, list(DESCRIBED).index(c)))
    reach = tuple(REACH_OUT[k] for k in sorted(kinds, key=lambda k: k != lead))
    return SafetyResponse(
        kinds=kinds,
        level=level,
        categories=tuple(by_kind),
        lead=lead,
        title=TITLES[lead] if lead else "If you need help now",
        country=country.code,
        country_name=country.name,
        emergency=country.emergency,
        emergency_first=level == "emergency",
        lines=ordered_lines(country, lead),
        described=tuple(DESCRIBED[c] for c in by_kind),
        reach_out=reach,
        device_warning=DEVICE_WARNING if PARTNER_HARM in kinds else None,
        safety_planning=PARTNER_HARM in kinds,
        safety_plan=SELF_HARM in kinds,
        last_checked=str(country.last_checked),
    )


def alerts_from(
    kinds: Sequence[str], level: str, categories: Sequence[str], source: str = "free text"
) -> list[SafetyAlert]:
    """Rebuild alerts from stored kinds, level and categories (what the web session keeps).

    Unknown names are dropped, so a stale or tampered session cannot break a page."""
    from nearer.core.safety.alerts import _TEXT_REASONS

    clean_level: Level = next((lv for lv in LEVELS if lv == level), "urgent")
    if clean_level == "none":
        clean_level = "urgent"
    found: list[SafetyAlert] = []
    for kind in KINDS:
        if kind not in kinds:
            continue
        mine: list[str] = []
        for c in categories:
            try:
                if kind_of(c) == kind:
                    mine.append(c)
            except ValueError:
                continue
        found.append(SafetyAlert(kind, _TEXT_REASONS[kind], source, clean_level, tuple(mine)))
    return found


def alerts_of_scan(result: ScanResult) -> list[SafetyAlert]:
    """One alert per kind a scan found, each with its own categories and the scan's level."""
    return alerts_from(result.kinds, result.level, result.categories) if result.alert else []
