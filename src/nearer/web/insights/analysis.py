"""The one door from the web app to the chat analysis (core/chats + core/analysis).

Everything the insights app needs from the analysis goes through ``analyse_export``, which
returns the JSON-contract dict that ``nearer analyze --json`` prints (its keys and values are
the documented contract), with the two people already called "Partner A" (the uploader) and
"Partner B". Keeping the call here, and only here, lets the analysis core change shape
without touching the rest of the app.

Sender names from the file never leave this module except in the error line that tells the
uploader which names the chat holds (shown to the uploader only, never stored with results).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from nearer.core.analysis.report import REDACTED, Settings, run
from nearer.core.chats import ChatTable, read_tables
from nearer.core.errors import ChatError, ChoiceError

PARTNER_A, PARTNER_B = REDACTED


def senders_of(table: ChatTable) -> list[tuple[str, int]]:
    """Every sender with their message count, most messages first (then by name)."""
    counts = np.bincount(table.sender, minlength=len(table.names))
    found = [(table.names[i], int(counts[i])) for i in range(len(table.names)) if counts[i]]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def match_name(me: str, names: list[str]) -> str | None:
    """The sender the uploader named: exact, then ignoring case, then by first name."""
    wanted = " ".join(me.split())
    if not wanted:
        return None
    rules: list[Callable[[str], bool]] = [
        lambda n: n == wanted,
        lambda n: n.casefold() == wanted.casefold(),
        lambda n: n.split()[0].casefold() == wanted.split()[0].casefold(),
    ]
    for rule in rules:
        found = [n for n in names if n.split() and rule(n)]
        if len(found) == 1:
            return found[0]
    return None


def analyse_export(
    path: Path, me: str, *, between: tuple[str, str] | None = None, emotions: bool = True
) -> dict[str, Any]:
    """Read the export at ``path`` and return the JSON report, "Partner A" being ``me``.

    A group chat needs ``between``, the two people to compare; without it a ``ChoiceError``
    (setting "between") lists every sender with their message count, which the worker turns
    into the "choose the two people" step. Raises a ``NearerError`` with a line for the
    uploader when the file cannot be read, or ``me`` names neither of the two people.
    """
    with path.open("rb") as fp:
        table = read_tables([fp])
    senders = senders_of(table)
    if len(senders) > 2 and between is None:
        listed = ", ".join(f"{name} ({count:,})" for name, count in senders[:8])
        more = f" and {len(senders) - 8} more" if len(senders) > 8 else ""
        raise ChoiceError(
            f"this chat has {len(senders)} senders: {listed}{more}. Choose the two people "
            "to compare.",
            "between",
            tuple(senders),
        )
    names = list(between) if between is not None else [name for name, _ in senders]
    chosen = match_name(me, names) if len(names) == 2 else None
    if len(names) == 2 and chosen is None:
        raise ChatError(
            f"neither {'person chosen' if between else 'sender in this chat'} is called "
            f"{me!r}: {'you chose' if between else 'the chat has'} {names[0]!r} and "
            f"{names[1]!r}. Upload it again with your name exactly as the chat writes it."
        )
    # The safety screen reads the last 26 weeks, as the CLI's default does (docs/methods.md).
    settings = Settings(
        me=chosen, redact=True, emotions=emotions, between=between, safety=True, safety_weeks=26
    )
    return run(table, settings).data
