"""Saving journal entries, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from nearer.core.safety import SafetyAlert
from nearer.web.accounts.models import User
from nearer.web.journal.models import JournalEntry
from nearer.web.safety.alerts import of_texts


def entry_alerts(entry: JournalEntry) -> list[SafetyAlert]:
    """What the safety scan finds in everything the entry's author wrote: the text and the
    situation and trigger tags (free text too)."""
    return of_texts(entry.text, ", ".join(entry.situations), ", ".join(entry.triggers))


def save_entry(user: User, entry: JournalEntry, data: dict[str, Any]) -> JournalEntry:
    """Store validated form data. Sharing needs a partner: a solo entry stays private, and a
    shared entry points at the couple it was shared in (so unpairing hides it again)."""
    entry.text = str(data["text"])
    entry.feelings = list(data["feelings"])
    entry.situations = list(data["situations"])
    entry.triggers = list(data["triggers"])
    entry.shared = bool(data["shared"]) and user.couple_id is not None
    entry.couple_id = user.couple_id if entry.shared else None
    entry.safety_alert = bool(entry_alerts(entry))
    entry.save()
    return entry
