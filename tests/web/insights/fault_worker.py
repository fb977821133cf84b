"""Helper run as a separate process by test_worker_faults.py (not a test module itself).

    python fault_worker.py prepare CHAT     -> prints the job id of a queued upload
    python fault_worker.py slow MARKER      -> a worker that stops half way through saving
    python fault_worker.py state JOB        -> prints the job's state as JSON
    python fault_worker.py age JOB          -> the job's lease runs out (time passes)

The data folder comes from NEARER_DATA_DIR, so every step sees the same SQLite file.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402


def main(command: str, arg: str) -> None:
    from nearer.web.accounts.models import User
    from nearer.web.insights import jobs
    from nearer.web.insights.models import InsightHistory, InsightJob, InsightWeek

    if command == "prepare":
        call_command("migrate", interactive=False, verbosity=0)
        user = User.objects.create_user("alice@example.org", "pw-0123456789", display_name="Alice")
        folder = Path(settings.INSIGHTS_UPLOAD_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.upload"
        shutil.copyfile(arg, folder / name)
        job = InsightJob.objects.create(owner=user, upload_name=name, me="Alice", label_a="Alice")
        jobs.enqueue(job)
        print(job.public_id)
    elif command == "slow":
        original = InsightWeek.save
        saved = [0]

        def save_then_hang(self: InsightWeek, *args: object, **kwargs: object) -> None:
            original(self, *args, **kwargs)  # type: ignore[arg-type]
            saved[0] += 1
            if saved[0] == 3:  # half way through writing the weeks, inside the transaction
                Path(arg).write_text("saving", encoding="utf-8")
                time.sleep(600)

        InsightWeek.save = save_then_hang  # type: ignore[method-assign]
        from nearer.web.insights.worker import run_worker

        run_worker(batch=False, interval=0.2)
    elif command == "state":
        from django_tasks_db.models import DBTaskResult

        job = InsightJob.objects.get(public_id=arg)
        history = InsightHistory.objects.filter(owner=job.owner).first()
        print(
            json.dumps(
                {
                    "status": job.status,
                    "attempts": job.attempts,
                    "error": job.error,
                    "file_left": bool(list(Path(settings.INSIGHTS_UPLOAD_DIR).glob("*.upload"))),
                    "history": history is not None,
                    "weeks": InsightWeek.objects.count(),
                    "tasks": sorted(DBTaskResult.objects.values_list("status", flat=True)),
                }
            )
        )
    elif command == "age":
        past = timezone.now() - timedelta(seconds=jobs.LEASE_SECONDS + 5)
        InsightJob.objects.filter(public_id=arg).update(heartbeat_at=past)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
