"""`nearer assess`: from a file, interactively (back, skip, quit and resume), and outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app
from nearer.core.assessment.interview import steps
from tests import situations as s

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("NEARER_DATA_DIR", str(folder))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    return folder


def test_answers_file_report_is_specific(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(s.burnout_withdrawal()))
    result = runner.invoke(app, ["assess", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Your partner seems to have pulled away for a few weeks" in out
    assert "stress" in out.lower()
    assert "This week" in out and "Why:" in out
    assert "not a diagnosis" in out
    assert "(United Kingdom" in out or "United Kingdom" in out  # crisis lines from LANG


def test_json_and_html_outputs(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    notes = "private words about last night"
    answers.write_text(json.dumps({**s.pursuer_distancer(), "notes": notes}))
    html = tmp_path / "report.html"
    result = runner.invoke(
        app, ["assess", "--answers", str(answers), "--json", "--html", str(html)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["connection_check"]["readout"]["cycle"]["label"] == "pursue_withdraw"
    assert data["plan"]["this_week"] and data["plan"]["safety_alert"] is False
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "pursue-withdraw" in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]
    assert notes not in page and notes not in result.stdout


def test_safety_alert_report_starts_with_crisis_resources(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps({**s.burnout_withdrawal(), "screeners": {"safety": s.safety(positive=True)}})
    )
    result = runner.invoke(app, ["assess", "--answers", str(answers), "--country", "US"])
    assert result.exit_code == 0, result.output
    first = result.stdout.strip().splitlines()[0:3]
    assert any("Your safety comes first" in line for line in first)
    assert "Left out for now, for your safety" in result.stdout


def test_bad_answers_file_is_one_line(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    bad = s.burnout_withdrawal()
    bad["c2.self"] = "often"
    answers.write_text(json.dumps(bad))
    result = runner.invoke(app, ["assess", "--answers", str(answers)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: connection-check item 'c2.self': 'often' is not allowed; give an integer "
        "from 0 to 4."
    )


def test_interactive_back_skip_quit_and_resume(data_dir: Path) -> None:
    # Answer, go back and change an answer, skip a partner item, quit.
    result = runner.invoke(app, ["assess"], input="3\n1\nb\n4\n2\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert "Saved." in result.stdout
    saved = json.loads((data_dir / "assess-progress.json").read_text())
    assert saved["state"] == {"c1.self": 3, "c1.partner": 4, "c2.self": 2, "c2.partner": None}
    assert saved["position"] == 4
    # Resume, then answer everything else with a middle value; Enter skips the checklist.
    total = len(steps(saved["state"]))
    remaining = []
    for step in steps(saved["state"])[4:]:
        if step.kind == "checklist" or step.kind == "text":
            remaining.append("")
        elif step.id.startswith("safety."):
            remaining.append("0")
        else:
            remaining.append("2" if isinstance(step.choices[0].value, int) else "1")
    result = runner.invoke(app, ["assess", "--json"], input="y\n" + "\n".join(remaining) + "\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{\n") :])
    answers = data["connection_check"]["answers"]
    assert answers["c1.partner"] == 4 and answers["c2.self"] == 2
    assert "c2.partner" not in answers  # skipped: "I can't tell"
    assert not (data_dir / "assess-progress.json").exists()
    assert total > 60


def test_invalid_key_is_asked_again() -> None:
    result = runner.invoke(app, ["assess"], input="9\nx\nq\n")
    assert result.exit_code == 0
    assert result.stdout.count("Please type one of the numbers shown") == 2


def test_examples_all_score(tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.json")):
        result = runner.invoke(app, ["assess", "--answers", str(example), "--json"])
        assert result.exit_code == 0, (example, result.output)


def test_interactive_check_reads_the_note_back_and_asks_to_confirm(data_dir: Path) -> None:
    note = "Our son is three months old and she refuses to see a counsellor."
    state: dict[str, object] = {}
    keys: list[str] = []
    position = 0
    while position < len(steps(state)):
        step = steps(state)[position]
        if step.kind == "checklist":
            keys.append("")
            state[step.id] = []
        elif step.kind == "text":
            keys.append(note)
            state[step.id] = note
        elif step.id == "confirm.baby":
            keys.append("1")  # yes, that's right
            state[step.id] = "yes"
        elif step.id == "confirm.help_together":
            keys.append("2")  # no, that's not right
            state[step.id] = "no"
        elif step.optional and not isinstance(step.choices[0].value, int):
            keys.append("s")
            state[step.id] = None
        elif step.id.startswith("safety."):
            keys.append("0")
            state[step.id] = 0
        else:
            keys.append("2" if isinstance(step.choices[0].value, int) else "1")
            state[step.id] = step.choices[2 if isinstance(step.choices[0].value, int) else 0].value
        position += 1
    result = runner.invoke(app, ["assess", "--json"], input="\n".join(keys) + "\n")
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())  # Rich wraps long questions
    assert 'From your note ("Our son is three months old and she refuses to see a counsellor")' in (
        shown
    )
    assert "Yes, three to twelve months ago. Is that right?" in shown
    data = json.loads(result.stdout[result.stdout.index("{\n") :])
    check = data["connection_check"]
    assert check["answers"]["baby"] == "3to12m"
    assert "help_together" not in check["answers"]
    assert [c["id"] for c in check["circumstances"]] == ["new_baby"]
    assert note not in result.stdout[result.stdout.index("{\n") :]
