"""Choosing the two people of a chat: the core API the CLI (--between) and the web picker use."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nearer.core.analysis.report import Settings, run
from nearer.core.analysis.selection import choose_couple, senders
from nearer.core.analysis.synthetic import synthetic_couple
from nearer.core.chats.model import ChatTable, Message
from nearer.core.errors import ChoiceError

T0 = datetime(2024, 3, 1, 9, 0)


def group() -> ChatTable:
    rows = [("Ana", "hi"), ("Cleo", "morning"), ("Ben", "hey"), ("Ana", "tea?"), ("Dev", "!")]
    msgs = [Message(T0 + timedelta(minutes=i), who, text) for i, (who, text) in enumerate(rows)]
    return ChatTable.from_messages("whatsapp", msgs)


def test_senders_most_active_first_then_by_name() -> None:
    assert senders(group()) == [("Ana", 2), ("Ben", 1), ("Cleo", 1), ("Dev", 1)]


def test_choose_couple_keeps_only_the_two_in_the_given_order() -> None:
    couple = choose_couple(group(), ("Ben", "Ana"))
    assert couple.names == ("Ben", "Ana")
    assert [(m.sender, m.text) for m in couple.messages()] == [
        ("Ana", "hi"),
        ("Ben", "hey"),
        ("Ana", "tea?"),
    ]


def test_a_group_without_a_choice_names_the_setting_and_the_choices() -> None:
    with pytest.raises(ChoiceError) as caught:
        choose_couple(group())
    assert caught.value.setting == "between"
    assert caught.value.choices == (("Ana", 2), ("Ben", 1), ("Cleo", 1), ("Dev", 1))
    assert str(caught.value) == (
        "the chat has 4 senders: Ana (2 messages), Ben (1 message), Cleo (1 message), Dev (1 "
        "message). Choose the two people to compare."
    )


@pytest.mark.parametrize(
    ("between", "says"),
    [(("Ana", "Zed"), "'Zed' has no messages"), (("Ana", "Ana"), "exactly two different")],
)
def test_bad_choices(between: tuple[str, str], says: str) -> None:
    with pytest.raises(ChoiceError, match=says):
        choose_couple(group(), between)


def test_the_couple_in_a_group_is_analysed_like_a_couple_alone() -> None:
    couple = synthetic_couple("pursue-withdraw", weeks=36, seed=2)
    extra = [Message(m.timestamp + timedelta(seconds=1), "Cleo", "hi all") for m in couple[::7]]
    alone = run(ChatTable.from_messages("whatsapp", couple), Settings(emotions=False)).data
    table = ChatTable.from_messages("whatsapp", couple + extra)
    in_group = run(table, Settings(emotions=False, between=("Ana", "Ben"))).data
    assert in_group["messages"] == {**alone["messages"], "Cleo": len(extra)}
    for key in ("signals", "totals", "weekly", "pattern", "headlines"):
        assert in_group[key] == alone[key], key
