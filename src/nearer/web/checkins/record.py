"""Saving check-ins, shared by the pages and the API so both follow the same rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from nearer.core.safety import SafetyAlert
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.safety.alerts import of_texts

NOTE_LIMIT = 1000


def save_today(user: User, data: dict[str, Any]) -> tuple[DailyCheckIn, list[SafetyAlert]]:
    """Create or replace today's check-in from validated form data, with the safety alerts
    its note and appreciation raise (stored as ``safety_alert``)."""
    alerts = of_texts(str(data["private_note"]), str(data["appreciation"]))
    checkin, _ = DailyCheckIn.objects.update_or_create(
        author=user,
        day=timezone.localdate(),
        defaults={
            # Sharing follows the couple at the time of writing; solo check-ins stay private.
            "couple_id": user.couple_id,
            "quadrant": data["quadrant"],
            "feeling": data["feeling"],
            "closeness": data["closeness"],
            "appreciation": data["appreciation"],
            "private_note": data["private_note"],
            "safety_alert": bool(alerts),
        },
    )
    return checkin, alerts


def record_weekly(user: User, note: str = "") -> tuple[WeeklyCheckIn, list[SafetyAlert]]:
    """Record the weekly talk; both partners pressing "done" within the hour is one talk.

    A note stays with the person who wrote it: it goes on their own record of the talk (a
    second record of the same talk when the partner recorded it first)."""
    note = note.strip()
    alerts = of_texts(note)
    recent = (
        access.weekly_for_user(user)
        .filter(done_at__gte=timezone.now() - timedelta(hours=1))
        .first()
    )
    if recent is not None and (not note or recent.recorded_by_id == user.pk):
        if note:
            recent.note = note
            recent.safety_alert = bool(alerts)
            recent.save(update_fields=["note", "safety_alert"])
        return recent, alerts
    talk = WeeklyCheckIn.objects.create(
        recorded_by=user, couple_id=user.couple_id, note=note, safety_alert=bool(alerts)
    )
    return talk, alerts
