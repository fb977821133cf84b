"""Detecting an export's format and reading it with the right reader (see the package)."""

from __future__ import annotations

import io
import re
from datetime import tzinfo
from typing import BinaryIO

from nearer.core.chats.generic_csv import read_csv_table, sniff_header
from nearer.core.chats.jsontools import load_json
from nearer.core.chats.messenger import read_messenger_table
from nearer.core.chats.model import ChatTable, Message, concat_tables
from nearer.core.chats.options import FORMATS
from nearer.core.chats.signal import read_signal_table
from nearer.core.chats.telegram import read_telegram_table
from nearer.core.chats.textio import read_bytes, to_utf8
from nearer.core.chats.whatsapp import normalize, parse_whatsapp, read_whatsapp_table
from nearer.core.chats.whatsapp_headers import read_head
from nearer.core.errors import ParseError, UnknownFormat

_SNIFF = 65536


def detect_format(data: bytes) -> str:
    """Name the format of an export from its first bytes (see ``FORMATS``)."""
    if data[:4] == b"PK\x03\x04":
        return "whatsapp"
    head = to_utf8(data[: _SNIFF * 4] if len(data) > _SNIFF * 4 else data, "file")
    head = head[:_SNIFF]
    # Invisible marks go before looking: iOS exports may put a byte-order mark between "["
    # and the date ("[\ufeff29.01.18, 12:24:03] ..."), which is no JSON array.
    stripped = normalize(head).lstrip()
    if stripped[:1] == b"{" or (
        stripped[:1] == b"[" and not re.match(rb"\[\d{1,4}[./-]", stripped)
    ):
        if b'"sender_name"' in head and b'"timestamp_ms"' in head:
            return "messenger"
        if re.search(rb'"(date_unixtime|chats)"|"type"\s*:\s*"(message|service)"', head):
            return "telegram"
        if len(head) == len(data):
            load_json(data, "file")  # a truncated or broken JSON says so
        raise UnknownFormat(
            "this JSON is not a chat export nearer knows (Telegram, Messenger, Instagram). "
            "Convert it to CSV with timestamp,sender,text columns."
        )
    text = normalize(head).decode("utf-8", "ignore")
    lines = [ln for ln in text.split("\n")[:200] if ln.strip()]
    if lines and sniff_header(lines[0]):
        return "csv"
    heads = [h for h in (read_head(ln) for ln in lines) if h is not None]
    if heads:
        signal_like = all(
            h.bracket and h.year_first and h.sep == "-" and h.second < 0 and not h.ampm
            for h in heads
        )
        return "signal" if signal_like else "whatsapp"
    raise UnknownFormat(
        "nearer does not recognise this file's format. Pass a WhatsApp .txt/.zip, Telegram "
        "result.json, Messenger/Instagram message_1.json, Signal text export or a CSV with "
        "timestamp,sender,text columns (or choose its format)."
    )


def read_table(
    fp: BinaryIO,
    format: str | None = None,
    *,
    date_order: str | None = None,
    tz: tzinfo | None = None,
) -> ChatTable:
    """Read one export (format detected unless given) into columns."""
    return read_tables([fp], format, date_order=date_order, tz=tz)


def read_tables(
    fps: list[BinaryIO],
    format: str | None = None,
    *,
    date_order: str | None = None,
    tz: tzinfo | None = None,
) -> ChatTable:
    """Read several files of one conversation (message_1.json, message_2.json, ...) as one."""
    if format is not None and format not in FORMATS:
        raise UnknownFormat(f"unknown format {format!r}. Use one of: {', '.join(FORMATS)}.")
    blobs = [read_bytes(fp) for fp in fps]
    kinds = [format or detect_format(b) for b in blobs]
    tables: list[ChatTable] = []
    messenger = [b for b, k in zip(blobs, kinds, strict=True) if k in ("messenger", "instagram")]
    if messenger:
        table = read_messenger_table([io.BytesIO(b) for b in messenger], tz)
        if "instagram" in kinds:
            table.format = "instagram"
        tables.append(table)
    for blob, kind in zip(blobs, kinds, strict=True):
        if kind == "whatsapp":
            tables.append(read_whatsapp_table(io.BytesIO(blob), date_order))
        elif kind == "signal":
            tables.append(read_signal_table(io.BytesIO(blob)))
        elif kind == "telegram":
            tables.append(read_telegram_table(io.BytesIO(blob), tz))
        elif kind == "csv":
            tables.append(read_csv_table(io.BytesIO(blob), tz))
    if not tables:
        raise ParseError("no chat file was given. Pass at least one export file.")
    return concat_tables(tables)


def read_messages(
    fp: BinaryIO,
    format: str | None = None,
    *,
    date_order: str | None = None,
    tz: tzinfo | None = None,
) -> list[Message]:
    """Read one export into typed records, oldest first."""
    return read_table(fp, format, date_order=date_order, tz=tz).messages()


def parse_bytes(data: bytes, date_order: str | None = None) -> ChatTable:
    """Parse WhatsApp bytes already in memory (the benchmark's and tests' shortcut)."""
    return parse_whatsapp(data, date_order)
