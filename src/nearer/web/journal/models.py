"""Journal entries: the author's own, shared with the partner only when the author says so."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class JournalEntry(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    # Set only while shared: the couple it was shared with. Unpairing hides it from the partner.
    couple = models.ForeignKey("couples.Couple", null=True, blank=True, on_delete=models.SET_NULL)
    shared = models.BooleanField(default=False)
    text = models.TextField()
    feelings = models.JSONField(default=list, blank=True)
    situations = models.JSONField(default=list, blank=True)
    triggers = models.JSONField(default=list, blank=True)
    safety_alert = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
