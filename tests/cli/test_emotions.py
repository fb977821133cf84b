"""`nearer emotions`: readable output, JSON Lines contract, vocabulary listing, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app
from nearer.core.emotions import LABELS

runner = CliRunner()


def test_one_text_prints_labels_evidence_and_feeling_words() -> None:
    result = runner.invoke(app, ["emotions", "Thank you so much, nobody noticed but you did!"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Emotions: gratitude")
    assert '"Thank you"' in result.stdout or '"Thank"' in result.stdout
    assert "Feeling words that may fit:" in result.stdout
    assert "overlooked (nobody noticed)" in result.stdout


def test_file_to_jsonl_keeps_order_and_the_contract(tmp_path: Path) -> None:
    lines = ["I love you", "This is so annoying", "I'm scared", "ok see you at 5"]
    source = tmp_path / "texts.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["emotions", "--file", str(source), "--jsonl", "--mode", "accurate"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == lines
    for record in records:
        assert list(record) == ["text", "labels", "scores", "evidence"]
        assert list(record["scores"]) == list(LABELS)
        assert set(record["labels"]) <= set(LABELS) and record["labels"]
        assert set(record["evidence"]) == set(record["labels"])
        for spans in record["evidence"].values():
            for span in spans:
                assert record["text"][span["start"] : span["end"]] == span["text"]
    assert "love" in records[0]["labels"] and "fear" in records[2]["labels"]


def test_file_without_jsonl_prints_line_numbers(tmp_path: Path) -> None:
    source = tmp_path / "texts.txt"
    source.write_text("thanks a lot\nthis is awful\n", encoding="utf-8")
    result = runner.invoke(app, ["emotions", "-f", str(source)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "1: gratitude"
    assert result.stdout.splitlines()[1].startswith("2: ")


def test_single_text_jsonl() -> None:
    result = runner.invoke(app, ["emotions", "so happy today", "--jsonl"])
    assert result.exit_code == 0
    assert "joy" in json.loads(result.stdout)["labels"]


def test_feelings_lists_the_vocabulary_by_quadrant() -> None:
    result = runner.invoke(app, ["emotions", "--feelings"])
    assert result.exit_code == 0
    assert "Low and unpleasant (low_unpleasant)" in result.stdout
    assert "loneliness:" in result.stdout and "overlooked" in result.stdout


def _error(args: list[str]) -> str:
    result = runner.invoke(app, ["emotions", *args])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    return result.stderr.strip()


def test_usage_errors() -> None:
    both = "Error: give either a TEXT or --file F (one text per line), not both or neither."
    assert _error([]) == both
    assert _error(["hi", "--file", "x.txt"]) == both
    assert (
        _error(["hi", "--mode", "slow"])
        == "Error: --mode must be one of fast, accurate, not 'slow'."
    )
    assert _error(["   "]) == "Error: text 0 is empty. Give at least one word to read."
    assert "the limit is 20,000" in _error(["x" * 20_001])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a\n\nb\n", "line 2 of {p} is empty. Remove blank lines or put a text on them."),
        (b"", "{p} has no text in it. Put one text per line."),
        (b"\xff\xfe\x00bad", "{p} is not UTF-8 text. Save it as UTF-8 with one text per line."),
        (b"ok\nbin\x00ary\n", "{p} looks binary (line 2 has a NUL byte). Give a UTF-8 text file."),
        (
            b"a" * 20_001,
            "line 1 of {p} is 20,001 characters long; the limit is 20,000. "
            "Split it over several lines.",
        ),
    ],
)  # fmt: skip
def test_file_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(content)
    assert _error(["--file", str(source), "--jsonl"]) == "Error: " + expected.format(p=source)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert _error(["--file", str(missing)]) == f"Error: {missing} does not exist. Check the path."
    assert _error(["--file", str(tmp_path)]).endswith(
        "is a folder. Give a text file with one text per line."
    )
