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
            "--safety-screen",
            "all",
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
        "safety_weeks": None,
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
# A byte that is not UTF-8 after the first 256 KB (past what format detection reads), in a
# line the reader samples to learn the layout: it once escaped as a traceback.
LATE_LATIN1 = b"".join(
    f"01/02/2023, 10:{i % 60:02d} - {'Ana' if i % 2 else 'Ben'}: ".encode() + b"word " * 16 + b"\n"
    for i in range(3000)
) + "01/02/2023, 11:00 - Ana: café\n".encode("latin-1")
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
        ("late.txt", LATE_LATIN1, "not UTF-8 text (byte 318028 cannot be read)"),
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


GROUP = (
    "01/02/2023, 10:00 - Ana: hi both\n"
    "01/02/2023, 10:01 - Ben: hey\n"
    "01/02/2023, 10:02 - Cleo: hello!\n"
    "01/02/2023, 10:03 - Ana: lunch?\n"
    "01/02/2023, 10:04 - Ben: yes\n"
    "01/02/2023, 10:05 - Ana: great\n"
)


def test_group_chat_without_a_choice_lists_the_senders_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "group.txt"
    path.write_text(GROUP, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the chat has 3 senders (messages each): Ana (3), Ben (2), Cleo (1). Choose "
        "the two people to compare: add --between Ana --between Ben.\n"
    )


def test_between_analyses_the_two_and_counts_everyone(tmp_path: Path) -> None:
    messages = synthetic_couple("stable", weeks=20, seed=3)
    text = render_whatsapp(messages, Layout()) + "".join(
        f"{m.timestamp:%d/%m/%Y, %H:%M} - Cleo Smith: {m.text}\n" for m in messages[::50]
    )
    path, out_json = tmp_path / "group.txt", tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    args = ["analyze", str(path), "--between", "Ben", "--between", "Ana", "--json", str(out_json)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Also in the chat, not compared: 1 other person" in result.output
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["participants"] == ["Ben", "Ana"]
    ana = sum(m.sender == "Ana" for m in messages)
    assert data["messages"] == {
        "Ben": len(messages) - ana,
        "Ana": ana,
        "Cleo Smith": len(messages[::50]),
    }
    assert sum(row["messages"] for row in data["totals"]) == len(messages)
    redacted = runner.invoke(app, [*args, "--redact"])
    assert redacted.exit_code == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert set(data["messages"]) == {"Partner A", "Partner B", "Other 1"}
    assert "Cleo" not in out_json.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("between", "line"),
    [
        (
            ["Zed", "Ana"],
            "Error: --between: 'Zed' has no messages in this chat. Choose two of: Ana (3 "
            "messages), Ben (2 messages), Cleo (1 message).\n",
        ),
        (
            ["Ana"],
            "Error: --between needs two different names (got 1). Give it twice: "
            "--between NAME --between NAME.\n",
        ),
        (
            ["Ana", "Ana"],
            "Error: --between needs two different names (got 2). Give it twice: "
            "--between NAME --between NAME.\n",
        ),
    ],
)
def test_between_names_must_be_two_senders(tmp_path: Path, between: list[str], line: str) -> None:
    path = tmp_path / "group.txt"
    path.write_text(GROUP, encoding="utf-8")
    args = [arg for name in between for arg in ("--between", name)]
    result = runner.invoke(app, ["analyze", str(path), *args])
    assert result.exit_code == 2
    assert result.stderr == line


def test_one_sender_is_still_refused_with_one_line(tmp_path: Path) -> None:
    code, stderr, _ = _bad(tmp_path, "one.txt", ONE_PERSON)
    assert code == 2
    assert stderr == (
        "Error: the chat has messages from only one person (Ana). nearer compares two "
        "people: export the whole chat with your partner.\n"
    )


def test_since_after_the_end_names_the_option(chat: Path) -> None:
    result = runner.invoke(app, ["analyze", str(chat), "--since", "2030-01-01"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --since: no messages on or after 2030-01-01. Choose an earlier start day.\n"
    )


def test_a_german_chat_prints_the_language_note(tmp_path: Path) -> None:
    lines = ["ich bin heute so müde, und du?", "ja, das ist gut, ich habe auch nicht geschlafen"]
    path = tmp_path / "chat.txt"
    path.write_text(
        "".join(
            f"0{1 + i // 40}/02/2023, {10 + i % 12}:{i % 60:02d} - {('Lena', 'Jonas')[i % 2]}: "
            f"{lines[i % 2]}\n"
            for i in range(120)
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "This chat is mostly in German. There are no emotion figures" in result.output


def test_safety_screen_puts_help_first_and_keeps_no_text(tmp_path: Path) -> None:
    from datetime import datetime

    from nearer.core.chats.model import Message
    from nearer.core.safety import scan

    said = "you choked me last night and I am scared of you"
    msgs = [
        m for m in synthetic_couple("pursue-withdraw", weeks=40, seed=3) if not scan(m.text).alert
    ]
    msgs = sorted(
        [*msgs, Message(datetime(2023, 6, 7, 21, 30), "Ana", said)], key=lambda m: m.timestamp
    )
    path = tmp_path / "chat.txt"
    path.write_text(render_whatsapp(msgs, Layout()), encoding="utf-8")
    out, html = tmp_path / "r.json", tmp_path / "r.html"
    # On by default: no option needed.
    args = ["analyze", str(path), "--country", "GB", "--redact", "--me", "Ana"]
    result = runner.invoke(app, [*args, "--json", str(out), "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert result.output.index("Your safety comes first") < result.output.index("What stands out")
    assert "999" in result.output  # the country's emergency number, before any figure
    assert "For both of you" not in result.output  # no weekly talk, no couples therapy
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["safety"]["senders"] == {"Partner A": 1}
    assert report["safety"]["categories"][:1] == ["strangulation"]
    page = html.read_text(encoding="utf-8")
    assert page.index('class="safety"') < page.index("What stands out")
    for written in (out.read_text(encoding="utf-8"), page, result.output):
        assert "choked me" not in written and "scared of you" not in written
    assert report["settings"]["safety_weeks"] == 26
    off = ["analyze", str(path), "--no-safety-screen", "--json", str(out)]
    plain = runner.invoke(app, off)
    assert plain.exit_code == 0 and "Your safety comes first" not in plain.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert "safety" not in written and "safety_weeks" not in written["settings"]


def test_default_safety_screen_reads_the_last_26_weeks_and_all_reads_everything(
    tmp_path: Path,
) -> None:

    from nearer.core.chats.model import Message
    from nearer.core.safety import scan

    msgs = [
        m for m in synthetic_couple("pursue-withdraw", weeks=40, seed=3) if not scan(m.text).alert
    ]
    # The chat's first week: more than 26 weeks before its last message.
    early = Message(msgs[0].timestamp, "Ana", "you choked me last night and I am scared of you")
    path = tmp_path / "chat.txt"
    path.write_text(render_whatsapp([early, *msgs], Layout()), encoding="utf-8")
    out = tmp_path / "r.json"
    recent = runner.invoke(app, ["analyze", str(path), "--json", str(out)])
    assert recent.exit_code == 0, recent.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["safety"] is None  # screened, nothing in the last half year
    assert "Your safety comes first" not in recent.output
    assert (
        "Safety screen: no message in the last 26 weeks of this chat read as danger "
        "(--safety-screen all reads it all)." in " ".join(recent.output.split())
    )
    whole = runner.invoke(app, ["analyze", str(path), "--safety-screen", "all", "--json", str(out)])
    assert whole.exit_code == 0, whole.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["safety"]["messages"] == 1 and report["settings"]["safety_weeks"] is None
    assert "Your safety comes first" in whole.output
    assert "1 message in this chat read as danger" in " ".join(whole.output.split())
    bad = runner.invoke(app, ["analyze", str(path), "--safety-screen", "some"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "Error: unknown --safety-screen 'some'. Use recent or all."
