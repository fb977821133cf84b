"""The form that makes a share link."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html

from nearer.web.accounts.models import User
from nearer.web.journal.models import JournalEntry
from nearer.web.sharing.sections import JOURNAL, available

# From one hour to 30 days (the range); a week is the default a session spans.
LIFETIMES = (
    (1, "1 hour"),
    (24, "1 day"),
    (72, "3 days"),
    (168, "1 week"),
    (336, "2 weeks"),
    (720, "30 days"),
)


class ShareForm(forms.Form):
    label = forms.CharField(
        label="Who is it for?",
        max_length=80,
        help_text="A name only you see, such as “Dr Rivera”.",
    )
    sections = forms.MultipleChoiceField(
        label="What to share", widget=forms.CheckboxSelectMultiple, required=False
    )
    journal_entries = forms.MultipleChoiceField(
        label="Journal entries to include",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours = forms.TypedChoiceField(
        label="Link works for", choices=LIFETIMES, coerce=int, initial=168
    )
    together = forms.BooleanField(
        label="If my partner shares with the same name, show both of our parts in one report",
        required=False,
        help_text="Only when your partner ticks this too. Each part stays what its owner chose.",
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (
                s.id,
                format_html(
                    '<span><strong>{}</strong><span class="choice-about">{}</span></span>',
                    s.title,
                    s.holds,
                ),
            )
            for s in available()
            if s.id != JOURNAL
        ]
        self.fields["sections"].choices = choices  # type: ignore[attr-defined]
        entries = JournalEntry.objects.filter(author=user).order_by("-created_at")[:50]
        self.fields["journal_entries"].choices = [  # type: ignore[attr-defined]
            (str(e.public_id), f"{e.created_at:%Y-%m-%d}: {_excerpt(e.text)}") for e in entries
        ]


def _excerpt(text: str, size: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1].rstrip() + "…"
