"""``nearer analyze``: output, the files it writes, and one clear line for bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.render import Layout, render_whatsapp

runner = CliRunner()


@pytest.fixture()
def chat(tmp_path: Path) -> Path:
    path = tmp_path / "WhatsApp Chat with Ben.txt"
    text = render_whatsapp(synthetic_couple("pursue-withdraw", weeks=36, seed=4), Layout())
    path.write_text(text, encoding="utf-8")
    return path


def test_summary_json_and_html(chat: Path, tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    result = runner.invoke(
        app, ["analyze", str(chat), "--me", "Ana", "--json", str(out_json), "--html", str(out_html)]
    )
    assert result.exit_code == 0, result.output
    assert "Ana and Ben" in result.output
    assert "reaching out while the other pulls back" in result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["participants"] == ["Ana", "Ben"] and data["me"] == "Ana"
    assert data["pattern"] == "pursue-withdraw"
    assert data["settings"]["gap_hours"] == 6.0
    assert out_html.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_options_reach_the_analysis(chat: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "r.json"
    result = runner.invoke(
        app,
        [
            "analyze",
            str(chat),
            "--gap",
            "90m",
            "--recent",
            "6w",
            "--baseline",
            "20w",
            "--since",
            "2023-02-01",
            "--redact",
            "--json",
            str(out_json),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["settings"] | {"emotion_model": None} == {
        "gap_hours": 1.5,
        "recent_weeks": 6,
        "baseline_weeks": 20,
        "since": "2023-02-01",
        "redacted": True,
        "emotion_model": None,
    }
    assert data["first"] >= "2023-02-01"
    assert data["participants"] == ["Partner A", "Partner B"]
    assert "Ana" not in out_json.read_text(encoding="utf-8")


def test_zip_and_format_override(chat: Path, tmp_path: Path) -> None:
    archive = tmp_path / "chat.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(chat, "_chat.txt")
    assert runner.invoke(app, ["analyze", str(archive)]).exit_code == 0
    assert runner.invoke(app, ["analyze", str(chat), "--format", "whatsapp"]).exit_code == 0


def _bad(tmp_path: Path, name: str, content: bytes) -> tuple[int, str, Path]:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["analyze", str(path), "--json", str(out)])
    return result.exit_code, result.stderr, out


ONE_PERSON = b"01/02/2023, 10:00 - Ana: hi\n01/02/2023, 10:05 - Ana: hello?\n"
TELEGRAM_CUT = b'{"messages": [{"type": "message", "date": "2023-01-01T10:00:00", "from": "A'


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"\n\n  \n", "is empty"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4, "is binary"),
        ("notes.txt", b"shopping list\nmilk\neggs\n", "does not recognise this file's format"),
        ("data.json", b'{"rows": [1, 2, 3]}', "not a chat export nearer knows"),
        ("one.txt", ONE_PERSON, "only one person (Ana)"),
        ("result.json", TELEGRAM_CUT, "ends in the middle of the JSON"),
        ("latin1.txt", "01/02/2023, 10:00 - Ana: café\n".encode("latin-1"), "not UTF-8"),
        ("huge.txt", b"x" * 50_000_000, "does not recognise"),
        ("line.txt", b"01/02/2023, 10:00 - Ana: " + b"y" * 50_000_000, "line of more than 1 MB"),
    ],
)
def test_bad_input_is_one_line_exit_2_no_output(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    code, stderr, out = _bad(tmp_path, name, content)
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and says in lines[0], stderr
    assert "Traceback" not in stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--gap", "soon"], "--gap 'soon' is not a duration"),
        (["--since", "yesterday"], "--since 'yesterday' is not a date"),
        (["--format", "myspace"], "unknown --format 'myspace'"),
        (["--date-order", "ydm"], "unknown --date-order 'ydm'"),
        (["--me", "Zed"], "--me: your name 'Zed' is not one of the two people compared"),
        (["--json", "/nonexistent/dir/r.json"], "does not exist"),
    ],
)
def test_bad_options(chat: Path, args: list[str], says: str) -> None:
    result = runner.invoke(app, ["analyze", str(chat), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and says in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
