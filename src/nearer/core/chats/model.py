"""The shapes every chat reader returns.

Two views of one chat:

* ``Message``: one typed record per real message, for small files, tests and other tools.
* ``ChatTable``: the same messages as columns (numpy arrays over one text buffer), which is
  what the analysis reads. The WhatsApp reader builds it directly, without a Python object
  per message, so that a million-message export is read in well under a second.

Timestamps are local wall time as the export writes it, without a time zone: the analysis
asks "what hour of the day was it for the person who wrote this", not "what instant".
They are stored as int64 seconds since 1970-01-01 00:00 of that wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from nearer.core.arrays import Flags, Int32s, Ints

EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Message:
    """One real message: who wrote it, when (local wall time), and what."""

    timestamp: datetime
    sender: str
    text: str
    media: bool = False
    deleted: bool = False
    edited: bool = False


def to_seconds(when: datetime) -> int:
    """Wall-clock seconds since 1970-01-01 (naive; a zone, if any, is dropped)."""
    return int((when.replace(tzinfo=None) - EPOCH) // timedelta(seconds=1))


def from_seconds(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=int(seconds))


@dataclass
class ChatTable:
    """Messages as columns. Row ``i`` is message ``i``; rows are in time order.

    ``text`` is UTF-8 bytes; message ``i``'s text is ``text[start[i]:end[i]]``. The buffer may
    hold other bytes between messages (headers of the export), which the analysis ignores.
    """

    format: str
    names: tuple[str, ...]
    seconds: Ints  # wall-clock seconds
    sender: Int32s  # index into names
    text: bytes
    start: Ints  # byte offsets into text
    end: Ints
    media: Flags
    deleted: Flags
    edited: Flags
    system_lines: int = 0
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return int(self.seconds.shape[0])

    def message_text(self, i: int) -> str:
        return self.text[int(self.start[i]) : int(self.end[i])].decode("utf-8", "replace")

    def messages(self) -> list[Message]:
        """The rows as typed records (for small chats: this builds one object per row)."""
        return [
            Message(
                timestamp=from_seconds(int(self.seconds[i])),
                sender=self.names[int(self.sender[i])],
                text=self.message_text(i),
                media=bool(self.media[i]),
                deleted=bool(self.deleted[i]),
                edited=bool(self.edited[i]),
            )
            for i in range(len(self))
        ]

    @classmethod
    def from_messages(cls, fmt: str, messages: list[Message], system_lines: int = 0) -> ChatTable:
        """Build the columns from records (sorted by time, stable for equal times)."""
        ordered = sorted(messages, key=lambda m: m.timestamp)
        names: dict[str, int] = {}
        for m in ordered:
            names.setdefault(m.sender, len(names))
        parts: list[bytes] = []
        starts: list[int] = []
        ends: list[int] = []
        offset = 0
        for m in ordered:
            raw = m.text.encode("utf-8")
            starts.append(offset)
            ends.append(offset + len(raw))
            parts.append(raw)
            offset += len(raw) + 1
        n = len(ordered)
        return cls(
            format=fmt,
            names=tuple(names),
            seconds=np.array([to_seconds(m.timestamp) for m in ordered], dtype=np.int64),
            sender=np.array([names[m.sender] for m in ordered], dtype=np.int32),
            text=b"\n".join(parts),
            start=np.array(starts, dtype=np.int64).reshape(n),
            end=np.array(ends, dtype=np.int64).reshape(n),
            media=np.array([m.media for m in ordered], dtype=bool).reshape(n),
            deleted=np.array([m.deleted for m in ordered], dtype=bool).reshape(n),
            edited=np.array([m.edited for m in ordered], dtype=bool).reshape(n),
            system_lines=system_lines,
        )


def concat_tables(tables: list[ChatTable]) -> ChatTable:
    """Merge chats (several files of one conversation, or one per app) into one, time-ordered."""
    if len(tables) == 1:
        return tables[0]
    names: dict[str, int] = {}
    for t in tables:
        for name in t.names:
            names.setdefault(name, len(names))
    texts: list[bytes] = []
    offset = 0
    seconds: list[Ints] = []
    sender: list[Int32s] = []
    start: list[Ints] = []
    end: list[Ints] = []
    media: list[Flags] = []
    deleted: list[Flags] = []
    edited: list[Flags] = []
    for t in tables:
        remap = np.array([names[n] for n in t.names], dtype=np.int32)
        seconds.append(t.seconds)
        sender.append(remap[t.sender] if len(t) else t.sender)
        start.append(t.start + offset)
        end.append(t.end + offset)
        media.append(t.media)
        deleted.append(t.deleted)
        edited.append(t.edited)
        texts.append(t.text)
        offset += len(t.text) + 1
    all_seconds = np.concatenate(seconds)
    order = np.argsort(all_seconds, kind="stable")
    formats = sorted({t.format for t in tables})
    return ChatTable(
        format=formats[0] if len(formats) == 1 else "+".join(formats),
        names=tuple(names),
        seconds=all_seconds[order],
        sender=np.concatenate(sender)[order],
        text=b"\n".join(texts),
        start=np.concatenate(start)[order],
        end=np.concatenate(end)[order],
        media=np.concatenate(media)[order],
        deleted=np.concatenate(deleted)[order],
        edited=np.concatenate(edited)[order],
        system_lines=sum(t.system_lines for t in tables),
        notes=[note for t in tables for note in t.notes],
    )
