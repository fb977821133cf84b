"""A person's plan for the week, its steps and what became of them, and thank-yous.

A plan is built by the guidance engine (``nearer.core.guidance``) and stored as it was shown,
so that progress over the weeks can be read back even after the engine changes. Each plan is
its author's alone; only its steps meant for both partners are ever shown to the partner,
and only when both agreed (``PlanSharing``), never the reasons, which quote the answers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

TODO = "todo"
DONE = "done"
NOT_FOR_US = "not_for_us"
STEP_STATUSES = ((TODO, "To do"), (DONE, "Done"), (NOT_FOR_US, "Not for us"))
REASON_LIMIT = 500


class Plan(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    built_at = models.DateTimeField(default=timezone.now)
    week_start = models.DateField()
    # What the plan was built from (result ids, the check-in band); a different basis means
    # the picture changed and the plan is rebuilt.
    basis = models.JSONField(default=dict)
    # The plan as shown (headline, understanding, help, reading); the steps are rows below.
    content = models.JSONField(default=dict)
    # What changed since the plan before, in sentences shown at the top.
    changes = models.JSONField(default=list, blank=True)
    safety_alert = models.BooleanField(default=False)
    safety = models.JSONField(default=dict, blank=True)  # kinds, level, categories; no text

    class Meta:
        ordering = ("-built_at", "-pk")


class PlanStep(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    strategy_id = models.CharField(max_length=80)
    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=20)  # "both" steps may be shown to the partner
    practice = models.CharField(max_length=40)
    summary = models.TextField(blank=True, default="")
    actions = models.JSONField(default=list)  # the concrete steps of the practice
    why = models.JSONField(default=list)  # quotes the answers: the author's alone
    minutes = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=12, choices=STEP_STATUSES, default=TODO)
    # Why a step is not for this person; the next plans leave that strategy out.
    reason = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("plan", "position")

    @property
    def is_help(self) -> bool:
        return self.practice == "professional"


class PlanSharing(models.Model):
    """Whether this person agrees to show the steps meant for both to their partner."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_sharing"
    )
    share_joint_steps = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)


class Thanks(models.Model):
    """A thank-you for one appreciation, from the person it was written for."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkin = models.ForeignKey(
        "checkins.DailyCheckIn", on_delete=models.CASCADE, related_name="thanks"
    )
    thanked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thanks_given"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("checkin", "thanked_by"), name="one_thanks_each"),
        )
