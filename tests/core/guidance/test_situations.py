"""Situations a couples therapist would recognise, each with the plan it must (and must not) get.

Each file in situations/ holds Connection Check answers (with notes and screeners where the
situation has them) and what is expected: the read-out, the circumstances, what was read from
the note, the steps that must and must not appear this week, strategies never offered, and
the professional help with whom it is for and how soon.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nearer.core.assessment import assess
from nearer.core.guidance import Plan
from nearer.core.guidance.screens import with_screens

FOLDER = Path(__file__).resolve().parent / "situations"
FILES = sorted(FOLDER.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def plan_of(path: Path) -> tuple[Any, Plan]:
    """The check as the plan reads it (screeners deciding their factors) and the plan."""
    result = assess(load(path)["answers"], country="GB")
    return with_screens(result.check, result.screens), result.plan


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_situation_gets_the_plan_it_needs(path: Path) -> None:
    expect = load(path)["expect"]
    check, plan = plan_of(path)
    readout = {
        "boundary": check.boundary.label,
        "course": check.course.label,
        "sidedness": check.sidedness.label,
        "cycle": check.cycle.label,
    }
    assert readout == expect["readout"]
    assert sorted(f.factor for f in check.factors if f.likelihood == "likely") == expect["likely"]
    assert plan.role == expect["role"]
    assert sorted(c.id for c in check.circumstances) == sorted(expect["circumstances"])
    assert [r.question for r in check.from_notes] == expect["from_notes"]
    week = [r.strategy.id for r in plan.this_week]
    assert len(week) == 3
    for step in expect["this_week_must"]:
        assert step in week, (step, week)
    for step in expect["this_week_must_not"]:
        assert step not in week, (step, week)
    offered = {r.strategy.id for r in plan.strategies} | set(week)
    for strategy in expect["never"]:
        assert strategy not in offered, strategy
    help_given = {(h.help_id, h.for_whom, h.urgency) for h in plan.professional}
    for help_id, for_whom, urgency in expect["help"]:
        assert (help_id, for_whom, urgency) in help_given, (help_id, help_given)
    if not expect["help"]:
        assert not plan.professional, help_given
    for help_id in expect["help_never"]:
        assert help_id not in {h.help_id for h in plan.professional}
    if "screens" in expect:
        for screen in expect["screens"]:
            assert screen in plan.suggested_screens


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_step_says_why_from_the_answers(path: Path) -> None:
    _, plan = plan_of(path)
    for step in plan.this_week:
        assert step.why, step.strategy.id
        # Each reason quotes an answer, a screen, an index or the note it was read from.
        quoted = [w for w in step.why if '"' in w or "screen" in w or "index" in w or "note" in w]
        assert quoted, (step.strategy.id, step.why)
        assert step.strategy.steps and step.strategy.minutes > 0


def test_no_two_situations_share_this_weeks_three_steps() -> None:
    weeks: dict[frozenset[str], str] = {}
    for path in FILES:
        _, plan = plan_of(path)
        week = frozenset(r.strategy.id for r in plan.this_week)
        assert week not in weeks, f"{path.stem} and {weeks.get(week)} get the same week"
        weeks[week] = path.stem
    assert len(weeks) == len(FILES) >= 14


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_help_due_now_or_soon_is_in_this_weeks_steps(path: Path) -> None:
    _, plan = plan_of(path)
    due = [h for h in plan.professional if h.urgency in ("now", "soon")]
    week = [r.strategy.id for r in plan.this_week]
    if due:
        assert f"help_{due[0].help_id}" in week
    # Never a week made only of steps that need the partner to join.
    assert any(r.strategy.audience != "both" for r in plan.this_week)


def test_a_partner_harm_alert_leaves_out_accommodation_joint_steps_and_couples_therapy() -> None:
    from nearer.core.knowledge import load as load_kb

    kb = load_kb()
    accommodation = {s.id for s in kb.strategies if s.accommodates}
    assert {"listen_to_understand", "small_reliable_acts", "welcome_a_share"} <= accommodation
    joint = {s.id for s in kb.strategies if s.audience == "both"}
    _, plan = plan_of(FOLDER / "controlling_partner.json")
    assert any(a.kind == "partner_harm" for a in plan.safety)
    offered = {r.strategy.id for r in plan.strategies} | {r.strategy.id for r in plan.this_week}
    assert not offered & accommodation
    assert not offered & joint
    assert not {h.help_id for h in plan.professional} & {"couples_therapy", "eft"}
    left = {x.strategy.id for x in plan.left_out}
    assert accommodation <= left and joint <= left


def test_a_refusal_read_from_the_note_is_shown_with_its_words() -> None:
    _, plan = plan_of(FOLDER / "pursuer_refuses.json")
    assert plan.from_notes == (
        (
            "Would your partner be willing to get help together, such as couples counselling? "
            "No, my partner has said no",
            "She refuses to see a counsellor, she says it's my problem",
        ),
    )
    assert "refuses to see" not in json.dumps(plan.to_dict())
