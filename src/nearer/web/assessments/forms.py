"""One form class built per instrument: a radio group per item, optional ones may be left."""

from __future__ import annotations

from typing import Any

from django import forms

from nearer.core.assessment.interview import NOTES
from nearer.web.assessments.instruments import NOTES_LABEL, NOTES_LIMIT, Instrument

CANT_TELL = ""


def field_name(item_id: str) -> str:
    """Item ids hold dots (``c1.self``); form field names are safer without them."""
    return "q_" + item_id.replace(".", "__")


def build_form(instrument: Instrument, data: Any = None) -> forms.Form:
    fields: dict[str, forms.Field] = {}
    for item in instrument.items:
        choices: list[tuple[str, str]] = [(str(c.value), c.label) for c in item.choices]
        if item.optional:
            choices.append((CANT_TELL, "Skip / can't tell"))
        fields[field_name(item.id)] = forms.ChoiceField(
            label=item.text,
            choices=choices,
            required=not item.optional,
            widget=forms.RadioSelect,
            error_messages={"required": "Pick an answer for this one."},
        )
    if instrument.notes:
        fields[NOTES] = forms.CharField(
            label=NOTES_LABEL,
            required=False,
            max_length=NOTES_LIMIT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    fields["shared"] = forms.BooleanField(label="Share this result with my partner", required=False)
    form_class = type("InstrumentForm", (forms.Form,), fields)
    form: forms.Form = form_class(data)
    return form


def answers_from(instrument: Instrument, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Form values back to the item ids and value types the core scores."""
    answers: dict[str, Any] = {}
    for item in instrument.items:
        raw = cleaned.get(field_name(item.id), CANT_TELL)
        if raw == CANT_TELL:
            continue
        answers[item.id] = next(c.value for c in item.choices if str(c.value) == raw)
    notes = str(cleaned.get(NOTES) or "").strip()
    if instrument.notes and notes:
        answers[NOTES] = notes
    return answers
