"""The packaged label list and groupings agree with the GoEmotions release files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nearer.core.emotions.labels import (
    EKMAN_GROUPS,
    LABEL_TO_EKMAN,
    LABEL_TO_SENTIMENT,
    LABELS,
    SENTIMENT_GROUPS,
)

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "goemotions"
needs_data = pytest.mark.skipif(
    not (DATA / "emotions.txt").exists(), reason="shared GoEmotions data not beside the repo"
)


def test_28_labels_each_in_one_group() -> None:
    assert len(LABELS) == len(set(LABELS)) == 28
    assert set(LABEL_TO_EKMAN) == set(LABELS) == set(LABEL_TO_SENTIMENT)


@needs_data
def test_labels_match_emotions_txt() -> None:
    assert tuple((DATA / "emotions.txt").read_text(encoding="utf-8").split()) == LABELS


@needs_data
def test_groups_match_the_release_files() -> None:
    ekman = json.loads((DATA / "ekman_mapping.json").read_text(encoding="utf-8"))
    sentiment = json.loads((DATA / "sentiment_dict.json").read_text(encoding="utf-8"))
    assert {k: sorted(v) for k, v in ekman.items()} == {
        k: sorted(v) for k, v in EKMAN_GROUPS.items()
    }
    assert {k: sorted(v) for k, v in sentiment.items()} == {
        k: sorted(v) for k, v in SENTIMENT_GROUPS.items()
    }
