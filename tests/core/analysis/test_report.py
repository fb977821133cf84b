"""The JSON contract, redaction, and that no message text reaches the outputs."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from nearer.core.analysis.html import render_html
from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable, Message
from nearer.core.errors import ChatError, ChoiceError

SECRET = "zebrapineapple"


def couple(pattern: str = "pursue-withdraw") -> ChatTable:
    msgs = synthetic_couple(pattern, weeks=36, seed=2)
    msgs.append(Message(msgs[-1].timestamp, "Ana", f"our secret word is {SECRET} <b>&</b>"))
    return ChatTable.from_messages("whatsapp", msgs)


def test_contract_keys() -> None:
    data = run(couple(), Settings(emotions=False)).data
    assert {
        "format",
        "participants",
        "messages",
        "first",
        "last",
        "weekly",
        "couple_weekly",
        "signals",
    } <= set(data)
    assert data["format"] == "whatsapp"
    assert data["participants"] == ["Ana", "Ben"]
    assert set(data["messages"]) == {"Ana", "Ben"}
    assert datetime.fromisoformat(data["first"]) < datetime.fromisoformat(data["last"])
    row = data["weekly"][0]
    for key in (
        "week",
        "person",
        "messages",
        "words_per_message",
        "reply_minutes_median",
        "initiated_share",
        "questions_per_100",
        "affection_per_100",
    ):
        assert key in row
    assert row["week"].startswith("2023-W")
    assert {"week", "lsm"} <= set(data["couple_weekly"][0])
    assert len(data["weekly"]) == 2 * len(data["couple_weekly"])
    json.dumps(data, allow_nan=False)  # no NaN leaks into the contract


def test_no_message_text_in_json_or_html() -> None:
    data = run(couple(), Settings(emotions=False)).data
    page = render_html(data)
    for output in (json.dumps(data, ensure_ascii=False), page):
        assert SECRET not in output
        assert "our secret word" not in output


def test_redact_replaces_names_everywhere() -> None:
    data = run(couple(), Settings(redact=True, me="Ben", emotions=False)).data
    assert data["participants"] == ["Partner A", "Partner B"]
    assert data["me"] == "Partner A"
    text = json.dumps(data, ensure_ascii=False) + render_html(data)
    assert "Ana" not in text and "Ben" not in text
    withdrawer = data["signals"][0]["person"]
    assert withdrawer == "Partner A"  # Ben, who pulls back, is "me" here


def test_html_is_self_contained_and_escaped() -> None:
    msgs = synthetic_couple("stable", weeks=20, seed=1, names=("<Ana>", "Ben & co"))
    page = render_html(run(ChatTable.from_messages("whatsapp", msgs), Settings()).data)
    assert "<Ana>" not in page and "&lt;Ana&gt;" in page
    for fetch in ("src=", "href=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest"):
        assert fetch not in page  # nothing is loaded from anywhere: it works offline
    assert "uPlot" in page and 'id="nearer-data"' in page


def test_one_participant_is_refused() -> None:
    msgs = [m for m in synthetic_couple("stable", weeks=3, seed=1) if m.sender == "Ana"]
    with pytest.raises(ChatError, match="only one person"):
        run(ChatTable.from_messages("whatsapp", msgs))


def test_group_chat_is_refused() -> None:
    msgs = synthetic_couple("stable", weeks=3, seed=1)
    msgs.append(Message(msgs[0].timestamp, "Cleo", "hi all"))
    with pytest.raises(ChatError, match="3 senders"):
        run(ChatTable.from_messages("whatsapp", msgs))


def test_unknown_me_and_since_after_the_end() -> None:
    table = ChatTable.from_messages("whatsapp", synthetic_couple("stable", weeks=3, seed=1))
    with pytest.raises(ChoiceError, match="your name 'Zed' is not one of the two") as me:
        run(table, Settings(me="Zed"))
    assert me.value.setting == "me" and "--" not in str(me.value)
    with pytest.raises(ChoiceError, match="no messages on or after 2030-01-01") as since:
        run(table, Settings(since=datetime(2030, 1, 1)))
    assert since.value.setting == "since" and "--" not in str(since.value)


def test_preload_loads_what_the_settings_need_on_another_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from nearer.core.analysis import report

    loaded: list[tuple[str, bool]] = []

    def recorder(name: str) -> object:
        def load() -> None:
            loaded.append((name, threading.current_thread() is threading.main_thread()))

        return load

    for name in ("load_knowledge", "rule_book", "prefilter", "_emotion_model"):
        monkeypatch.setattr(report, name, recorder(name))
    report.preload(Settings(safety=True))()
    assert loaded == [
        ("load_knowledge", False),
        ("rule_book", False),
        ("prefilter", False),
        ("_emotion_model", False),
    ]
    loaded.clear()
    report.preload(Settings(emotions=False))()  # no screen, no model: the knowledge base
    assert loaded == [("load_knowledge", False)]


def test_preload_leaves_a_failing_load_for_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from nearer.core.analysis import report

    def broken() -> None:
        raise OSError("the knowledge base is unreadable")

    later: list[str] = []
    monkeypatch.setattr(report, "load_knowledge", broken)
    monkeypatch.setattr(report, "_emotion_model", lambda: later.append("model"))
    report.preload(Settings())()  # no error here, and the loads after it still run
    assert later == ["model"]
