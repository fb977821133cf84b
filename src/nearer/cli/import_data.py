"""``nearer import FILE.zip``: bring an export from another nearer into this one. A dry run
(the default) says what would be added; ``--apply`` writes it."""

from __future__ import annotations

import io
from pathlib import Path

import typer

from nearer.cli.common import fail, out, reading, user_errors


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_(
        file: Path = typer.Argument(..., help="The export zip (or its nearer-export.json)."),
        apply: bool = typer.Option(
            False, "--apply/--dry-run", help="Write it (default: a dry run that writes nothing)."
        ),
    ) -> None:
        """Bring a nearer export into this nearer; nothing is added twice."""
        from nearer.cli.createsuperuser import _password
        from nearer.cli.serve import migrate, setup_django

        with reading(f"export file {file}", "the export .zip file", "the zip nearer made"):
            raw = file.read_bytes()
        with user_errors():
            setup_django()
        from nearer.web.accounts import importing

        with user_errors():
            document = importing.read_export(io.BytesIO(raw))
        migrate()
        from django.contrib.auth import password_validation
        from django.core.exceptions import ValidationError

        from nearer.web.accounts.models import User

        with user_errors():
            plan = importing.plan_import(document)
        who = f"{plan.name} <{plan.email}>"
        if not apply:
            state = "a new account" if plan.new_account else "the account already here"
            out.print(
                f"Dry run, nothing written. For {who} ({state}) this would add:", markup=False
            )
            for line in plan.lines():
                out.print(f"  {line}", markup=False)
            out.print("Run again with --apply to write it.", markup=False)
            return
        password = None
        if plan.new_account:
            password = _password()
            try:
                password_validation.validate_password(password, User(email=plan.email))
            except ValidationError as exc:
                fail(" ".join(exc.messages) + " Choose a longer, less common password.")
        with user_errors():
            done = importing.apply_import(document, password=password)
        out.print(f"Imported for {who}:", markup=False)
        for line in done.lines():
            out.print(f"  {line.replace('to add', 'added')}", markup=False)
        out.print("The partner link is not carried: pair again on the Partner page.", markup=False)
