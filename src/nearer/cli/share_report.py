"""``nearer report --html FILE``: the therapist report from the local database, written by
the same renderer as the share-link page (``nearer.web.sharing.report``)."""

from __future__ import annotations

from pathlib import Path

import typer

from nearer.cli.common import fail, out, user_errors

DEFAULT_SECTIONS = "checks,weeks"


def _database_exists() -> bool:
    """A report reads what is there; it never creates an empty database to read from."""
    from django.conf import settings

    where = settings.DATABASES["default"]
    return "sqlite" not in where["ENGINE"] or Path(str(where["NAME"])).exists()


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        html: Path = typer.Option(..., "--html", help="The HTML file to write."),
        email: str = typer.Option(
            "", "--email", help="Whose report (needed when the database has several people)."
        ),
        sections: str = typer.Option(
            DEFAULT_SECTIONS,
            "--sections",
            help="Comma-separated sections: checks, weeks, days, gap, insights, plan, journal.",
        ),
        entry: list[str] = typer.Option(
            [], "--entry", help="A journal entry id to include (repeat; all when omitted)."
        ),
    ) -> None:
        """Write the report a share link shows, from this machine's nearer, as one HTML file."""
        from nearer.cli.serve import setup_django

        with user_errors():
            setup_django()
        if not _database_exists():
            fail(
                "there is no nearer database here yet. Run `nearer serve` first, or set "
                "NEARER_DATA_DIR to the folder that holds nearer.sqlite3."
            )
        from django.db import DatabaseError

        from nearer.web.accounts.models import User
        from nearer.web.journal.models import JournalEntry
        from nearer.web.sharing.report import Choice, build_report, render_report
        from nearer.web.sharing.sections import JOURNAL, available_ids

        chosen = [s.strip() for s in sections.split(",") if s.strip()]
        known = available_ids()
        unknown = [s for s in chosen if s not in known]
        if unknown or not chosen:
            what = f"unknown section {unknown[0]!r}." if unknown else "no section given."
            fail(f"{what} Pick from {', '.join(known)}.")
        try:
            people = User.objects.filter(is_active=True)
            if email:
                person = people.filter(email=email.strip().lower()).first()
                if person is None:
                    fail(f"nobody with the email {email} is in this database. Check --email.")
            else:
                count = people.count()
                if count != 1:
                    fail(
                        "this database has no account yet. Sign up in `nearer serve` first."
                        if count == 0
                        else f"this database has {count} people. Pick one with --email."
                    )
                person = people.get()
            ids: list[str] = []
            if JOURNAL in chosen:
                own = JournalEntry.objects.filter(author=person)
                if entry:
                    ids = [str(i) for i in own.values_list("public_id", flat=True)]
                    missing = [e for e in entry if e not in ids]
                    if missing:
                        fail(f"{person.email} has no journal entry {missing[0]}. Check --entry.")
                    ids = list(entry)
                else:
                    ids = [str(i) for i in own.values_list("public_id", flat=True)]
            page = render_report(
                build_report([Choice(person, tuple(chosen), tuple(ids))]), standalone=True
            )
        except DatabaseError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            fail(f"cannot read the database ({first}). Run `nearer serve` once to set it up.", 1)
        try:
            html.write_text(page, encoding="utf-8")
        except IsADirectoryError:
            fail(f"{html} is a folder. Give a file name such as report.html.")
        except OSError as exc:
            fail(f"cannot write {html}: {exc.strerror}. Pick a folder you can write to.")
        out.print(f"Wrote the report for {person.display_name} to {html}.", markup=False)
