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
    assert [c.value for c in follow.choices] == ["me", "partner", "both", "unsure", "prefer_not"]
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


def test_circumstance_questions_are_optional_and_allow_prefer_not_to_say() -> None:
    by_id = {st.id: st for st in steps({})}
    for question in ("baby", "apart", "help_together"):
        assert by_id[question].optional
        assert "prefer_not" in [c.value for c in by_id[question].choices]
    checklist = [c.value for c in by_id[CHECKLIST].choices]
    assert {"grief", "illness", "crunch", "shift_work", "small_children"} <= set(checklist)
    assert "crunch_ends" not in by_id and "crunch_ends" not in checklist
    after = {st.id for st in steps({CHECKLIST: ["crunch"]})}
    assert "crunch_ends" in after
    # Direct questions are never filled with "no" for the person.
    answers = to_answers({CHECKLIST: []})
    assert "help_together" not in answers and "apart" not in answers and "baby" not in answers


def test_the_note_is_read_back_for_confirmation() -> None:
    note = "Our son is three months old and she refuses to see a counsellor."
    state = {CHECKLIST: [], "notes": note}
    confirm = [st for st in steps(state) if st.id.startswith("confirm.")]
    assert [st.id for st in confirm] == ["confirm.baby", "confirm.help_together"]
    assert '"Our son is three months old and she refuses to see a counsellor"' in confirm[0].text
    assert "Yes, three to twelve months ago. Is that right?" in confirm[0].text
    answers = to_answers({**state, "confirm.baby": "yes", "confirm.help_together": "no"})
    assert answers["baby"] == "3to12m"
    assert "help_together" not in answers and answers["not_from_notes"] == ["help_together"]
    from nearer.core.assessment import assess

    check = assess(
        {
            **answers,
            **{k: 2 for k in (st.id for st in steps({}) if st.about == "self")},
            "duration": "2m-6m",
        }
    ).check
    assert check.has("new_baby") and not check.has("partner_refuses_help")


def test_an_explicit_answer_here_means_no_confirmation_is_asked() -> None:
    state = {CHECKLIST: ["medication"], "medication": "partner", "notes": "I'm on sertraline"}
    assert not [st for st in steps(state) if st.id.startswith("confirm.")]
    # Left off the checklist, the note's reading is still open until confirmed or declined.
    open_state = {CHECKLIST: [], "notes": "I'm on sertraline"}
    assert [st.id for st in steps(open_state) if st.id.startswith("confirm.")] == [
        "confirm.medication"
    ]
    assert "medication" not in to_answers(open_state)
