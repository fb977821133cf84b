"""The reminders section of Settings, and the one function that changes a reminder (the
page and the API both go through ``change``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from django import forms
from django.utils import timezone

from nearer.core.reminders import WEEKDAY_NAMES, ReminderError, store_days, zone
from nearer.web.reminders.models import APP, CHECKIN, EMAIL, TALK, Reminder
from nearer.web.reminders.send import mail_works
from nearer.web.timezones import zone_names

DAY_CHOICES = [(str(n), name) for n, name in enumerate(WEEKDAY_NAMES)]
ZONE_LIMIT = 64
# Which form field shows a refusal about each part of a reminder.
FIELD_OF = {
    CHECKIN: {"days": "checkin_days", "channel": "checkin_channel"},
    TALK: {"days": "talk_day", "channel": "talk_channel"},
}


@dataclass(frozen=True)
class Change:
    enabled: bool
    at: time
    days: list[int]
    channel: str
    time_zone: str


class ReminderRefused(ReminderError):
    """A change that breaks a rule; ``field`` says which."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def check(kind: str, change: Change) -> None:
    """The rules every change keeps, worded for the person (form and API alike)."""
    if change.enabled and not change.days:
        raise ReminderRefused("Pick at least one day, or turn this reminder off.", "days")
    if kind == TALK and len(change.days) > 1:
        raise ReminderRefused("The weekly talk is once a week: pick one day.", "days")
    if change.channel == EMAIL and not mail_works():
        raise ReminderRefused(
            "This nearer has no mail server set up, so reminders can only appear in the app.",
            "channel",
        )
    if len(change.time_zone) > ZONE_LIMIT:
        raise ReminderRefused("That time zone name is too long.", "time_zone")
    try:
        zone(change.time_zone)
    except ReminderError as exc:
        raise ReminderRefused(str(exc), "time_zone") from None


def change(reminder: Reminder, new: Change) -> Reminder:
    """Store ``new`` on ``reminder`` (checked first). Any change moves ``changed_at``, so a
    slot already past today is never sent because of it."""
    check(reminder.kind, new)
    before = (
        reminder.enabled,
        reminder.time_of_day,
        reminder.days,
        reminder.channel,
        reminder.time_zone,
    )
    reminder.enabled = new.enabled
    reminder.time_of_day = new.at.replace(second=0, microsecond=0, tzinfo=None)
    if new.days or not new.enabled:
        reminder.days = store_days(new.days) or reminder.days
    reminder.channel = new.channel
    reminder.time_zone = new.time_zone
    user = reminder.user
    if user.time_zone != new.time_zone:
        # One zone per person: the one their reminders keep is also the one their days
        # (check-ins, the week) follow.
        user.time_zone = new.time_zone
        user.save(update_fields=["time_zone"])
    after = (
        reminder.enabled,
        reminder.time_of_day,
        reminder.days,
        reminder.channel,
        reminder.time_zone,
    )
    if after != before:
        reminder.changed_at = timezone.now()
        reminder.save()
    return reminder


class RemindersForm(forms.Form):
    """Both reminders and the time zone, on one form that needs no script."""

    checkin_on = forms.BooleanField(label="Remind me to check in", required=False)
    checkin_time = forms.TimeField(
        label="At", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    checkin_days = forms.MultipleChoiceField(
        label="On", choices=DAY_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    checkin_channel = forms.ChoiceField(label="How", widget=forms.RadioSelect)
    talk_on = forms.BooleanField(label="Remind me of our weekly talk", required=False)
    talk_time = forms.TimeField(
        label="At", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    talk_day = forms.ChoiceField(label="On", choices=DAY_CHOICES)
    talk_channel = forms.ChoiceField(label="How", widget=forms.RadioSelect)
    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="Your check-ins are dated by your own day there, and reminders come at "
        "these times where you are, summer time included.",
    )

    def __init__(self, *args: Any, reminders: dict[str, Reminder], **kwargs: Any) -> None:
        checkin, talk = reminders[CHECKIN], reminders[TALK]
        kwargs.setdefault(
            "initial",
            {
                "checkin_on": checkin.enabled,
                "checkin_time": checkin.time_of_day,
                "checkin_days": [str(d) for d in checkin.weekdays],
                "checkin_channel": checkin.channel if mail_works() else APP,
                "talk_on": talk.enabled,
                "talk_time": talk.time_of_day,
                "talk_day": str((talk.weekdays or [6])[0]),
                "talk_channel": talk.channel if mail_works() else APP,
                "time_zone": checkin.time_zone,
            },
        )
        super().__init__(*args, **kwargs)
        self.reminders = reminders
        channels = [(APP, "On my home page")]
        if mail_works():
            channels.insert(0, (EMAIL, "By email"))
        for name in ("checkin_channel", "talk_channel"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = channels
        zones = self.fields["time_zone"]
        assert isinstance(zones, forms.ChoiceField)
        names = list(zone_names())
        if checkin.time_zone not in names:
            names.insert(0, checkin.time_zone)
        zones.choices = [(z, z.replace("_", " ")) for z in names]
        # Until the person has a zone of their own (sign-up takes the device's when script
        # runs) and sets a reminder, reminders.js may put this device's zone in the list (a
        # suggestion, saved only with the form); without script the site's stays.
        if not any(r.enabled for r in reminders.values()) and not checkin.user.time_zone:
            zones.widget.attrs["data-suggest"] = "device"

    def changes(self) -> dict[str, Change]:
        data = self.cleaned_data
        return {
            CHECKIN: Change(
                enabled=bool(data["checkin_on"]),
                at=data["checkin_time"],
                days=[int(d) for d in data["checkin_days"]],
                channel=data["checkin_channel"],
                time_zone=data["time_zone"],
            ),
            TALK: Change(
                enabled=bool(data["talk_on"]),
                at=data["talk_time"],
                days=[int(data["talk_day"])],
                channel=data["talk_channel"],
                time_zone=data["time_zone"],
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for kind, new in self.changes().items():
            try:
                check(kind, new)
            except ReminderRefused as exc:
                self.add_error(FIELD_OF[kind].get(exc.field, "time_zone"), str(exc))
        return data

    def save(self) -> None:
        for kind, new in self.changes().items():
            change(self.reminders[kind], new)
