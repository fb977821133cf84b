"""``nearer serve`` in a real process: migrations, the pages, static files, bad settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NEARER_SECRET_KEY"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"NEARER_DATA_DIR": str(tmp_path), **extra})
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEARER, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_bad_database_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _run(["serve"], _env(tmp_path, DATABASE_URL="mysql://u@h/db"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: DATABASE_URL scheme 'mysql' is not supported. "
        "Use postgres://user:password@host:5432/name."
    ]


def test_bad_flag_is_one_line(tmp_path: Path) -> None:
    done = _run(["serve"], _env(tmp_path, NEARER_HTTPS="perhaps"))
    assert done.returncode == 2
    assert done.stderr.startswith("Error: NEARER_HTTPS='perhaps' is not a yes/no value.")
    assert "Traceback" not in done.stderr


def test_serve_migrates_and_answers_with_its_own_static_files(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [*NEARER, "serve", "--port", str(port)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    body = page.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert "Make an account" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/nearer/nearer.css") as css:
            assert css.status == 200
        assert (tmp_path / "nearer.sqlite3").is_file()
        assert (tmp_path / "secret_key").is_file()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"nearer is running at http://127.0.0.1:{port}/" in out


def test_port_out_of_range_is_refused(tmp_path: Path) -> None:
    done = _run(["serve", "--port", "70000"], _env(tmp_path))
    assert done.returncode == 2
    assert "65535" in done.stderr


def test_createsuperuser_reads_the_password_from_stdin(tmp_path: Path) -> None:
    env = _env(tmp_path)
    done = _run(["createsuperuser", "--email", "Admin@Example.org"], env, "a sturdy admin pass\n")
    assert done.returncode == 0, done.stderr
    assert "Administrator admin@example.org created" in done.stdout
    again = _run(["createsuperuser", "--email", "admin@example.org"], env, "another long pass\n")
    assert again.returncode == 2
    assert again.stderr.strip() == (
        "Error: an account with admin@example.org already exists. Use another email."
    )
    weak = _run(["createsuperuser", "--email", "b@example.org"], env, "12345\n")
    assert weak.returncode == 2
    assert weak.stderr.startswith("Error: This password is too short.")
    bad = _run(["createsuperuser", "--email", "not-an-email"], env, "a sturdy admin pass\n")
    assert bad.stderr.strip() == (
        "Error: 'not-an-email' is not an email address. Give one like admin@example.org."
    )
