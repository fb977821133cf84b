"""Shared helpers for the JSON readers: loading with a clear error, times, mojibake."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import Any

from nearer.core.chats.textio import to_utf8
from nearer.core.errors import ParseError


def load_json(data: bytes, what: str) -> Any:
    text = to_utf8(data, what).decode("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # A complete export ends with its closing bracket; one that does not was cut off.
        if exc.pos >= len(text.rstrip()) - 1 or not text.rstrip().endswith(("}", "]")):
            raise ParseError(
                f"the {what} ends in the middle of the JSON (cut off at line {exc.lineno}). "
                "Download or copy the export again; the file is incomplete."
            ) from exc
        raise ParseError(
            f"the {what} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "Export the chat again."
        ) from exc


def wall_time(epoch_seconds: float, tz: tzinfo | None) -> datetime:
    """The wall-clock time of an instant: in ``tz``, or this machine's zone when None."""
    if tz is None:
        return datetime.fromtimestamp(epoch_seconds)
    return datetime.fromtimestamp(epoch_seconds, tz).replace(tzinfo=None)


def fix_mojibake(text: str) -> str:
    """Undo Facebook's export bug (UTF-8 bytes written as Latin-1 characters), only if present.

    A string needs repair only when it consists solely of code points below 256, has some
    above 127, and those form valid UTF-8 once turned back into bytes; anything else (real
    "é", Cyrillic, emoji written correctly) is left as it is.
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
