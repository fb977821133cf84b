"""The report a share link opens, and ``nearer report --html`` writes: one renderer, so the
page and the file cannot differ.

A report is one or two parts (one per partner), each built only from what its owner chose:
the sections they ticked and the journal entries they ticked. Nothing else of theirs is read.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from nearer.core.assessment.compare import Comparison
from nearer.core.errors import UnknownInstrument
from nearer.web import vocab
from nearer.web.accounts.models import User
from nearer.web.assessments.instruments import instrument
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.record import perception_gap
from nearer.web.checkins.models import CLOSENESS_MAX, DailyCheckIn
from nearer.web.checkins.summary import week_start
from nearer.web.journal.models import JournalEntry
from nearer.web.sharing.insights_part import insights_rows
from nearer.web.sharing.plan_part import plan_rows
from nearer.web.sharing.sections import (
    CHECKS,
    DAYS,
    GAP,
    INSIGHTS,
    JOURNAL,
    PLAN,
    WEEKS,
    Section,
    by_id,
)

# How many feelings a week names: enough to show the week's colour, few enough to read.
TOP_FEELINGS = 3


@dataclass(frozen=True)
class Choice:
    """What one person chose to put in the report."""

    owner: User
    sections: tuple[str, ...]
    journal_entries: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckRow:
    taken: datetime
    name: str
    score: str
    band: str


@dataclass(frozen=True)
class WeekRow:
    start: date
    days: int
    closeness: float
    feelings: tuple[str, ...]

    @property
    def bar(self) -> float:
        """Width of the closeness bar out of 100 (drawn as inline SVG, so it prints)."""
        return round(100 * self.closeness / CLOSENESS_MAX, 1)


@dataclass(frozen=True)
class DayRow:
    day: date
    feeling: str
    closeness: int

    @property
    def bar(self) -> float:
        return round(100 * self.closeness / CLOSENESS_MAX, 1)


@dataclass(frozen=True)
class EntryRow:
    written: datetime
    text: str
    feelings: tuple[str, ...]


@dataclass
class PartSection:
    section: Section
    rows: list[Any] = field(default_factory=list)


@dataclass
class Part:
    name: str
    sections: list[PartSection]


@dataclass
class Report:
    parts: list[Part]
    gap: Comparison | None
    made_at: datetime


def _checks(owner: User) -> list[CheckRow]:
    rows = []
    for r in AssessmentResult.objects.filter(user=owner).order_by("taken_at"):
        data = r.result
        try:
            name = instrument(r.instrument).name
        except UnknownInstrument:  # one this install no longer has: keep its id
            name = r.instrument
        if data.get("overall"):
            score = f"distance {data['overall'].get('self')} of 100"
            band = str(data["overall"].get("self_band", ""))
        else:
            score = f"{data.get('total')} of {data.get('max_total')}"
            band = str(data.get("severity", ""))
        rows.append(CheckRow(r.taken_at, name, score, band))
    return rows


def _weeks(owner: User) -> list[WeekRow]:
    by_week: dict[date, list[DailyCheckIn]] = {}
    for c in DailyCheckIn.objects.filter(author=owner).order_by("day"):
        by_week.setdefault(week_start(c.day), []).append(c)
    rows = []
    for start, days in sorted(by_week.items()):
        feelings = Counter(c.feeling for c in days).most_common(TOP_FEELINGS)
        rows.append(
            WeekRow(
                start=start,
                days=len(days),
                closeness=round(sum(c.closeness for c in days) / len(days), 1),
                feelings=tuple(_feeling(word) for word, _ in feelings),
            )
        )
    return rows


def _days(owner: User) -> list[DayRow]:
    return [
        DayRow(c.day, _feeling(c.feeling), c.closeness)
        for c in DailyCheckIn.objects.filter(author=owner).order_by("day")
    ]


def _feeling(word: str) -> str:
    found = vocab.lookup(word)
    return found.word if found is not None else word


def _journal(owner: User, ids: tuple[str, ...]) -> list[EntryRow]:
    keys = []
    for raw in ids:
        try:
            keys.append(uuid.UUID(str(raw)))
        except ValueError:
            continue
    # Only the owner's own entries, and only those ticked: a forged id finds nothing.
    entries = JournalEntry.objects.filter(author=owner, public_id__in=keys).order_by("created_at")
    return [EntryRow(e.created_at, e.text, tuple(e.feelings)) for e in entries]


def build_part(choice: Choice, beside_partner: bool = False) -> Part:
    """One person's part: only the sections they ticked, each read from their own rows.
    ``beside_partner``: the part stands next to the partner's in one report."""
    known = by_id()
    gather: dict[str, Callable[[], list[Any]]] = {
        CHECKS: lambda: _checks(choice.owner),
        WEEKS: lambda: _weeks(choice.owner),
        DAYS: lambda: _days(choice.owner),
        INSIGHTS: lambda: insights_rows(choice.owner),
        PLAN: lambda: plan_rows(choice.owner, beside_partner),
        JOURNAL: lambda: _journal(choice.owner, choice.journal_entries),
    }
    sections = []
    for section_id in choice.sections:
        if section_id in gather and section_id in known:
            sections.append(PartSection(known[section_id], gather[section_id]()))
    return Part(choice.owner.display_name, sections)


def build_report(choices: list[Choice], now: datetime | None = None) -> Report:
    """Parts in the order given; the perception gap only when every part chose it and there
    are two partners who have both shared their Connection Check with each other."""
    gap = None
    if len(choices) == 2 and all(GAP in c.sections for c in choices):
        first, second = choices
        if first.owner.couple_id is not None and first.owner.couple_id == second.owner.couple_id:
            gap = perception_gap(first.owner).comparison
    beside = len(choices) > 1
    return Report([build_part(c, beside) for c in choices], gap, now or timezone.now())


def report_css() -> str:
    return (resources.files("nearer.web") / "static" / "nearer" / "report.css").read_text("utf-8")


def render_report(report: Report, standalone: bool = False) -> str:
    """The report as one HTML page. ``standalone`` puts the stylesheet inside the file (for
    ``nearer report --html``); the web page links the same stylesheet instead, because its
    Content-Security-Policy refuses inline styles."""
    context = {
        "report": report,
        "inline_css": report_css() if standalone else "",
        "closeness_max": CLOSENESS_MAX,
        "week": timedelta(days=6),
    }
    return render_to_string("sharing/report.html", context)
