"""Rebuild nearer's shipped emotion models from the GoEmotions train split.

    python -m training.emotions --data ../shared/data/goemotions \
        --out src/nearer/core/emotions/models

(or ``make model``). Needs the ``train`` extra (scipy for sparse matrices, threadpoolctl to
keep BLAS on one thread). Deterministic: vocabularies are sorted, folds come from a fixed
seed, the ridge solver is single-threaded float64 without BLAS and the .npz writer stamps no
dates, so the same data gives the same bytes, manifest included. ``manifest.json`` records
the sha256 of train.tsv, dev.tsv and every written file, the settings and the dev figures.

What uses which split (Demszky et al., 2020 release):

* train.tsv: vocabulary, idf, ridge weights, and the per-label thresholds and slopes, which
  are chosen on 5-fold out-of-fold scores *within train*;
* dev.tsv: only to pick the few settings in ``MODES`` (done by hand, recorded here) and to
  report figures. No threshold is fitted on dev, so the dev figure is a held-out estimate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Pin BLAS to one thread before numpy loads: multi-threaded reductions may sum in a different
# order from run to run, and one flipped rounding would change the shipped bytes.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nearer.core.emotions.labels import LABELS  # noqa: E402
from nearer.core.emotions.metrics import group_f1, macro_f1  # noqa: E402
from nearer.core.emotions.model import (  # noqa: E402
    FORMAT_VERSION,
    decide,
    encode_lines,
    read_model,
    write_npz,
)
from nearer.core.shipped import MANIFEST  # noqa: E402
from training.data import Split, build_featurizer, read_split, sha256_of, to_csr  # noqa: E402
from training.ridge import fit_ridge  # noqa: E402

SEED = 0
FOLDS = 5


@dataclass(frozen=True)
class ModeSettings:
    """Settings of one shipped mode, picked by comparing a handful of options on dev."""

    word_min_df: int
    char_min_df: int  # a huge value switches the char block off
    char_weight: float
    alpha: float  # ridge penalty


MODES: dict[str, ModeSettings] = {
    # Dev macro-F1 with thresholds from train folds, by setting (ridge alpha; char weight):
    # words only: alpha 3 -> 0.491, alpha 8 -> 0.487. Words + chars (min_df 3): alpha 3,
    # weight 1 -> 0.506; alpha 8, weight 1 -> 0.509; alpha 10, weight 1.5 -> 0.509;
    # alpha 15, weight 1 -> 0.503. An MLP stacked on the 28 scores lost 0.02 and was dropped.
    "fast": ModeSettings(word_min_df=2, char_min_df=10**9, char_weight=0.0, alpha=3.0),
    "accurate": ModeSettings(word_min_df=2, char_min_df=3, char_weight=1.0, alpha=8.0),
}


def folds(n_rows: int) -> list[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """FOLDS (fit rows, held-out rows) pairs from one seeded shuffle.

    numpy's legacy RandomState is frozen by numpy's stream-compatibility policy, so the same
    seed gives the same folds on every numpy version.
    """
    order = np.random.RandomState(SEED).permutation(n_rows)
    held = np.array_split(order, FOLDS)
    return [
        (np.sort(np.concatenate(held[:k] + held[k + 1 :])), np.sort(held[k])) for k in range(FOLDS)
    ]


def best_thresholds(scores: NDArray[np.float64], truth: NDArray[np.int8]) -> NDArray[np.float64]:
    """Per label, the raw-score cut that maximises F1 on (out-of-fold) scores."""
    cuts = np.empty(scores.shape[1])
    for j in range(scores.shape[1]):
        order = np.argsort(-scores[:, j], kind="stable")
        ranked = scores[order, j]
        hits = np.cumsum(truth[order, j])
        predicted = np.arange(1, len(ranked) + 1)
        f1 = 2 * hits / (predicted + truth[:, j].sum())
        # Only cut between distinct scores, so ties fall on the same side.
        valid = np.append(ranked[1:] < ranked[:-1], True)
        best = int(np.argmax(np.where(valid, f1, -1.0)))
        following = ranked[best + 1] if best + 1 < len(ranked) else ranked[best] - 1.0
        cuts[j] = (ranked[best] + following) / 2
    return cuts


def fit_slopes(
    scores: NDArray[np.float64], truth: NDArray[np.int8], cuts: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Per label, the slope k of sigmoid(k * (score - cut)) with the lowest log loss on
    out-of-fold scores (a Platt scaling whose 0.5 point is pinned to the cut)."""
    grid = np.geomspace(0.5, 200.0, 120)
    slopes = np.empty(scores.shape[1])
    for j in range(scores.shape[1]):
        centred = scores[:, j] - cuts[j]
        y = truth[:, j].astype(np.float64)
        losses = [
            float(
                np.mean(
                    np.logaddexp(0.0, -k * centred) * y + np.logaddexp(0.0, k * centred) * (1 - y)
                )
            )
            for k in grid
        ]
        slopes[j] = grid[int(np.argmin(losses))]
    return slopes


def quantise(weights: NDArray[np.float64]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """int8 weights with one scale per label (max |w| maps to 127)."""
    scale = np.abs(weights).max(axis=0) / 127.0
    scale = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def build_mode(
    name: str, settings: ModeSettings, train: Split, log: Any
) -> tuple[bytes, dict[str, Any]]:
    """Train one mode; return its .npz bytes and what the manifest should say about it."""
    started = time.perf_counter()
    featurizer = build_featurizer(
        train.texts, settings.word_min_df, settings.char_min_df, settings.char_weight
    )
    x = to_csr(featurizer, train.texts)
    targets = train.labels * 2.0 - 1.0  # ridge on +-1 targets, a least-squares classifier
    out_of_fold = np.zeros(train.labels.shape)
    for fold, (fit_rows, held_rows) in enumerate(folds(len(train.texts))):
        w, b = fit_ridge(x[fit_rows], targets[fit_rows], settings.alpha)
        out_of_fold[held_rows] = x[held_rows] @ w + b
        log(f"  {name}: fold {fold + 1}/{FOLDS} done")
    weights, bias = fit_ridge(x, targets, settings.alpha)
    cuts = best_thresholds(out_of_fold, train.labels)
    slopes = fit_slopes(out_of_fold, train.labels, cuts)
    q, scale = quantise(weights)
    arrays = {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int64),
        "labels": encode_lines(LABELS),
        "words": encode_lines(featurizer.words),
        "chars": encode_lines(featurizer.chars),
        "idf": featurizer.idf.astype(np.float32),
        "char_weight": np.array(settings.char_weight, dtype=np.float32),
        "weights_q": q,
        "weights_scale": scale,
        "bias": bias.astype(np.float32),
        "threshold": cuts.astype(np.float32),
        "slope": slopes.astype(np.float32),
    }
    oof_f1 = macro_f1(train.labels.astype(bool), out_of_fold >= cuts)
    info = {
        "settings": asdict(settings),
        "n_features": featurizer.n_features,
        "train_out_of_fold_macro_f1": round(float(oof_f1), 4),
    }
    log(
        f"  {name}: {featurizer.n_features} features, train OOF macro-F1 {oof_f1:.4f}, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return write_npz(arrays), info


def dev_figures(name: str, payload: bytes, dev: Split) -> dict[str, float]:
    """Figures of the written (quantised) model on dev, through the run-time code path."""
    model = read_model(name, payload)
    predicted = decide(model.scores(dev.texts))
    truth = dev.labels.astype(bool)
    return {
        "macro_f1": round(macro_f1(truth, predicted), 4),
        "ekman_macro_f1": round(group_f1(truth, predicted, "ekman"), 4),
        "sentiment_macro_f1": round(group_f1(truth, predicted, "sentiment"), 4),
    }


def build(
    data_dir: Path,
    out_dir: Path,
    modes: Sequence[str] = tuple(MODES),
    limit: int | None = None,
    log: Any = print,
) -> dict[str, Any]:
    """Train every mode, write ``<mode>.npz`` and ``manifest.json`` into ``out_dir``.

    ``limit`` keeps only the first rows of each split (for quick tests); the manifest says so.
    """
    # The environment variables above only help when numpy is not loaded yet (a test run
    # loads it first), so also cap the already-loaded BLAS at one thread.
    with threadpool_limits(limits=1):
        return _build(data_dir, out_dir, modes, limit, log)


def _build(
    data_dir: Path, out_dir: Path, modes: Sequence[str], limit: int | None, log: Any
) -> dict[str, Any]:
    train_path, dev_path = data_dir / "train.tsv", data_dir / "dev.tsv"
    train, dev = read_split(train_path), read_split(dev_path)
    if limit is not None:
        train = Split(train.texts[:limit], train.labels[:limit])
        dev = Split(dev.texts[:limit], dev.labels[:limit])
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "source": "GoEmotions (Demszky et al., 2020), train and dev splits",
        "data": {
            "train.tsv": {"sha256": sha256_of(train_path), "rows_used": len(train.texts)},
            "dev.tsv": {"sha256": sha256_of(dev_path), "rows_used": len(dev.texts)},
        },
        "command": "python -m training.emotions --data ../shared/data/goemotions "
        "--out src/nearer/core/emotions/models",
        "modes": {},
        "files": {},
    }
    for name in modes:
        log(f"training {name} ...")
        payload, info = build_mode(name, MODES[name], train, log)
        info["dev"] = dev_figures(name, payload, dev)
        log(f"  {name}: dev {info['dev']}")
        (out_dir / f"{name}.npz").write_bytes(payload)
        manifest["modes"][name] = info
        manifest["files"][f"{name}.npz"] = {
            "sha256": hashlib.sha256(payload).hexdigest(),
            "bytes": len(payload),
        }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (out_dir / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/goemotions"))
    parser.add_argument("--out", type=Path, default=Path("src/nearer/core/emotions/models"))
    parser.add_argument("--mode", choices=sorted(MODES), action="append")
    parser.add_argument("--limit", type=int, help="use only the first N rows (quick checks)")
    args = parser.parse_args(argv)
    if not (args.data / "train.tsv").is_file() or not (args.data / "dev.tsv").is_file():
        print(f"Error: {args.data} lacks train.tsv or dev.tsv. Pass --data.", file=sys.stderr)
        return 2
    build(args.data, args.out, args.mode or tuple(MODES), args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
