"""From a chat to the report: a typed ``Report`` with one ``to_json()`` (the contract).

    run(table, settings) -> Report     # report.to_json() (also report.data) is the JSON

Only aggregates leave this module: counts, rates, medians and dates. Message text never
appears in a report. Names are replaced by the shown ones (``redact``) before any sentence
is written, so no finished text is ever searched and replaced.
"""

from __future__ import annotations

import importlib
import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from typing import Any

from nearer.core.analysis.definitions import BY_ID, PATTERN_BY_ID, ChatPattern, person_metrics
from nearer.core.analysis.emotion import emotion_columns, load_classifier
from nearer.core.analysis.features import PARALLEL_MESSAGES, message_features
from nearer.core.analysis.language import LanguageNote, language_note
from nearer.core.analysis.lexicon import lexicon_for
from nearer.core.analysis.metrics import Analysis, analyse, iso_week
from nearer.core.analysis.next_steps import Headline, headlines
from nearer.core.analysis.safety import ChatSafety, chat_safety
from nearer.core.analysis.selection import check_me, choose_couple, senders, since
from nearer.core.analysis.signals import CAVEATS, Signal, find_signals
from nearer.core.chats.model import ChatTable, from_seconds
from nearer.core.knowledge import load as load_knowledge
from nearer.core.safety.prefilter import prefilter
from nearer.core.safety.rules import rule_book

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
    between: tuple[str, str] | None = None  # the two people of a group chat
    country: str | None = None  # whose help lines a safety alert lists (international if None)
    # Screen the messages for danger (``analysis.safety``). Off here so that a caller opts in
    # (the CLI does by default; the web app stores only what it may show the uploader).
    safety: bool = False
    # Screen only the last this many weeks of the chat (None: all of it). The CLI's default
    # screen reads the last 26 weeks: risk in the last half year is what calls for help now.
    safety_weeks: int | None = None


def _num(x: float | None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return float(f"{x:.4g}")


@dataclass(frozen=True)
class PersonWeek:
    week: str  # ISO week, "2024-W09"
    week_start: date
    person: str
    values: dict[str, float | None]  # metric id -> value (None: no value that week)


@dataclass(frozen=True)
class CoupleWeek:
    week: str
    week_start: date
    lsm: float | None


@dataclass(frozen=True)
class PersonTotals:
    person: str
    values: dict[str, float | None]


@dataclass
class Report:
    """Everything a reader of the analysis needs, typed; ``to_json()`` is the contract."""

    format: str
    participants: tuple[str, str]  # as shown (redacted when asked)
    me: str | None
    messages: dict[str, int]  # every sender of the chat, the two compared first
    system_lines: int
    first: datetime
    last: datetime
    settings: Settings
    emotion_model: bool
    pattern: ChatPattern
    signals: list[Signal]
    totals: list[PersonTotals]
    lsm: float | None
    weekly: list[PersonWeek]
    couple_weekly: list[CoupleWeek]
    metric_ids: list[str]  # the metrics reported, in order
    language: LanguageNote
    headlines: list[Headline] = field(default_factory=list)
    safety: ChatSafety | None = None  # set when any message showed risk: help comes first
    screened: bool = False  # whether the safety step ran (the JSON has "safety" only then)
    analysis: Analysis | None = None  # the arrays behind it, for callers in Python

    def to_json(self) -> dict[str, Any]:
        """The JSON contract (docs/methods.md): plain dicts, lists, numbers and strings."""
        weekly = [
            {
                "week": row.week,
                "week_start": row.week_start.isoformat(),
                "person": row.person,
                **{m: _num(v) for m, v in row.values.items()},
            }
            for row in self.weekly
        ]
        return {
            "format": self.format,
            "participants": list(self.participants),
            "me": self.me,
            "messages": dict(self.messages),
            "system_lines": self.system_lines,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "settings": {
                "gap_hours": self.settings.gap_hours,
                "recent_weeks": self.settings.recent_weeks,
                "baseline_weeks": self.settings.baseline_weeks,
                "since": self.settings.since.date().isoformat() if self.settings.since else None,
                "redacted": self.settings.redact,
                "emotion_model": self.emotion_model,
                # Only when the safety step ran: the weeks it read (null: the whole chat).
                **({"safety_weeks": self.settings.safety_weeks} if self.screened else {}),
            },
            "pattern": self.pattern.id,
            "signals": [s.as_json() for s in self.signals],
            "totals": [
                {"person": row.person, **{m: _num(v) for m, v in row.values.items()}}
                for row in self.totals
            ],
            "lsm": _num(self.lsm),
            "weekly": weekly,
            "couple_weekly": [
                {"week": row.week, "week_start": row.week_start.isoformat(), "lsm": _num(row.lsm)}
                for row in self.couple_weekly
            ],
            "metrics": {m: BY_ID[m].label for m in self.metric_ids},
            "caveats": list(CAVEATS),
            "language": self.language.to_json(),
            "headlines": [h.to_json() for h in self.headlines],
            **({"safety": self.safety.to_json() if self.safety else None} if self.screened else {}),
        }

    @cached_property
    def data(self) -> dict[str, Any]:
        """``to_json()``, computed once (the name callers used before the typed report)."""
        return self.to_json()


def select(table: ChatTable, settings: Settings) -> ChatTable:
    """The messages ``run`` analyses: from ``settings.since`` on, the two people only (the
    name callers used before ``selection``; it raises the same errors as ``run``)."""
    table = choose_couple(since(table, settings.since), settings.between)
    check_me(table, settings.me)
    return table


def preload(settings: Settings) -> Callable[[], None]:
    """Start loading, on a thread of its own, the files ``run(table, settings)`` reads: the
    knowledge base, the safety rules and the emotion model. Call what it returns before
    ``run``: it waits for them.

    Reading a big chat is mostly numpy, which lets go of the interpreter lock, so these
    loads (about 0.1 s one after the other, after the read) fit beside it. One that fails
    here is left for ``run``, which loads it again and says what went wrong as before.
    """
    steps: list[Callable[[], object]] = [load_knowledge]
    if settings.safety:
        steps += [rule_book, prefilter]
    if settings.emotions:
        steps.append(_emotion_model)

    def load() -> None:
        for step in steps:
            with suppress(Exception):  # run() meets it again and reports it
                step()

    thread = threading.Thread(target=load, name="nearer-preload", daemon=True)
    thread.start()
    return thread.join


def _emotion_model() -> object:
    # As ``emotion.load_classifier``: the emotion package is optional.
    return importlib.import_module("nearer.core.emotions.model").load_model("fast")


def _shown_names(
    names: tuple[str, str], settings: Settings, others: Sequence[str]
) -> tuple[dict[str, str], list[int]]:
    order = [1, 0] if settings.me is not None and names[0] != settings.me else [0, 1]
    shown = {name: name for name in (*names, *others)}
    if settings.redact:
        shown = {names[i]: REDACTED[k] for k, i in enumerate(order)}
        shown |= {name: f"Other {k}" for k, name in enumerate(others, start=1)}
    return shown, order


def run(table: ChatTable, settings: Settings = Settings()) -> Report:
    """Analyse the chat between two people (``settings.between`` picks them in a group)."""
    table = since(table, settings.since)
    everyone = senders(table)
    table = choose_couple(table, settings.between)
    check_me(table, settings.me)
    language = language_note(table)
    classifier = load_classifier() if settings.emotions and language.emotion_model_fits else None
    lexicon = lexicon_for(language.style_language)
    real = (table.names[0], table.names[1])
    others = [name for name, _ in everyone if name not in real]
    shown, order = _shown_names(real, settings, others)
    # The safety screen is mostly numpy over the whole chat, on a thread of its own. Beside a
    # big chat's word counts (two threads, numpy too) it shares the two cores with them: run
    # after them it was the last thing still working, about 0.3 s after everything else.
    with ThreadPoolExecutor(max_workers=1) as screen:

        def screening() -> Future[ChatSafety | None] | None:
            if not settings.safety:
                return None
            return screen.submit(chat_safety, table, shown, settings.country, settings.safety_weeks)

        big = len(table) >= PARALLEL_MESSAGES
        pending_safety = screening() if big else None
        if classifier is None:
            features, emotion = message_features(table, lexicon), None
        elif big:
            # The emotion model is pure Python and holds the interpreter lock: beside the
            # word counts it stalls every numpy step of theirs, so its cost grew with the
            # chat (0.15 s at 100k messages, 2 s at 3M) though its sample is fixed. One
            # after the other it costs just its sample.
            features = message_features(table, lexicon)
            emotion = emotion_columns(table, classifier)
        else:
            # A small chat's counts run on one thread: the model can use the other core.
            with ThreadPoolExecutor(max_workers=1) as pool:
                pending = pool.submit(emotion_columns, table, classifier)
                features = message_features(table, lexicon)
                emotion = pending.result()
        if not big:
            pending_safety = screening()
        analysis = analyse(table, features, int(settings.gap_hours * 3600), emotion)
        safety = None if pending_safety is None else pending_safety.result()
    # From here on every sentence is written with the names as they are shown.
    analysis = replace(analysis, names=(shown[real[0]], shown[real[1]]))
    signals, pattern = find_signals(analysis, settings.recent_weeks, settings.baseline_weeks)
    names = analysis.names
    metric_ids = [m.id for m in person_metrics(analysis.emotion)]
    weekly = [
        PersonWeek(
            week=iso_week(int(analysis.week_ids[w])),
            week_start=analysis.week_start(w),
            person=names[i],
            values={m: float(analysis.weekly[m][i, w]) for m in metric_ids},
        )
        for w in range(analysis.week_ids.shape[0])
        for i in order
    ]
    couple_weekly = [
        CoupleWeek(
            week=iso_week(int(analysis.week_ids[w])),
            week_start=analysis.week_start(w),
            lsm=float(analysis.couple_lsm[w]),
        )
        for w in range(analysis.week_ids.shape[0])
    ]
    totals = [PersonTotals(names[i], {m: analysis.totals[m][i] for m in metric_ids}) for i in order]
    counts = {names[i]: analysis.messages[i] for i in order}
    counts |= {shown[name]: count for name, count in everyone if name not in real}
    chosen = PATTERN_BY_ID[pattern]
    participants = (names[order[0]], names[order[1]])
    return Report(
        format=table.format,
        participants=participants,
        me=shown[settings.me] if settings.me else None,
        messages=counts,
        system_lines=table.system_lines,
        first=from_seconds(analysis.first),
        last=from_seconds(analysis.last),
        settings=settings,
        emotion_model=analysis.emotion,
        pattern=chosen,
        signals=signals,
        totals=totals,
        lsm=analysis.total_lsm,
        weekly=weekly,
        couple_weekly=couple_weekly,
        metric_ids=metric_ids,
        language=language,
        headlines=headlines(signals, participants, chosen, safety is not None),
        safety=safety,
        screened=settings.safety,
        analysis=analysis,
    )
