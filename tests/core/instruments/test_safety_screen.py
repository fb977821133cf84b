"""The safety screen: any yes is positive and an alert; safety comes first in the text."""

from __future__ import annotations

import pytest

from nearer.core.errors import AnswerError
from nearer.core.instruments.safety_screen import SAFETY

REQUIRED = ("afraid", "controlled", "threatened", "hurt", "forced_sex")


def all_no() -> dict[str, int]:
    return {item_id: 0 for item_id in REQUIRED}


def test_all_no_is_negative() -> None:
    result = SAFETY.score(all_no())
    assert result.total == 0
    assert result.severity == "negative"
    assert result.positive_screen is False
    assert result.safety_alert is False
    assert "alert_kind" not in result.details


@pytest.mark.parametrize("item_id", [*REQUIRED, "others_afraid"])
def test_any_single_yes_is_positive_with_alert(item_id: str) -> None:
    result = SAFETY.score(all_no() | {item_id: 1})
    assert result.total == 1
    assert result.severity == "positive"
    assert result.positive_screen is True
    assert result.safety_alert is True
    assert result.details["endorsed"] == [item_id]
    assert result.details["alert_kind"] == "partner_harm"


def test_positive_text_puts_safety_first_and_does_not_blame() -> None:
    text = SAFETY.score(all_no() | {"afraid": 1}).interpretation
    assert text.startswith("Your safety comes first.")
    assert "None of that is your fault" in text
    assert "emergency" in text
    assert "not a diagnosis" in text


def test_children_and_pets_item_is_optional() -> None:
    assert SAFETY.item("others_afraid").optional is True
    assert SAFETY.score(all_no()).max_total == 6


def test_words_are_not_accepted_only_0_and_1() -> None:
    with pytest.raises(AnswerError) as caught:
        SAFETY.score(all_no() | {"hurt": "yes"})
    assert str(caught.value) == "safety item 'hurt': 'yes' is not allowed; give one of 0, 1."


def test_a_missing_question_is_named() -> None:
    answers = all_no()
    del answers["threatened"]
    with pytest.raises(AnswerError) as caught:
        SAFETY.score(answers)
    assert str(caught.value) == "safety item 'threatened' is missing; give one of 0, 1."
