from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.errors import SettingsError
from nearer.web import config

ROOT = Path(__file__).resolve().parents[2]


def test_postgres_url_is_parsed_into_every_part() -> None:
    db = config.parse_database_url(
        "postgres://nearer:p%40ss@db.example:6543/couples?sslmode=require"
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("couples", "nearer", "p@ss")
    assert (db["HOST"], db["PORT"]) == ("db.example", "6543")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_socket_url_and_sqlite_url() -> None:
    assert config.parse_database_url("postgresql:///nearer")["HOST"] == ""
    db = config.parse_database_url("sqlite:////tmp/x.sqlite3")
    assert (db["ENGINE"], db["NAME"]) == ("django.db.backends.sqlite3", "/tmp/x.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "scheme 'mysql' is not supported"),
        ("postgres://u@h:5432", "names no database"),
        ("postgres://u@h:notaport/db", "is not a valid URL"),
        ("nonsense", "scheme '(none)' is not supported"),
    ],
)
def test_bad_database_urls_say_what_to_fix(url: str, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)) as caught:
        config.parse_database_url(url)
    assert "postgres://" in str(caught.value)


def test_sqlite_is_the_default_under_the_data_dir(tmp_path: Path) -> None:
    db = config.database({}, tmp_path)
    assert db["NAME"] == str(tmp_path / "nearer.sqlite3")
    assert config.database({"NEARER_DEMO": "1"}, tmp_path)["NAME"].endswith("demo.sqlite3")


def test_data_dir_from_environment_and_a_file_is_refused(tmp_path: Path) -> None:
    assert config.data_dir({"NEARER_DATA_DIR": str(tmp_path)}) == tmp_path
    afile = tmp_path / "f"
    afile.write_text("x")
    with pytest.raises(SettingsError, match="is a file, not a folder"):
        config.data_dir({"NEARER_DATA_DIR": str(afile)})


def test_flags_and_numbers() -> None:
    assert config.flag({"X": "Yes"}, "X") is True
    assert config.flag({"X": "0"}, "X") is False
    with pytest.raises(SettingsError, match="X='maybe' is not a yes/no value"):
        config.flag({"X": "maybe"}, "X")
    with pytest.raises(SettingsError, match="out of range"):
        config.integer({"N": "0"}, "N", 5, 1, 10)
    with pytest.raises(SettingsError, match="not a whole number"):
        config.integer({"N": "five"}, "N", 5, 1, 10)


def test_secret_key_rules(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="shorter than 32"):
        config.secret_key({"NEARER_SECRET_KEY": "short"}, tmp_path)
    with pytest.raises(SettingsError, match="NEARER_SECRET_KEY is not set"):
        config.secret_key({"DATABASE_URL": "postgres://h/db"}, tmp_path)
    key_file = config.ensure_secret_key_file(tmp_path / "new")
    assert key_file.stat().st_mode & 0o077 == 0
    assert config.secret_key({}, tmp_path / "new") == key_file.read_text()


def test_country_code_must_be_two_letters() -> None:
    assert config.country_code({"NEARER_DEFAULT_COUNTRY": "gb"}) == "GB"
    with pytest.raises(SettingsError, match="two-letter"):
        config.country_code({"NEARER_DEFAULT_COUNTRY": "GBR"})


def test_every_setting_is_documented_in_docs_web() -> None:
    docs = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    missing = [name for name in config.ENV_SETTINGS if f"`{name}`" not in docs]
    assert not missing
    settings_src = (ROOT / "src/nearer/web/settings.py").read_text(encoding="utf-8")
    used = set(re.findall(r"\"((?:NEARER_|DATABASE_)\w+)\"", settings_src))
    used |= set(
        re.findall(
            r"\"((?:NEARER_|DATABASE_)\w+)\"", (ROOT / "src/nearer/web/config.py").read_text()
        )
    )
    assert used <= set(config.ENV_SETTINGS), used - set(config.ENV_SETTINGS)


@given(st.text(max_size=40))
def test_parse_database_url_either_parses_or_raises_settings_error(url: str) -> None:
    try:
        db = config.parse_database_url(url)
    except SettingsError as exc:
        assert str(exc).endswith(".")
    else:
        assert db["ENGINE"].startswith("django.db.backends.")


def test_the_suite_runs_on_the_database_the_environment_names() -> None:
    """Proof that the PostgreSQL pass of `make test` really ran on PostgreSQL."""
    import os

    from django.db import connection

    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted


def test_time_zone_is_checked() -> None:
    # Unset: the machine's zone, so a laptop's day starts at its owner's midnight.
    assert config.time_zone({}, machine=lambda: "Australia/Sydney") == "Australia/Sydney"
    assert config.time_zone({"NEARER_TIME_ZONE": "Europe/London"}) == "Europe/London"
    with pytest.raises(SettingsError, match="not a known time zone"):
        config.time_zone({"NEARER_TIME_ZONE": "Mars/Olympus"})


def test_the_machine_zone_comes_from_tz_then_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Denver")
    assert config.machine_zone() == "America/Denver"
    monkeypatch.setenv("TZ", ":Asia/Kolkata")  # the glibc spelling
    assert config.machine_zone() == "Asia/Kolkata"
    monkeypatch.setenv("TZ", "Not/AZone")
    found = config.machine_zone()  # falls through to /etc/timezone or /etc/localtime
    assert found != "Not/AZone"
    assert found == "UTC" or "/" in found
