"""The early warning on simulated couples, scenario by scenario: drifting partners are
flagged and named soon after the true date, stable couples (noisy days, holidays, a bad
week, a seasonal dip, a partner who checks in rarely) never are, and nothing is said too
early. The seeds here are from the report range (1000 on), not the tuning range (0-99)."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import median

import pytest

from nearer.core.drift import MIN_WEEKS, Day, Person, WeekSeen, early_warning, simulate
from nearer.core.drift.detect import Change, early_warnings
from nearer.core.drift.words import evidence_line, summary_for

SEEDS = range(1000, 1020)


@pytest.mark.parametrize("kind", simulate.STABLE_KINDS)
def test_a_stable_couple_is_not_flagged(kind: str) -> None:
    flagged = [s for s in SEEDS if simulate.first_warning(simulate.couple(kind, s)) is not None]
    assert flagged == []


def _first(kind: str, fade_days: int) -> dict[int, tuple[int, str, list[str]] | None]:
    out: dict[int, tuple[int, str, list[str]] | None] = {}
    for seed in SEEDS:
        couple = simulate.couple(kind, seed, fade_days)
        found = simulate.first_warning(couple)
        assert couple.fade_start is not None
        out[seed] = (
            None
            if found is None
            else ((found.on - couple.fade_start).days, found.status, found.drifting)
        )
    return out


def test_a_partner_fading_over_a_week_is_flagged_and_named() -> None:
    found = _first("fading", 7)
    seen = {s: f for s, f in found.items() if f is not None}
    assert all(f[1:] == ("one-drifting", ["A"]) for f in seen.values())
    delays = [f[0] for f in seen.values()]
    assert min(delays) >= 0  # never before the fade began
    assert sum(d <= 21 for d in delays) >= 11, delays  # 11 of 20 within three weeks
    assert len(seen) >= 19  # and 19 of 20 at all


def test_a_partner_fading_over_two_weeks_is_flagged_later_and_named() -> None:
    found = _first("fading", 14)
    seen = {s: f for s, f in found.items() if f is not None}
    assert all(f[1:] == ("one-drifting", ["A"]) for f in seen.values())
    assert min(f[0] for f in seen.values()) >= 0  # never before the fade began
    assert len(seen) >= 16
    assert median(f[0] for f in seen.values()) <= 30


def test_a_partner_who_stops_checking_in_is_flagged() -> None:
    found = _first("stops", 14)
    seen = [f for f in found.values() if f is not None]
    assert all(f[1:] == ("one-drifting", ["A"]) and f[0] >= 14 for f in seen)
    assert len(seen) == 20
    assert median(f[0] for f in seen) <= 22


def _status_seen(kind: str, status: str, drifters: tuple[str, ...]) -> int:
    seen = 0
    for seed in SEEDS:
        couple = simulate.couple(kind, seed, 7)
        first = simulate.first_warning(couple)
        assert first is None or first.drifting[0] in drifters, f"seed {seed}"
        seen += any(w.status == status for w in simulate.warnings(couple))
    return seen


def test_both_fading_is_seen_as_both() -> None:
    assert _status_seen("both_fading", "both-drifting", ("A", "B")) >= 12


def test_diverging_is_seen_as_moving_apart() -> None:
    # The one who feels closer is never the one said to drift.
    assert _status_seen("diverging", "diverging", ("A",)) >= 12


def test_nothing_is_said_before_the_minimum_weeks() -> None:
    start = date(2025, 3, 3)
    days = [Day(start + timedelta(days=k), 9 if k < 20 else 1) for k in range(MIN_WEEKS * 7 - 1)]
    found = early_warning([Person("A", days)], days[-1].day)
    assert (found.status, found.weeks_available) == ("not-enough-weeks", MIN_WEEKS - 1)
    words = summary_for(found, "A", {"A": "you"})
    assert words.headline.endswith("1 more to go.")


def test_a_solo_person_whose_closeness_falls_sees_their_own_gentle_summary() -> None:
    start = date(2025, 1, 6)
    days = [Day(start + timedelta(days=k), 8 if k % 3 else 7, 2) for k in range(60)]
    days += [Day(start + timedelta(days=60 + k), 3 if k % 2 else 4, -2) for k in range(16)]
    found = early_warning([Person("me", days)], days[-1].day)
    assert found.status == "one-drifting"
    change = next(c for c in found.changes if c.metric == "closeness")
    assert (change.direction, change.baseline, change.recent) == ("down", 7.68, 3.5)
    assert change.began == start + timedelta(days=60)
    assert change.hedges_g < -0.8
    assert change.p_value_holm < 1e-4
    words = summary_for(found, "me", {"me": "you"})
    assert words.headline.startswith("Your own check-ins have been lower since about")
    assert words.next_step == "connection-check"
    # First the decisive test (when, how far, in the person's own spread, the statistic
    # against its threshold, what moved), then each channel's own change.
    shift = found.shifts[0]
    assert (shift.kind, shift.began, shift.closeness_before, shift.closeness_since) == (
        "fade",
        start + timedelta(days=60),
        7.68,
        3.5,
    )
    assert words.evidence[0] == (
        f"you: closeness fell from 7.7 to 3.5 (4.2 points, {shift.spreads:.1f} times the usual "
        "day-to-day spread) since about 07 Mar 2025, over 16 days; moved: closeness and how "
        f"the days felt (combined z {shift.statistic:.1f}, 5.4 needed)."
    )
    assert "Hedges' g -" in words.evidence[1]
    assert summary_for(found, "me", {"me": "you"}, safety_concern=True).next_step == "help"


def test_a_partner_seen_only_through_weekly_summaries_can_still_be_flagged() -> None:
    start = date(2025, 1, 6)
    mine = [Day(start + timedelta(days=k), 7 + (k % 3 == 0)) for k in range(77)]
    weeks = [WeekSeen(start + timedelta(weeks=w), 7, 8.5 if w < 9 else 2.0, 3) for w in range(11)]
    found = early_warning([Person("me", mine), Person("partner", (), weeks)], mine[-1].day)
    assert found.status == "one-drifting"
    assert found.drifting == ["partner"]
    words = summary_for(found, "me", {"me": "you", "partner": "Bob"})
    assert words.headline.startswith("Bob's check-ins have been lower")
    assert words.next_step == "weekly-talk"


def test_asking_every_day_in_one_pass_gives_what_each_day_alone_gives() -> None:
    couple = simulate.couple("fading", 1003)
    every = list(simulate.warnings(couple))
    for found in every[::9]:
        alone = early_warning(couple.people, found.on)
        assert (alone.status, alone.began, alone.changes) == (
            found.status,
            found.began,
            found.changes,
        )
    assert [w.on for w in every] == [simulate.START + timedelta(days=k) for k in range(len(every))]
    assert next(iter(early_warnings(couple.people, every[60].on, every[60].on))) == every[60]


def test_a_shared_holiday_is_not_read_as_checking_in_less() -> None:
    start = date(2025, 1, 6)
    off = range(50, 64)  # two weeks away together, then back as before
    people = [
        Person(n, [Day(start + timedelta(days=k), 7, 2, 1) for k in range(90) if k not in off])
        for n in ("A", "B")
    ]
    assert not any(w.flagged for w in early_warnings(people, start, start + timedelta(days=89)))


def test_the_blend_of_closeness_and_feeling_is_told_as_how_far_it_moved() -> None:
    change = Change("me", "closeness_and_feeling", "down", 4.14, 2.21, date(2025, 4, 1), -1.5, 3e-6)
    assert evidence_line(change, "you") == (
        "you: closeness and how pleasant the days felt, taken together, fell by 1.9 points "
        "since about 01 Apr 2025 (Hedges' g -1.50, corrected p < 0.0001)."
    )
    assert evidence_line(
        Change("me", "closeness", "up", 5.0, 7.5, date(2025, 4, 1), 1.2, 0.012), "you"
    ) == (
        "you: closeness (1 to 10) rose from 5.0 to 7.5 since about 01 Apr 2025 "
        "(Hedges' g +1.20, corrected p = 0.012)."
    )


def test_a_partner_whose_weekly_summary_stops_showing_is_never_said_to_have_stopped() -> None:
    """A week's summary is shown only with enough check-ins, so weeks not shown may still
    hold a few: the warning never claims a run without check-ins it cannot see."""
    start = date(2025, 1, 6)
    mine = [Day(start + timedelta(days=k), 7 + (k % 3 == 0)) for k in range(98)]
    weeks = [WeekSeen(start + timedelta(weeks=w), 7, 7.0, 2) for w in range(11)]
    people = [Person("me", mine), Person("partner", (), weeks)]
    seen = list(early_warnings(people, start, mine[-1].day))
    assert not any(s.kind == "stopped" for w in seen for s in w.shifts)
    assert not any(w.flagged for w in seen)
    # The same partner seen day by day, stopping after the same 11 weeks, is named.
    daily = Person("partner", [d for w in weeks for d in Person("x", (), [w]).as_days()])
    last = early_warning([people[0], daily], mine[-1].day)
    assert last.drifting == ["partner"]
    assert [s.kind for s in last.shifts] == ["stopped"]


def test_days_with_a_feeling_are_never_compared_with_days_without_one() -> None:
    """Closeness alone for eight weeks, then lower closeness with an unpleasant feeling: the
    score with the feeling is only compared with earlier days that had one, so until there
    are enough of those the test reads closeness alone, exactly as for a person who never
    chooses a feeling (mixing the two scales would inflate the fall)."""
    start = date(2025, 1, 6)

    def person(feeling: int | None) -> Person:
        days = [Day(start + timedelta(days=k), 7 + (k % 2)) for k in range(56)]
        days += [Day(start + timedelta(days=k), 5 + (k % 2), feeling) for k in range(56, 90)]
        return Person("me", days)

    def first(p: Person) -> tuple[date, float]:
        found = next(w for w in early_warnings([p], start, start + timedelta(days=89)) if w.flagged)
        return found.on, found.shifts[0].statistic

    assert first(person(-3)) == first(person(None))
