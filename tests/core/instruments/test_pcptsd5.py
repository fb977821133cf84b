"""PC-PTSD-5: the exposure gate, the cut-off of 3, and the missing-item rule."""

from __future__ import annotations

import pytest

from nearer.core.errors import AnswerError
from nearer.core.instruments.pcptsd5 import PCPTSD5


def exposed(*yes: str) -> dict[str, int]:
    return {"exposure": 1} | {str(i): int(str(i) in yes) for i in range(1, 6)}


def test_no_exposure_needs_no_items_and_is_negative() -> None:
    result = PCPTSD5.score({"exposure": 0})
    assert result.total == 0
    assert result.severity == "negative"
    assert result.positive_screen is False
    assert result.safety_alert is False
    assert result.details == {"cutoff": 3, "exposure": 0, "items_asked": False}
    assert "not a diagnosis" in result.interpretation


def test_no_exposure_ignores_symptom_answers_given_anyway() -> None:
    answers = {"exposure": 0} | {str(i): 1 for i in range(1, 6)}
    result = PCPTSD5.score(answers)
    assert (result.total, result.positive_screen) == (0, False)


def test_no_exposure_still_checks_values_given() -> None:
    with pytest.raises(
        AnswerError, match=r"pcptsd5 item '2': 7 is not allowed; give one of 0, 1\."
    ):
        PCPTSD5.score({"exposure": 0, "2": 7})


@pytest.mark.parametrize(
    ("yes", "total", "positive"),
    [
        ((), 0, False),
        (("1",), 1, False),
        (("1", "4"), 2, False),
        (("1", "2", "3"), 3, True),
        (("2", "4", "5"), 3, True),
        (("1", "2", "3", "4"), 4, True),
        (("1", "2", "3", "4", "5"), 5, True),
    ],
)
def test_cut_off_is_three(yes: tuple[str, ...], total: int, positive: bool) -> None:
    result = PCPTSD5.score(exposed(*yes))
    assert result.total == total
    assert result.positive_screen is positive
    assert result.severity == ("positive" if positive else "negative")
    assert result.details["items_asked"] is True
    assert result.max_total == 5


def test_exposure_with_a_missing_item_names_it() -> None:
    answers = exposed("1")
    del answers["4"]
    with pytest.raises(AnswerError) as caught:
        PCPTSD5.score(answers)
    assert str(caught.value) == (
        "pcptsd5 item '4' is missing; give one of 0, 1 "
        "(all five items are needed when 'exposure' is 1)."
    )


def test_exposure_itself_is_required() -> None:
    with pytest.raises(AnswerError) as caught:
        PCPTSD5.score({"1": 1})
    assert str(caught.value) == "pcptsd5 item 'exposure' is missing; give one of 0, 1."


def test_positive_text_points_to_a_clinician() -> None:
    text = PCPTSD5.score(exposed("1", "2", "3")).interpretation
    assert "clinician" in text and "not a diagnosis" in text
    assert "you have ptsd" not in text.lower()
