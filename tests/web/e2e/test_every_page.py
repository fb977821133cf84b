"""Every page a person can reach, at phone and desktop width, in a real Chromium.

The demo couple (four months of check-ins, journal entries and results) is logged in and
every same-site link is followed from home, one page per kind (ids and knowledge-base
slugs are folded together). Each page must answer 200, must not scroll sideways, and must
log no script errors; a screenshot of each lands in build/screenshots/every-page/ for the
person reviewing the layout. Logged-out pages get the same check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from tests.web.e2e.pages import logged_in_page

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = ({"width": 390, "height": 844}, {"width": 1280, "height": 900})
# Links that change or remove data, leave the site's pages, or download files.
NOT_PAGES = re.compile(
    r"/(logout|delete|api/|admin/|static/|sw\.js|manifest|export|download)"
    r"|\.(zip|csv|json|png|svg|js|css|webmanifest)$"
)
# Pages every signed-in person must be able to reach from home by following links.
MUST_REACH = {
    "/plan/",
    "/checkin/",
    "/checkin/history/",
    "/checkin/weekly/",
    "/journal/",
    "/journal/new/",
    "/assessments/",
    "/assessments/check/",
    "/assessments/gap/",
    "/learn/",
    "/partner/",
    "/accounts/settings/",
    "/help/",
    "/insights/",
    "/sharing/",
    "/safety/plan/",
}
LOGGED_OUT = ("/accounts/login/", "/accounts/signup/", "/accounts/password-reset/", "/help/")


def _kind(path: str) -> str:
    """One key per kind of page, so forty journal entries are visited once."""
    key = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", path)
    return re.sub(r"^/learn/(\w+)/[\w-]+/$", r"/learn/\1/SLUG/", key)


class PageCheck:
    """Visits one path at one width and records what a reviewer would object to."""

    def __init__(self, page: Any, base: str, width: int, folder: Path, prefix: str = "") -> None:
        self.page, self.base, self.width, self.folder = page, base, width, folder
        self.prefix = prefix
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def visit(self, path: str) -> list[str]:
        """Problems found on the page (empty when it is fine)."""
        self.errors.clear()
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        problems = []
        if response is None or response.status != 200:
            problems.append(f"{path} at {self.width}px answered {response and response.status}")
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > self.width:
            problems.append(f"{path} at {self.width}px scrolls sideways ({scroll_width}px)")
        problems += [f"{path} at {self.width}px logged: {e}" for e in self.errors]
        name = self.prefix + (path.strip("/").replace("/", "_") or "home")[:80]
        self.page.screenshot(path=str(self.folder / f"{name}-{self.width}.png"), full_page=True)
        return problems

    def links(self, path: str) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        )
        found = []
        for href in hrefs:
            url = urlparse(urljoin(self.base + path, href))
            if url.netloc == urlparse(self.base).netloc and not NOT_PAGES.search(url.path):
                found.append(url.path)
        return found


def _log_in(browser: Any, base: str, size: dict[str, int]) -> Any:
    return logged_in_page(browser, base, DEMO_PEOPLE[0][0], DEMO_PASSWORD, size)


def test_every_page_fits_a_phone_and_a_desktop(live_server: Any, browser: Any, shots: Path) -> None:
    ensure_demo()
    folder = shots / "every-page"
    folder.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    checks = [
        PageCheck(_log_in(browser, base, size), base, size["width"], folder) for size in WIDTHS
    ]
    problems: list[str] = []
    visited: set[str] = set()
    kinds: set[str] = set()
    queue = ["/"]
    while queue:
        path = queue.pop(0)
        if path in visited or _kind(path) in kinds:
            continue
        visited.add(path)
        kinds.add(_kind(path))
        for check in checks:
            problems += check.visit(path)
        queue += [link for link in checks[0].links(path) if link not in visited]
    assert not MUST_REACH - visited, f"not reached from home: {sorted(MUST_REACH - visited)}"
    assert len(kinds) >= 40, f"only {len(kinds)} kinds of page reached: {sorted(kinds)}"
    assert problems == []


def test_logged_out_pages_fit_a_phone_and_a_desktop(
    live_server: Any, browser: Any, shots: Path
) -> None:
    folder = shots / "every-page"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for size in WIDTHS:
        page = browser.new_context(viewport=size).new_page()
        check = PageCheck(page, live_server.url, size["width"], folder, prefix="out-")
        for path in LOGGED_OUT:
            problems += check.visit(path)
    assert problems == []
