"""Every file of the shared conformance corpus parses to exactly the expected messages.

``corpus_expected.json`` lists, per file, every message as [timestamp, sender, text, flags...]
in time order; it was checked by eye against each file (notes below) and, where the source
project ships one, against its own expected parse.

Judgement calls, by file:
* chat-miner ``John Doe:.`` (no space after the colon) is not a message, as in chat-miner's
  own targets; ``created group`` / ``You were added`` are system lines.
* Chatistics ``_chat.txt``/``_chat 2.txt``: a line whose year width differs from the rest of
  its layout (``[1.2.2019, 00:00:00] ...``) and ``2/11/19, 14:48 Alice...`` (no separator)
  continue the previous message, as that project's own test says.
* Chatistics ``_chat 3.txt``: no field above 12, one step back in time either way; the
  unpadded ``2/11/19`` is the US pattern, so month first (that project expects the same).
* chat-miner ``test_dateformat4.txt``: undecided by the data; a 12-hour clock with slashes
  reads month first. ``13:37 p.m.`` is taken as 13:37.
* Telegram: entity pieces are joined as they are (``Link:`` + url, no space added).
* Instagram ``testlog.json``: polls, a join and a reaction without a message are events.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from nearer.core.chats import detect_format, read_messages

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "chats"
EXPECTED: dict[str, list[list[str]]] = json.loads(
    (Path(__file__).with_name("corpus_expected.json")).read_text(encoding="utf-8")
)


def _rows(path: Path) -> list[list[str]]:
    with path.open("rb") as fp:
        messages = read_messages(fp, tz=UTC)
    return [
        [m.timestamp.isoformat(), m.sender, m.text]
        + [k for k in ("media", "deleted", "edited") if getattr(m, k)]
        for m in messages
    ]


def test_corpus_is_there_and_fully_covered() -> None:
    files = {
        str(p.relative_to(CORPUS))
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name not in ("README.md", "target.json")
    }
    assert files, f"the shared corpus is missing at {CORPUS}"
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_message_sender_and_timestamp(name: str) -> None:
    assert _rows(CORPUS / name) == EXPECTED[name]


@pytest.mark.parametrize(
    ("folder", "sample"),
    [
        ("whatsapp", "test_ddmmyy_24hrs.txt"),
        ("whatsapp", "test_mmddyy_24hrs.txt"),
        ("whatsapp", "test_[mmddyy]_24hrs.txt"),
        ("whatsapp", "test_yyyymmdd_24hrs.txt"),
        ("whatsapp", "test_mmddyyyy_12hrs.txt"),
        ("signal", "test_export.txt"),
        ("instagram", "test_export.json"),
        ("telegram", "test_single_export.json"),
        ("telegram", "test_batch_export.json"),
    ],
)
def test_agrees_with_chat_miner_targets(folder: str, sample: str) -> None:
    base = CORPUS / "joweich__chat-miner" / "test" / folder
    target = json.loads((base / "target.json").read_text(encoding="utf-8"))
    want = sorted(
        (t["timestamp"], t["author"], t["message"].replace("Link: ", "Link:")) for t in target
    )
    got = sorted(
        (ts, sender, text.replace("\n", " ")) for ts, sender, text, *_ in _rows(base / sample)
    )
    assert got == want


def test_chatistics_dates_agree() -> None:
    base = CORPUS / "MasterScrat__Chatistics" / "tests" / "test_data" / "whatsapp"
    chat3 = [row[0] for row in _rows(base / "_chat 3.txt")]
    assert sorted(chat3) == sorted(
        ["2019-02-11T14:18:00"]
        + ["2019-02-11T14:21:00"] * 3
        + [
            "2019-02-11T14:22:00",
            "2019-10-11T14:25:00",
            "2019-02-11T14:33:00",
            "2019-02-11T14:48:00",
            "2019-02-11T14:51:00",
        ]
    )
    chat2 = _rows(base / "_chat 2.txt")
    assert [r[0] for r in chat2] == [
        "2019-09-17T16:37:47",
        "2019-09-17T16:38:06",
        "2019-09-17T16:38:59",
        "2019-09-17T16:39:52",
    ]
    assert chat2[0][2].endswith(
        "[1.9.19, 00:00:00] Peter Doe: this is the second line of the first message"
    )


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("joweich__chat-miner/test/signal/test_export.txt", "signal"),
        ("joweich__chat-miner/test/telegram/test_batch_export.json", "telegram"),
        ("joweich__chat-miner/test/instagram/test_export.json", "messenger"),
        ("MasterScrat__Chatistics/tests/test_data/whatsapp/_chat.txt", "whatsapp"),
        ("nmoya__whatsapp-parser/test/testChat2.txt", "whatsapp"),
    ],
)
def test_format_detected(name: str, fmt: str) -> None:
    assert detect_format((CORPUS / name).read_bytes()) == fmt
