"""WhatsApp header dates: which number is the day, and wall-clock seconds.

``choose_order`` decides day-first or month-first from the whole file, in this order (the
first rule that tells the two apart wins):

1. a field above 12 settles it (a month cannot be 13);
2. time only moves forward: the order with fewer steps back in time;
3. media file names: Android names attachments ``IMG-20241202-WA0001.jpg`` (also VID-,
   AUD-, PTT-, DOC-, STK-) and iOS ``00000012-PHOTO-2024-12-02-10-15-22.jpg``, both with the
   day they were sent; the order whose header dates agree with more of them wins;
4. the locale's habits: dotted dates are day-first everywhere they are used; a 12-hour
   clock, or a slash date written without padding (``2/11/19``), is the US habit,
   month-first;
5. the order with the smaller total jump between consecutive messages (a chat moves from
   day to day more often than from month to month); equal: day-first, the habit of most
   of the world.

One rule for both layouts: no rule reads what differs between the Android and the iOS
export of one chat (brackets, seconds, the dash, the no-break space before "PM"), only the
dates and the phone's date and clock settings, which both apps follow. So the two exports
of a chat are read in the same order (a test renders one chat both ways in every locale
style and checks it).

``header_seconds`` turns the fields into wall-clock seconds under an order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from nearer.core.arrays import Flags, Ints
from nearer.core.chats.whatsapp_headers import HeaderRows

DAY = 86400


def days_from_civil(y: Ints, m: Ints, d: Ints) -> Ints:
    """Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm, vectorised)."""
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    result: Ints = era * 146097 + doe - 719468
    return result


_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def valid_date(y: Ints, m: Ints, d: Ints) -> Flags:
    ok = (m >= 1) & (m <= 12) & (d >= 1)
    mm = np.clip(m, 0, 12)
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    limit = _MONTH_DAYS[mm] - ((mm == 2) & ~leap)
    result: Flags = ok & (d <= limit)
    return result


def _ymd(
    year_first: Ints, d1: Ints, d2: Ints, d3: Ints, year_width: Ints, order: str
) -> tuple[Ints, Ints, Ints]:
    first = year_first.astype(bool)
    year = np.where(year_width == 2, 2000 + d3, d3)
    if order == "dmy":
        y, m, d = year, d2, d1
    else:
        y, m, d = year, d1, d2
    return np.where(first, d1, y), np.where(first, d2, m), np.where(first, d3, d)


def header_seconds(rows: HeaderRows, order: str) -> tuple[Ints, Flags]:
    """Wall-clock seconds and validity of every header under a date order."""
    n = len(rows)
    # Consecutive messages mostly share a date: do the calendar arithmetic once per run of
    # equal dates and spread it back, instead of once per message.
    key = ((rows.year_first * 2 + (rows.year_width == 4)) * 100 + rows.d1) * 100 + rows.d2
    key = key * 10000 + rows.d3
    if n:
        heads = np.concatenate(([0], np.flatnonzero(key[1:] != key[:-1]) + 1))
    else:
        heads = np.zeros(0, dtype=np.int64)
    y, m, d = _ymd(
        rows.year_first[heads],
        rows.d1[heads],
        rows.d2[heads],
        rows.d3[heads],
        rows.year_width[heads],
        order,
    )
    run = np.diff(np.concatenate((heads, [n])))
    date_ok: Flags = np.repeat(valid_date(y, m, d), run)
    days: Ints = np.repeat(days_from_civil(y, np.clip(m, 1, 12), d), run)
    hour = rows.hour
    hour = np.where((rows.ampm == 2) & (hour < 12), hour + 12, hour)
    hour = np.where((rows.ampm == 1) & (hour == 12), 0, hour)
    ok = date_ok & (hour <= 23) & (rows.minute <= 59) & (rows.second <= 59)
    secs: Ints = days * DAY + hour * 3600 + rows.minute * 60 + np.maximum(rows.second, 0)
    return secs, ok


# Attachment file names that carry the day they were sent (see the module docstring).
_MEDIA_NAME = re.compile(
    rb"(?:IMG|VID|AUD|PTT|DOC|STK)-(?P<a_year>20\d\d)(?P<a_month>[01]\d)(?P<a_day>[0-3]\d)-WA"
    rb"|\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF|DOCUMENT|CONTACT)-"
    rb"(?P<i_year>20\d\d)-(?P<i_month>[01]\d)-(?P<i_day>[0-3]\d)-"
)
MEDIA_DAY_SLACK = 1  # a file may be named the day before its message (sent near midnight)


def media_name_days(data: bytes, line_starts: Ints, rows: HeaderRows) -> tuple[Ints, Ints]:
    """(header row, day number) of every dated attachment name in the text of a message."""
    positions: list[int] = []
    days: list[int] = []
    for m in _MEDIA_NAME.finditer(data):
        g = m.groupdict()
        year, month, day = (
            (g["a_year"], g["a_month"], g["a_day"])
            if g["a_year"]
            else (g["i_year"], g["i_month"], g["i_day"])
        )
        y, mo, d = np.array([int(year)]), np.array([int(month)]), np.array([int(day)])
        if bool(valid_date(y, mo, d)[0]):
            positions.append(m.start())
            days.append(int(days_from_civil(y, mo, d)[0]))
    if not positions or not len(rows):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    header_at = line_starts[rows.line]
    row = np.searchsorted(header_at, np.array(positions, dtype=np.int64), side="right") - 1
    keep = row >= 0
    found_rows: Ints = row[keep].astype(np.int64)
    found_days: Ints = np.array(days, dtype=np.int64)[keep]
    return found_rows, found_days


def _media_votes(seconds: Ints, rows: Ints, days: Ints) -> int:
    header_day = seconds[rows] // DAY
    return int(((header_day - days >= 0) & (header_day - days <= MEDIA_DAY_SLACK)).sum())


def choose_order(
    rows: HeaderRows,
    dotted: bool,
    twelve_hour: bool,
    unpadded_slash: bool,
    media: Callable[[], tuple[Ints, Ints]] | None = None,
) -> str:
    """Day-first or month-first, from the whole file (see the module docstring).

    ``media`` gives (header row, day) of dated attachment names (``media_name_days``); it
    is called only when the dates alone cannot decide.
    """
    plain = rows.year_first == 0
    over_dmy = int((rows.d2[plain] > 12).sum())  # a month above 12 if day-first
    over_mdy = int((rows.d1[plain] > 12).sum())
    if over_dmy != over_mdy:  # a field above 12 settles it (cheaply, without the dates)
        return "dmy" if over_dmy < over_mdy else "mdy"
    s_dmy, ok_dmy = header_seconds(rows, "dmy")
    s_mdy, ok_mdy = header_seconds(rows, "mdy")
    n_dmy, n_mdy = int(ok_dmy.sum()), int(ok_mdy.sum())
    if n_dmy != n_mdy:  # a field above 12 settles it
        return "dmy" if n_dmy > n_mdy else "mdy"
    back_dmy = int((np.diff(s_dmy) < 0).sum())
    back_mdy = int((np.diff(s_mdy) < 0).sum())
    if back_dmy != back_mdy:  # time only moves forward
        return "dmy" if back_dmy < back_mdy else "mdy"
    found = media() if media is not None else None
    if found is not None and found[0].size:
        votes_dmy = _media_votes(s_dmy, *found)
        votes_mdy = _media_votes(s_mdy, *found)
        if votes_dmy != votes_mdy:
            return "dmy" if votes_dmy > votes_mdy else "mdy"
    if dotted:
        return "dmy"
    if twelve_hour or unpadded_slash:
        return "mdy"
    jump_dmy = float(np.abs(np.diff(s_dmy)).sum())
    jump_mdy = float(np.abs(np.diff(s_mdy)).sum())
    return "mdy" if jump_mdy < jump_dmy else "dmy"
