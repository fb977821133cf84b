"""Emotion metrics: computed on a sample when the model is there, absent otherwise."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from nearer.core.analysis import report as report_module
from nearer.core.analysis.emotion import emotion_columns, load_classifier
from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable


def fake(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """'love' is positive, 'tired' negative, anything else neutral."""
    pos = np.array(["love" in t for t in texts])
    neg = np.array(["tired" in t for t in texts])
    return pos | neg, pos & ~neg, neg & ~pos


def table() -> ChatTable:
    return ChatTable.from_messages("whatsapp", synthetic_couple("stable", weeks=20, seed=5))


def test_sample_is_even_and_capped() -> None:
    t = table()
    classified, emotional, positive, negative = emotion_columns(t, fake, sample=100) or ()
    assert classified.sum() == 100
    rows = np.flatnonzero(classified)
    assert rows[0] == 0 and rows[-1] >= len(t) - 5  # spread over the whole history
    assert not (emotional & ~classified).any()
    assert not (positive & negative).any()


def test_metrics_present_with_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "load_classifier", lambda: fake)
    data = run(table()).data
    assert data["settings"]["emotion_model"] is True
    assert "emotion_share" in data["weekly"][0] and "positive_share" in data["totals"][0]
    share = data["totals"][0]["emotion_share"]
    assert share is not None and 0 < share < 1


def test_absent_without_a_model_or_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "load_classifier", lambda: None)
    data = run(table()).data
    assert "emotion_share" not in data["weekly"][0] and data["settings"]["emotion_model"] is False
    monkeypatch.undo()
    data = run(table(), Settings(emotions=False)).data
    assert "emotion_share" not in data["weekly"][0]


def test_the_packaged_model_is_used_when_installed() -> None:
    classify = load_classifier()
    if classify is None:  # the emotion model is part of nearer; its absence is a failure
        pytest.fail("nearer.core.emotions.label_matrix is missing")
    emotional, positive, negative = classify(["I love you so much", "I am so angry"])
    assert emotional.all()
    assert positive.tolist() == [True, False] and negative.tolist() == [False, True]


def test_a_very_long_message_does_not_switch_the_model_off() -> None:
    msgs = synthetic_couple("stable", weeks=3, seed=2)
    msgs[5] = type(msgs[5])(msgs[5].timestamp, msgs[5].sender, "love " * 10_000)
    classify = load_classifier()
    assert classify is not None
    assert emotion_columns(ChatTable.from_messages("whatsapp", msgs), classify) is not None
