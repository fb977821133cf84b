"""AUDIT-C: sex-specific cut-offs at their edges, the heavy-occasion note, and the sex item."""

from __future__ import annotations

import pytest

from nearer.core.errors import AnswerError
from nearer.core.instruments.auditc import AUDITC


def answers(q1: int, q2: int, q3: int, sex: str) -> dict[str, object]:
    return {"1": q1, "2": q2, "3": q3, "sex": sex}


@pytest.mark.parametrize(
    ("q", "sex", "total", "positive"),
    [
        ((0, 0, 0), "female", 0, False),
        ((2, 0, 0), "female", 2, False),
        ((2, 1, 0), "female", 3, True),
        ((3, 0, 0), "female", 3, True),
        ((4, 4, 4), "female", 12, True),
        ((0, 0, 0), "male", 0, False),
        ((2, 1, 0), "male", 3, False),
        ((1, 1, 1), "male", 3, False),
        ((2, 1, 1), "male", 4, True),
        ((4, 0, 0), "male", 4, True),
        ((4, 4, 4), "male", 12, True),
    ],
)
def test_sex_specific_cut_offs(
    q: tuple[int, int, int], sex: str, total: int, positive: bool
) -> None:
    result = AUDITC.score(answers(*q, sex))
    assert result.total == total
    assert result.positive_screen is positive
    assert result.severity == ("positive" if positive else "negative")
    assert result.details["cutoff"] == (3 if sex == "female" else 4)
    assert result.safety_alert is False
    assert result.max_total == 12


def test_same_total_differs_by_sex() -> None:
    assert AUDITC.score(answers(2, 1, 0, "female")).positive_screen is True
    assert AUDITC.score(answers(2, 1, 0, "male")).positive_screen is False


def test_sex_is_case_insensitive() -> None:
    result = AUDITC.score(answers(2, 1, 0, " Female "))
    assert result.details["sex"] == "female"
    assert result.positive_screen is True


def test_sex_is_required_and_named_in_the_error() -> None:
    with pytest.raises(AnswerError) as caught:
        AUDITC.score({"1": 1, "2": 1, "3": 1})
    assert str(caught.value) == "auditc item 'sex' is missing; give one of 'female', 'male'."


def test_unknown_sex_value_is_refused() -> None:
    with pytest.raises(AnswerError) as caught:
        AUDITC.score(answers(1, 1, 1, "f"))
    assert str(caught.value) == (
        "auditc item 'sex': 'f' is not allowed; give one of 'female', 'male'."
    )


@pytest.mark.parametrize("q3", [1, 2, 3, 4])
def test_heavy_occasions_noted_even_below_cut_off(q3: int) -> None:
    result = AUDITC.score(answers(0, 0, q3, "male"))
    assert result.details["heavy_drinking_occasions"] is True
    assert "binge drinking" in result.interpretation
    label = AUDITC.item("3").choices[q3].label.lower()
    assert f"({label})" in result.interpretation


def test_no_heavy_occasion_note_when_item3_is_never() -> None:
    result = AUDITC.score(answers(4, 4, 0, "male"))
    assert result.details["heavy_drinking_occasions"] is False
    assert "binge" not in result.interpretation


def test_points_only_from_frequency_are_flagged() -> None:
    result = AUDITC.score(answers(4, 0, 0, "male"))
    assert result.positive_screen is True
    assert result.details["only_frequency"] is True
    assert "how often you drink, not how much" in result.interpretation
    assert AUDITC.score(answers(3, 1, 0, "male")).details["only_frequency"] is False


def test_interpretation_is_a_screen() -> None:
    text = AUDITC.score(answers(3, 3, 3, "female")).interpretation
    assert "cut-off of 3 for women" in text
    assert "not a diagnosis" in text
    assert "doctor" in text
    assert "alcoholic" not in text.lower()


def test_to_dict_lists_both_cut_offs() -> None:
    assert AUDITC.to_dict()["cutoff"] == {"female": 3, "male": 4}
