"""On a phone (390 x 844): the daily check-in in three taps without scrolling, the learn
pages, and the app as an installable web app with an offline page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.couples.models import Couple
from tests.web.e2e.pages import assert_fits, logged_in_page

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
    return logged_in_page(browser, base, email, PASSWORD, size)


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
    # Opening it again the same day: the saved answers are picked, Save is still in view.
    page.goto(f"{base}/checkin/")
    assert page.get_by_text("Already saved today").is_visible()
    assert page.get_by_label("tired", exact=True).is_checked()
    page.screenshot(path=str(shots / "checkin-again-390.png"))
    assert _in_view(page, save)


def test_check_in_works_without_javascript(live_server: Any, browser: Any) -> None:
    base = live_server.url
    _logged_in(browser, base, PHONE, "nojs@example.org")
    page = logged_in_page(
        browser, base, "nojs@example.org", PASSWORD, PHONE, java_script_enabled=False
    )
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


def test_installable_with_an_offline_page(live_server: Any, browser: Any, shots: Path) -> None:
    base = live_server.url
    page = _logged_in(browser, base, PHONE, "install@example.org")
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(f"{base}{href}")
    assert manifest.ok
    body = json.loads(manifest.text())
    assert body["display"] == "standalone"
    for icon in body["icons"]:
        got = page.request.get(f"{base}{icon['src']}")
        assert got.ok and got.headers["content-type"] == "image/png", icon["src"]
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.active && r.scope)")
    assert scope == f"{base}/"
    page.reload()  # the worker now controls the page
    assert page.evaluate("!!navigator.serviceWorker.controller")
    page.context.set_offline(True)
    page.goto(f"{base}/journal/")
    assert page.get_by_role("heading", name="You are offline").is_visible()
    assert "install@example.org" not in page.content()
    page.screenshot(path=str(shots / "offline-390.png"), full_page=True)
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const r of await cache.keys()) urls.push(new URL(r.url).pathname);
            }
            return urls;
        }"""
    )
    assert "/offline/" in cached
    assert all(u == "/offline/" or u.startswith("/static/") for u in cached), cached
    page.context.set_offline(False)
    page.goto(f"{base}/journal/")
    assert page.get_by_role("heading", name="Journal").is_visible()


LEARN_SCREENS = [
    ("learn", "/learn/"),
    ("learn-topic", "/learn/signs/"),
    ("learn-strategies", "/learn/strategies/"),
    ("learn-entry", "/learn/strategies/feelings_check_in/"),
    ("learn-search", "/learn/?q=space"),
    ("learn-myths", "/learn/myths/"),
    ("learn-detachment", "/learn/detachment/"),
]


@pytest.mark.parametrize(("label", "size"), [("390", PHONE), ("1280", DESKTOP)])
def test_learn_pages_on_phone_and_desktop(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    base = live_server.url
    page = browser.new_context(viewport=size).new_page()
    for name, path in LEARN_SCREENS:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert_fits(page)
        page.screenshot(path=str(shots / f"{name}-{label}.png"), full_page=True)
    page.goto(f"{base}/learn/")
    page.get_by_label("Search what nearer knows").fill("therapy")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/learn/?q=therapy")
    page.locator("ol.results a").first.click()
    page.wait_for_url(re.compile(r"/learn/[a-z]+/[a-z_]+/$"))
    assert page.locator("p.sources cite").count() >= 1
