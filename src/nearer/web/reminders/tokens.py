"""The signed token in each reminder email's unsubscribe link.

It names one reminder by its public id, signed with the site's secret key (Django's
``signing``) under a salt of its own, so it cannot be forged, altered to name someone else's
reminder, or reused as any other kind of token. It never expires: an unsubscribe link in an
old mail must keep working (RFC 8058 asks for no log-in and no expiry).
"""

from __future__ import annotations

from django.core import signing

from nearer.web.reminders.models import Reminder

SALT = "nearer.reminders.unsubscribe"


def make(reminder: Reminder) -> str:
    return signing.Signer(salt=SALT).sign(reminder.public_id.hex)


def reminder_of(token: str) -> Reminder | None:
    """The reminder a token names, or None for a tampered, truncated or unknown one."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        Reminder.objects.select_related("user").filter(public_id=value).first()
        if len(value) == 32
        else None
    )
