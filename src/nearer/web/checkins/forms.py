from __future__ import annotations

from typing import Any

from django import forms

from nearer.web import vocab
from nearer.web.checkins.models import CLOSENESS_MAX, CLOSENESS_MIN

TEXT_LIMIT = 1000
# Closeness starts here when there is no earlier check-in to carry over: the middle of the
# scale, so that Save without a tap records "neither close nor far" rather than an extreme.
DEFAULT_CLOSENESS = 5


class DailyCheckInForm(forms.Form):
    quadrant = forms.ChoiceField(
        label="How do you feel?",
        choices=vocab.quadrant_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Pick the area closest to how you feel."},
    )
    feeling = forms.ChoiceField(
        label="Which word fits best?",
        choices=vocab.word_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick one word for how you feel.",
            "invalid_choice": "%(value)s is not a word nearer knows. Pick one from the list.",
        },
    )
    closeness = forms.TypedChoiceField(
        label="How close do you feel to your partner?",
        choices=[(n, str(n)) for n in range(CLOSENESS_MIN, CLOSENESS_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick how close you feel, from 1 to 10.",
            "invalid_choice": "Closeness is a whole number from 1 to 10.",
        },
    )
    appreciation = forms.CharField(
        label="One thing I appreciated about you today",
        help_text="Optional. Your partner sees it.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    private_note = forms.CharField(
        label="Private note",
        help_text="Optional. Only you see it.",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        word, quadrant = data.get("feeling"), data.get("quadrant")
        if word and quadrant:
            found = vocab.lookup(word)
            if found is not None and found.quadrant != quadrant:
                self.add_error(
                    "feeling",
                    f"“{word}” belongs to “{vocab.quadrant_names()[found.quadrant]}”, not the "
                    "area you picked. Pick a word from your area, or change the area.",
                )
        for name in ("appreciation", "private_note"):
            if name in data:
                data[name] = str(data[name]).strip()
        return data
