"""A big chat export through the web app's upload and worker, against ``nearer analyze``.

    python benchmarks/upload.py [--messages 1000000] [--repeat 1]

Writes the synthetic WhatsApp export benchmarks/analyze.py uses, then, each in a fresh
process on the same file:

* CLI: the whole ``nearer analyze FILE --json OUT`` process (start-up included);
* upload: a logged-in ``POST /insights/`` through Django's request handling, the file
  streamed to disk by the app's upload handler (not timed against the CLI: on a real server
  this is the network's time);
* worker: the whole ``nearer worker --once`` process on SQLite (start-up, migrations check,
  the job: read, analyse, save the weekly rows, delete the file), and the job's own time from
  its ``started_at`` to ``finished_at``.

Each process's wall time, CPU time (user + system, from ``wait4``: the machine is shared, so
CPU time says how much of a slow wall time was waiting) and peak memory are printed, with the
worker's time as a multiple of the CLI's. Target (issue 11, requirement 8): a 1M-message
upload finishes in the worker within twice the CLI's time.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from analyze import WRITE_RUN  # noqa: E402

# A logged-in upload through the app's own request handling (upload handler included).
UPLOAD_RUN = r"""
import json, sys, time
from pathlib import Path
from nearer.cli.serve import migrate, setup_django
setup_django()
migrate()
from django.test import Client
from nearer.web.accounts.models import User
from nearer.web.insights.models import InsightJob
user = User.objects.create_user("bench@bench.invalid", "correct horse battery", display_name="Ana")
client = Client()
client.force_login(user)
path = Path(sys.argv[1])
t0 = time.perf_counter()
with path.open("rb") as export:
    response = client.post("/insights/", {"export": export, "me": "Ana"})
t1 = time.perf_counter()
assert response.status_code == 302, response.status_code
job = InsightJob.objects.get()
print(json.dumps({"upload": t1 - t0, "job": str(job.public_id), "status": job.status}))
"""


@dataclass
class Ran:
    wall: float
    cpu: float
    peak_mb: float
    stdout: str


def run_child(args: list[str], env: dict[str, str] | None = None) -> Ran:
    """Run a process: its wall time, and its own CPU time and peak memory (from wait4:
    RUSAGE_CHILDREN would add up every child so far)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    # Read both pipes to the end first, then reap the child with wait4 for its own rusage.
    out, err = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed ({process.returncode}):\n{err[-2000:]}")
    return Ran(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def _drain(process: subprocess.Popen[str]) -> tuple[str, str]:
    import threading

    chunks: dict[str, str] = {}

    def read(name: str, stream: object) -> None:
        chunks[name] = stream.read()  # type: ignore[attr-defined]

    readers = [
        threading.Thread(target=read, args=("out", process.stdout)),
        threading.Thread(target=read, args=("err", process.stderr)),
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    return chunks.get("out", ""), chunks.get("err", "")


def web_env(data: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"} and not k.startswith("NEARER_")
    }
    env.update(
        NEARER_DATA_DIR=str(data),
        NEARER_SECRET_KEY="benchmark-only-key-0123456789abcdef0123456789",
        NEARER_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    return env


def job_seconds(data: Path) -> tuple[str, float, int]:
    """The job's status, its own time in the worker (started to finished), and its weeks."""
    with sqlite3.connect(data / "nearer.sqlite3") as db:
        status, error, started, finished = db.execute(
            "SELECT status, error, started_at, finished_at FROM insights_insightjob"
        ).fetchone()
        weeks = db.execute("SELECT count(*) FROM insights_insightweek").fetchone()[0]
    if status != "done":
        raise SystemExit(f"the job ended {status!r}: {error}")
    took = datetime.fromisoformat(finished) - datetime.fromisoformat(started)
    return status, took.total_seconds(), weeks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (best wall time)")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="nearer-bench-upload-") as tmp:
        export = Path(tmp) / "WhatsApp Chat with Jonas.txt"
        written = subprocess.run(
            [sys.executable, "-c", WRITE_RUN, str(export), str(args.messages), str(HERE)],
            capture_output=True,
            text=True,
            check=True,
        )
        n = int(written.stdout.strip())
        size_mb = export.stat().st_size / 1e6
        print(f"{n:,} messages, {size_mb:.1f} MB (the synthetic export of benchmarks/analyze.py)")
        clis, workers = [], []
        upload = float("nan")
        for _ in range(args.repeat):
            cli = run_child(
                [str(bin_dir / "nearer"), "analyze", str(export), "--json", f"{tmp}/cli.json"]
            )
            clis.append(cli)
            data = Path(tempfile.mkdtemp(prefix="data-", dir=tmp))
            env = web_env(data)
            sent = run_child([sys.executable, "-c", UPLOAD_RUN, str(export)], env)
            upload = json.loads(sent.stdout.strip().splitlines()[-1])["upload"]
            worker = run_child([str(bin_dir / "nearer"), "worker", "--once"], env)
            _, took, weeks = job_seconds(data)
            left = list((data / "uploads").glob("*.upload"))
            if left:
                raise SystemExit(f"the worker left the upload behind: {left}")
            workers.append((worker, took, weeks))
        cli = min(clis, key=lambda r: r.wall)
        worker, job, weeks = min(workers, key=lambda r: r[0].wall)
        print(f"{'':<28} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
        print(f"{'nearer analyze (CLI)':<28} {cli.wall:>7.2f} {cli.cpu:>7.2f} {cli.peak_mb:>8.0f}")
        print(
            f"{'nearer worker --once':<28} {worker.wall:>7.2f} {worker.cpu:>7.2f} "
            f"{worker.peak_mb:>8.0f}"
        )
        print(f"{'  of which the job':<28} {job:>7.2f}")
        print(f"upload (POST /insights/, streamed to disk, not compared): {upload:.2f} s")
        ratio, cpu_ratio = worker.wall / cli.wall, worker.cpu / cli.cpu
        verdict = "PASS" if ratio <= 2 else "FAIL"
        print(
            f"worker / CLI: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU; job alone "
            f"{job / cli.wall:.2f}x; {weeks} weekly rows saved. Target <= 2x wall: {verdict}"
        )


if __name__ == "__main__":
    main()
