"""Screeners outrank guesses, and no condition is named without the person's own answers."""

from __future__ import annotations

from typing import Any

from nearer.core.assessment import assess
from nearer.core.instruments.registry import get_screener
from tests import situations as s

LOW_MOOD_ME = {**s.mutual_drift(), "low_mood": "me", "exhausted": "me"}


def factor(plan_check: Any, factor_id: str) -> Any:
    return next((f for f in plan_check if f.factor == factor_id), None)


def plan_for(answers: dict[str, Any], **screeners: dict[str, Any]) -> Any:
    return assess({**answers, "screeners": screeners}).plan


def test_answers_alone_make_depression_likely() -> None:
    plan = plan_for(LOW_MOOD_ME)
    assert any(line.startswith("Depression (likely)") for line in plan.understanding)


def test_a_negative_phq9_caps_depression_at_possible_and_says_so() -> None:
    plan = plan_for(LOW_MOOD_ME, phq9=s.phq9(rest=0))
    line = next(x for x in plan.understanding if x.startswith("Depression"))
    assert line.startswith(
        "Depression (possible; your PHQ-9 screen was negative (0 of 27), so this "
        "is at most possible)"
    )
    assert not any("(likely" in x and "depression" in x.lower() for x in plan.understanding)
    assert not any(h.urgency in ("now", "soon") for h in plan.professional)


def test_a_negative_phq2_caps_it_too() -> None:
    plan = plan_for(LOW_MOOD_ME, phq2={"1": 1, "2": 1})
    assert any("PHQ-2 screen was negative (2 of 6)" in x for x in plan.understanding)


def test_my_negative_screen_says_nothing_about_my_partners_low_mood() -> None:
    answers = {
        **s.statements(s.WARM, s.DISTANT),
        **s.no_context(),
        "duration": "2m-6m",
        "low_mood": "partner",
        "exhausted": "partner",
    }
    plan = plan_for(answers, phq9=s.phq9(rest=0))
    line = next(x for x in plan.understanding if x.startswith("Depression"))
    assert line.startswith("Depression (likely):")


def test_a_positive_phq9_makes_depression_likely_with_a_referral_soon() -> None:
    plan = plan_for(s.stable_close(), phq9=s.phq9(rest=2))
    line = next(x for x in plan.understanding if x.startswith("Depression"))
    assert "(likely; your PHQ-9 screen was positive, 16 of 27)" in line
    soon = {h.help_id for h in plan.professional if h.urgency == "soon"}
    assert "individual_therapy" in soon


def test_a_positive_pc_ptsd_5_refers_to_trauma_focused_therapy() -> None:
    pcptsd5 = {"exposure": 1, "1": 1, "2": 1, "3": 1, "4": 0, "5": 0}
    plan = plan_for(s.stable_close(), pcptsd5=pcptsd5)
    assert any(x.startswith("Trauma and PTSD (likely; your PC-PTSD-5") for x in plan.understanding)
    soon = {h.help_id for h in plan.professional if h.urgency == "soon"}
    assert "trauma_therapy" in soon


def test_a_positive_audit_c_refers_to_alcohol_support_and_gad7_to_anxiety_help() -> None:
    plan = plan_for(
        s.stable_close(),
        auditc={"1": 4, "2": 2, "3": 2, "sex": "male"},
        gad7={str(i): 2 for i in range(1, 8)},
    )
    soon = {h.help_id for h in plan.professional if h.urgency == "soon"}
    assert {"substance_support", "cbt"} <= soon
    assert any(x.startswith("Substance use (likely") for x in plan.understanding)
    assert any(x.startswith("Anxiety (likely") for x in plan.understanding)


def test_a_positive_epds_refers_to_the_family_doctor_soon() -> None:
    worst = {str(i): 0 for i in range(1, 10)} | {"10": 3, "1": 3, "2": 3, "4": 3}
    assert get_screener("epds").score(worst).total == 27
    plan = plan_for(s.stable_close(), epds=worst)
    soon = {h.help_id for h in plan.professional if h.urgency == "soon"}
    assert "primary_care" in soon
    assert any("EPDS screen was positive, 27 of 30" in x for x in plan.understanding)


def test_i_have_a_diagnosis_alone_names_no_condition() -> None:
    plan = plan_for({**s.mutual_drift(), "health": "me"})
    words = " ".join((plan.headline, *plan.understanding)).lower()
    for named in ("personality", "borderline", "ptsd", "attachment", "other mental health"):
        assert named not in words, named
    assert any(x.startswith("Illness, injury or a health condition") for x in plan.understanding)


def test_numbness_alone_never_names_trauma_or_an_attachment_style() -> None:
    answers = {**s.mutual_drift(), "i1.self": 4, "i1.partner": 4, "duration": "gt2y"}
    factors = {f.factor for f in assess(answers).check.factors}
    assert not factors & {"trauma", "attachment_avoidant", "attachment_anxious"}
    with_answer = {**answers, "trauma": "partner"}
    assert "trauma" in {f.factor for f in assess(with_answer).check.factors}


def test_new_parents_with_a_positive_epds_see_the_gp_this_week() -> None:
    import json
    from pathlib import Path

    situation = Path(__file__).resolve().parent / "situations" / "new_parents.json"
    answers = json.loads(situation.read_text(encoding="utf-8"))["answers"]
    probable = {str(i): 0 for i in range(1, 10)} | {"10": 3, "1": 2, "2": 2, "4": 2}
    assert get_screener("epds").score(probable).total == 24
    plan = plan_for(answers, epds=probable)
    assert plan.this_week[0].strategy.id == "help_primary_care"
    assert "epds" not in plan.suggested_screens
    assert not plan.has_safety_alert
    harm = plan_for(answers, epds=probable | {"10": 2})
    assert harm.safety[0].kind == "self_harm"
    assert harm.this_week[0].strategy.id == "help_crisis_support"
    assert not {"couples_therapy", "eft"} & {h.help_id for h in harm.professional}


def test_every_help_item_says_for_whom_what_kind_how_soon_and_why() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "situations"
    import json

    seen = 0
    for path in sorted(folder.glob("*.json")):
        plan = assess(json.loads(path.read_text(encoding="utf-8"))["answers"]).plan
        for h in plan.professional:
            data = h.to_dict()
            assert data["for"] in ("you", "your partner", "both of you")
            assert data["kind"] and data["urgency"] in ("now", "soon", "consider")
            assert data["why"] and all(w.strip() for w in data["why"])
            seen += 1
    assert seen >= 15
