"""Telegram, Messenger/Instagram, Signal and CSV readers on small literal exports."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from nearer.core.chats import Message, detect_format, read_messages, read_tables
from nearer.core.chats.jsontools import fix_mojibake
from nearer.core.errors import ParseError, UnknownFormat


def blob(data: object) -> io.BytesIO:
    return io.BytesIO(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def test_telegram_entities_service_and_local_date() -> None:
    doc = {
        "name": "Ana",
        "type": "personal_chat",
        "messages": [
            {"id": 1, "type": "service", "date": "2024-03-01T09:00:00", "actor": "Ana",
             "action": "phone_call"},
            {"id": 2, "type": "message", "date": "2024-03-01T09:01:05",
             "date_unixtime": "1709280065", "from": "Ana", "text": "good morning"},
            {"id": 3, "type": "message", "date": "2024-03-01T09:02:00", "from": "Ben",
             "text": ["see ", {"type": "bold", "text": "you"}, " later"], "edited": "x"},
            {"id": 4, "type": "message", "date": "2024-03-01T09:03:00", "from": "Ben",
             "photo": "photos/1.jpg", "text": ""},
        ],
    }  # fmt: skip
    assert read_messages(blob(doc)) == [
        Message(datetime(2024, 3, 1, 9, 1, 5), "Ana", "good morning"),
        Message(datetime(2024, 3, 1, 9, 2), "Ben", "see you later", edited=True),
        Message(datetime(2024, 3, 1, 9, 3), "Ben", "", media=True),
    ]


def test_telegram_full_export_with_several_chats_is_refused() -> None:
    doc = {"chats": {"list": [{"messages": [{"type": "message"}]}] * 2}}
    with pytest.raises(ParseError, match="holds 2 chats"):
        read_messages(blob(doc), "telegram")


def test_messenger_files_newest_first_are_merged_and_repaired() -> None:
    mojibake = "café ❤️".encode().decode("latin-1")  # what Facebook writes
    newer = {
        "participants": [{"name": "Ana"}, {"name": "Ben"}],
        "messages": [
            {"sender_name": "Ben", "timestamp_ms": 1709283600000, "content": mojibake},
            {"sender_name": "Ana", "timestamp_ms": 1709283000000, "photos": [{"uri": "x"}]},
        ],
    }
    older = {
        "participants": [{"name": "Ana"}, {"name": "Ben"}],
        "messages": [
            {"sender_name": "Ana", "timestamp_ms": 1709280000000, "content": "hi",
             "reactions": [{"reaction": "x", "actor": "Ben"}]},
            {"sender_name": "Ben", "timestamp_ms": 1709279000000, "content": "x",
             "is_unsent": True},
            {"sender_name": "Ben", "timestamp_ms": 1709278000000},
            {"sender_name": "Ana", "timestamp_ms": 1709277000000,
             "content": "Ana joined the group.", "users": [{"name": "Ana"}]},
        ],
    }  # fmt: skip
    table = read_tables([blob(newer), blob(older)], tz=UTC)
    assert table.messages() == [
        Message(datetime(2024, 3, 1, 7, 43, 20), "Ben", "x", deleted=True),
        Message(datetime(2024, 3, 1, 8, 0), "Ana", "hi"),
        Message(datetime(2024, 3, 1, 8, 50), "Ana", "", media=True),
        Message(datetime(2024, 3, 1, 9, 0), "Ben", "café ❤️"),
    ]
    assert table.format == "messenger"


@pytest.mark.parametrize("text", ["café", "Привет", "❤️", "plain"])
def test_mojibake_repair_leaves_correct_text_alone(text: str) -> None:
    assert fix_mojibake(text) == text
    assert fix_mojibake(text.encode().decode("latin-1")) == text


def test_signal_text_export() -> None:
    raw = b"[2024-03-01, 09:00] Ana: morning\n[2024-03-01, 09:05] Ben: hi\nthere\n"
    assert detect_format(raw) == "signal"
    assert read_messages(io.BytesIO(raw)) == [
        Message(datetime(2024, 3, 1, 9, 0), "Ana", "morning"),
        Message(datetime(2024, 3, 1, 9, 5), "Ben", "hi\nthere"),
    ]


def test_csv_with_iso_and_epoch_times_and_semicolons() -> None:
    raw = (
        b"Date;From;Message\n"
        b'2024-03-01 09:00;Ana;"hello; love"\n'
        b"1709283600;Ben;hi\n"
        b"2024-03-01T10:30:00+02:00;Ana;offset kept as wall time\n"
    )
    assert detect_format(raw) == "csv"
    assert read_messages(io.BytesIO(raw), tz=UTC) == [
        Message(datetime(2024, 3, 1, 9, 0), "Ana", "hello; love"),
        Message(datetime(2024, 3, 1, 9, 0), "Ben", "hi"),
        Message(datetime(2024, 3, 1, 10, 30), "Ana", "offset kept as wall time"),
    ]


def test_csv_errors_name_the_problem() -> None:
    with pytest.raises(ParseError, match="timestamp nearer cannot read: 'soon'"):
        read_messages(io.BytesIO(b"timestamp,sender,text\nsoon,Ana,hi\n"), "csv")
    with pytest.raises(ParseError, match="needs a header row"):
        read_messages(io.BytesIO(b"when,who,what\n2024-01-01,Ana,hi\n"), "csv")


def test_unknown_json_and_unknown_format_name() -> None:
    with pytest.raises(UnknownFormat, match="not a chat export nearer knows"):
        read_messages(blob({"rows": [1, 2]}))
    with pytest.raises(UnknownFormat, match="unknown format 'myspace'"):
        read_messages(blob({}), "myspace")
