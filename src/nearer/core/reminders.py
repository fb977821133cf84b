"""When a reminder is due: pure date arithmetic in the person's own time zone.

A reminder is set for a time of day on some weekdays, in an IANA time zone. Each day it is
on makes one *slot*, named by that local date; the web app records each slot it sent so
that nothing is sent twice. Times are read through ``zoneinfo``, so a reminder at 20:00
fires at 20:00 local time on both sides of a daylight-saving change. A time that does not
exist on the day clocks go forward (02:30 in most of Europe) is read with the offset from
before the change, so it fires an hour later on the clock (03:30) instead of being lost; a
time that happens twice when clocks go back fires at the first of the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nearer.core.errors import NearerError

# Monday first, as ``date.weekday()`` counts.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A reminder found more than this late (the worker was stopped, the machine asleep) is
# skipped: it would no longer arrive at the time the person chose (nearer's own choice).
LATE_LIMIT = timedelta(hours=2)


class ReminderError(NearerError):
    """A reminder setting that cannot be used (an unknown time zone, no weekday)."""


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name``, or ``ReminderError`` worded for the person."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReminderError(
            f"{name!r} is not a time zone nearer knows. Pick one like Europe/London."
        ) from None


def slot_start(day: date, at: time, where: ZoneInfo) -> datetime:
    """The moment (UTC) of the reminder at ``at`` local time on ``day`` in ``where``."""
    local = datetime.combine(day, at.replace(tzinfo=None), tzinfo=where)
    return local.astimezone(UTC)


def due_slot(
    now: datetime,
    at: time,
    days: Iterable[int],
    where: ZoneInfo,
    since: datetime | None = None,
) -> date | None:
    """The local day whose reminder is due at ``now``, or None.

    Due means: the day is one of ``days`` (0 = Monday), its time has come, it is less than
    ``LATE_LIMIT`` late, and it comes after ``since`` (when the setting last changed, so that
    turning a reminder on at 21:00 for 20:00 does not send one at once). Yesterday is looked
    at too, for a reminder shortly before midnight found just after it.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    chosen = set(days)
    today = now.astimezone(where).date()
    for day in (today, today - timedelta(days=1)):
        if day.weekday() not in chosen:
            continue
        start = slot_start(day, at, where)
        if start <= now < start + LATE_LIMIT and (since is None or start >= since):
            return day
    return None


def next_slot(now: datetime, at: time, days: Iterable[int], where: ZoneInfo) -> datetime | None:
    """When the reminder next fires after ``now`` (UTC), for "next: Tuesday 20:00"."""
    chosen = set(days)
    if not chosen:
        return None
    today = now.astimezone(where).date()
    for ahead in range(8):
        day = today + timedelta(days=ahead)
        if day.weekday() in chosen:
            start = slot_start(day, at, where)
            if start > now:
                return start
    return None


def parse_days(text: str) -> list[int]:
    """Stored weekdays ("0246") as numbers, Monday = 0; anything else is dropped."""
    return sorted({int(c) for c in text if c in "0123456"})


def store_days(days: Iterable[int]) -> str:
    return "".join(str(d) for d in sorted(set(days)) if 0 <= d <= 6)


def describe_days(days: Iterable[int]) -> str:
    """ "every day", "weekdays", "Sunday", "Monday, Wednesday and Friday"."""
    chosen = sorted(set(days))
    if len(chosen) == 7:
        return "every day"
    if chosen == [0, 1, 2, 3, 4]:
        return "on weekdays"
    if chosen == [5, 6]:
        return "at weekends"
    names = [WEEKDAY_NAMES[d] + "s" for d in chosen]
    if not names:
        return "on no day"
    if len(names) == 1:
        return f"on {names[0]}"
    return "on " + ", ".join(names[:-1]) + " and " + names[-1]
