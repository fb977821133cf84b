"""The "Message insights" section of a report: what the insights app stored for the chat
exports the person uploaded themselves, never a partner's shared insights.

Only stored aggregates are read (the headline pattern, the weekly figures, the signals with
their numbers): no message text exists to read. The weekly charts are drawn here as SVG
paths, so the page, the printout and ``nearer report --html`` show the same lines without
any script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nearer.core.analysis.definitions import BY_ID
from nearer.web.accounts.models import User
from nearer.web.insights.charts import CHARTS, headline
from nearer.web.insights.models import InsightHistory

# The chart's drawing box (SVG user units); the page scales it to the column's width.
WIDE, HIGH = 300.0, 90.0
# Colours of the uploader's line and the other person's (the second also dashed, so the two
# stay apart on a black-and-white printout).
COLOURS = ("#8c2f4f", "#2f5f8c")


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dashed: bool
    paths: tuple[str, ...]  # one SVG path per run of weeks with a value
    last: str  # the last week's value with its unit, for the legend and screen readers


@dataclass(frozen=True)
class Chart:
    title: str
    top: str  # the value at the top of the chart, with its unit
    lines: tuple[Line, ...]
    first_week: date
    last_week: date

    @property
    def label(self) -> str:
        said = "; ".join(f"{line.name} {line.last}" for line in self.lines)
        weeks = f"weeks of {self.first_week:%Y-%m-%d} to {self.last_week:%Y-%m-%d}"
        return f"{self.title}, {weeks}; latest week: {said}"


@dataclass(frozen=True)
class SignalRow:
    person: str
    what: str
    change: str  # the typical week before and lately, with units
    since: date | None
    explanation: str
    strength: float
    pattern: bool


@dataclass(frozen=True)
class InsightsView:
    names: tuple[str, str]
    first_day: date
    last_day: date
    weeks: int
    messages: tuple[str, str]  # counts written out ("2,741")
    headline: str
    patterns: tuple[SignalRow, ...]  # couple-level patterns, told in a sentence
    changes: tuple[SignalRow, ...]  # single changes, told by their figures
    charts: tuple[Chart, ...]
    caveats: tuple[str, ...]


def _value(metric_id: str, value: float | None) -> str:
    if value is None:
        return "no figure"
    metric = BY_ID.get(metric_id)
    return f"{value:g}" if metric is None else metric.value(value)


def _paths(values: list[float | None], top: float) -> tuple[str, ...]:
    """SVG paths through the weeks that have a value; a week without one breaks the line."""
    step = WIDE / max(len(values) - 1, 1)
    runs: list[list[str]] = [[]]
    for n, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        y = HIGH - (HIGH * v / top if top > 0 else 0.0)
        runs[-1].append(f"{n * step:.1f},{y:.1f}")
    out = []
    for run in runs:
        if len(run) == 1:  # a lone week: a short tick, so it still shows
            across, down = run[0].split(",")
            run = [f"{float(across) - 1.5:.1f},{down}", f"{float(across) + 1.5:.1f},{down}"]
        if run:
            out.append("M" + " L".join(run))
    return tuple(out)


def _charts(history: InsightHistory) -> tuple[Chart, ...]:
    weeks = list(history.weeks.all())
    if not weeks:
        return ()
    charts = []
    for metric_id, title, _unit in CHARTS:
        series: list[list[float | None]] = []
        for side in ("a", "b"):
            raw = [w.metric(side, metric_id) for w in weeks]
            series.append([float(v) if isinstance(v, (int, float)) else None for v in raw])
        known = [v for values in series for v in values if v is not None]
        if not known:
            continue
        top = max(known)
        lines = []
        for n, values in enumerate(series):
            last = next((v for v in reversed(values) if v is not None), None)
            lines.append(
                Line(
                    (history.name_a, history.name_b)[n],
                    COLOURS[n],
                    n == 1,
                    _paths(values, top),
                    _value(metric_id, last),
                )
            )
        charts.append(
            Chart(
                title,
                _value(metric_id, top),
                tuple(lines),
                weeks[0].week_start,
                weeks[-1].week_start,
            )
        )
    return tuple(charts)


def _signal(history: InsightHistory, signal: dict[str, Any]) -> SignalRow:
    metric_id = str(signal.get("metric", ""))
    metric = BY_ID.get(metric_id)
    before, after = signal.get("baseline"), signal.get("recent")
    if metric is not None and isinstance(before, (int, float)) and isinstance(after, (int, float)):
        change = metric.span(float(before), float(after))
    else:
        change = f"{before} to {after}"
    began = signal.get("change_date")
    try:
        since = date.fromisoformat(str(began)[:10]) if began else None
    except ValueError:
        since = None
    return SignalRow(
        person=history.shown_name(str(signal.get("person", ""))),
        what=metric.title if metric is not None else metric_id,
        change=change,
        since=since,
        explanation=history.rename(str(signal.get("explanation", ""))),
        strength=float(signal.get("strength") or 0.0),
        pattern=bool(signal.get("pattern")),
    )


def insights_rows(owner: User) -> list[InsightsView]:
    """The owner's own insights as one view, or nothing when they uploaded none."""
    history = InsightHistory.objects.filter(owner=owner).first()
    if history is None:
        return []
    signals = [_signal(history, s) for s in history.signals if isinstance(s, dict)]
    return [
        InsightsView(
            names=(history.name_a, history.name_b),
            first_day=history.first_day,
            last_day=history.last_day,
            weeks=history.weeks.count(),
            messages=(f"{history.messages_a:,}", f"{history.messages_b:,}"),
            headline=headline(history),
            # Patterns lead, as on the insights page; a pattern's own figures are those of
            # one of the changes listed below it, so they are not repeated.
            patterns=tuple(s for s in signals if s.pattern),
            changes=tuple(s for s in signals if not s.pattern),
            charts=_charts(history),
            caveats=tuple(str(c) for c in history.caveats),
        )
    ]
