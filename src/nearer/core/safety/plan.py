"""A personal safety plan for times when thoughts of suicide or self-harm come.

Its sections follow the Safety Planning Intervention (Stanley B. & Brown G.K., 2012,
Cognitive and Behavioral Practice 19(2):256-264): warning signs; ways to cope on my own;
people and places that take my mind off things; people I can ask for help; professionals
and crisis lines; making my surroundings safer. nearer adds an optional "my reasons for
living", which many versions of the plan carry.

The prompts and examples are nearer's own words, written to safe-messaging guidance
(Samaritans' Media Guidelines for Reporting Suicide, 2020; the Recommendations for
Reporting on Suicide by AFSP and partners, reportingonsuicide.org): they speak of hope and
of asking for help and never name a method. "Making my surroundings safer" asks in general
terms about putting distance between the person and anything they could use.

A plan is plain data: ``SafetyPlan.from_dict`` checks every limit and raises
``SafetyPlanError`` with one line saying what to fix; ``to_dict`` round-trips it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from nearer.core.errors import NearerError
from nearer.core.knowledge.records import Country

FORMAT: Final = "nearer-safety-plan"
VERSION: Final = 1
MAX_ITEMS: Final = 12  # a plan is read in a hard moment: short lists, one page when printed
MAX_ITEM_CHARS: Final = 300


class SafetyPlanError(NearerError):
    """A safety plan (a file, a form, an API body) breaks a limit or has an unknown field."""


@dataclass(frozen=True)
class Section:
    """One part of the plan: its id, heading, the question it asks, and examples."""

    id: str
    title: str
    prompt: str
    examples: tuple[str, ...]
    optional: bool = False


SECTIONS: Final[tuple[Section, ...]] = (
    Section(
        "warning_signs",
        "My warning signs",
        "What tells you a hard time may be starting? Thoughts, feelings, moods or things you do.",
        (
            "I stop answering messages",
            "I lie awake going over everything",
            "I start thinking nothing will change",
        ),
    ),
    Section(
        "coping_alone",
        "Ways to cope on my own",
        "What can you do by yourself, for a few minutes, to get through a bad moment?",
        (
            "Go for a walk round the block",
            "Take a shower and put on clean clothes",
            "Play the album that calms me",
            "Breathe slowly: in for four, out for six",
        ),
    ),
    Section(
        "distractions",
        "People and places that take my mind off things",
        "Who could you be with, or where could you go, to feel less alone? You do not have "
        "to talk about how you feel there.",
        ("The café on the corner", "My cousin Sam", "The library", "Football practice"),
    ),
    Section(
        "people_to_ask",
        "People I can ask for help",
        "Who could you tell that you are struggling? Write a name and how to reach them.",
        ("Mum: 07700 900123", "Priya from work: message her", "My neighbour Tom"),
    ),
    Section(
        "professionals",
        "Professionals and crisis lines",
        "Who can you call for help from someone trained? nearer fills in the crisis lines "
        "for your country; add your doctor, therapist or a local service.",
        ("My GP surgery: 020 7946 0000", "My counsellor, Thursdays"),
    ),
    Section(
        "safer_surroundings",
        "Making my surroundings safer",
        "What could you do to keep yourself safe when things get bad? Think about putting "
        "time and distance between yourself and anything you could use to hurt yourself, "
        "with help from someone you trust.",
        (
            "Ask my sister to keep some things at her place for now",
            "Go to a friend's house instead of staying in alone",
            "Agree with a friend what they will look after for me for a while",
        ),
    ),
    Section(
        "reasons_for_living",
        "My reasons for living",
        "What matters to you, or might matter again? People, pets, plans, things you "
        "still want to see. (Optional.)",
        ("My dog, Biscuit", "Seeing my niece grow up", "The trip to the sea next summer"),
        optional=True,
    ),
)
SECTION_IDS: Final[tuple[str, ...]] = tuple(s.id for s in SECTIONS)


def section(section_id: str) -> Section:
    for s in SECTIONS:
        if s.id == section_id:
            return s
    raise SafetyPlanError(
        f"{section_id!r} is not a part of the safety plan. Use one of: {', '.join(SECTION_IDS)}."
    )


@dataclass(frozen=True)
class SafetyPlan:
    """What the person wrote in each section, in order; ``country`` picks the crisis lines."""

    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    country: str | None = None
    updated_at: str | None = None

    def __post_init__(self) -> None:
        # Every section is always present, in order, so equal plans compare equal.
        full = {s: tuple(self.sections.get(s, ())) for s in SECTION_IDS}
        object.__setattr__(self, "sections", full)

    def items(self, section_id: str) -> tuple[str, ...]:
        return tuple(self.sections.get(section_id, ()))

    @property
    def empty(self) -> bool:
        return not any(self.items(s) for s in SECTION_IDS)

    def with_items(self, section_id: str, items: list[str] | tuple[str, ...]) -> SafetyPlan:
        """A copy with one section replaced, checked like ``from_dict``."""
        section(section_id)
        clean = _clean_items(section_id, list(items))
        return replace(self, sections={**dict(self.sections), section_id: clean})

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "country": self.country,
            "updated_at": self.updated_at,
            "sections": {s: list(self.items(s)) for s in SECTION_IDS},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: Any) -> SafetyPlan:
        """Read a plan, refusing anything outside the format with one line that says why."""
        if not isinstance(data, Mapping):
            raise SafetyPlanError('a safety plan must be a JSON object with a "sections" object.')
        extra = sorted(set(data) - {"format", "version", "country", "updated_at", "sections"})
        if extra:
            raise SafetyPlanError(f"{extra[0]!r} is not a field of a safety plan. Remove it.")
        if data.get("format", FORMAT) != FORMAT:
            raise SafetyPlanError(f"this is not a safety plan file (format is not {FORMAT!r}).")
        version = data.get("version", VERSION)
        if version != VERSION:
            raise SafetyPlanError(
                f"safety plan version {version!r} is not one this nearer reads (it reads "
                f"{VERSION}). Update nearer."
            )
        country = data.get("country")
        if country is not None and not (
            isinstance(country, str)
            and (country == "INTL" or (len(country) == 2 and country.isalpha()))
        ):
            raise SafetyPlanError(
                f"country {country!r} is not a two-letter country code. "
                "Use e.g. GB, or leave it out."
            )
        updated = data.get("updated_at")
        if updated is not None and not isinstance(updated, str):
            raise SafetyPlanError("updated_at must be a date and time written as text.")
        raw = data.get("sections", {})
        if not isinstance(raw, Mapping):
            raise SafetyPlanError('"sections" must be an object mapping a section to a list.')
        sections: dict[str, tuple[str, ...]] = {}
        for key, value in raw.items():
            section(str(key))
            if not isinstance(value, list):
                raise SafetyPlanError(f'"{key}" must be a list of short lines of text.')
            sections[str(key)] = _clean_items(str(key), value)
        return cls(sections, country.upper() if isinstance(country, str) else None, updated)

    @classmethod
    def from_json(cls, text: str) -> SafetyPlan:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SafetyPlanError(
                f"the safety plan is not valid JSON (line {exc.lineno}: {exc.msg}). Fix it, or "
                "start again."
            ) from exc
        return cls.from_dict(data)


def _clean_items(section_id: str, items: list[Any]) -> tuple[str, ...]:
    clean: list[str] = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, str):
            raise SafetyPlanError(f'line {n} of "{section_id}" must be text.')
        text = " ".join(item.split())
        if not text:
            continue
        if len(text) > MAX_ITEM_CHARS:
            raise SafetyPlanError(
                f'line {n} of "{section_id}" is {len(text)} characters long; keep each line '
                f"under {MAX_ITEM_CHARS + 1} characters."
            )
        clean.append(text)
    if len(clean) > MAX_ITEMS:
        raise SafetyPlanError(
            f'"{section_id}" has {len(clean)} lines; a plan works best short: keep it to '
            f"{MAX_ITEMS} or fewer."
        )
    return tuple(clean)


def lines_from_text(text: str) -> list[str]:
    """One item per non-empty line of a text box (how the web form and the CLI take them)."""
    return [line for line in (text or "").splitlines() if line.strip()]


def crisis_lines(country: Country) -> tuple[str, ...]:
    """The ``professionals`` lines nearer fills in for a country: emergency number first."""
    found = [f"Emergency ({country.name}): {country.emergency}"]
    for r in country.resources:
        if r.kind in ("crisis", "suicide", "text"):
            found.append(f"{r.name}: {r.contact}")
    return tuple(found[:MAX_ITEMS])


def new_plan(country: Country) -> SafetyPlan:
    """An empty plan whose professionals section already holds the country's crisis lines."""
    return SafetyPlan({"professionals": crisis_lines(country)}, country.code, None)
