"""Signals: changes between a recent window and a baseline that are both large and solid.

For each person and metric the weekly values of the last ``recent`` weeks are compared with
the ``baseline`` weeks before them. A change is reported only when all of these hold:

* large in practice: Cliff's delta of at least 0.474 in size, the "large" threshold of
  Romano et al. (2006), and a change of the medians of at least ``MIN_CHANGE`` (relative,
  or absolute for shares);
* statistically solid: a two-sided Mann-Whitney rank test over the weeks, significant at
  5 % after the Holm (1979) correction over every test run on the chat, and a bootstrap 95 %
  interval of the difference in medians (2,000 resamples, fixed seed) that excludes zero.

The date a change began is the best single change point of the weekly series over both
windows (least squares, two segments; the binary-segmentation step of Scott and Knott 1974).
Couple-level patterns are then read off the person-level signals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from nearer.core.analysis.metrics import EMOTION_METRICS, METRICS, Analysis

CLIFF_LARGE = 0.474  # Romano, Kromrey, Coraggio and Skowronek (2006)
ALPHA = 0.05
BOOTSTRAP_SAMPLES = 2000
MIN_RECENT_WEEKS = 4
MIN_BASELINE_WEEKS = 8
# Smallest change of the medians that matters: relative for counts and rates, absolute
# (fraction points) for shares. Chosen so that a week-to-week wobble never qualifies.
MIN_CHANGE: dict[str, tuple[str, float]] = {
    "messages": ("relative", 0.30),
    "words_per_message": ("relative", 0.25),
    "reply_minutes_median": ("relative", 0.50),
    "initiated_share": ("absolute", 0.15),
    "unanswered_starts": ("absolute", 1.0),
    "questions_per_100": ("relative", 0.30),
    "affection_per_100": ("relative", 0.30),
    "appreciation_per_100": ("relative", 0.30),
    "disclosure_per_100": ("relative", 0.30),
    "we_share": ("absolute", 0.10),
    "plans_per_100": ("relative", 0.30),
    "repair_per_100": ("relative", 0.40),
    "late_night_share": ("absolute", 0.10),
    "emotion_share": ("absolute", 0.10),
    "positive_share": ("absolute", 0.15),
    "lsm": ("absolute", 0.05),
}
# Which direction means more distance, for the patterns.
DISTANCE_DIRECTION: dict[str, str] = {
    "messages": "down",
    "words_per_message": "down",
    "reply_minutes_median": "up",
    "questions_per_100": "down",
    "affection_per_100": "down",
    "appreciation_per_100": "down",
    "disclosure_per_100": "down",
    "we_share": "down",
    "plans_per_100": "down",
    "unanswered_starts": "up",
    "emotion_share": "down",
    "positive_share": "down",
    "lsm": "down",
}

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

# What each metric measures, in words; the couple-level style matching has no person.
DESCRIPTIONS: dict[str, str] = {
    **METRICS,
    **EMOTION_METRICS,
    "lsm": "style matching between you",
}


@dataclass
class Signal:
    person: str
    metric: str
    direction: str  # "up" | "down"
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


def cliffs_delta(recent: np.ndarray, baseline: np.ndarray) -> float:
    """P(recent > baseline) - P(recent < baseline) over all pairs of weeks."""
    diff = recent[:, None] - baseline[None, :]
    return float((np.sign(diff)).mean())


def mann_whitney_p(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sided p of the Mann-Whitney U test (normal approximation, tie-corrected)."""
    n1, n2 = a.shape[0], b.shape[0]
    both = np.concatenate((a, b))
    order = np.argsort(both, kind="stable")
    ranks = np.empty(both.shape[0])
    sorted_vals = both[order]
    i = 0
    while i < sorted_vals.shape[0]:
        j = i
        while j + 1 < sorted_vals.shape[0] and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2.0
    _, tie_counts = np.unique(both, return_counts=True)
    n = n1 + n2
    tie_term = float((tie_counts**3 - tie_counts).sum()) / (n * (n - 1))
    sigma = math.sqrt(n1 * n2 / 12.0 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0
    z = (abs(u - n1 * n2 / 2.0) - 0.5) / sigma
    return math.erfc(max(z, 0.0) / math.sqrt(2.0))


def bootstrap_interval(
    recent: np.ndarray, baseline: np.ndarray, seed: int = 7
) -> tuple[float, float]:
    """95 % percentile interval of median(recent) - median(baseline)."""
    rng = np.random.default_rng(seed)
    r = recent[rng.integers(0, recent.shape[0], (BOOTSTRAP_SAMPLES, recent.shape[0]))]
    b = baseline[rng.integers(0, baseline.shape[0], (BOOTSTRAP_SAMPLES, baseline.shape[0]))]
    diffs = np.median(r, axis=1) - np.median(b, axis=1)
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return float(lo), float(hi)


def change_point(series: np.ndarray) -> int | None:
    """Index where a two-segment mean model fits best (NaN weeks ignored), or None."""
    idx = np.flatnonzero(~np.isnan(series))
    if idx.size < 6:
        return None
    x = series[idx]
    best, best_k = math.inf, None
    for k in range(2, x.shape[0] - 1):
        left, right = x[:k], x[k:]
        cost = float(((left - left.mean()) ** 2).sum() + ((right - right.mean()) ** 2).sum())
        if cost < best:
            best, best_k = cost, k
    return None if best_k is None else int(idx[best_k])


@dataclass
class _Test:
    person: int | None  # None for the couple
    metric: str
    recent: np.ndarray
    baseline: np.ndarray
    series: np.ndarray
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
    metrics = [m for m in analysis.weekly if m in MIN_CHANGE]
    for metric in metrics:
        for p in range(2):
            if metric == "initiated_share" and p == 1:
                continue  # the two shares mirror each other: test once
            tests.append(_make_test(p, metric, analysis.weekly[metric][p], begin, mid, end))
    tests.append(_make_test(None, "lsm", analysis.couple_lsm, begin, mid, end))
    tests = [
        t
        for t in tests
        if t.recent.shape[0] >= MIN_RECENT_WEEKS and t.baseline.shape[0] >= MIN_BASELINE_WEEKS
    ]
    for t in tests:
        t.p = mann_whitney_p(t.recent, t.baseline)
    _holm(tests)
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
    person: int | None, metric: str, series: np.ndarray, begin: int, mid: int, end: int
) -> _Test:
    base, rec = series[begin:mid], series[mid:end]
    return _Test(
        person, metric, rec[~np.isnan(rec)], base[~np.isnan(base)], series[begin:end], begin
    )


def _holm(tests: list[_Test]) -> None:
    """Holm (1979) step-down adjustment, in place (adjusted p stays monotone)."""
    order = sorted(range(len(tests)), key=lambda i: tests[i].p)
    m = len(tests)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * tests[i].p))
        tests[i].p = running


def _big_enough(metric: str, base: float, recent: float) -> bool:
    kind, threshold = MIN_CHANGE[metric]
    if kind == "absolute":
        return abs(recent - base) >= threshold
    scale = max(abs(base), 1e-9)
    return abs(recent - base) / scale >= threshold


def _judge(t: _Test, analysis: Analysis) -> Signal | None:
    base, rec = float(np.median(t.baseline)), float(np.median(t.recent))
    delta = cliffs_delta(t.recent, t.baseline)
    if t.p >= ALPHA or abs(delta) < CLIFF_LARGE or not _big_enough(t.metric, base, rec):
        return None
    lo, hi = bootstrap_interval(t.recent, t.baseline)
    if lo <= 0 <= hi:
        return None
    k = change_point(t.series)
    when: date | None = analysis.week_start(t.offset + k) if k is not None else None
    direction = "up" if rec > base else "down"
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
        explanation=explain(t.metric, direction, person, partner, base, rec, when),
        p_value=t.p,
        cliffs_delta=delta,
        interval=(lo, hi),
    )


def _mirror(signal: Signal, analysis: Analysis) -> list[Signal]:
    """A shift in who starts conversations is reported from both sides."""
    if signal.metric != "initiated_share":
        return [signal]
    other = analysis.names[1] if signal.person == analysis.names[0] else analysis.names[0]
    flipped = "down" if signal.direction == "up" else "up"
    twin = Signal(
        person=other,
        metric=signal.metric,
        direction=flipped,
        baseline=1.0 - signal.baseline,
        recent=1.0 - signal.recent,
        change_date=signal.change_date,
        strength=signal.strength,
        explanation=explain(
            signal.metric,
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
            if s.metric
            in (
                "reply_minutes_median",
                "messages",
                "words_per_message",
                "unanswered_starts",
                "questions_per_100",
                "affection_per_100",
            )
            and s.direction == DISTANCE_DIRECTION.get(s.metric)
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
        name: [
            s for s in by_person.get(name, []) if DISTANCE_DIRECTION.get(s.metric) == s.direction
        ]
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
    return ", ".join(f"{_PHRASES[s.metric][s.direction == 'up']}" for s in signals)


_PHRASES: dict[str, tuple[str, str]] = {
    "messages": ("fewer messages", "more messages"),
    "words_per_message": ("shorter messages", "longer messages"),
    "reply_minutes_median": ("quicker replies", "slower replies"),
    "initiated_share": ("starting fewer conversations", "starting more conversations"),
    "unanswered_starts": ("fewer unanswered openings", "more unanswered openings"),
    "questions_per_100": ("fewer questions", "more questions"),
    "affection_per_100": ("less affection", "more affection"),
    "appreciation_per_100": ("less thanks", "more thanks"),
    "disclosure_per_100": ("fewer feelings shared", "more feelings shared"),
    "we_share": ("less 'we'", "more 'we'"),
    "plans_per_100": ("fewer shared plans", "more shared plans"),
    "repair_per_100": ("fewer apologies", "more apologies"),
    "late_night_share": ("fewer late-night messages", "more late-night messages"),
    "emotion_share": ("fewer emotional messages", "more emotional messages"),
    "positive_share": ("a less positive tone", "a more positive tone"),
    "lsm": ("writing styles drifting apart", "writing styles converging"),
}


def _fmt(metric: str, value: float) -> str:
    if metric == "reply_minutes_median":
        if value >= 120:
            return f"{value / 60:.1f} hours"
        return f"{value:.0f} minutes"
    if metric.endswith("_share") or metric == "lsm":
        return f"{100 * value:.0f} %"
    if metric == "messages":
        return f"{value:.0f} a week"
    if metric in ("words_per_message", "unanswered_starts"):
        return f"{value:.1f}"
    return f"{value:.1f} per 100 messages"


_SENTENCES: dict[str, tuple[str, str]] = {
    "messages": ("{p} has been sending fewer messages", "{p} has been sending more messages"),
    "words_per_message": ("{p}'s messages have become shorter", "{p}'s messages have grown longer"),
    "reply_minutes_median": (
        "{p} has been replying to {q} faster",
        "{p} has been slower to reply to {q}",
    ),
    "initiated_share": (
        "{p} has been starting fewer of your conversations",
        "{p} has been starting more of your conversations",
    ),
    "unanswered_starts": (
        "fewer of {p}'s openings go unanswered",
        "more of {p}'s openings go unanswered",
    ),
    "questions_per_100": (
        "{p} has been asking {q} fewer questions",
        "{p} has been asking {q} more questions",
    ),
    "affection_per_100": (
        "{p} has been writing less affectionately",
        "{p} has been writing more affectionately",
    ),
    "appreciation_per_100": (
        "{p} has been thanking {q} less often",
        "{p} has been thanking {q} more often",
    ),
    "disclosure_per_100": (
        "{p} has been sharing feelings less often",
        "{p} has been sharing feelings more often",
    ),
    "we_share": ("{p} has been saying 'we' less", "{p} has been saying 'we' more"),
    "plans_per_100": (
        "{p} has been talking less about plans together",
        "{p} has been talking more about plans together",
    ),
    "repair_per_100": (
        "{p} has been apologising less often",
        "{p} has been apologising more often",
    ),
    "late_night_share": (
        "{p} writes late at night less often",
        "{p} writes late at night more often",
    ),
    "emotion_share": (
        "{p}'s messages carry feelings less often",
        "{p}'s messages carry feelings more often",
    ),
    "positive_share": (
        "{p}'s tone has become less positive",
        "{p}'s tone has become more positive",
    ),
    "lsm": ("your writing styles have drifted apart", "your writing styles have grown closer"),
}


def explain(
    metric: str,
    direction: str,
    person: str,
    partner: str,
    base: float,
    recent: float,
    when: date | None,
) -> str:
    """One plain sentence about a change, in nearer's words."""
    sentence = _SENTENCES[metric][direction == "up"].format(p=person, q=partner or "you")
    since = f" since about the week of {when.day} {when:%B %Y}" if when else " lately"
    what = DESCRIPTIONS[metric]
    return (
        f"{sentence[0].upper()}{sentence[1:]}{since}: {what} went from about "
        f"{_fmt(metric, base)} in a typical earlier week to {_fmt(metric, recent)} in a typical "
        "recent week."
    )
