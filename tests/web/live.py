"""Real app processes and plain HTTP clients, for the tests that need a running server
(concurrency, the proxy, two processes on PostgreSQL, outages) and for benchmarks/web.py.

``App`` starts ``nearer serve`` on a free loopback port and waits for ``/healthz``;
``Client`` is one person's browser-like HTTP connection: cookies, the CSRF token on every
write, JSON in and out. Nothing here imports Django, so the tests' own database is not used.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]
PASSWORD = "correct horse battery staple"
# A test-only key, long enough for config.secret_key; several processes must share one.
SECRET_KEY = "test-only-key-for-live-servers-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``nearer serve`` child: this one, minus Django test settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "NEARER_SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
        and not k.startswith("NEARER_")
    }
    env.update({"NEARER_DATA_DIR": str(data_dir), "NEARER_SECRET_KEY": SECRET_KEY, **extra})
    return env


@dataclass
class App:
    """One ``nearer serve`` process."""

    env: dict[str, str]
    threads: int = 8
    port: int = field(default_factory=free_port)
    log: Path | None = None
    # Python run before nearer's CLI in the child (tests use it to simulate a full disk).
    prelude: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> App:
        main = f"{self.prelude}\nfrom nearer.cli.main import main; main()"
        args = [sys.executable, "-c", main, "serve"]
        args += ["--port", str(self.port), "--threads", str(self.threads)]
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nearer serve exited with {self.process.returncode}")
            try:
                if Client(self.url).get("/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nearer serve did not answer on {self.url} in {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> App:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Client:
    """One person's connection: keeps cookies and sends the CSRF token with every write."""

    def __init__(
        self, base: str, headers: Mapping[str, str] | None = None, source: str | None = None
    ) -> None:
        parts = urlsplit(base)
        # The loopback address this client connects from (127.0.0.0/8 is all loopback), so
        # tests can stand for different people behind a proxy.
        self.source = source
        self.base = base.rstrip("/")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.cookies: dict[str, str] = {}
        self.extra = dict(headers or {})
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            where = (self.source, 0) if self.source else None
            self._conn = http.client.HTTPConnection(
                self.host, self.port, timeout=120, source_address=where
            )
        return self._conn

    def twin(self, base: str | None = None) -> Client:
        """A second connection of the same person (same cookies), e.g. a second tab, or the
        same browser reaching another app process (``base``)."""
        other = Client(base or self.base, self.extra, self.source)
        other.cookies = dict(self.cookies)
        return other

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self, method: str, path: str, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> Answer:
        sent = {"Origin": self.base, **self.extra, **(headers or {})}
        data: bytes | None = None
        if isinstance(body, bytes):
            data = body  # already encoded, e.g. a multipart upload; headers name its type
        elif body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        if method not in {"GET", "HEAD"} and "csrftoken" in self.cookies:
            sent["X-CSRFToken"] = self.cookies["csrftoken"]
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=sent)
                response = conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed a kept-alive connection; a fresh one is the fix once.
                self.close()
                if attempt == 2:
                    raise
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, payload)

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, body: Any = None) -> Answer:
        return self.request("POST", path, body if body is not None else {})


def sign_up(client: Client, email: str, name: str) -> Answer:
    """A new account through the API, logged in on ``client`` (session cookie)."""
    client.get("/accounts/login/")  # the CSRF cookie, as a browser would have it
    answer = client.post(
        "/api/auth/signup",
        {"display_name": name, "email": email, "password": PASSWORD, "country": "US"},
    )
    if answer.status != 201:
        raise AssertionError(f"sign-up of {email}: {answer.status} {answer.text[:200]}")
    return answer


def log_in(client: Client, email: str) -> Answer:
    client.get("/accounts/login/")
    answer = client.post("/api/auth/login", {"email": email, "password": PASSWORD})
    if answer.status != 200:
        raise AssertionError(f"log-in of {email}: {answer.status} {answer.text[:200]}")
    return answer


def pair(inviter: Client, joiner: Client) -> None:
    code = inviter.post("/api/couple/invitations")
    if code.status != 201:
        raise AssertionError(f"invitation: {code.status} {code.text[:200]}")
    joined = joiner.post("/api/couple/join", {"code": code.json()["code"]})
    if joined.status != 200 or not joined.json()["paired"]:
        raise AssertionError(f"join: {joined.status} {joined.text[:200]}")


def check_in(client: Client, closeness: int, appreciation: str = "") -> Answer:
    return client.post(
        "/api/checkins",
        {"feeling": "calm", "closeness": closeness, "appreciation": appreciation},
    )


ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("NEARER_TEST_POSTGRES_URL", "")
NO_POSTGRES = "needs PostgreSQL: set NEARER_TEST_POSTGRES_URL (bash tests/web/postgres.sh)"


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; postgres.sh made the postgres user its owner.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Postgres:
    """A private throwaway server from tests/web/postgres.sh, for tests that stop it."""

    folder: Path
    url: str

    @classmethod
    def start(cls, scratch: Path) -> Postgres:
        dir_file = scratch / "pg-dir"
        env = {**os.environ, "NEARER_PG_DIR_FILE": str(dir_file)}
        done = subprocess.run(
            ["bash", str(ROOT / "tests/web/postgres.sh")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        folder = Path(dir_file.read_text().strip()) if dir_file.exists() else None
        if done.returncode != 0 or folder is None:
            if folder is not None:
                cls(folder, "").remove()
            raise RuntimeError(f"postgres.sh failed: {done.stderr.strip()}")
        return cls(folder, done.stdout.strip())

    def _pg_ctl(self, *args: str) -> None:
        binary = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        subprocess.run(
            _as_owner([str(binary), "-D", str(self.folder / "data"), "-w", *args]),
            check=True,
            capture_output=True,
            timeout=120,
        )

    def stop_server(self) -> None:
        self._pg_ctl("-m", "fast", "stop")

    def start_server(self) -> None:
        self._pg_ctl("-l", str(self.folder / "server.log"), "start")

    def remove(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(ROOT / "tests/web/postgres-stop.sh"), str(self.folder)],
            capture_output=True,
            text=True,
            timeout=120,
        )
