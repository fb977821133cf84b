"""The shipped model files: size, checksums, load time, and that training rebuilds them."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import time
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from nearer.core.emotions import model as model_module
from nearer.core.emotions.labels import LABELS
from nearer.core.emotions.model import (
    MODES,
    decide,
    encode_lines,
    load_model,
    manifest,
    read_model,
    write_npz,
)
from nearer.core.errors import ModelError

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data" / "goemotions"
HAVE_DATA = (DATA / "train.tsv").is_file() and (DATA / "dev.tsv").is_file()
HAVE_TRAIN_EXTRA = all(importlib.util.find_spec(m) for m in ("scipy", "threadpoolctl"))
needs_training = pytest.mark.skipif(
    not (HAVE_DATA and HAVE_TRAIN_EXTRA),
    reason="needs ../shared/data/goemotions and the train extra (make test installs it)",
)
MODEL_DIR = resources.files("nearer.core.emotions").joinpath("models")


def test_every_mode_is_shipped_within_30_mb_and_matches_the_manifest() -> None:
    info = manifest()
    total = 0
    for mode in MODES:
        payload = MODEL_DIR.joinpath(f"{mode}.npz").read_bytes()
        total += len(payload)
        entry = info["files"][f"{mode}.npz"]
        assert hashlib.sha256(payload).hexdigest() == entry["sha256"]
        assert len(payload) == entry["bytes"]
    assert total < 30 * 1024 * 1024


def test_manifest_records_the_data_checksums_and_dev_figures() -> None:
    info = manifest()
    for name in ("train.tsv", "dev.tsv"):
        assert len(info["data"][name]["sha256"]) == 64
    assert info["data"]["train.tsv"]["rows_used"] == 43_410
    assert info["modes"]["fast"]["dev"]["macro_f1"] >= 0.46
    assert info["modes"]["accurate"]["dev"]["macro_f1"] >= 0.50
    if HAVE_DATA:
        for name in ("train.tsv", "dev.tsv"):
            digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
            assert info["data"][name]["sha256"] == digest


@pytest.mark.parametrize("mode", MODES)
def test_loads_offline_in_under_a_second(mode: str) -> None:
    load_model.cache_clear()
    start = time.perf_counter()
    loaded = load_model(mode)
    assert time.perf_counter() - start < 1.0
    assert loaded.weights.shape == (loaded.featurizer.n_features, len(LABELS))
    assert np.all(loaded.slope > 0)


def test_unknown_mode_and_damaged_file_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ModelError, match="Use one of: fast, accurate"):
        load_model("turbo")
    load_model.cache_clear()
    monkeypatch.setattr(model_module, "manifest", lambda: {"files": {}})
    with pytest.raises(ModelError, match="does not match its manifest checksum"):
        load_model("fast")
    load_model.cache_clear()
    with pytest.raises(ModelError, match="unreadable"):
        read_model("fast", b"not a zip file")
    with pytest.raises(ModelError, match="lacks"):
        read_model("fast", write_npz({"format_version": np.array(1)}))


def test_npz_writer_is_byte_stable_and_round_trips() -> None:
    arrays = {"b": np.arange(5, dtype=np.int8), "a": encode_lines(["x", "yé"])}
    first = write_npz(arrays)
    assert first == write_npz(dict(reversed(list(arrays.items()))))
    with np.load(__import__("io").BytesIO(first)) as data:
        assert data["b"].tolist() == [0, 1, 2, 3, 4]
        assert data["a"].tobytes().decode() == "x\nyé"


def test_decide_falls_back_to_the_best_label() -> None:
    scores = np.array([[0.1, 0.7, 0.2], [0.2, 0.4, 0.3]], dtype=np.float32)
    assert decide(scores).tolist() == [[False, True, False], [False, True, False]]


@needs_training
def test_quick_rebuild_on_a_slice_is_deterministic(tmp_path: Path) -> None:
    from training.emotions import build

    first = build(DATA, tmp_path / "a", ("fast",), limit=1500, log=lambda _: None)
    second = build(DATA, tmp_path / "b", ("fast",), limit=1500, log=lambda _: None)
    assert (tmp_path / "a" / "fast.npz").read_bytes() == (tmp_path / "b" / "fast.npz").read_bytes()
    assert first["files"] == second["files"]
    assert first["data"]["train.tsv"]["rows_used"] == 1500
    written = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((tmp_path / "a" / "fast.npz").read_bytes()).hexdigest()
    assert written["files"]["fast.npz"]["sha256"] == digest


@needs_training
def test_training_command_rebuilds_exactly_the_shipped_files(tmp_path: Path) -> None:
    """The documented command (make model) reproduces the shipped bytes (about 1-2 min)."""
    from training.emotions import main

    assert main(["--data", str(DATA), "--out", str(tmp_path)]) == 0
    shipped = manifest()
    rebuilt = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert rebuilt["files"] == shipped["files"]
    assert rebuilt["data"] == shipped["data"]
    for name in [f"{mode}.npz" for mode in MODES] + ["manifest.json"]:
        assert (tmp_path / name).read_bytes() == MODEL_DIR.joinpath(name).read_bytes(), name
