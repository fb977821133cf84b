"""``nearer report --html FILE``: the share-link report from a local SQLite database, in a
real process; the written file read back; one-line errors with exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]
SETUP = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "nearer.web.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
from nearer.web.assessments.record import save_result
import datetime
for email, name in (("ana@example.org", "Ana"), ("ben@example.org", "Ben")):
    u = User.objects.create_user(email, "correct horse battery", display_name=name)
    for i in range(10):
        day = datetime.date(2026, 3, 2) + datetime.timedelta(days=i)
        DailyCheckIn.objects.create(author=u, day=day,
            quadrant="low_pleasant", feeling="calm", closeness=3 + i % 5,
            private_note=f"{name}-private-note-{i}")
    JournalEntry.objects.create(author=u, text=f"{name}-journal-one")
    JournalEntry.objects.create(author=u, text=f"{name}-journal-two")
    save_result(u, "gad2", {"1": 1, "2": 2}, shared=False)
ana = User.objects.get(email="ana@example.org")
from nearer.web.insights.models import InsightHistory, InsightWeek
history = InsightHistory.objects.create(owner=ana, name_a="Ana", name_b="Ben",
    chat_format="whatsapp", first_day=datetime.date(2026, 1, 5),
    last_day=datetime.date(2026, 2, 1), pattern="mutual-drift", messages_a=90, messages_b=80,
    signals=[{"person": "Partner A", "metric": "messages", "direction": "down",
              "baseline": 30.0, "recent": 15.0, "change_date": "2026-01-19", "strength": 0.7,
              "explanation": "Partner A has been sending fewer messages"}])
for n in range(4):
    InsightWeek.objects.create(history=history, week=f"2026-W{n + 2:02d}",
        week_start=datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n),
        person_a={"messages": 30 - 5 * n}, person_b={"messages": 20})
from nearer.web.plans.models import Plan, PlanStep
plan = Plan.objects.create(user=ana, week_start=datetime.date(2026, 3, 2))
PlanStep.objects.create(plan=plan, position=1, strategy_id="feelings_check_in",
    name="Ten-minute feelings check-in", audience="both", practice="talk", minutes=10,
    status="done", why=["Ana-why-quotes-answers"])
PlanStep.objects.create(plan=plan, position=2, strategy_id="write_it_down",
    name="Write it down", audience="anyone", practice="reflect", minutes=15,
    status="not_for_us", reason="Ana-reason-not-for-us")
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NEARER_SECRET_KEY"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["NEARER_DATA_DIR"] = str(tmp_path)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEARER, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nearer-data")
    env = _env(folder)
    # The key file serve would make: settings need one without DATABASE_URL.
    from nearer.web import config

    config.ensure_secret_key_file(folder)
    done = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_writes_the_chosen_sections_only(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "ana.html"
    done = _run(
        ["report", "--html", str(target), "--email", "ana@example.org", "--sections", "weeks"],
        _env(data_dir),
    )
    assert done.returncode == 0, done.stderr
    assert " ".join(done.stdout.split()) == f"Wrote the report for Ana to {target}."
    html = target.read_text("utf-8")
    assert "Shared report from Ana" in html
    assert "Check-ins by week" in html
    assert "Connection Checks and screeners" not in html
    assert "Ana-journal-one" not in html
    assert "private-note" not in html
    assert "Ben" not in html
    # Standalone: the stylesheet is inside, with the print rules.
    assert "<style>" in html and "@page" in html and "@media print" in html


def test_journal_section_takes_the_entries_given(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "ben.html"
    done = _run(
        [
            "report",
            "--html",
            str(target),
            "--email",
            "ben@example.org",
            "--sections",
            "checks,journal",
        ],
        _env(data_dir),
    )
    assert done.returncode == 0, done.stderr
    html = target.read_text("utf-8")
    assert "Ben-journal-one" in html and "Ben-journal-two" in html
    assert "<td>Generalized Anxiety Disorder-2</td><td>3 of 6</td>" in html


def test_insights_and_plan_sections_are_written(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "ana-more.html"
    args = ["report", "--html", str(target), "--email", "ana@example.org"]
    done = _run([*args, "--sections", "insights,plan"], _env(data_dir))
    assert done.returncode == 0, done.stderr
    html = target.read_text("utf-8")
    assert "<h3>Message insights</h3>" in html
    assert "You have both been drifting" in html  # the headline
    # Each change by its figures, with units.
    assert '<strong>Ana</strong>, messages: <span class="nowrap">30 to 15 a week</span>' in html
    assert html.count('<figure class="chart">') == 1  # only messages were stored
    assert "<h3>The plan and what was done</h3>" in html
    assert "Ten-minute feelings check-in" in html and "Ana-reason-not-for-us" in html
    assert "Ana-why-quotes-answers" not in html
    assert "Check-ins by week" not in html and "private-note" not in html
    # Ben has neither: each section says so in one line.
    target = tmp_path / "ben-more.html"
    args = ["report", "--html", str(target), "--email", "ben@example.org"]
    done = _run([*args, "--sections", "insights,plan"], _env(data_dir))
    assert done.returncode == 0, done.stderr
    html = target.read_text("utf-8")
    assert '<p class="empty">No chat export uploaded yet.</p>' in html
    assert "Ana" not in html


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--sections", "weeks,nope"],
            "Error: unknown section 'nope'. Pick from checks, weeks, days, gap, insights, plan, "
            "journal.",
        ),
        (
            ["--email", "who@example.org"],
            "Error: nobody with the email who@example.org is in this database. Check --email.",
        ),
        ([], "Error: this database has 2 people. Pick one with --email."),
        (
            ["--email", "ana@example.org", "--sections", "journal", "--entry", "nope"],
            "Error: ana@example.org has no journal entry nope. Check --entry.",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    data_dir: Path, tmp_path: Path, args: list[str], line: str
) -> None:
    target = tmp_path / "r.html"
    done = _run(["report", "--html", str(target), *args], _env(data_dir))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [line]
    assert not target.exists()


def test_no_database_is_one_line(tmp_path: Path) -> None:
    done = _run(["report", "--html", str(tmp_path / "r.html")], _env(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: there is no nearer database here yet. Run `nearer serve` first, or set "
        "NEARER_DATA_DIR to the folder that holds nearer.sqlite3."
    ]


def test_the_file_is_what_the_web_page_renders(data_dir: Path, tmp_path: Path) -> None:
    """Same renderer: the CLI file equals the page but for where the stylesheet lives."""
    target = tmp_path / "ana.html"
    _run(["report", "--html", str(target), "--email", "ana@example.org"], _env(data_dir))
    html = target.read_text("utf-8")
    assert '<link rel="stylesheet"' not in html
    assert "report-section" in html
