"""Early warning: is one of you, or are both, drifting away, or are you moving apart?

Inputs are what a person may see: their own daily check-ins, the partner's check-ins only as
far as the partner shares them (daily detail, or else the weekly summary), and weekly message
counts from an uploaded chat when there is one. Each person's series are compared between the
last ``RECENT_DAYS`` and the up to ``BASELINE_DAYS`` before them, with the same statistics as
the chat signals (``nearer.core.analysis.signals``):

* large in practice: Cliff's delta at least 0.474 in size (Romano et al., 2006) and a change
  of at least ``MIN_CHANGE`` on the metric's own scale;
* statistically solid: a two-sided Mann-Whitney test over the days (weeks for messages),
  significant at 5 % after the Holm (1979) correction over every test run for that person,
  and a bootstrap 95 % interval of the change that excludes zero.

A change must also be new for the person (beyond every earlier stretch of the same length)
and hold on ``CONFIRM_DAYS`` days in a row; when the usual window shows nothing, the last
``FAST_DAYS`` alone are tested with thresholds ``FAST_SCALE`` times larger, so a steep fall
is seen sooner. The date a change began is the best single change point of the series
(two-segment least squares, as the chat signals use). Days on which neither partner checked
in (a holiday, a trip) are left out of "how often", so a shared break is never read as
drifting.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from nearer.core.analysis.signals import ALPHA
from nearer.core.analysis.stats import CLIFF_LARGE, change_point, cliffs_delta, mann_whitney_p

RECENT_DAYS = 14
BOOTSTRAP_SAMPLES = 1000
CONFIRM_DAYS = 3
FAST_DAYS = 7
FAST_SCALE = 1.25
BASELINE_DAYS = 56
MIN_BASELINE_DAYS = 28
# Never before this many weeks since the first check-in (recent + the shortest baseline).
MIN_WEEKS = (RECENT_DAYS + MIN_BASELINE_DAYS) // 7
# Check-ins needed in the baseline and in the recent window before closeness is compared.
MIN_BASELINE_CHECKINS = 12
MIN_RECENT_CHECKINS = 4

# Smallest change that matters, on each metric's scale (closeness 1-10, the feeling's
# pleasantness and energy -5..+5, shares of days 0-1, messages relative to the baseline).
MIN_CHANGE: dict[str, float] = {
    "closeness": 2.0,
    "pleasantness": 1.5,
    "energy": 1.5,
    "checkin_days": 0.30,
    "appreciation_days": 0.20,
    "messages": 0.30,
}
METRIC_WORDS: dict[str, str] = {
    "closeness": "closeness (1 to 10)",
    "pleasantness": "how pleasant the feelings were (-5 to +5)",
    "energy": "energy in the feelings (-5 to +5)",
    "checkin_days": "days with a check-in",
    "appreciation_days": "days with an appreciation",
    "messages": "messages a week",
}
# A decline in closeness is enough on its own to call it drifting; any two other signs
# falling together are too (fewer check-ins alone can be a busy fortnight).
LEADING = ("closeness",)
SCORES = ("closeness", "pleasantness", "energy")


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
    began: date | None
    cliffs_delta: float
    p_value_holm: float
    interval: tuple[float, float]

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


@dataclass
class _Test:
    metric: str
    recent: np.ndarray
    baseline: np.ndarray
    series: np.ndarray
    days: list[date]
    recent_days: int = RECENT_DAYS
    p: float = 1.0


def _series(
    days: list[Day], shared_off: set[date], start: date, end: date
) -> dict[str, tuple[list[date], np.ndarray]]:
    """Per metric, the dates and values between ``start`` and ``end`` (inclusive)."""
    by_day = {d.day: d for d in days}
    out: dict[str, tuple[list[date], list[float]]] = {m: ([], []) for m in MIN_CHANGE}
    current = start
    while current <= end:
        found = by_day.get(current)
        if found is not None:
            out["closeness"][0].append(current)
            out["closeness"][1].append(float(found.closeness))
            for metric in ("pleasantness", "energy"):
                value = getattr(found, metric)
                if value is not None:
                    out[metric][0].append(current)
                    out[metric][1].append(float(value))
        if current not in shared_off:
            out["checkin_days"][0].append(current)
            out["checkin_days"][1].append(1.0 if found is not None else 0.0)
            out["appreciation_days"][0].append(current)
            out["appreciation_days"][1].append(
                1.0 if found is not None and found.appreciation else 0.0
            )
        current += timedelta(days=1)
    return {m: (dates, np.asarray(vals, dtype=float)) for m, (dates, vals) in out.items()}


def _big_enough(metric: str, base: float, recent: float, scale: float = 1.0) -> bool:
    if metric == "messages":
        return base > 0 and abs(recent - base) / base >= scale * MIN_CHANGE[metric]
    return abs(recent - base) >= scale * MIN_CHANGE[metric]


def _centre(metric: str, values: np.ndarray) -> float:
    # Means throughout: shares of days are means by nature, and a mean of 1-10 scores moves
    # smoothly where a median jumps a whole point.
    return float(values.mean())


def _person_changes(
    person: Person,
    shared_off: set[date],
    on: date,
    recent_days: int = RECENT_DAYS,
    scale: float = 1.0,
) -> list[Change]:
    days = person.as_days()
    if not days:
        return []
    first = days[0].day
    recent_start = on - timedelta(days=recent_days - 1)
    base_start = max(first, recent_start - timedelta(days=BASELINE_DAYS))
    if (recent_start - base_start).days < MIN_BASELINE_DAYS:
        return []
    series = _series(days, shared_off, base_start, on)
    tests: list[_Test] = []
    for metric, (dates, values) in series.items():
        cut = sum(1 for d in dates if d < recent_start)
        if metric in SCORES and len(dates) - cut < MIN_RECENT_CHECKINS:
            # Someone who checks in rarely now is still compared on their last few check-ins
            # (reaching back at most one more window), not dropped from the comparison.
            earliest = recent_start - timedelta(days=recent_days)
            cut = max(
                sum(1 for d in dates if d < earliest), min(cut, len(dates) - MIN_RECENT_CHECKINS)
            )
        baseline, recent = values[:cut], values[cut:]
        if metric in SCORES:
            if baseline.shape[0] < MIN_BASELINE_CHECKINS or recent.shape[0] < MIN_RECENT_CHECKINS:
                continue
        elif baseline.shape[0] < 14 or recent.shape[0] < 7:
            continue
        tests.append(_Test(metric, recent, baseline, values, dates, recent_days))
    if person.messages:
        weeks = sorted(w for w in person.messages if base_start <= w <= on)
        cut_weeks = [w for w in weeks if w < recent_start - timedelta(days=3)]
        recent_weeks = [w for w in weeks if w >= recent_start - timedelta(days=3)]
        if len(cut_weeks) >= 4 and len(recent_weeks) >= 2:
            values = np.asarray([person.messages[w] for w in weeks], dtype=float)
            tests.append(
                _Test(
                    "messages",
                    values[len(cut_weeks) :],
                    values[: len(cut_weeks)],
                    values,
                    weeks,
                    recent_days,
                )
            )
    for t in tests:
        t.p = mann_whitney_p(t.recent, t.baseline)
    _holm(tests)
    changes: list[Change] = []
    for t in tests:
        before, after = _centre(t.metric, t.baseline), _centre(t.metric, t.recent)
        delta = cliffs_delta(t.recent, t.baseline)
        if (
            t.p >= ALPHA
            or abs(delta) < CLIFF_LARGE
            or not _big_enough(t.metric, before, after, scale)
        ):
            continue
        lo, hi = _interval(t)
        if lo <= 0 <= hi or not _unprecedented(t, after, after < before):
            continue
        point = change_point(t.series)
        changes.append(
            Change(
                person=person.name,
                metric=t.metric,
                direction="down" if after < before else "up",
                baseline=round(before, 2),
                recent=round(after, 2),
                began=t.days[point] if point is not None else None,
                cliffs_delta=round(delta, 3),
                p_value_holm=float(f"{t.p:.3g}"),
                interval=(round(lo, 3), round(hi, 3)),
            )
        )
    return changes


def _interval(t: _Test) -> tuple[float, float]:
    """95 % interval of the change in means (recent minus baseline), resampling whole weeks.

    Days of one week share a mood, so resampling single days would make a wobbly week look
    like solid evidence; resampling weeks (a block bootstrap, Kunsch 1989) keeps that
    dependence, so only a change larger than the person's usual week-to-week swing counts.
    """
    anchor = t.days[len(t.days) - t.recent.shape[0]]
    size = _block_days(t)
    recent = _blocks(t.days[len(t.days) - t.recent.shape[0] :], t.recent, anchor, size)
    baseline = _blocks(t.days[: t.baseline.shape[0]], t.baseline, anchor, size)
    if recent[0].shape[0] < 2 or baseline[0].shape[0] < 3:
        return (-math.inf, math.inf)
    rng = np.random.default_rng(7)
    means = []
    for sums, counts in (recent, baseline):
        pick = rng.integers(0, sums.shape[0], (BOOTSTRAP_SAMPLES, sums.shape[0]))
        means.append(sums[pick].sum(axis=1) / np.maximum(counts[pick].sum(axis=1), 1))
    lo, hi = np.percentile(means[0] - means[1], [2.5, 97.5])
    return float(lo), float(hi)


def _block_days(t: _Test) -> int:
    # Weeks for the usual window; the one-week window is cut in halves so it has blocks to
    # resample (its thresholds are higher to make up for the shorter blocks).
    return 7 if t.recent_days >= 14 or t.metric == "messages" else max(1, t.recent_days // 2)


def _blocks(
    days: list[date], values: np.ndarray, anchor: date, size: int = 7
) -> tuple[np.ndarray, np.ndarray]:
    """Sums and counts of the values in ``size``-day blocks counted back from ``anchor``."""
    keys = np.asarray([(d - anchor).days // size for d in days], dtype=np.int64)
    if keys.shape[0] == 0:
        return np.zeros(0), np.zeros(0)
    _, index = np.unique(keys, return_inverse=True)
    sums = np.bincount(index, weights=values)
    counts = np.bincount(index).astype(float)
    return sums, counts


def _unprecedented(t: _Test, recent_mean: float, falling: bool) -> bool:
    """The recent mean is beyond every earlier stretch of the same length in the baseline:
    a slow mood swing the person has had before does not count as a change."""
    anchor = t.days[len(t.days) - t.recent.shape[0]]
    sums, counts = _blocks(t.days[: t.baseline.shape[0]], t.baseline, anchor)
    width = max(1, t.recent_days // 7)
    if sums.shape[0] < width + 1:
        return True
    rolling = [
        sums[i : i + width].sum() / max(counts[i : i + width].sum(), 1)
        for i in range(sums.shape[0] - width + 1)
        if counts[i : i + width].sum() > 0
    ]
    if not rolling:
        return True
    return bool(recent_mean < min(rolling)) if falling else bool(recent_mean > max(rolling))


def _changes_of(person: Person, shared_off: set[date], on: date) -> list[Change]:
    """The person's changes over the usual window, or, when those show no drifting, over
    the last week alone with every threshold half as large again: a steep fall is seen a
    week sooner, a slow one still needs the full window."""
    found = _person_changes(person, shared_off, on)
    if _drifting(found):
        return found
    fast = _person_changes(person, shared_off, on, FAST_DAYS, FAST_SCALE)
    return fast if _drifting(fast) else found


def _holm(tests: list[_Test]) -> None:
    """Holm-Bonferroni adjusted p-values, in place (as the chat signals do)."""
    order = sorted(range(len(tests)), key=lambda i: tests[i].p)
    running = 0.0
    for rank, i in enumerate(order):
        adjusted = min(1.0, (len(tests) - rank) * tests[i].p)
        running = max(running, adjusted)
        tests[i].p = running


def _drifting(changes: list[Change]) -> bool:
    """A person drifts when their closeness fell solidly, or when two other signs fell
    together. Energy alone says more about tiredness than about distance, so it is shown as
    evidence but never counts as a sign."""
    down = {c.metric for c in changes if c.distance and c.metric != "energy"}
    return bool(down & set(LEADING)) or len(down) >= 2


def early_warning(people: Sequence[Person], on: date) -> Warning:
    """The warning for one or two people as of the day ``on`` (data after it is ignored).

    A change is shown only once it has held on ``CONFIRM_DAYS`` days in a row, so one bad
    day at the edge of the window never raises it.
    """
    found = _assess(people, on)
    if not found.flagged:
        return found
    for back in range(1, CONFIRM_DAYS):
        if not _assess(people, on - timedelta(days=back)).flagged:
            return Warning("steady", on, found.weeks_available)
    return found


def _assess(people: Sequence[Person], on: date) -> Warning:
    seen = [p for p in people if p.as_days()]
    if not seen:
        return Warning("not-enough-weeks", on, 0)
    first = min(p.as_days()[0].day for p in seen)
    weeks = max(0, (on - first).days + 1) // 7
    if weeks < MIN_WEEKS:
        return Warning("not-enough-weeks", on, weeks)
    checked: list[set[date]] = [{d.day for d in p.as_days() if d.day <= on} for p in people]
    shared_off: set[date] = set()
    if len(people) == 2:
        start = on - timedelta(days=RECENT_DAYS + BASELINE_DAYS)
        every = {start + timedelta(days=k) for k in range((on - start).days + 1)}
        shared_off = every - checked[0] - checked[1]
    trimmed = [
        Person(
            p.name,
            [d for d in p.as_days() if d.day <= on],
            (),
            {w: v for w, v in p.messages.items() if w <= on},
        )
        for p in people
    ]
    per_person = [_changes_of(p, shared_off, on) for p in trimmed]
    changes = [c for found in per_person for c in found]
    drifting = [p.name for p, found in zip(people, per_person, strict=True) if _drifting(found)]
    rising = [
        p.name
        for p, found in zip(people, per_person, strict=True)
        if any(c.metric == "closeness" and c.direction == "up" for c in found)
    ]
    began_dates = [c.began for c in changes if c.distance and c.began is not None]
    began = min(began_dates) if began_dates else None
    if len(drifting) == 2:
        status = "both-drifting"
    elif drifting and rising and rising[0] not in drifting:
        status = "diverging"
    elif drifting:
        status = "one-drifting"
    else:
        status = "steady"
    return Warning(status, on, weeks, changes, drifting, began if drifting else None)
