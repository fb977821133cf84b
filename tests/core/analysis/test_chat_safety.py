"""The chat's safety step: danger in the messages puts help first and holds back joint steps."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats import read_tables
from nearer.core.chats.model import Message
from nearer.core.chats.render import Layout, render_whatsapp
from nearer.core.safety import scan
from nearer.core.safety.prefilter import might_alert

# What the person at risk writes to the partner (the scan reads people's own accounts).
CHOKED = "you choked me last night and I am scared of you"
THREAT = "you said you would hurt me if I told anyone"
CASES = Path(__file__).parents[1] / "safety" / "cases"
DEV = Path(__file__).parents[4] / "shared" / "data" / "safety" / "dev.jsonl"


def _export(extra: list[Message]) -> bytes:
    # The synthetic chat's word salad can read as risk now and then ("done for good"):
    # those lines are left out so that only the messages a test adds are at issue.
    msgs = [
        m for m in synthetic_couple("pursue-withdraw", weeks=40, seed=3) if not scan(m.text).alert
    ]
    msgs = sorted([*msgs, *extra], key=lambda m: m.timestamp)
    return render_whatsapp(msgs, Layout()).encode()


def _report(data: bytes, **settings: object) -> dict[str, object]:
    table = read_tables([io.BytesIO(data)])
    return run(table, Settings(emotions=False, safety=True, **settings)).to_json()  # type: ignore[arg-type]


def test_a_threatening_chat_alerts_and_holds_back_joint_steps() -> None:
    when = datetime(2023, 6, 7, 21, 30)
    data = _export([Message(when, "Ana", CHOKED), Message(when + timedelta(days=2), "Ana", THREAT)])
    report = _report(data)
    safety = report["safety"]
    assert isinstance(safety, dict)
    assert "partner_harm" in safety["kinds"]
    assert safety["level"] == "emergency"  # strangulation is always an emergency
    assert "strangulation" in safety["categories"]
    assert safety["senders"] == {"Ana": 2}
    assert safety["messages"] == 2
    assert [w["week"] for w in safety["weeks"]] == ["2023-W23"]
    assert safety["response"]["lead"] == "partner_harm"
    assert safety["response"]["lines"]  # the help lines come with it
    text = json.dumps(report)
    for words in (CHOKED, THREAT, "choked me", "would hurt me", "told anyone"):
        assert words not in text
    kinds = {s["kind"] for h in report["headlines"] for s in h["steps"]}  # type: ignore[union-attr]
    assert report["headlines"], "the synthetic couple has signals"
    assert kinds <= {"strategy"}  # no weekly talk, Connection Check prompt or couples therapy
    ids = {s["id"] for h in report["headlines"] for s in h["steps"]}  # type: ignore[union-attr]
    assert "couples_therapy" not in ids


def test_redacted_names_in_the_safety_summary() -> None:
    when = datetime(2023, 6, 7, 21, 30)
    report = _report(_export([Message(when, "Ana", CHOKED)]), redact=True, me="Ana")
    safety = report["safety"]
    assert isinstance(safety, dict)
    assert safety["senders"] == {"Partner A": 1}
    assert "Ana" not in json.dumps(safety)


def test_a_chat_without_risk_has_no_safety_block() -> None:
    report = _report(_export([]))
    assert report["safety"] is None
    kinds = {s["kind"] for h in report["headlines"] for s in h["steps"]}  # type: ignore[union-attr]
    assert "weekly_talk" in kinds


def test_without_the_step_the_contract_is_unchanged() -> None:
    table = read_tables([io.BytesIO(_export([Message(datetime(2023, 6, 7), "Ben", CHOKED)]))])
    assert "safety" not in run(table, Settings(emotions=False)).to_json()


def _texts() -> list[str]:
    from nearer.core.safety.rules import rule_book

    files = sorted(CASES.glob("*.jsonl")) + ([DEV] if DEV.exists() else [])
    texts = [json.loads(line)["text"] for f in files for line in f.read_text().splitlines() if line]
    return texts + [example for rule in rule_book().rules for example in rule.examples]


@pytest.mark.parametrize(
    "text",
    [
        "I love you, see you at dinner tonight, okay?",
        "are you going to be home late? I will make dinner",
        "haha ok, the train is late again",
    ],
)
def test_the_prefilter_lets_ordinary_messages_pass_unscanned(text: str) -> None:
    assert not might_alert(text)


@pytest.mark.parametrize("text", _texts())
def test_the_prefilter_never_drops_a_text_the_scan_alerts_on(text: str) -> None:
    if scan(text, model=None).alert:  # the rules: what the chat screen reads with
        assert might_alert(text), text


def test_the_screen_window_and_repeated_texts() -> None:
    from nearer.core.analysis.safety import screened_rows

    first = datetime(2023, 1, 2, 9, 0)
    msgs = [
        Message(first, "Ana", CHOKED),  # 40 weeks before the last message
        Message(first + timedelta(weeks=30), "Ana", CHOKED),
        Message(first + timedelta(weeks=30, hours=1), "Ben", "ok"),
        Message(first + timedelta(weeks=40), "Ben", CHOKED),  # the same text again
    ]
    table = read_tables([io.BytesIO(render_whatsapp(msgs, Layout()).encode())])
    assert screened_rows(table).texts.tolist() == [0, 1, 3]
    assert screened_rows(table, 26).texts.tolist() == [1, 3]
    assert screened_rows(table, 1).texts.tolist() == [3]
