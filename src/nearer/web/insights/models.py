"""What the insights app stores: upload jobs, and the aggregates an analysis leaves behind.

No message text and no sender names from the export are ever stored: the weekly metrics are
numbers per person ("a" is the uploader, "b" the other), and the two people are shown by the
display names the uploader chose (or "Partner A" and "Partner B").
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone


class InsightJob(models.Model):
    """One uploaded export on its way through the worker. Only the uploader sees it."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    # A group chat stops at CHOOSING until the uploader picks the two people (or cancels).
    CHOOSING, CANCELLED = "choosing", "cancelled"
    STATUSES = (
        (QUEUED, "Waiting"),
        (RUNNING, "Analysing"),
        (CHOOSING, "Choose the two people"),
        (DONE, "Done"),
        (FAILED, "Failed"),
        (CANCELLED, "Cancelled"),
    )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insight_jobs"
    )
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    stage = models.CharField(max_length=20, default="waiting")
    # How many times a worker has started this job: a job whose worker died runs once more.
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The file under INSIGHTS_UPLOAD_DIR, relative; emptied once the file is deleted.
    upload_name = models.CharField(max_length=80, blank=True, default="")
    size_bytes = models.BigIntegerField(default=0)
    # The uploader's name as the chat writes it: needed to tell the two people apart, and
    # cleared when the job ends, so no sender name outlives the job.
    me = models.CharField(max_length=120, blank=True, default="")
    # How the two people are shown (the uploader's choice); "Partner A"/"Partner B" if redact.
    label_a = models.CharField(max_length=80, blank=True, default="")
    label_b = models.CharField(max_length=80, blank=True, default="")
    redact = models.BooleanField(default=False)
    share = models.BooleanField(default=False)
    # A group chat's senders as [[display name, messages], ...] (what the uploader's own chat
    # shows them), kept only while the job waits for the choice and cleared when it ends;
    # ``between`` holds the two names chosen, ``choose_by`` when the waiting file is deleted.
    senders = models.JSONField(default=list, blank=True)
    between = models.JSONField(default=list, blank=True)
    choose_by = models.DateTimeField(null=True, blank=True)
    # The django-tasks result row that runs this job (a worker that died leaves it RUNNING).
    task_id = models.CharField(max_length=64, blank=True, default="")
    error = models.CharField(max_length=600, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    @property
    def ended(self) -> bool:
        return self.status in (self.DONE, self.FAILED, self.CANCELLED)

    @property
    def choosing(self) -> bool:
        return self.status == self.CHOOSING


class InsightHistory(models.Model):
    """One person's chat insights: merged weeks from every export they uploaded."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insights"
    )
    # The couple the uploader was in when they shared; sharing follows it like journal entries.
    couple = models.ForeignKey("couples.Couple", null=True, blank=True, on_delete=models.SET_NULL)
    shared = models.BooleanField(default=False)
    name_a = models.CharField(max_length=80)  # the uploader, as shown
    name_b = models.CharField(max_length=80)  # the other person, as shown
    redacted = models.BooleanField(default=False)
    chat_format = models.CharField(max_length=20)
    first_day = models.DateField()
    last_day = models.DateField()
    messages_a = models.PositiveIntegerField(default=0)
    messages_b = models.PositiveIntegerField(default=0)
    # From the newest export's analysis: the pattern id, signals (numbers and sentences that
    # name only "Partner A"/"Partner B"), whole-history totals and the metric descriptions.
    pattern = models.CharField(max_length=30)
    signals = models.JSONField(default=list)
    totals = models.JSONField(default=list)
    metrics = models.JSONField(default=dict)
    caveats = models.JSONField(default=list)
    emotion_model = models.BooleanField(default=False)
    # What the safety screen found in the uploads (null: nothing): kinds, level, categories,
    # messages and ISO weeks with counts; never text. Shown to the uploader only, never the
    # partner (``analysis.safety_summary``).
    safety = models.JSONField(null=True, blank=True, default=None)
    uploads = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def shown_name(self, label: str) -> str:
        return {"Partner A": self.name_a, "Partner B": self.name_b}.get(label, label)

    def rename(self, text: str) -> str:
        """A stored sentence with the chosen display names in place of the role labels."""
        return text.replace("Partner A", self.name_a).replace("Partner B", self.name_b)


class InsightWeek(models.Model):
    """One ISO week of a history: the metrics of each person and of the couple."""

    history = models.ForeignKey(InsightHistory, on_delete=models.CASCADE, related_name="weeks")
    week = models.CharField(max_length=8)  # ISO week, e.g. "2024-W05"
    week_start = models.DateField()
    person_a = models.JSONField(default=dict)
    person_b = models.JSONField(default=dict)
    couple = models.JSONField(default=dict)

    class Meta:
        ordering = ("week_start",)
        constraints = (
            models.UniqueConstraint(fields=("history", "week"), name="one_row_per_week"),
        )

    def metric(self, person: str, name: str) -> Any:
        return (self.person_a if person == "a" else self.person_b).get(name)


@receiver(post_delete, sender=InsightJob)
def _delete_upload_with_job(sender: type[InsightJob], instance: InsightJob, **kwargs: Any) -> None:
    """A job deleted with its account (or by hand) takes its waiting file with it."""
    from nearer.web.insights import uploads

    uploads.delete(instance.upload_name)
