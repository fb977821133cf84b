"""The Connection Check one screen at a time, over a draft saved on the server.

The screens are the instrument's sections (``instruments``), then the notes, then, when the
note plainly says something the person did not answer, one screen asking them to confirm
each reading, as the terminal check does (``nearer.core.assessment.interview``). A
follow-up question (``after`` in the check's TOML, such as when a busy stretch ends) is on
its screen only once the question it follows was answered yes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import ceil
from typing import Any

from django import forms

from nearer.core.assessment.interview import CONFIRM_PREFIX, NOTES, YES_NO
from nearer.core.instruments.base import Item
from nearer.core.instruments.connection_check import NO_ANSWER_VALUES, definition
from nearer.core.instruments.note_reader import NoteReading, read_notes
from nearer.web.assessments.forms import CANT_TELL, field_name
from nearer.web.assessments.instruments import (
    CONNECTION_CHECK,
    NOT_FROM_NOTES,
    NOTES_LABEL,
    NOTES_LIMIT,
    instrument,
)

SHARED = "_shared"
# "Skip / can't tell" has a value of its own, so that no answer shows as picked before the
# person picks one (an empty value would show as checked).
SKIP = "skip"
SKIPPED = "_skipped"  # optional questions the person chose to skip, to show them as skipped
# About ten minutes for the whole check (docs/connection-check.md): some 80 answers at about
# seven seconds each, the note a minute. nearer's own estimate, shown rounded up.
SECONDS_PER_ANSWER = 7
SECONDS_FOR_NOTES = 60


@dataclass(frozen=True)
class Screen:
    key: str
    title: str
    intro: str
    items: tuple[Item, ...] = ()
    notes: bool = False
    readings: tuple[NoteReading, ...] = ()


def follow_ups() -> dict[str, str]:
    """Follow-up question id -> the question it follows (``after`` in the TOML)."""
    return {q.id: q.after for q in definition().context if q.after}


def said_yes(value: object) -> bool:
    """A yes of any kind (yes, me, my partner, both): not no, not sure or prefer not."""
    return value is not None and str(value) not in NO_ANSWER_VALUES


def pending_readings(draft: Mapping[str, Any]) -> tuple[NoteReading, ...]:
    """What the note says that the person has not answered on the screens."""
    notes = draft.get(NOTES)
    if not isinstance(notes, str):
        return ()
    return tuple(r for r in read_notes(notes) if draft.get(r.question) is None)


def screens(draft: Mapping[str, Any]) -> list[Screen]:
    after = follow_ups()
    out: list[Screen] = []
    for n, section in enumerate(instrument(CONNECTION_CHECK).sections):
        items = tuple(
            i for i in section.items if i.id not in after or said_yes(draft.get(after[i.id]))
        )
        out.append(Screen(f"s{n}", section.title, section.intro, items))
    out.append(Screen("notes", "Anything else", "Optional. Only you see it.", notes=True))
    readings = pending_readings(draft)
    if readings:
        out.append(
            Screen(
                "confirm",
                "Read from your note",
                "Your note seems to answer these. Is each one right? A yes counts as your "
                "answer; a no means nearer leaves it out.",
                readings=readings,
            )
        )
    return out


def confirm_field(question: str) -> str:
    return f"confirm__{question}"


def reading_text(reading: NoteReading) -> str:
    q = definition().question(reading.question)
    return f"{q.text} {q.label(reading.value)}"


def screen_form(
    screen: Screen, draft: Mapping[str, Any], data: Any = None, last: bool = False
) -> forms.Form:
    """A form for one screen, filled from the draft. Questions may be left on any screen
    while going back; going forward, the required ones must be answered. The share box is
    on the last screen only."""
    fields: dict[str, forms.Field] = {}
    initial: dict[str, Any] = {}
    for item in screen.items:
        choices = [(str(c.value), c.label) for c in item.choices]
        if item.optional:
            choices.append((SKIP, "Skip / can't tell"))
        name = field_name(item.id)
        fields[name] = forms.ChoiceField(
            label=item.text,
            choices=choices,
            required=not item.optional,
            widget=forms.RadioSelect,
            error_messages={"required": "Pick an answer for this one."},
        )
        if item.id in draft:
            initial[name] = str(draft[item.id])
        elif item.optional and item.id in draft.get(SKIPPED, ()):
            initial[name] = SKIP
    if screen.notes:
        fields[NOTES] = forms.CharField(
            label=NOTES_LABEL,
            required=False,
            max_length=NOTES_LIMIT,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
        initial[NOTES] = draft.get(NOTES, "")
    for reading in screen.readings:
        name = confirm_field(reading.question)
        fields[name] = forms.ChoiceField(
            label=reading_text(reading),
            choices=[(str(c.value), c.label) for c in YES_NO],
            help_text=f"From your note: “{reading.words}”",
            widget=forms.RadioSelect,
            error_messages={"required": "Say whether nearer read this right."},
        )
        key = f"{CONFIRM_PREFIX}{reading.question}"
        if key in draft:
            initial[name] = draft[key]
    if last:
        fields["shared"] = forms.BooleanField(
            label="Share this result with my partner", required=False
        )
        initial["shared"] = bool(draft.get(SHARED))
    form_class = type("CheckScreenForm", (forms.Form,), fields)
    form: forms.Form = form_class(data, initial=initial)
    return form


def valid_values(form: forms.Form) -> dict[str, Any]:
    """What can be kept from a form, valid or not: going back or leaving saves what was
    answered and drops only what was wrong."""
    form.is_valid()
    return dict(form.cleaned_data)


def save_screen(screen: Screen, draft: dict[str, Any], cleaned: Mapping[str, Any]) -> None:
    """Write one screen's answers into the draft (in place), in the core's value types."""
    for item in screen.items:
        name = field_name(item.id)
        if name not in cleaned:
            continue
        raw = cleaned[name]
        if raw in (CANT_TELL, SKIP):
            draft.pop(item.id, None)
            skipped = set(draft.get(SKIPPED, ()))
            if raw == SKIP:
                skipped.add(item.id)
            else:
                skipped.discard(item.id)
            if skipped:
                draft[SKIPPED] = sorted(skipped)
            else:
                draft.pop(SKIPPED, None)
        else:
            draft[item.id] = next(c.value for c in item.choices if str(c.value) == raw)
            if item.id in draft.get(SKIPPED, ()):
                draft[SKIPPED] = [i for i in draft[SKIPPED] if i != item.id]
    if screen.notes and NOTES in cleaned:
        notes = str(cleaned[NOTES] or "").strip()
        if notes:
            draft[NOTES] = notes
        else:
            draft.pop(NOTES, None)
    for reading in screen.readings:
        value = cleaned.get(confirm_field(reading.question))
        if value:
            draft[f"{CONFIRM_PREFIX}{reading.question}"] = value
    if "shared" in cleaned:
        draft[SHARED] = bool(cleaned["shared"])
    # A follow-up whose question is no longer yes goes, so a stale answer cannot count.
    for follow, question in follow_ups().items():
        if not said_yes(draft.get(question)):
            draft.pop(follow, None)


def new_follow_up(screen: Screen, draft: Mapping[str, Any]) -> bool:
    """True when this screen's answers make a follow-up due that the screen did not show."""
    shown = {i.id for i in screen.items}
    return any(
        follow not in shown and said_yes(draft.get(question)) and question in shown
        for follow, question in follow_ups().items()
    )


def to_answers(draft: Mapping[str, Any]) -> dict[str, Any]:
    """The draft as an answers object for ``instruments.score``: a confirmed reading of the
    note becomes the answer, a turned-down one goes under ``not_from_notes``."""
    answers = {
        k: v for k, v in draft.items() if not k.startswith(("_", CONFIRM_PREFIX)) and v is not None
    }
    declined: list[str] = []
    for reading in read_notes(draft.get(NOTES) if isinstance(draft.get(NOTES), str) else None):
        verdict = draft.get(f"{CONFIRM_PREFIX}{reading.question}")
        if answers.get(reading.question) is not None:
            continue  # an answer always wins over the note
        if verdict == "yes":
            answers[reading.question] = reading.value
        elif verdict == "no" and reading.question not in declined:
            declined.append(reading.question)
    if declined:
        answers[NOT_FROM_NOTES] = declined
    return answers


def first_unanswered(draft: Mapping[str, Any]) -> int | None:
    """The first screen with a required question left open, or None when all are answered."""
    for n, screen in enumerate(screens(draft)):
        if any(not i.optional and draft.get(i.id) is None for i in screen.items):
            return n
    return None


def minutes_left(draft: Mapping[str, Any], position: int) -> int:
    """Rough minutes to the end from this screen: the questions not answered yet."""
    left = sum(
        1
        for screen in screens(draft)[position:]
        for item in screen.items
        if draft.get(item.id) is None and item.id not in draft.get(SKIPPED, ())
    )
    seconds = left * SECONDS_PER_ANSWER + (0 if draft.get(NOTES) else SECONDS_FOR_NOTES)
    return max(1, ceil(seconds / 60))


@dataclass(frozen=True)
class Progress:
    number: int  # 1-based screen to resume at
    total: int
    minutes_left: int


def progress(draft: Any) -> Progress:
    """Where a stored draft (``CheckDraft``) stands, for the list page's "continue" link."""
    total = len(screens(draft.answers))
    position = min(draft.screen, total - 1)
    return Progress(position + 1, total, minutes_left(draft.answers, position))


def is_scale(screen: Screen, name: str) -> bool:
    """Whether a field is one of the statements on the check's frequency scale: those are
    drawn as one row of five, the rest as a wrap of choices."""
    scale = definition().scale
    return any(field_name(i.id) == name and i.choices == scale for i in screen.items)
