"""Telling an export of the same chat from a conversation with someone else, by its weeks."""

from __future__ import annotations

from typing import Any

from nearer.web.insights.models import InsightWeek
from nearer.web.insights.store import different_chat


def stored(counts: dict[str, tuple[int, int]]) -> dict[str, InsightWeek]:
    return {
        week: InsightWeek(week=week, person_a={"messages": a}, person_b={"messages": b})
        for week, (a, b) in counts.items()
    }


def new(counts: dict[str, tuple[int, int]]) -> dict[str, dict[str, Any]]:
    return {week: {"a": {"messages": a}, "b": {"messages": b}} for week, (a, b) in counts.items()}


WEEKS = [f"2024-W{n:02d}" for n in range(1, 21)]
USUAL = {w: (40 + n, 30 + n) for n, w in enumerate(WEEKS)}


def test_the_same_chat_exported_again_agrees() -> None:
    longer = {**USUAL, "2024-W21": (12, 9), "2024-W22": (50, 41)}
    assert not different_chat(stored(USUAL), new(longer))


def test_small_differences_within_a_tenth_still_agree() -> None:
    nudged = {w: (a + 3, b - 1) for w, (a, b) in USUAL.items()}
    assert not different_chat(stored(USUAL), new(nudged))


def test_a_chat_with_other_counts_in_the_same_weeks_is_different() -> None:
    other = {w: (a // 2, b * 2) for w, (a, b) in USUAL.items()}
    assert different_chat(stored(USUAL), new(other))


def test_the_names_given_the_other_way_round_is_caught() -> None:
    swapped = {w: (b, a) for w, (a, b) in USUAL.items()}
    assert different_chat(stored(USUAL), new(swapped))


def test_a_minority_of_odd_weeks_is_not_enough() -> None:
    mostly = {w: ((a * 3, b) if n < 8 else (a, b)) for n, (w, (a, b)) in enumerate(USUAL.items())}
    assert not different_chat(stored(USUAL), new(mostly))


def test_no_shared_whole_week_leaves_nothing_to_compare() -> None:
    later = {f"2024-W{n:02d}": (5, 5) for n in range(20, 40)}  # only W20, an edge week, shared
    assert not different_chat(stored(USUAL), new(later))


def test_the_edge_weeks_and_silent_weeks_are_not_counted() -> None:
    # The stored export ends in W20 part way through the week; the new one has that week
    # whole. Silent weeks agree with anything and say nothing.
    quiet = {w: (0, 0) for w in WEEKS}
    assert not different_chat(stored(quiet), new({w: (0, 0) for w in WEEKS}))
    cut = {**USUAL, "2024-W20": (1, 0)}
    assert not different_chat(stored(cut), new(USUAL))
