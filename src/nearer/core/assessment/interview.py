"""The interactive Connection Check as a list of steps, recomputed from the answers so far.

The CLI (and later the web) walks these steps; going back is just moving to the previous
step, and quitting keeps the state, which ``to_answers`` turns into an answers file. The
context questions are asked as one checklist (pick what applies), then "whose?" for each
picked item, so a person answers twenty context questions in a few keystrokes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from nearer.core.instruments.base import Choice
from nearer.core.instruments.connection_check import definition
from nearer.core.instruments.note_reader import read_notes
from nearer.core.instruments.registry import get_screener

CHECKLIST = "_context"
SAFETY_PREFIX = "safety."
NOTES = "notes"
# "confirm.baby" asks whether the note was read right; to_answers turns a yes into the answer.
CONFIRM_PREFIX = "confirm."
YES_NO = (Choice("yes", "Yes, that's right"), Choice("no", "No, that's not right"))


@dataclass(frozen=True)
class Step:
    id: str
    section: str
    text: str
    kind: str  # "choice", "checklist" or "text"
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    about: str | None = None  # "self" or "partner" for statements


def steps(state: Mapping[str, Any]) -> list[Step]:
    """Every step to ask, given the answers so far (``state``)."""
    d = definition()
    out: list[Step] = []
    for domain in d.domains:
        for s in domain.statements:
            section = f"{domain.id}: {domain.intro}"
            out.append(Step(f"{s.id}.self", section, s.self_text, "choice", d.scale, False, "self"))
            out.append(
                Step(f"{s.id}.partner", section, s.partner_text, "choice", d.scale, True, "partner")
            )
    cycle = "cycle: Reaching and pulling back."
    for c in d.cycle:
        out.append(Step(f"{c.id}.self", cycle, c.self_text, "choice", d.scale, True, "self"))
        out.append(
            Step(f"{c.id}.partner", cycle, c.partner_text, "choice", d.scale, True, "partner")
        )
    for q in d.timeline:
        if q.id != "duration" and state.get("duration") == "none":
            continue
        out.append(
            Step(
                q.id,
                "timeline: How long, and how it began.",
                q.text,
                "choice",
                q.choices,
                q.id != "duration",
            )
        )
    checklist = [q for q in d.context if q.ask == "checklist" and not q.after]
    context_choices = tuple(Choice(q.id, q.text) for q in checklist)
    out.append(
        Step(
            CHECKLIST,
            "context: What is going on in your lives.",
            "Which of these are part of your life right now? Pick all that apply.",
            "checklist",
            context_choices,
            True,
        )
    )
    picked = state.get(CHECKLIST) or []
    for q in checklist:
        if q.id in picked and q.kind != "yesno":
            who = tuple(c for c in q.choices if c.value not in ("no",))
            text = f"{q.text} {q.who}" if q.who else q.text
            out.append(Step(q.id, "context: Whose life does it touch?", text, "choice", who))
        for follow in (f for f in d.context if f.after == q.id and q.id in picked):
            out.append(
                Step(
                    follow.id,
                    "context: Whose life does it touch?",
                    follow.text,
                    "choice",
                    follow.choices,
                    True,
                )
            )
    for q in d.context:
        if q.ask == "direct":
            out.append(
                Step(
                    q.id,
                    "circumstances: A few optional questions.",
                    q.text,
                    "choice",
                    q.choices,
                    True,
                )
            )
    safety = get_screener("safety")
    for item in safety.items:
        out.append(
            Step(
                f"{SAFETY_PREFIX}{item.id}",
                "safety: Feeling safe.",
                item.text,
                "choice",
                item.choices,
                item.optional,
            )
        )
    out.append(
        Step(
            NOTES,
            "notes",
            "Anything else you want to say about how things are? (It stays on this machine.)",
            "text",
            (),
            True,
        )
    )
    out.extend(_confirmations(state))
    return out


def _confirmations(state: Mapping[str, Any]) -> list[Step]:
    """One step per circumstance read from the note, asking the person to confirm it.

    Only for questions the person has not answered here (an answer always wins); a question
    left off the checklist counts as unanswered, so a note can still add it.
    """
    d = definition()
    picked = set(state.get(CHECKLIST) or [])
    out: list[Step] = []
    for reading in read_notes(state.get(NOTES)):
        answered = state.get(reading.question) is not None or reading.question in picked
        if answered:
            continue
        q = d.question(reading.question)
        text = (
            f'From your note ("{reading.words}") nearer reads: {q.text} '
            f"{q.label(reading.value)}. Is that right?"
        )
        out.append(
            Step(
                f"{CONFIRM_PREFIX}{reading.question}",
                "notes: Read from your note.",
                text,
                "choice",
                YES_NO,
                True,
            )
        )
    return out


def to_answers(state: Mapping[str, Any]) -> dict[str, Any]:
    """Turn interview state into an answers file (see ``nearer.core.assessment.sitting``)."""
    d = definition()
    answers: dict[str, Any] = {}
    picked = set(state.get(CHECKLIST) or [])
    asked_checklist = CHECKLIST in state
    for key, value in state.items():
        skip = key.startswith(("_", SAFETY_PREFIX, CONFIRM_PREFIX))
        if skip or value is None:
            continue
        answers[key] = value
    readings = {r.question: r.value for r in read_notes(state.get(NOTES))}
    declined: list[str] = []
    for key, value in state.items():
        if key.startswith(CONFIRM_PREFIX) and key.removeprefix(CONFIRM_PREFIX) in readings:
            question = key.removeprefix(CONFIRM_PREFIX)
            if value == "yes":
                answers[question] = readings[question]
            elif value == "no":
                declined.append(question)
    for q in d.context:
        if q.ask != "checklist" or q.after or q.id in answers:
            continue
        if q.id in picked and q.kind == "yesno":
            answers[q.id] = "yes"
        elif asked_checklist and q.id not in picked and q.id not in readings:
            answers[q.id] = "no"
    if declined:
        answers["not_from_notes"] = declined
    safety = {
        key.removeprefix(SAFETY_PREFIX): value
        for key, value in state.items()
        if key.startswith(SAFETY_PREFIX) and value is not None
    }
    if safety:
        answers["screeners"] = {"safety": safety}
    return answers
