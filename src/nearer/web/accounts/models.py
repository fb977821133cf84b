"""People and API tokens. Failed log-ins are counted by django-axes (accounts.throttle)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager["User"]):
    """Users log in with their email address; there is no separate user name."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField("name your partner sees", max_length=60)
    # ISO 3166-1 alpha-2; picks the crisis lines shown on every page.
    country = models.CharField(max_length=2, default="US")
    # IANA name of the zone the person lives in: it decides which day a check-in belongs to
    # and when reminders come. Blank: the site's zone (NEARER_TIME_ZONE). Two partners may
    # live in different zones; each day is the writer's own.
    time_zone = models.CharField(max_length=64, blank=True, default="")
    # Off by default: the partner sees appreciations and a weekly summary, not daily scores.
    share_daily_detail = models.BooleanField(
        "let my partner see each day's feeling and closeness", default=False
    )
    couple = models.ForeignKey(
        "couples.Couple",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A new password (changed, reset, or set in the admin) revokes every API token.
        Other sessions end by themselves: Django checks each session against a hash of the
        password. A hasher upgrade at log-in clears ``_password`` first, so it revokes nothing."""
        password_changed = self.pk is not None and getattr(self, "_password", None) is not None
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).delete()

    @property
    def partner(self) -> User | None:
        """The other member of this user's current couple, or None when solo."""
        if self.couple_id is None:
            return None
        return User.objects.filter(couple_id=self.couple_id).exclude(pk=self.pk).first()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Shown in Settings and in the data export, so a forgotten token is easy to spot.
    last_used_at = models.DateTimeField(null=True, blank=True)

    # Kept to the minute: a script calling many times a second should not write each time.
    LAST_USED_STEP = timedelta(minutes=1)

    @classmethod
    def issue(cls, user: User) -> str:
        token = "nrr_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=_hash(token))
        return token

    @classmethod
    def revoke(cls, token: str) -> None:
        cls.objects.filter(digest=_hash(token)).delete()

    @classmethod
    def user_for(cls, token: str) -> User | None:
        found = cls.objects.select_related("user").filter(digest=_hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= cls.LAST_USED_STEP:
            cls.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user
