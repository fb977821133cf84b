"""Weekly summaries: your own week in figures, your partner's week in bands and words.

A partner's summary is built so that no single day's score can be read off it, nor off how
it changes from one day to the next (docs/privacy.md, "What your partner sees"):

- it appears only once it covers at least ``MIN_PARTNER_CHECKINS`` check-ins by that person,
  so a summary of one or two days is never shown;
- closeness is shown as a band ("mostly close"), never as an average: the band is the median
  of each day's band, so moving one day's score by one point changes what is shown only when
  that day's score crosses a band edge itself;
- feelings are shown as the area picked most often, never a day's word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from nearer.web import vocab
from nearer.web.checkins.models import DailyCheckIn

# Three is the smallest count at which one day no longer decides a median on its own
# (nearer's own rule, docs/privacy.md).
MIN_PARTNER_CHECKINS = 3

# Closeness 1-10 in three bands, each named in words people use. The edges are nearer's own
# (docs/privacy.md): the lowest third, the middle, the top.
CLOSENESS_BANDS: tuple[tuple[int, int, str], ...] = (
    (1, 3, "far apart"),
    (4, 6, "somewhere in between"),
    (7, 10, "close"),
)


@dataclass(frozen=True)
class WeekSummary:
    """Your own week: only you see the exact figures."""

    start: date
    days_checked_in: int
    average_closeness: float | None
    main_area: str | None  # the quadrant name picked most often, e.g. "Quiet and pleasant"


@dataclass(frozen=True)
class PartnerWeek:
    """A partner's week as they may be seen: bands and words, or nothing yet."""

    start: date
    shown: bool  # False until it covers MIN_PARTNER_CHECKINS check-ins
    closeness: str | None  # a band's words, e.g. "close"
    main_area: str | None

    @property
    def sentence(self) -> str:
        if not self.shown:
            return ""
        return f"mostly feeling {self.closeness}, most often “{self.main_area}”"


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


def closeness_band(closeness: int) -> int:
    """The index of the band a closeness score falls in."""
    for index, (low, high, _) in enumerate(CLOSENESS_BANDS):
        if low <= closeness <= high:
            return index
    raise ValueError(f"closeness {closeness} is outside 1-10")


def partner_week(start: date, days: Iterable[tuple[str, int]]) -> PartnerWeek:
    """A partner's week from (area, closeness) pairs, one per check-in, as may be shown."""
    rows = list(days)
    if len(rows) < MIN_PARTNER_CHECKINS:
        return PartnerWeek(start, False, None, None)
    bands = sorted(closeness_band(c) for _, c in rows)
    middle = bands[len(bands) // 2]
    # Ties between areas go to the vocabulary's order, so the choice never depends on the day.
    order = {q.id: n for n, q in enumerate(vocab.all_quadrants())}
    counts = Counter(q for q, _ in rows)
    top = min(counts, key=lambda q: (-counts[q], order.get(q, len(order)), q))
    return PartnerWeek(
        start=start,
        shown=True,
        closeness=CLOSENESS_BANDS[middle][2],
        main_area=vocab.quadrant_names().get(top, top),
    )
