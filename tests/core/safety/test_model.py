"""The trained model beside the rules: its file, what it adds, its evidence and its guards."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from nearer.core.errors import ModelError
from nearer.core.safety import CATEGORIES, scan
from nearer.core.safety.model import (
    MODEL_FILE,
    check_payload,
    encode_lines,
    load_model,
    manifest,
    read_model,
    text_words,
    write_npz,
)
from nearer.core.safety.text import words
from nearer.core.safety.vocabulary import CATEGORY_LEVELS, LEVELS, kind_of

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
HAVE_DATA = (SHARED / "safety" / "dev.jsonl").is_file() and (
    SHARED / "goemotions" / "train.tsv"
).is_file()
HAVE_TRAIN_EXTRA = all(importlib.util.find_spec(m) for m in ("scipy", "threadpoolctl"))
MODEL_DIR = resources.files("nearer.core.safety").joinpath("models")

# Risk the rules miss and the model catches (kind, category, level), in wording of our own.
MODEL_CATCHES = [
    (
        "the quarry road has been on my mind all week, i know which bend",
        "self_harm",
        "method",
        "urgent",
    ),
    (
        "He makes me hand over my bank card every Friday and gives me twenty quid for the week",
        "partner_harm",
        "economic",
        "concern",
    ),
    (
        "I have to send him a photo of where I am every hour or he goes mad",
        "partner_harm",
        "monitoring",
        "concern",
    ),
    (
        "I keep my door locked at night because I do not know what he will do after the pub",
        "partner_harm",
        "fear",
        "urgent",
    ),
    # The escalation cues of the rules raise the model's findings too.
    (
        "He makes me hand over my bank card every Friday and keeps my passport",
        "partner_harm",
        "economic",
        "urgent",
    ),
]
# The same wording where a guard of the rules applies: nothing may alert.
GUARDED = [
    "In the film the quarry road was on her mind all week, she knew which bend",
    "My sister says the quarry road has been on her mind all week, she knows which bend",
    "I would never think about the quarry road like that",
    "My friend has to hand over her bank card to her husband every Friday and he gives her "
    "twenty quid for the week",
    "we were playing a game and I had to send him a photo of where I am every hour lol",
]
# Written as people jot a memory, in the present tense of then: the model raises partner
# harm on the words and the rules' past guard ("years ago ... long over now") cancels it.
PAST = (
    "Years ago my ex he hides my pill so I'll get pregnant. says then I'll never leave, "
    "that is long over now"
)


def test_the_shipped_file_is_small_and_matches_its_manifest() -> None:
    info = manifest()["files"][MODEL_FILE]
    payload = MODEL_DIR.joinpath(MODEL_FILE).read_bytes()
    assert len(payload) == info["bytes"] <= 10 * 2**20
    assert hashlib.sha256(payload).hexdigest() == info["sha256"]
    assert load_model().n_features > 1000


def test_a_damaged_file_is_refused_by_its_checksum() -> None:
    payload = MODEL_DIR.joinpath(MODEL_FILE).read_bytes()
    damaged = payload[:-1] + bytes([payload[-1] ^ 1])
    with pytest.raises(ModelError, match="does not match its manifest checksum"):
        check_payload(damaged, manifest()["files"][MODEL_FILE]["sha256"])


def test_unreadable_or_incomplete_files_raise_model_error() -> None:
    with pytest.raises(ModelError, match="unreadable"):
        read_model(b"not a zip")
    with pytest.raises(ModelError, match="lacks 'kinds'"):
        read_model(write_npz({"format_version": np.array(1)}))
    with pytest.raises(ModelError, match="has format 9"):
        read_model(write_npz({"format_version": np.array(9)}))
    with pytest.raises(ModelError, match="other categories"):
        read_model(
            write_npz(
                {
                    "format_version": np.array(1),
                    "kinds": encode_lines(["self_harm", "partner_harm"]),
                    "categories": encode_lines(["plan"]),
                }
            )
        )


@pytest.mark.parametrize(("text", "kind", "category", "level"), MODEL_CATCHES)
def test_the_model_adds_what_the_rules_miss_with_evidence(
    text: str, kind: str, category: str, level: str
) -> None:
    assert scan(text, model=None).alert is False
    result = scan(text)
    assert kind in result.kinds
    found = [e for e in result.evidence if e.rule == f"model:{kind}"]
    assert [(e.category, e.level) for e in found] == [(category, level)]
    for evidence in found:
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.text.strip()


@pytest.mark.parametrize("text", GUARDED)
def test_the_rules_guards_cancel_the_models_findings(text: str) -> None:
    assert scan(text).alert is False


def test_the_past_and_resolved_gets_the_gentle_flag_from_the_model_too() -> None:
    assert scan(PAST, model=None).past_resolved is False
    result = scan(PAST)
    assert result.alert is False
    assert result.past_resolved is True


def test_model_findings_are_whole_sentences_of_the_right_kind_and_level() -> None:
    rows = [
        json.loads(line)
        for line in (ROOT / "training" / "safety_data" / "probe2.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    seen = 0
    for row in rows:
        text = row["text"]
        for e in scan(text).evidence:
            if not e.rule.startswith("model:"):
                continue
            seen += 1
            assert e.rule == f"model:{kind_of(e.category)}"
            assert text[e.start : e.end] == e.text
            assert LEVELS.index(e.level) >= LEVELS.index(CATEGORY_LEVELS[e.category])
            assert e.category in CATEGORIES[kind_of(e.category)]
    assert seen >= 10


def test_scores_are_deterministic_across_loads() -> None:
    payload = MODEL_DIR.joinpath(MODEL_FILE).read_bytes()
    first, second = read_model(payload), read_model(payload)
    tokens = text_words(words("some nights the cliffs look like the answer").text)
    assert first.raw_scores(tokens) == second.raw_scores(tokens)
    text = MODEL_CATCHES[0][0]
    assert scan(text) == scan(text)
    assert scan(text, model=first) == scan(text, model=second) == scan(text)


def test_model_alone_can_be_switched_off_and_empty_text_is_quiet() -> None:
    assert scan("", model=None).alert is False
    assert scan(".", model=load_model()).alert is False
    assert scan("...  !!!").alert is False


@pytest.mark.skipif(not HAVE_DATA, reason="needs ../shared/data/safety/dev.jsonl")
def test_no_dev_hard_negative_alerts() -> None:
    rows = [
        json.loads(line)
        for line in (SHARED / "safety" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    alerts = [r["text"] for r in rows if r["expect"] == "none" and scan(r["text"]).alert]
    assert alerts == []


@pytest.mark.skipif(
    not (HAVE_DATA and HAVE_TRAIN_EXTRA),
    reason="needs ../shared/data and the train extra (make test installs it)",
)
def test_training_command_rebuilds_exactly_the_shipped_file(tmp_path: Path) -> None:
    """`make safety-model` reproduces the shipped bytes (about 2 minutes)."""
    from training.safety import main

    assert main(["--out", str(tmp_path)]) == 0
    rebuilt = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert rebuilt["files"] == manifest()["files"]
    assert (tmp_path / MODEL_FILE).read_bytes() == MODEL_DIR.joinpath(MODEL_FILE).read_bytes()
