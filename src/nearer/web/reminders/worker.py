"""The worker's reminder round: every minute, send what is due.

django-tasks has no scheduler, so the worker (``nearer worker`` and the one inside
``nearer serve``) runs this loop in a thread of its own. Any number of workers may run it at
once: each slot is claimed by a unique row before anything is sent (``send.send_due``), so
one of them sends and the others find it taken.
"""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, close_old_connections, connection

from nearer.web.reminders.send import send_due

log = logging.getLogger("nearer.reminders")

# Reminders are set to the minute; looking each minute finds each one within a minute.
ROUND_SECONDS = 60.0


def one_round() -> None:
    """One round in the caller's thread. It leaves the caller's connection alone: closing it
    here would end a transaction the caller holds (a test's, or a batch worker's)."""
    try:
        send_due()
    except DatabaseError:
        log.warning("reminders: the database was busy; trying again next minute")


def run_rounds(stop: threading.Event, every: float = ROUND_SECONDS) -> None:
    """Send what is due now and then each ``every`` seconds, until ``stop`` is set."""
    try:
        one_round()
        while not stop.wait(every):
            close_old_connections()  # this thread's own connection, between rounds
            one_round()
    finally:
        connection.close()


def start(stop: threading.Event) -> threading.Thread:
    thread = threading.Thread(target=run_rounds, args=(stop,), daemon=True, name="nearer-reminders")
    thread.start()
    return thread
