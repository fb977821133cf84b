"""Reading the GoEmotions splits and building the feature vocabulary (training only)."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from nearer.core.emotions.features import Featurizer, char_ngrams, tokenize, word_features
from nearer.core.emotions.labels import LABELS


@dataclass(frozen=True)
class Split:
    """One GoEmotions split: texts and a 0/1 label matrix in LABELS order."""

    texts: list[str]
    labels: NDArray[np.int8]


def read_split(path: Path) -> Split:
    """Read ``text<TAB>ids<TAB>comment id`` lines (GoEmotions release format)."""
    texts: list[str] = []
    rows: list[NDArray[np.int8]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path}:{number}: expected 3 tab-separated fields")
            row = np.zeros(len(LABELS), dtype=np.int8)
            row[[int(i) for i in parts[1].split(",")]] = 1
            texts.append(parts[0])
            rows.append(row)
    return Split(texts, np.stack(rows))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_featurizer(
    texts: Sequence[str], word_min_df: int, char_min_df: int, char_weight: float
) -> Featurizer:
    """A featurizer whose vocabulary is every feature seen in at least ``min_df`` texts.

    Vocabularies are sorted, so the same texts always give the same feature ids.
    """
    word_df: Counter[str] = Counter()
    char_df: Counter[str] = Counter()
    for text in texts:
        tokens = tokenize(text)
        word_df.update(set(word_features(tokens)[0]))
        char_df.update({gram for tok in tokens for gram in char_ngrams(tok.norm)})
    words = sorted(k for k, df in word_df.items() if df >= word_min_df)
    chars = sorted(k for k, df in char_df.items() if df >= char_min_df)
    idf = smoothed_idf(len(texts), (words, word_df), (chars, char_df))
    return Featurizer(words, chars, idf, char_weight)


def smoothed_idf(n: int, *vocabularies: tuple[Sequence[str], Counter[str]]) -> NDArray[np.float32]:
    """The idf of each key of each vocabulary in turn, from its document frequencies over
    ``n`` texts, smoothed as scikit-learn's TfidfVectorizer(smooth_idf=True) does:
    ln((1+n)/(1+df)) + 1."""
    return np.array(
        [math.log((1 + n) / (1 + df[key])) + 1 for keys, df in vocabularies for key in keys],
        dtype=np.float32,
    )


def to_csr(featurizer: Featurizer, texts: Sequence[str]) -> sparse.csr_matrix:
    rows = featurizer.transform(texts)
    return sparse.csr_matrix(
        (rows.values.astype(np.float64), rows.indices, rows.indptr),
        shape=(len(texts), rows.n_features),
    )
