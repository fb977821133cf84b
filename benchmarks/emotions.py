"""Print dev-split figures for nearer's emotion model and for offline tools a user might pick.

    python benchmarks/emotions.py [--data ../shared/data/goemotions]

Needs the ``bench`` extra (vaderSentiment, nrclex) for the comparison rows; without it only
nearer's rows are printed. Columns: macro-F1 over the 28 GoEmotions labels, over the Ekman
groups (+ neutral) and over the sentiment groups (+ neutral), all computed from each tool's
output on dev.tsv (Demszky et al., 2020), and texts per second on this machine.

nearer's thresholds are chosen on out-of-fold scores within train.tsv, never on dev; dev
only picked a handful of settings (training/emotions.py lists them), so its dev figures are
close to held-out. The train out-of-fold figure is printed beside them.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.core.emotions.classify import classify, label_matrix
from nearer.core.emotions.features import tokenize
from nearer.core.emotions.labels import LABELS
from nearer.core.emotions.metrics import group_f1, macro_f1, to_groups
from nearer.core.emotions.model import load_model, manifest

Predictor = Callable[[Sequence[str]], NDArray[np.bool_]]
SENTIMENT_ORDER = ("positive", "negative", "ambiguous", "neutral")  # to_groups column order


def read_dev(path: Path) -> tuple[list[str], NDArray[np.bool_]]:
    texts: list[str] = []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, ids, _ = line.split("\t")
        row = np.zeros(len(LABELS), dtype=bool)
        row[[int(i) for i in ids.split(",")]] = True
        texts.append(text)
        rows.append(row)
    return texts, np.stack(rows)


def timed(
    predict: Callable[[Sequence[str]], NDArray[np.bool_]], texts: Sequence[str]
) -> tuple[NDArray[np.bool_], float]:
    start = time.perf_counter()
    out = predict(texts)
    return out, len(texts) / (time.perf_counter() - start)


def vader_sentiment() -> Callable[[Sequence[str]], NDArray[np.bool_]] | None:
    """VADER (Hutto & Gilbert, 2014): compound >= 0.05 positive, <= -0.05 negative, else
    neutral (the authors' suggested cut-offs). It has no ambiguous class."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()

    def predict(texts: Sequence[str]) -> NDArray[np.bool_]:
        out = np.zeros((len(texts), 4), dtype=bool)
        for i, text in enumerate(texts):
            compound = analyzer.polarity_scores(text)["compound"]
            out[i, 0 if compound >= 0.05 else 1 if compound <= -0.05 else 3] = True
        return out

    return predict


def nrc_labels() -> Callable[[Sequence[str]], NDArray[np.bool_]] | None:
    """The NRC Emotion Lexicon (Mohammad & Turney, 2013) as shipped by nrclex: every lexicon
    emotion of the text's words that shares a GoEmotions name (anger, disgust, fear, joy,
    sadness, surprise) becomes that label; no hit means neutral. Tokens are nearer's
    (lowercased, not lemmatised: nrclex's own lemmatiser needs corpora downloaded)."""
    try:
        from nrclex import NRCLex
    except ImportError:
        return None
    shared = ("anger", "disgust", "fear", "joy", "sadness", "surprise")
    column = {name: LABELS.index(name) for name in shared}

    def predict(texts: Sequence[str]) -> NDArray[np.bool_]:
        out = np.zeros((len(texts), len(LABELS)), dtype=bool)
        for i, text in enumerate(texts):
            lex = NRCLex()
            lex.load_token_list([t.norm for t in tokenize(text)])
            hits = [name for name in shared if lex.raw_emotion_scores.get(name)]
            for name in hits:
                out[i, column[name]] = True
            if not hits:
                out[i, LABELS.index("neutral")] = True
        return out

    return predict


def nrc_sentiment() -> Callable[[Sequence[str]], NDArray[np.bool_]] | None:
    """NRC's own positive / negative word lists: any hit sets that group; none is neutral."""
    try:
        from nrclex import NRCLex
    except ImportError:
        return None

    def predict(texts: Sequence[str]) -> NDArray[np.bool_]:
        out = np.zeros((len(texts), 4), dtype=bool)
        for i, text in enumerate(texts):
            lex = NRCLex()
            lex.load_token_list([t.norm for t in tokenize(text)])
            out[i, 0] = bool(lex.raw_emotion_scores.get("positive"))
            out[i, 1] = bool(lex.raw_emotion_scores.get("negative"))
            out[i, 3] = not (out[i, 0] or out[i, 1])
        return out

    return predict


def row(
    name: str, f28: float | None, ekman: float | None, senti: float | None, speed: float
) -> str:
    def cell(value: float | None) -> str:
        return f"{value:.3f}" if value is not None else "n/a"

    return f"| {name} | {cell(f28)} | {cell(ekman)} | {cell(senti)} | {speed:,.0f} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/goemotions"))
    parser.add_argument("--bulk", type=int, default=50_000, help="texts in the bulk speed run")
    args = parser.parse_args(argv)
    if not (args.data / "dev.tsv").is_file():
        print(f"Error: {args.data / 'dev.tsv'} not found. Pass --data.", file=sys.stderr)
        return 2
    texts, truth = read_dev(args.data / "dev.tsv")
    train_texts = [
        line.split("\t")[0]
        for line in (args.data / "train.tsv").read_text(encoding="utf-8").splitlines()
    ]
    info = manifest()
    print(f"dev.tsv: {len(texts):,} texts. Speed: one process, texts per second, cold caches.")
    print()
    print("| tool | 28-label macro-F1 | Ekman macro-F1 | sentiment macro-F1 | texts/s |")
    print("|---|---|---|---|---|")
    notes = []
    for mode in ("fast", "accurate"):
        start = time.perf_counter()
        load_model(mode)
        loaded = time.perf_counter() - start
        predicted, speed = timed(lambda batch, m=mode: label_matrix(batch, m), texts)
        print(
            row(
                f"nearer {mode}",
                macro_f1(truth, predicted),
                group_f1(truth, predicted, "ekman"),
                group_f1(truth, predicted, "sentiment"),
                speed,
            )
        )
        bulk = (train_texts * (args.bulk // len(train_texts) + 1))[: args.bulk]
        _, bulk_speed = timed(lambda batch, m=mode: label_matrix(batch, m), bulk)
        start = time.perf_counter()
        classify(texts[:2000], mode=mode, evidence=True)
        evidence_speed = 2000 / (time.perf_counter() - start)
        oof = info["modes"][mode]["train_out_of_fold_macro_f1"]
        notes.append(
            f"nearer {mode}: loads in {loaded:.2f} s; {bulk_speed:,.0f} texts/s over "
            f"{len(bulk):,} train texts (bulk path, warm caches); {evidence_speed:,.0f} texts/s "
            f"with evidence; train 5-fold out-of-fold 28-label macro-F1 {oof:.3f}."
        )
    sentiment_truth = to_groups(truth, "sentiment")
    nrc = nrc_labels()
    if nrc is not None:
        predicted, speed = timed(nrc, texts)
        nrc_s = nrc_sentiment()
        assert nrc_s is not None
        senti, _ = timed(nrc_s, texts)
        print(
            row(
                "NRC lexicon (nrclex)",
                macro_f1(truth, predicted),
                group_f1(truth, predicted, "ekman"),
                macro_f1(sentiment_truth, senti),
                speed,
            )
        )
    vader = vader_sentiment()
    if vader is not None:
        predicted, speed = timed(vader, texts)
        print(
            row("VADER (vaderSentiment)", None, None, macro_f1(sentiment_truth, predicted), speed)
        )
    if nrc is None or vader is None:
        notes.append("Comparison rows missing: pip install -e '.[bench]'.")
    print()
    for note in notes:
        print(f"- {note}")
    print(
        "- Published on the test split (not here): BERT-base 0.46 / 0.64 / 0.69 (Demszky et "
        "al., 2020); later BERT re-runs 0.50-0.53 over 28 labels."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
