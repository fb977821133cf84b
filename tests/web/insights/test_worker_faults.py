"""A worker killed (SIGKILL) in the middle of a job: the job runs again once, nothing
half-written remains, and the uploaded file is still deleted (issue 9, faults survived)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.insights.test_insights import CHAT

HELPER = Path(__file__).with_name("fault_worker.py")
ROOT = Path(__file__).resolve().parents[3]


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        NEARER_DATA_DIR=str(data),
        NEARER_SECRET_KEY="test-only-key-0123456789abcdef0123456789",
        DJANGO_SETTINGS_MODULE="nearer.web.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def _step(data: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(HELPER), *args],
        env=_env(data),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _state(data: Path, job: str) -> dict[str, Any]:
    return dict(json.loads(_step(data, "state", job)))


def _kill_half_way(data: Path, job: str) -> None:
    marker = data / "saving.marker"
    marker.unlink(missing_ok=True)
    worker = subprocess.Popen(
        [sys.executable, str(HELPER), "slow", str(marker)],
        env=_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert worker.poll() is None, "the slow worker stopped by itself"
            assert time.monotonic() < deadline, "the worker never reached the saving step"
            time.sleep(0.1)
        during = _state(data, job)
        # Weeks were being written, but inside the one transaction: none can be seen.
        assert (during["status"], during["weeks"], during["history"]) == ("running", 0, False)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)


def _worker_once(data: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", "from nearer.cli.main import main; main()", "worker", "--once"],
        env=_env(data),
        capture_output=True,
        timeout=180,
        check=True,
    )


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_worker_leaves_nothing_half_written_and_the_job_runs_once_more(
    tmp_path: Path,
) -> None:
    job = _step(tmp_path, "prepare", str(CHAT))
    _kill_half_way(tmp_path, job)
    after_kill = _state(tmp_path, job)
    assert after_kill["status"] == "running"
    assert (after_kill["history"], after_kill["weeks"]) == (False, 0)
    assert after_kill["file_left"] is True  # still needed for the second run
    _step(tmp_path, "age", job)  # the dead worker's lease runs out
    _worker_once(tmp_path)
    final = _state(tmp_path, job)
    assert (final["status"], final["attempts"], final["error"]) == ("done", 2, "")
    assert (final["history"], final["weeks"]) == (True, 68)
    assert final["file_left"] is False
    assert final["tasks"] == ["SUCCESSFUL"]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_job_whose_worker_dies_twice_fails_and_its_file_is_deleted(tmp_path: Path) -> None:
    job = _step(tmp_path, "prepare", str(CHAT))
    _kill_half_way(tmp_path, job)
    _step(tmp_path, "age", job)
    _kill_half_way(tmp_path, job)  # the retry dies too
    _step(tmp_path, "age", job)
    _worker_once(tmp_path)
    final = _state(tmp_path, job)
    assert (final["status"], final["attempts"]) == ("failed", 2)
    assert "the worker stopped twice" in final["error"]
    assert (final["history"], final["weeks"], final["file_left"]) == (False, 0, False)
    assert final["tasks"] == ["FAILED"]
