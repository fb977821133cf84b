"""Running an upload job in the worker, and surviving a worker that dies.

django-tasks' database backend leaves a task RUNNING forever when its worker is killed, so
each job carries a lease: the running worker renews ``heartbeat_at`` every
``HEARTBEAT_SECONDS``, and any worker that finds a running job whose heartbeat is older than
``LEASE_SECONDS`` puts it back in the queue once (``MAX_ATTEMPTS``); a job whose worker dies a
second time fails with a clear line. Whatever happens the raw file is deleted when the job
ends: in ``finally`` after each run, by the recovery once a job fails for good, and by the
daily sweep for anything else left behind.

A group chat is the one case where the file outlives a run: the job stops at CHOOSING with
the senders' names and counts, and waits (at most ``CHOICE_HOURS``) for the uploader to pick
the two people (``choose``) or to cancel (``cancel``, file deleted at once). A worker deletes
the file of a choice nobody made in time (``expire_choices``).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from nearer.core.errors import ChoiceError, NearerError
from nearer.web.insights import store, uploads
from nearer.web.insights.analysis import analyse_export
from nearer.web.insights.models import InsightJob

log = logging.getLogger("nearer.insights")

HEARTBEAT_SECONDS = 10.0
LEASE_SECONDS = 60.0
MAX_ATTEMPTS = 2  # the first run and one more after a worker died
# How long a group chat's file waits for the uploader to choose the two people: a day is
# enough to come back to it, and short enough that no raw export lingers.
CHOICE_HOURS = 24
STAGES = ("waiting", "reading", "choosing", "saving", "done")
UNEXPECTED = (
    "something went wrong while analysing this export (nothing was saved). Try again; if it "
    "keeps failing, analyse it on your computer with `nearer analyze`."
)
EXPIRED = (
    f"nobody chose the two people within {CHOICE_HOURS} hours, so the file was deleted "
    "(nothing was saved). Upload the chat again and choose them."
)
DIED_TWICE = (
    "the worker stopped twice while analysing this export, so it was given up (nothing was "
    "saved and the file was deleted). Upload it again, or try a smaller export."
)


class UploadNotKept(NearerError):
    """An accepted upload could not be stored for the worker (nothing was queued)."""


@task()
def analyse_upload(job_id: str) -> None:
    """The django-tasks entry point: only the job's public id travels through the queue."""
    run_job(job_id)


def enqueue(job: InsightJob) -> None:
    result = analyse_upload.enqueue(str(job.public_id))
    InsightJob.objects.filter(pk=job.pk).update(task_id=str(result.id))


def _claim(job_id: str, now: datetime) -> InsightJob | None:
    with transaction.atomic():
        job = InsightJob.objects.select_for_update().filter(public_id=job_id).first()
        if job is None or job.ended or job.choosing:
            return None
        fresh = job.heartbeat_at is not None and (now - job.heartbeat_at).total_seconds() < (
            LEASE_SECONDS
        )
        if job.status == InsightJob.RUNNING and fresh:
            return None  # another worker holds it
        job.attempts += 1
        job.status, job.stage = InsightJob.RUNNING, "reading"
        job.started_at = job.heartbeat_at = now
        job.save(update_fields=["attempts", "status", "stage", "started_at", "heartbeat_at"])
        return job


class Heartbeat(threading.Thread):
    """Renews the job's lease while the analysis runs (its own database connection)."""

    def __init__(self, job_pk: int) -> None:
        super().__init__(daemon=True, name=f"nearer-heartbeat-{job_pk}")
        self.job_pk = job_pk
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    InsightJob.objects.filter(pk=self.job_pk, status=InsightJob.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    log.warning("could not renew an insights job's lease; retrying")
        finally:
            connection.close()


def _fail(job: InsightJob, message: str) -> None:
    InsightJob.objects.filter(pk=job.pk).update(
        status=InsightJob.FAILED, stage="done", error=message[:600], finished_at=timezone.now()
    )


def _forget(job_pk: int) -> None:
    """What a job that ended keeps of its export: nothing (no file, no sender name)."""
    InsightJob.objects.filter(pk=job_pk).update(
        upload_name="", me="", senders=[], between=[], choose_by=None
    )


def _wait_for_choice(job: InsightJob, senders: tuple[tuple[str, int], ...]) -> None:
    InsightJob.objects.filter(pk=job.pk).update(
        status=InsightJob.CHOOSING,
        stage="choosing",
        senders=[[name, count] for name, count in senders],
        choose_by=timezone.now() + timedelta(hours=CHOICE_HOURS),
        heartbeat_at=None,
    )


def run_job(job_id: str) -> None:
    """Analyse one uploaded export, store its aggregates, and delete the file (or, for a
    group chat with nobody chosen yet, keep it and wait for the choice)."""
    job = _claim(job_id, timezone.now())
    if job is None:
        return
    beat = Heartbeat(job.pk)
    beat.start()
    between = (job.between[0], job.between[1]) if len(job.between) == 2 else None
    waiting = False
    try:
        data = analyse_export(uploads.path_of(job.upload_name), job.me, between=between)
        InsightJob.objects.filter(pk=job.pk).update(stage="saving")
        store.save_report(job, data)
    except ChoiceError as exc:
        if exc.setting == "between" and between is None and len(exc.choices) > 2:
            _wait_for_choice(job, exc.choices)
            waiting = True
        else:
            _fail(job, str(exc))
    except NearerError as exc:
        _fail(job, str(exc))
    except FileNotFoundError:
        _fail(job, "the uploaded file was no longer there (nothing was saved). Upload it again.")
    except Exception as exc:  # a bug must not leave the job running or the file behind
        # Only the type is logged: an exception's text could quote the export.
        log.error("insights job failed unexpectedly (%s)", type(exc).__name__)
        _fail(job, UNEXPECTED)
    finally:
        beat.stopped.set()
        if not waiting:
            uploads.delete(job.upload_name)
            _forget(job.pk)


def choose(job: InsightJob, people: tuple[str, str], me: str) -> bool:
    """Record the two people of a group chat and queue the analysis again. False when the
    job no longer waits for a choice (cancelled, expired, or already chosen)."""
    with transaction.atomic():
        chosen = InsightJob.objects.filter(pk=job.pk, status=InsightJob.CHOOSING).update(
            status=InsightJob.QUEUED,
            stage="waiting",
            between=list(people),
            me=me,
            senders=[],
            choose_by=None,
            attempts=0,
        )
        if chosen:
            job.refresh_from_db()
            enqueue(job)
    return bool(chosen)


def cancel(job: InsightJob) -> bool:
    """Cancel a job nobody is analysing yet (waiting in line, or waiting for the choice):
    its file is deleted at once. False when it is being analysed or has ended."""
    cancelled = InsightJob.objects.filter(
        pk=job.pk, status__in=(InsightJob.QUEUED, InsightJob.CHOOSING)
    ).update(status=InsightJob.CANCELLED, stage="done", finished_at=timezone.now())
    if cancelled:
        uploads.delete(job.upload_name)
        _forget(job.pk)
    return bool(cancelled)


def expire_choices(now: datetime | None = None, only: InsightJob | None = None) -> int:
    """Fail every group chat whose two people were not chosen in time, deleting its file
    (``only``: just that job, checked when its page or endpoint is used, so a choice made
    after the deadline is refused even before a worker has noticed)."""
    now = now or timezone.now()
    expired = 0
    due = InsightJob.objects.filter(status=InsightJob.CHOOSING, choose_by__lt=now)
    if only is not None:
        due = due.filter(pk=only.pk)
    for job in due:
        ended = InsightJob.objects.filter(pk=job.pk, status=InsightJob.CHOOSING).update(
            status=InsightJob.FAILED, stage="done", error=EXPIRED, finished_at=now
        )
        if ended:
            uploads.delete(job.upload_name)
            _forget(job.pk)
            expired += 1
    if only is not None and expired:
        only.refresh_from_db()
    return expired


def recover_stale_jobs(now: datetime | None = None) -> int:
    """Requeue (once) or fail every running job whose worker stopped renewing its lease."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale = InsightJob.objects.filter(
        status=InsightJob.RUNNING, heartbeat_at__lt=now - timedelta(seconds=LEASE_SECONDS)
    )
    recovered = 0
    for job in stale:
        if job.attempts < MAX_ATTEMPTS:
            InsightJob.objects.filter(pk=job.pk, status=InsightJob.RUNNING).update(
                status=InsightJob.QUEUED, stage="waiting", heartbeat_at=None
            )
            # The dead worker's task row is made ready again, so the same task runs once more.
            reset = (
                DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                    status="READY", started_at=None
                )
                if job.task_id
                else 0
            )
            if not reset:
                enqueue(job)
        else:
            _fail(job, DIED_TWICE)
            uploads.delete(job.upload_name)
            _forget(job.pk)
            if job.task_id:
                DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=now
                )
        recovered += 1
    return recovered


def tidy_at_start() -> dict[str, Any]:
    """What a worker does before taking jobs: recover dead workers' jobs, sweep old files."""
    close_old_connections()
    recovered = recover_stale_jobs()
    expired = expire_choices()
    waiting = (InsightJob.QUEUED, InsightJob.RUNNING, InsightJob.CHOOSING)
    live = set(
        InsightJob.objects.filter(status__in=waiting)
        .exclude(upload_name="")
        .values_list("upload_name", flat=True)
    )
    swept = uploads.sweep(keep_names=live)
    return {"recovered": recovered, "expired": expired, "swept": swept}


def create_job(owner: Any, uploaded: Any, me: str, *, redact: bool, share: bool) -> InsightJob:
    """Keep an accepted upload and queue its analysis (the page and the API share this).
    Raises ``UploadNotKept`` when the file cannot be moved into place (a full disk)."""
    try:
        name, size = uploads.keep(uploaded)
    except OSError as exc:
        raise UploadNotKept(
            f"the server could not keep the file ({exc.strerror or 'disk error'}). Try again "
            "later, or ask whoever runs nearer to free some disk space."
        ) from exc
    partner = owner.partner
    with transaction.atomic():
        job = InsightJob.objects.create(
            owner=owner,
            upload_name=name,
            size_bytes=size,
            me=me,
            redact=redact,
            share=share and partner is not None,
            label_a=owner.display_name,
            label_b=partner.display_name if partner is not None else "your partner",
        )
        enqueue(job)
    return job


def progress(job: InsightJob) -> dict[str, Any]:
    """What the progress page and the status endpoint say about a job."""
    percent = {"waiting": 5, "reading": 40, "choosing": 40, "saving": 85, "done": 100}
    words = {
        InsightJob.QUEUED: "Waiting for the worker to pick it up.",
        InsightJob.RUNNING: "Reading and counting your messages."
        if job.stage != "saving"
        else "Saving the weekly figures.",
        InsightJob.CHOOSING: f"This chat has {len(job.senders)} people in it: choose the two "
        "to compare.",
        InsightJob.DONE: "Done. The file you uploaded has been deleted.",
        InsightJob.FAILED: "It did not work: " + job.error,
        InsightJob.CANCELLED: "Cancelled. The file you uploaded has been deleted.",
    }[job.status]
    return {
        "id": str(job.public_id),
        "status": job.status,
        "stage": job.stage,
        "percent": percent.get(job.stage, 5),
        "message": words,
        "attempts": job.attempts,
        "error": job.error or None,
        # Only while the job waits for the choice: the chat's senders, most messages first.
        "senders": [{"name": name, "messages": count} for name, count in job.senders]
        if job.choosing
        else [],
        "choose_by": job.choose_by.isoformat() if job.choosing and job.choose_by else None,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }
