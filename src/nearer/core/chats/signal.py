"""Signal chats exported as text (``[2019-12-24, 12:23] Name: text``, one line per message).

The layout is WhatsApp's iOS one with an ISO date and no seconds, so the WhatsApp machinery
reads it; the format is named separately so reports say where the chat came from.
"""

from __future__ import annotations

from typing import BinaryIO, TextIO

from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.textio import read_bytes
from nearer.core.chats.whatsapp import parse_whatsapp


def read_signal_table(fp: BinaryIO | TextIO) -> ChatTable:
    return parse_whatsapp(read_bytes(fp), "ymd", fmt="signal")


def read_signal(fp: BinaryIO | TextIO) -> list[Message]:
    return read_signal_table(fp).messages()
