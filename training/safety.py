"""Rebuild the safety scan's trained model (``src/nearer/core/safety/models/safety.npz``).

    python -m training.safety            (or ``make safety-model``)
    python -m training.safety --hold-out probe2     (train without a set, print its figures)

Needs the ``train`` extra (scipy for sparse matrices and L-BFGS, threadpoolctl to keep BLAS
on one thread). Deterministic: vocabularies are sorted, folds come from a fixed seed, BLAS
runs on one thread and the .npz writer stamps no dates, so the same data gives the same
bytes; ``manifest.json`` records the sha256 of every input and of the written file.

Data (``training/safety_data/README.md`` says where each set came from): the labelled dev set
(``../shared/data/safety/dev.jsonl``), the project's cases (``tests/core/safety/cases/``),
the own sets (``benchmarks/safety_data/``), the two blind probe sets kept here, and the
GoEmotions train and dev comments as everyday negatives (without the ones the rules alert on:
a few dozen are real risk talk).

What is fitted on what:

* vocabulary and idf: the labelled texts (GoEmotions only as negatives in that vocabulary);
* one logistic regression per kind (self-harm, partner harm) and a softmax over the 18
  categories (on the risk texts only), all on every text;
* the thresholds: per kind, the lowest raw score at which the *out-of-fold* scores (5 folds)
  raise at most ``MAX_HARD_NEGATIVE_ALARMS`` of the labelled hard negatives and
  ``MAX_EVERYDAY_ALARMS`` of the GoEmotions comments. No threshold sees its own fold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402
from scipy import optimize, sparse  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nearer.core.safety.model import (  # noqa: E402
    FORMAT_VERSION,
    MODEL_FILE,
    SafetyModel,
    encode_lines,
    text_words,
    word_keys,
    write_npz,
)
from nearer.core.safety.scan import scan  # noqa: E402
from nearer.core.safety.text import words  # noqa: E402
from nearer.core.safety.vocabulary import CATEGORIES, KINDS  # noqa: E402
from nearer.core.shipped import MANIFEST  # noqa: E402
from training.data import sha256_of, smoothed_idf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
OUT = ROOT / "src" / "nearer" / "core" / "safety" / "models"
SEED = 0
FOLDS = 5
WORD_MIN_DF = 1
CHAR_MIN_DF = 2
C_KIND = 4.0  # inverse L2 penalty of the two kind classifiers
C_CATEGORY = 16.0
EVERYDAY_WEIGHT = 0.05  # a GoEmotions comment counts this much against a labelled text
MAX_HARD_NEGATIVE_ALARMS = 0.04  # chosen by leaving 4 blind writers out at a time (docs/safety.md)
MAX_EVERYDAY_ALARMS = 0.004
ALL_CATEGORIES = tuple(c for kind in KINDS for c in CATEGORIES[kind])


@dataclass
class Example:
    source: str  # which set: dev, cases, own, probe1, probe2, goemotions
    text: str
    expect: str  # self_harm, partner_harm or none
    category: str
    tokens: list[str]


def labelled_files() -> dict[str, list[Path]]:
    return {
        "dev": [SHARED / "safety" / "dev.jsonl"],
        "cases": sorted((ROOT / "tests" / "core" / "safety" / "cases").glob("*.jsonl")),
        "own": sorted((ROOT / "benchmarks" / "safety_data").glob("*.jsonl")),
        "probe1": [ROOT / "training" / "safety_data" / "probe1-tune.jsonl"],
        "probe2": [ROOT / "training" / "safety_data" / "probe2.jsonl"],
        # Three more sets written blind (by writers who never read the rules), each from its
        # own angle: older adults, perinatal and addictions care, messages to the partner.
        "blind": sorted((ROOT / "training" / "safety_data").glob("set*.jsonl")),
    }


def everyday_files() -> list[Path]:
    return [SHARED / "goemotions" / "train.tsv", SHARED / "goemotions" / "dev.tsv"]


def read_examples(log: Callable[[str], None]) -> tuple[list[Example], dict[str, str]]:
    """Every training text, normalised as the rules read it, and the sha256 of each file."""
    examples: list[Example] = []
    hashes: dict[str, str] = {}
    for source, paths in labelled_files().items():
        for path in paths:
            hashes[_name(path)] = sha256_of(path)
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    examples.append(
                        Example(
                            source,
                            row["text"],
                            row["expect"],
                            row["category"],
                            text_words(words(row["text"]).text),
                        )
                    )
    skipped = 0
    for path in everyday_files():
        hashes[_name(path)] = sha256_of(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split("\t", 1)[0]
            if not text.strip():
                continue
            # A comment the rules alert on may be real risk talk: not a safe negative.
            if scan(text, model=None).alert:
                skipped += 1
                continue
            examples.append(
                Example("goemotions", text, "none", "goemotions", text_words(words(text).text))
            )
    log(f"{len(examples)} texts ({skipped} GoEmotions comments left out: the rules alert)")
    return examples, hashes


def _name(path: Path) -> str:
    """The path as the manifest names it: from the repository root, with "/" separators."""
    return Path(os.path.relpath(path, ROOT)).as_posix()


def vocabulary(examples: Sequence[Example]) -> tuple[list[str], list[str], NDArray[np.float32]]:
    """Sorted word and char-gram vocabularies from the labelled texts, with smoothed idf."""
    labelled = [e for e in examples if e.source != "goemotions"]
    word_df: Counter[str] = Counter()
    char_df: Counter[str] = Counter()
    for example in labelled:
        word_list, char_list = word_keys(example.tokens)
        word_df.update(set(word_list))
        char_df.update(set(char_list))
    vocab_words = sorted(k for k, df in word_df.items() if df >= WORD_MIN_DF)
    vocab_chars = sorted(k for k, df in char_df.items() if df >= CHAR_MIN_DF)
    idf = smoothed_idf(len(labelled), (vocab_words, word_df), (vocab_chars, char_df))
    return vocab_words, vocab_chars, idf


def design(model: SafetyModel, examples: Sequence[Example]) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[NDArray[np.int64]] = []
    values: list[NDArray[np.float64]] = []
    for example in examples:
        ids, vals = model.features(example.tokens)
        indices.append(ids)
        values.append(vals)
        indptr.append(indptr[-1] + len(ids))
    return sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(examples), model.n_features),
    )


def fit_logistic(
    x: sparse.csr_matrix, y: NDArray[np.float64], weight: NDArray[np.float64], c: float
) -> tuple[NDArray[np.float64], float]:
    """L2-penalised, sample-weighted logistic regression by L-BFGS (intercept unpenalised)."""
    signs = 2.0 * y - 1.0
    n_features = x.shape[1]
    xt = x.T.tocsr()

    def loss(params: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        w, b = params[:-1], params[-1]
        margin = signs * (x @ w + b)
        value = float(weight @ np.logaddexp(0.0, -margin)) + float(w @ w) / (2 * c)
        slope = -weight * signs * _sigmoid(-margin)
        grad = np.empty_like(params)
        grad[:-1] = xt @ slope + w / c
        grad[-1] = slope.sum()
        return value, grad

    start = np.zeros(n_features + 1)
    found = optimize.minimize(
        loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 3000, "gtol": 1e-6}
    )
    return found.x[:-1], float(found.x[-1])


def fit_softmax(
    x: sparse.csr_matrix, labels: NDArray[np.int64], n_classes: int, c: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """L2-penalised multinomial logistic regression by L-BFGS."""
    n_rows, n_features = x.shape
    onehot = np.zeros((n_rows, n_classes))
    onehot[np.arange(n_rows), labels] = 1.0
    xt = x.T.tocsr()

    def loss(params: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        w = params[: n_features * n_classes].reshape(n_features, n_classes)
        b = params[n_features * n_classes :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(z).sum(axis=1, keepdims=True))
        log_p = z - log_norm
        value = -float((onehot * log_p).sum()) + float((w * w).sum()) / (2 * c)
        diff = np.exp(log_p) - onehot
        grad = np.concatenate([(xt @ diff + w / c).ravel(), diff.sum(axis=0)])
        return value, grad

    start = np.zeros(n_features * n_classes + n_classes)
    found = optimize.minimize(
        loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 3000, "gtol": 1e-6}
    )
    params = found.x
    return params[: n_features * n_classes].reshape(n_features, n_classes), params[
        n_features * n_classes :
    ]


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    out: NDArray[np.float64] = 0.5 * (1.0 + np.tanh(0.5 * z))
    return out


def folds(n_rows: int) -> list[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """FOLDS (fit rows, held-out rows) pairs from one seeded shuffle (legacy RandomState,
    frozen by numpy's stream-compatibility policy)."""
    order = np.random.RandomState(SEED).permutation(n_rows)
    held = np.array_split(order, FOLDS)
    return [
        (np.sort(np.concatenate(held[:k] + held[k + 1 :])), np.sort(held[k])) for k in range(FOLDS)
    ]


def choose_threshold(
    scores: NDArray[np.float64], hard: NDArray[np.bool_], everyday: NDArray[np.bool_]
) -> float:
    """The lowest cut whose alarms stay within both budgets (on out-of-fold scores)."""
    cut_hard = np.quantile(scores[hard], 1.0 - MAX_HARD_NEGATIVE_ALARMS)
    cut_everyday = np.quantile(scores[everyday], 1.0 - MAX_EVERYDAY_ALARMS)
    return float(max(cut_hard, cut_everyday))


def train(examples: Sequence[Example], log: Callable[[str], None]) -> dict[str, Any]:
    """Fit everything on ``examples``; return the arrays of the model file and its figures."""
    vocab_words, vocab_chars, idf = vocabulary(examples)
    zeros = np.zeros((len(vocab_words) + len(vocab_chars), len(KINDS)), np.float32)
    empty = np.zeros((len(idf), len(ALL_CATEGORIES)), np.float32)
    shell = SafetyModel(
        vocab_words,
        vocab_chars,
        idf,
        zeros,
        np.zeros(2, np.float32),
        np.zeros(2, np.float32),
        empty,
        np.zeros(len(ALL_CATEGORIES), np.float32),
    )
    x = design(shell, examples)
    log(f"features: {x.shape[1]} ({len(vocab_words)} words, {len(vocab_chars)} char grams)")
    weight = np.array([EVERYDAY_WEIGHT if e.source == "goemotions" else 1.0 for e in examples])
    hard = np.array([e.expect == "none" and e.source != "goemotions" for e in examples])
    everyday = np.array([e.source == "goemotions" for e in examples])
    kind_weights = np.zeros((x.shape[1], len(KINDS)))
    kind_bias = np.zeros(len(KINDS))
    thresholds = np.zeros(len(KINDS))
    out_of_fold = np.zeros((len(examples), len(KINDS)))
    for column, kind in enumerate(KINDS):
        y = np.array([e.expect == kind for e in examples], dtype=np.float64)
        for fit_rows, held_rows in folds(len(examples)):
            w, b = fit_logistic(x[fit_rows], y[fit_rows], weight[fit_rows], C_KIND)
            out_of_fold[held_rows, column] = x[held_rows] @ w + b
        kind_weights[:, column], kind_bias[column] = fit_logistic(x, y, weight, C_KIND)
        # Only texts that are not of this kind can be its false alarms.
        thresholds[column] = choose_threshold(out_of_fold[:, column], hard & (y == 0), everyday)
        log(f"{kind}: threshold {thresholds[column]:.3f} (raw score, from out-of-fold scores)")
    risky = [i for i, e in enumerate(examples) if e.expect != "none"]
    labels = np.array([ALL_CATEGORIES.index(examples[i].category) for i in risky])
    category_weights, category_bias = fit_softmax(x[risky], labels, len(ALL_CATEGORIES), C_CATEGORY)
    log("categories fitted")
    return {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int64),
        "kinds": encode_lines(KINDS),
        "categories": encode_lines(ALL_CATEGORIES),
        "words": encode_lines(vocab_words),
        "chars": encode_lines(vocab_chars),
        "idf": idf,
        "kind_weights": kind_weights.astype(np.float32),
        "kind_bias": kind_bias.astype(np.float32),
        "thresholds": thresholds.astype(np.float32),
        "category_weights": category_weights.astype(np.float32),
        "category_bias": category_bias.astype(np.float32),
    }


def build(out_dir: Path = OUT, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Train on every set and write ``safety.npz`` and ``manifest.json`` into ``out_dir``."""
    with threadpool_limits(limits=1):
        examples, hashes = read_examples(log)
        arrays = train(examples, log)
    payload = write_npz(arrays)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MODEL_FILE).write_bytes(payload)
    counts = Counter(e.source for e in examples)
    manifest = {
        "format_version": FORMAT_VERSION,
        "command": "python -m training.safety",
        "data": {"files": hashes, "texts_used": dict(sorted(counts.items()))},
        "settings": {
            "word_min_df": WORD_MIN_DF,
            "char_min_df": CHAR_MIN_DF,
            "c_kind": C_KIND,
            "c_category": C_CATEGORY,
            "everyday_weight": EVERYDAY_WEIGHT,
            "max_hard_negative_alarms": MAX_HARD_NEGATIVE_ALARMS,
            "max_everyday_alarms": MAX_EVERYDAY_ALARMS,
            "thresholds": [round(float(t), 4) for t in arrays["thresholds"]],
        },
        "files": {
            MODEL_FILE: {"sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload)}
        },
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (out_dir / MANIFEST).write_text(text, encoding="utf-8")
    return manifest


def hold_out(source: str, log: Callable[[str], None] = print) -> bytes:
    """Train without ``source`` (GoEmotions dev comments left out too) and return the model
    file's bytes, so that ``benchmarks/safety.py --model`` can measure it on texts it never
    saw."""
    with threadpool_limits(limits=1):
        examples, _ = read_examples(log)
        dev_everyday = _goemotions_dev_texts()
        kept = [
            e
            for e in examples
            if e.source != source and not (e.source == "goemotions" and e.text in dev_everyday)
        ]
        return write_npz(train(kept, log))


def _goemotions_dev_texts() -> set[str]:
    path = SHARED / "goemotions" / "dev.tsv"
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--hold-out",
        choices=sorted(labelled_files()),
        help="train without this set (and the GoEmotions dev comments) and write "
        "OUT/safety-without-SET.npz, to measure it with benchmarks/safety.py --model",
    )
    args = parser.parse_args(argv)
    missing = [p for p in [*everyday_files(), SHARED / "safety" / "dev.jsonl"] if not p.is_file()]
    if missing:
        print(f"Error: no file at {missing[0]}. Put ../shared beside the repo.", file=sys.stderr)
        return 2
    if args.hold_out:
        path = args.out / f"safety-without-{args.hold_out}.npz"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(hold_out(args.hold_out))
        print(f"trained without {args.hold_out}: {path}")
        return 0
    build(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
