"""`nearer safety`: readable result, the JSON Lines contract read back in order, and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app

runner = CliRunner()
KEYS = ["text", "alert", "kinds", "level", "categories", "evidence"]


def test_one_text_prints_kinds_level_categories_words_and_where_help_is() -> None:
    result = runner.invoke(app, ["safety", "counted my pills again, it's enough"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Risk: self-harm, level emergency"
    assert lines[1] == "Categories: preparatory"
    assert lines[2] == "Words: counted my pills again, it's enough"
    assert 'preparatory        emergency "counted my pills"' in result.stdout
    assert "nearer learn crisis" in result.stdout


def test_a_finding_of_the_trained_model_says_so() -> None:
    text = "the quarry road has been on my mind all week, i know which bend"
    result = runner.invoke(app, ["safety", text])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Risk: self-harm, level urgent", "Categories: method"]
    assert f'  method             urgent    "{text}"  (trained model)' in lines


def test_no_risk_and_past_resolved() -> None:
    quiet = runner.invoke(app, ["safety", "We had a lovely evening."])
    assert (quiet.exit_code, quiet.stdout) == (0, "No risk found.\n")
    past = runner.invoke(app, ["safety", "Ten years free of self-harm today and I'm proud"])
    assert past.exit_code == 0
    assert past.stdout.startswith("No alert: this reads as past and resolved.")
    assert "nearer learn crisis" in past.stdout


def test_one_text_as_json() -> None:
    result = runner.invoke(app, ["safety", "you choked me", "--jsonl"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "text": "you choked me",
        "alert": True,
        "kinds": ["partner_harm"],
        "level": "emergency",
        "categories": ["strangulation"],
        "evidence": [{"start": 4, "end": 13, "text": "choked me", "category": "strangulation"}],
    }


def test_file_to_jsonl_keeps_order_blank_lines_and_the_contract(tmp_path: Path) -> None:
    lines = ["we laughed all night", "kms fr", "", "he tracks my location 😞", "I’m fine"]
    source = tmp_path / "texts.txt"
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = runner.invoke(app, ["safety", "--file", str(source), "--jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == lines
    for record in records:
        assert list(record) == KEYS
        assert record["alert"] is bool(record["kinds"])
        for span in record["evidence"]:
            assert list(span) == ["start", "end", "text", "category"]
            assert record["text"][span["start"] : span["end"]] == span["text"]
    assert [r["kinds"] for r in records] == [[], ["self_harm"], [], ["partner_harm"], []]
    assert records[3]["categories"] == ["monitoring"]


def test_stdin_and_plain_file_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["safety", "-f", "-"], input="hello\nhe hit me\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["1: none", "2: urgent partner_harm (physical)"]


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (
            [],
            None,
            "Error: give either a TEXT or --file F (one text per line, '-' for stdin), "
            "not both or neither.",
        ),
        (
            ["some text", "--file", "FILE"],
            "x\n",
            "Error: give either a TEXT or --file F "
            "(one text per line, '-' for stdin), not both or neither.",
        ),
        (["--file", "MISSING"], None, "Error: MISSING does not exist. Check the path."),
        (
            ["--file", "FILE"],
            b"\xff\xfehello",
            "Error: FILE is not UTF-8 text. Save it as UTF-8 with one text per line.",
        ),
        (
            ["--file", "FILE"],
            b"PK\x03\x04\x00\x00binary",
            "Error: FILE looks binary (it has NUL bytes). Give a UTF-8 text file.",
        ),
        (["--file", "FILE"], "\n \n", "Error: FILE has no text in it. Put one text per line."),
        (
            ["--file", "DIR"],
            None,
            "Error: DIR is a folder. Give a text file with one text per line.",
        ),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    tmp_path: Path, args: list[str], content: str | bytes | None, message: str
) -> None:
    names = {"FILE": tmp_path / "in.txt", "MISSING": tmp_path / "missing.txt", "DIR": tmp_path}
    if isinstance(content, bytes):
        names["FILE"].write_bytes(content)
    elif content is not None:
        names["FILE"].write_text(content, encoding="utf-8")
    argv = [str(names.get(a, a)) for a in args]
    expected = message
    for key, path in names.items():
        expected = expected.replace(key, str(path))
    result = runner.invoke(app, ["safety", *argv])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


def test_binary_stdin_is_refused() -> None:
    result = runner.invoke(app, ["safety", "--file", "-"], input=b"\x00\x01\x02")
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: stdin looks binary (it has NUL bytes). Give a UTF-8 text file.\n"
    )
