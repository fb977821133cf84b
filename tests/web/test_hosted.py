"""Many couples on one server: two app processes (and the background worker, when the
installed nearer has one) against one real PostgreSQL server, couples moving between them."""

from __future__ import annotations

import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import typer.main

from nearer.cli.main import app as cli
from tests.web.live import (
    NEARER,
    NO_POSTGRES,
    POSTGRES_URL,
    App,
    Client,
    check_in,
    serve_env,
    sign_up,
)

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)
COUPLES = 12


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes] | None:
    """``nearer worker`` when this nearer has it (the insights work adds it).

    LEAD: once `nearer worker` is merged this starts it for real; add a job that goes
    through it to ``_couple`` below (e.g. a chat upload analysed in the background).
    """
    if "worker" not in typer.main.get_group(cli).commands:
        return None
    return subprocess.Popen(
        [*NEARER, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )


def _couple(n: int, one: str, two: str, tag: str) -> tuple[str, int, int]:
    """Sign up on one process, pair and check in on the other, read back on the first."""
    sam, alex = Client(one), Client(one)
    sign_up(sam, f"sam{n}-{tag}@example.org", f"Sam {n}")
    sign_up(alex, f"alex{n}-{tag}@example.org", f"Alex {n}")
    # The same sessions on the other process: sessions live in the shared database.
    sam_two, alex_two = sam.twin(two), alex.twin(two)
    code = sam_two.post("/api/couple/invitations").json()["code"]
    joined = alex_two.post("/api/couple/join", {"code": code})
    assert joined.status == 200, joined.text
    closeness = 1 + n % 10
    assert check_in(sam_two, closeness, f"thanks {n}").status == 201
    assert check_in(alex, 11 - closeness).status == 201
    state = alex.get("/api/couple").json()
    summary = sam.get("/api/summary").json()
    days = alex.get("/api/partner/days").json()
    assert state["partner"]["display_name"] == f"Sam {n}"
    assert [d["appreciation"] for d in days] == [f"thanks {n}"]
    return state["partner"]["display_name"], summary["me"]["days_checked_in"], len(days)


def test_two_processes_share_couples_on_postgres(tmp_path: Path) -> None:
    env = serve_env(tmp_path, DATABASE_URL=POSTGRES_URL)
    tag = uuid.uuid4().hex[:8]
    # Started one after the other: the first applies the migrations, the second has none.
    with App(env, threads=4) as one, App(env, threads=4) as two:
        worker = _worker(env)
        try:
            with ThreadPoolExecutor(8) as pool:
                results = list(
                    pool.map(
                        # Even couples start on the first process, odd ones on the second.
                        lambda n: _couple(n, *((one.url, two.url)[:: 1 - 2 * (n % 2)]), tag),
                        range(COUPLES),
                    )
                )
            if worker is not None:
                assert worker.poll() is None, "nearer worker stopped during the test"
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
    assert results == [(f"Sam {n}", 1, 1) for n in range(COUPLES)]
