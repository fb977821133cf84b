"""The JSON contract, pinned: fixed synthetic chats must give exactly these reports.

Regenerate a golden file only when a change to the contract is intended (and say so in the
CHANGELOG): ``NEARER_REGENERATE_GOLDEN=1 pytest tests/core/analysis/test_golden.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable

GOLDEN = Path(__file__).parent / "golden"
# Keys added to the contract since the golden files were written (issue 11): the language
# note and the grouped headlines with their next steps. Every other key keeps its value.
ADDED = {"language", "headlines"}
CASES: dict[str, tuple[str, int, Settings]] = {
    "pursue-withdraw": ("pursue-withdraw", 36, Settings(me="Ben", emotions=False)),
    "mutual-drift-redacted": ("mutual-drift", 40, Settings(redact=True, emotions=True)),
    "stable": ("stable", 30, Settings(emotions=False, recent_weeks=6, baseline_weeks=20)),
    "short": ("stable", 6, Settings(emotions=False)),
}


def report_of(case: str) -> dict[str, Any]:
    pattern, weeks, settings = CASES[case]
    table = ChatTable.from_messages("whatsapp", synthetic_couple(pattern, weeks=weeks, seed=2))
    # Through JSON, as every reader of the contract sees it (tuples become lists).
    data: dict[str, Any] = json.loads(json.dumps(run(table, settings).data, allow_nan=False))
    return data


@pytest.mark.parametrize("case", sorted(CASES))
def test_report_matches_the_golden_json(case: str) -> None:
    path = GOLDEN / f"{case}.json"
    data = report_of(case)
    if os.environ.get("NEARER_REGENERATE_GOLDEN"):
        kept = {k: v for k, v in data.items() if k not in ADDED}
        path.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) - set(golden) == ADDED
    assert {k: v for k, v in data.items() if k not in ADDED} == golden
