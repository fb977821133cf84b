"""``nearer worker``: run the background jobs (chat uploads) the web app queues."""

from __future__ import annotations

import typer

from nearer.cli.common import out, user_errors
from nearer.cli.serve import migrate, setup_django


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        once: bool = typer.Option(
            False, "--once", help="Run the jobs waiting now, then stop (for cron or tests)."
        ),
        interval: float = typer.Option(
            1.0, "--interval", min=0.1, max=60, help="Seconds between looks at an empty queue."
        ),
    ) -> None:
        """Analyse uploaded chat exports in the background (nearer serve runs one itself)."""
        with user_errors():
            setup_django()
        migrate()
        from nearer.cli.paths import cache_dir
        from nearer.core.safety.compiled import keep_in
        from nearer.web.insights.worker import run_worker

        keep_in(cache_dir())  # the chat screen's compiled rules, built once

        out.print("nearer worker is running. Press Ctrl+C to stop.", markup=False)
        run_worker(batch=once, interval=interval)
