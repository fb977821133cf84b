"""The weekly summary a partner sees instead of daily scores."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from nearer.web import vocab
from nearer.web.checkins.models import DailyCheckIn


@dataclass(frozen=True)
class WeekSummary:
    start: date
    days_checked_in: int
    average_closeness: float | None
    main_area: str | None  # the quadrant name picked most often, e.g. "Quiet and pleasant"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summarise(checkins: QuerySet[DailyCheckIn], start: date) -> WeekSummary:
    rows = list(checkins.filter(day__gte=start, day__lt=start + timedelta(days=7)))
    if not rows:
        return WeekSummary(start, 0, None, None)
    areas = Counter(r.quadrant for r in rows)
    top = areas.most_common(1)[0][0]
    return WeekSummary(
        start=start,
        days_checked_in=len(rows),
        average_closeness=round(sum(r.closeness for r in rows) / len(rows), 1),
        main_area=vocab.quadrant_names().get(top, top),
    )
