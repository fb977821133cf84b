"""Chat insights in a real browser at 390 px: upload a real export, follow the progress page
while a worker runs, open the insights with their charts; screenshots at 390 and 1280 px."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.render import Layout, render_whatsapp
from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from nearer.web.insights.models import InsightJob
from nearer.web.insights.worker import run_worker
from tests.web.e2e.pages import assert_fits, logged_in_page
from tests.web.insights.test_group_chat import GROUP
from tests.web.insights.test_insights import CHAT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture()
def upload_dir() -> Any:
    folder = Path(tempfile.mkdtemp(prefix="nearer-e2e-uploads-"))
    with override_settings(INSIGHTS_UPLOAD_DIR=folder):
        yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _log_in(browser: Any, base: str, size: dict[str, int], javascript: bool = True) -> Any:
    return logged_in_page(
        browser, base, DEMO_PEOPLE[0][0], DEMO_PASSWORD, size, java_script_enabled=javascript
    )


def _upload(page: Any, base: str, path: Path, me: str, share: bool = False) -> None:
    page.goto(f"{base}/insights/")
    page.get_by_label("Chat export", exact=True).set_input_files(str(path))
    page.get_by_label("Your name in the chat").fill(me)
    if share:
        page.get_by_label("Let my partner see these insights").check()
    page.get_by_role("button", name="Upload and analyse").click()
    page.wait_for_url("**/insights/uploads/*/")


def test_upload_progress_and_insights_at_390px(
    live_server: Any, browser: Any, shots: Path, upload_dir: Path
) -> None:
    ensure_demo(chat=False)
    base = live_server.url
    page = _log_in(browser, base, PHONE)
    page.goto(f"{base}/")
    assert page.get_by_role("heading", name="Early warning").is_visible()
    _upload(page, base, CHAT, "Alice")  # the export calls her "Alice Placeholder"
    assert page.locator("#job-message").inner_text() == "Waiting for the worker to pick it up."
    assert_fits(page)
    page.screenshot(path=str(shots / "insights-progress-390.png"), full_page=True)
    run_worker(batch=True, interval=0, signals=False)
    # The page's script notices on its own and offers the insights.
    page.get_by_role("link", name="See your insights").wait_for(timeout=15000)
    assert "file you uploaded has been deleted" in page.locator("#job-message").inner_text()
    assert list(upload_dir.glob("*.upload")) == []
    page.get_by_role("link", name="See your insights").click()
    page.wait_for_url("**/insights/*-*/")
    assert page.get_by_role("heading", name="Maya and Jonas").is_visible()
    assert page.locator(".uplot").count() == 4  # the four weekly charts were drawn
    assert_fits(page)
    page.screenshot(path=str(shots / "insights-390.png"), full_page=True)


def test_a_failed_upload_says_why_in_the_browser(
    live_server: Any, browser: Any, upload_dir: Path, tmp_path: Path
) -> None:
    ensure_demo(chat=False)
    base = live_server.url
    page = _log_in(browser, base, PHONE)
    binary = tmp_path / "chat.txt"
    binary.write_bytes(b"\x00\x01binary\x00" * 100)
    _upload(page, base, binary, "Maya")
    run_worker(batch=True, interval=0, signals=False)
    page.get_by_role("link", name="Upload another file").wait_for(timeout=15000)
    assert "binary, not a chat export" in page.locator("#job-message").inner_text()
    assert InsightJob.objects.get().status == "failed"
    assert list(upload_dir.glob("*.upload")) == []


@pytest.mark.parametrize(("label", "size"), [("390", PHONE), ("1280", DESKTOP)])
def test_screenshots_of_the_insights_pages(
    live_server: Any,
    browser: Any,
    shots: Path,
    upload_dir: Path,
    tmp_path: Path,
    label: str,
    size: dict[str, int],
) -> None:
    ensure_demo(chat=False)
    base = live_server.url
    page = _log_in(browser, base, size)
    chat = tmp_path / "WhatsApp Chat with Jonas.txt"
    messages = synthetic_couple("pursue-withdraw", weeks=36, seed=4, names=("Maya", "Jonas"))
    chat.write_text(render_whatsapp(messages, Layout()), encoding="utf-8")
    _upload(page, base, chat, "Maya", share=True)
    run_worker(batch=True, interval=0, signals=False)
    page.get_by_role("link", name="See your insights").wait_for(timeout=15000)
    page.get_by_role("link", name="See your insights").click()
    page.wait_for_url("**/insights/*-*/")
    assert page.locator(".signals li").count() >= 1
    if label == "390":
        assert_fits(page)
    page.screenshot(path=str(shots / f"insights-detail-{label}.png"), full_page=True)
    page.goto(f"{base}/insights/")
    page.screenshot(path=str(shots / f"insights-list-{label}.png"), full_page=True)
    page.goto(f"{base}/")
    page.screenshot(path=str(shots / f"home-warning-{label}.png"), full_page=True)


@pytest.mark.parametrize(
    ("label", "size", "javascript"),
    [("390", PHONE, True), ("1280", DESKTOP, True), ("390-no-script", PHONE, False)],
)
def test_a_group_chat_asks_for_its_two_people(
    live_server: Any,
    browser: Any,
    shots: Path,
    upload_dir: Path,
    label: str,
    size: dict[str, int],
    javascript: bool,
) -> None:
    ensure_demo(chat=False)
    base = live_server.url
    page = _log_in(browser, base, size, javascript)
    _upload(page, base, GROUP, "John")  # a real WhatsApp group export with five senders
    run_worker(batch=True, interval=0, signals=False)
    # The progress page's script (or, without one, its refresh) shows the picker.
    page.get_by_role("heading", name="Choose the two people").wait_for(timeout=15000)
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 5
    assert page.get_by_role("checkbox", name="John Doe").is_checked()  # found by first name
    assert "24 hours" in page.locator("#choose-by").inner_text()
    assert_fits(page)
    page.screenshot(path=str(shots / f"insights-picker-{label}.png"), full_page=True)
    picker = page.url
    page.goto(f"{base}/insights/")  # the waiting upload is listed, and leads back to the picker
    assert page.locator(".list .tag").first.inner_text() == "Choose the two people"
    page.screenshot(path=str(shots / f"insights-list-choosing-{label}.png"), full_page=True)
    page.get_by_role("link", name="Choose the two people").click()  # the notice on top
    page.wait_for_url(picker)
    page.get_by_role("button", name="Analyse these two").click()
    assert page.get_by_role("alert").inner_text() == "Tick exactly two people (you ticked 1)."
    assert_fits(page)
    page.screenshot(path=str(shots / f"insights-picker-error-{label}.png"), full_page=True)
    page.get_by_role("checkbox", name="The final test").check()
    page.get_by_role("button", name="Analyse these two").click()
    page.get_by_role("heading", name="Waiting in line").wait_for()
    assert len(list(upload_dir.glob("*.upload"))) == 1
    page.screenshot(path=str(shots / f"insights-picker-queued-{label}.png"), full_page=True)
    run_worker(batch=True, interval=0, signals=False)
    page.get_by_role("link", name="See your insights").wait_for(timeout=15000)
    assert list(upload_dir.glob("*.upload")) == []
    job = InsightJob.objects.get(status="done")
    assert (job.senders, job.between, job.me) == ([], [], "")


@pytest.mark.parametrize(("label", "size"), [("390", PHONE), ("1280", DESKTOP)])
def test_the_chat_safety_alert_comes_first_for_the_uploader_only(
    live_server: Any, browser: Any, shots: Path, label: str, size: dict[str, int]
) -> None:
    from nearer.web.insights.models import InsightHistory

    ensure_demo()
    history = InsightHistory.objects.get(owner__email=DEMO_PEOPLE[0][0])
    week = {"week": "2024-W10", "week_start": "2024-03-04", "messages": 2}
    history.safety = {
        "kinds": ["partner_harm"],
        "level": "urgent",
        "categories": ["threats"],
        "messages": 2,
        "weeks": [week],
    }
    history.save()
    base = live_server.url
    page = _log_in(browser, base, size)
    page.goto(f"{base}/insights/{history.public_id}/")
    alert = page.locator("#safety-alert")
    assert alert.is_visible()
    heading = page.locator("h1").first
    assert alert.bounding_box()["y"] < heading.bounding_box()["y"]
    assert page.locator("#quick-exit").is_visible()
    assert_fits(page)
    page.screenshot(path=str(shots / f"insights-chat-safety-{label}.png"), full_page=True)
    partner = logged_in_page(browser, base, DEMO_PEOPLE[1][0], DEMO_PASSWORD, size)
    partner.goto(f"{base}/insights/{history.public_id}/")
    assert partner.locator("h1").first.is_visible()  # shared with the partner...
    assert partner.locator("#safety-alert").count() == 0  # ...without any sign of it
    assert partner.locator("#quick-exit").count() == 0
