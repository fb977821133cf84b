"""The prefilter over a whole buffer gives might_alert's answers, and never drops a rule that
matches: checked on chats nobody on the team wrote and on the safety dev set."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from nearer.core.analysis.safety import chat_safety
from nearer.core.chats import read_tables
from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.render import Layout, render_whatsapp
from nearer.core.errors import NearerError
from nearer.core.safety import scan
from nearer.core.safety.bulk import matches_a_rule, texts_that_may_alert
from nearer.core.safety.prefilter import might_alert
from nearer.core.safety.rules import rule_book

SHARED = Path(__file__).parents[4] / "shared"
CORPUS = SHARED / "corpus" / "chats"
DEV = SHARED / "data" / "safety" / "dev.jsonl"
CASES = Path(__file__).parent / "cases"

TRICKY = [
    "he choked me 😢 and I’m scared of him",  # emoji and a curly apostrophe
    "i wanna kms rn",
    "thinking about sewer slide again",
    "100 kms today, knackered",
    "f**k this, I can't do this anymore",
    "Ich bin müde, élan, naïve café… he hit me!!!",
    "HE SAID HE'D KILL ME IF I LEFT",
    "hell do it, he always does",
    "my plan is set for tonight",
    "i’ll end it tonight after the kids are asleep",
    "\u202aI want to die\u202c",  # direction marks around the text
    "ok",
    "🔪🔪🔪",
    "he\u2019s been hitting me since christmas",
    "bad\xa0day, he pushed me down the stairs",  # a no-break space
]


def _buffer(texts: list[str], separator: bytes = b"\n") -> tuple[bytes, np.ndarray, np.ndarray]:
    parts = [t.encode("utf-8") for t in texts]
    starts, ends, at = [], [], 0
    for raw in parts:
        starts.append(at)
        ends.append(at + len(raw))
        at += len(raw) + len(separator)
    return separator.join(parts), np.array(starts), np.array(ends)


def _kept(texts: list[str], separator: bytes = b"\n") -> dict[int, tuple[int, ...]]:
    found = texts_that_may_alert(*_buffer(texts, separator))
    return dict(zip(found.texts.tolist(), found.rules, strict=True))


def _dev_texts() -> list[str]:
    files = sorted(CASES.glob("*.jsonl")) + ([DEV] if DEV.exists() else [])
    texts = [json.loads(line)["text"] for f in files for line in f.read_text().splitlines() if line]
    return texts + [example for rule in rule_book().rules for example in rule.examples]


def _corpus_tables() -> list[ChatTable]:
    tables = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".json"}):
        if path.name == "target.json":
            continue
        try:
            with path.open("rb") as fp:
                tables.append(read_tables([fp]))
        except NearerError:
            continue
    return tables


def _check_same_as_one_by_one(texts: list[str], kept: dict[int, tuple[int, ...]]) -> None:
    book = rule_book().rules
    for i, text in enumerate(texts):
        assert (i in kept) == might_alert(text), text
        found = scan(text, model=None)  # the chat screen reads with the rules alone
        if found.alert:
            # Every rule behind the alert is among the rules the text may match.
            ids = {book[r].id for r in kept[i]}
            assert {e.rule for e in found.evidence} <= ids, text
            assert matches_a_rule(text, kept[i]), text


def test_the_dev_set_cases_and_examples_get_might_alerts_answers() -> None:
    texts = _dev_texts()
    assert len(texts) > 500
    kept = _kept(texts)
    assert any(scan(texts[i]).alert for i in kept)
    _check_same_as_one_by_one(texts, kept)


def test_tricky_texts_and_texts_stored_back_to_back() -> None:
    _check_same_as_one_by_one(TRICKY, _kept(TRICKY))
    # No separator at all: a chunk must never run from one text into the next.
    _check_same_as_one_by_one(TRICKY, _kept(TRICKY, b""))
    touching = ["he cho", "ked me", "i want to d", "ie"]
    assert _kept(touching, b"") == {}


def test_the_shared_chat_corpus_gets_might_alerts_answers() -> None:
    tables = _corpus_tables()
    assert len(tables) >= 10
    for table in tables:
        rows = np.arange(len(table))
        found = texts_that_may_alert(table.text, table.start[rows], table.end[rows])
        kept = set(found.texts.tolist())
        for i in rows:
            text = table.message_text(int(i))
            if table.end[i] > table.start[i]:
                assert (int(i) in kept) == might_alert(text), text


def test_a_chat_with_the_dev_texts_alerts_on_the_same_messages_as_scanning_each() -> None:
    texts = [t for t in _dev_texts() if "\n" not in t and t.strip()]
    start = datetime(2024, 1, 1, 8, 0)
    msgs = [
        Message(start + timedelta(minutes=7 * i), ("Ana", "Ben")[i % 2], text)
        for i, text in enumerate(texts)
    ]
    table = read_tables([io.BytesIO(render_whatsapp(msgs, Layout()).encode())])
    found = chat_safety(table, {})
    expected = sum(1 for i in range(len(table)) if scan(table.message_text(i), model=None).alert)
    assert expected > 100
    assert found is not None
    assert found.messages == expected
    assert sum(found.senders.values()) == expected


@pytest.mark.parametrize("pieces", [1, 3])
def test_pieces_of_the_buffer_share_one_vocabulary(
    pieces: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nearer.core.safety import bulk

    texts = [*TRICKY, *TRICKY, "she said she would hurt me"]
    monkeypatch.setattr(bulk, "PIECE_TEXTS", max(1, len(texts) // pieces))
    _check_same_as_one_by_one(texts, _kept(texts))


def test_long_chunks_that_share_a_start_are_told_apart() -> None:
    # Keys of chunks longer than seven bytes are hashes; equal hashes are checked byte by
    # byte, and chunks longer than a window are hashed whole.
    texts = ["a" * 40 + "suicidal", "a" * 40 + "sunshine", "x" * 9, "x" * 9 + "y", "i am suicidal"]
    kept = _kept(texts)
    _check_same_as_one_by_one(texts, kept)
    assert might_alert(texts[0]) == (0 in kept)
    assert 1 not in kept


def test_the_hash_table_stands_one_chunk_for_each_key_even_when_slots_run_out() -> None:
    from nearer.core.safety.bulk import _standing

    rng = np.random.default_rng(7)
    # More distinct keys than the table's 65,536 slots, each several times, shuffled.
    distinct = rng.integers(1, 2**63, size=150_000, dtype=np.uint64)
    key = rng.permutation(np.concatenate([distinct, distinct[:50_000], distinct[:1_000]]))
    standing = _standing(key)
    assert (key[standing] == key).all()
    heads = np.flatnonzero(standing == np.arange(key.size))
    assert heads.size == np.unique(key).size  # one chunk stands for each key
    assert (standing[standing] == standing).all()


def test_token_bytes_match_the_table_for_every_byte_value() -> None:
    from nearer.core.safety import bulk

    every = np.arange(256, dtype=np.uint8)
    assert bulk._in_token(every).tolist() == [bool(b) for b in bulk._IN_TOKEN]
