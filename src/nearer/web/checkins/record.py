"""Saving check-ins, shared by the pages and the API so both follow the same rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from nearer.core.safety import ScanResult
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn, WeeklyCheckIn
from nearer.web.support import scan


def save_today(user: User, data: dict[str, Any]) -> tuple[DailyCheckIn, bool]:
    """Create or replace today's check-in from validated form data; True when the note or
    appreciation calls for crisis resources."""
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
        },
    )
    scans: list[ScanResult] = [scan(checkin.private_note), scan(checkin.appreciation)]
    return checkin, any(s.alert for s in scans)


def record_weekly(user: User) -> WeeklyCheckIn:
    """Record the weekly talk; both partners pressing "done" within the hour is one talk."""
    recent = (
        access.weekly_for_user(user)
        .filter(done_at__gte=timezone.now() - timedelta(hours=1))
        .first()
    )
    return recent or WeeklyCheckIn.objects.create(recorded_by=user, couple_id=user.couple_id)
