"""The Connection Check: items, validation, indexes, bands and the pattern read-out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.errors import AnswerError
from nearer.core.instruments.connection_check import BANDS, band, definition
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.core.knowledge import load
from tests import situations as s


def test_every_domain_has_statements_about_both_people() -> None:
    kb = load()
    d = definition()
    assert {dom.id for dom in d.domains} == {dom.id for dom in kb.domains}
    for dom in d.domains:
        assert len(dom.statements) >= 4
        assert {st.direction for st in dom.statements} == {"distance", "closeness"}
    ids = [item.id for item in d.items()]
    assert len(ids) == len(set(ids))
    assert "c1.self" in ids and "c1.partner" in ids and "duration" in ids


def test_context_covers_the_causes_the_knowledge_base_names() -> None:
    asked = {f for q in definition().context for f in q.factors}
    kb_factors = {f.id for f in load().factors}
    assert asked <= kb_factors
    assert {
        "stress_burnout",
        "depression",
        "medication",
        "substance_use",
        "past_pain",
        "trauma",
        "different_needs",
        "chosen_boundary",
        "unresolved_conflict",
    } <= asked


def test_close_couple_scores_low_and_reads_as_little_distance() -> None:
    r = score_connection_check(s.stable_close())
    # WARM answers every statement one step from the close end: 25 of 100 per domain.
    assert [d.self_index for d in r.domains] == [25] * 6
    assert r.overall_self == 25 and r.band_self == "some distance"
    assert r.cycle.label == "no_cycle"
    assert r.course.label == "none"
    assert r.factors == ()


def test_indexes_follow_the_answers_exactly() -> None:
    answers = s.statements(s.CLOSE, s.WALLED)
    answers["duration"] = "gt2y"
    r = score_connection_check(answers)
    assert r.overall_self == 0 and r.band_self == "close"
    assert r.overall_partner == 100 and r.band_partner == "deep distance"
    assert r.sidedness.label == "one_sided" and r.sidedness.who == "partner"


def test_partner_items_may_be_skipped_but_not_all_of_a_domain() -> None:
    answers = s.statements(s.WARM, None)
    answers["duration"] = "lt2w"
    answers["i1.partner"] = 4
    r = score_connection_check(answers)
    assert r.domain("inner").partner_index is None  # one answer of four is too few
    assert r.overall_partner is None
    assert r.sidedness.label == "unknown"


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "close"),
        (19, "close"),
        (20, "some distance"),
        (39, "some distance"),
        (40, "clear distance"),
        (59, "clear distance"),
        (60, "deep distance"),
        (100, "deep distance"),
    ],
)
def test_band_edges(index: int, expected: str) -> None:
    assert band(index) == expected
    assert BANDS[-1][0] > 100


def test_missing_about_me_answer_names_the_item() -> None:
    answers = s.stable_close()
    del answers["c3.self"]
    with pytest.raises(
        AnswerError, match=r"item 'c3.self' is missing; give an integer from 0 to 4"
    ):
        score_connection_check(answers)


def test_out_of_range_and_unknown_answers_are_refused() -> None:
    answers = s.stable_close()
    answers["a1.self"] = 7
    with pytest.raises(
        AnswerError, match=r"'a1.self': 7 is not allowed; give an integer from 0 to 4"
    ):
        score_connection_check(answers)
    answers = s.stable_close()
    answers["c9.self"] = 1
    with pytest.raises(AnswerError, match=r"unknown item 'c9.self'"):
        score_connection_check(answers)
    answers = s.stable_close()
    answers["duration"] = "forever"
    with pytest.raises(AnswerError, match=r"'duration'.*one of 'none', 'lt2w'"):
        score_connection_check(answers)


def test_burnout_withdrawal_reads_situational_one_sided_with_stress_first() -> None:
    r = score_connection_check(s.burnout_withdrawal())
    assert r.course.label == "situational"
    assert r.sidedness.label == "one_sided" and r.sidedness.who == "partner"
    top = r.factors[0]
    assert top.factor == "stress_burnout" and top.whose == "partner" and top.likelihood == "likely"
    assert {d.item for d in top.drivers} >= {"stress", "exhausted"}


def test_pursuer_distancer_names_the_cycle_and_who_pursues() -> None:
    r = score_connection_check(s.pursuer_distancer())
    assert r.cycle.label == "pursue_withdraw" and r.cycle.who == "me"
    assert "pursue_withdraw" in r.patterns and "persistent" in r.patterns
    needs = next(f for f in r.factors if f.factor == "different_needs")
    assert needs.likelihood == "likely"
    assert {d.item for d in needs.drivers} == {"needs", "p1-p3", "independence"}


def test_healthy_boundary_is_told_apart_from_detachment() -> None:
    r = score_connection_check(s.healthy_boundary())
    assert r.boundary.label == "healthy_boundary"
    walled = {**s.healthy_boundary(), "i1.self": 4, "i2.self": 4}
    assert score_connection_check(walled).boundary.label == "mixed"
    assert "unhealthy_detachment" in score_connection_check(walled).patterns


def test_mutual_drift_is_mutual_and_persistent() -> None:
    r = score_connection_check(s.mutual_drift())
    assert r.sidedness.label == "mutual"
    assert r.course.label == "persistent"
    assert r.boundary.label == "unhealthy_detachment"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=48, max_size=48))
def test_indexes_stay_in_range_and_rise_with_distance(values: list[int]) -> None:
    d = definition()
    answers: dict[str, object] = {"duration": "2m-6m"}
    for item, value in zip(
        [i for i in d.items() if i.id[-5:] in (".self", "rtner") and i.id[0] != "p"],
        values,
        strict=False,
    ):
        answers[item.id] = value
    r = score_connection_check(answers)
    for dom in r.domains:
        assert dom.self_index is not None and 0 <= dom.self_index <= 100
    # Moving one distance statement up one step never lowers that domain's index.
    target = next(x for x in d.statements if x.direction == "distance")
    key = f"{target.id}.self"
    if answers[key] != 4:
        before = r.domain(target.domain).self_index
        answers[key] = int(answers[key]) + 1  # type: ignore[call-overload]
        after = score_connection_check(answers).domain(target.domain).self_index
        assert after is not None and before is not None and after > before


def test_statement_hints_live_in_the_definition_and_name_known_factors() -> None:
    from pathlib import Path

    import nearer.core.instruments.connection_scoring as scoring

    d = definition()
    kb_factors = {f.id for f in load().factors}
    hinted = {f for x in d.statements for w in x.hints.values() for f in w}
    assert hinted and hinted <= kb_factors
    assert {x.id for x in d.statements if x.warning_sign} == {"i1", "i2", "i4", "r2"}
    # No statement id is written into the scorer or the read-out.
    for module in ("connection_scoring.py", "connection_readout.py"):
        code = (Path(scoring.__file__).parent / module).read_text(encoding="utf-8")
        for statement in d.statements:
            assert f'"{statement.id}"' not in code, (module, statement.id)


def test_a_hint_added_to_the_definition_changes_the_factors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    import nearer.core.instruments.connection_scoring as scoring

    d = definition()
    c4 = d.statement("c4")
    patched_c4 = dataclasses.replace(c4, hints={"partner": {"stress_burnout": 3}})
    domains = tuple(
        dataclasses.replace(
            dom, statements=tuple(patched_c4 if x.id == "c4" else x for x in dom.statements)
        )
        for dom in d.domains
    )
    monkeypatch.setattr(scoring, "definition", lambda: dataclasses.replace(d, domains=domains))
    answers = {**s.stable_close(), "c4.partner": 4}
    factor = next(f for f in scoring.score_connection_check(answers).factors)
    assert (factor.factor, factor.likelihood, factor.whose) == (
        "stress_burnout",
        "possible",
        "partner",
    )
    assert factor.drivers[0].item == "c4.partner"


def test_every_circumstance_the_check_names_is_known_to_the_knowledge_base() -> None:
    from nearer.core.knowledge.records import CIRCUMSTANCES

    named: set[str] = set()
    for q in definition().context:
        named |= {q.circumstance} - {""}
        for ids in q.circumstance_by_value.values():
            named |= set(ids)
        for value in q.circumstance_by_value:
            assert value in [c.value for c in q.choices], (q.id, value)
        assert all(c.value == "prefer_not" for c in q.choices if c.label == "Prefer not to say")
        assert "prefer_not" in [c.value for c in q.choices], q.id
    assert named == set(CIRCUMSTANCES)
