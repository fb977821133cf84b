"""Made-up couples for measuring the early warning (tests and ``benchmarks/drift.py``).

Three kinds, each from a seed:

* ``fading``: after a calm stretch (10 to 16 weeks), one partner's closeness (by 4 points),
  check-in frequency (by 60 %), pleasant feelings and appreciations fade over two weeks
  (``FADE_DAYS``; slower fades are measured too) from a known date; the other stays as
  they were.
* ``stable``: both partners as they are, with noisy days, a slow week-to-week mood wobble
  and one or two holidays on which neither checks in.
* ``both_fading``: both fade from the same date.

Every couple also gets the holidays, so "nobody checked in for ten days" is part of normal
life in every scenario. The numbers are invented to look like plausible daily check-ins;
they are not fitted to any data set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from nearer.core.drift.detect import Day, Person, Warning, early_warning

START = date(2025, 1, 6)  # a Monday
FADE_DAYS = 14


@dataclass(frozen=True)
class Couple:
    people: tuple[Person, Person]
    fade_start: date | None  # the true date the fading began (None when nobody fades)
    end: date


@dataclass(frozen=True)
class _Habit:
    closeness: float
    checkin_rate: float
    appreciation_rate: float
    pleasantness: float
    energy: float


def _person(
    name: str,
    rng: np.random.Generator,
    days: int,
    holidays: set[int],
    fade_from: int | None,
    fade_days: int = FADE_DAYS,
) -> Person:
    habit = _Habit(
        closeness=float(rng.uniform(6.0, 8.5)),
        checkin_rate=float(rng.uniform(0.65, 0.95)),
        appreciation_rate=float(rng.uniform(0.3, 0.7)),
        pleasantness=float(rng.uniform(0.5, 3.0)),
        energy=float(rng.uniform(-1.5, 2.0)),
    )
    wobble = 0.0
    out: list[Day] = []
    for k in range(days):
        if k % 7 == 0:
            # A slow mood that drifts a little each week and returns to the person's usual.
            wobble = 0.5 * wobble + float(rng.normal(0, 0.3))
        fade = 0.0
        if fade_from is not None and k >= fade_from:
            fade = min(1.0, (k - fade_from) / fade_days)
        rate = habit.checkin_rate * (1 - 0.6 * fade)
        if k in holidays or rng.random() >= rate:
            continue
        closeness = habit.closeness + wobble - 4.0 * fade + float(rng.normal(0, 1.3))
        pleasant = habit.pleasantness + wobble - 3.0 * fade + float(rng.normal(0, 1.5))
        energy = habit.energy + float(rng.normal(0, 1.8)) - 1.0 * fade
        out.append(
            Day(
                day=START + timedelta(days=k),
                closeness=int(np.clip(round(closeness), 1, 10)),
                pleasantness=_axis(pleasant),
                energy=_axis(energy),
                appreciation=bool(rng.random() < habit.appreciation_rate * (1 - 0.7 * fade)),
            )
        )
    return Person(name, out)


def _axis(value: float) -> int:
    """A point on the -5..+5 axis of the feelings vocabulary (never 0)."""
    v = int(np.clip(round(value), -5, 5))
    return v if v != 0 else (1 if value >= 0 else -1)


def _holidays(rng: np.random.Generator, days: int) -> set[int]:
    off: set[int] = set()
    for _ in range(int(rng.integers(1, 3))):
        length = int(rng.integers(5, 15))
        begin = int(rng.integers(14, max(15, days - length)))
        off |= set(range(begin, begin + length))
    return off


def couple(kind: str, seed: int, fade_days: int = FADE_DAYS) -> Couple:
    """One simulated couple: ``fading``, ``both_fading`` or ``stable``; the fade takes
    ``fade_days`` to reach its full depth."""
    rng = np.random.default_rng(seed)
    if kind == "stable":
        days = 26 * 7
        fade_from = None
    elif kind in ("fading", "both_fading"):
        fade_from = int(rng.integers(10 * 7, 16 * 7))
        days = fade_from + 8 * 7
    else:
        raise ValueError(f"unknown kind {kind!r}")
    holidays = _holidays(rng, fade_from if fade_from is not None else days)
    a = _person("A", rng, days, holidays, fade_from, fade_days)
    b = _person("B", rng, days, holidays, fade_from if kind == "both_fading" else None, fade_days)
    return Couple(
        people=(a, b),
        fade_start=START + timedelta(days=fade_from) if fade_from is not None else None,
        end=START + timedelta(days=days - 1),
    )


def first_warning(c: Couple, every_days: int = 1) -> Warning | None:
    """The first flagged warning when the detector is asked every ``every_days`` days."""
    current = START
    while current <= c.end:
        found = early_warning(c.people, current)
        if found.flagged:
            return found
        current += timedelta(days=every_days)
    return None
