"""Early warning: is one of you, or are both, drifting away, or are you moving apart?

Inputs are what a person may see: their own daily check-ins, the partner's check-ins only as
far as the partner shares them (daily detail, or else the weekly summary), and weekly message
counts from an uploaded chat when there is one.

Whether a person drifts is decided by one test (``persist``): a lasting shift down, seen in
closeness and how the days felt, how often they check in and how often they write an
appreciation taken together, against the person's own earlier weeks; or, when they all but
stopped checking in, a run of days without one that is very unlikely at their usual rate.
The warning names the day the shift began, how far closeness fell (in points and in the
person's own day-to-day spread), the test statistic against its threshold, and which
signals moved.

Each channel on its own (closeness, the feeling's pleasantness and energy, whether they
checked in, whether they wrote an appreciation, messages a week) is also scanned for a
change-point (``scan``): those changes are the evidence shown, and a solid rise in closeness
is what makes a couple "diverging" when the other partner drifts. A change there counts
when, at the best candidate day:

* statistically solid: the p-value, Bonferroni-corrected over the candidate days and then
  Holm-corrected (Holm 1979) over the person's channels, is below ``ALPHA_PER_LOOK``;
* large in practice: Hedges' g (Hedges 1981) at least ``G_LARGE`` in size and the mean moved
  by at least ``SIZE_SHARE`` of the smallest change that matters (``MIN_CHANGE``);
* lasting: the last 7 days alone are still at least ``HOLD_SHARE`` of that change apart.

A warning is shown once it has held ``CONFIRM_DAYS`` days in a row. Days on which neither
partner checked in (a holiday, a trip) are left out of "how often", so a shared break is
never read as drifting.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from nearer.core.drift import persist
from nearer.core.drift.persist import Gaps, Shifts, Signals
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
# Days neither partner checked in count as a shared break (a holiday, a trip) from this many
# in a row; the simulator's holidays last 5 to 14 days.
SHARED_BREAK_DAYS = 3
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
# A solid rise in these makes the other partner's drifting "diverging".
LEADING = ("closeness", "closeness_and_feeling")
SIGNAL_WORDS: dict[str, str] = {
    "closeness_and_feeling": "closeness and how the days felt",
    "checkin_days": "days with a check-in",
    "appreciation_share": "check-ins with an appreciation",
}
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


@dataclass(frozen=True)
class Shift:
    """Why one person is said to drift: the decisive test, in numbers a person can check."""

    person: str
    kind: str  # "fade": a lasting shift down | "stopped": no check-ins for a long run
    began: date
    days: int  # days since it began, that day included (for "stopped": counted days
    # without a check-in, leaving out breaks both took)
    statistic: float  # fade: the combined z; stopped: -log10 of the run's chance
    threshold: float  # what the statistic had to reach
    closeness_before: float | None = None
    closeness_since: float | None = None
    points: float | None = None  # how far closeness fell (before minus since), in points
    spreads: float | None = None  # the same in the person's own day-to-day spreads (SD)
    signals: tuple[str, ...] = ()  # the signals that moved (``SIGNAL_WORDS``)
    usual_share: float | None = None  # stopped: the share of days they used to check in


@dataclass
class Warning:
    """The early warning for a couple (or one person) on one day."""

    status: str  # not-enough-weeks | steady | one-drifting | both-drifting | diverging
    on: date
    weeks_available: int
    changes: list[Change] = field(default_factory=list)
    drifting: list[str] = field(default_factory=list)
    began: date | None = None
    shifts: list[Shift] = field(default_factory=list)  # one per drifting person

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


def signals_of(person: Person, shared_off: set[int], last: int) -> Signals | None:
    """The three signals of the drift test (``persist``), or None without check-ins."""
    days = person.as_days()
    if not days:
        return None
    n = [d.day.toordinal() for d in days]
    felt = [d for d in days if d.pleasantness is not None]
    score = [(d.closeness + (d.pleasantness or 0) * _FEELING_WEIGHT) / 2 for d in felt]
    checked = set(n)
    counted = [k for k in range(n[0], last + 1) if k not in shared_off]
    floor = _MIN_SPREAD["closeness"]
    yes_no = _MIN_SPREAD["checkin_days"]
    return Signals(
        score=Channel.of(
            "closeness_and_feeling", [d.day.toordinal() for d in felt], score, 1.0, floor
        )
        if felt
        else None,
        closeness=Channel.of("closeness", n, [float(d.closeness) for d in days], 1.0, floor),
        checkins=Channel.of(
            "checkin_days", counted, [1.0 if k in checked else 0.0 for k in counted], 1.0, yes_no
        ),
        appreciations=Channel.of(
            "appreciation_share", n, [1.0 if d.appreciation else 0.0 for d in days], 1.0, yes_no
        ),
        first_day=n[0],
    )


@dataclass(frozen=True)
class _Tests:
    """One person's drift tests at every look."""

    name: str
    channels: list[Channel]
    scans: list[tuple[str, dict[str, Scan]]]
    shifts: Shifts | None
    gaps: Gaps | None


def _shift_at(t: _Tests, i: int, on: date) -> Shift | None:
    """The decisive test for this person at look ``i`` (the day ``on``), if one passed (a
    fade first)."""
    if t.shifts is not None and t.shifts.passed[i]:
        s = t.shifts
        spread = float(s.spread[i])
        fell = float(s.closeness_before[i] - s.closeness_since[i])
        return Shift(
            person=t.name,
            kind="fade",
            began=date.fromordinal(int(s.began[i])),
            days=(on - date.fromordinal(int(s.began[i]))).days + 1,
            statistic=round(float(s.statistic[i]), 2),
            threshold=persist.THRESHOLD,
            closeness_before=round(float(s.closeness_before[i]), 2),
            closeness_since=round(float(s.closeness_since[i]), 2),
            points=round(fell, 2),
            spreads=round(fell / spread, 2) if spread > 0 else None,
            signals=tuple(m for m, z in s.signal_z.items() if z[i] >= persist.MOVED_Z),
        )
    if t.gaps is not None and t.gaps.passed[i]:
        g = t.gaps
        return Shift(
            person=t.name,
            kind="stopped",
            began=date.fromordinal(int(g.began[i])),
            days=int(g.days[i]),
            statistic=round(-math.log10(max(float(g.chance[i]), 1e-300)), 1),
            threshold=-math.log10(persist.STOP_CHANCE),
            signals=("checkin_days",),
            usual_share=round(float(g.usual_share[i]), 2),
        )
    return None


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


def shared_breaks(people: Sequence[Person]) -> set[int]:
    """Breaks both took: runs of at least ``SHARED_BREAK_DAYS`` days, between the first and
    last check-in of either, on which neither checked in. A single day both happened to miss
    is an ordinary miss for each: leaving it out too would read a rarely-checking partner as
    checking in on far more days than they do (with a partner who misses 4 days in 10, a
    third of the other's misses would vanish)."""
    if len(people) != 2:
        return set()
    checked = [{d.day.toordinal() for d in p.as_days()} for p in people]
    every = checked[0] | checked[1]
    if not every:
        return set()
    off: set[int] = set()
    run: list[int] = []
    for n in range(min(every), max(every) + 2):
        if n not in every and n <= max(every):
            run.append(n)
            continue
        if len(run) >= SHARED_BREAK_DAYS:
            off.update(run)
        run = []
    return off


def early_warnings(people: Sequence[Person], start: date, end: date) -> Iterator[Warning]:
    """The warning on each day from ``start`` to ``end``, as ``early_warning`` would give it
    on that day (each day reads only the data up to it), computed in one pass."""
    seen = [p for p in people if p.as_days()]
    first = min((p.as_days()[0].day for p in seen), default=None)
    shared_off = shared_breaks(people)
    checked = np.unique(
        np.asarray([d.day.toordinal() for p in people for d in p.as_days()], dtype=np.int64)
    )
    last = int(checked[-1]) if checked.shape[0] else 0
    begin = start - timedelta(days=CONFIRM_DAYS - 1)
    looks = np.arange(begin.toordinal(), end.toordinal() + 1, dtype=np.int64)
    at = np.searchsorted(checked, looks, "right")
    last_seen = checked[np.maximum(at - 1, 0)] if checked.shape[0] else looks
    last_seen = np.where(at > 0, last_seen, looks)
    tests = []
    for p in people:
        channels = _channels(p, shared_off, last)
        sig = signals_of(p, shared_off, last)
        shifts = gaps = None
        if sig is not None:
            shifts = persist.shifts(sig, looks, last_seen)
            if p.days:
                # Only daily detail shows a run without check-ins: a weekly summary not shown
                # can hide a few check-ins, so "no check-in for 14 days" could be untrue.
                gaps = persist.stopped(sig, last_seen, [d.day.toordinal() for d in p.days])
        tests.append(_Tests(p.name, channels, _scans(channels, looks, last_seen), shifts, gaps))
    held = 0
    for i, look in enumerate(looks):
        on = date.fromordinal(int(look))
        found = _assess(tests, first, on, i)
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


def _assess(tests: list[_Tests], first: date | None, on: date, i: int) -> Warning:
    if first is None or on < first:
        return Warning("not-enough-weeks", on, 0)
    weeks = ((on - first).days + 1) // 7
    if weeks < MIN_WEEKS:
        return Warning("not-enough-weeks", on, weeks)
    per_person = [_changes(t.name, _found_at(t.scans, i), 2 * len(t.channels)) for t in tests]
    changes = [c for found in per_person for c in found]
    shifts = [s for t in tests for s in [_shift_at(t, i, on)] if s is not None]
    drifting = [s.person for s in shifts]
    rising = [
        t.name
        for t, found in zip(tests, per_person, strict=True)
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
    began = min(s.began for s in shifts)
    return Warning(status, on, weeks, changes, drifting, began, shifts)
