"""End to end in a real browser: sign up, invite, both check in, what the partner sees,
journal, assessment, export and account deletion, keyboard use, 360 px layout, and
screenshots of every main page."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from tests.web.e2e.pages import assert_fits, log_in

MOBILE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "slow mornings together"

pytestmark = pytest.mark.django_db(transaction=True)


def _page(browser: Any, size: dict[str, int]) -> Any:
    context = browser.new_context(viewport=size)
    return context.new_page()


def _sign_up(page: Any, base: str, name: str, email: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Your first name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Country").select_option("US")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"{base}/partner/")


def _check_in(page: Any, base: str, area: str, word: str, closeness: str, **text: str) -> None:
    page.goto(f"{base}/checkin/")
    page.get_by_label(area).check()
    assert not page.get_by_label("furious").is_visible() or area.startswith("Stirred")
    page.get_by_label(word, exact=True).check()
    page.locator(f'input[name="closeness"][value="{closeness}"]').check()
    if "appreciation" in text:  # the optional fields open on a tap
        page.get_by_text("Add an appreciation").click()
        page.get_by_label("One thing I appreciated").fill(text["appreciation"])
    if "note" in text:
        page.get_by_text("Add a private note").click()
        page.get_by_label("Private note").fill(text["note"])
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{base}/")


def _no_overflow_and_labelled(page: Any) -> None:
    """At 360 px nothing scrolls sideways, and every visible input has a label."""
    assert_fits(page)
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden')
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id)"""
    )
    assert unlabelled == [], f"{page.url}: {unlabelled}"


def test_couple_journey(live_server: Any, browser: Any, shots: Path) -> None:
    base = live_server.url
    alice = _page(browser, MOBILE)
    _sign_up(alice, base, "Alice", "alice@example.org")
    assert "Going on your own is fine" in alice.content()
    alice.get_by_role("button", name="Make an invitation code").click()
    code = alice.get_by_label("Invitation code", exact=True).inner_text().strip()
    alice.screenshot(path=str(shots / "invite-360.png"), full_page=True)

    bob = _page(browser, MOBILE)
    _sign_up(bob, base, "Bob", "bob@example.org")
    bob.get_by_label("Invitation code from your partner").fill(code)
    bob.get_by_role("button", name="Join my partner").click()
    bob.wait_for_url(f"{base}/")
    assert "now paired" in bob.content()

    _check_in(
        alice,
        base,
        "Quiet and pleasant",
        "calm",
        "8",
        appreciation="You cooked my favourite soup.",
        note="My private worry about work.",
    )
    _check_in(bob, base, "Lively and pleasant", "hopeful", "7", appreciation="Thanks for the walk.")

    bob.goto(f"{base}/")
    home = bob.content()
    assert "You cooked my favourite soup." in home
    assert "My private worry about work." not in home
    bob.goto(f"{base}/checkin/appreciations/")
    assert "You cooked my favourite soup." in bob.content()
    bob.goto(f"{base}/checkin/history/")
    assert "My private worry" not in bob.content()
    assert "Alice's days" not in bob.content()  # no daily scores unless Alice opts in
    bob.screenshot(path=str(shots / "partner-home-360.png"), full_page=True)

    alice.goto(f"{base}/journal/new/")
    alice.get_by_label("What happened").fill("We laughed at dinner for the first time in weeks.")
    alice.get_by_label("Feelings").fill("happy, relieved")
    alice.get_by_label("Situations").fill("dinner")
    alice.get_by_label("Share this entry with my partner").check()
    alice.get_by_role("button", name="Save").click()
    assert "shared with Bob" in alice.content()
    entry_url = alice.url
    bob.goto(f"{base}/journal/")
    assert "We laughed at dinner" in bob.content()
    bob.goto(entry_url)
    assert "Edit or change sharing" not in bob.content()

    alice.goto(f"{base}/assessments/take/gad2/")
    alice.locator('input[name="q_1"][value="1"]').check()
    alice.locator('input[name="q_2"][value="0"]').check()
    alice.get_by_role("button", name="See my result").click()
    assert "1 of 6" in alice.content()
    assert "This is not a diagnosis" in alice.content()

    alice.goto(f"{base}/checkin/weekly/")
    alice.get_by_role("button", name="Start the timer").click()
    alice.get_by_role("button", name="Next step").click()
    alice.get_by_role("button", name="We did it").click()
    assert "Weekly talk recorded" in alice.content()

    _export_then_delete(alice, bob, base, shots)


def _export_then_delete(alice: Any, bob: Any, base: str, shots: Path) -> None:
    """Alice saves her data, then deletes her account using the keyboard alone; Bob keeps
    his own check-in and no longer sees what Alice shared."""
    alice.goto(f"{base}/accounts/settings/")
    with alice.expect_download() as download_info:
        alice.get_by_role("link", name="Download all my data").click()
    download = download_info.value
    assert download.suggested_filename.startswith("nearer-export-")
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        exported = json.loads(archive.read("nearer-export.json"))
        assert "README.txt" in archive.namelist()
    assert exported["daily_checkins"][0]["private_note"] == "My private worry about work."
    assert exported["couple"]["partner_name"] == "Bob"
    assert "Thanks for the walk." not in json.dumps(exported)

    alice.get_by_role("link", name="Delete my account and everything in it").click()
    alice.wait_for_url(f"{base}/accounts/delete/")
    assert "You and Bob are unpaired." in alice.content()
    _no_overflow_and_labelled(alice)
    alice.screenshot(path=str(shots / "delete-account-360.png"), full_page=True)
    alice.get_by_label("Your current password").focus()
    alice.keyboard.type("not it")
    alice.keyboard.press("Enter")
    alice.get_by_text("That is not your current password").wait_for()  # the form again
    alice.get_by_label("Your current password").focus()
    alice.keyboard.type(PASSWORD)
    alice.keyboard.press("Enter")
    alice.wait_for_url(f"{base}/accounts/goodbye/")
    assert "Your account is deleted" in alice.content()

    bob.goto(f"{base}/journal/")
    assert "We laughed at dinner" not in bob.content()
    bob.goto(f"{base}/checkin/history/")
    assert "hopeful" in bob.content()
    bob.goto(f"{base}/partner/")
    assert "Make an invitation code" in bob.content()


def test_keyboard_only_log_in_and_check_in(live_server: Any, browser: Any) -> None:
    ensure_demo()
    base = live_server.url
    page = _page(browser, MOBILE)
    page.goto(f"{base}/help/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "nearer"
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.type(DEMO_PEOPLE[0][0])
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/checkin/")
    page.locator('input[name="quadrant"]').first.focus()
    page.keyboard.press("ArrowDown")  # radio groups move with arrow keys
    area = page.evaluate("document.activeElement.value")
    assert area == "high_unpleasant"
    page.locator(f'[data-words-for="{area}"] input').first.focus()
    page.keyboard.press("Space")
    page.locator('input[name="closeness"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    assert "Checked in" in page.content()


SCREENS = [
    ("landing", "/", False),
    ("login", "/accounts/login/", False),
    ("signup", "/accounts/signup/", False),
    ("help", "/help/", False),
    ("home", "/", True),
    ("checkin", "/checkin/", True),
    ("history", "/checkin/history/", True),
    ("appreciations", "/checkin/appreciations/", True),
    ("weekly", "/checkin/weekly/", True),
    ("journal", "/journal/", True),
    ("journal-new", "/journal/new/", True),
    ("patterns", "/journal/patterns/", True),
    ("assessments", "/assessments/", True),
    ("connection-check", "/assessments/take/connection-check/", True),
    ("gap", "/assessments/gap/", True),
    ("partner", "/partner/", True),
    ("settings", "/accounts/settings/", True),
    ("password", "/accounts/password/", True),
    ("delete-account", "/accounts/delete/", True),
]


@pytest.mark.parametrize(("label", "size"), [("360", MOBILE), ("desktop", DESKTOP)])
def test_screenshots_of_every_main_page(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    ensure_demo()
    base = live_server.url
    anonymous = _page(browser, size)
    page = _page(browser, size)
    log_in(page, base, DEMO_PEOPLE[0][0], DEMO_PASSWORD)
    for name, path, logged_in in SCREENS:
        target = page if logged_in else anonymous
        response = target.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert target.get_by_role("link", name="Get help now").is_visible()
        if label == "360":
            _no_overflow_and_labelled(target)
        target.screenshot(path=str(shots / f"{name}-{label}.png"), full_page=True)
    page.goto(f"{base}/journal/")
    page.locator("main ul.list a").first.click()
    page.wait_for_url("**/journal/*-*/")
    page.screenshot(path=str(shots / f"journal-entry-{label}.png"), full_page=True)
    page.goto(f"{base}/assessments/")
    page.locator("main .results a").first.click()
    page.wait_for_url("**/assessments/results/**")
    page.screenshot(path=str(shots / f"result-{label}.png"), full_page=True)
