"""The interactive check as steps: the checklist, its follow-ups and the answers it yields."""

from __future__ import annotations

from nearer.core.assessment.interview import CHECKLIST, steps, to_answers


def test_checklist_then_whose_question_only_for_picked_items() -> None:
    before = [s.id for s in steps({})]
    assert CHECKLIST in before and "recent_hurt" not in before
    checklist = next(s for s in steps({}) if s.id == CHECKLIST)
    assert all("?)" not in c.label for c in checklist.choices)
    picked = steps({CHECKLIST: ["recent_hurt", "fights"]})
    follow = next(s for s in picked if s.id == "recent_hurt")
    assert follow.text.endswith("Whose hurt is it?")
    assert [c.value for c in follow.choices] == ["me", "partner", "both", "unsure"]
    assert "fights" not in [s.id for s in picked]  # a yes/no item needs no follow-up


def test_to_answers_fills_unpicked_items_and_nests_the_safety_screen() -> None:
    state = {
        "c1.self": 3,
        CHECKLIST: ["stress", "fights"],
        "stress": "partner",
        "safety.afraid": 0,
        "c2.partner": None,
    }
    answers = to_answers(state)
    assert answers["stress"] == "partner" and answers["fights"] == "yes"
    assert answers["low_mood"] == "no"
    assert answers["screeners"] == {"safety": {"afraid": 0}}
    assert "c2.partner" not in answers and CHECKLIST not in answers


def test_no_distance_skips_onset_and_trend() -> None:
    ids = [s.id for s in steps({"duration": "none"})]
    assert "onset" not in ids and "trend" not in ids
