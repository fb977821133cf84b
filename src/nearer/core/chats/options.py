"""The choices a reader takes, importable without loading the readers (the CLI's help)."""

from __future__ import annotations

FORMATS = ("whatsapp", "telegram", "messenger", "instagram", "signal", "csv")
DATE_ORDERS = ("dmy", "mdy", "ymd")
