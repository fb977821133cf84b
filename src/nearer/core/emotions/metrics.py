"""F1 figures for multi-label emotion output: over the 28 labels and over the paper's groups.

Group figures follow Demszky et al., 2020: a text belongs to a group (an Ekman emotion, or
positive / negative / ambiguous) when any of its labels is in the group; neutral stays its
own group. Macro-F1 is the unweighted mean of per-class F1.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from nearer.core.emotions.labels import EKMAN_GROUPS, LABELS, NEUTRAL, SENTIMENT_GROUPS

GROUPINGS = {"ekman": EKMAN_GROUPS, "sentiment": SENTIMENT_GROUPS}


def per_class_f1(truth: NDArray[np.bool_], predicted: NDArray[np.bool_]) -> NDArray[np.float64]:
    """F1 of each column; a class never true nor predicted scores 0."""
    tp = (truth & predicted).sum(axis=0)
    fp = (~truth & predicted).sum(axis=0)
    fn = (truth & ~predicted).sum(axis=0)
    return np.asarray(2 * tp / np.maximum(2 * tp + fp + fn, 1), dtype=np.float64)


def macro_f1(truth: NDArray[np.bool_], predicted: NDArray[np.bool_]) -> float:
    return float(per_class_f1(truth, predicted).mean())


def to_groups(labels: NDArray[np.bool_], grouping: str) -> NDArray[np.bool_]:
    """Collapse a (texts x 28) label matrix to (texts x groups), neutral last."""
    groups = GROUPINGS[grouping]
    columns = [
        labels[:, [LABELS.index(name) for name in members]].any(axis=1)
        for members in groups.values()
    ]
    columns.append(labels[:, LABELS.index(NEUTRAL)])
    return np.stack(columns, axis=1)


def group_f1(truth: NDArray[np.bool_], predicted: NDArray[np.bool_], grouping: str) -> float:
    """Macro-F1 over the groups of ``grouping`` ("ekman" or "sentiment") plus neutral."""
    return macro_f1(to_groups(truth, grouping), to_groups(predicted, grouping))
