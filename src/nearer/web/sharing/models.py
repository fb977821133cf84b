"""A share link and the log of its openings.

Only the SHA-256 of a link's token is stored: the token itself is shown once, when the link
is made, so not even someone reading the database can open a report.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

SHORTEST = timedelta(hours=1)
LONGEST = timedelta(days=30)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_label(label: str) -> str:
    """How two partners' labels are matched ("Dr Rivera" and "dr  rivera" are the same)."""
    return " ".join(label.casefold().split())


class ShareLink(models.Model):
    """One person's read-only report for someone they name (``label``).

    ``sections`` lists the section ids the owner ticked; ``journal_entries`` the public ids
    of the entries they ticked (only their own are ever read). ``together`` says the owner
    agrees to stand beside their partner's part when the partner shares with the same label
    and agrees too."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    label = models.CharField("who it is for", max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    sections = models.JSONField(default=list)
    journal_entries = models.JSONField(default=list, blank=True)
    together = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"share link for {self.label}"

    def is_open(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "open" if self.is_open() else "expired"


class ShareAccess(models.Model):
    """One opening of a link: when, and a browser name ("Firefox on Windows"). Never the
    address and never the full User-Agent text."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="accesses")
    at = models.DateTimeField(default=timezone.now)
    client = models.CharField(max_length=60)

    class Meta:
        ordering = ("-at",)
