"""suggest_feelings: named feelings, cue phrases and classifier labels, with evidence."""

from __future__ import annotations

import pytest

from nearer.core.emotions import suggest_feelings
from nearer.core.emotions.feelings import FEELINGS
from nearer.core.emotions.suggest import EMOTION, NAMED, PHRASE, _cues
from nearer.core.errors import ModelError


def words(text: str) -> list[str]:
    return [s.feeling.word for s in suggest_feelings(text)]


def test_nobody_noticed_suggests_overlooked_and_lonely() -> None:
    found = suggest_feelings("I spent all day fixing the house and nobody noticed.")
    by_word = {s.feeling.word: s for s in found}
    assert {"overlooked", "lonely"} <= set(by_word)
    for word in ("overlooked", "lonely"):
        assert by_word[word].source == PHRASE
        assert [e.text for e in by_word[word].evidence] == ["nobody noticed"]


def test_a_named_feeling_comes_first_unless_negated() -> None:
    assert words("Honestly I just feel numb lately.")[0] == "numb"
    found = suggest_feelings("I am not lonely, just busy.")
    assert all(not (s.feeling.word == "lonely" and s.source == NAMED) for s in found)


def test_detachment_phrases() -> None:
    assert "shut out" in words("He shut me out again when I tried to talk.")
    assert "disconnected" in words("We live like roommates now.")
    assert "drained" in words("I'm running on empty after this week.")
    assert "resigned" in words("What's the point of even asking anymore.")


def test_classifier_labels_become_feeling_words_with_evidence() -> None:
    found = suggest_feelings("Thank you so much for the flowers!")
    grateful = next(s for s in found if s.feeling.word == "grateful")
    assert grateful.source == EMOTION and grateful.label == "gratitude"
    text = "Thank you so much for the flowers!"
    assert all(text[e.start : e.end] == e.text for e in grateful.evidence)


def test_every_suggestion_is_a_vocabulary_word_with_substring_evidence() -> None:
    text = "Nobody noticed. I feel invisible, so tired of trying, and kind of hopeless."
    found = suggest_feelings(text, limit=10)
    assert 1 <= len(found) <= 10
    assert len({s.feeling.word for s in found}) == len(found)
    assert all(s.feeling in FEELINGS for s in found)
    for s in found:
        assert all(text[e.start : e.end] == e.text for e in s.evidence)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)


def test_cues_compile_and_point_into_the_vocabulary() -> None:
    cues = _cues()
    assert len(cues) >= 25
    assert all(c.feelings for c in cues)


def test_empty_and_non_text_are_clear_errors() -> None:
    with pytest.raises(ModelError, match="empty"):
        suggest_feelings("  ")
    with pytest.raises(ModelError, match="not text"):
        suggest_feelings(3)  # type: ignore[arg-type]
