"""The 28 GoEmotions labels and the paper's two coarser groupings.

Label names, their order, the Ekman grouping and the sentiment grouping are those of
Demszky et al., 2020, "GoEmotions: A Dataset of Fine-Grained Emotions" (ACL), files
emotions.txt, ekman_mapping.json and sentiment_dict.json of the released data.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Order matters: it is the column order of every score matrix and of the shipped model.
LABELS: tuple[str, ...] = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)
NEUTRAL = "neutral"

# Ekman's six basic emotions (Ekman, 1992) as grouped by Demszky et al., 2020.
EKMAN_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "anger": ("anger", "annoyance", "disapproval"),
        "disgust": ("disgust",),
        "fear": ("fear", "nervousness"),
        "joy": (
            "joy", "amusement", "approval", "excitement", "gratitude", "love", "optimism",
            "relief", "pride", "admiration", "desire", "caring",
        ),
        "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
        "surprise": ("surprise", "realization", "confusion", "curiosity"),
    }
)  # fmt: skip

# Sentiment grouping of Demszky et al., 2020.
SENTIMENT_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "positive": (
            "amusement", "excitement", "joy", "love", "desire", "optimism", "caring", "pride",
            "admiration", "gratitude", "relief", "approval",
        ),
        "negative": (
            "fear", "nervousness", "remorse", "embarrassment", "disappointment", "sadness",
            "grief", "disgust", "anger", "annoyance", "disapproval",
        ),
        "ambiguous": ("realization", "surprise", "curiosity", "confusion"),
    }
)  # fmt: skip

LABEL_TO_SENTIMENT: Mapping[str, str] = MappingProxyType(
    {label: group for group, labels in SENTIMENT_GROUPS.items() for label in labels}
    | {NEUTRAL: NEUTRAL}
)
LABEL_TO_EKMAN: Mapping[str, str] = MappingProxyType(
    {label: group for group, labels in EKMAN_GROUPS.items() for label in labels}
    | {NEUTRAL: NEUTRAL}
)
