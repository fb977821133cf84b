"""A person's two reminders and the record of each one sent.

``Reminder`` is one row per person and kind, off until the person turns it on. ``Sent`` is
one row per reminder and local day (its *slot*): the unique key on the pair is what keeps
two workers from sending the same reminder twice. An in-app reminder is that same row,
shown on the home page until dismissed. No row holds anything the person wrote.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from nearer.core.reminders import parse_days

CHECKIN = "checkin"
TALK = "talk"
KINDS = [(CHECKIN, "Daily check-in"), (TALK, "Weekly talk")]
EMAIL = "email"
APP = "app"
CHANNELS = [(EMAIL, "Email"), (APP, "In the app")]

# What a new reminder starts at (off): an evening check-in every day, the talk on Sunday.
DEFAULTS: dict[str, tuple[time, str]] = {
    CHECKIN: (time(20, 0), "0123456"),
    TALK: (time(19, 0), "6"),
}


class Reminder(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=8, choices=KINDS)
    enabled = models.BooleanField(default=False)
    time_of_day = models.TimeField()
    # Weekdays as digits, Monday = 0 ("0123456" every day; the weekly talk holds one).
    days = models.CharField(max_length=7)
    channel = models.CharField(max_length=5, choices=CHANNELS, default=APP)
    time_zone = models.CharField(max_length=64)
    # A slot before this moment is never sent: changing a setting sends nothing at once.
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder"

    @property
    def weekdays(self) -> list[int]:
        return parse_days(self.days)


class Sent(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="sent")
    # The person's local day this reminder was for.
    slot = models.DateField()
    channel = models.CharField(max_length=5, choices=CHANNELS)
    sent_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["reminder", "slot"], name="one_send_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.reminder.kind} reminder for {self.slot}"
