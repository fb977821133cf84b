"""Properties of the early warning that must hold for any check-ins, not only simulated ones."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.drift import MIN_WEEKS, Day, Person, simulate
from nearer.core.drift.detect import Warning, early_warnings

START = date(2025, 1, 6)


def _first_flag(people: list[Person], days: int) -> int | None:
    for w in early_warnings(people, START, START + timedelta(days=days - 1)):
        if w.flagged:
            return (w.on - START).days
    return None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(1, 10)), min_size=1, max_size=7 * MIN_WEEKS - 1),
    st.lists(st.one_of(st.none(), st.integers(1, 10)), max_size=7 * MIN_WEEKS - 1),
)
def test_nothing_is_said_before_the_minimum_weeks(
    mine: list[int | None], theirs: list[int | None]
) -> None:
    people = [
        Person(name, [Day(START + timedelta(days=k), c) for k, c in enumerate(s) if c])
        for name, s in (("A", mine), ("B", theirs))
    ]
    end = START + timedelta(days=7 * MIN_WEEKS - 2)
    assert all(w.status == "not-enough-weeks" for w in early_warnings(people, START, end))


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 10),
    st.integers(-5, 5),
    st.integers(-5, 5),
    st.booleans(),
    st.integers(7 * MIN_WEEKS, 150),
    st.booleans(),
)
def test_a_constant_series_never_flags(
    closeness: int, pleasantness: int, energy: int, thanks: bool, days: int, couple: bool
) -> None:
    same = [
        Day(START + timedelta(days=k), closeness, pleasantness, energy, thanks) for k in range(days)
    ]
    people = [Person("A", same)] + ([Person("B", same)] if couple else [])
    assert _first_flag(people, days) is None


def _shifted(people: tuple[Person, Person], by: int) -> list[Person]:
    move = timedelta(days=by)
    return [
        Person(
            p.name,
            [
                Day(d.day + move, d.closeness, d.pleasantness, d.energy, d.appreciation)
                for d in p.days
            ],
        )
        for p in people
    ]


def _key(w: Warning, by: int) -> tuple[object, ...]:
    began = w.began + timedelta(days=by) if w.began else None
    return (w.status, w.drifting, began, [(c.metric, c.baseline, c.recent) for c in w.changes])


@settings(max_examples=12, deadline=None)
@given(
    st.sampled_from(simulate.DRIFT_KINDS + simulate.STABLE_KINDS),
    st.integers(0, 99),
    st.integers(-800, 800),
)
def test_shifting_every_date_shifts_the_warning_and_nothing_else(
    kind: str, seed: int, by: int
) -> None:
    couple = simulate.couple(kind, seed)
    before = list(simulate.warnings(couple))
    moved = _shifted(couple.people, by)
    move = timedelta(days=by)
    after = list(early_warnings(moved, simulate.START + move, couple.end + move))
    assert [_key(w, by) for w in before] == [_key(w, 0) for w in after]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 2**31),
    st.floats(4.5, 8.5),
    st.integers(45, 90),
    st.integers(1, 42),
    st.floats(0.5, 4.0),
    st.floats(0.0, 3.0),
)
def test_a_stronger_fade_is_never_seen_later_than_a_weaker_one_on_the_same_noise(
    seed: int, level: float, begins: int, fade_days: int, weaker: float, extra: float
) -> None:
    days = begins + 70
    noise = np.random.default_rng(seed).normal(0, 1.3, days)

    def person(depth: float) -> list[Person]:
        fade = np.clip((np.arange(days) - begins + 1) / fade_days, 0, 1)
        values = np.clip(np.round(level - depth * fade + noise), 1, 10)
        return [Person("A", [Day(START + timedelta(days=k), int(v)) for k, v in enumerate(values)])]

    strong, weak = _first_flag(person(weaker + extra), days), _first_flag(person(weaker), days)
    if weak is not None:
        assert strong is not None and strong <= weak, (strong, weak)
