"""Loading a shipped emotion model and scoring texts with it (numpy only).

A model file (``models/<mode>.npz``) holds a feature vocabulary, a linear layer quantised to
int8 with one scale per label, and per-label thresholds and slopes that turn a raw score into
a 0..1 score where 0.5 is the decision line:

    raw   = features(text) @ W + bias
    score = sigmoid(slope * (raw - threshold))
    label predicted  <=>  score >= 0.5

Files are written by ``training/emotions.py``; ``manifest.json`` beside them records their
sha256, which ``load_model`` checks so a damaged install fails loudly instead of mis-scoring.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.core.emotions.features import Featurizer, SparseRows
from nearer.core.emotions.labels import LABELS
from nearer.core.errors import ModelError
from nearer.core.shipped import Shipped

MODES: tuple[str, ...] = ("fast", "accurate")
FORMAT_VERSION = 1


@dataclass(frozen=True)
class EmotionModel:
    """A loaded model: featurizer plus dequantised weights and decision parameters."""

    mode: str
    featurizer: Featurizer
    weights: NDArray[np.float32]  # (n_features, 28)
    bias: NDArray[np.float32]  # (28,)
    threshold: NDArray[np.float32]  # (28,) on the raw score
    slope: NDArray[np.float32]  # (28,) > 0

    def raw_scores(self, rows: SparseRows) -> NDArray[np.float32]:
        """Raw linear scores, one row per text."""
        n_docs = len(rows.indptr) - 1
        out = np.tile(self.bias, (n_docs, 1))
        if rows.indices.size:
            contrib = self.weights[rows.indices] * rows.values[:, None]
            nonempty = rows.indptr[:-1] < rows.indptr[1:]
            starts = rows.indptr[:-1][nonempty]
            out[nonempty] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def squash(self, raw: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map raw scores to 0..1 with 0.5 exactly at each label's threshold."""
        z = np.clip(self.slope * (raw - self.threshold), -30.0, 30.0)
        squashed: NDArray[np.float32] = (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
        return squashed

    def scores(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """0..1 scores for each text and label (columns in LABELS order)."""
        return self.squash(self.raw_scores(self.featurizer.transform(texts)))


def decide(scores: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Labels per text: every score at or above 0.5, or else the single best label.

    Every GoEmotions example carries at least one label (neutral included), so a text with
    no label over its line gets the one closest to it.
    """
    chosen = scores >= 0.5
    empty = ~chosen.any(axis=1)
    if empty.any():
        best = scores[empty].argmax(axis=1)
        chosen[np.flatnonzero(empty), best] = True
    return chosen


# --------------------------------------------------------------------------- file format
def _lines(data: NDArray[np.uint8]) -> list[str]:
    text = data.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def encode_lines(items: Sequence[str]) -> NDArray[np.uint8]:
    """Store a list of strings (none containing a newline) as UTF-8 bytes."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8).copy()


def write_npz(arrays: Mapping[str, NDArray[Any]]) -> bytes:
    """An .npz archive whose bytes depend only on the arrays.

    ``numpy.savez`` stamps each member with the current time, which would make every rebuild
    differ; here members are sorted and dated 1980-01-01.
    """
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


def read_model(mode: str, payload: bytes) -> EmotionModel:
    """Build a model from the bytes of its .npz file."""
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError(f"the {mode} emotion model file is unreadable. Reinstall nearer.") from exc
    try:
        if int(arrays["format_version"]) != FORMAT_VERSION:
            raise ModelError(
                f"the {mode} emotion model has format {int(arrays['format_version'])}, this "
                f"nearer reads {FORMAT_VERSION}. Reinstall nearer."
            )
        if _lines(arrays["labels"]) != list(LABELS):
            raise ModelError(f"the {mode} emotion model has other labels. Reinstall nearer.")
        featurizer = Featurizer(
            _lines(arrays["words"]),
            _lines(arrays["chars"]),
            arrays["idf"].astype(np.float32),
            float(arrays["char_weight"]),
        )
        weights = arrays["weights_q"].astype(np.float32) * arrays["weights_scale"][None, :]
        return EmotionModel(
            mode=mode,
            featurizer=featurizer,
            weights=weights.astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
            threshold=arrays["threshold"].astype(np.float32),
            slope=arrays["slope"].astype(np.float32),
        )
    except KeyError as exc:
        raise ModelError(
            f"the {mode} emotion model lacks {exc.args[0]!r}. Reinstall nearer."
        ) from exc


SHIPPED = Shipped("nearer.core.emotions", "emotion model", "model")


def manifest() -> dict[str, Any]:
    """The shipped manifest: data checksums, file checksums, settings and dev figures."""
    return SHIPPED.manifest()


@cache
def load_model(mode: str = "fast") -> EmotionModel:
    """Load (once per process) the shipped model for ``mode``, checking its checksum."""
    if mode not in MODES:
        raise ModelError(f"there is no {mode!r} emotion mode. Use one of: {', '.join(MODES)}.")
    name = f"{mode}.npz"
    expected = manifest().get("files", {}).get(name, {}).get("sha256")
    return read_model(mode, SHIPPED.checked(name, SHIPPED.file(name), expected))
