"""Settings read from the environment, checked and worded for the person running the app.

Everything the web app can be told lives in ``ENV_SETTINGS`` (a test checks each one is
documented in docs/web.md). Bad values raise ``SettingsError`` with one line that names the
variable and how to fix it, so ``nearer serve`` can print it without a traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import platformdirs

from nearer.core.errors import SettingsError

# Each variable the web app reads, with what it does (docs/web.md lists the same names).
ENV_SETTINGS: dict[str, str] = {
    "NEARER_DATA_DIR": "folder holding the SQLite database and the secret key file",
    "DATABASE_URL": "postgres://user:password@host:port/name switches to PostgreSQL",
    "NEARER_SECRET_KEY": "Django secret key; required when DATABASE_URL is set",
    "NEARER_DEBUG": "1 shows Django's debug pages (never on a hosted server)",
    "NEARER_ALLOWED_HOSTS": "comma-separated host names the app answers to",
    "NEARER_HTTPS": "1 when served over HTTPS: secure cookies, HSTS, redirect to https",
    "NEARER_BEHIND_PROXY": "1 (proxy on this machine) or the proxy's IP address: trust its "
    "X-Forwarded-For/-Proto/-Host",
    "NEARER_DEMO": "1 uses demo.sqlite3 instead of nearer.sqlite3 (set by serve --demo)",
    "NEARER_SMTP_HOST": "SMTP server for password-reset and reminder mail; unset prints mail on "
    "the console (and reminders stay in the app)",
    "NEARER_SMTP_PORT": "SMTP port (default 587)",
    "NEARER_SMTP_USER": "SMTP user name",
    "NEARER_SMTP_PASSWORD": "SMTP password",
    "NEARER_SMTP_TLS": "1 (default) uses STARTTLS, 0 turns it off",
    "NEARER_FROM_EMAIL": "sender address of the app's mail",
    "NEARER_DEFAULT_COUNTRY": (
        "two-letter country code: help lines before sign-in and the sign-up default"
    ),
    "NEARER_LOGIN_ATTEMPTS": "failed log-ins of one account from one address before it waits",
    "NEARER_TIME_ZONE": "IANA time zone that decides when a day starts, e.g. Europe/London",
    "NEARER_BASE_URL": "the address people open nearer at, e.g. https://nearer.example.org: "
    "links in reminder mail start with it",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def flag(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    """Read a yes/no variable; anything but 1/0/true/false/yes/no/on/off is refused."""
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={raw!r} is not a yes/no value. Set it to 1 or 0.")


def integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(
            f"{name}={raw!r} is not a whole number. Set it to a number from {low} to {high}."
        ) from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={value} is out of range. Set it to {low} to {high}.")
    return value


def trusted_proxy(env: Mapping[str, str]) -> str | None:
    """The one address whose X-Forwarded-* headers are believed, or None (no proxy).

    ``1`` means a proxy on this machine (127.0.0.1); an IP address names a proxy elsewhere.
    Headers from any other address are dropped, so a client cannot claim another address
    or https by sending the headers itself.
    """
    import ipaddress

    raw = env.get("NEARER_BEHIND_PROXY", "").strip()
    if raw.lower() in _FALSE:
        return None
    if raw.lower() in _TRUE:
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        raise SettingsError(
            f"NEARER_BEHIND_PROXY={raw!r} is neither 1/0 nor an IP address. Set it to 1 for a "
            "proxy on this machine, or to the proxy's address, e.g. 10.0.0.2."
        ) from None


def data_dir(env: Mapping[str, str]) -> Path:
    """Where the SQLite file and the secret key live: NEARER_DATA_DIR or the user data dir."""
    raw = env.get("NEARER_DATA_DIR", "").strip()
    if not raw:
        return Path(platformdirs.user_data_dir("nearer"))
    path = Path(raw).expanduser()
    if path.exists() and not path.is_dir():
        raise SettingsError(
            f"NEARER_DATA_DIR={raw!r} is a file, not a folder. Point it at a folder."
        )
    return path


_PG_SCHEMES = {"postgres", "postgresql", "pgsql", "postgresql+psycopg"}


def parse_database_url(url: str) -> dict[str, Any]:
    """Turn ``postgres://user:pass@host:port/name?sslmode=require`` into Django's DATABASES
    entry. Only PostgreSQL and SQLite (``sqlite:///path``) are accepted."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise SettingsError(
            f"DATABASE_URL is not a valid URL ({exc}). Use postgres://user:password@host:5432/name."
        ) from None
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        name = unquote(parts.path)
        if name.startswith("/") and parts.netloc == "":
            name = name[1:] if name.startswith("//") else name
        if not name or name == "/":
            raise SettingsError(
                "DATABASE_URL names no SQLite file. Use sqlite:////absolute/path/nearer.sqlite3."
            )
        return sqlite_database(name)
    if scheme not in _PG_SCHEMES:
        raise SettingsError(
            f"DATABASE_URL scheme {parts.scheme or '(none)'!r} is not supported. "
            "Use postgres://user:password@host:5432/name."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise SettingsError(
            "DATABASE_URL names no database. Add it after the host: postgres://host:5432/nearer."
        )
    options = dict(parse_qsl(parts.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        # An empty host means the local Unix socket, as libpq reads it.
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "OPTIONS": options,
        # Several app processes behind a proxy: keep connections a minute, check them first.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def database(env: Mapping[str, str], folder: Path) -> dict[str, Any]:
    url = env.get("DATABASE_URL", "").strip()
    if url:
        return parse_database_url(url)
    name = "demo.sqlite3" if flag(env, "NEARER_DEMO") else "nearer.sqlite3"
    return sqlite_database(str(folder / name))


# How long a writer waits for another writer's transaction before giving up, in seconds.
# Check-in and pairing transactions take milliseconds; 20 s covers a burst of 32 clients on
# a slow disk with a wide margin.
SQLITE_BUSY_TIMEOUT_S = 20


def sqlite_database(name: str) -> dict[str, Any]:
    """SQLite set up for several writers at once (waitress answers from several threads).

    - ``IMMEDIATE`` transactions take the write lock when they start. With SQLite's default
      (deferred) a transaction that read first and then writes can find another writer
      ahead of it; SQLite then fails at once with "database is locked" instead of waiting.
    - WAL lets readers go on while one writer writes; ``synchronous=NORMAL`` is durable
      against application crashes in WAL mode and much faster than FULL (a power loss can
      lose the last transactions, never corrupt the file; sqlite.org/pragma.html).
    - The busy timeout makes a writer wait for the lock instead of failing.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_S,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}"
            ),
        },
    }


def secret_key(env: Mapping[str, str], folder: Path) -> str:
    """NEARER_SECRET_KEY, else the key file ``nearer serve`` wrote in the data folder.

    A hosted set-up (DATABASE_URL) runs several processes that must share one key, so there
    it must be given; locally a throwaway key is used until ``nearer serve`` writes the file.
    """
    given = env.get("NEARER_SECRET_KEY", "").strip()
    if given:
        if len(given) < 32:
            raise SettingsError(
                "NEARER_SECRET_KEY is shorter than 32 characters. Use a long random value, "
                'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))".'
            )
        return given
    key_file = folder / "secret_key"
    if key_file.is_file():
        return key_file.read_text(encoding="utf-8").strip()
    if env.get("DATABASE_URL", "").strip():
        raise SettingsError(
            "NEARER_SECRET_KEY is not set. With DATABASE_URL every app process needs the same "
            "key: set NEARER_SECRET_KEY to one long random value."
        )
    import secrets

    return secrets.token_urlsafe(50)


def ensure_secret_key_file(folder: Path) -> Path:
    """Create the data folder and a private secret key file if missing (used by serve)."""
    import os
    import secrets

    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file


def allowed_hosts(env: Mapping[str, str]) -> list[str]:
    raw = env.get("NEARER_ALLOWED_HOSTS", "")
    hosts = [h.strip() for h in raw.split(",") if h.strip()]
    return hosts or ["127.0.0.1", "localhost", "[::1]", "testserver"]


def country_code(env: Mapping[str, str]) -> str:
    raw = env.get("NEARER_DEFAULT_COUNTRY", "").strip().upper()
    if not raw:
        return "US"
    if len(raw) != 2 or not raw.isalpha():
        raise SettingsError(
            f"NEARER_DEFAULT_COUNTRY={raw!r} is not a two-letter country code. Use e.g. GB."
        )
    return raw


def configured_country(env: Mapping[str, str]) -> str | None:
    """NEARER_DEFAULT_COUNTRY only when it was set (the sign-up default); None otherwise."""
    return country_code(env) if env.get("NEARER_DEFAULT_COUNTRY", "").strip() else None


def time_zone(env: Mapping[str, str], machine: Callable[[], str] | None = None) -> str:
    """NEARER_TIME_ZONE, checked against the time-zone database; when unset, the zone of the
    machine nearer runs on (on a laptop that is where the couple lives, so a day starts at
    their midnight), UTC when the machine names none. People who set their own zone (at
    sign-up, from their device) follow theirs."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    raw = env.get("NEARER_TIME_ZONE", "").strip()
    if not raw:
        return (machine or machine_zone)()
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"NEARER_TIME_ZONE={raw!r} is not a known time zone. Use a name like Europe/London."
        ) from None
    return raw


def machine_zone() -> str:
    """The IANA name of this machine's zone: TZ, /etc/timezone, or where /etc/localtime
    points; "UTC" when none of them names a zone Python knows."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    found = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        found.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            found.append(target.split("zoneinfo/", 1)[1])
    for name in found:
        if not name or name.startswith("/"):
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return "UTC" if name in ("Etc/UTC", "Etc/Universal", "Etc/Zulu", "Universal") else name
    return "UTC"


def base_url(env: Mapping[str, str]) -> str:
    """NEARER_BASE_URL without a trailing slash; the local address when unset.

    Mail is written by the worker, outside any request, so the links in it cannot be taken
    from a Host header: they start with this.
    """
    raw = env.get("NEARER_BASE_URL", "").strip()
    if not raw:
        return "http://127.0.0.1:8000"
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(
            f"NEARER_BASE_URL={raw!r} is not a web address. Use one like "
            "https://nearer.example.org (no path after the host unless nearer lives there)."
        )
    return raw.rstrip("/")
