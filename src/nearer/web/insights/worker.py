"""The background worker: django-tasks-db's database worker plus nearer's job lease.

``run_worker`` is what ``nearer worker`` runs in the foreground and what ``nearer serve``
starts in a thread on its embedded defaults. Before taking jobs it recovers jobs whose worker
died and sweeps leftover uploads; while it runs, a second thread repeats the recovery every
half lease, so a worker that dies is noticed by any other, and a group chat's file whose
choice nobody made in time is deleted.
"""

from __future__ import annotations

import threading

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from nearer.web.insights import jobs
from nearer.web.reminders import worker as reminders


def make_worker(*, batch: bool = False, interval: float = 1.0) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_worker(*, batch: bool = False, interval: float = 1.0, signals: bool = True) -> None:
    """Run jobs until stopped (Ctrl+C) or, with ``batch``, until the queue is empty."""
    jobs.tidy_at_start()
    worker = make_worker(batch=batch, interval=interval)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(stop,), daemon=True, name="nearer-lease")
    if not batch:
        watcher.start()
        reminders.start(stop)  # every minute, the reminders that are due
    else:
        reminders.one_round()
    if signals:
        worker.configure_signals()
    try:
        worker.run()
    finally:
        stop.set()


def _watch(stop: threading.Event) -> None:
    from django.db import DatabaseError, connection

    try:
        while not stop.wait(jobs.LEASE_SECONDS / 2):
            try:
                jobs.recover_stale_jobs()
                jobs.expire_choices()
            except DatabaseError:
                continue  # a busy database: try again next round
    finally:
        connection.close()


class WorkerThread(threading.Thread):
    """The worker ``nearer serve`` runs beside the web app, so the quick start needs nothing
    more. It stops with the process (daemon) or when ``stop`` is called."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="nearer-worker")
        self.worker: Worker | None = None
        self.stopping = threading.Event()

    def run(self) -> None:
        from django.db import connection

        try:
            jobs.tidy_at_start()
            self.worker = make_worker()
            watcher = threading.Thread(
                target=_watch, args=(self.stopping,), daemon=True, name="nearer-lease"
            )
            watcher.start()
            reminders.start(self.stopping)  # every minute, the reminders that are due
            self.worker.run()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        if self.worker is not None:
            self.worker.running = False
