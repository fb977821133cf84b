"""What most browser tests do first: log someone in, and check a page fits its width."""

from __future__ import annotations

from typing import Any


def log_in(page: Any, base: str, email: str, password: str, landing: str = "/") -> None:
    """Log in through the real form, as a person would, and wait for ``landing``."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{landing}")


def logged_in_page(
    browser: Any, base: str, email: str, password: str, size: dict[str, int], **context: Any
) -> Any:
    """A new browser context of ``size`` (and any other context options), logged in."""
    page = browser.new_context(viewport=size, **context).new_page()
    log_in(page, base, email, password)
    return page


def assert_fits(page: Any, width: int | None = None) -> None:
    """Nothing on the page scrolls sideways at its width (or ``width``)."""
    limit = width or page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= limit, f"{page.url} is {scroll}px wide"
