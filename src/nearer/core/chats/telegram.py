"""Telegram Desktop "Export chat history" in JSON (``result.json``).

A single chat's export has ``messages`` at the top; the full-account export has
``chats.list[*].messages``. Service messages (calls, pins, joins) are skipped. ``text`` is a
string or a list of plain strings and entity objects whose pieces are joined as they are.
``date`` is the local wall time Telegram wrote; when only ``date_unixtime`` is present it is
converted to ``tz`` (this machine's zone when None).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, BinaryIO

from nearer.core.chats.jsontools import load_json, wall_time
from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.textio import read_bytes
from nearer.core.errors import ParseError

_MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "poll",
    "contact_information",
    "location_information",
)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in value)
    return ""


def chat_messages(doc: Any) -> list[dict[str, Any]]:
    """The message list of a single-chat export or of the only chat in a full export."""
    if isinstance(doc, dict) and isinstance(doc.get("messages"), list):
        return list(doc["messages"])
    chats = doc.get("chats", {}).get("list") if isinstance(doc, dict) else None
    if isinstance(chats, list):
        with_messages = [c for c in chats if isinstance(c, dict) and c.get("messages")]
        if len(with_messages) == 1:
            return list(with_messages[0]["messages"])
        if with_messages:
            raise ParseError(
                f"this Telegram export holds {len(with_messages)} chats. Export only the chat "
                "with your partner (open it, then Export chat history, JSON)."
            )
    raise ParseError("this JSON has no Telegram messages. Export the chat again as JSON.")


def read_telegram_table(fp: BinaryIO, tz: tzinfo | None = None) -> ChatTable:
    return ChatTable.from_messages("telegram", read_telegram(fp, tz))


def read_telegram(fp: BinaryIO, tz: tzinfo | None = None) -> list[Message]:
    doc = load_json(read_bytes(fp), "Telegram file")
    out: list[Message] = []
    for item in chat_messages(doc):
        if not isinstance(item, dict) or item.get("type", "message") != "message":
            continue
        when: datetime
        if "date" in item:
            try:
                when = datetime.fromisoformat(str(item["date"])).replace(tzinfo=None)
            except ValueError as exc:
                raise ParseError(
                    f"a Telegram message has an unreadable date {item['date']!r}. Export again."
                ) from exc
        elif "date_unixtime" in item:
            when = wall_time(float(item["date_unixtime"]), tz)
        else:
            raise ParseError("a Telegram message has no date. Export the chat again as JSON.")
        sender = item.get("from") or item.get("actor") or "Deleted Account"
        out.append(
            Message(
                timestamp=when,
                sender=str(sender),
                text=_text(item.get("text", "")),
                media=any(k in item for k in _MEDIA_KEYS),
                edited="edited" in item or "edited_unixtime" in item,
            )
        )
    return sorted(out, key=lambda m: m.timestamp)
