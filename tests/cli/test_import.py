"""``nearer import FILE.zip`` in a real process: a dry run by default, --apply writes,
twice adds nothing, one-line errors for a file that is not an export or of another version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

NEARER = [sys.executable, "-c", "from nearer.cli.main import main; main()"]
PASSWORD = "correct horse battery"
DOCUMENT = {
    "format": "nearer-export",
    "version": 1,
    "exported_at": "2026-03-10T10:00:00.000Z",
    "account": {
        "id": "7d3c1f7e-2b1a-4c55-9d0e-7a4b2c3d4e5f",
        "email": "dana@example.org",
        "display_name": "Dana",
        "country": "GB",
        "share_daily_detail": False,
        "joined_at": "2026-01-02T09:00:00.000Z",
        "last_login": None,
    },
    "couple": {"partner_name": "Eli", "since": "2026-01-03T09:00:00.000Z"},
    "daily_checkins": [
        {
            "id": "11111111-1111-4111-8111-111111111111",
            "day": "2026-03-01",
            "quadrant": "low_pleasant",
            "feeling": "calm",
            "closeness": 7,
            "appreciation": "the tea",
            "private_note": "dana-note",
            "safety_alert": False,
            "created_at": "2026-03-01T20:00:00.000Z",
        }
    ],
    "weekly_talks": [],
    "journal_entries": [
        {
            "id": "22222222-2222-4222-8222-222222222222",
            "text": "dana-journal",
            "feelings": ["calm"],
            "situations": [],
            "triggers": [],
            "shared": True,
            "safety_alert": False,
            "created_at": "2026-03-02T20:00:00.000Z",
            "updated_at": "2026-03-02T21:00:00.000Z",
        }
    ],
    "assessment_results": [],
    "invitations": [],
    "api_tokens": [],
    "safety_plans": [],
    "share_links": [],
}


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NEARER_SECRET_KEY"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["NEARER_DATA_DIR"] = str(tmp_path / "data")
    return env


def _run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEARER, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture()
def export_zip(tmp_path: Path) -> Path:
    path = tmp_path / "nearer-export-2026-03-10.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("nearer-export.json", json.dumps(DOCUMENT))
    return path


def test_dry_run_apply_and_twice(tmp_path: Path, export_zip: Path) -> None:
    env = _env(tmp_path)
    dry = _run(["import", str(export_zip)], env)
    assert dry.returncode == 0, dry.stderr
    assert "Dry run, nothing written. For Dana <dana@example.org> (a new account)" in _flat(
        dry.stdout
    )
    assert "daily check-ins: 1 to add, 0 already here" in dry.stdout
    assert "journal entries: 1 to add, 0 already here" in dry.stdout
    done = _run(["import", str(export_zip), "--apply"], env, stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "journal entries: 1 added, 0 already here" in done.stdout
    assert "pair again" in done.stdout
    again = _run(["import", str(export_zip), "--apply"], env)
    assert again.returncode == 0, again.stderr
    assert "journal entries: 0 added, 1 already here" in again.stdout
    assert "daily check-ins: 0 added, 1 already here" in again.stdout


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (
            b"just text",
            "Error: This file is not a nearer export (neither its zip nor its JSON). "
            "Give the zip from Settings → Download all my data.",
        ),
        (
            json.dumps({**DOCUMENT, "version": 7}).encode(),
            "Error: This export is version 7; this nearer reads version 1. Update nearer, "
            "or export again from the same version.",
        ),
    ],
)
def test_not_an_export_is_one_line_exit_2(tmp_path: Path, content: bytes, line: str) -> None:
    path = tmp_path / "file.zip"
    path.write_bytes(content)
    done = _run(["import", str(path)], _env(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [line]


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    done = _run(["import", str(tmp_path / "nope.zip")], _env(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"Error: export file {tmp_path / 'nope.zip'} does not exist. Check the path."
    ]
