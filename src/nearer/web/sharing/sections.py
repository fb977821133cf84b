"""The sections a report can hold, in the order it shows them.

A section is an id, a title and a line saying what it holds. An app that brings a new kind of
record (insights, plans) adds its section here with ``available`` saying whether the app is
installed, so links and the CLI offer only what this install has; its content is
gathered in ``report.py`` under the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

# Said in place of a section that has nothing in it, so the reader knows it was chosen.
NOTHING_YET = "Nothing recorded yet."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    holds: str
    available: Callable[[], bool] = lambda: True
    empty: str = NOTHING_YET


CHECKS = "checks"
WEEKS = "weeks"
DAYS = "days"
GAP = "gap"
JOURNAL = "journal"
INSIGHTS = "insights"
PLAN = "plan"


def _installed(app: str) -> Callable[[], bool]:
    return lambda: apps.is_installed(app)


SECTIONS: tuple[Section, ...] = (
    Section(
        CHECKS,
        "Connection Checks and screeners",
        "Each result over time: scores and bands, never your notes or safety answers.",
    ),
    Section(
        WEEKS,
        "Check-ins by week",
        "Average closeness and the feelings picked most, one line per week.",
    ),
    Section(
        DAYS,
        "Check-ins day by day",
        "Each day's feeling and closeness (not your private notes or appreciations).",
    ),
    Section(
        GAP,
        "Perception gap",
        "Your Connection Check beside your partner's: shown only when both of you share it.",
    ),
    Section(
        INSIGHTS,
        "Message insights",
        "From the chat exports you uploaded yourself: the headline, weekly figures and the "
        "changes found. Numbers only, never a message.",
        _installed("nearer.web.insights"),
        "No chat export uploaded yet.",
    ),
    Section(
        PLAN,
        "The plan and what was done",
        "This week's steps and what became of them, the steps set aside as not for you "
        "with the reasons you gave, and steps done week by week.",
        _installed("nearer.web.plans"),
        "No plan yet: a plan starts once a Connection Check is taken.",
    ),
    Section(JOURNAL, "Journal entries", "Only the entries you tick below."),
)


def available() -> tuple[Section, ...]:
    return tuple(s for s in SECTIONS if s.available())


def available_ids() -> tuple[str, ...]:
    return tuple(s.id for s in available())


def by_id() -> dict[str, Section]:
    return {s.id: s for s in SECTIONS}
