"""tests/web/postgres.sh and postgres-stop.sh, and .ci/run's promise to leave nothing
running whatever the outcome."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests.web.live import NO_POSTGRES, POSTGRES_URL, ROOT, Postgres

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)


def _alive(pid: int) -> bool:
    """Running, that is: a zombie waiting for a container's init to reap it has stopped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_the_folder_is_discoverable_and_stopping_leaves_nothing(tmp_path: Path) -> None:
    pg = Postgres.start(tmp_path)
    pid = int((pg.folder / "data" / "postmaster.pid").read_text().split()[0])
    with psycopg.connect(pg.url) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("nearer",)
    pg.stop_server()
    pg.start_server()  # the settings live in the folder: the same server comes back
    with psycopg.connect(pg.url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    pid = int((pg.folder / "data" / "postmaster.pid").read_text().split()[0])
    assert pg.remove().returncode == 0
    assert not _alive(pid)
    assert not pg.folder.exists()
    assert pg.remove().returncode == 0  # twice is fine
    wrong = subprocess.run(
        ["bash", str(ROOT / "tests/web/postgres-stop.sh"), "/etc"], capture_output=True, text=True
    )
    assert wrong.returncode == 2
    assert "is not a folder made by tests/web/postgres.sh" in wrong.stderr


def test_ci_run_stops_its_server_when_the_suite_fails(tmp_path: Path) -> None:
    """Run .ci/run's PostgreSQL lines with the suite replaced by a failure."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    start = ci.index('PG_DIR_FILE="$(mktemp)"')
    end = ci.index("make test", start)
    seen = tmp_path / "seen"
    script = (
        "set -euo pipefail\ncd " + str(ROOT) + "\n" + ci[start:end]
        + f'cp "$PG_DIR_FILE" {seen}\nexit 3\n'
    )  # fmt: skip
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=180)
    assert done.returncode == 3, done.stderr
    folder = Path(seen.read_text().strip())
    assert folder.name.startswith("nearer-pg.")
    assert not folder.exists()
