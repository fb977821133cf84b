"""Signals: changes between a recent window and a baseline that are both large and solid.

For each person and metric the weekly values of the last ``recent`` weeks are compared with
the ``baseline`` weeks before them. A change is reported only when all of these hold:

* large in practice: Cliff's delta of at least 0.474 in size, the "large" threshold of
  Romano et al. (2006), and a change of the medians of at least the metric's
  ``min_change`` (``definitions``: relative, or absolute for shares);
* statistically solid: a two-sided Mann-Whitney rank test over the weeks, significant at
  5 % after the Holm (1979) correction over every test run on the chat, and a bootstrap 95 %
  interval of the difference in medians (2,000 resamples, fixed seed) that excludes zero.

The date a change began is the best single change point of the weekly series over both
windows (least squares, two segments; the binary-segmentation step of Scott and Knott 1974).
Couple-level patterns are then read off the person-level signals. The statistics live in
``stats``; this module decides and words. Names are the ones the report shows (``--redact``
is applied before any sentence is written).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from nearer.core.analysis.definitions import BY_ID, Direction, Metric
from nearer.core.analysis.metrics import Analysis
from nearer.core.analysis.stats import (
    CLIFF_LARGE,
    bootstrap_interval,
    change_point,
    cliffs_delta,
    holm,
    mann_whitney_p,
)
from nearer.core.arrays import Floats

ALPHA = 0.05
MIN_RECENT_WEEKS = 4
MIN_BASELINE_WEEKS = 8

CAVEATS = (
    "Holidays, travel, illness, exams or a hard stretch at work change how anyone writes for "
    "a while; compare with what was going on in your lives then.",
    "Moving in together, or simply seeing each other more, means fewer messages without any "
    "less closeness.",
    "If part of your talking moved to calls, to another app or to a new phone, this export "
    "cannot see it.",
    "These are patterns in text, not a verdict on your relationship: use them to start a "
    "conversation, not to win one.",
)


@dataclass
class Signal:
    person: str
    metric: str
    direction: Direction
    baseline: float
    recent: float
    change_date: str | None
    strength: float
    explanation: str
    p_value: float
    cliffs_delta: float
    interval: tuple[float, float]
    caveats: list[str] = field(default_factory=lambda: list(CAVEATS))
    pattern: str | None = None
    evidence: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "person": self.person,
            "metric": self.metric,
            "direction": self.direction,
            "baseline": _round(self.baseline),
            "recent": _round(self.recent),
            "change_date": self.change_date,
            "strength": round(self.strength, 2),
            "explanation": self.explanation,
            "caveats": self.caveats,
            "statistics": {
                "cliffs_delta": round(self.cliffs_delta, 3),
                "p_value_holm": float(f"{self.p_value:.3g}"),
                "median_difference_ci95": [_round(self.interval[0]), _round(self.interval[1])],
            },
        }
        if self.pattern:
            out["pattern"] = self.pattern
            out["evidence"] = self.evidence
        return out


def _round(x: float) -> float:
    return float(f"{x:.4g}")


@dataclass
class _Test:
    person: int | None  # None for the couple
    metric: str
    recent: Floats
    baseline: Floats
    series: Floats
    offset: int
    p: float = 1.0


def find_signals(
    analysis: Analysis, recent_weeks: int = 8, baseline_weeks: int = 26
) -> tuple[list[Signal], str]:
    """Person-level signals, couple-level patterns, and the couple's overall pattern name."""
    n_weeks = analysis.week_ids.shape[0]
    if n_weeks < recent_weeks + MIN_BASELINE_WEEKS:
        return [], "not-enough-history"
    end = n_weeks
    mid = end - recent_weeks
    begin = max(0, mid - baseline_weeks)
    tests: list[_Test] = []
    for metric in (BY_ID[m] for m in analysis.weekly):
        if metric.min_change is None:
            continue
        for p in range(2):
            if metric.id == "initiated_share" and p == 1:
                continue  # the two shares mirror each other: test once
            tests.append(_make_test(p, metric.id, analysis.weekly[metric.id][p], begin, mid, end))
    tests.append(_make_test(None, "lsm", analysis.couple_lsm, begin, mid, end))
    tests = [
        t
        for t in tests
        if t.recent.shape[0] >= MIN_RECENT_WEEKS and t.baseline.shape[0] >= MIN_BASELINE_WEEKS
    ]
    adjusted = holm([mann_whitney_p(t.recent, t.baseline) for t in tests])
    for t, p_value in zip(tests, adjusted, strict=True):
        t.p = p_value
    signals: list[Signal] = []
    for t in tests:
        signal = _judge(t, analysis)
        if signal is not None:
            signals.extend(_mirror(signal, analysis))
    patterns = _patterns(signals, analysis)
    if patterns:
        overall = patterns[0].pattern or "changes"
    elif signals:
        people = {s.person for s in signals}
        overall = "one-sided" if len(people) == 1 and "both" not in people else "changes"
    else:
        overall = "stable"
    return patterns + signals, overall


def _make_test(
    person: int | None, metric: str, series: Floats, begin: int, mid: int, end: int
) -> _Test:
    base, rec = series[begin:mid], series[mid:end]
    return _Test(
        person, metric, rec[~np.isnan(rec)], base[~np.isnan(base)], series[begin:end], begin
    )


def _big_enough(metric: Metric, base: float, recent: float) -> bool:
    if metric.min_change is None:
        return False
    if metric.min_change.kind == "absolute":
        return abs(recent - base) >= metric.min_change.amount
    scale = max(abs(base), 1e-9)
    return abs(recent - base) / scale >= metric.min_change.amount


def _judge(t: _Test, analysis: Analysis) -> Signal | None:
    base, rec = float(np.median(t.baseline)), float(np.median(t.recent))
    delta = cliffs_delta(t.recent, t.baseline)
    metric = BY_ID[t.metric]
    if t.p >= ALPHA or abs(delta) < CLIFF_LARGE or not _big_enough(metric, base, rec):
        return None
    lo, hi = bootstrap_interval(t.recent, t.baseline)
    if lo <= 0 <= hi:
        return None
    k = change_point(t.series)
    when: date | None = analysis.week_start(t.offset + k) if k is not None else None
    direction: Direction = "up" if rec > base else "down"
    person = "both" if t.person is None else analysis.names[t.person]
    partner = "" if t.person is None else analysis.names[1 - t.person]
    return Signal(
        person=person,
        metric=t.metric,
        direction=direction,
        baseline=base,
        recent=rec,
        change_date=when.isoformat() if when else None,
        strength=abs(delta),
        explanation=explain(metric, direction, person, partner, base, rec, when),
        p_value=t.p,
        cliffs_delta=delta,
        interval=(lo, hi),
    )


def _mirror(signal: Signal, analysis: Analysis) -> list[Signal]:
    """A shift in who starts conversations is reported from both sides."""
    if signal.metric != "initiated_share":
        return [signal]
    other = analysis.names[1] if signal.person == analysis.names[0] else analysis.names[0]
    flipped: Direction = "down" if signal.direction == "up" else "up"
    twin = Signal(
        person=other,
        metric=signal.metric,
        direction=flipped,
        baseline=1.0 - signal.baseline,
        recent=1.0 - signal.recent,
        change_date=signal.change_date,
        strength=signal.strength,
        explanation=explain(
            BY_ID[signal.metric],
            flipped,
            other,
            signal.person,
            1.0 - signal.baseline,
            1.0 - signal.recent,
            date.fromisoformat(signal.change_date) if signal.change_date else None,
        ),
        p_value=signal.p_value,
        cliffs_delta=-signal.cliffs_delta,
        interval=(-signal.interval[1], -signal.interval[0]),
    )
    return [signal, twin]


def _patterns(signals: list[Signal], analysis: Analysis) -> list[Signal]:
    by_person: dict[str, list[Signal]] = {}
    for s in signals:
        by_person.setdefault(s.person, []).append(s)
    found: list[Signal] = []
    for p in range(2):
        pursuer, withdrawer = analysis.names[p], analysis.names[1 - p]
        pursues = [
            s
            for s in by_person.get(pursuer, [])
            if s.metric == "initiated_share" and s.direction == "up"
        ]
        withdraws = [
            s
            for s in by_person.get(withdrawer, [])
            if BY_ID[s.metric].withdrawal and s.direction == BY_ID[s.metric].distance
        ]
        if pursues and withdraws:
            lead = max(withdraws, key=lambda s: s.strength)
            members = pursues + withdraws
            found.append(
                _pattern_signal(
                    "pursue-withdraw",
                    withdrawer,
                    lead,
                    members,
                    f"{pursuer} has been reaching out more and more often while {withdrawer} "
                    "has been pulling back (" + _list(withdraws) + "). This is the "
                    "pursue-withdraw cycle: the more one reaches, the more the other retreats, "
                    "and each feels the other is the problem. It usually eases when the one "
                    "pulling back can say what they need and the one reaching can slow down.",
                )
            )
    if found:
        return found
    distant = {
        name: [s for s in by_person.get(name, []) if BY_ID[s.metric].distance == s.direction]
        for name in analysis.names
    }
    if all(distant.values()):
        members = [s for name in analysis.names for s in distant[name]]
        lead = max(members, key=lambda s: s.strength)
        found.append(
            _pattern_signal(
                "mutual-drift",
                "both",
                lead,
                members,
                f"Both of you have been writing less warmly or less often lately ("
                f"{analysis.names[0]}: {_list(distant[analysis.names[0]])}; "
                f"{analysis.names[1]}: {_list(distant[analysis.names[1]])}). Nobody is chasing "
                "and nobody is fleeing; you are drifting side by side, which is easy to miss "
                "precisely because there is no fight. Small daily check-ins tend to help.",
            )
        )
    return found


def _pattern_signal(
    pattern: str, person: str, lead: Signal, members: list[Signal], text: str
) -> Signal:
    dates = sorted(s.change_date for s in members if s.change_date)
    return Signal(
        person=person,
        metric=lead.metric,
        direction=lead.direction,
        baseline=lead.baseline,
        recent=lead.recent,
        change_date=dates[0] if dates else None,
        strength=float(np.mean([s.strength for s in members])),
        explanation=text,
        p_value=max(s.p_value for s in members),
        cliffs_delta=lead.cliffs_delta,
        interval=lead.interval,
        pattern=pattern,
        evidence=[
            {"person": s.person, "metric": s.metric, "direction": s.direction} for s in members
        ],
    )


def _list(signals: list[Signal]) -> str:
    return ", ".join(BY_ID[s.metric].phrase(s.direction) for s in signals)


def explain(
    metric: Metric | str,
    direction: Direction,
    person: str,
    partner: str,
    base: float,
    recent: float,
    when: date | None,
) -> str:
    """One plain sentence about a change, in nearer's words (names as they are shown)."""
    metric = BY_ID[metric] if isinstance(metric, str) else metric
    sentence = metric.sentence(direction, person, partner)
    since = f" since about the week of {when.day} {when:%B %Y}" if when else " lately"
    return (
        f"{sentence[0].upper()}{sentence[1:]}{since}: {metric.label} went from about "
        f"{metric.typical(base)} in a typical earlier week to {metric.typical(recent)} in a "
        "typical recent week."
    )
