"""What a person records each day, and the weekly conversation the couple has."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

CLOSENESS_MIN = 1
CLOSENESS_MAX = 10


class DailyCheckIn(models.Model):
    """One person's check-in for one day. The partner sees only the appreciation (and, if the
    author turned it on, the feeling and closeness); the note is the author's alone."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    # The couple the author was in when checking in; None when solo. Sharing follows it.
    couple = models.ForeignKey("couples.Couple", null=True, blank=True, on_delete=models.SET_NULL)
    day = models.DateField(default=timezone.localdate)
    quadrant = models.CharField(max_length=40)
    feeling = models.CharField(max_length=40)
    closeness = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(CLOSENESS_MIN), MaxValueValidator(CLOSENESS_MAX)]
    )
    appreciation = models.TextField(blank=True, default="")
    private_note = models.TextField(blank=True, default="")
    # The safety scan of the note and appreciation found risk (kept as journal entries and
    # results keep it; the partner is never shown it).
    safety_alert = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-created_at")
        constraints = (
            models.UniqueConstraint(fields=("author", "day"), name="one_checkin_per_day"),
        )


class WeeklyCheckIn(models.Model):
    """A weekly conversation the couple recorded as done (who started it, how long it took)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="weekly_checkins"
    )
    couple = models.ForeignKey("couples.Couple", null=True, blank=True, on_delete=models.SET_NULL)
    done_at = models.DateTimeField(default=timezone.now)
    minutes = models.PositiveSmallIntegerField(default=10)
    # What the person who recorded the talk noted about it: theirs alone, never shown to
    # the partner. Scanned for safety like every other text a person writes.
    note = models.TextField(blank=True, default="")
    safety_alert = models.BooleanField(default=False)

    class Meta:
        ordering = ("-done_at",)
