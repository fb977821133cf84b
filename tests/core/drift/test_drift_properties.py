"""Properties of the early warning that must hold for any check-ins, not only simulated ones."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.drift import MIN_WEEKS, Day, Person, persist, simulate
from nearer.core.drift.detect import Warning, early_warnings, shared_breaks

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


def _series(level: float, noise: np.ndarray, step: float, at: int) -> list[Day]:
    values = np.clip(np.round(level + noise - step * (np.arange(noise.shape[0]) >= at)), 1, 10)
    return [Day(START + timedelta(days=k), int(v)) for k, v in enumerate(values)]


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2**31),
    st.floats(6.0, 8.5),
    st.floats(0.6, 1.2),
    st.floats(4.0, 6.0),
    st.integers(56, 90),
)
def test_a_step_down_of_four_spreads_is_flagged_within_three_weeks_and_never_before(
    seed: int, level: float, spread: float, sds: float, at: int
) -> None:
    """Closeness steps down by ``sds`` of the person's own day-to-day spread (and at least
    2.4 points) on day ``at`` and stays there: the drift test names it within 21 days and not
    a day before it. "Began" is at most a week after the step; it can be up to two weeks
    before it when the noise happened to sit low just before (then the data did dip then)."""
    noise = np.random.default_rng(seed).normal(0, spread, at + 30)
    step = max(sds * spread, 2.4)
    days = _series(level, noise, step, at)
    found = [w for w in early_warnings([Person("A", days)], START, days[-1].day) if w.flagged]
    assert found, "never flagged"
    first = found[0]
    assert 0 <= (first.on - days[at].day).days <= 21
    shift = first.shifts[0]
    assert shift.kind == "fade" and shift.statistic >= persist.THRESHOLD
    assert -14 <= (shift.began - days[at].day).days <= 7
    assert shift.points is not None and shift.points >= persist.SIZE_POINTS


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31), st.floats(5.0, 8.0), st.floats(0.6, 1.6), st.integers(70, 200))
def test_a_steady_noisy_person_is_never_flagged(
    seed: int, level: float, spread: float, days: int
) -> None:
    noise = np.random.default_rng(seed).normal(0, spread, days)
    person = Person("A", _series(level, noise, 0.0, days))
    assert _first_flag([person], days) is None


@settings(max_examples=20, deadline=None)
@given(st.integers(60, 120), st.integers(0, 2**31))
def test_one_who_stops_checking_in_while_the_other_goes_on_is_seen_as_stopping(
    stops_on: int, seed: int
) -> None:
    """Every day checked in, then none at all while the partner keeps checking in: named as
    stopping once the run is long enough, never before it, and the evidence says so."""
    rng = np.random.default_rng(seed)
    mine = [Day(START + timedelta(days=k), int(rng.integers(6, 9))) for k in range(stops_on)]
    theirs = [Day(START + timedelta(days=k), 7) for k in range(stops_on + 30)]
    people = [Person("A", mine), Person("B", theirs)]
    found = [w for w in early_warnings(people, START, theirs[-1].day) if w.flagged]
    assert found
    first = found[0]
    run = (first.on - mine[-1].day).days
    assert persist.STOP_MIN_DAYS <= run <= persist.STOP_MIN_DAYS + 2
    assert first.drifting == ["A"]
    assert (first.shifts[0].kind, first.shifts[0].began) == ("stopped", mine[-1].day + timedelta(1))


def test_a_shared_break_is_a_run_of_days_neither_checked_in() -> None:
    """Three days or more that neither checked in are a break both took (left out of "how
    often"); one day both happened to miss is an ordinary miss for each."""
    a = [Day(START + timedelta(days=k), 7) for k in range(30) if k not in (5, 12, 13, 14)]
    b = [Day(START + timedelta(days=k), 7) for k in range(30) if k not in (5, 12, 13, 14, 20)]
    off = shared_breaks([Person("A", a), Person("B", b)])
    assert off == {(START + timedelta(days=k)).toordinal() for k in (12, 13, 14)}
