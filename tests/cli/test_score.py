"""`nearer score` and `nearer instruments`: output, JSON contract and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app

runner = CliRunner()


def write(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_score_phq9_json_contract(tmp_path: Path) -> None:
    answers = write(tmp_path, {str(i): 1 for i in range(1, 10)})
    result = runner.invoke(app, ["score", "phq9", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["instrument"] == "phq9"
    assert data["total"] == 9 and data["severity"] == "mild"
    assert data["positive_screen"] is False and data["safety_alert"] is True
    assert "diagnos" in data["interpretation"].lower()


def test_score_auditc_uses_sex_specific_cutoffs(tmp_path: Path) -> None:
    for sex, positive in (("female", True), ("male", False)):
        answers = write(tmp_path, {"1": 1, "2": 1, "3": 1, "sex": sex})
        result = runner.invoke(app, ["score", "auditc", "--answers", str(answers), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["positive_screen"] is positive


def test_score_readable_output(tmp_path: Path) -> None:
    answers = write(tmp_path, {"1": 3, "2": 3, "3": 2, "4": 2, "5": 2, "6": 1, "7": 1})
    result = runner.invoke(app, ["score", "GAD-7", "--answers", str(answers)])
    assert result.exit_code == 0
    assert "14 of 21, moderate" in result.stdout


@pytest.mark.parametrize(
    ("args", "content", "expected"),
    [
        (["score", "phq10"], {}, "Error: unknown instrument 'phq10'; choose one of phq9, phq2"),
        (
            ["score", "phq9"],
            {"1": 1},
            "Error: phq9 item '2' is missing; give an integer from 0 to 3.",
        ),
        (
            ["score", "phq9"],
            {**{str(i): 0 for i in range(1, 10)}, "4": 5},
            "Error: phq9 item '4': 5 is not allowed; give an integer from 0 to 3.",
        ),
        (["score", "phq9"], "{not json", "is not valid JSON (line 1, column 2"),
        (
            ["score", "auditc"],
            {"1": 1, "2": 1, "3": 1, "sex": "x"},
            "Error: auditc item 'sex': 'x' is not allowed; give one of 'female', 'male'.",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, args: list[str], content: object, expected: str
) -> None:
    answers = write(tmp_path, content)
    result = runner.invoke(app, [*args, "--answers", str(answers)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "phq9", "--answers", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_instruments_json_lists_every_item_with_allowed_values() -> None:
    result = runner.invoke(app, ["instruments", "--json"])
    assert result.exit_code == 0
    data = {i["id"]: i for i in json.loads(result.stdout)}
    assert set(data) == {
        "connection-check",
        "phq9",
        "phq2",
        "gad7",
        "gad2",
        "pcptsd5",
        "auditc",
        "epds",
        "safety",
    }
    phq9 = data["phq9"]
    assert [i["id"] for i in phq9["items"]] == [str(n) for n in range(1, 10)]
    assert phq9["items"][8]["values"] == [0, 1, 2, 3]
    assert phq9["source"] and phq9["permission"]
    assert data["pcptsd5"]["items"][0]["id"] == "exposure"
    check_ids = [i["id"] for i in data["connection-check"]["items"]]
    assert "c1.self" in check_ids and "duration" in check_ids


def test_score_asks_interactively_with_back_and_shows_crisis_lines_on_item9() -> None:
    keys = "1\n2\nb\n3\n" + "0\n" * 6 + "1\n"
    result = runner.invoke(app, ["score", "phq9", "--json"], input=keys, env={"LANG": "en_NZ"})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{\n") :])
    assert data["total"] == 1 + 3 + 1 and data["safety_alert"] is True
    readable = runner.invoke(app, ["score", "phq9"], input=keys, env={"LANG": "en_NZ"})
    assert "Emergency (New Zealand): 111" in readable.stdout


def test_pcptsd5_interactive_skips_the_items_after_no_exposure() -> None:
    result = runner.invoke(app, ["score", "pcptsd5", "--json"], input="0\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{\n") :])
    assert data["total"] == 0 and data["severity"] == "negative"
    assert "2/6" not in result.stdout


def test_quitting_an_interactive_screener_scores_nothing() -> None:
    result = runner.invoke(app, ["score", "gad7", "--json"], input="1\nq\n")
    assert result.exit_code == 0
    assert "Stopped; nothing was saved." in result.stdout and "{" not in result.stdout
