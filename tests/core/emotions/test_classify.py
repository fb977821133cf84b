"""classify, the bulk paths and the evidence spans, on the shipped models."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nearer.core.emotions import (
    LABELS,
    MODES,
    classify,
    label_matrix,
    score_matrix,
    sentiment_counts,
)
from nearer.core.emotions.classify import BATCH, MAX_TEXT_CHARS, sentiment_of
from nearer.core.errors import ModelError

EXAMPLES = [
    ("Thank you so much for helping me today!", "gratitude"),
    ("I love you more than anything.", "love"),
    ("lol that was hilarious", "amusement"),
    ("I'm so scared something bad will happen.", "fear"),
    ("That is absolutely disgusting.", "disgust"),
    ("I'm sorry, it was my fault and I regret it.", "remorse"),
    ("Why did you do that? I don't understand.", "confusion"),
    ("I miss my dad so much, he passed away last year.", "sadness"),
    ("The meeting is at 3pm in room 4.", "neutral"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "label"), EXAMPLES)
def test_representative_sentences_get_sensible_labels(mode: str, text: str, label: str) -> None:
    result = classify([text], mode=mode)[0]
    assert label in result.labels, (result.labels, result.scores)
    assert result.scores[label] >= 0.5


@pytest.mark.parametrize("mode", MODES)
def test_result_shape_order_and_evidence(mode: str) -> None:
    texts = [text for text, _ in EXAMPLES]
    results = classify(texts, mode=mode)
    assert [r.text for r in results] == texts
    for result in results:
        assert list(result.scores) == list(LABELS)
        assert result.labels and set(result.labels) <= set(LABELS)
        assert set(result.evidence) == set(result.labels)
        ordered = [result.scores[label] for label in result.labels]
        assert ordered == sorted(ordered, reverse=True)
        for spans in result.evidence.values():
            for span in spans:
                assert result.text[span.start : span.end] == span.text == str(span)
                assert 0 < span.weight <= 1


def test_evidence_points_at_the_driving_words() -> None:
    result = classify(["Thank you so much, I really appreciate it"])[0]
    words = " ".join(span.text.lower() for span in result.evidence["gratitude"])
    assert "thank" in words or "appreciate" in words
    amused = classify(["hahaha that is hilarious"], mode="accurate")[0]
    assert any("hilarious" in s.text or "haha" in s.text for s in amused.evidence["amusement"])


def test_evidence_can_be_skipped_and_json_has_the_contract_keys() -> None:
    result = classify(["I am so angry right now"], evidence=False)[0]
    assert result.evidence == {}
    record = classify(["I am so angry right now"])[0].to_json()
    assert list(record) == ["text", "labels", "scores", "evidence"]
    assert list(record["scores"]) == list(LABELS)


def test_batches_keep_order_and_match_one_by_one() -> None:
    texts = [f"message {i}: {'thanks!' if i % 3 else 'this sucks'}" for i in range(BATCH + 5)]
    together = classify(texts, evidence=False)
    assert [r.text for r in together] == texts
    for i in (0, 1, BATCH, BATCH + 4):
        assert classify([texts[i]], evidence=False)[0].labels == together[i].labels


def test_bulk_paths_agree_with_classify_and_allow_empty_texts() -> None:
    texts = ["thank you!", "I hate this", "", "ok", "I'm scared and sad"]
    matrix = label_matrix(texts)
    assert matrix.shape == (5, 28) and matrix.any(axis=1).all()
    for i in (0, 1, 3, 4):
        assert tuple(LABELS[j] for j in matrix[i].nonzero()[0]) == tuple(
            sorted(classify([texts[i]])[0].labels, key=LABELS.index)
        )
    counts = sentiment_counts(texts)
    assert counts.total == 5
    assert counts.positive + counts.negative + counts.mixed + counts.ambiguous + counts.neutral == 5
    assert counts.positive >= 1 and counts.negative >= 2
    assert score_matrix([]).shape == (0, 28)


def test_sentiment_of_labels() -> None:
    assert sentiment_of(["joy", "neutral"]) == "positive"
    assert sentiment_of(["joy", "anger"]) == "mixed"
    assert sentiment_of(["surprise"]) == "ambiguous"
    assert sentiment_of(["neutral"]) == "neutral"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("just a string", "expected a list of texts, got str"),
        (b"bytes", "expected a list of texts, got bytes"),
        (42, "expected a list of texts, got int"),
        (["fine", b"bytes"], "text 1 is bytes, not text"),
        (["fine", None], "text 1 is NoneType, not text"),
        (["fine", "   "], "text 1 is empty"),
        (["x" * (MAX_TEXT_CHARS + 1)], "the limit is 20,000"),
    ],
)
def test_bad_input_is_a_clear_model_error(bad: object, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        classify(bad)  # type: ignore[arg-type]


def test_no_texts_is_no_results() -> None:
    assert classify([]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=1, max_size=200).filter(str.strip), min_size=1, max_size=4))
def test_any_text_gives_valid_scores_and_substring_evidence(texts: list[str]) -> None:
    for result in classify(texts, mode="accurate"):
        assert all(0.0 <= v <= 1.0 for v in result.scores.values())
        assert result.labels
        for spans in result.evidence.values():
            for span in spans:
                assert result.text[span.start : span.end] == span.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("abc xyz’'!?.😊AaBb\n"), max_size=60))
def test_bulk_features_are_the_explained_features(text: str) -> None:
    """The fast path of ``transform`` finds exactly the features ``feature_ids`` explains."""
    from nearer.core.emotions.features import tokenize
    from nearer.core.emotions.model import load_model

    featurizer = load_model("fast").featurizer
    explained = featurizer.feature_ids(tokenize(text))[0]
    assert sorted(featurizer._ids(text)) == sorted(explained)
