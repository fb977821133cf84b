"""Hypothesis properties over random valid answer vectors for every screener."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from nearer.core.instruments.auditc import AUDITC
from nearer.core.instruments.pcptsd5 import PCPTSD5
from nearer.core.instruments.phq_gad import GAD2, GAD7, PHQ2, PHQ9
from nearer.core.instruments.registry import SCREENERS
from nearer.core.instruments.safety_screen import SAFETY
from nearer.core.instruments.screener import Screener, SummedScreener

SUMMED: list[SummedScreener] = [PHQ9, PHQ2, GAD7, GAD2]


def answer_vectors(screener: Screener) -> st.SearchStrategy[dict[str, Any]]:
    """Every item given one of its allowed values (optional items sometimes left out)."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for item in screener.items:
        target = optional if item.optional else fields
        target[item.id] = st.sampled_from(item.values)
    return st.fixed_dictionaries(fields, optional=optional)


summed_cases = st.sampled_from(SUMMED).flatmap(
    lambda s: st.tuples(st.just(s), answer_vectors(s), answer_vectors(s))
)


def severity_rank(screener: SummedScreener, severity: str) -> int:
    if screener.bands:
        return [band.label for band in screener.bands].index(severity)
    return ["negative", "positive"].index(severity)


@given(summed_cases)
def test_summed_screeners(case: tuple[SummedScreener, dict[str, Any], dict[str, Any]]) -> None:
    screener, first, second = case
    a, b = screener.score(first), screener.score(second)
    for answers, result in ((first, a), (second, b)):
        assert result.total == sum(answers.values())
        assert 0 <= result.total <= screener.max_total
        assert result.positive_screen is (result.total >= screener.cutoff)
        if screener.bands:
            band = screener.band_for(result.total)
            assert result.severity == band.label
            assert band.low <= result.total <= band.high
        else:
            assert result.severity == ("positive" if result.positive_screen else "negative")
        expected_alert = screener.id == "phq9" and answers["9"] > 0
        assert result.safety_alert is expected_alert
        assert "not a diagnosis" in result.interpretation
    # Severity never goes down as the total goes up.
    if a.total <= b.total:
        assert severity_rank(screener, a.severity) <= severity_rank(screener, b.severity)
    else:
        assert severity_rank(screener, a.severity) >= severity_rank(screener, b.severity)


@given(answer_vectors(PHQ9))
def test_phq9_scores_the_same_from_text_values(answers: dict[str, int]) -> None:
    as_text = {key: str(value) for key, value in answers.items()}
    assert PHQ9.score(as_text) == PHQ9.score(answers)


@given(answer_vectors(PCPTSD5))
def test_pcptsd5(answers: dict[str, int]) -> None:
    if answers["exposure"] == 1:
        answers = answers | {str(i): answers.get(str(i), 0) for i in range(1, 6)}
    result = PCPTSD5.score(answers)
    symptoms = sum(answers.get(str(i), 0) for i in range(1, 6))
    expected = symptoms if answers["exposure"] == 1 else 0
    assert result.total == expected
    assert result.positive_screen is (expected >= 3)
    assert result.severity == ("positive" if expected >= 3 else "negative")
    assert result.safety_alert is False


@given(answer_vectors(AUDITC))
def test_auditc(answers: dict[str, Any]) -> None:
    result = AUDITC.score(answers)
    total = answers["1"] + answers["2"] + answers["3"]
    cutoff = 3 if answers["sex"] == "female" else 4
    assert result.total == total
    assert result.positive_screen is (total >= cutoff)
    assert result.details["heavy_drinking_occasions"] is (answers["3"] >= 1)
    assert result.safety_alert is False


@given(answer_vectors(SAFETY))
def test_safety_screen_any_yes(answers: dict[str, int]) -> None:
    result = SAFETY.score(answers)
    any_yes = any(value == 1 for value in answers.values())
    assert result.total == sum(answers.values())
    assert result.positive_screen is any_yes
    assert result.safety_alert is any_yes


any_screener = st.sampled_from(list(SCREENERS.values())).flatmap(
    lambda s: st.tuples(st.just(s), answer_vectors(s))
)


@given(any_screener)
def test_results_have_the_json_contract(case: tuple[Screener, dict[str, Any]]) -> None:
    screener, answers = case
    if screener.id == "pcptsd5" and answers["exposure"] == 1:
        answers = answers | {str(i): answers.get(str(i), 0) for i in range(1, 6)}
    data = screener.score(answers).to_dict()
    assert data["instrument"] == screener.id
    assert isinstance(data["total"], int) and 0 <= data["total"] <= data["max_total"]
    assert data["severity"] in {
        "minimal",
        "mild",
        "moderate",
        "moderately severe",
        "severe",
        "positive",
        "negative",
        "low",
        "possible depression",
        "probable depression",
    }
    assert isinstance(data["positive_screen"], bool)
    assert isinstance(data["safety_alert"], bool)
    assert "not a diagnosis" in data["interpretation"]
