"""A person's safety plan: theirs alone, never shown to the partner, never shared."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class SafetyPlanRecord(models.Model):
    """One plan per person. ``sections`` holds the core ``SafetyPlan`` sections (section id
    to a list of lines); ``nearer.core.safety.plan`` checks it before every save."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    sections = models.JSONField(default=dict)
    country = models.CharField(max_length=4, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
