"""In a real browser: make a share link, open it as the therapist (no log-in), print it,
see the opening in the log, revoke it; screenshots at 390 and 1280 px (screen and print)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from nearer.web.demo import DEMO_PASSWORD, DEMO_PEOPLE, ensure_demo
from tests.web.e2e.pages import assert_fits, log_in

pytestmark = pytest.mark.django_db(transaction=True)
SIZES = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}


def _log_in(page: Any, base: str, email: str) -> None:
    log_in(page, base, email, DEMO_PASSWORD)


@pytest.mark.parametrize("size", list(SIZES))
def test_create_open_print_and_revoke(
    live_server: Any, browser: Any, shots: Path, size: str
) -> None:
    ensure_demo(chat=False)
    base = live_server.url
    maya = browser.new_context(viewport=SIZES[size]).new_page()
    _log_in(maya, base, DEMO_PEOPLE[0][0])
    maya.goto(f"{base}/accounts/settings/")
    maya.get_by_role("link", name="Sharing", exact=True).click()
    maya.wait_for_url(f"{base}/sharing/")
    maya.get_by_label("Who is it for?").fill("Dr Rivera")
    maya.get_by_label("Connection Checks and screeners", exact=False).check()
    maya.get_by_label("Check-ins by week", exact=False).check()
    maya.locator('input[name="journal_entries"]').first.check()
    maya.get_by_label("Link works for").select_option("72")
    maya.get_by_role("button", name="Make the link").click()
    url = maya.get_by_label("The share link").input_value()
    assert "/s/" in url
    assert_fits(maya)

    # The therapist: another browser context, no session.
    therapist = browser.new_context(viewport=SIZES[size]).new_page()
    response = therapist.goto(url)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert therapist.locator("nav").count() == 0
    assert therapist.locator("a").count() == 0  # no way into the app
    assert therapist.locator("h3", has_text="Check-ins by week").count() == 1
    assert therapist.locator("svg.bar").count() > 3
    assert_fits(therapist)
    therapist.screenshot(path=str(shots / f"share-report-{size}.png"), full_page=True)
    therapist.emulate_media(media="print")
    therapist.screenshot(path=str(shots / f"share-report-print-{size}.png"), full_page=True)
    if size == "1280":
        # Points: A4 is 595 x 842, Letter 612 x 792.
        for paper, (wide, high) in {"A4": (595, 842), "Letter": (612, 792)}.items():
            pdf = therapist.pdf(format=paper, print_background=True)
            assert pdf.startswith(b"%PDF")
            boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
            assert {(int(float(w)), int(float(h))) for w, h in boxes} == {(wide, high)}
            # A page per section: three sections chosen, three pages.
            assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 3
            (shots / f"share-report-{paper}.pdf").write_bytes(pdf)

    maya.goto(f"{base}/sharing/")
    log = maya.locator(".share-link").first
    assert "Opened 1 time" in log.inner_text()
    log.locator("summary").click()
    assert "Chrome on Linux" in log.inner_text()
    maya.screenshot(path=str(shots / f"sharing-{size}.png"), full_page=True)
    log.get_by_role("button", name="Revoke").click()
    maya.wait_for_url(f"{base}/sharing/")
    assert "no longer opens" in maya.content()
    assert therapist.goto(url).status == 404


def test_both_partners_side_by_side(
    live_server: Any, browser: Any, shots: Path, tmp_path: Path
) -> None:
    from nearer.web.accounts.models import User
    from nearer.web.sharing import links

    ensure_demo(chat=False)
    maya, jonas = (User.objects.get(email=email) for email, _ in DEMO_PEOPLE)
    # Maya shares her chat insights, Jonas his plan: each part holds its owner's own.
    _insights_and_plan_for(maya, tmp_path, plan_for=jonas)
    mine = links.create_link(maya, "Dr Rivera", ["weeks", "gap", "insights"], 24, together=True)
    links.create_link(jonas, "Dr Rivera", ["checks", "gap", "plan"], 24, together=True)
    page = browser.new_context(viewport=SIZES["1280"]).new_page()
    page.goto(f"{live_server.url}/s/{mine.token}/")
    names = page.locator(".part-name").all_inner_texts()
    assert names == ["Maya", "Jonas"]
    first, second = (page.locator(".part").nth(i).bounding_box() for i in range(2))
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]  # side by side
    maya_part, jonas_part = (page.locator(".part").nth(i) for i in range(2))
    assert maya_part.locator("figure.chart").count() == 4
    assert jonas_part.locator("figure.chart").count() == 0
    assert "We walk the dog together" in jonas_part.inner_text()
    assert "The plan and what was done" not in maya_part.inner_text()
    assert_fits(page)
    page.screenshot(path=str(shots / "share-report-both-1280.png"), full_page=True)


def _insights_and_plan_for(
    maya: Any, folder: Path, insights: bool = True, plan_for: Any = None
) -> None:
    """Maya's own chat insights from a real analysis of a synthetic chat, and a plan (hers,
    or ``plan_for``'s) with one step done and one set aside with a reason."""
    from nearer.core.analysis.synthetic import synthetic_couple
    from nearer.core.chats.render import Layout, render_whatsapp
    from nearer.web.insights.analysis import analyse_export
    from nearer.web.insights.models import InsightJob
    from nearer.web.insights.store import save_report
    from nearer.web.plans.build import current_plan
    from nearer.web.plans.models import DONE, NOT_FOR_US
    from nearer.web.plans.record import set_step_status

    if insights:
        chat = folder / "WhatsApp Chat with Jonas.txt"
        messages = synthetic_couple("pursue-withdraw", weeks=36, seed=4, names=("Maya", "Jonas"))
        chat.write_text(render_whatsapp(messages, Layout()), encoding="utf-8")
        job = InsightJob.objects.create(owner=maya, label_a="Maya", label_b="Jonas")
        save_report(job, analyse_export(chat, "Maya", emotions=False))
    person = plan_for or maya
    plan = current_plan(person)
    assert plan is not None
    steps = list(plan.steps.all())
    set_step_status(person, steps[0], DONE)
    other = next(s for s in steps[1:] if not s.is_help)
    set_step_status(person, other, NOT_FOR_US, "We walk the dog together every evening already.")


@pytest.mark.parametrize("size", list(SIZES))
def test_link_with_insights_and_plan_opens_and_prints(
    live_server: Any, browser: Any, shots: Path, tmp_path: Path, size: str
) -> None:
    from nearer.web.accounts.models import User

    ensure_demo(chat=False)
    base = live_server.url
    _insights_and_plan_for(User.objects.get(email=DEMO_PEOPLE[0][0]), tmp_path)
    maya = browser.new_context(viewport=SIZES[size]).new_page()
    _log_in(maya, base, DEMO_PEOPLE[0][0])
    maya.goto(f"{base}/sharing/")
    maya.get_by_label("Who is it for?").fill("Dr Rivera")
    maya.get_by_label("Message insights", exact=False).check()
    maya.get_by_label("The plan and what was done", exact=False).check()
    maya.get_by_role("button", name="Make the link").click()
    url = maya.get_by_label("The share link").input_value()
    assert_fits(maya)
    maya.screenshot(path=str(shots / f"sharing-new-sections-{size}.png"), full_page=True)

    therapist = browser.new_context(viewport=SIZES[size]).new_page()
    assert therapist.goto(url).status == 200
    titles = therapist.locator("h3").all_inner_texts()
    assert titles == ["Message insights", "The plan and what was done"]
    assert therapist.locator(".headline").inner_text().startswith("One of you")
    assert therapist.locator("figure.chart").count() == 4
    assert therapist.locator(".pattern").count() >= 1
    assert therapist.locator(".changes li").count() >= 2
    assert "We walk the dog together" in therapist.locator(".set-aside").inner_text()
    assert therapist.locator("a").count() == 0
    assert_fits(therapist)
    # The charts are drawn as wide as their column, never squeezed to nothing.
    widths = therapist.eval_on_selector_all(
        "figure.chart svg", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert min(widths) > 150, widths
    therapist.screenshot(path=str(shots / f"share-report-new-{size}.png"), full_page=True)
    therapist.emulate_media(media="print")
    therapist.screenshot(path=str(shots / f"share-report-new-print-{size}.png"), full_page=True)
    if size == "1280":
        pdf = therapist.pdf(format="A4", print_background=True)
        boxes = re.findall(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf)
        assert {(int(float(w)), int(float(h))) for w, h in boxes} == {(595, 842)}
        # Each section starts a page of its own: at least two pages, and not a runaway.
        assert 2 <= len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) <= 5
        (shots / "share-report-new-A4.pdf").write_bytes(pdf)
