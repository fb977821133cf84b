"""Early warning: is one of you, or are both, drifting away, or are you moving apart?

Inputs are what a person may see: their own daily check-ins, the partner's check-ins only as
far as the partner shares them (daily detail, or else the weekly summary), and weekly message
counts from an uploaded chat when there is one.

Each day, for each person and channel (closeness, the feeling's pleasantness and energy,
whether they checked in, whether they wrote an appreciation, messages a week), a change-point
scan asks: is there a day ``began`` between ``MIN_AFTER_DAYS`` and ``MAX_AFTER_DAYS`` ago such
that everything since it sits apart from the up to ``BASELINE_DAYS`` before it? For each
candidate day the change in means is divided by its standard error under a model of days
nested in weeks (a day's own noise plus a week-to-week mood swing, both estimated from the
person's own earlier weeks), so a wobbly week is not read as evidence. A channel changed
when, at the best candidate day, all of these hold:

* statistically solid: the p-value, Bonferroni-corrected over the candidate days and then
  Holm-corrected (Holm 1979) over the person's channels, is below ``ALPHA_PER_LOOK`` (far
  below 5 %, because the warning is asked every day: see ``ALPHA_PER_LOOK``);
* large in practice: Hedges' g (Hedges 1981) at least ``G_LARGE`` in size and the mean moved
  by at least ``SIZE_SHARE`` of the smallest change that matters (``MIN_CHANGE``);
* lasting: the last 7 days alone are still at least ``HOLD_SHARE`` of that change apart, so a
  bad week that is over does not count.

A person drifts when their closeness fell, or two other signs fell together; a warning is
shown once it has held ``CONFIRM_DAYS`` days in a row. Days on which neither partner checked
in (a holiday, a trip) are left out of "how often", so a shared break is never read as
drifting.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from nearer.core.drift.scan import (
    MAX_AFTER_DAYS,
    MIN_AFTER_DAYS,
    MIN_BASELINE_DAYS,
    SPREAD_WEEKS,
    Channel,
    Ints,
    Scan,
    scan,
)

# Never before this many weeks since the first check-in: the shortest baseline plus the
# shortest stretch after a change, rounded up to whole weeks.
MIN_WEEKS = math.ceil((MIN_BASELINE_DAYS + MIN_AFTER_DAYS) / 7)
CONFIRM_DAYS = 2
# How far back the warning reads: the oldest candidate change, the weeks before it that
# set the person's usual spread (which cover the baseline), and the days it confirms over.
LOOKBACK_DAYS = MAX_AFTER_DAYS + 7 * SPREAD_WEEKS + CONFIRM_DAYS
# Asked every day for months, a 5 % test would cry wolf every few weeks. The level per look
# was set on the simulator's tuning seeds (0-99: 1 of 500 stable couples flagged); a false
# alarm tells a couple they are drifting, so it errs on the safe side. docs/methods.md gives
# the figures on seeds it was not tuned on, and what the level costs in detection.
ALPHA_PER_LOOK = 1e-5
# Smallest change that matters, on each metric's scale (closeness 1-10, the feeling's
# pleasantness and energy -5..+5, shares of days 0-1, messages relative to the baseline).
MIN_CHANGE: dict[str, float] = {
    "closeness": 2.0,
    "closeness_and_feeling": 2.0,
    "pleasantness": 1.5,
    "energy": 1.5,
    "checkin_days": 0.30,
    "appreciation_days": 0.20,
    "messages": 0.30,
}
# The least day-to-day spread assumed, so a person who always answers the same has a
# finite standard error (half a point on a score; a 5 % / 95 % day for a yes/no).
_MIN_SPREAD: dict[str, float] = {
    "closeness": 0.5,
    "closeness_and_feeling": 0.5,
    "pleasantness": 0.5,
    "energy": 0.5,
    "checkin_days": math.sqrt(0.05 * 0.95),
    "appreciation_days": math.sqrt(0.05 * 0.95),
    "messages": 0.0,
}
_FEELING_WEIGHT = MIN_CHANGE["closeness"] / MIN_CHANGE["pleasantness"]
METRIC_WORDS: dict[str, str] = {
    "closeness": "closeness (1 to 10)",
    "closeness_and_feeling": "closeness and how pleasant the days felt, taken together,",
    "pleasantness": "how pleasant the feelings were (-5 to +5)",
    "energy": "energy in the feelings (-5 to +5)",
    "checkin_days": "days with a check-in",
    "appreciation_days": "days with an appreciation",
    "messages": "messages a week",
}
# A decline in closeness is enough on its own to call it drifting; any two other signs
# falling together are too (fewer check-ins alone can be a busy fortnight).
LEADING = ("closeness", "closeness_and_feeling")
CLOSENESS_ALONE = True
# Checking in on under a quarter of one's usual days for two weeks is all but stopping (a
# bad week with a few days ill in it is not).
STOPPED_SHARE = 0.25
STOPPED_DAYS = 14
SCORES = ("closeness", "pleasantness", "energy")
COUNTS = ("checkin_days", "appreciation_days")


@dataclass(frozen=True)
class Day:
    """One person's check-in on one day, as numbers only."""

    day: date
    closeness: int
    pleasantness: int | None = None
    energy: int | None = None
    appreciation: bool = False


@dataclass(frozen=True)
class WeekSeen:
    """The weekly summary of a partner who does not share daily detail."""

    start: date  # a Monday
    days_checked_in: int
    average_closeness: float | None
    appreciations: int = 0


@dataclass
class Person:
    name: str
    days: Sequence[Day] = ()
    weeks: Sequence[WeekSeen] = ()  # used when ``days`` is empty (weekly summary only)
    messages: dict[date, float] = field(default_factory=dict)  # week start -> messages

    def as_days(self) -> list[Day]:
        """Daily records, the weekly summary spread over the days it counts."""
        if self.days or not self.weeks:
            return sorted(self.days, key=lambda d: d.day)
        out: list[Day] = []
        for week in self.weeks:
            if week.average_closeness is None:
                continue
            for k in range(min(7, week.days_checked_in)):
                out.append(
                    Day(
                        week.start + timedelta(days=k),
                        round(week.average_closeness),
                        appreciation=k < week.appreciations,
                    )
                )
        return out


@dataclass(frozen=True)
class Change:
    """One solid change in one person's series."""

    person: str
    metric: str
    direction: str  # "down" | "up"
    baseline: float
    recent: float
    began: date
    hedges_g: float
    p_value_holm: float

    @property
    def distance(self) -> bool:
        """Whether this change points towards more distance (every metric: down)."""
        return self.direction == "down"


@dataclass
class Warning:
    """The early warning for a couple (or one person) on one day."""

    status: str  # not-enough-weeks | steady | one-drifting | both-drifting | diverging
    on: date
    weeks_available: int
    changes: list[Change] = field(default_factory=list)
    drifting: list[str] = field(default_factory=list)
    began: date | None = None

    @property
    def flagged(self) -> bool:
        return self.status in ("one-drifting", "both-drifting", "diverging")


def _channels(person: Person, shared_off: set[int], last: int) -> list[Channel]:
    """The person's channels; "how often" runs from their first check-in to ``last``, the
    last day either of the couple checked in, leaving out the days nobody checked in."""
    days = person.as_days()
    checked = {d.day.toordinal(): d for d in days}
    cols: dict[str, tuple[list[int], list[float]]] = {m: ([], []) for m in MIN_CHANGE}
    for d in days:
        n = d.day.toordinal()
        cols["closeness"][0].append(n)
        cols["closeness"][1].append(float(d.closeness))
        for metric in ("pleasantness", "energy"):
            value = getattr(d, metric)
            if value is not None:
                cols[metric][0].append(n)
                cols[metric][1].append(float(value))
        if d.pleasantness is not None:
            # Closeness and pleasantness in one daily score, each in units of its smallest
            # change that matters: a fade that lowers both is seen sooner than in either
            # alone, and the score's own spread (nothing assumed about how the two go
            # together) sets its standard error.
            both = (d.closeness + d.pleasantness * _FEELING_WEIGHT) / 2
            cols["closeness_and_feeling"][0].append(n)
            cols["closeness_and_feeling"][1].append(both)
    if days:
        for n in range(days[0].day.toordinal(), last + 1):
            if n in shared_off:
                continue
            found = checked.get(n)
            cols["checkin_days"][0].append(n)
            cols["checkin_days"][1].append(1.0 if found is not None else 0.0)
            cols["appreciation_days"][0].append(n)
            cols["appreciation_days"][1].append(
                1.0 if found is not None and found.appreciation else 0.0
            )
    for week, count in sorted(person.messages.items()):
        cols["messages"][0].append(week.toordinal())
        cols["messages"][1].append(float(count))
    return [
        Channel.of(m, d, v, MIN_CHANGE[m], _MIN_SPREAD[m], weekly=m == "messages")
        for m, (d, v) in cols.items()
        if d
    ]


@dataclass(frozen=True)
class _Found:
    metric: str
    direction: str
    baseline: float
    recent: float
    began: int
    hedges_g: float
    p: float


def _scans(
    channels: list[Channel], looks: Ints, last_seen: Ints
) -> list[tuple[str, dict[str, Scan]]]:
    """Every channel scanned at every look. "How often" is read up to the last day either
    of the couple checked in, so a day not over yet is not counted as a miss."""
    daily = [c for c in channels if not c.weekly]
    if not daily:
        return []
    first = min(c.first_day for c in daily)
    return [
        (c.metric, scan(c, last_seen if c.metric in COUNTS else looks, first)) for c in channels
    ]


def _found_at(scans: list[tuple[str, dict[str, Scan]]], i: int) -> list[_Found]:
    return [
        _Found(
            metric,
            direction,
            float(s.baseline[i]),
            float(s.recent[i]),
            int(s.began[i]),
            float(s.hedges_g[i]),
            float(s.p[i]),
        )
        for metric, both in scans
        for direction, s in both.items()
        if s.passed[i]
    ]


def _holm(found: list[_Found], tested: int) -> list[float]:
    """Holm (1979) adjusted p-values of the changes found, out of ``tested`` channels and
    directions (those not found count as not significant)."""
    order = sorted(range(len(found)), key=lambda i: found[i].p)
    adjusted = [1.0] * len(found)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (tested - rank) * found[i].p))
        adjusted[i] = running
    return adjusted


def _changes(name: str, found: list[_Found], tested: int) -> list[Change]:
    adjusted = _holm(found, tested)
    return [
        Change(
            person=name,
            metric=f.metric,
            direction=f.direction,
            baseline=round(f.baseline, 2),
            recent=round(f.recent, 2),
            began=date.fromordinal(f.began),
            hedges_g=round(f.hedges_g, 2),
            p_value_holm=float(f"{p:.3g}"),
        )
        for f, p in zip(found, adjusted, strict=True)
        if p < ALPHA_PER_LOOK
    ]


def _drifting(changes: list[Change], on: date) -> bool:
    """A person drifts when their closeness (alone, or with how the days felt) fell solidly,
    when two other signs fell together, or when they all but stopped checking in (then no
    other sign can be read at all). Energy alone says more about tiredness than about
    distance, so it is shown as evidence but never counts as a sign."""
    down = {c.metric for c in changes if c.distance and c.metric != "energy"}
    stopped = any(
        c.metric == "checkin_days"
        and c.distance
        and c.recent <= STOPPED_SHARE * c.baseline
        and (on - c.began).days >= STOPPED_DAYS
        for c in changes
    )
    if CLOSENESS_ALONE:
        return bool(down & set(LEADING)) or len(down) >= 2 or stopped
    return (bool(down & set(LEADING)) and len(down) >= 2) or len(down) >= 3 or stopped


def _shared_off(people: Sequence[Person]) -> set[int]:
    """Days, between the first and last check-in of either, on which neither checked in."""
    if len(people) != 2:
        return set()
    checked = [{d.day.toordinal() for d in p.as_days()} for p in people]
    every = checked[0] | checked[1]
    if not every:
        return set()
    return set(range(min(every), max(every) + 1)) - every


def early_warnings(people: Sequence[Person], start: date, end: date) -> Iterator[Warning]:
    """The warning on each day from ``start`` to ``end``, as ``early_warning`` would give it
    on that day (each day reads only the data up to it), computed in one pass."""
    seen = [p for p in people if p.as_days()]
    first = min((p.as_days()[0].day for p in seen), default=None)
    shared_off = _shared_off(people)
    checked = np.unique(
        np.asarray([d.day.toordinal() for p in people for d in p.as_days()], dtype=np.int64)
    )
    last = int(checked[-1]) if checked.shape[0] else 0
    begin = start - timedelta(days=CONFIRM_DAYS - 1)
    looks = np.arange(begin.toordinal(), end.toordinal() + 1, dtype=np.int64)
    at = np.searchsorted(checked, looks, "right")
    last_seen = checked[np.maximum(at - 1, 0)] if checked.shape[0] else looks
    last_seen = np.where(at > 0, last_seen, looks)
    scans = [
        (p.name, channels, _scans(channels, looks, last_seen))
        for p in people
        for channels in [_channels(p, shared_off, last)]
    ]
    held = 0
    for i, look in enumerate(looks):
        on = date.fromordinal(int(look))
        found = _assess(scans, first, on, i)
        held = held + 1 if found.flagged else 0
        if on >= start:
            if found.flagged and held < CONFIRM_DAYS:
                found = Warning("steady", on, found.weeks_available, found.changes)
            yield found


def early_warning(people: Sequence[Person], on: date) -> Warning:
    """The warning for one or two people as of the day ``on`` (data after it is ignored).

    A change is shown only once it has held ``CONFIRM_DAYS`` days in a row, so one odd day at
    the edge of the window never raises it.
    """
    trimmed = [
        Person(
            p.name,
            [d for d in p.as_days() if d.day <= on],
            (),
            {w: v for w, v in p.messages.items() if w <= on},
        )
        for p in people
    ]
    return list(early_warnings(trimmed, on, on))[-1]


def _assess(
    scans: list[tuple[str, list[Channel], list[tuple[str, dict[str, Scan]]]]],
    first: date | None,
    on: date,
    i: int,
) -> Warning:
    if first is None or on < first:
        return Warning("not-enough-weeks", on, 0)
    weeks = ((on - first).days + 1) // 7
    if weeks < MIN_WEEKS:
        return Warning("not-enough-weeks", on, weeks)
    per_person = [_changes(name, _found_at(sc, i), 2 * len(ch)) for name, ch, sc in scans]
    names = [name for name, _, _ in scans]
    changes = [c for found in per_person for c in found]
    drifting = [n for n, found in zip(names, per_person, strict=True) if _drifting(found, on)]
    rising = [
        n
        for n, found in zip(names, per_person, strict=True)
        if any(c.metric in LEADING and c.direction == "up" for c in found)
    ]
    if len(drifting) == 2:
        status = "both-drifting"
    elif drifting and rising and rising[0] not in drifting:
        status = "diverging"
    elif drifting:
        status = "one-drifting"
    else:
        return Warning("steady", on, weeks, changes)
    began = min(c.began for c in changes if c.distance and c.person in drifting)
    return Warning(status, on, weeks, changes, drifting, began)
