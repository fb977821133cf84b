"""Made-up couples for measuring the early warning (tests and ``benchmarks/drift.py``).

Every couple lives an ordinary life, whatever its scenario: noisy days, a slow week-to-week
mood wobble, weekends (a little closer, checked in a little less often), one or two holidays
on which neither checks in, a few days one of them misses (ill, travelling), each with their
own habits. On top of that, each scenario adds one thing:

stable scenarios (nobody drifts; any warning is a false alarm)
* ``stable``: nothing more;
* ``noisy``: days twice as noisy and patchy check-ins (35-60 % of days);
* ``bad_week``: one partner has a bad week (closeness 2-3 points down for 5-7 days, fewer
  check-ins) and is back to usual afterwards;
* ``seasonal_dip``: both dip by up to 1 point (half the smallest change that matters) for
  3-5 weeks, checking in less, and recover;
* ``sporadic``: one partner checks in on only 20-35 % of days, in bursts;

drifting scenarios (a known date ``fade_start``; the fade takes ``fade_days`` to reach full
depth; closeness falls by 2 to 4 points, so every fade moves it by at least the smallest
change that matters, ``MIN_CHANGE``)
* ``fading``: one partner's closeness, pleasant feelings, check-ins (by 30-70 %) and
  appreciations fade; the other stays as they were;
* ``stops``: one partner's closeness fades a little and then they stop checking in at all
  (from a week after the start, or sooner; the other keeps checking in);
* ``both_fading``: both fade, from dates up to 5 days apart;
* ``diverging``: one fades while the other feels closer (by 2 to 3 points).

Holidays never fall in the three weeks after a fade begins, so "within three weeks" measures
the detector, not the calendar. The numbers are invented to look like plausible daily
check-ins; they are not fitted to any data set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from nearer.core.drift import persist
from nearer.core.drift.detect import (
    CONFIRM_DAYS,
    Day,
    Person,
    Warning,
    early_warnings,
    shared_breaks,
    signals_of,
)

START = date(2025, 1, 6)  # a Monday
FADE_DAYS = 14
STABLE_KINDS = ("stable", "noisy", "bad_week", "seasonal_dip", "sporadic")
DRIFT_KINDS = ("fading", "stops", "both_fading", "diverging")
STABLE_DAYS = 26 * 7
AFTER_FADE_DAYS = 10 * 7


@dataclass(frozen=True)
class Couple:
    kind: str
    people: tuple[Person, Person]
    fade_start: date | None  # the true date the fading began (None when nobody fades)
    end: date
    depth: float = 0.0  # how far the fading partner's closeness falls at full depth
    fade_days: int = FADE_DAYS

    def moved_by(self, days: int) -> float:
        """How far the fading partner's closeness has fallen ``days`` after the start."""
        return self.depth * min(1.0, days / self.fade_days)


@dataclass(frozen=True)
class _Habit:
    closeness: float
    checkin_rate: float
    appreciation_rate: float
    pleasantness: float
    energy: float
    noise: float
    wobble: float


@dataclass
class _Script:
    """What happens to one person: a fade (or rise), a bad stretch, a stop."""

    fade_from: int | None = None
    fade_days: int = FADE_DAYS
    depth: float = 0.0  # closeness points; negative rises
    checkins_fall: float = 0.0  # share of the check-in rate lost at full depth
    stop_from: int | None = None
    dip: tuple[int, int, float, float] | None = None  # from, days, closeness, rate lost
    missed: frozenset[int] = frozenset()


def _habit(rng: np.random.Generator, kind: str, sporadic: bool) -> _Habit:
    noisy = kind == "noisy"
    rate = rng.uniform(0.35, 0.6) if noisy else rng.uniform(0.6, 0.95)
    if sporadic:
        rate = rng.uniform(0.2, 0.35)
    return _Habit(
        closeness=float(rng.uniform(5.5, 8.0)),
        checkin_rate=float(rate),
        appreciation_rate=float(rng.uniform(0.2, 0.7)),
        pleasantness=float(rng.uniform(0.0, 3.0)),
        energy=float(rng.uniform(-1.5, 2.0)),
        noise=float(rng.uniform(1.0, 1.6) * (2.0 if noisy else 1.0)),
        wobble=0.3,
    )


def _person(
    name: str,
    rng: np.random.Generator,
    habit: _Habit,
    days: int,
    holidays: set[int],
    script: _Script,
    bursty: bool = False,
) -> Person:
    wobble = 0.0
    away = 0  # days left of a stretch away from the app (bursty check-ins)
    out: list[Day] = []
    for k in range(days):
        weekday = (START + timedelta(days=k)).weekday()
        if k % 7 == 0:
            # A slow mood that drifts a little each week and returns to the person's usual.
            wobble = 0.5 * wobble + float(rng.normal(0, habit.wobble))
        fade = 0.0
        if script.fade_from is not None and k >= script.fade_from:
            fade = min(1.0, (k - script.fade_from + 1) / script.fade_days)
        dip_close = dip_rate = 0.0
        if script.dip is not None:
            begin, length, depth, rate_lost = script.dip
            if begin <= k < begin + length:
                # A smooth dip: deepest in the middle, back to usual at both ends.
                shape = float(np.sin(np.pi * (k - begin + 0.5) / length))
                dip_close, dip_rate = depth * shape, rate_lost * shape
        weekend = weekday >= 5
        rate = habit.checkin_rate * (1 - script.checkins_fall * fade) * (1 - dip_rate)
        rate *= 0.8 if weekend else 1.0
        if bursty:
            if away > 0:
                away -= 1
                rate = 0.0
            elif rng.random() < 0.08:
                away = int(rng.integers(3, 10))
            else:
                rate = min(1.0, rate * 1.6)
        stopped = script.stop_from is not None and k >= script.stop_from
        draw = rng.random()  # drawn every day, so a stronger fade keeps the same noise
        if k in holidays or k in script.missed or stopped or draw >= rate:
            rng.normal(size=3)  # the same draws whether or not this day was checked in
            rng.random()
            continue
        mood = wobble + (0.4 if weekend else 0.0) - dip_close
        closeness = habit.closeness + mood - script.depth * fade + rng.normal(0, habit.noise)
        fall = max(0.0, script.depth) / 4.0 * fade
        pleasant = habit.pleasantness + mood - 3.0 * fall + rng.normal(0, 1.5)
        energy = habit.energy + rng.normal(0, 1.8) - 1.0 * fall
        out.append(
            Day(
                day=START + timedelta(days=k),
                closeness=int(np.clip(round(float(closeness)), 1, 10)),
                pleasantness=_axis(float(pleasant)),
                energy=_axis(float(energy)),
                appreciation=bool(rng.random() < habit.appreciation_rate * (1 - 0.7 * fall)),
            )
        )
    return Person(name, out)


def _axis(value: float) -> int:
    """A point on the -5..+5 axis of the feelings vocabulary (never 0)."""
    v = int(np.clip(round(value), -5, 5))
    return v if v != 0 else (1 if value >= 0 else -1)


def _stretches(
    rng: np.random.Generator, days: int, count: tuple[int, int], length: tuple[int, int]
) -> list[tuple[int, int]]:
    out = []
    for _ in range(int(rng.integers(count[0], count[1] + 1))):
        size = int(rng.integers(length[0], length[1] + 1))
        out.append((int(rng.integers(14, max(15, days - size))), size))
    return out


def _away(stretches: list[tuple[int, int]], keep_clear: range | None) -> set[int]:
    off: set[int] = set()
    for begin, size in stretches:
        days = set(range(begin, begin + size))
        if keep_clear is not None and days & set(keep_clear):
            continue
        off |= days
    return off


def couple(kind: str, seed: int, fade_days: int = FADE_DAYS) -> Couple:
    """One simulated couple of the given scenario (``STABLE_KINDS`` or ``DRIFT_KINDS``)."""
    if kind not in STABLE_KINDS + DRIFT_KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    rng = np.random.default_rng([seed, fade_days, (STABLE_KINDS + DRIFT_KINDS).index(kind)])
    drifting = kind in DRIFT_KINDS
    fade_from = int(rng.integers(10 * 7, 16 * 7)) if drifting else None
    days = fade_from + AFTER_FADE_DAYS if fade_from is not None else STABLE_DAYS
    clear = range(fade_from, fade_from + 21) if fade_from is not None else None
    holidays = _away(_stretches(rng, days, (1, 2), (5, 14)), clear)
    habits = [_habit(rng, kind, kind == "sporadic" and n == 1) for n in range(2)]
    scripts = [
        _Script(missed=frozenset(_away(_stretches(rng, days, (0, 2), (2, 5)), clear)))
        for _ in range(2)
    ]
    depth = float(rng.uniform(2.0, 4.0)) if drifting else 0.0
    if drifting:
        scripts[0].fade_from, scripts[0].fade_days, scripts[0].depth = fade_from, fade_days, depth
        scripts[0].checkins_fall = float(rng.uniform(0.3, 0.7))
    if kind == "stops":
        assert fade_from is not None
        scripts[0].depth = depth / 2  # a little lower, then nothing at all
        scripts[0].stop_from = fade_from + min(fade_days, 7)
    elif kind == "both_fading":
        assert fade_from is not None
        scripts[1].fade_from = fade_from + int(rng.integers(0, 6))
        scripts[1].fade_days, scripts[1].depth = fade_days, float(rng.uniform(2.0, 4.0))
        scripts[1].checkins_fall = float(rng.uniform(0.3, 0.7))
    elif kind == "diverging":
        scripts[1].fade_from, scripts[1].fade_days = fade_from, fade_days
        scripts[1].depth = -float(rng.uniform(2.0, 3.0))
        # Feeling closer starts below the ceiling, or there is no room to rise.
        habits[1] = _Habit(**{**habits[1].__dict__, "closeness": float(rng.uniform(5.0, 6.5))})
    elif kind == "bad_week":
        begin = int(rng.integers(6 * 7, days - 21))
        scripts[0].dip = (begin, int(rng.integers(5, 8)), float(rng.uniform(2.0, 3.0)), 0.3)
    elif kind == "seasonal_dip":
        begin, length = int(rng.integers(6 * 7, days - 42)), int(rng.integers(21, 36))
        for script in scripts:
            script.dip = (begin, length, float(rng.uniform(0.5, 1.0)), 0.25)
    a = _person("A", rng, habits[0], days, holidays, scripts[0])
    b = _person("B", rng, habits[1], days, holidays, scripts[1], bursty=kind == "sporadic")
    return Couple(
        kind=kind,
        people=(a, b),
        fade_start=START + timedelta(days=fade_from) if fade_from is not None else None,
        end=START + timedelta(days=days - 1),
        depth=depth if drifting else 0.0,
        fade_days=fade_days,
    )


def warnings(c: Couple) -> Iterator[Warning]:
    """The warning on every day of the couple's life, as the app would show it."""
    return early_warnings(c.people, START, c.end)


def first_warning(c: Couple) -> Warning | None:
    """The first flagged warning when the detector is asked every day."""
    return next((w for w in warnings(c) if w.flagged), None)


def largest_statistic(c: Couple) -> float:
    """The largest drift statistic (``persist.shifts``) either partner held for
    ``CONFIRM_DAYS`` days in a row over the couple's life: how close a stable couple came
    to a warning (the threshold is ``persist.THRESHOLD``)."""
    every = sorted({d.day.toordinal() for p in c.people for d in p.days})
    checked = np.asarray(every, dtype=np.int64)
    looks = np.arange(START.toordinal(), c.end.toordinal() + 1, dtype=np.int64)
    at = np.searchsorted(checked, looks, "right")
    last_seen = np.where(at > 0, checked[np.maximum(at - 1, 0)], looks)
    off = shared_breaks(c.people)
    largest = -np.inf
    for p in c.people:
        sig = signals_of(p, off, every[-1])
        if sig is None:
            continue
        stat = persist.shifts(sig, looks, last_seen).statistic
        held = stat[CONFIRM_DAYS - 1 :]
        for k in range(1, CONFIRM_DAYS):
            held = np.minimum(held, stat[CONFIRM_DAYS - 1 - k : stat.shape[0] - k])
        largest = max(largest, float(held.max()) if held.shape[0] else -np.inf)
    return largest
