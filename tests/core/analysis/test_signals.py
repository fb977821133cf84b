"""Signals on synthetic couples, and the statistics underneath them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.stats import (
    bootstrap_interval,
    change_point,
    cliffs_delta,
    holm,
    mann_whitney_p,
)
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable


def report(pattern: str, seed: int, weeks: int = 40) -> dict:  # type: ignore[type-arg]
    table = ChatTable.from_messages("whatsapp", synthetic_couple(pattern, weeks=weeks, seed=seed))
    return run(table, Settings(emotions=False)).data


@pytest.mark.parametrize("seed", range(6))
def test_stable_couple_gets_no_signal(seed: int) -> None:
    data = report("stable", seed)
    assert data["signals"] == []
    assert data["pattern"] == "stable"


@pytest.mark.parametrize("seed", range(3))
def test_pursue_withdraw_is_recognised(seed: int) -> None:
    data = report("pursue-withdraw", seed)
    assert data["pattern"] == "pursue-withdraw"
    top = data["signals"][0]
    assert top["pattern"] == "pursue-withdraw" and top["person"] == "Ben"
    assert {"person": "Ana", "metric": "initiated_share", "direction": "up"} in top["evidence"]
    assert any(
        s["person"] == "Ben" and s["metric"] == "reply_minutes_median" and s["direction"] == "up"
        for s in data["signals"]
    )
    # The change began in the last ten weeks (the synthetic switch is at week 30).
    assert top["change_date"] >= "2023-07-10"


@pytest.mark.parametrize("seed", range(3))
def test_mutual_drift_is_recognised(seed: int) -> None:
    data = report("mutual-drift", seed)
    assert data["pattern"] == "mutual-drift"
    people = {s["person"] for s in data["signals"] if not s.get("pattern")}
    assert {"Ana", "Ben"} <= people


def test_short_history_says_so() -> None:
    data = report("pursue-withdraw", 0, weeks=12)
    assert data["pattern"] == "not-enough-history" and data["signals"] == []


def test_every_signal_carries_the_contract_fields() -> None:
    for s in report("pursue-withdraw", 1)["signals"]:
        assert {
            "person",
            "metric",
            "direction",
            "baseline",
            "recent",
            "change_date",
            "strength",
            "explanation",
            "caveats",
        } <= set(s)
        assert s["direction"] in ("up", "down")
        assert 0 <= s["strength"] <= 1
        assert len(s["caveats"]) >= 3


def test_mann_whitney_matches_a_known_value() -> None:
    # Fully separated samples of 8 and 26: U = 0; normal approximation with continuity.
    p = mann_whitney_p(np.arange(8.0), np.arange(100.0, 126.0))
    assert p < 1e-4
    assert mann_whitney_p(np.array([1.0, 2, 3]), np.array([1.0, 2, 3])) == pytest.approx(1.0)


def test_cliffs_delta_extremes() -> None:
    assert cliffs_delta(np.array([5.0, 6]), np.array([1.0, 2])) == 1.0
    assert cliffs_delta(np.array([1.0, 2]), np.array([5.0, 6])) == -1.0
    assert cliffs_delta(np.array([1.0, 2]), np.array([1.0, 2])) == 0.0


def test_change_point_finds_the_step() -> None:
    series = np.array([5.0] * 20 + [1.0] * 8)
    assert change_point(series) == 20
    series[3] = np.nan
    assert change_point(series) == 20


def test_bootstrap_interval_excludes_zero_only_for_real_shifts() -> None:
    rng = np.random.default_rng(1)
    lo, hi = bootstrap_interval(rng.normal(10, 1, 8), rng.normal(5, 1, 26))
    assert lo > 0
    lo, hi = bootstrap_interval(rng.normal(5, 1, 8), rng.normal(5, 1, 26))
    assert lo < 0 < hi


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0, 100), min_size=3, max_size=12),
    st.lists(st.floats(0, 100), min_size=3, max_size=30),
)
def test_mann_whitney_is_a_probability_and_symmetric(a: list[float], b: list[float]) -> None:
    x, y = np.array(a), np.array(b)
    p = mann_whitney_p(x, y)
    assert 0.0 <= p <= 1.0
    assert p == pytest.approx(mann_whitney_p(y, x))
    assert cliffs_delta(x, y) == pytest.approx(-cliffs_delta(y, x))


def test_explanations_say_the_direction_right() -> None:
    data = report("pursue-withdraw", 0)
    by_key = {(s["person"], s["metric"]): s for s in data["signals"] if not s.get("pattern")}
    slower = by_key[("Ben", "reply_minutes_median")]
    assert slower["recent"] > slower["baseline"]
    assert slower["explanation"].startswith("Ben has been slower to reply to Ana")
    fewer = by_key[("Ben", "messages")]
    assert fewer["explanation"].startswith("Ben has been sending fewer messages")


def test_every_explained_metric_names_what_it_measures() -> None:
    from datetime import date

    from nearer.core.analysis.definitions import METRICS, metric
    from nearer.core.analysis.signals import explain

    for definition in METRICS:
        text = explain(definition, "down", "Ben", "Ana", 0.7, 0.4, date(2023, 7, 31))
        assert definition.label in text, definition.id
        assert "since about the week of 31 July 2023" in text
    emotion = explain(metric("emotion_share"), "down", "Ben", "Ana", 0.7, 0.44, date(2023, 7, 31))
    assert "share of text messages that express an emotion" in emotion
    assert "from about 70 % in a typical earlier week to 44 %" in emotion
    assert "style matching" not in emotion


def test_holm_adjusts_in_place_order_and_stays_monotone() -> None:
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([]) == []
