"""The early warning on simulated couples: fading partners are flagged soon after the true
date, stable couples (noisy days, holidays) never are, and nothing is said too early."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import median

import pytest

from nearer.core.drift import MIN_WEEKS, Day, Person, WeekSeen, early_warning, simulate
from nearer.core.drift.words import summary_for

SEEDS = range(20)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_stable_couple_is_never_flagged(seed: int) -> None:
    couple = simulate.couple("stable", seed)
    assert simulate.first_warning(couple) is None


def test_a_fading_partner_is_flagged_soon_after_the_true_date_and_named() -> None:
    delays = []
    for seed in SEEDS:
        couple = simulate.couple("fading", seed)
        found = simulate.first_warning(couple)
        assert found is not None, f"seed {seed}: never flagged"
        assert couple.fade_start is not None
        assert found.drifting == ["A"], f"seed {seed}: {found.drifting}"
        assert found.status == "one-drifting"
        delays.append((found.on - couple.fade_start).days)
        assert found.began is not None
        assert abs((found.began - couple.fade_start).days) <= 21, f"seed {seed}: {found.began}"
    assert min(delays) >= 0, delays  # never before the fading began
    assert sum(1 for d in delays if d <= 21) >= 0.9 * len(delays), delays
    assert max(delays) <= 25, delays
    assert median(delays) <= 18, delays


def test_nothing_is_said_before_the_minimum_weeks() -> None:
    start = date(2025, 3, 3)
    days = [Day(start + timedelta(days=k), 9 if k < 20 else 1) for k in range(MIN_WEEKS * 7 - 1)]
    found = early_warning([Person("A", days)], days[-1].day)
    assert (found.status, found.weeks_available) == ("not-enough-weeks", MIN_WEEKS - 1)
    words = summary_for(found, "A", {"A": "you"})
    assert words.headline.endswith("1 more to go.")


def test_a_solo_person_whose_closeness_falls_sees_their_own_gentle_summary() -> None:
    start = date(2025, 1, 6)
    days = [Day(start + timedelta(days=k), 8 if k % 3 else 7) for k in range(60)]
    days += [Day(start + timedelta(days=60 + k), 3 if k % 2 else 4) for k in range(16)]
    found = early_warning([Person("me", days)], days[-1].day)
    assert found.status == "one-drifting"
    change = next(c for c in found.changes if c.metric == "closeness")
    assert (change.direction, change.baseline, change.recent) == ("down", 7.52, 3.5)
    assert change.cliffs_delta == -0.964
    assert change.p_value_holm < 0.05
    words = summary_for(found, "me", {"me": "you"})
    assert words.headline.startswith("Your own check-ins have been lower since about")
    assert words.next_step == "connection-check"
    assert "Cliff's delta -0.96" in words.evidence[0]
    assert summary_for(found, "me", {"me": "you"}, safety_concern=True).next_step == "help"


def test_a_partner_seen_only_through_weekly_summaries_can_still_be_flagged() -> None:
    start = date(2025, 1, 6)
    mine = [Day(start + timedelta(days=k), 7 + (k % 3 == 0)) for k in range(77)]
    weeks = [WeekSeen(start + timedelta(weeks=w), 6, 8.0 if w < 9 else 3.0, 3) for w in range(11)]
    found = early_warning([Person("me", mine), Person("partner", (), weeks)], mine[-1].day)
    assert found.status == "one-drifting"
    assert found.drifting == ["partner"]
    words = summary_for(found, "me", {"me": "you", "partner": "Bob"})
    assert words.headline.startswith("Bob's check-ins have been lower")
    assert words.next_step == "weekly-talk"
