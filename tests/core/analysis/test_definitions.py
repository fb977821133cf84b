"""One definition per metric and per pattern, used everywhere the metrics are listed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nearer.core.analysis.definitions import BY_ID, METRICS, PATTERNS, metric
from nearer.core.knowledge import PATTERNS as KNOWLEDGE_PATTERNS
from tests.core.analysis.test_golden import report_of

SRC = Path(__file__).resolve().parents[3] / "src" / "nearer"
# "lsm" and "messages" are also JSON keys of their own (the couple's value, the counts).
IDS = set(BY_ID) - {"lsm", "messages"}


def _metric_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in IDS
    }


def test_no_module_but_the_definitions_spells_out_the_metric_list() -> None:
    # Modules may name the few metrics they compute or test specially, never the list.
    allowed = {
        "core/analysis/metrics.py": 10,  # computes each metric (rates per 100 by category)
        "core/analysis/signals.py": 1,  # initiated_share is mirrored
    }
    for path in [*sorted((SRC / "core" / "analysis").glob("*.py")), SRC / "cli" / "analyze.py"]:
        name = str(path.relative_to(SRC))
        if name == "core/analysis/definitions.py":
            continue
        found = _metric_literals(path)
        assert len(found) <= allowed.get(name, 0), (name, sorted(found))


def test_every_metric_is_fully_defined() -> None:
    for m in METRICS:
        assert m.label and m.title and m.phrases[0] != m.phrases[1], m.id
        assert all("{p}" in s or m.couple or "your" in s for s in m.sentences), m.id
        assert m.value(None) == "-"
        assert m.value(0.5) != "0.5" or (m.number_format == "decimal" and not m.unit), m.id
    assert metric("reply_minutes_median").value(150) == "2.5 hours"
    assert metric("messages").value(1234) == "1,234 messages"
    assert metric("we_share").value(0.35) == "35 %"
    assert metric("questions_per_100").span(24.5, 2.7) == "24.5 to 2.7 per 100 messages"
    assert metric("messages").span(84, 34) == "84 to 34 a week"


def test_the_report_lists_exactly_the_defined_person_metrics() -> None:
    data = report_of("pursue-withdraw")
    expected = [m.id for m in METRICS if not m.couple and not m.emotion]
    assert list(data["metrics"]) == expected
    assert [k for k in data["totals"][0] if k != "person"] == expected
    assert data["metrics"] == {m: BY_ID[m].label for m in expected}


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_pattern_ids_are_the_knowledge_base_ones(pattern: object) -> None:
    knowledge = pattern.knowledge
    assert knowledge is None or knowledge in KNOWLEDGE_PATTERNS


def test_json_pattern_names_are_kept() -> None:
    assert {p.id for p in PATTERNS} >= {"pursue-withdraw", "mutual-drift", "stable"}
    assert {p.id: p.knowledge for p in PATTERNS}["pursue-withdraw"] == "pursue_withdraw"
    assert {p.id: p.knowledge for p in PATTERNS}["mutual-drift"] == "mutual"
