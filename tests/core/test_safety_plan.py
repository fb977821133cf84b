"""The safety plan: sections after Stanley & Brown (2012), round trip and validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.knowledge import load
from nearer.core.safety.plan import (
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    SECTION_IDS,
    SECTIONS,
    SafetyPlan,
    SafetyPlanError,
    lines_from_text,
    new_plan,
)


def test_sections_follow_the_safety_planning_intervention() -> None:
    assert SECTION_IDS == (
        "warning_signs",
        "coping_alone",
        "distractions",
        "people_to_ask",
        "professionals",
        "safer_surroundings",
        "reasons_for_living",
    )
    assert [s.optional for s in SECTIONS] == [False] * 6 + [True]
    assert all(s.prompt and s.examples for s in SECTIONS)


def test_a_new_plan_is_prefilled_with_the_country_crisis_lines() -> None:
    plan = new_plan(load().crisis_for("GB"))
    assert plan.country == "GB"
    assert plan.items("professionals") == (
        "Emergency (United Kingdom): 999 (112 also works)",
        "Samaritans: Call 116 123 (free)",
        "Shout: Text SHOUT to 85258",
    )
    assert plan.items("warning_signs") == ()


def test_round_trip_through_json_keeps_every_line() -> None:
    plan = SafetyPlan(
        {"warning_signs": ("I stop sleeping",), "reasons_for_living": ("My dog",)},
        "IE",
        "2026-12-01T10:00:00",
    )
    back = SafetyPlan.from_json(plan.to_json())
    assert back == SafetyPlan.from_dict(plan.to_dict())
    assert back.items("warning_signs") == ("I stop sleeping",)
    assert back.items("reasons_for_living") == ("My dog",)
    assert back.country == "IE" and back.updated_at == "2026-12-01T10:00:00"
    assert plan.to_dict()["format"] == "nearer-safety-plan"


def test_blank_lines_are_dropped_and_spaces_tidied() -> None:
    plan = SafetyPlan().with_items("coping_alone", ["  walk   outside ", "", "   "])
    assert plan.items("coping_alone") == ("walk outside",)
    assert lines_from_text("a\n\n b \r\nc") == ["a", " b ", "c"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'a safety plan must be a JSON object with a "sections" object.'),
        ({"sections": {"hobbies": []}}, "'hobbies' is not a part of the safety plan. Use one of: "),
        ({"sections": {"warning_signs": "tired"}}, '"warning_signs" must be a list'),
        ({"sections": {"warning_signs": [3]}}, 'line 1 of "warning_signs" must be text.'),
        ({"colour": "red"}, "'colour' is not a field of a safety plan. Remove it."),
        ({"format": "other"}, "this is not a safety plan file"),
        ({"version": 9}, "safety plan version 9 is not one this nearer reads"),
        ({"country": "Britain"}, "country 'Britain' is not a two-letter country code."),
    ],
)
def test_bad_plans_are_refused_with_one_line(data: object, message: str) -> None:
    with pytest.raises(SafetyPlanError) as caught:
        SafetyPlan.from_dict(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_limits_on_lines_and_length() -> None:
    with pytest.raises(SafetyPlanError, match=f"keep it to {MAX_ITEMS} or fewer"):
        SafetyPlan().with_items("distractions", [f"place {n}" for n in range(MAX_ITEMS + 1)])
    with pytest.raises(SafetyPlanError, match="characters long"):
        SafetyPlan().with_items("distractions", ["x" * (MAX_ITEM_CHARS + 1)])
    assert SafetyPlan().with_items("distractions", ["x" * MAX_ITEM_CHARS]).items("distractions")


def test_broken_json_is_a_plan_error() -> None:
    with pytest.raises(SafetyPlanError, match="not valid JSON"):
        SafetyPlan.from_json("{")


@given(
    st.dictionaries(
        st.sampled_from(SECTION_IDS),
        st.lists(st.text(min_size=1, max_size=40).filter(str.strip), max_size=MAX_ITEMS),
    )
)
def test_any_valid_plan_round_trips(sections: dict[str, list[str]]) -> None:
    plan = SafetyPlan.from_dict({"sections": sections})
    assert SafetyPlan.from_json(plan.to_json()) == plan


def test_wording_names_no_method() -> None:
    import re

    words = set(
        re.findall(
            r"[a-z]+", " ".join(s.prompt + " " + " ".join(s.examples) for s in SECTIONS).lower()
        )
    )
    methods = {
        "pill",
        "pills",
        "overdose",
        "rope",
        "hang",
        "jump",
        "bridge",
        "knife",
        "gun",
        "poison",
    }
    assert not words & methods
