"""Metric definitions on a hand-made chat whose every number can be checked by hand."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pytest

from nearer.core.analysis.features import message_features
from nearer.core.analysis.metrics import _lsm, analyse, iso_week, week_of
from nearer.core.chats.model import ChatTable, Message, to_seconds


def chat() -> ChatTable:
    m = Message
    msgs = [
        # Monday 2024-03-04: Ana starts; Ben replies after 10 min, Ana after 4 then 2 min.
        m(datetime(2024, 3, 4, 9, 0), "Ana", "good morning love, did you sleep?"),
        m(datetime(2024, 3, 4, 9, 10), "Ben", "yes thanks"),
        m(datetime(2024, 3, 4, 9, 14), "Ana", "we should plan the weekend"),
        m(datetime(2024, 3, 4, 9, 15), "Ana", "x", media=True),
        m(datetime(2024, 3, 4, 9, 17), "Ben", "sorry, busy"),
        # 7 hours later: a new conversation by Ben, unanswered.
        m(datetime(2024, 3, 4, 16, 30), "Ben", "are you home?"),
        # Next week, 23:30: Ana starts, Ben answers after 30 minutes.
        m(datetime(2024, 3, 12, 23, 30), "Ana", "miss you"),
        m(datetime(2024, 3, 13, 0, 0), "Ben", "me too"),
    ]
    return ChatTable.from_messages("test", msgs)


def test_weekly_metrics_by_hand() -> None:
    t = chat()
    a = analyse(t, message_features(t), gap_seconds=6 * 3600)
    assert a.names == ("Ana", "Ben")
    assert [iso_week(int(w)) for w in a.week_ids] == ["2024-W10", "2024-W11"]
    w = a.weekly
    assert w["messages"].tolist() == [[3, 1], [3, 1]]
    assert w["words_per_message"][0].tolist() == [(6 + 5) / 2, 2.0]
    assert w["words_per_message"][1].tolist() == [(2 + 2 + 3) / 3, 2.0]
    assert w["reply_minutes_median"][0, 0] == 4.0  # Ana: 4
    assert w["reply_minutes_median"][1].tolist() == [(10 + 2) / 2, 30.0]  # Ben: 10, 2 / 30
    assert w["initiated_share"].tolist() == [[0.5, 1.0], [0.5, 0.0]]
    assert w["unanswered_starts"].tolist() == [[0, 0], [1, 0]]
    assert w["questions_per_100"][0, 0] == pytest.approx(100 / 3)
    assert w["questions_per_100"][1, 0] == pytest.approx(100 / 3)
    assert w["affection_per_100"][0].tolist() == pytest.approx([100 / 3, 100.0])
    assert w["late_night_share"][0].tolist() == [0.0, 1.0]
    assert w["late_night_share"][1].tolist() == [0.0, 1.0]  # 00:00 counts as late
    assert a.messages == [4, 4]
    assert a.totals["initiated_share"] == [pytest.approx(2 / 3), pytest.approx(1 / 3)]
    assert a.totals["reply_minutes_median"] == [4.0, 10.0]  # Ana: 4; Ben: 10, 2, 30


def test_gap_changes_conversations() -> None:
    t = chat()
    a = analyse(t, message_features(t), gap_seconds=8 * 3600)
    # With an 8 hour gap Ben's 16:30 message continues the morning conversation.
    assert a.weekly["unanswered_starts"].tolist() == [[0, 0], [0, 0]]
    assert a.totals["initiated_share"] == [1.0, 0.0]


def test_weeks_start_on_monday() -> None:
    monday = to_seconds(datetime(2024, 3, 4, 0, 0))
    sunday = to_seconds(datetime(2024, 3, 10, 23, 59))
    assert week_of(np.array([monday, sunday])).tolist() == [week_of(np.array([monday]))[0]] * 2


def test_lsm_formula() -> None:
    # One category each: A uses 2 of 10 words, B 1 of 10 -> 1 - |0.2-0.1| / (0.3 + 0.0001).
    counts = {"x": np.array([[2.0], [1.0]]), "y": np.array([[0.0], [0.0]])}
    words = np.array([[10.0], [10.0]])
    expected = (1 - 0.1 / 0.3001 + 1.0) / 2
    assert math.isclose(float(_lsm(counts, words)[0]), expected)
    assert np.isnan(_lsm(counts, np.array([[10.0], [3.0]]))[0])  # too few words
