"""Per-message counts on small literal chats, and word counts against a plain Python count."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.core.analysis.features import message_features
from nearer.core.chats.model import ChatTable, Message

T0 = datetime(2024, 3, 4, 9, 0)


def table(*texts: str, media: tuple[int, ...] = ()) -> ChatTable:
    msgs = [
        Message(T0 + timedelta(minutes=i), "Ana" if i % 2 == 0 else "Ben", t, media=i in media)
        for i, t in enumerate(texts)
    ]
    return ChatTable.from_messages("test", msgs)


def test_words_questions_and_categories() -> None:
    f = message_features(
        table(
            "I love you ❤️ so much, Schatz! Are we going out?",
            "I’m sorry, I feel tired. LET'S talk tomorrow 🙏",
            "<Media omitted>",
            "¿Qué tal? Я ЛЮБЛЮ тебя",
            media=(2,),
        )
    )
    assert f.words.tolist() == [10, 8, 0, 5]
    assert f.question.tolist() == [True, False, False, True]
    assert f.category("affection").tolist() == [3, 0, 0, 1]  # love, ❤, schatz / люблю
    assert f.category("repair").tolist() == [0, 1, 0, 0]
    assert f.category("disclosure").tolist() == [0, 1, 0, 0]  # "I feel"
    assert f.category("we").tolist() == [1, 1, 0, 0]  # we / let's
    assert f.category("i").tolist() == [1, 2, 0, 1]
    assert f.category("you").tolist() == [1, 0, 0, 1]
    assert f.category("plans").tolist() == [0, 2, 0, 0]  # let's, tomorrow
    assert f.category("appreciation").tolist() == [0, 1, 0, 0]  # 🙏


def test_media_and_deleted_have_no_words() -> None:
    msgs = [
        Message(T0, "Ana", "love love love", media=True),
        Message(T0, "Ben", "love love", deleted=True),
    ]
    f = message_features(ChatTable.from_messages("t", msgs))
    assert f.words.tolist() == [0, 0] and f.category("affection").tolist() == [0, 0]


def test_pairs_only_within_one_message() -> None:
    f = message_features(table("so I", "feel fine"))
    assert f.category("disclosure").tolist() == [0, 0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abc XYZ'?.,\n1", max_size=40), min_size=1, max_size=8))
def test_word_counts_match_a_plain_count(texts: list[str]) -> None:
    f = message_features(table(*texts))
    expected = [
        sum(1 for w in "".join(c if c.isalnum() or c == "'" else " " for c in t).split())
        for t in texts
    ]
    assert f.words.tolist() == expected
    assert f.question.tolist() == ["?" in t for t in texts]


@pytest.mark.parametrize("chunk", [100_000, 37])
def test_two_thread_split_gives_the_same_counts(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    from nearer.core.analysis import features as features_module
    from nearer.core.analysis.synthetic import synthetic_couple

    chat = ChatTable.from_messages("t", synthetic_couple("pursue-withdraw", weeks=6, seed=9))
    serial = message_features(chat)
    monkeypatch.setattr(features_module, "PARALLEL_MESSAGES", 10)
    monkeypatch.setattr(features_module, "CHUNK_MESSAGES", chunk)
    split = message_features(chat)
    assert (split.words == serial.words).all() and (split.question == serial.question).all()
    for name in ("affection", "we", "personal_pronouns", "disclosure"):
        assert (split.category(name) == serial.category(name)).all()


def test_byte_classes_match_their_tables_for_every_byte_value() -> None:
    # The counts classify bytes with numpy comparisons; the tables say what each byte is.
    import numpy as np

    from nearer.core.analysis import features

    every = np.arange(256, dtype=np.uint8)
    assert features._word_bytes(every).tolist() == [bool(b) for b in features._WORD]
    assert features._special_at(every).tolist() == [b for b in range(256) if features._SPECIAL[b]]
    none = np.zeros(0, dtype=np.int64)
    lowered = features._lowered(every, none, none)
    assert bytes(lowered[:256]) == features._LOWER
    assert bytes(lowered[256:]) == bytes(features._PAD)
