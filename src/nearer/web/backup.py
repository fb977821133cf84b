"""``nearer backup`` and ``nearer restore``: one file holding the whole database, with a
header that says what it is.

A backup file is ``NEARER-BACKUP 1`` on the first line, one line of JSON (nearer's version,
the database engine, when it was made, the migrations it holds, the payload's size and
SHA-256), then the payload: an SQLite database made with SQLite's online backup API, or a
``pg_dump`` custom-format archive. Both are taken while the app keeps serving.

A restore reads the header before touching anything and refuses a file that is not a nearer
backup, is damaged, comes from the other engine, or holds migrations this version does not
know (a newer nearer made it). It replaces a database that already holds data only when
told to (``force``); the caller then migrates the restored database forward.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from nearer import __version__
from nearer.core.errors import BackupError

MAGIC = b"NEARER-BACKUP 1\n"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    """What the header says about a backup."""

    nearer: str
    engine: str  # "sqlite" or "postgresql"
    created_at: str
    migrations: list[list[str]]  # [app, name] pairs, sorted
    size: int
    sha256: str


def engine() -> str:
    return "sqlite" if "sqlite" in settings.DATABASES["default"]["ENGINE"] else "postgresql"


def where() -> str:
    """The database in words: the SQLite file, or PostgreSQL's database name and host."""
    db = settings.DATABASES["default"]
    if engine() == "sqlite":
        return str(db["NAME"])
    return f"PostgreSQL database {db['NAME']} on {db['HOST'] or 'the local socket'}"


def _known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    return set(loader.disk_migrations)


def _sqlite_migrations(path: Path) -> list[list[str]]:
    with closing(sqlite3.connect(path)) as conn:
        try:
            rows = conn.execute("SELECT app, name FROM django_migrations").fetchall()
        except sqlite3.DatabaseError:
            return []
    return sorted([str(app), str(name)] for app, name in rows)


def _postgres_migrations() -> list[list[str]]:
    conn = connections["default"]
    if "django_migrations" not in conn.introspection.table_names():
        return []
    with conn.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return sorted([str(app), str(name)] for app, name in cursor.fetchall())


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    """libpq connection arguments built from the parsed settings (any accepted URL form)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if option in db.get("OPTIONS", {}):
            env[variable] = str(db["OPTIONS"][option])
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, ["--no-password", *args]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed, and a PostgreSQL database needs it. Install the "
            "PostgreSQL client tools (e.g. apt-get install postgresql-client)."
        )
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        first = lines[0] if lines else f"exit status {done.returncode}"
        raise BackupError(f"{Path(args[0]).name} failed: {first}. Check DATABASE_URL.")


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def _scratch(near: Path) -> Iterator[Path]:
    """A temporary file next to ``near`` (same disk, so the final rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=".nearer-", dir=near.parent)
    os.close(fd)
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def make_backup(dest: Path) -> BackupInfo:
    """Write a backup of the live database to ``dest`` (replaced atomically when done)."""
    dest = dest.resolve()
    with _scratch(dest) as payload:
        if engine() == "sqlite":
            source = Path(settings.DATABASES["default"]["NAME"])
            if not source.is_file():
                raise BackupError(
                    f"there is no database at {source} yet, so nothing to back up. "
                    "Check NEARER_DATA_DIR."
                )
            live, copy = sqlite3.connect(source), sqlite3.connect(payload)
            with closing(live), closing(copy):
                live.backup(copy)  # one consistent snapshot, while others keep writing
            migrations = _sqlite_migrations(payload)
        else:
            dump = _tool("pg_dump")
            migrations = _postgres_migrations()
            env, args = _pg_env_and_args()
            _run([dump, "--format=custom", "--no-owner", "--no-privileges", *args,
                  "--file", str(payload)], env)  # fmt: skip
        if not migrations:
            raise BackupError(
                f"the database at {where()} holds no nearer data yet. Start nearer serve once."
            )
        info = BackupInfo(
            nearer=__version__,
            engine=engine(),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            migrations=migrations,
            size=payload.stat().st_size,
            sha256=_hash(payload),
        )
        with _scratch(dest) as whole:
            with whole.open("wb") as out, payload.open("rb") as data:
                out.write(MAGIC)
                out.write(json.dumps(asdict(info)).encode() + b"\n")
                shutil.copyfileobj(data, out, _CHUNK)
            os.replace(whole, dest)
    return info


def read_header(handle: IO[bytes], name: str) -> BackupInfo:
    """The header of a backup file; a BackupError (refused) for anything else."""
    not_ours = BackupError(
        f"{name} is not a nearer backup. Give a file made by nearer backup.", refused=True
    )
    if handle.read(len(MAGIC)) != MAGIC:
        raise not_ours
    line = handle.readline(1 << 20)
    try:
        raw: dict[str, Any] = json.loads(line)
        info = BackupInfo(**raw)
    except (ValueError, TypeError):
        raise not_ours from None
    return info


def check_compatible(info: BackupInfo, name: str) -> None:
    here = engine()
    if info.engine != here:
        kind = "SQLite" if info.engine == "sqlite" else "PostgreSQL"
        raise BackupError(
            f"{name} is a backup of a {kind} database and this nearer uses "
            f"{'SQLite' if here == 'sqlite' else 'PostgreSQL'}. Restore it where "
            f"{'DATABASE_URL is unset' if info.engine == 'sqlite' else 'DATABASE_URL is set'}.",
            refused=True,
        )
    unknown = {(app, mig) for app, mig in info.migrations} - _known_migrations()
    if unknown:
        raise BackupError(
            f"{name} was made by nearer {info.nearer}, which is newer than this one "
            f"({__version__}). Install nearer {info.nearer} or later to restore it.",
            refused=True,
        )


def holds_data() -> bool:
    """True when the database nearer would restore into already has nearer's tables."""
    if engine() == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        return path.is_file() and bool(_sqlite_migrations(path))
    return bool(_postgres_migrations())


def restore(source: Path, force: bool) -> BackupInfo:
    """Replace the database with the backup in ``source``; checked first, all or nothing."""
    name = str(source)
    try:
        handle = source.open("rb")
    except FileNotFoundError:
        raise BackupError(f"{name} does not exist. Check the path.", refused=True) from None
    except IsADirectoryError:
        raise BackupError(f"{name} is a folder. Give a backup file.", refused=True) from None
    with handle:
        info = read_header(handle, name)
        check_compatible(info, name)
        if holds_data() and not force:
            raise BackupError(
                f"the database at {where()} already holds data. Add --force to replace it "
                "with this backup.",
                refused=True,
            )
        sqlite = engine() == "sqlite"
        target = Path(settings.DATABASES["default"]["NAME"])
        if sqlite:
            target.parent.mkdir(parents=True, exist_ok=True)
        near = target if sqlite else Path(tempfile.gettempdir()) / "nearer-restore"
        with _scratch(near) as payload:
            with payload.open("wb") as out:
                shutil.copyfileobj(handle, out, _CHUNK)
            if payload.stat().st_size != info.size or _hash(payload) != info.sha256:
                raise BackupError(
                    f"{name} is damaged (its contents do not match its checksum). "
                    "Use another backup.",
                    refused=True,
                )
            connections.close_all()
            if sqlite:
                _restore_sqlite(payload, target, name)
            else:
                _restore_postgres(payload)
    return info


def _restore_sqlite(payload: Path, target: Path, name: str) -> None:
    with closing(sqlite3.connect(payload)) as copy:
        if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise BackupError(f"{name} holds a damaged database. Use another backup.", True)
        with closing(sqlite3.connect(target)) as live:
            copy.backup(live)  # page by page through SQLite, so WAL readers stay consistent


def _restore_postgres(payload: Path) -> None:
    """Drop every table and load the dump in one transaction (psql --single-transaction):
    if anything fails, the database is left as it was. Dropping first means tables of
    later migrations do not survive an older backup."""
    restore_tool, psql = _tool("pg_restore"), _tool("psql")
    conn = connections["default"]
    drops = "".join(
        f"DROP TABLE IF EXISTS {conn.ops.quote_name(t)} CASCADE;\n"
        for t in conn.introspection.table_names()
    )
    connections.close_all()
    env, args = _pg_env_and_args()
    with _scratch(payload) as script:
        _run([restore_tool, "--no-owner", "--no-privileges", "--file", str(script),
              str(payload)], env)  # fmt: skip
        body = script.read_text(encoding="utf-8")
        script.write_text(drops + body, encoding="utf-8")
        _run([psql, "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
              *args, "--file", str(script)], env)  # fmt: skip
