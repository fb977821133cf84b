"""Chat export readers: one module per format, all returning the same shapes.

    read_table(fp, format=None)   -> ChatTable    (columns; what the analysis reads)
    read_tables([fp, ...])        -> ChatTable    (several files of one conversation)
    read_messages(fp, format=None) -> list[Message]
    detect_format(data)            -> "whatsapp" | "telegram" | "messenger" | "signal" | "csv"

Readers take binary file objects (the caller opens files and words errors) and raise
``ParseError``/``UnknownFormat`` with a line the user can act on. The names load on first
use (``reading`` pulls in numpy), so importing the package, or ``FORMATS``, costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nearer.core.chats.options import DATE_ORDERS, FORMATS

if TYPE_CHECKING:
    from nearer.core.chats.model import ChatTable, Message
    from nearer.core.chats.reading import (
        detect_format,
        parse_bytes,
        read_messages,
        read_table,
        read_tables,
    )

__all__ = [
    "DATE_ORDERS",
    "FORMATS",
    "ChatTable",
    "Message",
    "detect_format",
    "parse_bytes",
    "read_messages",
    "read_table",
    "read_tables",
]

_LAZY = {
    "ChatTable": "nearer.core.chats.model",
    "Message": "nearer.core.chats.model",
    "detect_format": "nearer.core.chats.reading",
    "parse_bytes": "nearer.core.chats.reading",
    "read_messages": "nearer.core.chats.reading",
    "read_table": "nearer.core.chats.reading",
    "read_tables": "nearer.core.chats.reading",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
