"""Optional emotion metrics, from the emotion model when it is installed.

The model (``nearer.core.emotions.classify``) is slow next to the word counts, so it runs on
an even sample of at most ``SAMPLE`` text messages spread over the whole history; weekly
shares are computed over the sampled messages of each week. Without the model the emotion
metrics are simply absent.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nearer.core.chats.model import ChatTable
from nearer.core.errors import ModelError

SAMPLE = 20_000
# GoEmotions labels (Demszky et al. 2020) grouped by valence, as in that paper's sentiment
# grouping; ambiguous labels (surprise, curiosity, confusion, realization) count as emotion
# but neither positive nor negative.
POSITIVE = frozenset(
    [
        "admiration",
        "amusement",
        "approval",
        "caring",
        "desire",
        "excitement",
        "gratitude",
        "joy",
        "love",
        "optimism",
        "pride",
        "relief",
    ]
)
NEGATIVE = frozenset(
    [
        "anger",
        "annoyance",
        "disappointment",
        "disapproval",
        "disgust",
        "embarrassment",
        "fear",
        "grief",
        "nervousness",
        "remorse",
        "sadness",
    ]
)


def load_classifier() -> Callable[[Sequence[str]], Any] | None:
    """The emotion model's ``classify`` if it is there and usable, else None."""
    try:
        module = importlib.import_module("nearer.core.emotions")
    except ImportError:
        return None
    classify = getattr(module, "classify", None)
    return classify if callable(classify) else None


def _labels(result: Any) -> set[str]:
    if isinstance(result, str):
        return {result}
    if isinstance(result, dict):
        if "labels" in result:
            return _labels(result["labels"])
        return {str(k) for k, v in result.items() if v}
    labels = getattr(result, "labels", None)
    if labels is not None:
        return _labels(labels)
    label = getattr(result, "label", None)
    if label is not None:
        return {str(label)}
    if isinstance(result, list | tuple | set | frozenset):
        out: set[str] = set()
        for item in result:
            out |= _labels(item) if not isinstance(item, str) else {item}
        return out
    return set()


def emotion_columns(
    table: ChatTable, classify: Callable[[Sequence[str]], Any], sample: int = SAMPLE
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(classified, has_emotion, positive) per message, or None if the model fails."""
    n = len(table)
    text_rows = np.flatnonzero(~table.media & ~table.deleted & (table.end > table.start))
    if text_rows.size > sample:
        text_rows = text_rows[np.linspace(0, text_rows.size - 1, sample).astype(np.int64)]
    texts = [table.message_text(int(i)) for i in text_rows]
    try:
        results = list(classify(texts))
    except ModelError:
        return None
    if len(results) != len(texts):
        return None
    classified: np.ndarray = np.zeros(n, dtype=bool)
    has: np.ndarray = np.zeros(n, dtype=bool)
    positive: np.ndarray = np.zeros(n, dtype=bool)
    classified[text_rows] = True
    for row, result in zip(text_rows, results, strict=True):
        labels = {label.lower() for label in _labels(result)} - {"neutral"}
        has[row] = bool(labels)
        positive[row] = bool(labels & POSITIVE) and not labels & NEGATIVE
    return classified, has, positive
