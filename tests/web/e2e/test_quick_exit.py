"""Quick exit in a real browser: on every page once a partner-harm alert is raised, it lands
on the neutral site (intercepted, so no network is needed), and the back button does not
return to nearer. Also the screenshots of the safety pages at 390 and 1280 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from nearer.web.accounts.models import User
from nearer.web.safety.quick_exit import NEUTRAL_URL
from tests.web.e2e.pages import assert_fits

pytestmark = pytest.mark.django_db(transaction=True)
START = "https://start.example/"
NEUTRAL = "<!doctype html><title>Weather</title><p>Sunny spells.</p>"
PAGES = (
    "/",
    "/journal/",
    "/checkin/",
    "/checkin/weekly/",
    "/assessments/",
    "/safety/plan/",
    "/help/",
)


def _logged_in(browser: Any, base: str, size: dict[str, int], user: User) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=size)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    page = context.new_page()
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body=NEUTRAL, content_type="text/html"),
    )
    page.route(
        START + "**",
        lambda route: route.fulfill(
            status=200, body="<title>Start</title>", content_type="text/html"
        ),
    )
    return page


def _user(email: str = "dana@example.org") -> User:
    return User.objects.create_user(
        email, "slow mornings together", display_name="Dana", country="GB"
    )


def _raise_partner_harm_alert(page: Any, base: str) -> None:
    page.goto(f"{base}/journal/new/")
    page.get_by_label("What happened, and how did it feel?").fill("he hit me last night")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector("#safety-alert")


def test_quick_exit_on_every_page_and_back_does_not_return(live_server: Any, browser: Any) -> None:
    base = live_server.url
    page = _logged_in(browser, base, {"width": 390, "height": 844}, _user())
    page.goto(f"{base}/")
    assert page.locator("#quick-exit").count() == 0
    _raise_partner_harm_alert(page, base)
    assert page.locator("#safety-alert").inner_text().startswith("Your safety comes first")
    for path in PAGES:
        page.goto(f"{base}{path}")
        assert page.locator("#quick-exit").is_visible(), path
    # A fresh history: somewhere else, then nearer, moving by links, then quick exit.
    page.goto(START)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Journal").first.click()
    page.wait_for_url(f"{base}/journal/")
    page.get_by_role("link", name="Get help now").click()
    page.wait_for_url(f"{base}/help/")
    page.locator("#quick-exit").click()
    page.wait_for_url(NEUTRAL_URL)
    assert "Sunny spells" in page.content()
    page.evaluate("history.back()")
    page.wait_for_url(START)
    assert not page.url.startswith(base)


def test_escape_twice_leaves_and_help_page_always_has_quick_exit(
    live_server: Any, browser: Any
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, body=NEUTRAL, content_type="text/html"),
    )
    page.goto(f"{base}/help/")
    assert page.locator("#quick-exit").is_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL_URL)


@pytest.mark.parametrize(
    ("label", "size"),
    [("390", {"width": 390, "height": 844}), ("1280", {"width": 1280, "height": 900})],
)
def test_screenshots_of_the_safety_pages(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    base = live_server.url
    page = _logged_in(browser, base, size, _user(f"shots{label}@example.org"))
    page.goto(f"{base}/help/")
    page.screenshot(path=str(shots / f"help-{label}.png"), full_page=True)
    page.goto(f"{base}/safety/plan/edit/")
    page.screenshot(path=str(shots / f"safety-plan-edit-{label}.png"), full_page=True)
    page.locator("textarea[name=warning_signs]").fill("I stop answering messages\nI lie awake")
    page.locator("textarea[name=coping_alone]").fill("Walk round the block")
    page.locator("textarea[name=reasons_for_living]").fill("My dog, Biscuit")
    page.get_by_role("button", name="Save my plan").click()
    page.wait_for_selector("h1:has-text('My safety plan')")
    page.screenshot(path=str(shots / f"safety-plan-{label}.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(shots / f"safety-plan-print-{label}.png"), full_page=True)
    assert not page.locator("nav").is_visible()
    page.emulate_media(media="screen")
    _raise_partner_harm_alert(page, base)
    page.screenshot(path=str(shots / f"partner-harm-alert-{label}.png"), full_page=True)
    assert_fits(page)
    page.goto(f"{base}/safety/partner/")
    page.screenshot(path=str(shots / f"partner-guide-{label}.png"), full_page=True)
