"""Patterns over time: what a person's own journal and check-ins say, counted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from nearer.web import vocab
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry

WINDOW_DAYS = 90


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    share: int  # percent of the largest count, for the bar width


@dataclass(frozen=True)
class WeekCloseness:
    start: date
    average: float


@dataclass(frozen=True)
class Patterns:
    since: date
    entries: int
    checkins: int
    feelings: list[Count]
    situations: list[Count]
    triggers: list[Count]
    areas: list[Count]
    closeness: list[WeekCloseness]


def _counts(counter: Counter[str], top: int = 8) -> list[Count]:
    common = counter.most_common(top)
    peak = common[0][1] if common else 1
    return [Count(label, n, round(100 * n / peak)) for label, n in common]


def patterns_for(user: User, today: date) -> Patterns:
    """Only the user's own entries and check-ins: a partner's never feed these counts."""
    since = today - timedelta(days=WINDOW_DAYS)
    entries = list(JournalEntry.objects.filter(author=user, created_at__date__gte=since))
    checkins = list(DailyCheckIn.objects.filter(author=user, day__gte=since).order_by("day"))
    feelings: Counter[str] = Counter()
    situations: Counter[str] = Counter()
    triggers: Counter[str] = Counter()
    for entry in entries:
        feelings.update(entry.feelings)
        situations.update(entry.situations)
        triggers.update(entry.triggers)
    feelings.update(c.feeling for c in checkins)
    names = vocab.quadrant_names()
    areas: Counter[str] = Counter(names.get(c.quadrant, c.quadrant) for c in checkins)
    weeks: dict[date, list[int]] = {}
    for c in checkins:
        weeks.setdefault(c.day - timedelta(days=c.day.weekday()), []).append(c.closeness)
    return Patterns(
        since=since,
        entries=len(entries),
        checkins=len(checkins),
        feelings=_counts(feelings),
        situations=_counts(situations),
        triggers=_counts(triggers),
        areas=_counts(areas, top=4),
        closeness=[
            WeekCloseness(start, round(sum(v) / len(v), 1)) for start, v in sorted(weeks.items())
        ],
    )
