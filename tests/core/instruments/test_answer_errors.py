"""Bad answers raise AnswerError with one line naming the item and the allowed values."""

from __future__ import annotations

from typing import Any

import pytest

from nearer.core.errors import AnswerError
from nearer.core.instruments.registry import SCREENERS, get_screener
from nearer.core.instruments.screener import Screener


def valid_answers(screener: Screener) -> dict[str, Any]:
    """The lowest value of every required item (and exposure 1 so PC-PTSD-5 asks them all)."""
    answers: dict[str, Any] = {item.id: item.values[0] for item in screener.items}
    if screener.id == "pcptsd5":
        answers["exposure"] = 1
    return answers


def message(screener_id: str, answers: Any) -> str:
    with pytest.raises(AnswerError) as caught:
        get_screener(screener_id).score(answers)
    text = str(caught.value)
    assert "\n" not in text
    return text


def phq9_with(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {str(i): 1 for i in range(1, 10)}
    for key, value in changes.items():
        answers[key.lstrip("_")] = value
    return answers


def test_missing_item() -> None:
    answers = phq9_with()
    del answers["9"]
    assert message("phq9", answers) == "phq9 item '9' is missing; give an integer from 0 to 3."


def test_null_counts_as_missing() -> None:
    assert message("gad7", {str(i): 0 for i in range(1, 7)} | {"7": None}) == (
        "gad7 item '7' is missing; give an integer from 0 to 3."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [(4, "4"), (-1, "-1"), ("5", "'5'"), (1.5, "1.5"), ("often", "'often'"), ([1], "[1]")],
)
def test_out_of_range_or_wrong_type(value: Any, shown: str) -> None:
    assert message("phq9", phq9_with(_3=value)) == (
        f"phq9 item '3': {shown} is not allowed; give an integer from 0 to 3."
    )


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_refused(value: bool) -> None:
    assert message("phq2", {"1": 0, "2": value}) == (
        f"phq2 item '2': {value!r} is not allowed; give an integer from 0 to 3."
    )


def test_unknown_item_lists_the_items() -> None:
    assert message("phq2", {"1": 0, "2": 0, "3": 1}) == (
        "phq2: unknown item '3'; the items are 1, 2."
    )


def test_auditc_range_is_0_to_4() -> None:
    assert message("auditc", {"1": 5, "2": 0, "3": 0, "sex": "male"}) == (
        "auditc item '1': 5 is not allowed; give an integer from 0 to 4."
    )


def test_pcptsd5_yes_no_items() -> None:
    assert message("pcptsd5", {"exposure": 2}) == (
        "pcptsd5 item 'exposure': 2 is not allowed; give one of 0, 1."
    )


@pytest.mark.parametrize("answers", [[1, 2, 3], "1,2", 3])
def test_answers_must_be_an_object(answers: Any) -> None:
    assert message("gad2", answers) == (
        'gad2: answers must be a JSON object mapping item id to value, e.g. {"1": 0}.'
    )


@pytest.mark.parametrize("screener", SCREENERS.values(), ids=lambda s: s.id)
def test_every_required_item_is_checked(screener: Screener) -> None:
    screener.score(valid_answers(screener))  # the baseline is valid
    for item in screener.items:
        if item.optional:
            continue
        answers = valid_answers(screener)
        del answers[item.id]
        with pytest.raises(AnswerError) as caught:
            screener.score(answers)
        assert f"item {item.id!r} is missing; give {item.allowed_text()}" in str(caught.value)


@pytest.mark.parametrize("screener", SCREENERS.values(), ids=lambda s: s.id)
def test_every_item_refuses_an_unlisted_value(screener: Screener) -> None:
    for item in screener.items:
        answers = valid_answers(screener) | {item.id: 99}
        with pytest.raises(AnswerError) as caught:
            screener.score(answers)
        assert str(caught.value) == (
            f"{screener.id} item {item.id!r}: 99 is not allowed; give {item.allowed_text()}."
        )
