"""Setting a reminder in Settings on a 390 px phone, and the home page's reminder card, in a
real browser; screenshots of both at 390 and 1280 px for a person to look at."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from nearer.core.reminders import zone
from nearer.web.accounts.models import User
from nearer.web.checkins.models import WeeklyCheckIn
from nearer.web.couples.models import Couple
from nearer.web.reminders import tokens
from nearer.web.reminders.models import APP, CHECKIN, EMAIL, TALK, Reminder, Sent
from tests.web.base import PASSWORD
from tests.web.e2e.pages import assert_fits, logged_in_page
from tests.web.reminders.helpers import turn_on

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.django_db(transaction=True)


def _couple() -> User:
    couple = Couple.objects.create()
    maya = User.objects.create_user(
        "maya@example.org", PASSWORD, display_name="Maya", couple=couple, country="GB"
    )
    User.objects.create_user(
        "jonas@example.org", PASSWORD, display_name="Jonas", couple=couple, country="GB"
    )
    return maya


def _logged_in(browser: Any, base: str, size: dict[str, int], where: str = "UTC") -> Any:
    return logged_in_page(browser, base, "maya@example.org", PASSWORD, size, timezone_id=where)


def test_setting_a_check_in_reminder_at_390_px(live_server: Any, browser: Any, shots: Path) -> None:
    maya = _couple()
    base = live_server.url
    page = _logged_in(browser, base, PHONE, where="America/New_York")
    page.goto(f"{base}/accounts/settings/#reminders")
    # Nothing set yet: the phone's own time zone is suggested (reminders.js).
    assert page.get_by_label("Your time zone").input_value() == "America/New_York"
    assert page.get_by_text("Taken from this device's clock").is_visible()
    section = page.locator("#reminders")
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(shots / "reminders-settings-off-390.png"))
    assert_fits(page, PHONE["width"])
    # Every control is a finger-sized target inside the screen's width.
    for box in page.locator(".reminders-form .day").all():
        rect = box.bounding_box()
        assert rect is not None and rect["height"] >= 44 and rect["x"] + rect["width"] <= 390
    page.get_by_label("Remind me to check in").check()
    page.locator("#id_checkin_time").fill("21:15")
    page.locator("label.day", has_text="Sat").click()  # untick the weekend
    page.locator("label.day", has_text="Sun").click()
    page.locator("#id_checkin_channel_1").check()  # on my home page
    page.get_by_label("Your time zone").select_option("Europe/London")
    page.get_by_role("button", name="Save reminders").click()
    page.wait_for_url(f"{base}/accounts/settings/#reminders")
    saved = "Reminders saved: check-in at 21:15 on weekdays, on your home page."
    assert page.get_by_text(saved).is_visible()
    reminder = Reminder.objects.get(user=maya, kind=CHECKIN)
    assert (reminder.enabled, reminder.time_of_day, reminder.days, reminder.channel) == (
        True,
        time(21, 15),
        "01234",
        APP,
    )
    assert reminder.time_zone == "Europe/London"
    assert not Reminder.objects.get(user=maya, kind=TALK).enabled
    assert page.locator("#id_checkin_on").is_checked()
    assert page.locator("#id_checkin_time").input_value() == "21:15"
    page.locator("#reminders").screenshot(path=str(shots / "reminders-settings-390.png"))
    # A refusal shows on the form's own page, with nothing saved.
    page.locator("label.day input:checked").evaluate_all("els => els.forEach(e => e.click())")
    page.get_by_role("button", name="Save reminders").click()
    page.wait_for_url(f"{base}/reminders/")
    assert page.get_by_text("Pick at least one day, or turn this reminder off.").is_visible()
    page.screenshot(path=str(shots / "reminders-refused-390.png"), full_page=True)
    reminder.refresh_from_db()
    assert reminder.days == "01234"
    # The email's unsubscribe link, opened logged out on a phone: asks, then stops it.
    stranger = browser.new_context(viewport=PHONE).new_page()
    stranger.goto(f"{base}/reminders/off/{tokens.make(reminder)}/")
    assert stranger.get_by_role("heading", name="Stop check-in reminders?").is_visible()
    stranger.screenshot(path=str(shots / "reminders-unsubscribe-390.png"))
    stranger.get_by_role("button", name="Stop these reminders").click()
    assert stranger.get_by_role("heading", name="Done: no more check-in reminders").is_visible()
    stranger.screenshot(path=str(shots / "reminders-unsubscribed-390.png"))
    reminder.refresh_from_db()
    assert not reminder.enabled


@pytest.mark.parametrize(("label", "size"), [("390", PHONE), ("1280", DESKTOP)])
def test_the_home_card_and_the_section(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    maya = _couple()
    checkin = turn_on(maya, CHECKIN, channel=APP)
    talk = turn_on(maya, TALK, channel=EMAIL)
    today = timezone.now().astimezone(zone(checkin.time_zone)).date()
    Sent.objects.create(reminder=checkin, slot=today, channel=APP)
    Sent.objects.create(reminder=talk, slot=today, channel=APP)
    # Their last talk was six days ago (six calendar days at any hour): the home page's own
    # talk card is not due.
    WeeklyCheckIn.objects.create(
        recorded_by=maya, couple=maya.couple, done_at=timezone.now() - timedelta(days=6)
    )
    base = live_server.url
    page = _logged_in(browser, base, size)
    notes = page.locator(".reminder-note")
    assert notes.count() == 2
    assert notes.first.get_by_text("A moment for you.").is_visible()
    assert_fits(page, size["width"])
    page.screenshot(path=str(shots / f"reminders-home-{label}.png"))
    page.goto(f"{base}/accounts/settings/#reminders")
    page.locator("#reminders").screenshot(path=str(shots / f"reminders-settings-on-{label}.png"))
    page.goto(f"{base}/")
    page.locator(".reminder-note").first.get_by_role("button", name="Not now").click()
    page.wait_for_url(f"{base}/")
    assert page.locator(".reminder-note").count() == 1
    assert page.get_by_text("Your weekly talk.").is_visible()
