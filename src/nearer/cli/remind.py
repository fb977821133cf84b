"""``nearer remind``: send the reminders that are due now, once (the worker does the same
every minute). Prints counts, never what a reminder says or to whom."""

from __future__ import annotations

import logging

import typer

from nearer.cli.common import REFUSED, fail, out, user_errors


def register(app: typer.Typer) -> None:
    @app.command()
    def remind(
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Say what is due now without sending or recording it."
        ),
    ) -> None:
        """Send the check-in and weekly-talk reminders due now (the worker does it itself)."""
        from nearer.cli.serve import migrate, setup_django

        with user_errors():
            setup_django()
        migrate()
        from nearer.web.reminders.send import send_due

        # The worker logs each failed email; here the one error line below says it.
        logging.getLogger("nearer.reminders").setLevel(logging.ERROR)
        done = send_due(dry_run=dry_run)
        if dry_run:
            by_email = sum(1 for _, channel in done.due if channel == "email")
            shown = len(done.due) - by_email
            out.print(
                f"Dry run, nothing sent. Due now: {by_email} by email, {shown} in the app.",
                markup=False,
            )
        elif done.sent:
            out.print(
                f"Sent {done.sent} reminder{'s' if done.sent != 1 else ''}: "
                f"{done.emailed} by email, {done.in_app} in the app.",
                markup=False,
            )
        elif not done.failed:
            out.print("Nothing due right now.", markup=False)
        for why, count in sorted(done.skipped.items()):
            out.print(f"Left out {count} ({why}).", markup=False)
        if done.failed:
            fail(
                f"{done.failed} reminder email{'s' if done.failed != 1 else ''} could not be "
                f"sent ({done.failure}). Check NEARER_SMTP_HOST and the mail server; the next "
                "run tries again.",
                REFUSED,
            )
