"""Optional emotion metrics, from the emotion model (``nearer.core.emotions``) when present.

The model is slow next to the word counts, so it reads an even sample of at most ``SAMPLE``
text messages spread over the whole history; weekly shares are computed over the sampled
messages of each week. Without the model the emotion metrics are simply absent.

A message *expresses an emotion* when the model gives it any GoEmotions label other than
neutral (Demszky et al. 2020); it is *positive* or *negative* by the model's own grouping of
labels (mixed and ambiguous messages are neither).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nearer.core.arrays import Flags
from nearer.core.chats.model import ChatTable
from nearer.core.errors import ModelError

SAMPLE = 5_000  # about 0.1 s of the fast model; enough for weekly shares of a few % error
MAX_CHARS = 5_000

Classifier = Callable[[Sequence[str]], tuple[Flags, Flags, Flags]]
EmotionColumns = tuple[Flags, Flags, Flags, Flags]  # classified, emotional, positive, negative


def load_classifier() -> Classifier | None:
    """(emotional, positive, negative) per text from the emotion model, or None without it."""
    try:
        emotions = importlib.import_module("nearer.core.emotions")
        labels_module = importlib.import_module("nearer.core.emotions.labels")
    except ImportError:
        return None
    label_matrix: Any = getattr(emotions, "label_matrix", None)
    labels: Any = getattr(emotions, "LABELS", None)
    valence: Any = getattr(labels_module, "LABEL_TO_SENTIMENT", None)
    if not callable(label_matrix) or labels is None or valence is None:
        return None
    names = list(labels)
    positive = np.array([valence.get(n) == "positive" for n in names])
    negative = np.array([valence.get(n) == "negative" for n in names])
    emotional = np.array([n != "neutral" for n in names])

    def classify(texts: Sequence[str]) -> tuple[Flags, Flags, Flags]:
        chosen: Flags = np.asarray(label_matrix(list(texts)), dtype=bool)
        pos: Flags = np.any(chosen[:, positive], axis=1, keepdims=False)
        neg: Flags = np.any(chosen[:, negative], axis=1, keepdims=False)
        feeling: Flags = np.any(chosen[:, emotional], axis=1, keepdims=False)
        return feeling, pos & ~neg, neg & ~pos

    return classify


def emotion_columns(
    table: ChatTable, classify: Classifier, sample: int = SAMPLE
) -> EmotionColumns | None:
    """(classified, emotional, positive, negative) per message, or None if the model fails."""
    n = len(table)
    rows = np.flatnonzero(~table.media & ~table.deleted & (table.end > table.start))
    if rows.size > sample:
        rows = rows[np.linspace(0, rows.size - 1, sample).astype(np.int64)]
    # The model refuses texts over 20,000 characters; the start of a long one is enough.
    texts = [table.message_text(int(i))[:MAX_CHARS] for i in rows]
    try:
        emotional, positive, negative = classify(texts)
    except ModelError:
        return None
    out: list[Flags] = [np.zeros(n, dtype=bool) for _ in range(4)]
    out[0][rows] = True
    out[1][rows] = emotional
    out[2][rows] = positive
    out[3][rows] = negative
    return out[0], out[1], out[2], out[3]
