"""The navigation fits one line at 390 px and reaches all eight parts; home and plan in a
real browser at 390 and 1280 px, with screenshots for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from tests.web.e2e.pages import assert_fits, logged_in_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LINKS = ("Home", "Plan", "Check in", "Journal", "Checks", "Learn", "Partner", "Settings")
PAGES = (
    "/",
    "/plan/",
    "/checkin/",
    "/journal/",
    "/assessments/",
    "/partner/",
    "/accounts/settings/",
)

pytestmark = pytest.mark.django_db(transaction=True)


def _logged_in(browser: Any, base: str, size: dict[str, int]) -> Any:
    return logged_in_page(browser, base, DEMO_PEOPLE[0][0], DEMO_PASSWORD, size)


def test_navigation_fits_one_line_at_390_px(live_server: Any, browser: Any) -> None:
    ensure_demo()
    base = live_server.url
    page = _logged_in(browser, base, PHONE)
    for path in PAGES:
        page.goto(f"{base}{path}")
        assert_fits(page)
        nav = page.get_by_role("navigation", name="Main")
        boxes = []
        for name in LINKS:
            link = nav.get_by_role("link", name=name, exact=True)
            assert link.is_visible(), f"{name} hidden on {path}"
            box = link.bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
            assert box["height"] >= 44, (name, box)  # a finger-sized target
            boxes.append(box)
        assert len({round(b["y"]) for b in boxes}) == 1, f"nav wraps on {path}"
        # The bar stays on screen, and the last thing on the page is not hidden under it.
        assert boxes[0]["y"] + boxes[0]["height"] <= PHONE["height"] + 1
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        footer = page.locator("footer").bounding_box()
        assert footer is not None and footer["y"] + footer["height"] <= boxes[0]["y"] + 1


def _screens(page: Any, path: Path) -> None:
    """The whole page, and screen by screen as a person scrolls it (the fixed bar in place)."""
    page.screenshot(path=str(path), full_page=True)
    height = page.viewport_size["height"]
    total = page.evaluate("document.documentElement.scrollHeight")
    for n in range(min(6, -(-total // height))):
        page.evaluate(f"window.scrollTo(0, {n * height})")
        page.screenshot(path=str(path.with_name(f"{path.stem}-screen{n + 1}.png")))
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize(("label", "size"), [("390", PHONE), ("1280", DESKTOP)])
def test_home_and_plan_screens(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    ensure_demo()
    base = live_server.url
    page = _logged_in(browser, base, size)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base}/")
    page.locator("#closeness-chart canvas").wait_for()  # uPlot drew the chart
    assert page.get_by_role("heading", name="This week's step").is_visible()
    _screens(page, shots / f"home-{label}.png")
    page.goto(f"{base}/plan/")
    assert page.get_by_role("heading", name="This week").is_visible()
    _screens(page, shots / f"plan-{label}.png")
    page.get_by_role("button", name="Mark done").first.click()
    page.wait_for_url(f"{base}/plan/")
    assert "is marked done" in page.content()
    # "Not for us" with a reason: the plan is rebuilt without it and says what changed.
    page.locator(".not-for-us summary").first.click()
    page.locator(".not-for-us textarea").first.fill("We tried this last year; it felt forced.")
    page.get_by_role("button", name="Leave it out of my plan").first.click()
    page.wait_for_url(f"{base}/plan/")
    assert page.get_by_role("heading", name="What changed").is_visible()
    assert "which you marked “not for us”" in page.content()
    _screens(page, shots / f"plan-changed-{label}.png")
    assert errors == []
    if label == "390":
        # Both agree to share: the partner's steps for both show on this page.
        page.get_by_role("button", name="Share my steps for both of us").click()
        other = logged_in_page(browser, base, DEMO_PEOPLE[1][0], DEMO_PASSWORD, size)
        other.goto(f"{base}/plan/")
        other.get_by_role("button", name="Share my steps for both of us").click()
        other.wait_for_url(f"{base}/plan/")
        assert "From Maya's plan" in other.content()
        other.locator("#together-title").scroll_into_view_if_needed()
        other.screenshot(path=str(shots / "plan-together-390.png"))
    if label == "1280":
        nav = page.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="Assessments", exact=True).is_visible()
