"""The feelings vocabulary: size, axes, quadrants, lookup, and the GoEmotions mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.core.emotions.feelings import (
    FEELINGS,
    GOEMOTIONS_TO_FEELINGS,
    QUADRANT_IDS,
    Feeling,
    feeling,
    feelings_for_label,
    quadrant,
    quadrant_of,
    quadrants,
)
from nearer.core.emotions.labels import LABELS
from nearer.core.errors import NearerError, UnknownTopic

GOEMOTIONS_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "goemotions"
GOEMOTIONS_LABELS = list(LABELS)


def test_at_least_80_distinct_words_with_meanings() -> None:
    assert len(FEELINGS) >= 80
    assert len({f.word for f in FEELINGS}) == len(FEELINGS)
    for item in FEELINGS:
        assert item.meaning.strip() and "\n" not in item.meaning
        assert item.meaning[0].isupper() and item.meaning.endswith(".")


def test_axes_are_in_range_and_match_the_quadrant() -> None:
    for item in FEELINGS:
        assert -5 <= item.pleasantness <= 5 and item.pleasantness != 0
        assert -5 <= item.energy <= 5 and item.energy != 0
        assert item.quadrant == quadrant_of(item.pleasantness, item.energy)


def test_quadrants_partition_the_vocabulary() -> None:
    found = quadrants()
    assert tuple(q.id for q in found) == QUADRANT_IDS
    assert sum(len(q.feelings) for q in found) == len(FEELINGS)
    for q in found:
        assert q.name and q.description
        assert len(q.feelings) >= 15, q.id
        assert all(f.quadrant == q.id for f in q.feelings)
        # Every family lives in one quadrant, so quadrant -> family -> word is a tree.
        words = [f for _, group in q.families() for f in group]
        assert sorted(f.word for f in words) == sorted(f.word for f in q.feelings)


def test_families_do_not_cross_quadrants() -> None:
    homes: dict[str, set[str]] = {}
    for item in FEELINGS:
        homes.setdefault(item.family, set()).add(item.quadrant)
    assert all(len(v) == 1 for v in homes.values()), homes


@pytest.mark.parametrize(
    "word",
    [
        "numb", "flat", "overlooked", "lonely", "shut out", "unseen", "drained", "guarded",
        "resigned", "disconnected", "distant", "withdrawn", "empty", "unheard", "left out",
    ],
)  # fmt: skip
def test_words_a_detached_partner_needs_are_there(word: str) -> None:
    assert feeling(word).pleasantness < 0


def test_literal_positions() -> None:
    assert feeling("excited").quadrant == "high_pleasant"
    assert feeling("furious") == Feeling(
        "furious", "Anger at full strength, hard to contain.", -5, 5, "high_unpleasant", "anger"
    )
    assert feeling("numb").quadrant == "low_unpleasant"
    assert feeling("calm").quadrant == "low_pleasant"


def test_lookup_ignores_case_hyphens_and_underscores() -> None:
    assert feeling("Shut_Out").word == "shut out"
    assert feeling("  SELF conscious ").word == "self-conscious"
    assert feeling("clear_headed").word == "clear-headed"


def test_unknown_word_raises_with_a_hint() -> None:
    with pytest.raises(UnknownTopic, match="Did you mean 'lonely'"):
        feeling("lonley")
    with pytest.raises(NearerError, match="not in nearer's feelings vocabulary"):
        feeling("xyzzy")


def test_unknown_quadrant_and_label() -> None:
    with pytest.raises(UnknownTopic, match="high_pleasant"):
        quadrant("purple")
    with pytest.raises(UnknownTopic, match="GoEmotions"):
        feelings_for_label("happiness")


def test_every_goemotions_label_maps_into_the_vocabulary() -> None:
    assert sorted(GOEMOTIONS_TO_FEELINGS) == sorted(GOEMOTIONS_LABELS)
    for label, words in GOEMOTIONS_TO_FEELINGS.items():
        assert words, label
        assert [f.word for f in feelings_for_label(label)] == list(words)


def test_label_list_matches_the_data_set_file() -> None:
    path = GOEMOTIONS_DIR / "emotions.txt"
    if path.exists():  # the shared data sits beside the repository on the dev machine
        assert path.read_text(encoding="utf-8").split() == GOEMOTIONS_LABELS


def test_mapping_follows_the_sentiment_of_the_label() -> None:
    positive = {"joy", "love", "gratitude", "pride", "relief", "excitement", "amusement"}
    negative = {"anger", "fear", "sadness", "grief", "disgust", "remorse", "nervousness"}
    for label in positive:
        assert all(f.pleasantness > 0 for f in feelings_for_label(label)), label
    for label in negative:
        assert all(f.pleasantness < 0 for f in feelings_for_label(label)), label


@given(st.integers(-5, 5).filter(bool), st.integers(-5, 5).filter(bool))
def test_quadrant_of_follows_the_signs(pleasantness: int, energy: int) -> None:
    qid = quadrant_of(pleasantness, energy)
    assert qid in QUADRANT_IDS
    assert qid.startswith("high") == (energy > 0)
    assert qid.endswith("_pleasant") == (pleasantness > 0)


@given(st.text(max_size=30))
def test_lookup_never_crashes_with_anything_but_unknown_topic(word: str) -> None:
    try:
        found = feeling(word)
    except UnknownTopic:
        return
    assert found in FEELINGS
