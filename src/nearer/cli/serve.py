"""``nearer serve``: apply migrations and start the web app (waitress, static files by
WhiteNoise). ``--demo`` fills a separate demo database with a made-up couple."""

from __future__ import annotations

import os
import threading
from typing import Any

import typer

from nearer.cli.common import err, fail, out, user_errors

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def setup_django(demo: bool = False) -> None:
    """Configure Django from the environment, creating the data folder and key file locally.

    Bad settings raise ``SettingsError`` (a ``NearerError``), which callers turn into the
    one-line error.
    """
    from nearer.web import config

    if demo:
        os.environ["NEARER_DEMO"] = "1"
    env = os.environ
    if not env.get("DATABASE_URL", "").strip():
        # SQLite needs its folder even when the secret key comes from the environment.
        folder = config.data_dir(env)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not env.get("NEARER_SECRET_KEY", "").strip():
                config.ensure_secret_key_file(folder)
        except OSError as exc:
            fail(
                f"cannot write to the data folder {folder}: {exc.strerror}. "
                "Set NEARER_DATA_DIR to a folder you can write to."
            )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command
    from django.db import DatabaseError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail(f"cannot prepare the database ({first}). Check DATABASE_URL or NEARER_DATA_DIR.", 1)


def _allowed_hosts_for(host: str) -> None:
    """Answer to the address we listen on; a wildcard bind answers any host name."""
    if os.environ.get("NEARER_ALLOWED_HOSTS", "").strip() or host in LOOPBACK:
        return
    if host in {"0.0.0.0", "::", ""}:
        os.environ["NEARER_ALLOWED_HOSTS"] = "*"
        err.print(
            "Listening on every address: set NEARER_ALLOWED_HOSTS to this machine's names "
            "to refuse other Host headers.",
            markup=False,
        )
    else:
        os.environ["NEARER_ALLOWED_HOSTS"] = f"{host},127.0.0.1,localhost"


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
        demo: bool = typer.Option(
            False, "--demo", help="Use a separate demo database holding a made-up couple."
        ),
        threads: int = typer.Option(
            8, "--threads", min=1, max=64, help="Requests answered at the same time."
        ),
        # --- insights: the background worker -------------------------------------------
        worker: bool | None = typer.Option(
            None,
            "--worker/--no-worker",
            help="Run the background worker in this process (default: yes on SQLite, no "
            "when DATABASE_URL is set; hosted, run `nearer worker` beside it).",
        ),
    ) -> None:
        """Start the web app both partners use (http://127.0.0.1:8000 by default)."""
        _allowed_hosts_for(host)
        with user_errors():
            setup_django(demo)
        migrate()
        from django.conf import settings

        if demo:
            from nearer.web.demo import DEMO_PASSWORD, ensure_demo

            people = ensure_demo()
            out.print("Demo couple ready (made-up data). Log in as either:", markup=False)
            for person in people:
                out.print(f"  {person.email}  password: {DEMO_PASSWORD}", markup=False)
        where = settings.DATABASES["default"]
        store = where["NAME"] if "sqlite" in where["ENGINE"] else "PostgreSQL"
        shown = f"[{host}]" if ":" in host else host
        out.print(f"nearer is running at http://{shown}:{port}/  (data: {store})", markup=False)
        out.print("Press Ctrl+C to stop.", markup=False)
        # Every text anyone saves is scanned; reading and compiling the rules takes a second
        # or two, so do it now rather than during the first person's first save.
        from nearer.cli.paths import cache_dir
        from nearer.core.safety.compiled import keep_in

        keep_in(cache_dir())  # compiled once, loaded by every later start
        threading.Thread(target=_warm_safety_rules, daemon=True, name="nearer-warm").start()
        # --- insights: the embedded worker, so the quick start needs nothing more --------
        if worker if worker is not None else not os.environ.get("DATABASE_URL", "").strip():
            from nearer.web.insights.worker import WorkerThread

            WorkerThread().start()
        _run(host, port, threads)


def _warm_safety_rules() -> None:
    from nearer.core.safety.model import load_model
    from nearer.core.safety.prefilter import prefilter
    from nearer.core.safety.rules import rule_book

    rule_book()
    load_model()
    prefilter()  # the chat screen's, for the embedded worker


# The headers a trusted proxy sets (docs/deploy.md); waitress drops them from anyone else.
PROXY_HEADERS = frozenset({"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"})


def waitress_options(host: str, port: int, threads: int, proxy: str | None) -> dict[str, Any]:
    """waitress's settings; behind a proxy, only ``proxy``'s forwarded headers count.

    One proxy hop (``trusted_proxy_count=1``): the client address is the last entry of
    X-Forwarded-For, the one the proxy itself added, never one the client wrote.
    """
    options: dict[str, Any] = {"host": host, "port": port, "threads": threads, "ident": "nearer"}
    if proxy is not None:
        options.update(
            trusted_proxy=proxy,
            trusted_proxy_count=1,
            trusted_proxy_headers=" ".join(sorted(PROXY_HEADERS)),
            clear_untrusted_proxy_headers=True,
        )
    return options


def _run(host: str, port: int, threads: int) -> None:
    import waitress
    from django.conf import settings

    from nearer.web.wsgi import application

    options = waitress_options(host, port, threads, settings.TRUSTED_PROXY)
    try:
        waitress.serve(application, **options)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror}). Pick another --port.", 1)
    except KeyboardInterrupt:
        out.print("Stopped.", markup=False)
