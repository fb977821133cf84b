from __future__ import annotations

from django import forms

from nearer.web.couples.models import CODE_LENGTH, normalise_code


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Invitation code from your partner",
        max_length=20,
        help_text="Eight letters and digits, like 7KQ3-M9PX. The dash is optional.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                f"A code has {CODE_LENGTH} letters and digits. Check it and type it again."
            )
        return code
