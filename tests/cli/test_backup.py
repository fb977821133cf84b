"""``nearer backup`` / ``nearer restore`` in real processes, and a database made by the
previous release migrating forward."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from nearer import __version__
from nearer.web.backup import MAGIC

NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]
PASSWORD = "a sturdy admin pass\n"
# The migration state of the previous release (commit 01d5033): one name per app.
PREVIOUS_RELEASE = {
    "accounts": "0003_apitoken_last_used_at",
    "assessments": "0001_initial",
    "checkins": "0001_initial",
    "couples": "0001_initial",
    "journal": "0001_initial",
}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEARER_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"NEARER_DATA_DIR": str(tmp_path / "data"), **extra})
    return env


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEARER, *args], env=env, input=stdin, capture_output=True, text=True, timeout=180
    )


def _admins(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return sorted(r[0] for r in conn.execute("SELECT email FROM accounts_user"))


def _admin(env: dict[str, str], email: str) -> None:
    done = _run(["createsuperuser", "--email", email], env, PASSWORD)
    assert done.returncode == 0, done.stderr


def test_backup_and_restore_round_trip_on_sqlite(tmp_path: Path) -> None:
    env = _env(tmp_path)
    db = tmp_path / "data" / "nearer.sqlite3"
    _admin(env, "first@example.org")
    file = tmp_path / "monday.nearer-backup"
    done = _run(["backup", str(file)], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Backed up {db} to {file} (")
    with file.open("rb") as handle:
        assert handle.read(len(MAGIC)) == MAGIC
        header = json.loads(handle.readline())
        assert handle.read(16) == b"SQLite format 3\x00"
    assert header["nearer"] == __version__
    assert header["engine"] == "sqlite"
    assert ["accounts", "0001_initial"] in header["migrations"]

    again = _run(["backup", str(file)], env)
    assert again.returncode == 2
    assert again.stderr.strip() == (
        f"Error: {file} already exists. Give another name, or add --force to replace it."
    )

    _admin(env, "second@example.org")
    refused = _run(["restore", str(file)], env)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"Error: the database at {db} already holds data. Add --force to replace it with "
        "this backup."
    )
    assert _admins(db) == ["first@example.org", "second@example.org"]

    restored = _run(["restore", str(file), "--force"], env)
    assert restored.returncode == 0, restored.stderr
    assert f"Restored {file} (made {header['created_at']} by nearer {__version__})" in (
        restored.stdout
    )
    assert _admins(db) == ["first@example.org"]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    # Into an empty data folder no --force is needed.
    fresh = _env(tmp_path / "elsewhere")
    assert _run(["restore", str(file)], fresh).returncode == 0
    assert _admins(tmp_path / "elsewhere" / "data" / "nearer.sqlite3") == ["first@example.org"]


def _backup_of_one_admin(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = _env(tmp_path)
    _admin(env, "first@example.org")
    file = tmp_path / "b.nearer-backup"
    assert _run(["backup", str(file)], env).returncode == 0
    return file, env


def test_restore_refuses_what_is_not_a_compatible_nearer_backup(tmp_path: Path) -> None:
    file, env = _backup_of_one_admin(tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("hello\n")
    done = _run(["restore", str(other), "--force"], env)
    assert (done.returncode, done.stderr.strip()) == (
        2,
        f"Error: {other} is not a nearer backup. Give a file made by nearer backup.",
    )
    missing = _run(["restore", str(tmp_path / "nope"), "--force"], env)
    assert missing.stderr.strip() == f"Error: {tmp_path / 'nope'} does not exist. Check the path."

    head, _, payload = file.read_bytes().partition(b"\n{")
    header = json.loads(b"{" + payload.split(b"\n", 1)[0])
    body = payload.split(b"\n", 1)[1]
    damaged = tmp_path / "damaged.nearer-backup"
    damaged.write_bytes(file.read_bytes()[:-100])
    done = _run(["restore", str(damaged), "--force"], env)
    assert (done.returncode, done.stderr.strip()) == (
        2,
        f"Error: {damaged} is damaged (its contents do not match its checksum). "
        "Use another backup.",
    )

    newer = tmp_path / "newer.nearer-backup"
    header.update(nearer="9.0.0", migrations=[*header["migrations"], ["accounts", "0999_future"]])
    newer.write_bytes(head + b"\n" + json.dumps(header).encode() + b"\n" + body)
    done = _run(["restore", str(newer), "--force"], env)
    assert (done.returncode, done.stderr.strip()) == (
        2,
        f"Error: {newer} was made by nearer 9.0.0, which is newer than this one "
        f"({__version__}). Install nearer 9.0.0 or later to restore it.",
    )
    assert _admins(tmp_path / "data" / "nearer.sqlite3") == ["first@example.org"]


def test_backup_on_postgres_without_pg_dump_is_one_line(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        DATABASE_URL="postgres://nearer@127.0.0.1:1/nearer",
        NEARER_SECRET_KEY="test-only-key-0123456789abcdef0123456789",
        PATH=str(tmp_path),  # no pg_dump on it
    )
    done = _run(["backup", str(tmp_path / "x.nearer-backup")], env)
    assert (done.returncode, done.stderr.strip()) == (
        1,
        "Error: pg_dump is not installed, and a PostgreSQL database needs it. Install the "
        "PostgreSQL client tools (e.g. apt-get install postgresql-client).",
    )


def test_backup_of_no_database_yet_says_so(tmp_path: Path) -> None:
    done = _run(["backup", str(tmp_path / "x.nearer-backup")], _env(tmp_path))
    db = tmp_path / "data" / "nearer.sqlite3"
    assert (done.returncode, done.stderr.strip()) == (
        1,
        f"Error: there is no database at {db} yet, so nothing to back up. Check NEARER_DATA_DIR.",
    )


POSTGRES = os.environ.get("NEARER_TEST_POSTGRES_URL", "")


@pytest.mark.skipif(not POSTGRES, reason="set NEARER_TEST_POSTGRES_URL (tests/web/postgres.sh)")
def test_backup_and_restore_round_trip_on_postgres(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        DATABASE_URL=POSTGRES,
        NEARER_SECRET_KEY="test-only-key-0123456789abcdef0123456789",
    )
    suffix = os.urandom(4).hex()
    _admin(env, f"pg-first-{suffix}@example.org")
    file = tmp_path / "pg.nearer-backup"
    done = _run(["backup", str(file)], env)
    assert done.returncode == 0, done.stderr
    with file.open("rb") as handle:
        handle.read(len(MAGIC))
        assert json.loads(handle.readline())["engine"] == "postgresql"
        assert handle.read(5) == b"PGDMP"
    _admin(env, f"pg-second-{suffix}@example.org")
    assert _run(["restore", str(file)], env).returncode == 2
    restored = _run(["restore", str(file), "--force"], env)
    assert restored.returncode == 0, restored.stderr
    script = (
        "from nearer.cli.serve import setup_django; setup_django();"
        "from nearer.web.accounts.models import User;"
        f"print(sorted(u.email for u in User.objects.filter(email__contains='{suffix}')))"
    )
    listed = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert listed.stdout.strip() == str([f"pg-first-{suffix}@example.org"])
    # The wrong engine is refused with one line.
    sqlite_side = _run(["restore", str(file), "--force"], _env(tmp_path / "local"))
    assert sqlite_side.returncode == 2
    assert "is a backup of a PostgreSQL database" in sqlite_side.stderr


_FORWARD = """
import json, sys
from nearer.cli.serve import setup_django
setup_django()
from datetime import date
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

targets = [tuple(t) for t in json.loads(sys.argv[1])]
MigrationExecutor(connection).migrate(targets)
old = MigrationExecutor(connection).loader.project_state(targets).apps
couple = old.get_model("couples", "Couple").objects.create()
User = old.get_model("accounts", "User")
sam = User.objects.create(email="sam@example.org", password="x", display_name="Sam",
                          couple=couple)
User.objects.create(email="alex@example.org", password="x", display_name="Alex", couple=couple)
old.get_model("checkins", "DailyCheckIn").objects.create(
    author=sam, couple=couple, day=date(2026, 11, 30), quadrant="green", feeling="calm",
    closeness=7, appreciation="made tea")
old.get_model("journal", "JournalEntry").objects.create(author=sam, text="an old entry")

call_command("migrate", interactive=False, verbosity=0)
from nearer.web.accounts.models import User as NewUser
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.journal.models import JournalEntry
got = {
    "users": sorted(u.email for u in NewUser.objects.all()),
    "paired": NewUser.objects.get(email="sam@example.org").partner.email,
    "checkin": list(DailyCheckIn.objects.values_list("closeness", "appreciation")),
    "journal": list(JournalEntry.objects.values_list("text", flat=True)),
}
print(json.dumps(got))
"""


def test_a_database_of_the_previous_release_migrates_forward(tmp_path: Path) -> None:
    targets = json.dumps(sorted(PREVIOUS_RELEASE.items()))
    done = subprocess.run(
        [sys.executable, "-c", _FORWARD, targets],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "users": ["alex@example.org", "sam@example.org"],
        "paired": "alex@example.org",
        "checkin": [[7, "made tea"]],
        "journal": ["an old entry"],
    }
