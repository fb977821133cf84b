"""Answers files written for the earlier check still load, unchanged, with the same read-out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nearer.core.assessment import assess

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*.json"))
OLD = Path(__file__).resolve().parent / "old_answers"


@pytest.mark.parametrize("path", [*EXAMPLES, *sorted(OLD.glob("*.json"))], ids=lambda p: p.name)
def test_old_answers_files_load_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    result = assess(data)
    assert result.plan.this_week
    assert path.read_text(encoding="utf-8") == text  # nothing rewrites the file
    # None of the new circumstance questions is needed, and none is invented.
    for question in ("baby", "apart", "help_together", "crunch_ends"):
        assert question not in data
        if not data.get("notes"):
            assert question not in result.check.answers


def test_there_are_old_files_to_check() -> None:
    assert len(EXAMPLES) >= 6 and len(list(OLD.glob("*.json"))) >= 1
