"""From a chat to the JSON report (the contract other tools read).

    run(table, settings) -> Report     # .data is the JSON-ready dict

Only aggregates leave this module: counts, rates, medians and dates. Message text never
appears in a report.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from nearer.core.analysis.emotion import emotion_columns, load_classifier
from nearer.core.analysis.features import message_features
from nearer.core.analysis.metrics import EMOTION_METRICS, METRICS, Analysis, analyse, iso_week
from nearer.core.analysis.signals import CAVEATS, Signal, find_signals
from nearer.core.chats.model import ChatTable, from_seconds, to_seconds
from nearer.core.errors import ChatError

REDACTED = ("Partner A", "Partner B")


@dataclass(frozen=True)
class Settings:
    me: str | None = None
    since: datetime | None = None
    gap_hours: float = 6.0
    recent_weeks: int = 8
    baseline_weeks: int = 26
    redact: bool = False
    emotions: bool = True


@dataclass
class Report:
    data: dict[str, Any]
    analysis: Analysis
    signals: list[Signal] = field(default_factory=list)


def select(table: ChatTable, settings: Settings) -> ChatTable:
    """Apply ``--since`` and check that exactly two people are talking."""
    if settings.since is not None:
        keep = table.seconds >= to_seconds(settings.since)
        table = _subset(table, np.flatnonzero(keep))
        if len(table) == 0:
            raise ChatError(
                f"no messages on or after {settings.since:%Y-%m-%d}. Choose an earlier --since."
            )
    if len(table) == 0:
        raise ChatError("the chat has no messages (only system lines). Export the chat again.")
    counts = np.bincount(table.sender, minlength=len(table.names))
    present = [table.names[i] for i in np.flatnonzero(counts)]
    if len(present) < 2:
        raise ChatError(
            f"the chat has messages from only one person ({present[0]}). nearer compares two "
            "people: export the whole chat with your partner."
        )
    if len(present) > 2:
        shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
        raise ChatError(
            f"the chat has {len(present)} senders ({shown}). nearer analyses a chat between two "
            "people: export your one-to-one chat with your partner."
        )
    if settings.me is not None and settings.me not in present:
        raise ChatError(
            f"--me {settings.me!r} is not in this chat. Use one of: {', '.join(present)}."
        )
    if len(present) != len(table.names):
        table = _subset(table, np.arange(len(table)))
    return table


def _subset(table: ChatTable, rows: np.ndarray) -> ChatTable:
    senders = table.sender[rows]
    used = np.unique(senders)
    remap: np.ndarray = np.zeros(len(table.names), dtype=np.int32)
    remap[used] = np.arange(used.shape[0], dtype=np.int32)
    return ChatTable(
        format=table.format,
        names=tuple(table.names[int(u)] for u in used),
        seconds=table.seconds[rows],
        sender=remap[senders],
        text=table.text,
        start=table.start[rows],
        end=table.end[rows],
        media=table.media[rows],
        deleted=table.deleted[rows],
        edited=table.edited[rows],
        system_lines=table.system_lines,
        notes=table.notes,
    )


def _num(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return float(f"{x:.4g}")


def run(table: ChatTable, settings: Settings = Settings()) -> Report:
    """Analyse a two-person chat and build the JSON report."""
    table = select(table, settings)
    classifier = load_classifier() if settings.emotions else None
    # The emotion model (pure Python) runs beside the word counts (numpy, which releases the
    # GIL), so on two cores it costs little extra time.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(emotion_columns, table, classifier) if classifier else None
        features = message_features(table)
        emotion = pending.result() if pending is not None else None
    analysis = analyse(table, features, int(settings.gap_hours * 3600), emotion)
    signals, pattern = find_signals(analysis, settings.recent_weeks, settings.baseline_weeks)
    names = list(analysis.names)
    order = [1, 0] if settings.me is not None and names[0] != settings.me else [0, 1]
    shown = {analysis.names[i]: analysis.names[i] for i in range(2)}
    if settings.redact:
        shown = {analysis.names[i]: REDACTED[k] for k, i in enumerate(order)}
    data = build_json(table, analysis, signals, pattern, settings, order, shown)
    return Report(data=data, analysis=analysis, signals=signals)


def build_json(
    table: ChatTable,
    analysis: Analysis,
    signals: list[Signal],
    pattern: str,
    settings: Settings,
    order: list[int],
    shown: dict[str, str],
) -> dict[str, Any]:
    people = [analysis.names[i] for i in order]
    metric_names = list(analysis.weekly)
    weekly: list[dict[str, Any]] = []
    for w in range(analysis.week_ids.shape[0]):
        week = iso_week(int(analysis.week_ids[w]))
        start = analysis.week_start(w).isoformat()
        for i in order:
            row: dict[str, Any] = {
                "week": week,
                "week_start": start,
                "person": shown[analysis.names[i]],
            }
            for m in metric_names:
                row[m] = _num(float(analysis.weekly[m][i, w]))
            weekly.append(row)
    couple_weekly = [
        {
            "week": iso_week(int(analysis.week_ids[w])),
            "week_start": analysis.week_start(w).isoformat(),
            "lsm": _num(float(analysis.couple_lsm[w])),
        }
        for w in range(analysis.week_ids.shape[0])
    ]
    totals = [
        {
            "person": shown[analysis.names[i]],
            **{m: _num(analysis.totals[m][i]) for m in metric_names},
        }
        for i in order
    ]
    out_signals = []
    for s in signals:
        item = s.as_json()
        item["person"] = shown.get(s.person, s.person)
        if s.pattern:
            item["explanation"] = _rename(s.explanation, shown)
            item["evidence"] = [
                {**e, "person": shown.get(e["person"], e["person"])} for e in s.evidence
            ]
        else:
            item["explanation"] = _rename(s.explanation, shown)
        out_signals.append(item)
    descriptions = {**METRICS, **(EMOTION_METRICS if analysis.emotion else {})}
    return {
        "format": table.format,
        "participants": [shown[p] for p in people],
        "me": shown[settings.me] if settings.me else None,
        "messages": {shown[analysis.names[i]]: analysis.messages[i] for i in order},
        "system_lines": table.system_lines,
        "first": from_seconds(analysis.first).isoformat(),
        "last": from_seconds(analysis.last).isoformat(),
        "settings": {
            "gap_hours": settings.gap_hours,
            "recent_weeks": settings.recent_weeks,
            "baseline_weeks": settings.baseline_weeks,
            "since": settings.since.date().isoformat() if settings.since else None,
            "redacted": settings.redact,
            "emotion_model": analysis.emotion,
        },
        "pattern": pattern,
        "signals": out_signals,
        "totals": totals,
        "lsm": _num(analysis.total_lsm),
        "weekly": weekly,
        "couple_weekly": couple_weekly,
        "metrics": descriptions,
        "caveats": list(CAVEATS),
    }


def _rename(text: str, shown: dict[str, str]) -> str:
    """Swap real names for the shown ones in a sentence (longest names first)."""
    for real in sorted(shown, key=len, reverse=True):
        if shown[real] != real:
            text = text.replace(real, shown[real])
    return text
