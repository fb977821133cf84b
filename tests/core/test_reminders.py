"""When a reminder is due, on literal dates: time zones, a DST change each way, weekdays,
lateness, midnight, and a setting changed after the time had passed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.reminders import (
    LATE_LIMIT,
    ReminderError,
    describe_days,
    due_slot,
    next_slot,
    parse_days,
    slot_start,
    store_days,
    zone,
)

LONDON = zone("Europe/London")
NEW_YORK = zone("America/New_York")
TOKYO = zone("Asia/Tokyo")
EVERY_DAY = range(7)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_due_at_local_time_in_winter_and_summer() -> None:
    # 20:00 in London is 20:00 UTC in January and 19:00 UTC in July.
    assert due_slot(utc(2026, 1, 14, 20, 0), time(20), EVERY_DAY, LONDON) == date(2026, 1, 14)
    assert due_slot(utc(2026, 1, 14, 19, 59), time(20), EVERY_DAY, LONDON) is None
    assert due_slot(utc(2026, 7, 14, 19, 0), time(20), EVERY_DAY, LONDON) == date(2026, 7, 14)
    assert due_slot(utc(2026, 7, 14, 18, 59), time(20), EVERY_DAY, LONDON) is None


def test_the_day_clocks_go_forward_keeps_local_time() -> None:
    # 29 March 2026: London goes from GMT to BST at 01:00 UTC.
    assert slot_start(date(2026, 3, 28), time(20), LONDON) == utc(2026, 3, 28, 20, 0)
    assert slot_start(date(2026, 3, 29), time(20), LONDON) == utc(2026, 3, 29, 19, 0)
    assert due_slot(utc(2026, 3, 29, 19, 0), time(20), EVERY_DAY, LONDON) == date(2026, 3, 29)


def test_a_time_that_does_not_exist_that_day_comes_an_hour_later_on_the_clock() -> None:
    # 01:30 does not exist in London on 29 March 2026: it is read as 01:30 GMT (02:30 BST).
    assert slot_start(date(2026, 3, 29), time(1, 30), LONDON) == utc(2026, 3, 29, 1, 30)
    assert due_slot(utc(2026, 3, 29, 1, 30), time(1, 30), EVERY_DAY, LONDON) == date(2026, 3, 29)


def test_the_day_clocks_go_back_fires_once_at_the_first_of_the_two() -> None:
    # 1 November 2026 in New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 (EST).
    start = slot_start(date(2026, 11, 1), time(1, 30), NEW_YORK)
    assert start == utc(2026, 11, 1, 5, 30)
    # After the change, the evening reminder follows the clock: 20:00 EST is 01:00 UTC.
    assert slot_start(date(2026, 11, 1), time(20), NEW_YORK) == utc(2026, 11, 2, 1, 0)


def test_only_on_the_chosen_weekdays() -> None:
    # 15 January 2026 is a Thursday (3).
    thursday = utc(2026, 1, 15, 9, 0)
    assert due_slot(thursday, time(9), [3], LONDON) == date(2026, 1, 15)
    assert due_slot(thursday, time(9), [0, 1, 2, 4, 5, 6], LONDON) is None
    assert due_slot(thursday, time(9), [], LONDON) is None


def test_weekday_is_the_local_one_not_utc() -> None:
    # 08:00 on Friday in Tokyo is 23:00 UTC on Thursday.
    assert due_slot(utc(2026, 1, 15, 23, 0), time(8), [4], TOKYO) == date(2026, 1, 16)
    assert due_slot(utc(2026, 1, 15, 23, 0), time(8), [3], TOKYO) is None


def test_too_late_is_skipped() -> None:
    at = time(20)
    assert due_slot(utc(2026, 1, 14, 21, 59), at, EVERY_DAY, LONDON) == date(2026, 1, 14)
    late = utc(2026, 1, 14, 20, 0) + LATE_LIMIT
    assert due_slot(late, at, EVERY_DAY, LONDON) is None


def test_shortly_before_midnight_found_just_after() -> None:
    # 23:30 on Wednesday 14th, found at 00:10 on Thursday: still Wednesday's reminder.
    assert due_slot(utc(2026, 1, 15, 0, 10), time(23, 30), [2], LONDON) == date(2026, 1, 14)


def test_a_setting_changed_after_the_time_sends_nothing_that_day() -> None:
    now = utc(2026, 1, 14, 20, 30)
    assert due_slot(now, time(20), EVERY_DAY, LONDON, since=utc(2026, 1, 14, 20, 10)) is None
    assert due_slot(now, time(20), EVERY_DAY, LONDON, since=utc(2026, 1, 14, 19, 0)) == date(
        2026, 1, 14
    )


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        due_slot(datetime(2026, 1, 14, 20, 0), time(20), EVERY_DAY, LONDON)


def test_next_slot_skips_to_the_next_chosen_day() -> None:
    # Thursday 15 January 2026, 10:00 UTC; the talk is on Sundays at 19:00 London time.
    assert next_slot(utc(2026, 1, 15, 10), time(19), [6], LONDON) == utc(2026, 1, 18, 19, 0)
    assert next_slot(utc(2026, 1, 15, 10), time(19), [], LONDON) is None


def test_unknown_zone_is_one_line() -> None:
    with pytest.raises(ReminderError, match="not a time zone nearer knows"):
        zone("Mars/Olympus")
    with pytest.raises(ReminderError):
        zone("../etc/passwd")


def test_days_are_stored_and_described() -> None:
    assert store_days([6, 0, 0, 3]) == "036"
    assert parse_days("036x9") == [0, 3, 6]
    assert describe_days(range(7)) == "every day"
    assert describe_days([0, 1, 2, 3, 4]) == "on weekdays"
    assert describe_days([6]) == "on Sundays"
    assert describe_days([0, 2, 4]) == "on Mondays, Wednesdays and Fridays"


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
    st.times(),
    st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]),
)
def test_due_only_within_the_window_after_its_start(moment: datetime, at: time, name: str) -> None:
    now = moment.replace(tzinfo=UTC)
    where = zone(name)
    day = due_slot(now, at.replace(second=0, microsecond=0), EVERY_DAY, where)
    if day is not None:
        start = slot_start(day, at.replace(second=0, microsecond=0), where)
        assert start <= now < start + LATE_LIMIT
