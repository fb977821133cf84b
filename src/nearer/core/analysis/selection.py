"""Which messages the couple-level analysis reads: a start day, and the two people.

    senders(table) -> [(name, messages), ...]        most active first (for a picker)
    choose_couple(table, between=None) -> ChatTable   only the two people's messages

A chat between two people needs no choice. A group chat needs the two people named; the
error then lists every sender with their message count, so the CLI can name its option
(``--between``) and the web app can show a picker. Messages say which setting to choose,
never a command-line flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np

from nearer.core.arrays import Ints
from nearer.core.chats.model import ChatTable, to_seconds
from nearer.core.errors import ChatError, ChoiceError


def senders(table: ChatTable) -> list[tuple[str, int]]:
    """Every sender with their number of messages, most active first (ties by name)."""
    counts = np.bincount(table.sender, minlength=len(table.names))
    present = [(table.names[i], int(counts[i])) for i in np.flatnonzero(counts)]
    return sorted(present, key=lambda item: (-item[1], item[0]))


def _listed(people: Sequence[tuple[str, int]]) -> str:
    shown = [f"{name} ({count:,} message{'' if count == 1 else 's'})" for name, count in people[:8]]
    return ", ".join(shown) + (f" and {len(people) - 8} more" if len(people) > 8 else "")


def since(table: ChatTable, first_day: datetime | None) -> ChatTable:
    """The messages on or after ``first_day`` (all of them when it is None)."""
    if first_day is None:
        return table
    table = subset(table, np.flatnonzero(table.seconds >= to_seconds(first_day)))
    if len(table) == 0:
        raise ChoiceError(
            f"no messages on or after {first_day:%Y-%m-%d}. Choose an earlier start day.",
            "since",
        )
    return table


def choose_couple(table: ChatTable, between: Sequence[str] | None = None) -> ChatTable:
    """The two people's messages: all of a two-person chat, or the two named in ``between``."""
    if len(table) == 0:
        raise ChatError("the chat has no messages (only system lines). Export the chat again.")
    people = senders(table)
    names = [name for name, _ in people]
    if between:
        chosen = list(dict.fromkeys(between))
        unknown = [name for name in chosen if name not in names]
        if unknown:
            raise ChoiceError(
                f"{unknown[0]!r} has no messages in this chat. Choose two of: {_listed(people)}.",
                "between",
                tuple(people),
            )
        if len(chosen) != 2:
            raise ChoiceError(
                f"choose exactly two different people to compare (got {len(chosen)}). "
                f"This chat has {_listed(people)}.",
                "between",
                tuple(people),
            )
        index = [table.names.index(name) for name in chosen]
        keep = np.flatnonzero(np.isin(table.sender, np.array(index, dtype=table.sender.dtype)))
        return subset(table, keep, order=tuple(chosen))
    if len(people) < 2:
        raise ChatError(
            f"the chat has messages from only one person ({names[0]}). nearer compares two "
            "people: export the whole chat with your partner."
        )
    if len(people) > 2:
        raise ChoiceError(
            f"the chat has {len(people)} senders: {_listed(people)}. Choose the two people "
            "to compare.",
            "between",
            tuple(people),
        )
    if len(table.names) != 2:
        return subset(table, np.arange(len(table)))
    return table


def check_me(table: ChatTable, me: str | None) -> None:
    if me is not None and me not in table.names:
        raise ChoiceError(
            f"your name {me!r} is not one of the two people compared. Choose one of: "
            f"{', '.join(table.names)}.",
            "me",
            tuple(senders(table)),
        )


def subset(table: ChatTable, rows: Ints, order: tuple[str, ...] | None = None) -> ChatTable:
    """The rows ``rows`` of ``table``, with only the senders they hold (in ``order`` if given,
    else in the table's order)."""
    senders_of_rows = table.sender[rows]
    used = [int(u) for u in np.unique(senders_of_rows)]
    if order is not None:
        used = [table.names.index(name) for name in order]
    remap = np.zeros(len(table.names), dtype=np.int32)
    remap[used] = np.arange(len(used), dtype=np.int32)
    return ChatTable(
        format=table.format,
        names=tuple(table.names[u] for u in used),
        seconds=table.seconds[rows],
        sender=remap[senders_of_rows],
        text=table.text,
        start=table.start[rows],
        end=table.end[rows],
        media=table.media[rows],
        deleted=table.deleted[rows],
        edited=table.edited[rows],
        system_lines=table.system_lines,
        notes=table.notes,
    )
