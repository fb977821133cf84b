"""Reminders: read and change your two reminders, read and dismiss the ones shown in the app.

Each reminder has a public id; anyone else's id (a partner's included) is 404.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from nearer.core.reminders import WEEKDAYS, ReminderError, next_slot, zone
from nearer.web import access
from nearer.web.api.common import user_of
from nearer.web.api.errors import ACTION, WRITE, BadInput, problems
from nearer.web.reminders import send
from nearer.web.reminders.forms import ZONE_LIMIT, Change, ReminderRefused, change
from nearer.web.reminders.models import Reminder, Sent

router = Router(tags=["reminders"])

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Kind = Literal["checkin", "talk"]
Channel = Literal["email", "app"]


class ReminderOut(Schema):
    id: UUID
    kind: Kind
    enabled: bool
    time_of_day: str  # HH:MM, local time in time_zone
    days: list[Weekday]
    channel: Channel  # as chosen
    delivered_by: Channel  # what it would use now: in the app when mail cannot be sent
    time_zone: str
    next_at: datetime | None  # when it next comes, if on


class RemindersOut(Schema):
    email_available: bool
    reminders: list[ReminderOut]


class ReminderIn(Schema):
    """Every field is optional: what is left out stays as it is."""

    enabled: bool | None = None
    time_of_day: (
        Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", max_length=5)] | None
    ) = None
    days: Annotated[list[Weekday], Field(max_length=7)] | None = None
    channel: Channel | None = None
    time_zone: Annotated[str, Field(max_length=ZONE_LIMIT)] | None = None


class Notice(Schema):
    id: UUID
    kind: Kind
    day: date
    sent_at: datetime
    dismissed: bool


def _out(reminder: Reminder) -> ReminderOut:
    upcoming = None
    if reminder.enabled:
        try:
            where = zone(reminder.time_zone)
        except ReminderError:
            where = None
        if where is not None:
            upcoming = next_slot(timezone.now(), reminder.time_of_day, reminder.weekdays, where)
    return ReminderOut(
        id=reminder.public_id,
        kind=reminder.kind,  # type: ignore[arg-type]
        enabled=reminder.enabled,
        time_of_day=reminder.time_of_day.strftime("%H:%M"),
        days=[WEEKDAYS[d] for d in reminder.weekdays],  # type: ignore[misc]
        channel=reminder.channel,  # type: ignore[arg-type]
        delivered_by=send.channel_for(reminder),  # type: ignore[arg-type]
        time_zone=reminder.time_zone,
        next_at=upcoming,
    )


def _notice(row: Sent) -> Notice:
    return Notice(
        id=row.public_id,
        kind=row.reminder.kind,  # type: ignore[arg-type]
        day=row.slot,
        sent_at=row.sent_at,
        dismissed=row.dismissed_at is not None,
    )


@router.get("/reminders", response={200: RemindersOut, **problems(401)})
def reminders(request: HttpRequest) -> RemindersOut:
    """Your check-in and weekly-talk reminders (made, off, the first time you ask)."""
    found = send.reminders_for(user_of(request))
    return RemindersOut(
        email_available=send.mail_works(), reminders=[_out(r) for r in found.values()]
    )


# /reminders/shown comes before /reminders/{reminder_id}, which would otherwise take it.
@router.get("/reminders/shown", response={200: list[Notice], **problems(401)})
def shown(request: HttpRequest) -> list[Notice]:
    """The in-app reminders the home page shows now (none once dismissed or acted on)."""
    return [_notice(n) for n in send.notices_for(user_of(request))]


@router.patch("/reminders/{reminder_id}", response={200: ReminderOut, **problems(*WRITE, 404)})
def change_reminder(request: HttpRequest, reminder_id: UUID, body: ReminderIn) -> ReminderOut:
    """Change one of your reminders; a rule broken (no day, two days for the weekly talk,
    email where mail cannot be sent, an unknown time zone) is 400."""
    found = access.get_reminder_for_user(user_of(request), reminder_id)
    at = found.time_of_day
    if body.time_of_day is not None:
        hours, minutes = body.time_of_day.split(":")
        at = time(int(hours), int(minutes))
    new = Change(
        enabled=found.enabled if body.enabled is None else body.enabled,
        at=at,
        days=found.weekdays if body.days is None else [WEEKDAYS.index(d) for d in body.days],
        channel=body.channel or found.channel,
        time_zone=body.time_zone if body.time_zone is not None else found.time_zone,
    )
    try:
        change(found, new)
    except ReminderRefused as exc:
        raise BadInput(str(exc), {exc.field: [str(exc)]}) from None
    return _out(found)


@router.post(
    "/reminders/shown/{notice_id}/dismiss", response={200: Notice, **problems(*ACTION, 404, 422)}
)
def dismiss(request: HttpRequest, notice_id: UUID) -> Notice:
    """Stop showing one in-app reminder ("Not now")."""
    found = access.get_notice_for_user(user_of(request), notice_id)
    send.dismiss(found)
    found.refresh_from_db()
    return _notice(found)
