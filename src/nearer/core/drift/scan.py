"""The change-point scan under the early warning, for many days at once.

For one channel of one person (say closeness) and each day the warning is asked ("look"),
every candidate change day ``began`` between ``MIN_AFTER_DAYS`` and ``MAX_AFTER_DAYS`` back
is tried: the mean since ``began`` against the mean of the up to ``BASELINE_DAYS`` before
it. The standard error treats days as nested in weeks (random-intercept model): a day's own
noise, pooled within weeks, plus the week-to-week mood swing, what the weekly means vary
beyond that, both from the person's own ``BASELINE_DAYS`` before the earliest candidate.
A two-sample z on days alone would read one heavy week as eight weeks of evidence.

Every look reads only the days up to it, so asking on every day in one pass gives exactly
what asking on each day alone would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

# The change point is looked for between 12 and 42 days back. 12: a change must outlast one
# bad week with a few ordinary days after it, or every rough week would be news. 42: a fade
# older than six weeks has been seen already, or was too slow to matter.
MIN_AFTER_DAYS = 12
MAX_AFTER_DAYS = 42
BASELINE_DAYS = 56
# Four weeks before the change give the person's usual level and at least four weekly means
# for the week-to-week swing; fewer and one odd week would set the standard.
MIN_BASELINE_DAYS = 28
# The spread of a person's days and weeks is read from up to 16 weeks before the earliest
# candidate change: eight weekly means alone too often show no week-to-week swing at all.
SPREAD_WEEKS = 16
# Check-ins needed before and after the change point before scores are compared (weeks for
# messages).
MIN_BASELINE_CHECKINS = 12
MIN_RECENT_CHECKINS = 5
MIN_BASELINE_WEEKS = 4
MIN_RECENT_WEEKS = 2
G_LARGE = 0.8  # a "large" standardized difference (Cohen 1988)
# A change must move the mean by at least the smallest change that matters, and the last 7
# days alone must still be three quarters of it away from the baseline (so a bad week that is
# over does not count; a little less, as a week's mean is noisier than the whole stretch's).
SIZE_SHARE = 1.0
HOLD_SHARE = 0.75


@dataclass(frozen=True)
class Channel:
    """One series of one person on a dense day grid (day ``first_day`` + i)."""

    metric: str
    first_day: int  # day number (date.toordinal) of index 0
    counts: Floats  # running totals, length days + 1
    sums: Floats
    squares: Floats
    smallest: float  # smallest change that matters
    min_spread: float  # the least day-to-day standard deviation assumed
    weekly: bool = False  # one value a week (messages): weeks are the units

    @classmethod
    def of(
        cls,
        metric: str,
        days: list[int],
        values: list[float],
        smallest: float,
        min_spread: float,
        weekly: bool = False,
    ) -> Channel:
        first, last = min(days), max(days)
        size = last - first + 1
        index = np.asarray(days, dtype=np.int64) - first
        v = np.asarray(values, dtype=float)
        parts = (
            np.bincount(index, minlength=size).astype(float),
            np.bincount(index, weights=v, minlength=size),
            np.bincount(index, weights=v * v, minlength=size),
        )
        c, s, q = (np.concatenate(([0.0], np.cumsum(p))) for p in parts)
        return cls(metric, first, c, s, q, smallest, min_spread, weekly)

    def totals(self, start: Ints, end: Ints) -> tuple[Floats, Floats, Floats]:
        """Count, sum and sum of squares over the days [start, end) (any shape)."""
        size = self.counts.shape[0] - 1
        lo = np.clip(start - self.first_day, 0, size)
        hi = np.clip(end - self.first_day, 0, size)
        return (
            self.counts[hi] - self.counts[lo],
            self.sums[hi] - self.sums[lo],
            self.squares[hi] - self.squares[lo],
        )


@dataclass(frozen=True)
class Scan:
    """Per look, the best candidate change in one direction and whether it passed."""

    passed: Bools
    baseline: Floats
    recent: Floats
    began: Ints
    hedges_g: Floats
    p: Floats  # two-sided, Bonferroni over the candidate days


def day_and_week_spread(ch: Channel, window_end: Ints) -> tuple[Floats, Floats]:
    """Within-week and between-week variance over the ``SPREAD_WEEKS`` weeks before each
    ``window_end``, in weekly blocks counted back from it."""
    weeks = SPREAD_WEEKS
    starts = window_end[:, None] - 7 * weeks + 7 * np.arange(weeks)[None, :]
    c, s, q = ch.totals(starts, starts + 7)
    floor = ch.min_spread**2
    if ch.weekly:  # one value a week: the weekly values' own variance, every week a block
        n, total, squares = c.sum(axis=1), s.sum(axis=1), q.sum(axis=1)
        mean = total / np.maximum(n, 1)
        var = (squares - n * mean**2) / np.maximum(n - 1, 1)
        return np.zeros_like(var), np.maximum(var, (0.1 * mean) ** 2)
    held = c > 0
    means = np.where(held, s / np.maximum(c, 1), 0.0)
    within_ss = (q - s * means).sum(axis=1)
    blocks = held.sum(axis=1)
    dof = c.sum(axis=1) - blocks
    within = np.where(dof > 0, within_ss / np.maximum(dof, 1), floor)
    within = np.maximum(within, floor)
    grand = means.sum(axis=1) / np.maximum(blocks, 1)
    spread = np.where(held, (means - grand[:, None]) ** 2, 0.0).sum(axis=1)
    var_means = spread / np.maximum(blocks - 1, 1)
    inverse = np.where(held, 1 / np.maximum(c, 1), 0.0).sum(axis=1) / np.maximum(blocks, 1)
    between = np.where(blocks >= 2, np.maximum(var_means - within * inverse, 0.0), 0.0)
    return within, between


def _fortnights(ch: Channel, window_end: Ints) -> tuple[Floats, Floats]:
    """The lowest and highest mean of the person's earlier fortnights (up to
    ``SPREAD_WEEKS`` before ``window_end``): a change must go beyond all of them, so a low
    stretch the person has had before and came back from is not news."""
    blocks = SPREAD_WEEKS // 2
    starts = window_end[:, None] - 14 * (np.arange(blocks)[None, :] + 1)
    c, s, _ = ch.totals(starts, starts + 14)
    enough = c >= (2 if ch.weekly else 4)
    means = s / np.maximum(c, 1)
    lowest = np.where(enough, means, np.inf).min(axis=1)
    highest = np.where(enough, means, -np.inf).max(axis=1)
    return lowest, highest


def scan(ch: Channel, ons: Ints, first: int) -> dict[str, Scan]:
    """The best change of ``ch`` at each look day in ``ons``, down and up; ``first`` is the
    person's first check-in (no change point within ``MIN_BASELINE_DAYS`` of it)."""
    back = np.arange(MIN_AFTER_DAYS - 1, MAX_AFTER_DAYS, dtype=np.int64)
    taus = ons[:, None] - back[None, :]
    valid = taus >= first + MIN_BASELINE_DAYS
    candidates = np.maximum(valid.sum(axis=1), 1)
    end = ons[:, None] + 1
    n_post, s_post, q_post = ch.totals(taus, end)
    n_base, s_base, q_base = ch.totals(taus - BASELINE_DAYS, taus)
    n_last, s_last, _ = ch.totals(ons - 6, ons + 1)
    need_base, need_post = (
        (MIN_BASELINE_WEEKS, MIN_RECENT_WEEKS)
        if ch.weekly
        else (MIN_BASELINE_CHECKINS, MIN_RECENT_CHECKINS)
    )
    valid &= (n_base >= need_base) & (n_post >= need_post)
    valid &= (n_last >= (1 if ch.weekly else 2))[:, None]
    mean_post = s_post / np.maximum(n_post, 1)
    mean_base = s_base / np.maximum(n_base, 1)
    mean_last = s_last / np.maximum(n_last, 1)
    earliest = np.maximum(ons - MAX_AFTER_DAYS + 1, first + MIN_BASELINE_DAYS)
    within, between = day_and_week_spread(ch, earliest)
    if ch.weekly:
        # Weeks with no value leave the scan below (``need_base``, ``need_post``); the floor
        # only keeps their arithmetic finite.
        weeks_post, weeks_base = np.maximum(n_post, 1), np.maximum(n_base, 1)
    else:
        weeks_post = (end - taus) / 7.0
        weeks_base = np.clip(taus - first, 1, BASELINE_DAYS) / 7.0
    se2 = within[:, None] * (1 / np.maximum(n_post, 1) + 1 / np.maximum(n_base, 1))
    se2 = se2 + between[:, None] * (1 / weeks_post + 1 / weeks_base)
    change = mean_post - mean_base
    z = change / np.sqrt(np.maximum(se2, 1e-12))
    # Hedges' g: the change over the pooled spread of the two stretches, small-sample
    # corrected (Hedges 1981).
    ss = (q_post - n_post * mean_post**2) + (q_base - n_base * mean_base**2)
    dof = np.maximum(n_post + n_base - 2, 1)
    pooled = np.sqrt(np.maximum(ss / dof, ch.min_spread**2 + 1e-12))
    g = change / pooled * (1 - 3 / (4 * dof - 1))
    scale = np.maximum(np.abs(mean_base), 1e-9) if ch.weekly else 1.0
    size = np.abs(change) / scale
    hold = (mean_last[:, None] - mean_base) * np.sign(change) / scale
    valid &= (size >= SIZE_SHARE * ch.smallest) & (hold >= HOLD_SHARE * ch.smallest)
    valid &= np.abs(g) >= G_LARGE
    lowest, highest = _fortnights(ch, earliest)
    valid &= np.where(change < 0, mean_post < lowest[:, None], mean_post > highest[:, None])
    rows = np.arange(ons.shape[0])
    out: dict[str, Scan] = {}
    for sign, direction in ((-1.0, "down"), (1.0, "up")):
        this = valid & (np.sign(change) == sign)
        best = np.argmax(np.where(this, np.abs(z), -1.0), axis=1)
        best_z = np.abs(z[rows, best])
        p = np.minimum(1.0, np.asarray([math.erfc(v / math.sqrt(2)) for v in best_z]) * candidates)
        out[direction] = Scan(
            passed=this.any(axis=1),
            baseline=mean_base[rows, best],
            recent=mean_post[rows, best],
            began=taus[rows, best],
            hedges_g=g[rows, best],
            p=p,
        )
    return out
