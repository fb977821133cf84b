"""A couple is two users; shared items point at the couple they were shared in.

Because a shared item names its couple, unpairing (or pairing again with someone else)
never shows old shared items to anyone but their author.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# No 0/O, 1/I/L: codes are read aloud or typed from a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
INVITATION_LIFETIME = timedelta(days=7)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Couple(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"couple {self.public_id}"


def _expiry() -> object:
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """A one-time code (and link) one partner gives the other. Used once, then spent."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    @property
    def usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    @property
    def pretty_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"
