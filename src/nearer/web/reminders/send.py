"""Finding the reminders that are due and sending each one once.

``send_due`` is what the worker runs every minute and what ``nearer remind`` runs once. For
each reminder that is on and due (``nearer.core.reminders.due_slot``) it first *claims* the
slot by inserting its ``Sent`` row: the unique key on (reminder, slot) lets exactly one of
several workers win, on SQLite and PostgreSQL alike, and the others move on. Only the winner
sends. A mail that fails is un-claimed, so the next minute tries again (until the reminder is
too late).

What is written is kind and short: no streak, no count of missed days, nothing of the
partner's. Nothing the person wrote (notes, journal, messages) is read here, and the log
gets counts and error types only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nearer.core.reminders import ReminderError, due_slot, slot_start, zone
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.reminders import tokens
from nearer.web.reminders.models import APP, CHECKIN, DEFAULTS, EMAIL, KINDS, TALK, Reminder, Sent
from nearer.web.timezones import zone_of

log = logging.getLogger("nearer.reminders")

# The weekly talk is not reminded when one was recorded this recently (home.py's rule for
# "due" is a week; a talk held a day early still counts for the week).
TALK_DONE_WITHIN = timedelta(days=6)
# The weekly talk is a joint exercise: while anything the person wrote in this window raised
# a safety alert, nearer does not prompt it (the help comes first; docs/safety.md).
SAFETY_LOOKBACK = timedelta(days=30)

# Which reminder went out on which day is needed only while that day can still come round
# (today and yesterday, LATE_LIMIT after midnight) and for the home card; a week is plenty.
KEEP_SENT = timedelta(days=7)

SUBJECTS = {
    CHECKIN: "A moment to check in, if you like",
    TALK: "Your weekly talk, whenever it suits you",
}
# Django's console and dummy backends deliver nothing to anyone.
NOT_DELIVERING = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def mail_works() -> bool:
    """Whether this site can deliver mail (an SMTP server or another real backend)."""
    return str(settings.EMAIL_BACKEND) not in NOT_DELIVERING


def channel_for(reminder: Reminder) -> str:
    """Email when chosen, the person has an address and the site can send; else in-app."""
    if reminder.channel == EMAIL and reminder.user.email and mail_works():
        return EMAIL
    return APP


def reminders_for(user: User) -> dict[str, Reminder]:
    """The person's two reminders, made (off) the first time they are asked for."""
    found = {r.kind: r for r in access.reminders_for_user(user)}
    for kind, _ in KINDS:
        if kind not in found:
            at, days = DEFAULTS[kind]
            try:
                with transaction.atomic():
                    found[kind] = Reminder.objects.create(
                        user=user,
                        kind=kind,
                        time_of_day=at,
                        days=days,
                        time_zone=default_zone(user),
                    )
            except IntegrityError:  # made at the same moment by another request
                found[kind] = Reminder.objects.get(user=user, kind=kind)
    return found


def default_zone(user: User) -> str:
    """The person's own zone (set at sign-up from their device, or in settings), else the
    site's: the starting choice for new reminders."""
    return zone_of(user)


@dataclass
class Outcome:
    """What one round did, as counts only (``nearer remind`` prints them)."""

    emailed: int = 0
    in_app: int = 0
    failed: int = 0
    failure: str = ""  # the last failed email's error type (never its text)
    skipped: dict[str, int] = field(default_factory=dict)
    due: list[tuple[str, str]] = field(default_factory=list)  # (kind, channel), dry runs

    @property
    def sent(self) -> int:
        return self.emailed + self.in_app

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def _candidates(now: datetime) -> Iterator[tuple[Reminder, date]]:
    on = Reminder.objects.filter(enabled=True, user__is_active=True).select_related("user")
    for reminder in on.order_by("pk"):
        try:
            where = zone(reminder.time_zone)
        except ReminderError:  # a zone gone from the system's database: skip, never crash
            continue
        slot = due_slot(now, reminder.time_of_day, reminder.weekdays, where, reminder.changed_at)
        if slot is not None:
            yield reminder, slot


def skip_reason(reminder: Reminder, slot: date, now: datetime) -> str | None:
    """Why a due reminder is better left unsent, or None to send it."""
    user = reminder.user
    if reminder.kind == CHECKIN:
        if checked_in_on(user, slot, zone(reminder.time_zone)):
            return "already checked in"
        return None
    if user.partner is None:
        return "no partner to talk with"
    if access.weekly_for_user(user).filter(done_at__gte=now - TALK_DONE_WITHIN).exists():
        return "weekly talk already done"
    if safety_concern(user, now):
        return "help comes first"
    return None


def checked_in_on(user: User, day: date, where: ZoneInfo) -> bool:
    """Whether the person checked in on their own local ``day``: a check-in dated that day,
    or one made during it where they are (a check-in's date follows the site's time zone,
    which may not be theirs)."""
    start = slot_start(day, time(0), where)
    end = slot_start(day + timedelta(days=1), time(0), where)
    return (
        DailyCheckIn.objects.filter(author=user)
        .filter(Q(day=day) | Q(created_at__gte=start, created_at__lt=end))
        .exists()
    )


def safety_concern(user: User, now: datetime) -> bool:
    """Whether something the person wrote lately raised a safety alert (kinds only read)."""
    since = now - SAFETY_LOOKBACK
    plan = access.latest_plan_for_user(user)
    return (
        (plan is not None and plan.safety_alert and plan.built_at >= since)
        or DailyCheckIn.objects.filter(
            author=user, safety_alert=True, created_at__gte=since
        ).exists()
        or JournalEntry.objects.filter(
            author=user, safety_alert=True, created_at__gte=since
        ).exists()
    )


def send_due(now: datetime | None = None, *, dry_run: bool = False) -> Outcome:
    """Send every reminder due at ``now``, each slot once; ``dry_run`` sends and records
    nothing and says what would go."""
    now = now or timezone.now()
    outcome = Outcome()
    if not dry_run:
        Sent.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    for reminder, slot in _candidates(now):
        if Sent.objects.filter(reminder=reminder, slot=slot).exists():
            continue  # sent earlier this slot (the usual case each minute after)
        why = skip_reason(reminder, slot, now)
        if why is not None:
            outcome.skip(why)
            continue
        channel = channel_for(reminder)
        if dry_run:
            outcome.due.append((reminder.kind, channel))
            continue
        claimed = _claim(reminder, slot, channel, now)
        if claimed is None:
            continue  # another worker won this slot
        if channel == APP:
            outcome.in_app += 1
            continue
        try:
            reminder_email(reminder).send()
        except Exception as exc:  # SMTP down, refused: try again next minute
            log.warning("a reminder email could not be sent (%s)", type(exc).__name__)
            Sent.objects.filter(pk=claimed.pk).delete()
            outcome.failed += 1
            outcome.failure = type(exc).__name__
        else:
            outcome.emailed += 1
    if outcome.sent or outcome.failed:
        log.info(
            "reminders: %d emailed, %d in the app, %d failed",
            outcome.emailed,
            outcome.in_app,
            outcome.failed,
        )
    return outcome


def _claim(reminder: Reminder, slot: date, channel: str, now: datetime) -> Sent | None:
    try:
        with transaction.atomic():
            return Sent.objects.create(reminder=reminder, slot=slot, channel=channel, sent_at=now)
    except IntegrityError:
        return None


def absolute(path: str) -> str:
    return str(settings.BASE_URL).rstrip("/") + path


def reminder_email(reminder: Reminder) -> EmailMessage:
    """The plain-text mail for ``reminder``, with one-click unsubscribe (RFC 8058)."""
    off = absolute(reverse("reminders:unsubscribe", args=[tokens.make(reminder)]))
    context = {
        "name": reminder.user.display_name,
        "kind": reminder.kind,
        "open": absolute(
            reverse("checkins:today" if reminder.kind == CHECKIN else "checkins:weekly")
        ),
        "settings": absolute(reverse("accounts:settings")) + "#reminders",
        "unsubscribe": off,
    }
    body = render_to_string("reminders/email.txt", context)
    return EmailMessage(
        subject=SUBJECTS[reminder.kind],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.user.email],
        headers={
            "List-Unsubscribe": f"<{off}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # Tells auto-responders not to answer a reminder (RFC 3834).
            "Auto-Submitted": "auto-generated",
        },
    )


def notices_for(user: User, now: datetime | None = None) -> list[Sent]:
    """The in-app reminders to show now: today's (in the reminder's own zone), not
    dismissed, and not already acted on (checked in that day, talk recorded since)."""
    now = now or timezone.now()
    rows = (
        Sent.objects.filter(
            reminder__user=user,
            channel=APP,
            dismissed_at=None,
            sent_at__gte=now - timedelta(days=2),
        )
        .select_related("reminder")
        .order_by("reminder__kind")
    )
    shown = []
    for row in rows:
        try:
            where = zone(row.reminder.time_zone)
        except ReminderError:
            continue
        if row.slot != now.astimezone(where).date():
            continue
        if row.reminder.kind == CHECKIN:
            if checked_in_on(user, row.slot, where):
                continue
        elif access.weekly_for_user(user).filter(done_at__gte=row.sent_at).exists():
            continue
        shown.append(row)
    return shown


def dismiss(notice: Sent) -> None:
    Sent.objects.filter(pk=notice.pk, dismissed_at=None).update(dismissed_at=timezone.now())


def turn_off(reminder: Reminder) -> bool:
    """Turn a reminder off; False when it already was (the unsubscribe page says so)."""
    changed = Reminder.objects.filter(pk=reminder.pk, enabled=True).update(
        enabled=False, changed_at=timezone.now()
    )
    return bool(changed)
