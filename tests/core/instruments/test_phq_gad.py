"""PHQ-9, PHQ-2, GAD-7 and GAD-2 scored against their published rules, band edge by band edge."""

from __future__ import annotations

import pytest

from nearer.core.instruments.phq_gad import GAD2, GAD7, PHQ2, PHQ9
from nearer.core.instruments.screener import SummedScreener


def answers_for(screener: SummedScreener, total: int, spare: str | None = None) -> dict[str, int]:
    """Answers summing to ``total``, filling items in order; ``spare`` is left at 0 if possible."""
    ids = [item.id for item in screener.items if item.id != spare]
    if spare is not None:
        ids.append(spare)
    answers = {item_id: 0 for item_id in ids}
    left = total
    for item_id in ids:
        answers[item_id] = min(3, left)
        left -= answers[item_id]
    assert left == 0
    return answers


@pytest.mark.parametrize(
    ("total", "severity", "positive"),
    [
        (0, "minimal", False),
        (4, "minimal", False),
        (5, "mild", False),
        (9, "mild", False),
        (10, "moderate", True),
        (14, "moderate", True),
        (15, "moderately severe", True),
        (19, "moderately severe", True),
        (20, "severe", True),
        (24, "severe", True),
    ],
)
def test_phq9_band_edges(total: int, severity: str, positive: bool) -> None:
    result = PHQ9.score(answers_for(PHQ9, total, spare="9"))
    assert result.total == total
    assert result.severity == severity
    assert result.positive_screen is positive
    assert result.safety_alert is False
    assert result.max_total == 27
    assert result.instrument == "phq9"


def test_phq9_maximum_is_severe_with_alert() -> None:
    result = PHQ9.score({str(i): 3 for i in range(1, 10)})
    assert (result.total, result.severity, result.safety_alert) == (27, "severe", True)


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_phq9_item9_alerts_even_when_total_is_minimal(item9: int) -> None:
    answers = {str(i): 0 for i in range(1, 10)} | {"9": item9}
    result = PHQ9.score(answers)
    assert result.total == item9
    assert result.severity == "minimal"
    assert result.positive_screen is False
    assert result.safety_alert is True
    assert result.details["alert_kind"] == "self_harm"
    # Safety comes first in the text, before the band.
    assert result.interpretation.startswith("First, and more important than the total")
    assert "emergency" in result.interpretation


def test_phq9_without_item9_has_no_alert_at_high_total() -> None:
    answers = {str(i): 3 for i in range(1, 9)} | {"9": 0}
    result = PHQ9.score(answers)
    assert (result.total, result.severity, result.safety_alert) == (24, "severe", False)
    assert "emergency" not in result.interpretation


def test_phq9_accepts_numbers_written_as_text_and_floats() -> None:
    answers: dict[str, object] = {str(i): "1" for i in range(1, 10)}
    answers["2"] = 2.0
    assert PHQ9.score(answers).total == 10


def test_phq9_accepts_integer_keys() -> None:
    assert PHQ9.score({i: 1 for i in range(1, 10)}).total == 9


@pytest.mark.parametrize(
    ("total", "severity", "positive"),
    [
        (0, "minimal", False),
        (4, "minimal", False),
        (5, "mild", False),
        (9, "mild", False),
        (10, "moderate", True),
        (14, "moderate", True),
        (15, "severe", True),
        (21, "severe", True),
    ],
)
def test_gad7_band_edges(total: int, severity: str, positive: bool) -> None:
    result = GAD7.score(answers_for(GAD7, total))
    assert (result.total, result.severity, result.positive_screen) == (total, severity, positive)
    assert result.safety_alert is False
    assert result.max_total == 21


@pytest.mark.parametrize("screener", [PHQ2, GAD2], ids=lambda s: s.id)
@pytest.mark.parametrize(
    ("answers", "total", "severity"),
    [
        ({"1": 0, "2": 0}, 0, "negative"),
        ({"1": 1, "2": 1}, 2, "negative"),
        ({"1": 2, "2": 1}, 3, "positive"),
        ({"1": 0, "2": 3}, 3, "positive"),
        ({"1": 3, "2": 3}, 6, "positive"),
    ],
)
def test_two_item_screens_cut_off_at_3(
    screener: SummedScreener, answers: dict[str, int], total: int, severity: str
) -> None:
    result = screener.score(answers)
    assert result.total == total
    assert result.severity == severity
    assert result.positive_screen is (severity == "positive")
    assert result.safety_alert is False
    assert result.max_total == 6


def test_phq2_items_are_the_first_two_phq9_items() -> None:
    assert PHQ2.items == PHQ9.items[:2]
    assert GAD2.items == GAD7.items[:2]


def test_phq9_published_wording_and_labels() -> None:
    assert PHQ9.stem.startswith("Over the last 2 weeks, how often have you been bothered by")
    assert [c.label for c in PHQ9.items[0].choices] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert PHQ9.items[8].text.startswith("Thoughts that you would be better off dead")
    assert [item.id for item in PHQ9.items] == [str(i) for i in range(1, 10)]
    assert [item.id for item in GAD7.items] == [str(i) for i in range(1, 8)]


@pytest.mark.parametrize("total", [0, 5, 10, 15, 20])
def test_phq9_interpretation_is_a_screen_not_a_diagnosis(total: int) -> None:
    text = PHQ9.score(answers_for(PHQ9, total, spare="9")).interpretation
    assert "not a diagnosis" in text
    assert "you have depression" not in text.lower()
    if total >= 10:
        assert "doctor" in text


def test_interpretation_names_the_total() -> None:
    assert "total of 12" in GAD7.score(answers_for(GAD7, 12)).interpretation
