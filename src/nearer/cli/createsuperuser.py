"""``nearer createsuperuser``: an administrator account for the web app's /admin/ pages."""

from __future__ import annotations

import sys

import typer

from nearer.cli.common import fail, out, user_errors


def _password() -> str:
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline()
    if not line.strip():
        fail("no password on standard input. Pipe one line, or run this in a terminal.")
    return line.rstrip("\r\n")


def register(app: typer.Typer) -> None:
    @app.command()
    def createsuperuser(
        email: str = typer.Option(..., "--email", help="The administrator's email (log-in)."),
        name: str = typer.Option("Admin", "--name", help="The name shown in the app."),
    ) -> None:
        """Create an administrator for the web app (password asked, or read from stdin)."""
        from nearer.cli.serve import migrate, setup_django

        with user_errors():
            setup_django()
        migrate()
        from django.contrib.auth import password_validation
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        from nearer.web.accounts.models import User

        address = email.strip().lower()
        try:
            validate_email(address)
        except ValidationError:
            fail(f"{email!r} is not an email address. Give one like admin@example.org.")
        if User.objects.filter(email=address).exists():
            fail(f"an account with {address} already exists. Use another email.")
        password = _password()
        try:
            password_validation.validate_password(password, User(email=address))
        except ValidationError as exc:
            fail(" ".join(exc.messages) + " Choose a longer, less common password.")
        User.objects.create_superuser(address, password, display_name=name.strip() or "Admin")
        out.print(f"Administrator {address} created. Log in at /admin/.", markup=False)
