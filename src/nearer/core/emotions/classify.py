"""Classify texts into the 28 GoEmotions labels, with the words that drove each label.

``classify`` is the full path (scores, labels and evidence for each text). ``label_matrix``
and ``sentiment_counts`` are the bulk paths for message analysis: no evidence, no per-text
objects, a million short messages in a few minutes on two cores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.core.emotions.features import Token, tokenize
from nearer.core.emotions.labels import LABEL_TO_SENTIMENT, LABELS, NEUTRAL
from nearer.core.emotions.model import EmotionModel, decide, load_model
from nearer.core.errors import ModelError

# Longer than any GoEmotions comment (Reddit comments of at most 512 characters,
# Demszky et al., 2020) by a wide margin; past this a bag of words says little about feeling
# and a journal entry is better split into paragraphs.
MAX_TEXT_CHARS = 20_000
BATCH = 2048
MAX_SPANS = 3
# A token must carry at least this share of a label's positive push to count as evidence;
# below it the "evidence" is noise spread over many words.
MIN_SHARE = 0.12


@dataclass(frozen=True)
class Evidence:
    """A span of the original text that pushed a label up: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    weight: float  # this span's share (0..1) of everything that pushed the label up

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "weight": self.weight}


@dataclass(frozen=True)
class EmotionResult:
    """What the model read in one text."""

    text: str
    labels: tuple[str, ...]  # predicted GoEmotions labels, highest score first
    scores: Mapping[str, float]  # all 28 labels, 0..1; >= 0.5 means predicted
    evidence: Mapping[str, tuple[Evidence, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )  # one entry per predicted label (empty when evidence was not asked for)

    @property
    def sentiment(self) -> str:
        """ "positive", "negative", "mixed", "ambiguous" or "neutral", from the labels and
        the sentiment grouping of Demszky et al., 2020."""
        return sentiment_of(self.labels)

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines record: {"text", "labels", "scores", "evidence"}."""
        return {
            "text": self.text,
            "labels": list(self.labels),
            "scores": {label: round(self.scores[label], 4) for label in LABELS},
            "evidence": {
                label: [span.to_json() for span in spans] for label, spans in self.evidence.items()
            },
        }


def sentiment_of(labels: Iterable[str]) -> str:
    groups = {LABEL_TO_SENTIMENT[label] for label in labels} - {NEUTRAL}
    if {"positive", "negative"} <= groups:
        return "mixed"
    for group in ("positive", "negative", "ambiguous"):
        if group in groups:
            return group
    return NEUTRAL


def check_texts(texts: object, *, allow_empty: bool) -> Sequence[str]:
    """The texts as a sequence of strings, or a ModelError that says which one is wrong."""
    if isinstance(texts, str | bytes) or not isinstance(texts, Sequence | Iterator):
        raise ModelError(
            f"expected a list of texts, got {type(texts).__name__}. Wrap a single text in a list."
        )
    items = list(texts)
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise ModelError(
                f"text {i} is {type(text).__name__}, not text. Pass strings (decode bytes first)."
            )
        if len(text) > MAX_TEXT_CHARS:
            raise ModelError(
                f"text {i} is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}. "
                "Split it into paragraphs."
            )
        if not allow_empty and not text.strip():
            raise ModelError(f"text {i} is empty. Give at least one word to read.")
    return items


def _batches(texts: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(texts), BATCH):
        yield texts[start : start + BATCH]


def score_matrix(texts: Sequence[str], mode: str = "fast") -> NDArray[np.float32]:
    """0..1 scores, one row per text, columns in LABELS order (empty texts allowed)."""
    items = check_texts(texts, allow_empty=True)
    model = load_model(mode)
    if not items:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    return np.concatenate([model.scores(batch) for batch in _batches(items)])


def label_matrix(texts: Sequence[str], mode: str = "fast") -> NDArray[np.bool_]:
    """Predicted labels as a boolean matrix (texts x 28), for bulk use. Empty texts allowed."""
    return decide(score_matrix(texts, mode))


@dataclass(frozen=True)
class SentimentCounts:
    """How many texts fell in each sentiment group (by the sentiment_of rule)."""

    total: int
    emotional: int  # texts with any label other than neutral
    positive: int
    negative: int
    mixed: int
    ambiguous: int
    neutral: int


_POSITIVE = np.array([LABEL_TO_SENTIMENT[label] == "positive" for label in LABELS])
_NEGATIVE = np.array([LABEL_TO_SENTIMENT[label] == "negative" for label in LABELS])
_AMBIGUOUS = np.array([LABEL_TO_SENTIMENT[label] == "ambiguous" for label in LABELS])


def sentiment_counts(texts: Sequence[str], mode: str = "fast") -> SentimentCounts:
    """Counts of positive, negative, mixed, ambiguous and neutral texts (bulk, no evidence)."""
    chosen = label_matrix(texts, mode)
    pos = chosen[:, _POSITIVE].any(axis=1)
    neg = chosen[:, _NEGATIVE].any(axis=1)
    amb = chosen[:, _AMBIGUOUS].any(axis=1) & ~pos & ~neg
    emotional = (pos | neg | amb) & True
    return SentimentCounts(
        total=len(chosen),
        emotional=int(emotional.sum()),
        positive=int((pos & ~neg).sum()),
        negative=int((neg & ~pos).sum()),
        mixed=int((pos & neg).sum()),
        ambiguous=int(amb.sum()),
        neutral=int((~emotional).sum()),
    )


def classify(
    texts: Sequence[str], *, mode: str = "fast", evidence: bool = True
) -> list[EmotionResult]:
    """Labels, scores and (unless ``evidence=False``) evidence spans for each text, in order.

    Raises ``ModelError`` for a non-list, a non-string item, an empty text or one over
    MAX_TEXT_CHARS characters.
    """
    items = check_texts(texts, allow_empty=False)
    model = load_model(mode)
    results: list[EmotionResult] = []
    for batch in _batches(items):
        scores = model.scores(batch)
        chosen = decide(scores)
        for text, row, picked in zip(batch, scores, chosen, strict=True):
            order = sorted(np.flatnonzero(picked), key=lambda j: -row[j])
            labels = tuple(LABELS[j] for j in order)
            spans = explain(model, text, labels) if evidence else {}
            results.append(
                EmotionResult(
                    text=text,
                    labels=labels,
                    scores=MappingProxyType(
                        {label: float(row[j]) for j, label in enumerate(LABELS)}
                    ),
                    evidence=MappingProxyType(spans),
                )
            )
    return results


def explain(
    model: EmotionModel, text: str, labels: Sequence[str]
) -> dict[str, tuple[Evidence, ...]]:
    """For each label, the spans of ``text`` whose features pushed its score up most.

    The score is linear in the features, so each feature occurrence's contribution is its
    TF-IDF value times its weight. Unigram and char n-gram contributions go to their token;
    a bigram's is split between its two tokens. Adjacent strong tokens merge into one phrase.
    """
    tokens = tokenize(text)
    ids, first, last = model.featurizer.feature_ids(tokens)
    if not ids or not labels:
        return {label: () for label in labels}
    uniq, values = model.featurizer.weigh_one(ids)
    ids_arr = np.asarray(ids)
    pos = np.searchsorted(uniq, ids_arr)
    counts = np.bincount(pos, minlength=len(uniq))
    occurrence = values[pos] / counts[pos]
    columns = [LABELS.index(label) for label in labels]
    contrib = model.weights[ids_arr][:, columns] * occurrence[:, None]  # (occurrences, labels)
    per_token = np.zeros((len(tokens), len(columns)))
    first_arr, last_arr = np.asarray(first), np.asarray(last)
    np.add.at(per_token, first_arr, contrib * np.where(first_arr == last_arr, 1.0, 0.5)[:, None])
    bigram = first_arr != last_arr
    np.add.at(per_token, last_arr[bigram], contrib[bigram] * 0.5)
    return {label: _spans(text, tokens, per_token[:, k]) for k, label in enumerate(labels)}


def _spans(text: str, tokens: Sequence[Token], push: NDArray[np.float64]) -> tuple[Evidence, ...]:
    positive = np.clip(push, 0.0, None)
    total = positive.sum()
    if total <= 0:
        return ()
    strong = positive >= MIN_SHARE * total
    phrases: list[tuple[int, int, float]] = []  # first token, last token, share
    i = 0
    while i < len(tokens):
        if not strong[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and strong[j + 1]:
            j += 1
        phrases.append((i, j, float(positive[i : j + 1].sum() / total)))
        i = j + 1
    phrases.sort(key=lambda p: (-p[2], p[0]))
    chosen = sorted(phrases[:MAX_SPANS])
    return tuple(
        Evidence(
            text[tokens[a].start : tokens[b].end],
            tokens[a].start,
            tokens[b].end,
            round(share, 4),
        )
        for a, b, share in chosen
    )
