"""docs/screeners.md stays true: every screener is described and its error examples are real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nearer.core.errors import NearerError
from nearer.core.instruments.registry import SCREENERS, get_screener

DOC = (Path(__file__).resolve().parents[3] / "docs" / "screeners.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("screener_id", list(SCREENERS))
def test_every_screener_has_a_row(screener_id: str) -> None:
    assert f"| `{screener_id}` |" in DOC


def test_framing_is_screening_not_diagnosis() -> None:
    assert "screens, not diagnoses" in DOC


def _error_of(call: Any) -> str:
    with pytest.raises(NearerError) as caught:
        call()
    return str(caught.value)


def test_error_examples_are_what_the_code_says() -> None:
    block = DOC.split("## Errors", 1)[1].split("```")[1]
    documented = [line for line in block.splitlines() if line.strip()]
    phq9 = {str(i): 1 for i in range(1, 10)}
    pcptsd5 = {"exposure": 1, "1": 1, "2": 0, "3": 0, "5": 0}
    actual = [
        _error_of(lambda: get_screener("phq9").score({k: v for k, v in phq9.items() if k != "9"})),
        _error_of(lambda: get_screener("phq9").score(phq9 | {"3": 4})),
        _error_of(lambda: get_screener("phq2").score({"1": 0, "2": 0, "3": 0})),
        _error_of(lambda: get_screener("auditc").score({"1": 0, "2": 0, "3": 0, "sex": "f"})),
        _error_of(lambda: get_screener("pcptsd5").score(pcptsd5)),
        _error_of(lambda: get_screener("phq8")),
    ]
    assert documented == actual
