"""nearer's own words: no entry shares a run of 8 consecutive words with a seed article."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nearer.core.knowledge import AUDIENCES, PATTERNS, PRACTICES, KnowledgeBase
from nearer.core.knowledge.base import TOPICS
from tests.core.knowledge.seedwords import (
    RUN,
    SEED_DIR,
    fingerprint,
    fingerprints_of,
    runs,
    seed_texts,
    stored_fingerprints,
    words,
)


def every_text(kb: KnowledgeBase) -> list[tuple[str, str]]:
    texts = list(kb.texts())
    texts += [(f"pattern {k}", v) for k, v in PATTERNS.items()]
    texts += [(f"audience {k}", v) for k, v in AUDIENCES.items()]
    texts += [(f"practice {k}", v) for k, v in PRACTICES.items()]
    texts += [(f"topic {k}", f"{title}. {summary}") for k, (title, summary) in TOPICS.items()]
    return texts


def test_stored_fingerprints_match_the_seeds() -> None:
    stored = stored_fingerprints()
    assert len(stored) > 5000
    assert all(re.fullmatch(r"[0-9a-f]{16}", f) for f in stored)
    if SEED_DIR.is_dir():  # in the shared checkout: the file must be current
        assert fingerprints_of(seed_texts().values()) == stored


def test_no_entry_copies_eight_words_from_a_seed(kb: KnowledgeBase) -> None:
    seeds = stored_fingerprints()
    copied = [
        f"{where}: {' '.join(run)}"
        for where, text in every_text(kb)
        for run in runs(text)
        if fingerprint(run) in seeds
    ]
    assert not copied, "reword these (8+ words shared with a seed):\n" + "\n".join(copied)


def test_every_text_is_covered_by_the_check(kb: KnowledgeBase) -> None:
    texts = every_text(kb)
    assert len(texts) > 600
    where = {w.split()[0] for w, _ in texts}
    assert {"signs.toml", "factors.toml", "strategies.toml", "faq.toml", "myths.toml"} <= where


def test_a_known_seed_sentence_is_caught() -> None:
    if not SEED_DIR.is_dir():
        return
    text = next(iter(seed_texts().values()))
    first = next(runs(text))
    assert fingerprint(first) in stored_fingerprints()


def test_words_ignore_case_punctuation_and_curly_apostrophes() -> None:
    assert words("Don\u2019t  STOP, believing!") == ["don't", "stop", "believing"]
    assert list(runs("one two three", size=2)) == [("one", "two"), ("two", "three")]


word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@given(st.lists(word, min_size=RUN, max_size=30), st.lists(word, max_size=10), st.data())
def test_any_copied_run_is_detected(
    source: list[str], filler: list[str], data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(source) - RUN))
    copied = source[start : start + RUN]
    text = " ".join(filler) + ", " + " ".join(w.upper() for w in copied) + ". " + " ".join(filler)
    assert fingerprints_of([text]) & fingerprints_of([" ".join(source)])
