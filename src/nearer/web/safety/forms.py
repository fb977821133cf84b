"""The safety-plan form: one text box per section, one line per item."""

from __future__ import annotations

from typing import Any

from django import forms

from nearer.core.safety.plan import (
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    SECTIONS,
    SafetyPlan,
    SafetyPlanError,
    lines_from_text,
)


class SafetyPlanForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for s in SECTIONS:
            self.fields[s.id] = forms.CharField(
                label=s.title,
                required=False,
                # Generous raw limit; the core's per-line limits give the real message.
                max_length=(MAX_ITEM_CHARS + 2) * MAX_ITEMS,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=s.prompt,
            )

    def parts(self) -> list[tuple[forms.BoundField, str]]:
        """Each section's field with its examples, in the plan's order."""
        return [(self[s.id], "; ".join(s.examples)) for s in SECTIONS]

    @staticmethod
    def initial_for(plan: SafetyPlan) -> dict[str, str]:
        return {s.id: "\n".join(plan.items(s.id)) for s in SECTIONS}

    def plan(self, start: SafetyPlan) -> SafetyPlan | None:
        """The plan these answers make (None, with field errors, when a limit is broken)."""
        plan = start
        for s in SECTIONS:
            try:
                plan = plan.with_items(s.id, lines_from_text(self.cleaned_data.get(s.id, "")))
            except SafetyPlanError as exc:
                self.add_error(s.id, str(exc)[0].upper() + str(exc)[1:])
        return None if self.errors else plan
