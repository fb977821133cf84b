"""Text -> sparse TF-IDF features, the same code at training time and at run time.

Three blocks of features, each L2-normalised and weighted:

* word unigrams and bigrams over lowercased tokens (runs of a letter repeated more than three
  times are cut to three, so "soooooo" and "sooo" share a feature),
* character 2-5-grams inside each padded token (" word "), which catch misspellings,
  inflections and emoji sequences (the char_wb idea of scikit-learn's TfidfVectorizer).

Term frequency is sublinear (1 + ln tf) times a smoothed idf, as in the TF-IDF baselines of
Demszky et al., 2020. Every feature is tied to the token it came from, so a linear model's
per-feature contributions map back to spans of the original text (the evidence).

Only the standard library and numpy are used: run time needs nothing else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

# Words (with inner apostrophes: "don't", "i'm") or any single non-space symbol, so "!", "?"
# and each emoji code point are tokens of their own.
TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_REPEATS = re.compile(r"(.)\1{3,}")
CHAR_MIN, CHAR_MAX = 2, 5


@dataclass(frozen=True)
class Token:
    """One token of the original text: its normalised form and where it sits."""

    norm: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into the original (un-lowercased) string."""
    return [Token(_normalise(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def _normalise(token: str) -> str:
    token = token.lower().replace("’", "'")
    return _REPEATS.sub(r"\1\1\1", token)


def char_ngrams(norm: str) -> list[str]:
    """The character 2-5-grams of one token padded with a space on each side."""
    padded = f" {norm} "
    size = len(padded)
    return [padded[i : i + n] for n in range(CHAR_MIN, CHAR_MAX + 1) for i in range(size - n + 1)]


def word_features(tokens: Sequence[Token]) -> tuple[list[str], list[tuple[int, int]]]:
    """Unigram and bigram keys, each with the (first, last) token index it covers."""
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        keys.append(tok.norm)
        spans.append((i, i))
        if i:
            keys.append(f"{tokens[i - 1].norm} {tok.norm}")
            spans.append((i - 1, i))
    return keys, spans


# 1 + ln(tf) for small counts, from the standard library's log: numpy's vectorised log may
# differ in the last bit between CPUs, and training must give the same bytes everywhere.
_LOG_TABLE = np.array([0.0] + [1.0 + math.log(k) for k in range(1, 4096)])


def _sublinear_tf(counts: NDArray[np.int64]) -> NDArray[np.float64]:
    small = counts < len(_LOG_TABLE)
    if small.all():
        return np.asarray(_LOG_TABLE[counts])
    return np.where(
        small, _LOG_TABLE[np.minimum(counts, len(_LOG_TABLE) - 1)], 1.0 + np.log(counts)
    )


@dataclass(frozen=True)
class SparseRows:
    """A CSR-style batch of feature rows: ``indptr`` delimits each text's entries."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]
    values: NDArray[np.float32]
    n_features: int


class Featurizer:
    """Maps texts to TF-IDF rows over a fixed, sorted vocabulary.

    ``words`` holds unigram and bigram keys, ``chars`` the character n-grams; feature ids are
    words first, then chars. ``idf`` has one entry per feature. ``char_weight`` scales the
    char block against the word block (each block is L2-normalised on its own first).
    """

    def __init__(
        self,
        words: Sequence[str],
        chars: Sequence[str],
        idf: NDArray[np.float32],
        char_weight: float,
    ) -> None:
        self.words = tuple(words)
        self.chars = tuple(chars)
        self.n_words = len(self.words)
        self.n_features = self.n_words + len(self.chars)
        if idf.shape != (self.n_features,):
            raise ValueError("idf must have one entry per feature")
        self.idf = idf.astype(np.float32)
        self.char_weight = float(char_weight)
        self._word_id: Mapping[str, int] = {w: i for i, w in enumerate(self.words)}
        self._char_id: Mapping[str, int] = {c: i + self.n_words for i, c in enumerate(self.chars)}
        # Token -> its char feature ids. Word frequencies follow Zipf's law, so a modest
        # cache makes the char block almost free after the first few thousand texts.
        self._token_chars = lru_cache(maxsize=200_000)(self._uncached_token_chars)

    def _uncached_token_chars(self, norm: str) -> tuple[int, ...]:
        get = self._char_id.get
        return tuple(i for i in map(get, char_ngrams(norm)) if i is not None)

    def feature_ids(self, tokens: Sequence[Token]) -> tuple[list[int], list[int], list[int]]:
        """Feature ids of one text, and for each the first and last token it came from."""
        ids: list[int] = []
        first: list[int] = []
        last: list[int] = []
        get = self._word_id.get
        keys, spans = word_features(tokens)
        for key, (a, b) in zip(keys, spans, strict=True):
            fid = get(key)
            if fid is not None:
                ids.append(fid)
                first.append(a)
                last.append(b)
        for i, tok in enumerate(tokens):
            chars = self._token_chars(tok.norm)
            ids.extend(chars)
            first.extend([i] * len(chars))
            last.extend([i] * len(chars))
        return ids, first, last

    def _ids(self, text: str) -> list[int]:
        """``feature_ids(tokenize(text))[0]`` in another order (the weighting counts them, so
        the order does not matter), without a ``Token`` object or a span per feature."""
        norms = [_normalise(t) for t in TOKEN_RE.findall(text)]
        get = self._word_id.get
        ids = [i for i in map(get, norms) if i is not None]
        bigrams = map(get, [f"{a} {b}" for a, b in pairwise(norms)])
        ids.extend(i for i in bigrams if i is not None)
        for norm in norms:
            ids.extend(self._token_chars(norm))
        return ids

    def transform(self, texts: Iterable[str]) -> SparseRows:
        """TF-IDF rows for a batch of texts (one row per text, in order)."""
        # One list of ids and one of counts, made into arrays once: two small arrays per
        # text were a third of the time of the 5,000-message sample.
        feat_ids: list[int] = []
        counts: list[int] = []
        for text in texts:
            ids = self._ids(text)
            feat_ids.extend(ids)
            counts.append(len(ids))
        n_docs = len(counts)
        docs = np.repeat(np.arange(n_docs, dtype=np.int64), np.array(counts, dtype=np.int64))
        return self._weigh(docs, np.array(feat_ids, dtype=np.int64), n_docs)

    def _weigh(self, docs: NDArray[np.int64], feats: NDArray[np.int64], n_docs: int) -> SparseRows:
        keys = docs * self.n_features + feats
        uniq, counts = np.unique(keys, return_counts=True)
        doc = uniq // self.n_features
        feat = uniq % self.n_features
        values = _sublinear_tf(counts) * self.idf[feat]
        is_char = feat >= self.n_words
        # Normalise each block of each document to unit length, then weight the char block.
        block = doc * 2 + is_char
        norms = np.sqrt(np.bincount(block, weights=values * values, minlength=2 * n_docs))
        values = values / np.maximum(norms[block], 1e-12)
        values = np.where(is_char, values * self.char_weight, values)
        indptr: NDArray[np.int64] = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc, minlength=n_docs), out=indptr[1:])
        return SparseRows(indptr, feat, values.astype(np.float32), self.n_features)

    def weigh_one(self, ids: Sequence[int]) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The TF-IDF value of each feature occurrence of one text (for evidence).

        Returns unique feature ids and their values; an occurrence's share of its feature's
        value is value / count.
        """
        rows = self._weigh(np.zeros(len(ids), np.int64), np.asarray(ids, np.int64), 1)
        return rows.indices, rows.values
