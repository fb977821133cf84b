"""The Connection Check on a phone (390 px): screen by screen, leaving on one device and
resuming on another, confirming what the note says, then the result and the perception gap,
with screenshots at 390 and 1280 px under build/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.record import save_result
from tests.web.assessments.test_assessments import check_answers
from tests.web.base import PASSWORD, make_user
from tests.web.e2e.pages import log_in
from tests.web.e2e.test_browser import _no_overflow_and_labelled

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NOTE = "Our son is three months old."

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(browser: Any, base: str, email: str, size: dict[str, int]) -> Any:
    page = browser.new_context(viewport=size).new_page()
    log_in(page, base, email, PASSWORD, landing="/**")
    return page


def _answer_screen(page: Any) -> None:
    """Tap "rarely" on every statement and the first choice of every other required
    question, as a person would; optional questions about their lives are left open."""
    questions = page.locator("fieldset.question")
    for n in range(questions.count()):
        question = questions.nth(n)
        if question.locator(".scale5").count():
            question.locator("label.chip").nth(1).click()
        elif question.locator("input[required]").count():
            question.locator("label.chip").first.click()


def _progress(page: Any) -> tuple[int, int]:
    words = page.locator("#progress strong").inner_text()  # "3 of 14"
    number, _, total = words.partition(" of ")
    return int(number), int(total)


def test_check_screen_by_screen_leave_and_resume(
    live_server: Any, browser: Any, shots: Path
) -> None:
    base = live_server.url
    make_user("maya@example.org", "Maya")
    phone = _log_in(browser, base, "maya@example.org", PHONE)
    phone.goto(f"{base}/assessments/")
    phone.get_by_role("link", name="Connection Check").click()
    phone.wait_for_url("**/assessments/check/*/1/")
    assert _progress(phone)[0] == 1
    assert "minute" in phone.locator("#progress").inner_text()
    _no_overflow_and_labelled(phone)
    phone.screenshot(path=str(shots / "check-screen-390.png"), full_page=True)
    for expected in (1, 2, 3):
        assert _progress(phone)[0] == expected
        height = phone.evaluate("document.documentElement.scrollHeight")
        assert height < 4 * PHONE["height"], f"screen {expected} is {height}px tall"
        _answer_screen(phone)
        phone.get_by_role("button", name="Next").click()
        phone.wait_for_url(f"**/{expected + 1}/")
    _answer_screen(phone)
    phone.get_by_role("button", name="Save and finish later").click()
    phone.wait_for_url(f"{base}/assessments/")
    assert "Continue where you left off" in phone.content()

    laptop = _log_in(browser, base, "maya@example.org", DESKTOP)
    laptop.goto(f"{base}/assessments/")
    laptop.get_by_role("link", name="Continue where you left off").click()
    laptop.wait_for_url("**/assessments/check/*/4/")
    # What was tapped on the phone before leaving is there on the laptop.
    assert laptop.locator("fieldset.question input:checked").count() > 0
    laptop.screenshot(path=str(shots / "check-screen-1280.png"), full_page=True)
    laptop.get_by_role("button", name="Back").click()
    laptop.wait_for_url("**/3/")
    assert laptop.locator("fieldset.question input:checked").count() == (
        laptop.locator("fieldset.question").count()
    )

    # Back on the phone, resume and go to the end.
    phone.get_by_role("link", name="Continue where you left off").click()
    phone.wait_for_url("**/3/")
    for _ in range(30):
        if phone.get_by_label("Anything else you want to say", exact=False).count():
            break
        _answer_screen(phone)
        phone.locator('button[value="next"]').click()
        phone.wait_for_load_state()
    phone.get_by_label("Anything else you want to say", exact=False).fill(NOTE)
    phone.screenshot(path=str(shots / "check-notes-390.png"), full_page=True)
    # The last screen until the note is read: then one more, to confirm what it says.
    phone.get_by_role("button", name="See my result").click()
    phone.wait_for_load_state()
    assert "Read from your note" in phone.content()
    number, total = _progress(phone)
    assert number == total
    phone.get_by_label("Yes, that's right").check()
    phone.screenshot(path=str(shots / "check-confirm-390.png"), full_page=True)
    phone.get_by_role("button", name="See my result").click()
    phone.wait_for_url("**/assessments/results/**")
    headline = phone.locator("h1.headline")
    assert headline.is_visible()
    assert headline.bounding_box()["y"] < PHONE["height"] / 2
    phone.get_by_text("Why we say this").first.click()
    assert phone.locator("details[open]").count() >= 1
    _no_overflow_and_labelled(phone)
    phone.screenshot(path=str(shots / "result-check-390.png"), full_page=True)
    laptop.goto(phone.url)
    laptop.screenshot(path=str(shots / "result-check-1280.png"), full_page=True)


def test_gap_and_shared_result_screenshots(live_server: Any, browser: Any, shots: Path) -> None:
    from nearer.web.couples.models import Couple

    base = live_server.url
    couple = Couple.objects.create()
    maya = make_user("maya@example.org", "Maya", couple)
    sam = make_user("sam@example.org", "Sam", couple)
    pursue = {"p1.self": 4, "p3.self": 4, "p2.partner": 4}
    save_result(maya, CONNECTION_CHECK, check_answers(1, 3) | pursue, shared=False)
    shared = save_result(sam, CONNECTION_CHECK, check_answers(1, 1), shared=True)
    for label, size in (("390", PHONE), ("1280", DESKTOP)):
        page = _log_in(browser, base, "maya@example.org", size)
        page.goto(f"{base}/assessments/")
        page.locator("main .results a").first.click()
        page.wait_for_url("**/assessments/results/**")
        assert "Exactly what Sam will see" in page.content()
        page.screenshot(path=str(shots / f"result-preview-{label}.png"), full_page=True)
        page.goto(f"{base}/assessments/results/{shared.public_id}/")
        page.screenshot(path=str(shots / f"result-shared-{label}.png"), full_page=True)
        if label == "390":
            _no_overflow_and_labelled(page)
        page.get_by_role("button", name="Share this with Sam").count()
        page.goto(f"{base}/assessments/")
        page.locator("main .results a").first.click()
        page.get_by_role("button", name="Share this with Sam").click()
        page.goto(f"{base}/assessments/gap/")
        assert "Sam sees" in page.content() or "than Sam" in page.content()
        if label == "390":
            _no_overflow_and_labelled(page)
        page.screenshot(path=str(shots / f"gap-{label}.png"), full_page=True)
        page.goto(f"{base}/assessments/")
        page.screenshot(path=str(shots / f"assessments-{label}.png"), full_page=True)
        # Unshare again so the second width starts from the same state.
        page.locator("main .results a").first.click()
        page.get_by_role("button", name="Stop sharing with Sam").click()
