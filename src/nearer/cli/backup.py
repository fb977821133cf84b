"""``nearer backup FILE`` and ``nearer restore FILE``: the whole database in one file and
back (SQLite's online backup, or pg_dump/psql on PostgreSQL; see nearer.web.backup)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from nearer.cli.common import BAD_INPUT, REFUSED, fail, out
from nearer.core.errors import BackupError


def _settle(exc: BackupError) -> None:
    fail(str(exc), BAD_INPUT if exc.refused else REFUSED)


def register(app: typer.Typer) -> None:
    @app.command()
    def backup(
        file: Path = typer.Argument(..., help="Where to write the backup."),
        force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
    ) -> None:
        """Save the whole web-app database to FILE, while the app keeps running."""
        from nearer.cli.common import user_errors
        from nearer.cli.serve import setup_django

        if file.is_dir():
            fail(f"{file} is a folder. Give a file name, e.g. {file}/nearer.backup.")
        if file.exists() and not force:
            fail(f"{file} already exists. Give another name, or add --force to replace it.")
        with user_errors():
            setup_django()
        from nearer.web import backup as backups

        try:
            info = backups.make_backup(file)
        except BackupError as exc:
            _settle(exc)
        except OSError as exc:
            fail(f"cannot write {file}: {exc.strerror}. Pick a folder you can write to.", 1)
        out.print(
            f"Backed up {backups.where()} to {file} ({info.size / 1e6:.1f} MB, nearer "
            f"{info.nearer}, {len(info.migrations)} migrations).",
            markup=False,
            soft_wrap=True,  # paths stay whole, for scripts reading the line
        )

    @app.command()
    def restore(
        file: Path = typer.Argument(..., help="A file made by nearer backup."),
        force: bool = typer.Option(
            False, "--force", help="Replace a database that already holds data, without asking."
        ),
    ) -> None:
        """Replace the web-app database with a backup (stop the app first)."""
        from nearer.cli.common import user_errors
        from nearer.cli.serve import migrate, setup_django

        with user_errors():
            setup_django()
        from nearer.web import backup as backups

        if not force and sys.stdin.isatty() and backups.holds_data():
            force = typer.confirm(
                f"Replace everything in {backups.where()} with {file}?", default=False
            )
            if not force:
                fail("nothing restored. Run again and answer y to replace the database.")
        try:
            info = backups.restore(file, force)
        except BackupError as exc:
            _settle(exc)
        except OSError as exc:
            fail(f"cannot restore {file}: {exc.strerror}.", 1)
        migrate()  # a backup of an older release moves forward to this one
        out.print(
            f"Restored {file} (made {info.created_at} by nearer {info.nearer}) into "
            f"{backups.where()}.",
            markup=False,
            soft_wrap=True,  # paths stay whole, for scripts reading the line
        )
