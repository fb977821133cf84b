"""`nearer learn` browses the knowledge base; `nearer compare` shows perception gaps."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nearer.cli.main import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_learn_lists_topics_then_entries_then_one_entry() -> None:
    topics = runner.invoke(app, ["learn"])
    assert topics.exit_code == 0
    for topic in ("signs", "factors", "strategies", "crisis", "myths", "faq"):
        assert topic in topics.stdout
    strategies = runner.invoke(app, ["learn", "strategies"])
    assert strategies.exit_code == 0 and "Open one with" in strategies.stdout
    entry = runner.invoke(app, ["learn", "stress_burnout"])
    assert entry.exit_code == 0, entry.output
    assert "What helps" in entry.stdout and "Sources" in entry.stdout


def test_learn_crisis_by_country() -> None:
    result = runner.invoke(app, ["learn", "crisis", "--country", "UK"])
    assert result.exit_code == 0
    assert "United Kingdom" in result.stdout and "999" in result.stdout


def test_learn_unknown_topic_suggests() -> None:
    result = runner.invoke(app, ["learn", "zzzz-nothing"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Nothing in the knowledge base matches")
    assert len(result.stderr.strip().splitlines()) == 1


def test_compare_two_partners() -> None:
    a, b = EXAMPLES / "pursuer-distancer.json", EXAMPLES / "pursuer-distancer-partner.json"
    result = runner.invoke(app, ["compare", str(a), str(b), "--names", "Sam,Alex"])
    assert result.exit_code == 0, result.output
    assert "Sam on self" in result.stdout and "Alex on Sam" in result.stdout
    assert "Sam sees Sam reaching and Alex pulling back." in result.stdout
    as_json = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    data = json.loads(as_json.stdout)
    assert data["names"] == ["Partner A", "Partner B"]
    assert any(g["notable"] for g in data["gaps"])


def test_compare_reads_assess_json_output(tmp_path: Path) -> None:
    out = runner.invoke(app, ["assess", "--answers", str(EXAMPLES / "mutual-drift.json"), "--json"])
    saved = tmp_path / "a.json"
    saved.write_text(out.stdout)
    result = runner.invoke(app, ["compare", str(saved), str(EXAMPLES / "healthy-boundary.json")])
    assert result.exit_code == 0, result.output


def test_compare_bad_names_and_bad_file(tmp_path: Path) -> None:
    a = EXAMPLES / "mutual-drift.json"
    result = runner.invoke(app, ["compare", str(a), str(a), "--names", "OnlyOne"])
    assert result.exit_code == 2 and "--names takes two names" in result.stderr
    broken = tmp_path / "b.json"
    broken.write_text("[1, 2]")
    result = runner.invoke(app, ["compare", str(a), str(broken)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
