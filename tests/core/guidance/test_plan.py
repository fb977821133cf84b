"""Guidance for representative situations: what is ranked first, and what is held back."""

from __future__ import annotations

from nearer.core.assessment import assess
from nearer.core.guidance import build_plan
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.core.instruments.registry import get_screener
from nearer.core.knowledge import load
from tests import situations as s

GIVE_SPACE = {st.id for st in load().strategies if st.gives_space}


def test_burnout_withdrawal_puts_stress_first_and_gives_concrete_steps() -> None:
    plan = build_plan(score_connection_check(s.burnout_withdrawal()), country="US")
    assert plan.role == "reaching"
    assert not plan.has_safety_alert
    assert "pulled away" in plan.headline and "stress" in plan.headline.lower()
    assert len(plan.this_week) == 3
    assert len({r.strategy.practice for r in plan.this_week}) == 3
    top = plan.strategies[0]
    assert "stress_burnout" in top.strategy.fits_factors
    assert any("stress" in why.lower() for why in top.why)
    for rec in plan.this_week:
        assert rec.strategy.steps and rec.strategy.minutes > 0 and rec.why
        assert rec.strategy.audience in ("reaching", "both", "anyone")


def test_pursuer_distancer_is_told_about_the_cycle_and_offered_couple_help() -> None:
    plan = build_plan(score_connection_check(s.pursuer_distancer()))
    assert "pursue-withdraw" in plan.headline
    assert any("pursue-withdraw cycle" in line for line in plan.understanding)
    ranked_ids = [r.strategy.id for r in plan.strategies]
    fits_cycle = [r for r in plan.strategies[:5] if "pursue_withdraw" in r.strategy.fits_patterns]
    assert fits_cycle, ranked_ids[:5]
    assert {"couples_therapy", "eft"} <= {h.help_id for h in plan.professional}


def test_the_withdrawing_partner_gets_strategies_for_their_side() -> None:
    answers = s.pursuer_distancer()
    # The same couple seen from the other side: I am the one pulling back.
    flipped = {
        **answers,
        "p1.self": 0,
        "p3.self": 0,
        "p2.self": 4,
        "p1.partner": 4,
        "p3.partner": 4,
        "p2.partner": 0,
    }
    plan = build_plan(score_connection_check(flipped))
    assert plan.role == "withdrawing"
    assert all(r.strategy.audience in ("withdrawing", "both", "anyone") for r in plan.strategies)


def test_phq9_item9_positive_puts_crisis_first_and_drops_space_advice() -> None:
    screens = (get_screener("phq9").score(s.phq9(item9=1)),)
    plan = build_plan(score_connection_check(s.pursuer_distancer()), screens, country="GB")
    assert plan.has_safety_alert
    assert plan.safety[0].kind == "self_harm"
    assert plan.crisis.code == "GB" and plan.crisis.resources
    assert plan.headline.startswith("Your safety comes first")
    offered = {r.strategy.id for r in plan.strategies}
    assert not (offered & GIVE_SPACE)
    assert {x.strategy.id for x in plan.left_out} >= GIVE_SPACE
    assert plan.professional[0].urgency == "now"


def test_positive_safety_screen_means_no_give_space_advice_and_no_joint_therapy() -> None:
    answers = {**s.pursuer_distancer(), "screeners": {"safety": s.safety(positive=True)}}
    result = assess(answers, country="AU")
    plan = result.plan
    assert plan.has_safety_alert and plan.safety[0].kind == "partner_harm"
    offered = [r.strategy for r in plan.strategies]
    assert offered, "the person alone still gets safe practices"
    for strategy in offered:
        assert not strategy.gives_space
        assert "safety_concern" not in strategy.avoid_patterns
        assert strategy.audience != "both"
    assert not {"couples_therapy", "eft"} & {h.help_id for h in plan.professional}
    assert plan.crisis.code == "AU"
    assert any(r.kind == "domestic_violence" for r in plan.crisis.resources)


def test_self_harm_words_in_notes_raise_the_alert() -> None:
    answers = {**s.burnout_withdrawal(), "notes": "Some nights I just want to die."}
    plan = assess(answers).plan
    assert plan.has_safety_alert
    assert any(a.source == "free text" or "text" in a.source for a in plan.safety)


def test_no_alert_keeps_give_space_strategies_available_where_they_fit() -> None:
    plan = build_plan(score_connection_check(s.pursuer_distancer()))
    assert not plan.has_safety_alert
    assert not any("safety" in x.reason.lower() for x in plan.left_out)


def test_healthy_boundary_is_not_treated_as_a_problem() -> None:
    plan = build_plan(score_connection_check(s.healthy_boundary()))
    assert "healthy boundary" in plan.headline
    assert not any(h.urgency in ("now", "soon") for h in plan.professional)


def test_likely_depression_suggests_the_phq9_and_a_positive_phq9_refers() -> None:
    answers = {**s.mutual_drift(), "low_mood": "partner", "exhausted": "partner"}
    check = score_connection_check(answers)
    plan = build_plan(check)
    assert "phq9" in plan.suggested_screens
    screens = (get_screener("phq9").score(s.phq9(rest=2)),)
    referred = build_plan(check, screens)
    assert "phq9" not in referred.suggested_screens
    soon = {h.help_id for h in referred.professional if h.urgency == "soon"}
    assert {"individual_therapy", "cbt"} <= soon


def test_plan_json_never_contains_the_notes() -> None:
    secret = "He said something at dinner that hurt"
    result = assess({**s.burnout_withdrawal(), "notes": secret})
    import json

    assert secret not in json.dumps(result.to_dict())
