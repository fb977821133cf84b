"""Faults survived: PostgreSQL stopped for ten seconds under load, and a full disk on SQLite.

Both drive a real ``nearer serve``. During the fault people get a clear answer (a 503 "back
in a moment" page or JSON, a 507 for a full disk), never a 500; afterwards the app works
again by itself, and every write it acknowledged is in the database, intact.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.web.live import (
    NO_POSTGRES,
    POSTGRES_URL,
    App,
    Client,
    Postgres,
    serve_env,
    sign_up,
)

OUTAGE_S = 10
CLIENTS = 8


@dataclass(frozen=True)
class Seen:
    at: float  # when the request was sent
    done: float  # when its answer (or failure) came
    kind: str  # "write" or "page"
    status: int  # 0: the connection itself failed
    text: str
    body: str


def _load(client: Client, name: str, stop: threading.Event, seen: list[Seen]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        text = f"{name} entry {n}"
        for kind in ("write", "page"):
            started = time.monotonic()
            try:
                if kind == "write":
                    answer = client.post("/api/journal", {"text": text})
                else:
                    answer = client.get("/")
                seen.append(
                    Seen(started, time.monotonic(), kind, answer.status, text, answer.text[:400])
                )
            except OSError as exc:
                seen.append(Seen(started, time.monotonic(), kind, 0, text, repr(exc)))
                client.close()
        time.sleep(0.05)


@pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)
def test_postgres_stopped_for_ten_seconds_under_load(tmp_path: Path) -> None:
    pg = Postgres.start(tmp_path)  # a private server: stopping it disturbs no other test
    try:
        with App(serve_env(tmp_path, DATABASE_URL=pg.url), threads=8) as app:
            clients = [Client(app.url) for _ in range(CLIENTS)]
            for i, client in enumerate(clients):
                sign_up(client, f"p{i}@example.org", f"P{i}")
            seen: list[Seen] = []
            stop = threading.Event()
            workers = [
                threading.Thread(target=_load, args=(c, f"p{i}", stop, seen))
                for i, c in enumerate(clients)
            ]
            for w in workers:
                w.start()
            # Writes must be going through before the outage (the first one in a fresh app
            # also compiles the safety scan's rules, slow on a busy machine): wait for one.
            warm_by = time.monotonic() + 60
            while not any(s.kind == "write" and s.status == 201 for s in list(seen)):
                assert time.monotonic() < warm_by, "no write went through within 60 s"
                time.sleep(0.2)
            time.sleep(2)
            down_at = time.monotonic()  # the server starts refusing while pg_ctl waits
            pg.stop_server()
            time.sleep(1)
            during = Client(app.url).get("/healthz")
            time.sleep(OUTAGE_S - 1)
            pg.start_server()
            deadline = time.monotonic() + 30
            while Client(app.url).get("/healthz").status != 200:
                assert time.monotonic() < deadline, "the app did not recover within 30 s"
                time.sleep(0.2)
            back_at = time.monotonic()
            time.sleep(4)
            stop.set()
            for w in workers:
                w.join(timeout=60)
        with psycopg.connect(pg.url) as conn:
            stored = [r[0] for r in conn.execute("SELECT text FROM journal_journalentry")]
    finally:
        pg.remove()

    assert during.status == 503
    assert during.json()["status"] == "unavailable"
    statuses = {s.status for s in seen}
    assert statuses <= {200, 201, 503}, [s for s in seen if s.status not in {200, 201, 503}][:3]
    unavailable = [s for s in seen if s.status == 503]
    assert unavailable, "no request met the outage"
    # Only requests that met the outage were refused (a busy machine answers slowly, so
    # one sent just before the stop may still meet it).
    assert all(s.done >= down_at and s.at <= back_at for s in unavailable)
    assert all(
        ("Back in a moment" in s.body) if s.kind == "page" else ('"detail"' in s.body)
        for s in unavailable
    )
    after = [s for s in seen if s.at > back_at + 1]
    assert after and {s.status for s in after} <= {200, 201}
    acknowledged = [s.text for s in seen if s.kind == "write" and s.status == 201]
    before = [s for s in seen if s.kind == "write" and s.status == 201 and s.at < down_at]
    assert before and after
    assert sorted(acknowledged) == sorted(t for t in stored if t in set(acknowledged))
    assert set(acknowledged) <= set(stored)


# Caps the database at its current size in the app's every connection: SQLite then answers
# SQLITE_FULL ("database or disk is full") exactly as on a full disk.
_FULL_DISK = """
import os
from django.db.backends.sqlite3 import base as _sqlite
_connect = _sqlite.DatabaseWrapper.get_new_connection
def _capped(self, params):
    conn = _connect(self, params)
    conn.execute("PRAGMA max_page_count = " + os.environ["TEST_MAX_PAGES"])
    return conn
_sqlite.DatabaseWrapper.get_new_connection = _capped
"""


def test_a_full_disk_on_sqlite_is_a_clear_error_and_corrupts_nothing(tmp_path: Path) -> None:
    env = serve_env(tmp_path)
    db = tmp_path / "nearer.sqlite3"
    before: list[str] = []
    with App(env) as app:
        client = Client(app.url)
        sign_up(client, "sam@example.org", "Sam")
        for n in range(5):
            text = f"before the disk filled {n}"
            assert client.post("/api/journal", {"text": text}).status == 201
            before.append(text)
    with closing(sqlite3.connect(db)) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    full = App({**env, "TEST_MAX_PAGES": str(pages)}, prelude=_FULL_DISK)
    with full:
        client = client.twin(full.url)  # the same session, on the restarted app
        answers = []
        for n in range(40):
            text = f"while full {n}" + " words" * 500
            answer = client.post("/api/journal", {"text": text})
            answers.append(answer)
            if answer.status == 201:
                before.append(text)
            if answer.status == 507:
                break
        refused = answers[-1]
        home = client.get("/")
        health = client.get("/healthz")
    assert refused.status == 507, [a.status for a in answers]
    assert {a.status for a in answers} <= {201, 507}
    assert refused.json() == {
        "detail": "The server's disk is full, so nothing was saved. Tell whoever runs nearer."
    }
    # Reading still works, and the database itself is fine.
    assert home.status == 200
    assert health.status == 200
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = [r[0] for r in conn.execute("SELECT text FROM journal_journalentry")]
    assert sorted(stored) == sorted(before)
