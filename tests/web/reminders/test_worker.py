"""The worker sends reminders: ``nearer worker --once`` does one round, and the thread that
``nearer worker`` and ``nearer serve`` start sends within its first round and stops when
told."""

from __future__ import annotations

import threading
import time as clock
from datetime import UTC, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nearer.web.insights.worker import run_worker
from nearer.web.reminders import worker
from nearer.web.reminders.models import CHECKIN, Sent
from tests.web.base import make_user
from tests.web.reminders.helpers import turn_on

pytestmark = pytest.mark.django_db(transaction=True)


def _due_now() -> None:
    minute = (timezone.now() - timedelta(minutes=5)).astimezone(UTC)
    person = make_user("dana@example.org", "Dana")
    turn_on(person, CHECKIN, at=time(minute.hour, minute.minute), zone="UTC")


def test_worker_once_sends_what_is_due() -> None:
    _due_now()
    run_worker(batch=True, signals=False)
    assert [m.to for m in mail.outbox] == [["dana@example.org"]]
    run_worker(batch=True, signals=False)
    assert len(mail.outbox) == 1


def test_the_reminder_thread_sends_and_stops() -> None:
    _due_now()
    stop = threading.Event()
    thread = worker.start(stop)
    deadline = clock.monotonic() + 20
    while not Sent.objects.exists() and clock.monotonic() < deadline:
        clock.sleep(0.1)
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    assert Sent.objects.count() == 1
    assert len(mail.outbox) == 1
