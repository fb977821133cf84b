"""Facebook Messenger and Instagram "Download your information" JSON (``message_N.json``).

Both write the same shape: ``participants`` and ``messages`` (newest first, split over
several files). Names and texts carry Facebook's mojibake (UTF-8 read as Latin-1), repaired
only where it really is mojibake. Times are epoch milliseconds, converted to ``tz`` (this
machine's zone when None). Entries that are events rather than messages (joins, polls, calls,
reactions alone) are skipped; attachments count as messages and are flagged as media;
unsent messages are flagged as deleted.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any, BinaryIO

from nearer.core.chats.jsontools import fix_mojibake, load_json, wall_time
from nearer.core.chats.model import ChatTable, Message
from nearer.core.chats.textio import read_bytes
from nearer.core.errors import ParseError

_MEDIA_KEYS = ("photos", "videos", "audio_files", "gifs", "sticker", "files", "share")
_EVENT = re.compile(
    r"(poll has multiple updates|this poll is no longer available|created a poll|voted for"
    r"|joined the group|left the group|named the group|changed the group photo"
    r"|changed the theme|set the nickname|set your nickname|started a (video )?call"
    r"|the (video )?call ended|you are now connected on messenger|reacted .* to your message"
    r"|liked a message)",
    re.IGNORECASE,
)


def is_messenger(doc: Any) -> bool:
    msgs = doc.get("messages") if isinstance(doc, dict) else None
    return (
        isinstance(msgs, list)
        and bool(msgs)
        and isinstance(msgs[0], dict)
        and "sender_name" in msgs[0]
        and "timestamp_ms" in msgs[0]
    )


def read_messenger(fps: list[BinaryIO], tz: tzinfo | None = None) -> list[Message]:
    """Read one or several ``message_N.json`` files of one conversation, oldest first."""
    out: list[Message] = []
    for fp in fps:
        doc = load_json(read_bytes(fp), "Messenger/Instagram file")
        if not is_messenger(doc):
            raise ParseError(
                "this JSON is not a Messenger or Instagram conversation (no sender_name and "
                "timestamp_ms). Pass the message_1.json files of one conversation."
            )
        for item in doc["messages"]:
            message = _message(item, tz)
            if message is not None:
                out.append(message)
    return sorted(out, key=lambda m: m.timestamp)


def read_messenger_table(fps: list[BinaryIO], tz: tzinfo | None = None) -> ChatTable:
    return ChatTable.from_messages("messenger", read_messenger(fps, tz))


def _message(item: dict[str, Any], tz: tzinfo | None) -> Message | None:
    if not isinstance(item, dict) or "sender_name" not in item:
        return None
    content = fix_mojibake(str(item.get("content", "")))
    media = any(item.get(k) for k in _MEDIA_KEYS)
    unsent = bool(item.get("is_unsent"))
    if item.get("users") or "call_duration" in item or (content and _EVENT.search(content)):
        return None
    if not content and not media and not unsent:
        return None  # a reaction or an empty shell: nothing was said
    try:
        when = wall_time(float(item["timestamp_ms"]) / 1000.0, tz)
    except (KeyError, TypeError, ValueError) as exc:
        raise ParseError(
            "a Messenger/Instagram message has no readable timestamp_ms. Export again."
        ) from exc
    return Message(
        timestamp=when,
        sender=fix_mojibake(str(item["sender_name"])),
        text=content,
        media=media,
        deleted=unsent,
    )
