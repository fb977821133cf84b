"""Saving journal entries, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from nearer.web.accounts.models import User
from nearer.web.journal.models import JournalEntry
from nearer.web.support import scan


def save_entry(user: User, entry: JournalEntry, data: dict[str, Any]) -> JournalEntry:
    """Store validated form data. Sharing needs a partner: a solo entry stays private, and a
    shared entry points at the couple it was shared in (so unpairing hides it again)."""
    entry.text = str(data["text"])
    entry.feelings = list(data["feelings"])
    entry.situations = list(data["situations"])
    entry.triggers = list(data["triggers"])
    entry.shared = bool(data["shared"]) and user.couple_id is not None
    entry.couple_id = user.couple_id if entry.shared else None
    entry.safety_alert = scan(entry.text).alert
    entry.save()
    return entry
