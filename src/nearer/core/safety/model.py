"""A small trained model beside the safety rules: it reads the same normalised words.

The rules catch the ways of saying risk that someone wrote down; on wording nobody tuning
them had seen they caught only about 60% (docs/safety.md). This model is a linear classifier
over word 1-2-grams and character 3-5-grams of the rules' normalised text ("dont" already
"do not", "kms" already "kill myself"), trained on the labelled sets listed in
``training/safety_data/README.md``. It only *adds* alerts the rules did not raise, above a
high threshold, and the rules' guards (negation, other people, the past, quotes, play,
jokes) may cancel what it finds; every alert it adds names a category, a level and the
sentence that scored highest as its evidence.

Features of a text with ``n`` words (sentence ends not counted):

    value(f) = idf(f) * count(f) / sqrt(n)

so each word's share of a score can be summed ahead of time once per word: scoring one text
is a handful of dictionary look-ups per word, with no numpy call, which keeps the scan above
2,000 texts per second. The file (``models/safety.npz``) is written by ``training/safety.py``;
``models/manifest.json`` records its sha256, which ``load_model`` checks.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.core.errors import ModelError
from nearer.core.safety.vocabulary import CATEGORIES, KINDS, Kind
from nearer.core.shipped import Shipped

MODEL_FILE = "safety.npz"
FORMAT_VERSION = 1
CHAR_MIN, CHAR_MAX = 3, 5
# Sentence ends are a "." word in the normalised text: they split sentences, not features.
SENTENCE_END = "."
# How many of a finding's strongest words stand in for a rule's match when the rules' guards
# are asked (every guard at the strongest; a negation before any of the others too). Three
# lost 1 self-harm and 4 partner-harm catches on probe2 held out and saved no false alarm.
ANCHORS = 1
_MAX_REMEMBERED = 100_000


def char_grams(word: str) -> list[str]:
    """The character 3-5-grams of one word padded with a space on each side."""
    padded = f" {word} "
    size = len(padded)
    return [padded[i : i + n] for n in range(CHAR_MIN, CHAR_MAX + 1) for i in range(size - n + 1)]


def text_words(normalised: str) -> list[str]:
    """The words of a normalised text (``Words.text``), sentence ends included: one per entry
    of ``Words.spans``, in order."""
    return normalised.split(" ") if normalised else []


def word_keys(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Unigram and bigram keys (bigrams never span a sentence end) and char-gram keys."""
    words: list[str] = []
    chars: list[str] = []
    previous = SENTENCE_END
    for token in tokens:
        if token != SENTENCE_END:
            words.append(token)
            chars.extend(char_grams(token))
            if previous != SENTENCE_END:
                words.append(f"{previous} {token}")
        previous = token
    return words, chars


def length_of(tokens: Sequence[str]) -> int:
    """How many words count towards the length normaliser (at least 1)."""
    return max(1, sum(t != SENTENCE_END for t in tokens))


@dataclass(frozen=True)
class Finding:
    """What the model says about one kind in one text: the sentence that scored highest."""

    kind: Kind
    category: str
    score: float  # 0..1, sigmoid of the raw linear score
    first: int  # index of the sentence's first word in the text's words
    last: int  # index one past its last word
    anchors: tuple[int, ...]  # the (up to ANCHORS) words of it that added most, best first


class SafetyModel:
    """The loaded model: a vocabulary, one linear score per kind and a category layer."""

    def __init__(
        self,
        words: Sequence[str],
        chars: Sequence[str],
        idf: NDArray[np.float32],
        kind_weights: NDArray[np.float32],
        kind_bias: NDArray[np.float32],
        thresholds: NDArray[np.float32],
        category_weights: NDArray[np.float32],
        category_bias: NDArray[np.float32],
    ) -> None:
        self.words = tuple(words)
        self.chars = tuple(chars)
        self.n_words = len(self.words)
        self.n_features = self.n_words + len(self.chars)
        if idf.shape != (self.n_features,) or kind_weights.shape != (self.n_features, len(KINDS)):
            raise ModelError("the safety model's arrays disagree in size. Reinstall nearer.")
        self.idf = idf
        self.word_id = {w: i for i, w in enumerate(self.words)}
        self.char_id = {c: i + self.n_words for i, c in enumerate(self.chars)}
        weighted = (kind_weights * idf[:, None]).astype(np.float64)
        # Python floats per feature: scoring one text stays in plain Python (no numpy call).
        self._word_share = {
            w: (float(a), float(b))
            for w, (a, b) in zip(self.words, weighted[: self.n_words], strict=True)
        }
        self._char_share = {
            c: (float(a), float(b))
            for c, (a, b) in zip(self.chars, weighted[self.n_words :], strict=True)
        }
        self.kind_bias = tuple(float(b) for b in kind_bias)
        self.thresholds = tuple(float(t) for t in thresholds)
        self.category_weights = category_weights
        self.category_bias = category_bias
        self.categories = tuple(c for kind in KINDS for c in CATEGORIES[kind])
        # Each word's share, remembered: word frequencies follow Zipf's law, so after a few
        # thousand texts almost every word is a single dictionary look-up.
        self._shares: dict[str, tuple[float, float]] = {}

    # ------------------------------------------------------------------ features (training)
    def feature_ids(self, tokens: Sequence[str]) -> list[int]:
        """Feature ids of one text's words, one entry per occurrence."""
        words, chars = word_keys(tokens)
        ids = [i for i in map(self.word_id.get, words) if i is not None]
        ids.extend(i for i in map(self.char_id.get, chars) if i is not None)
        return ids

    def features(self, tokens: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Unique feature ids and their values (idf * count / sqrt(n))."""
        ids, counts = np.unique(np.asarray(self.feature_ids(tokens), np.int64), return_counts=True)
        values = self.idf[ids].astype(np.float64) * counts / math.sqrt(length_of(tokens))
        return ids, values

    # ------------------------------------------------------------------ scoring (run time)
    def _token_share(self, token: str) -> tuple[float, float]:
        """One word's part of the two raw scores: its unigram and its char grams."""
        known = self._shares.get(token)
        if known is not None:
            return known
        a, b = self._word_share.get(token, (0.0, 0.0))
        get = self._char_share.get
        for gram in char_grams(token):
            share = get(gram)
            if share is not None:
                a += share[0]
                b += share[1]
        if len(self._shares) >= _MAX_REMEMBERED:
            self._shares.clear()
        self._shares[token] = (a, b)
        return a, b

    def word_shares(self, tokens: Sequence[str]) -> list[tuple[float, float]]:
        """Each word's part of the two raw scores (a bigram's part split over its words),
        before the length normaliser and the bias."""
        shares: list[tuple[float, float]] = []
        previous = SENTENCE_END
        bigram = self._word_share.get
        for token in tokens:
            if token == SENTENCE_END:
                shares.append((0.0, 0.0))
                previous = token
                continue
            a, b = self._token_share(token)
            if previous != SENTENCE_END:
                pair = bigram(f"{previous} {token}")
                if pair is not None:
                    half_a, half_b = pair[0] / 2, pair[1] / 2
                    a, b = a + half_a, b + half_b
                    last_a, last_b = shares[-1]
                    shares[-1] = (last_a + half_a, last_b + half_b)
            shares.append((a, b))
            previous = token
        return shares

    def raw_scores(self, tokens: Sequence[str]) -> tuple[float, float]:
        """The two raw linear scores (self-harm, partner harm) of one text's words.

        The same sums as ``word_shares`` without a list per word: this runs on every text.
        """
        a = b = 0.0
        count = 0
        previous = SENTENCE_END
        known = self._shares.get
        bigram = self._word_share.get
        for token in tokens:
            if token == SENTENCE_END:
                previous = token
                continue
            count += 1
            x, y = known(token) or self._token_share(token)
            a += x
            b += y
            if previous != SENTENCE_END:
                pair = bigram(f"{previous} {token}")
                if pair is not None:
                    a += pair[0]
                    b += pair[1]
            previous = token
        scale = 1.0 / math.sqrt(max(1, count))
        return self.kind_bias[0] + scale * a, self.kind_bias[1] + scale * b

    def category(self, tokens: Sequence[str], kind: Kind) -> str:
        """The most likely category of ``kind`` for these words."""
        ids, values = self.features(tokens)
        scores = self.category_bias.astype(np.float64) + values @ self.category_weights[ids]
        allowed = [i for i, c in enumerate(self.categories) if c in CATEGORIES[kind]]
        return self.categories[max(allowed, key=lambda i: float(scores[i]))]

    def findings(self, tokens: Sequence[str], skip: frozenset[Kind]) -> list[Finding]:
        """A finding per kind whose score passes its threshold (kinds in ``skip`` aside)."""
        raws = self.raw_scores(tokens)
        passing = [
            column
            for column, kind in enumerate(KINDS)
            if kind not in skip and raws[column] >= self.thresholds[column]
        ]
        if not passing:
            return []
        shares = self.word_shares(tokens)
        found: list[Finding] = []
        for column in passing:
            kind, raw = KINDS[column], raws[column]
            first, last = _best_sentence(tokens, [s[column] for s in shares])
            if first == last:
                continue
            ranked = sorted(range(first, last), key=lambda i: (-shares[i][column], i))
            anchors = tuple(ranked[:ANCHORS])
            found.append(
                Finding(kind, self.category(tokens, kind), _sigmoid(raw), first, last, anchors)
            )
        return found


def _sigmoid(raw: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, raw))))


def _best_sentence(tokens: Sequence[str], shares: Sequence[float]) -> tuple[int, int]:
    """Word range [first, last) of the sentence whose words add most to the score."""
    best = (0, 0)
    best_total = -math.inf
    first = 0
    for i in range(len(tokens) + 1):
        if i == len(tokens) or tokens[i] == SENTENCE_END:
            if i > first:
                total = sum(shares[first:i])
                if total > best_total:
                    best, best_total = (first, i), total
            first = i + 1
    return best


# --------------------------------------------------------------------------- file format
def _lines(data: NDArray[np.uint8]) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def encode_lines(items: Sequence[str]) -> NDArray[np.uint8]:
    """Store a list of strings (none containing a newline) as UTF-8 bytes."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8).copy()


def write_npz(arrays: dict[str, NDArray[Any]]) -> bytes:
    """An .npz archive whose bytes depend only on the arrays (members sorted, dated 1980)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.require(arrays[name], requirements="C"))
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue(), compresslevel=6)
    return buffer.getvalue()


def read_model(payload: bytes) -> SafetyModel:
    """Build the model from the bytes of its .npz file."""
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError("the safety model file is unreadable. Reinstall nearer.") from exc
    try:
        if int(arrays["format_version"]) != FORMAT_VERSION:
            raise ModelError(
                f"the safety model has format {int(arrays['format_version'])}, this nearer "
                f"reads {FORMAT_VERSION}. Reinstall nearer."
            )
        if _lines(arrays["kinds"]) != list(KINDS):
            raise ModelError("the safety model scores other kinds. Reinstall nearer.")
        if _lines(arrays["categories"]) != [c for kind in KINDS for c in CATEGORIES[kind]]:
            raise ModelError("the safety model names other categories. Reinstall nearer.")
        return SafetyModel(
            _lines(arrays["words"]),
            _lines(arrays["chars"]),
            arrays["idf"].astype(np.float32),
            arrays["kind_weights"].astype(np.float32),
            arrays["kind_bias"].astype(np.float32),
            arrays["thresholds"].astype(np.float32),
            arrays["category_weights"].astype(np.float32),
            arrays["category_bias"].astype(np.float32),
        )
    except KeyError as exc:
        raise ModelError(f"the safety model lacks {exc.args[0]!r}. Reinstall nearer.") from exc


SHIPPED = Shipped("nearer.core.safety", "safety model", "safety-model")


def manifest() -> dict[str, Any]:
    """The shipped manifest: data checksums, the file's checksum, settings and figures."""
    return SHIPPED.manifest()


def check_payload(payload: bytes, expected: object) -> SafetyModel:
    """The model in ``payload`` when its sha256 is ``expected``; ``ModelError`` otherwise."""
    return read_model(SHIPPED.checked(MODEL_FILE, payload, expected))


@cache
def load_model() -> SafetyModel:
    """Load (once per process) the shipped safety model, checking its checksum."""
    expected = manifest().get("files", {}).get(MODEL_FILE, {}).get("sha256")
    return check_payload(SHIPPED.file(MODEL_FILE), expected)
