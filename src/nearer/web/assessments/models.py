"""One taken instrument: its answers, its scored result, and whether the partner may see it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class AssessmentResult(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_results"
    )
    instrument = models.CharField(max_length=40)
    answers = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    safety_alert = models.BooleanField(default=False)
    # What the safety scan and screens found (kinds, level, categories; no text), and the
    # answers that are never shared: the check's notes and its safety screen. Owner only.
    safety = models.JSONField(default=dict, blank=True)
    private_answers = models.JSONField(default=dict, blank=True)
    # Shared with this couple (for the perception-gap view); None while private.
    couple = models.ForeignKey("couples.Couple", null=True, blank=True, on_delete=models.SET_NULL)
    shared = models.BooleanField(default=False)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-taken_at",)


class CheckDraft(models.Model):
    """A Connection Check being taken, one screen at a time: saved on the server so that a
    person can leave and pick up on another device. Private to its owner, never shared;
    deleted once the check is finished (or started again)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_drafts"
    )
    instrument = models.CharField(max_length=40)
    # Item id -> value as the core scores it, plus "notes", "confirm.<question>" (yes/no for a
    # reading of the note) and "_shared" (the share box on the last screen).
    answers = models.JSONField(default=dict, blank=True)
    screen = models.PositiveSmallIntegerField(default=0)  # where to resume, 0-based
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "instrument"), name="one_draft_per_check"),
        )
