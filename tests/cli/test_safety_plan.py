"""nearer safety-plan: edit section by section, read back, show, --json, --html, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nearer.cli.main import app

runner = CliRunner()


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEARER_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    return tmp_path


def _saved(data: Path) -> dict[str, object]:
    return json.loads((data / "safety-plan.json").read_text(encoding="utf-8"))


def test_interactive_edit_saves_each_section_and_reads_back(data: Path) -> None:
    typed = "I stop sleeping\nI cancel plans\n\nwalk the dog\n\nq\n"
    result = runner.invoke(app, ["safety-plan", "--country", "GB"], input=typed)
    assert result.exit_code == 0, result.output
    saved = _saved(data)
    assert saved["format"] == "nearer-safety-plan"
    sections = saved["sections"]
    assert isinstance(sections, dict)
    assert sections["warning_signs"] == ["I stop sleeping", "I cancel plans"]
    assert sections["coping_alone"] == ["walk the dog"]
    assert sections["professionals"][0] == "Emergency (United Kingdom): 999 (112 also works)"
    shown = runner.invoke(app, ["safety-plan", "--show"])
    assert shown.exit_code == 0
    assert "• I cancel plans" in shown.output
    assert "In immediate danger in United Kingdom: call 999" in shown.output


def test_enter_keeps_and_c_clears(data: Path) -> None:
    runner.invoke(app, ["safety-plan", "--country", "IE"], input="tired\n\nq\n")
    runner.invoke(app, ["safety-plan"], input="\nc\nq\n")
    sections = _saved(data)["sections"]
    assert isinstance(sections, dict)
    assert sections["warning_signs"] == ["tired"]
    assert sections["coping_alone"] == []


def test_a_too_long_line_is_refused_and_asked_again(data: Path) -> None:
    typed = "x" * 301 + "\n\nshort\n\nq\n"
    result = runner.invoke(app, ["safety-plan", "--country", "GB"], input=typed)
    assert result.exit_code == 0
    assert "characters long" in result.output
    sections = _saved(data)["sections"]
    assert isinstance(sections, dict)
    assert sections["warning_signs"] == ["short"]


def test_json_and_html(data: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["safety-plan", "--country", "NZ"], input="<b>tired</b>\n\nq\n")
    printed = runner.invoke(app, ["safety-plan", "--json"])
    assert json.loads(printed.output)["sections"]["warning_signs"] == ["<b>tired</b>"]
    page = tmp_path / "plan.html"
    made = runner.invoke(app, ["safety-plan", "--html", str(page)])
    assert made.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;tired&lt;/b&gt;" in html and "<b>tired" not in html
    assert "@media print" in html and "<script" not in html
    assert "Emergency: 111" in html


def test_errors_are_one_line_and_exit_2(data: Path, tmp_path: Path) -> None:
    both = runner.invoke(app, ["safety-plan", "--show", "--json"])
    assert both.exit_code == 2
    assert both.stderr.strip() == "Error: use one of --show, --json or --html at a time."
    unknown = runner.invoke(app, ["safety-plan", "--country", "Atlantis", "--show"])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("Error: nearer has no crisis lines for 'Atlantis'.")
    (data / "safety-plan.json").write_text('{"sections": {"hobbies": []}}', encoding="utf-8")
    broken = runner.invoke(app, ["safety-plan", "--show"])
    assert broken.exit_code == 2
    assert broken.stderr.count("\n") == 1
    assert "'hobbies' is not a part of the safety plan" in broken.stderr
    (data / "safety-plan.json").unlink()
    folder = runner.invoke(app, ["safety-plan", "--html", str(tmp_path)])
    assert folder.exit_code == 2
    assert folder.stderr.startswith("Error: cannot write")


def _report(tmp_path: Path, **extra: object) -> str:
    answers = json.loads(Path("examples/safety-concern.json").read_text(encoding="utf-8"))
    answers.update(extra)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = runner.invoke(app, ["assess", "--answers", str(path), "--country", "GB"])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_report_leads_with_domestic_abuse_services_on_partner_harm(
    data: Path, tmp_path: Path
) -> None:
    text = _report(tmp_path, notes="I'm afraid of him")
    assert "Your safety comes first" in text
    assert text.index("National Domestic Abuse Helpline") < text.index("Samaritans")
    assert "(Domestic abuse)" in text
    assert "Your partner may be able to read this device." in text
    assert text.index("Samaritans") < text.index("In immediate danger in United Kingdom")


def test_report_leads_with_crisis_lines_on_self_harm_and_offers_the_plan(
    data: Path, tmp_path: Path
) -> None:
    answers = {"screeners": {"phq2": {"1": 0, "2": 0}}, "notes": "I want to kill myself"}
    text = _report(tmp_path, **answers)
    assert "You matter. Help is there right now." in text
    assert text.index("Samaritans") < text.index("National Domestic Abuse Helpline")
    assert "nearer safety-plan" in text
