"""On a phone (390 x 844): the daily check-in in three taps without scrolling, the learn
pages, and the app as an installable web app with an offline page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.couples.models import Couple

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "slow mornings together"

pytestmark = pytest.mark.django_db(transaction=True)


def _logged_in(
    browser: Any, base: str, size: dict[str, int], email: str = "ana@example.org"
) -> Any:
    if not User.objects.filter(email=email).exists():
        couple = Couple.objects.create()
        User.objects.create_user(email, PASSWORD, display_name="Ana", couple=couple, country="GB")
        User.objects.create_user(
            "ben" + email, PASSWORD, display_name="Ben", couple=couple, country="GB"
        )
    page = browser.new_context(viewport=size).new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    return page


def _in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(
        box
        and box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


def test_check_in_in_three_taps_without_scrolling(
    live_server: Any, browser: Any, shots: Path
) -> None:
    base = live_server.url
    page = _logged_in(browser, base, PHONE)
    page.goto(f"{base}/checkin/")
    page.screenshot(path=str(shots / "checkin-start-390.png"))
    save = page.get_by_role("button", name="Save check-in")
    assert _in_view(page, save)
    # Words appear only once an area is chosen; the note and appreciation wait behind a tap.
    assert not page.get_by_label("calm", exact=True).is_visible()
    assert not page.get_by_label("Private note").is_visible()
    assert not page.get_by_label("One thing I appreciated about you today").is_visible()
    assert page.locator('input[name="closeness"]:checked').get_attribute("value") == "5"

    page.locator("label.area", has_text="Quiet and pleasant").click()  # tap 1
    assert page.get_by_label("calm", exact=True).is_visible()
    assert not page.get_by_label("furious", exact=True).is_visible()
    page.locator("label.word", has_text="content").click()  # tap 2
    page.screenshot(path=str(shots / "checkin-picked-390.png"))
    for locator in (save, page.locator(".scale10"), page.locator("label.word", has_text="content")):
        assert _in_view(page, locator)
    assert page.evaluate("window.scrollY") == 0
    save.click()  # tap 3
    page.wait_for_url(f"{base}/")
    saved = DailyCheckIn.objects.get(author__email="ana@example.org")
    assert (saved.quadrant, saved.feeling, saved.closeness) == ("low_pleasant", "content", 5)
    assert (saved.appreciation, saved.private_note) == ("", "")

    # The next day's form starts from the last closeness; text opens on a tap.
    saved.day = saved.day.replace(year=saved.day.year - 1)
    saved.closeness = 8
    saved.save()
    page.goto(f"{base}/checkin/")
    assert page.locator('input[name="closeness"]:checked').get_attribute("value") == "8"
    page.get_by_text("Add a private note").click()
    page.get_by_label("Private note").fill("Only for me.")
    page.locator("label.area", has_text="Low and unpleasant").click()
    page.locator("label.word", has_text="tired").click()
    save.click()
    page.wait_for_url(f"{base}/")
    today = DailyCheckIn.objects.filter(author__email="ana@example.org").first()
    assert today is not None
    assert (today.feeling, today.closeness, today.private_note) == ("tired", 8, "Only for me.")


def test_check_in_works_without_javascript(live_server: Any, browser: Any) -> None:
    base = live_server.url
    _logged_in(browser, base, PHONE, "nojs@example.org")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill("nojs@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/checkin/")
    assert not page.get_by_label("tired", exact=True).is_visible()
    page.locator("label.area", has_text="Low and unpleasant").click()
    assert page.get_by_label("tired", exact=True).is_visible()
    page.locator("label.word", has_text="tired").click()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{base}/")
    assert DailyCheckIn.objects.get(author__email="nojs@example.org").feeling == "tired"


def test_check_in_screenshot_at_desktop_width(live_server: Any, browser: Any, shots: Path) -> None:
    base = live_server.url
    page = _logged_in(browser, base, DESKTOP, "wide@example.org")
    page.goto(f"{base}/checkin/")
    page.screenshot(path=str(shots / "checkin-start-1280.png"), full_page=True)
    page.locator("label.area", has_text="Stirred up and unpleasant").click()
    page.screenshot(path=str(shots / "checkin-picked-1280.png"), full_page=True)
    assert _in_view(page, page.get_by_role("button", name="Save check-in"))
