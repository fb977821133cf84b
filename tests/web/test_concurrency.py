"""SQLite under 32 concurrent clients: no 500, no "database is locked", nothing lost, and
pairing races have exactly one winner. Drives a real ``nearer serve`` process."""

from __future__ import annotations

import sqlite3
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.web.live import App, Client, check_in, serve_env, sign_up

CLIENTS = 32
INVITERS = 8
POSTS_EACH = 12


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql))


def test_sqlite_takes_32_concurrent_writers_and_pairing_races(tmp_path: Path) -> None:
    with App(serve_env(tmp_path), threads=8) as app:
        clients = [Client(app.url) for _ in range(CLIENTS)]
        with ThreadPoolExecutor(CLIENTS) as pool:
            list(
                pool.map(
                    lambda i: sign_up(clients[i], f"p{i}@example.org", f"P{i}"), range(CLIENTS)
                )
            )
            codes = [c.post("/api/couple/invitations").json()["code"] for c in clients[:INVITERS]]

            # Every joiner sends two joins at once (two different codes), and each code is
            # tried by three joiners at once: each code and each person pairs exactly once.
            tabs = [clients, [c.twin() for c in clients]]

            def join(task: tuple[int, int]) -> int:
                person, which = task
                code = codes[(person + which) % INVITERS]
                return tabs[which][person].post("/api/couple/join", {"code": code}).status

            tasks = [(p, w) for p in range(INVITERS, CLIENTS) for w in (0, 1)]
            joined = Counter(pool.map(join, tasks))

            def posts(i: int) -> list[tuple[int, int]]:
                return [(check_in(clients[i], 1 + n % 10).status, 1 + n % 10) for n in range(8)]

            written = list(pool.map(posts, range(CLIENTS)))
            journal = list(
                pool.map(
                    lambda i: [
                        clients[i].post("/api/journal", {"text": f"entry {n}"}).status
                        for n in range(POSTS_EACH)
                    ],
                    range(CLIENTS),
                )
            )
    # The losers are told: a spent code is 404 like any unknown code, "already paired" is
    # 409; never a 5xx.
    assert set(joined) <= {200, 404, 409}, joined
    assert joined[200] == INVITERS, joined

    db = tmp_path / "nearer.sqlite3"
    couples = _rows(db, "SELECT couple_id, COUNT(*) FROM accounts_user GROUP BY couple_id")
    sizes = Counter(size for couple, size in couples if couple is not None)
    assert sizes == {2: INVITERS}, couples
    assert _rows(db, "SELECT COUNT(*) FROM couples_invitation WHERE accepted_at IS NOT NULL") == [
        (INVITERS,)
    ]

    statuses = Counter(status for person in written for status, _ in person)
    assert statuses == {201: CLIENTS * 8}, statuses
    # One check-in per person per day, holding the last accepted value.
    stored = dict(
        _rows(
            db,
            "SELECT u.email, c.closeness FROM checkins_dailycheckin c "
            "JOIN accounts_user u ON u.id = c.author_id",
        )
    )
    assert stored == {f"p{i}@example.org": written[i][-1][1] for i in range(CLIENTS)}

    accepted = sum(status == 201 for person in journal for status in person)
    assert Counter(s for person in journal for s in person) == {201: CLIENTS * POSTS_EACH}
    assert _rows(db, "SELECT COUNT(*) FROM journal_journalentry") == [(accepted,)]
    assert _rows(db, "PRAGMA journal_mode") == [("wal",)]
