"""The chat's safety step: does anything in the messages show danger, and then help comes first.

Every message of the two people is screened by ``core.safety``: the prefilter, run over the
whole chat at once (``safety.bulk``), leaves out the texts no rule could match; of the rest,
those where one of the rules they may match really matches the normalised text are read by
``scan``, with the rules alone: the trained model beside them reads free text one at a time
(journal, notes, every API text field), and reading every message of a long chat with it
would cost what the prefilter saves (docs/safety.md, "The trained model").
Only aggregates leave this module: the kinds, the most serious level, the categories, whose
messages they were (the name as the report shows it), and the ISO weeks with how many
messages each. No message text and no evidence span is kept, because the report is stored
by the web app and may be shared.

When anything alerts, the report leads with the help that ``core.safety.response`` orders
for the country, and the next steps leave out what needs the partner's cooperation or asks
someone to accommodate them (``next_steps``), as the guidance plan does for other texts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from nearer.core.analysis.metrics import iso_week, week_of, week_start
from nearer.core.chats.model import ChatTable
from nearer.core.knowledge import load as load_knowledge
from nearer.core.safety.alerts import SafetyAlert
from nearer.core.safety.bulk import MayAlert, matches_a_rule, texts_that_may_alert
from nearer.core.safety.response import SafetyResponse, alerts_from, respond
from nearer.core.safety.scan import NO_RISK, ScanResult, scan
from nearer.core.safety.vocabulary import KINDS, LEVELS, Kind, Level, highest, kind_of

_SOURCE = "chat messages"


@dataclass(frozen=True)
class SafetyWeek:
    week: str  # ISO week, "2024-W09"
    week_start: str  # its Monday, ISO date
    messages: int  # messages that week that showed risk

    def to_json(self) -> dict[str, Any]:
        return {"week": self.week, "week_start": self.week_start, "messages": self.messages}


@dataclass(frozen=True)
class ChatSafety:
    """What the scan found in a chat, as aggregates only (see the module docstring)."""

    kinds: tuple[Kind, ...]
    level: Level
    categories: tuple[str, ...]
    senders: dict[str, int]  # name as shown -> messages that showed risk
    weeks: tuple[SafetyWeek, ...]
    messages: int  # messages that showed risk, in all
    response: SafetyResponse

    @property
    def alerts(self) -> list[SafetyAlert]:
        return alerts_from(self.kinds, self.level, self.categories, _SOURCE)

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "level": self.level,
            "categories": list(self.categories),
            "senders": dict(self.senders),
            "messages": self.messages,
            "weeks": [w.to_json() for w in self.weeks],
            "response": self.response.to_dict(),
        }


WEEK = 7 * 86400


def screened_rows(table: ChatTable, weeks: int | None = None) -> MayAlert:
    """Rows whose text the prefilter keeps (media placeholders and deletions have none), of
    the last ``weeks`` weeks before the chat's last message (None: all of them), with the
    rules that may match each (``core.safety.bulk``: the whole chat at once, with numpy)."""
    keep = ~table.media & ~table.deleted & (table.end > table.start)
    if weeks is not None and len(table):
        keep &= table.seconds > table.seconds[-1] - weeks * WEEK
    rows = np.flatnonzero(keep)
    found = texts_that_may_alert(table.text, table.start[rows], table.end[rows])
    return MayAlert(rows[found.texts], found.rules)


def chat_safety(
    table: ChatTable,
    shown: dict[str, str],
    country: str | None = None,
    last_weeks: int | None = None,
) -> ChatSafety | None:
    """Scan the messages of ``table`` (names shown as ``shown`` maps them), of its last
    ``last_weeks`` weeks only when given; None when no message shows risk."""
    levels: list[Level] = []
    categories: Counter[str] = Counter()
    senders: Counter[str] = Counter()
    weeks: Counter[int] = Counter()
    kept = screened_rows(table, last_weeks)
    seen: dict[str, ScanResult] = {}  # chats repeat themselves: read each text once
    for row, rules in zip(kept.texts, kept.rules, strict=True):
        i = int(row)
        text = table.message_text(i)
        found = seen.get(text)
        if found is None:
            # The rules alone: the prefilter only knows them, so the trained model (which
            # reads every journal entry and note) would see just the texts they let through.
            hit = matches_a_rule(text, rules)
            found = seen[text] = scan(text, model=None) if hit else NO_RISK
        if not found.alert:
            continue
        levels.append(found.level)
        categories.update(found.categories)
        name = table.names[int(table.sender[i])]
        senders[shown.get(name, name)] += 1
        weeks[int(week_of(table.seconds[i : i + 1])[0])] += 1
    if not levels:
        return None
    level = highest(levels)
    # Most serious kind's categories first, each kind in its own vocabulary order.
    ordered = sorted(categories, key=lambda c: (KINDS.index(kind_of(c)), -categories[c]))
    kinds = tuple(k for k in KINDS if any(kind_of(c) == k for c in ordered))
    alerts = alerts_from(kinds, level, ordered, _SOURCE)
    response = respond(alerts, load_knowledge().crisis_for(country))
    return ChatSafety(
        kinds=kinds,
        level=level if level in LEVELS else "urgent",
        categories=tuple(ordered),
        senders=dict(senders.most_common()),
        weeks=tuple(
            SafetyWeek(iso_week(w), week_start(w).isoformat(), n) for w, n in sorted(weeks.items())
        ),
        messages=sum(senders.values()),
        response=response,
    )
