"""Turning a reminder on as a test needs it, at literal moments."""

from __future__ import annotations

from datetime import UTC, datetime, time

from nearer.web.accounts.models import User
from nearer.web.reminders import send
from nearer.web.reminders.models import EMAIL, Reminder

# Long before any moment the tests send at, so no slot is held back by ``changed_at``.
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)
# Wednesday 14 January 2026, 20:05 in London (GMT, so also UTC).
WEDNESDAY_EVENING = datetime(2026, 1, 14, 20, 5, tzinfo=UTC)


def turn_on(
    user: User,
    kind: str,
    at: time = time(20, 0),
    days: str = "0123456",
    channel: str = EMAIL,
    zone: str = "Europe/London",
) -> Reminder:
    reminder = send.reminders_for(user)[kind]
    Reminder.objects.filter(pk=reminder.pk).update(
        enabled=True,
        time_of_day=at,
        days=days,
        channel=channel,
        time_zone=zone,
        changed_at=LONG_AGO,
    )
    reminder.refresh_from_db()
    return reminder
