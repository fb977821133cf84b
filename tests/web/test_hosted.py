"""Many couples on one server: two app processes and a background worker against one real
PostgreSQL server, couples moving between the processes and a chat upload going through the
worker."""

from __future__ import annotations

import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

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
CHAT = (
    Path(__file__).resolve().parents[3]
    / "shared/corpus/chats/MasterScrat__Chatistics/tests/test_data/whatsapp/_chat.txt"
)


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``nearer worker``, the background jobs' own process."""
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


def _upload_analysed(one: str, two: str, tag: str) -> str:
    """Upload a real two-person export on ``one``; follow its job on ``two`` until it ends."""
    me = Client(one)
    sign_up(me, f"uploader-{tag}@example.org", "Alice")
    boundary = f"nearer-{tag}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="me"\r\n\r\nAlice\r\n'.encode(),
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="export"; '
            'filename="_chat.txt"\r\nContent-Type: text/plain\r\n\r\n'
        ).encode()
        + CHAT.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode(),
    ]
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    sent = me.request("POST", "/api/insights/uploads", b"".join(parts), headers)
    assert sent.status == 202, sent.text
    job = sent.json()["id"]
    other = me.twin(two)
    deadline = time.monotonic() + 120
    status = "queued"
    while time.monotonic() < deadline:
        status = other.get(f"/api/insights/uploads/{job}").json()["status"]
        if status in ("done", "failed"):
            break
        time.sleep(0.5)
    return str(status)


def test_two_processes_share_couples_on_postgres(tmp_path: Path) -> None:
    env = serve_env(tmp_path, DATABASE_URL=POSTGRES_URL)
    tag = uuid.uuid4().hex[:8]
    # Started one after the other: the first applies the migrations, the second has none.
    logs = [tmp_path / "one.log", tmp_path / "two.log"]
    with App(env, threads=4, log=logs[0]) as one, App(env, threads=4, log=logs[1]) as two:
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
            # A chat upload taken by one process, analysed by the worker, read on the other.
            assert _upload_analysed(one.url, two.url, tag) == "done"
            assert worker.poll() is None, "nearer worker stopped during the test"
        except Exception:
            # The servers' own account of a failed answer (pytest shows it with the failure).
            for log in logs:
                tail = log.read_text(errors="replace").splitlines()[-40:]
                print(f"--- {log.name}", *tail, sep="\n")
            raise
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert results == [(f"Sam {n}", 1, 1) for n in range(COUPLES)]
