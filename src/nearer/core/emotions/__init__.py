"""Emotion recognition (a packaged GoEmotions classifier) and nearer's feelings vocabulary.

    classify(texts, mode="fast", evidence=True) -> list[EmotionResult]
    label_matrix(texts) / sentiment_counts(texts)   bulk paths without evidence
    suggest_feelings(text) -> list[FeelingSuggestion]
    feelings.FEELINGS, feelings.quadrants(), feelings.feeling(word)

Importing this package loads no model; the first call does (well under a second). The
feeling suggestions load on first use: the chat analysis needs only the classifier, not
the feelings vocabulary (about 15 ms of every ``nearer analyze``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nearer.core.emotions.classify import (
    EmotionResult,
    Evidence,
    SentimentCounts,
    classify,
    label_matrix,
    score_matrix,
    sentiment_counts,
)
from nearer.core.emotions.labels import LABELS
from nearer.core.emotions.model import MODES

if TYPE_CHECKING:
    from nearer.core.emotions.suggest import FeelingSuggestion, suggest_feelings

__all__ = [
    "LABELS",
    "MODES",
    "EmotionResult",
    "Evidence",
    "FeelingSuggestion",
    "SentimentCounts",
    "classify",
    "label_matrix",
    "score_matrix",
    "sentiment_counts",
    "suggest_feelings",
]

_LAZY = {"FeelingSuggestion", "suggest_feelings"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from nearer.core.emotions import suggest

        return getattr(suggest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
