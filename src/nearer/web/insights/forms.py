"""The upload form: the export, who is who, how names are shown, and whether to share."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from nearer.web.insights.uploads import SUFFIXES, limit_text


class UploadForm(forms.Form):
    export = forms.FileField(
        label="Chat export",
        help_text="WhatsApp .txt or .zip, Telegram result.json, Messenger or Instagram "
        "message_1.json, Signal text export, or a CSV with timestamp,sender,text.",
    )
    me = forms.CharField(
        label="Your name in the chat",
        max_length=120,
        help_text="Exactly as the chat writes it beside your messages (your first name is "
        "usually enough). Used to tell the two of you apart, then forgotten.",
    )
    redact = forms.BooleanField(
        label="Show us as “Partner A” and “Partner B” instead of our names",
        required=False,
    )
    share = forms.BooleanField(
        label="Let my partner see these insights",
        required=False,
        help_text="Off by default. You can change it later.",
    )

    def __init__(self, *args: object, paired: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["export"].help_text += f" Up to {limit_text()}."
        if not paired:
            del self.fields["share"]  # nobody to share with yet

    def clean_export(self) -> UploadedFile[Any]:
        found: UploadedFile[Any] = self.cleaned_data["export"]
        suffix = PurePath(found.name or "").suffix.lower()
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                f"nearer reads {', '.join(SUFFIXES)} exports, not {suffix or 'this file'}. "
                "Export the chat from the app again and pick that file."
            )
        if not found.size:
            raise forms.ValidationError("The file is empty. Export the chat again.")
        return found

    def clean_me(self) -> str:
        return " ".join(str(self.cleaned_data["me"]).split())

    @property
    def share_chosen(self) -> bool:
        return bool(self.cleaned_data.get("share", False))
