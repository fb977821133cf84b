"""The upload form: the export, who is who, how names are shown, and whether to share."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from nearer.web.insights.analysis import match_name
from nearer.web.insights.models import InsightJob
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


class ChooseForm(forms.Form):
    """A group chat's two people: ticked from its senders (with their message counts), and
    which of the two is the uploader (by the name given at upload, which can be corrected)."""

    people = forms.MultipleChoiceField(
        label="The two people to compare",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick two people: yourself and your partner.",
            "invalid_choice": "“%(value)s” is not a sender in this chat. Tick two of "
            "the names listed.",
        },
    )
    me = forms.CharField(
        label="Your name in the chat",
        max_length=120,
        help_text="One of the two you ticked, as the chat writes it.",
    )

    def __init__(self, *args: Any, senders: list[list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(name), str(name)) for name, _ in senders]

    def clean_me(self) -> str:
        return " ".join(str(self.cleaned_data["me"]).split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        people = list(dict.fromkeys(data.get("people") or []))
        if "people" in data and len(people) != 2:
            self.add_error("people", f"Tick exactly two people (you ticked {len(people)}).")
        elif "people" in data and data.get("me"):
            mine = match_name(str(data["me"]), people)
            if mine is None:
                self.add_error(
                    "me",
                    f"Neither {people[0]} nor {people[1]} is called “{data['me']}”. Write "
                    "your name as the chat shows it, or tick yourself.",
                )
            else:
                data["me"] = mine
                # The uploader first, so the analysis calls them Partner A.
                data["people"] = (mine, next(p for p in people if p != mine))
        return data


def choose_form(found: InsightJob, data: Any = None) -> ChooseForm:
    """The picker of a group chat, the uploader's own name ticked when the chat has it."""
    names = [str(name) for name, _ in found.senders]
    mine = match_name(found.me, names)
    initial = {"people": [mine] if mine else [], "me": mine or found.me}
    return ChooseForm(data, senders=found.senders, initial=initial)
