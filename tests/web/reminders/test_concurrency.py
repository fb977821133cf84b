"""Several workers sending at the same moment: each reminder goes out once.

On PostgreSQL (``DATABASE_URL`` set, docs/web.md Tests) eight threads, each with its own
connection, start ``send_due`` at the same instant; the unique key on (reminder, slot)
decides the race. On SQLite four real ``nearer remind`` processes run at once on one file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from nearer.web.reminders import send
from nearer.web.reminders.models import APP, CHECKIN, Sent
from tests.web.base import make_user
from tests.web.live import SECRET_KEY, serve_env
from tests.web.reminders.helpers import WEDNESDAY_EVENING, turn_on

WORKERS = 8
PEOPLE = 5


@pytest.mark.django_db(transaction=True)
def test_eight_workers_at_once_send_each_reminder_once() -> None:
    if connection.vendor == "sqlite":
        # The test run's SQLite is in memory, one cache shared by every thread, where table
        # locks fail at once instead of waiting; a real SQLite file is the process test below.
        pytest.skip("threads need PostgreSQL here: set DATABASE_URL (tests/web/postgres.sh)")
    people = [make_user(f"p{n}@example.org", f"P{n}") for n in range(PEOPLE)]
    for person in people:
        turn_on(person, CHECKIN)
    start = threading.Barrier(WORKERS)
    outcomes: list[Any] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            outcomes.append(send.send_due(WEDNESDAY_EVENING))
        except BaseException as exc:  # reported below, never swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(outcomes) == WORKERS
    assert sum(o.emailed for o in outcomes) == PEOPLE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Sent.objects.count() == PEOPLE


NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]
SETUP = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "nearer.web.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from datetime import datetime, time, UTC
from django.utils import timezone
from nearer.web.accounts.models import User
from nearer.web.reminders import send
from nearer.web.reminders.models import Reminder
now = timezone.now()
for n in range(5):
    user = User.objects.create_user(
        f"p{n}@example.org", "correct horse battery", display_name=f"P{n}"
    )
    reminder = send.reminders_for(user)["checkin"]
    minute = (now - timezone.timedelta(minutes=5)).astimezone(UTC)
    Reminder.objects.filter(pk=reminder.pk).update(
        enabled=True, time_of_day=time(minute.hour, minute.minute), time_zone="UTC",
        changed_at=datetime(2025, 1, 1, tzinfo=UTC))
"""


def test_four_remind_processes_at_once_on_one_sqlite_file(tmp_path: Path) -> None:
    env = serve_env(tmp_path, NEARER_SECRET_KEY=SECRET_KEY)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, timeout=120)
    runs = [
        subprocess.Popen([*NEARER, "remind"], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0]
    sent = [line for out in outputs for line in out.splitlines() if line.startswith("Sent ")]
    # Console mail delivers nothing, so all five appear in the app: five in all, however split.
    total = sum(int(line.split()[1]) for line in sent)
    assert total == 5, outputs
    with sqlite3.connect(tmp_path / "nearer.sqlite3") as db:
        rows = db.execute("select count(*), count(distinct reminder_id) from reminders_sent")
        assert rows.fetchone() == (5, 5)
        channels = {c for (c,) in db.execute("select channel from reminders_sent")}
    assert channels == {APP}
