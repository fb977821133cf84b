"""The test that decides whether a person drifts: a lasting shift seen in several signals.

A bad week and the first week of a real fade look alike; what tells them apart is that a fade
stays down for the second and third week, that how often the person checks in and how often
they write an appreciation fall with it, and how large the fall is against the person's own
day-to-day spread. So, for each day the warning is asked ("look") and each candidate day the
change ``began`` (12 to 42 days back, as in ``scan``), three signals are compared with the up
to ``BASELINE_DAYS`` before ``began``:

* closeness and how pleasant the days felt, in one daily score (closeness plus pleasantness
  in units of their smallest changes that matter, halved; closeness alone when no feeling is
  given), with the standard error of days nested in weeks (``scan.day_and_week_spread``: a
  day's own noise plus the week-to-week swing, from the person's own earlier weeks), so a
  wobbly week is not read as evidence;
* whether the person checked in, day by day (breaks both took left out);
* whether a check-in carried an appreciation.

The two yes/no signals use the two-proportion z-test with the pooled share (the textbook
test, robust where the within-week spread of a few days is not), clipped at ``YES_NO_CAP``
so that neither alone can carry the decision: a busy season thins out check-ins without any
distance. Each z is clipped below at ``AGAINST_CAP`` (a signal moving the other way counts
against, but one odd signal cannot veto the others). They are combined with fixed weights
(Stouffer's weighted z, Whitlock 2005) into one statistic, for the whole stretch since
``began``, for its last 7 days and for the days before those. The person drifts when, at
some candidate day:

* the statistic for the whole stretch is at least ``THRESHOLD``;
* both parts on their own are at least ``PERSIST_Z``: the shift lasted, it is not one heavy
  week at either end;
* closeness fell by at least ``SIZE_POINTS`` points over the whole stretch and over its last
  7 days, and by half that over the days before them: large in practice, lasting, and not
  already over.

``THRESHOLD`` was set above the largest statistic any stable simulated couple reached in 26
weeks of daily looks on the tuning seeds (0-99), with a margin (see ``THRESHOLD``).

A person who stops checking in leaves nothing to compare: ``stopped`` asks instead how likely
so long a run of days without a check-in is at the person's own usual rate (the chance of
that many misses in a row, allowing for check-ins that come in bursts), and calls it
stopping when that is below ``STOP_CHANCE``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nearer.core.drift.scan import (
    BASELINE_DAYS,
    MAX_AFTER_DAYS,
    MIN_AFTER_DAYS,
    MIN_BASELINE_CHECKINS,
    MIN_BASELINE_DAYS,
    MIN_RECENT_CHECKINS,
    Bools,
    Channel,
    Floats,
    Ints,
    day_and_week_spread,
)

# Weights of the three signals (closeness-and-feeling, checking in, appreciations): the
# score carries the most, the yes/no signals half each. Tried on the tuning seeds at the
# threshold that flags no stable couple: the score alone saw a third fewer fades; 0.25 each,
# or check-ins alone, as many or fewer.
WEIGHTS = {"closeness_and_feeling": 1.0, "checkin_days": 0.5, "appreciation_share": 0.5}
YES_NO_CAP = 3.0
AGAINST_CAP = -2.0
# Each part of the stretch (its last 7 days, the days before them) must show the shift on its
# own at this level (one-sided p about 0.07 each): a lasting change, not a heavy week.
PERSIST_Z = 1.5
# The fall that counts, in closeness points (closeness itself: the measure a person reads):
# seven eighths of the smallest change that matters (2 points, ``detect.MIN_CHANGE``) so a
# fade still reaching its full depth counts, and far beyond what the stable scenarios'
# seasonal dip (up to 1 point) moves. On the tuning seeds, the same rule on the score with
# the feeling let through stretches where only pleasantness sank (largest stable statistic
# 5.36 against 5.11 here).
SIZE_POINTS = 1.75
# ... and the days before the last 7 by at least half that: a heavy last week after ordinary
# days is not a lasting shift, however large (it changed nothing on the simulator).
EARLY_SHARE = 0.5
# Set on the simulator's tuning seeds (0-99): the largest statistic any of the 500 stable
# couples held for the confirmation days, asked every day for 26 weeks, was 5.11; the
# threshold sits a quarter of a standard error above it, rounded up. docs/methods.md gives
# the figures on seeds it never saw.
THRESHOLD = 5.4
# Stopping: a run of days without a check-in this unlikely at the person's usual rate (1 in a
# million per look, after the quasi-binomial allowance for bursts), at least 10 days long and
# longer than any in their previous 16 weeks. 1 in 100,000 flagged no stable couple on the
# tuning seeds but 2 of 100 "sporadic" ones on seeds 1000-1099 (bursty check-ins); the level
# was tightened after that, so those seeds are not unseen for this one constant.
STOP_CHANCE = 1e-6
STOP_MIN_DAYS = 10
LONG_BASELINE_DAYS = 16 * 7
# A signal "moved" (named in the evidence) when its own z at the chosen day reaches this.
MOVED_Z = 2.0


@dataclass(frozen=True)
class Signals:
    """One person's three signals on day grids, and closeness alone for the evidence."""

    score: Channel | None  # closeness and feeling, on days with a feeling (None: no such day)
    closeness: Channel
    checkins: Channel  # 1 on a day with a check-in, 0 without (shared days off left out)
    appreciations: Channel  # on check-in days: 1 with an appreciation, 0 without
    first_day: int  # the person's first check-in


@dataclass(frozen=True)
class Shifts:
    """Per look, the best lasting shift down, and whether it passed."""

    passed: Bools
    statistic: Floats  # the combined z for the whole stretch (-inf when none was valid)
    began: Ints
    closeness_before: Floats
    closeness_since: Floats
    spread: Floats  # the person's day-to-day standard deviation of closeness
    signal_z: dict[str, Floats]  # each signal's own z (positive: towards distance)


@dataclass(frozen=True)
class Gaps:
    """Per look, the run of days without a check-in and how unlikely it is."""

    passed: Bools
    days: Ints
    began: Ints  # the first day without a check-in
    usual_share: Floats  # the share of days with a check-in before the run
    chance: Floats


def _mean(ch: Channel, start: Ints, end: Ints) -> Floats:
    n, s, _ = ch.totals(start, end)
    out: Floats = s / np.maximum(n, 1)
    return out


def _two_proportion(
    ch: Channel, start: Ints, end: Ints, base_n: Floats, base_s: Floats
) -> tuple[Floats, Floats]:
    """z of the share over [start, end) against the baseline (positive: fell), and n."""
    n, s, _ = ch.totals(start, end)
    pooled = np.clip((base_s + s) / np.maximum(base_n + n, 1), 0.05, 0.95)
    se = np.sqrt(pooled * (1 - pooled) * (1 / np.maximum(n, 1) + 1 / np.maximum(base_n, 1)))
    fell = base_s / np.maximum(base_n, 1) - s / np.maximum(n, 1)
    return fell / se, n


def _score_z(
    ch: Channel,
    parts: dict[str, tuple[Ints, Ints]],
    taus: Ints,
    earliest: Ints,
    weeks_base: Floats,
) -> tuple[dict[str, Floats], Bools]:
    """z of a score's fall (positive: fell) for each part of the stretch, with the nested
    standard error, and whether the baseline and the stretch hold enough check-ins."""
    nb, sb, _ = ch.totals(taus - BASELINE_DAYS, taus)
    mean_base = sb / np.maximum(nb, 1)
    within, between = day_and_week_spread(ch, earliest)
    out: dict[str, Floats] = {}
    ok: Bools = nb >= MIN_BASELINE_CHECKINS
    for part, (a, b) in parts.items():
        n, s, _ = ch.totals(a, b)
        weeks = np.maximum(b - a, 1) / 7.0
        se2 = within[:, None] * (1 / np.maximum(n, 1) + 1 / np.maximum(nb, 1))
        se2 = se2 + between[:, None] * (1 / weeks + 1 / weeks_base)
        fell = mean_base - s / np.maximum(n, 1)
        enough = n >= (MIN_RECENT_CHECKINS if part == "all" else 2)
        zs = np.maximum(fell / np.sqrt(np.maximum(se2, 1e-12)), AGAINST_CAP)
        out[part] = np.where(enough, zs, 0.0)
        if part == "all":
            ok = ok & enough
    return out, ok


def shifts(sig: Signals, looks: Ints, last_seen: Ints) -> Shifts:
    """The best lasting shift at each look in ``looks``; ``last_seen`` is, per look, the last
    day either partner checked in (check-ins are read up to it, so a day not over yet is not
    a miss)."""
    back = np.arange(MIN_AFTER_DAYS - 1, MAX_AFTER_DAYS, dtype=np.int64)
    taus = looks[:, None] - back[None, :]
    valid = taus >= sig.first_day + MIN_BASELINE_DAYS
    end = looks[:, None] + 1
    cut = np.broadcast_to(looks[:, None] - 6, taus.shape)
    parts = {"all": (taus, end), "last": (cut, end), "early": (taus, cut)}

    # The score with the feeling where there are enough days with a feeling, else closeness
    # alone: never the two mixed in one mean, which are on different scales.
    z: dict[str, dict[str, Floats]] = {m: {} for m in WEIGHTS}
    earliest = np.maximum(looks - MAX_AFTER_DAYS + 1, sig.first_day + MIN_BASELINE_DAYS)
    weeks_base = np.clip(taus - sig.first_day, 1, BASELINE_DAYS) / 7.0
    by_channel = [_score_z(sig.closeness, parts, taus, earliest, weeks_base)]
    if sig.score is not None:
        by_channel.append(_score_z(sig.score, parts, taus, earliest, weeks_base))
    closeness_z, closeness_ok = by_channel[0]
    feeling_z, feeling_ok = by_channel[-1]
    use_feeling = feeling_ok if sig.score is not None else np.zeros_like(feeling_ok)
    valid &= closeness_ok
    for part in parts:
        z["closeness_and_feeling"][part] = np.where(use_feeling, feeling_z[part], closeness_z[part])

    # Check-ins are counted up to the last day anyone checked in, on the same offsets back.
    c_taus = last_seen[:, None] - back[None, :]
    c_end = last_seen[:, None] + 1
    c_cut = np.broadcast_to(last_seen[:, None] - 6, c_taus.shape)
    c_parts = {"all": (c_taus, c_end), "last": (c_cut, c_end), "early": (c_taus, c_cut)}
    cb_n, cb_s, _ = sig.checkins.totals(c_taus - BASELINE_DAYS, c_taus)
    ab_n, ab_s, _ = sig.appreciations.totals(taus - BASELINE_DAYS, taus)
    for part in parts:
        zc, n = _two_proportion(sig.checkins, *c_parts[part], cb_n, cb_s)
        z["checkin_days"][part] = np.where(n >= 1, np.clip(zc, AGAINST_CAP, YES_NO_CAP), 0.0)
        za, n = _two_proportion(sig.appreciations, *parts[part], ab_n, ab_s)
        enough = n >= (MIN_RECENT_CHECKINS if part == "all" else 2)
        z["appreciation_share"][part] = np.where(enough, np.clip(za, AGAINST_CAP, YES_NO_CAP), 0.0)

    norm = math.sqrt(sum(w * w for w in WEIGHTS.values()))
    combined = {p: sum(WEIGHTS[m] * z[m][p] for m in WEIGHTS) / norm for p in parts}
    lasting = np.minimum(combined["last"], combined["early"]) >= PERSIST_Z
    # How large, in closeness points, the measure a person reads and whose smallest change
    # that matters is known; the score (with the feeling) is the evidence.
    closeness_base = _mean(sig.closeness, taus - BASELINE_DAYS, taus)
    fallen = {p: closeness_base - _mean(sig.closeness, a, b) for p, (a, b) in parts.items()}
    large = (fallen["all"] >= SIZE_POINTS) & (fallen["last"] >= SIZE_POINTS)
    large &= fallen["early"] >= EARLY_SHARE * SIZE_POINTS
    ok = valid & lasting & large
    stat = np.where(ok, combined["all"], -np.inf)
    rows = np.arange(looks.shape[0])
    best = np.argmax(stat, axis=1)
    began = taus[rows, best]
    best_stat = stat[rows, best]
    closeness_within, _ = day_and_week_spread(sig.closeness, earliest)
    return Shifts(
        passed=best_stat >= THRESHOLD,
        statistic=best_stat,
        began=began,
        closeness_before=closeness_base[rows, best],
        closeness_since=(closeness_base - fallen["all"])[rows, best],
        spread=np.sqrt(closeness_within),
        signal_z={m: z[m]["all"][rows, best] for m in WEIGHTS},
    )


def stopped(sig: Signals, last_seen: Ints, check_days: Sequence[int]) -> Gaps:
    """The run of days without a check-in up to ``last_seen`` (breaks both took are not in
    the ``checkins`` channel, so they neither lengthen the run nor count as misses) and its
    chance at the person's usual share of days checked in.

    Real check-ins come in bursts, so three guards keep a rarely-checking person from being
    read as stopping: the usual share is the lower of the last ``BASELINE_DAYS`` and the last
    ``LONG_BASELINE_DAYS`` before the run (a busy burst does not set the standard); the run
    must be longer than every run the person had in those ``LONG_BASELINE_DAYS``; and the
    chance allows for weekly counts that vary more than independent days would."""
    days = np.asarray(sorted(check_days), dtype=np.int64)
    ch = sig.checkins
    # Counted days before each check-in, and the run of counted days without one before it.
    position, _, _ = ch.totals(np.full_like(days, ch.first_day), days)
    runs = np.concatenate(([0.0], np.diff(position) - 1))
    longest = np.zeros(days.shape[0])
    for j in range(days.shape[0]):
        lo = int(np.searchsorted(days, days[j] - LONG_BASELINE_DAYS, "right"))
        longest[j] = runs[lo + 1 : j + 1].max() if j > lo else 0.0
    at = np.searchsorted(days, last_seen, "right")
    k = np.maximum(at - 1, 0)
    last = days[k] if days.shape[0] else last_seen
    gap, _, _ = ch.totals(last + 1, last_seen + 1)
    shares = []
    for span in (BASELINE_DAYS, LONG_BASELINE_DAYS):
        n, s, _ = ch.totals(last + 1 - span, last + 1)
        shares.append(np.where(n >= MIN_BASELINE_DAYS, s / np.maximum(n, 1), 0.0))
    usual = np.clip(np.minimum(*shares), 0.0, 0.95)
    # Quasi-binomial (McCullagh & Nelder 1989): how much more the person's weekly counts vary
    # than independent days would, from the Pearson statistic of their earlier weeks; a
    # bursty person's long run is that much less telling.
    weeks = LONG_BASELINE_DAYS // 7
    starts = (last + 1)[:, None] - 7 * (np.arange(weeks)[None, :] + 1)
    n_w, s_w, _ = ch.totals(starts, starts + 7)
    share = np.clip(usual, 0.05, 0.95)[:, None]
    held = n_w > 0
    pearson = np.where(
        held, (s_w - n_w * share) ** 2 / np.maximum(n_w * share * (1 - share), 1e-9), 0
    )
    dispersion = np.maximum(1.0, pearson.sum(axis=1) / np.maximum(held.sum(axis=1) - 1, 1))
    chance = np.power(1 - usual, gap / dispersion)
    n, _, _ = ch.totals(last + 1 - BASELINE_DAYS, last + 1)
    enough = (n >= MIN_BASELINE_DAYS) & (at > 0)
    return Gaps(
        passed=enough
        & (gap >= STOP_MIN_DAYS)
        & (gap > longest[k] if days.shape[0] else False)
        & (chance < STOP_CHANCE),
        days=gap.astype(np.int64),
        began=last + 1,
        usual_share=usual,
        chance=chance,
    )
