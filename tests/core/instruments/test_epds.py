"""EPDS: published reverse scoring, every band edge, the safety item and the paraphrase."""

from __future__ import annotations

import pytest

from nearer.core.errors import AnswerError
from nearer.core.instruments.epds import EPDS_REVERSED
from nearer.core.instruments.registry import get_screener
from nearer.core.safety import safety_alerts

EPDS = get_screener("epds")
# The answer (position of the response, 0 = first) that scores 0 on each item.
ZERO = {str(i): (3 if str(i) in EPDS_REVERSED else 0) for i in range(1, 11)}


def answers_scoring(total: int) -> dict[str, int]:
    """Answers whose published score is ``total``, item 10 kept at 0, items 1-9 filled."""
    answers = dict(ZERO)
    left = total
    for i in range(1, 10):
        key = str(i)
        points = min(3, left)
        answers[key] = 3 - points if key in EPDS_REVERSED else points
        left -= points
    assert left == 0
    return answers


def test_items_1_2_and_4_score_top_down_and_the_rest_reversed() -> None:
    assert EPDS_REVERSED == ("3", "5", "6", "7", "8", "9", "10")
    assert EPDS.score(ZERO).total == 0
    first_responses = {str(i): 0 for i in range(1, 11)}
    # Items 3 and 5-10 score 3 for their first response: 7 x 3 = 21.
    assert EPDS.score(first_responses).total == 21
    last_responses = {str(i): 3 for i in range(1, 11)}
    assert EPDS.score(last_responses).total == 9  # items 1, 2 and 4 score 3 for their last
    assert EPDS.score(ZERO | {"1": 3, "3": 0}).total == 6


@pytest.mark.parametrize(
    ("total", "severity", "positive"),
    [
        (0, "low", False),
        (9, "low", False),
        (10, "possible depression", True),
        (12, "possible depression", True),
        (13, "probable depression", True),
        (27, "probable depression", True),
    ],
)
def test_band_edges(total: int, severity: str, positive: bool) -> None:
    result = EPDS.score(answers_scoring(total))
    assert (result.total, result.severity, result.positive_screen) == (total, severity, positive)
    assert result.safety_alert is False
    assert "not a diagnosis" in result.interpretation


def test_the_highest_total_is_30() -> None:
    worst = {str(i): (0 if str(i) in EPDS_REVERSED else 3) for i in range(1, 11)}
    result = EPDS.score(worst)
    assert (result.total, result.max_total, result.severity) == (30, 30, "probable depression")


@pytest.mark.parametrize(("answer", "alert"), [(0, True), (1, True), (2, True), (3, False)])
def test_item_10_any_score_above_0_is_a_self_harm_alert(answer: int, alert: bool) -> None:
    result = EPDS.score(ZERO | {"10": answer})
    assert result.safety_alert is alert
    assert result.details["item_scores"]["10"] == 3 - answer
    alerts = safety_alerts([result], [])
    assert [a.kind for a in alerts] == (["self_harm"] if alert else [])
    if alert:
        assert result.interpretation.startswith("First, and more important than the total")
        assert result.total == 3 - answer  # a low total does not hide the alert


def test_items_are_a_marked_paraphrase_in_the_published_order() -> None:
    assert len(EPDS.items) == 10
    assert all(item.text.endswith("(paraphrased)") for item in EPDS.items)
    assert "paraphrase" in EPDS.stem and "Royal College of Psychiatrists" in EPDS.stem
    assert "1987" in EPDS.source and "150:782-786" in EPDS.source
    assert all(len(item.choices) == 4 for item in EPDS.items)


def test_a_missing_or_out_of_range_answer_names_the_item() -> None:
    with pytest.raises(AnswerError) as caught:
        EPDS.score({k: v for k, v in ZERO.items() if k != "10"})
    assert str(caught.value) == "epds item '10' is missing; give an integer from 0 to 3."
    with pytest.raises(AnswerError):
        EPDS.score(ZERO | {"4": 4})
