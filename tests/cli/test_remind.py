"""``nearer remind``: one round of reminders, counts printed (never contents), --dry-run,
a failed email as the one-line error with exit 1, a bad setting with exit 2."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, time, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone
from typer.testing import CliRunner

from nearer.cli.main import app
from nearer.web.accounts.models import User
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.reminders.models import CHECKIN, Sent
from tests.web.base import make_user
from tests.web.reminders.helpers import turn_on

runner = CliRunner()
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # setup_django makes the data folder and key file: keep them out of the home folder.
    monkeypatch.setenv("NEARER_DATA_DIR", str(tmp_path))


def _due_now(email: str, name: str) -> User:
    """A person with a check-in reminder set five minutes ago, in UTC, every day."""
    person = make_user(email, name)
    minute = (timezone.now() - timedelta(minutes=5)).astimezone(UTC)
    turn_on(person, CHECKIN, at=time(minute.hour, minute.minute), zone="UTC")
    return person


def test_nothing_due() -> None:
    result = runner.invoke(app, ["remind"])
    assert (result.exit_code, result.stdout) == (0, "Nothing due right now.\n")


def test_sends_once_and_prints_counts_only() -> None:
    _due_now("dana@example.org", "Dana")
    _due_now("eli@example.org", "Eli")
    fay = _due_now("fay@example.org", "Fay")
    slot = timezone.now().astimezone(UTC) - timedelta(minutes=5)
    DailyCheckIn.objects.create(
        author=fay, quadrant="low_pleasant", feeling="calm", closeness=5, day=slot.date()
    )
    result = runner.invoke(app, ["remind"])
    assert result.exit_code == 0
    assert result.stdout == (
        "Sent 2 reminders: 2 by email, 0 in the app.\nLeft out 1 (already checked in).\n"
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.org", "eli@example.org"]
    again = runner.invoke(app, ["remind"])
    assert again.stdout == "Nothing due right now.\nLeft out 1 (already checked in).\n"
    assert len(mail.outbox) == 2
    assert Sent.objects.count() == 2


def test_dry_run_sends_and_records_nothing() -> None:
    _due_now("dana@example.org", "Dana")
    result = runner.invoke(app, ["remind", "--dry-run"])
    assert (result.exit_code, result.stdout) == (
        0,
        "Dry run, nothing sent. Due now: 1 by email, 0 in the app.\n",
    )
    assert (mail.outbox, Sent.objects.count()) == ([], 0)


def test_a_failed_email_is_the_one_line_error() -> None:
    _due_now("dana@example.org", "Dana")
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("refused")):
        result = runner.invoke(app, ["remind"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 1 reminder email could not be sent (OSError). Check NEARER_SMTP_HOST and the "
        "mail server; the next run tries again.\n"
    )
    assert Sent.objects.count() == 0


def test_a_bad_setting_is_exit_2(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "NEARER_DATA_DIR": str(tmp_path),
        "NEARER_BASE_URL": "nearer.example.org",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from nearer.cli.main import main; main()", "remind"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "Error: NEARER_BASE_URL='nearer.example.org' is not a web address. Use one like "
        "https://nearer.example.org (no path after the host unless nearer lives there).\n"
    )
