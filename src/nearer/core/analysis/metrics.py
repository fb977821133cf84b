"""Weekly and whole-history metrics per person, and style matching per couple-week.

Definitions (docs/methods.md explains the choices):

* A *conversation* starts at a message that follows a silence of at least ``gap`` (6 hours
  by default); its first sender *initiated* it. A start is *unanswered* when the partner
  wrote nothing before the next silence.
* A *reply delay* is the time from the partner's message to this person's next message in
  the same conversation (turn changes only; a burst counts from its last message).
* Rates "per 100 messages" count matches (words, emoji) per 100 of the person's messages;
  questions count messages with a question mark.
* Weeks are ISO weeks (Monday to Sunday) of the wall-clock time written in the export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from nearer.core.analysis.definitions import METRICS as METRIC_LIST
from nearer.core.analysis.emotion import EmotionColumns
from nearer.core.analysis.features import Features
from nearer.core.analysis.lexicon import CATEGORIES, LSM_CATEGORIES
from nearer.core.arrays import Flags, Floats, Ints
from nearer.core.chats.model import ChatTable

DAY = 86400
LATE_START_HOUR, LATE_END_HOUR = 23, 5  # 23:00-04:59 counts as late night
LSM_EPSILON = 0.0001  # Ireland and Pennebaker (2011), keeps 0/0 categories at 1
LSM_MIN_WORDS = 10  # fewer words than this in a week and style matching says nothing

# Rates per 100 messages counted from one word-list category each.
_PER_100 = {
    m.id: m.word_lists[0] for m in METRIC_LIST if m.number_format == "per100" and m.word_lists
}


@dataclass
class Analysis:
    """Everything the report needs, as arrays (``weekly[name]`` has shape (2, weeks))."""

    names: tuple[str, str]
    week_ids: Ints  # Monday-based week numbers since 1969-12-29
    weekly: dict[str, Floats]
    couple_lsm: Floats  # (weeks,)
    totals: dict[str, list[float | None]]
    total_lsm: float | None
    messages: list[int]
    first: int  # wall-clock seconds
    last: int
    gap_seconds: int
    emotion: bool = False
    notes: list[str] = field(default_factory=list)

    def week_start(self, i: int) -> date:
        return week_start(int(self.week_ids[i]))


def week_of(seconds: Ints) -> Ints:
    """Monday-based week number of wall-clock seconds (1970-01-01 was a Thursday)."""
    weeks: Ints = (seconds // DAY + 3) // 7
    return weeks


def week_start(week_id: int) -> date:
    return date(1970, 1, 1) + timedelta(days=week_id * 7 - 3)


def iso_week(week_id: int) -> str:
    year, week, _ = week_start(week_id).isocalendar()
    return f"{year}-W{week:02d}"


def _ratio(num: Floats, den: Floats, scale: float = 1.0) -> Floats:
    out = np.full(num.shape, np.nan)
    ok = den > 0
    out[ok] = scale * num[ok] / den[ok]
    result: Floats = out
    return result


def _grouped_median(groups: Ints, values: Floats, n_groups: int) -> Floats:
    out = np.full(n_groups, np.nan)
    if values.size == 0:
        return out
    order = np.lexsort((values, groups))
    v = values[order]
    counts = np.bincount(groups, minlength=n_groups)
    first = np.cumsum(counts) - counts
    ok = counts > 0
    lo = first[ok] + (counts[ok] - 1) // 2
    hi = first[ok] + counts[ok] // 2
    out[ok] = (v[lo] + v[hi]) / 2.0
    return out


def analyse(
    table: ChatTable,
    features: Features,
    gap_seconds: int = 6 * 3600,
    emotion: EmotionColumns | None = None,
) -> Analysis:
    """Compute every metric for a two-person chat (``table.names`` has exactly two names).

    ``emotion``: optional (classified, emotional, positive, negative) boolean arrays per
    message; only classified rows (a sample of the text messages) count toward the emotion
    metrics.
    """
    t = table.seconds
    s: Ints = table.sender.astype(np.int64)
    n = t.shape[0]
    weeks = week_of(t)
    w0 = int(weeks.min())
    n_weeks = int(weeks.max()) - w0 + 1
    wk: Ints = weeks - w0
    group = s * n_weeks + wk
    n_groups = 2 * n_weeks

    def per_group(mask: Flags | None = None, weights: Floats | None = None) -> Floats:
        g = group if mask is None else group[mask]
        wts = weights if (mask is None or weights is None) else weights[mask]
        counted: Floats = np.bincount(g, weights=wts, minlength=n_groups).astype(float)
        return counted

    def both(values: Floats) -> Floats:
        shaped: Floats = values.reshape(2, n_weeks)
        return shaped

    text_msg = ~table.media & ~table.deleted
    messages = per_group()
    text_messages = per_group(text_msg)
    words = per_group(None, features.words.astype(float))
    # Conversations and replies.
    gap = np.diff(t, prepend=t[0] - gap_seconds - 1) >= gap_seconds
    conv = np.cumsum(gap) - 1
    starter = s[gap]
    other = s != starter[conv]
    answered = np.bincount(conv, weights=other.astype(float), minlength=starter.shape[0]) > 0
    start_rows = np.flatnonzero(gap)
    starts = per_group(gap)
    unanswered = np.bincount(group[start_rows[~answered]], minlength=n_groups).astype(float)
    turn = np.zeros(n, dtype=bool)
    turn[1:] = (s[1:] != s[:-1]) & ~gap[1:]
    delays = (t[turn] - np.roll(t, 1)[turn]) / 60.0
    reply = _grouped_median(group[turn], delays, n_groups)
    hour: Ints = (t % DAY) // 3600
    late = (hour >= LATE_START_HOUR) | (hour < LATE_END_HOUR)
    weekly: dict[str, Floats] = {}
    weekly["messages"] = both(messages)
    weekly["words_per_message"] = both(_ratio(words, text_messages))
    weekly["reply_minutes_median"] = both(reply)
    starts2 = both(starts)
    weekly["initiated_share"] = _ratio(starts2, np.broadcast_to(starts2.sum(0), starts2.shape))
    weekly["conversations_started"] = starts2
    weekly["unanswered_starts"] = both(unanswered)
    weekly["questions_per_100"] = both(_ratio(per_group(features.question), messages, 100.0))
    by_cat: Floats = features.grouped(group, n_groups).astype(float)

    def cat(name: str) -> Floats:
        column: Floats = by_cat[:, CATEGORIES.index(name)]
        return column

    for metric, name in _PER_100.items():
        weekly[metric] = both(_ratio(cat(name), messages, 100.0))
    we, me, you = cat("we"), cat("i"), cat("you")
    weekly["we_share"] = both(_ratio(we, we + me + you))
    weekly["late_night_share"] = both(_ratio(per_group(late), messages))
    lsm_counts = {c: both(cat(c)) for c in LSM_CATEGORIES}
    couple_lsm = _lsm(lsm_counts, both(words))
    if emotion is not None:
        classified, emotional, positive, negative = emotion
        weekly["emotion_share"] = both(
            _ratio(per_group(emotional & classified), per_group(classified))
        )
        pos = per_group(positive & classified)
        weekly["positive_share"] = both(_ratio(pos, pos + per_group(negative & classified)))
    person_cat: Floats = by_cat.reshape(2, n_weeks, -1).sum(axis=1)
    totals = _totals(
        weekly, table, features, person_cat, s, gap, answered, start_rows, turn, delays, late
    )
    total_lsm = _lsm(
        {c: person_cat[:, CATEGORIES.index(c)].reshape(2, 1) for c in LSM_CATEGORIES},
        both(words).sum(axis=1, keepdims=True),
    )[0]
    if emotion is not None:
        classified, emotional, positive, negative = emotion
        for p in range(2):
            mine = (s == p) & classified
            pos_n, neg_n = float((positive & mine).sum()), float((negative & mine).sum())
            totals["emotion_share"].append(_div(float((emotional & mine).sum()), float(mine.sum())))
            totals["positive_share"].append(_div(pos_n, pos_n + neg_n))
    return Analysis(
        names=(table.names[0], table.names[1]),
        week_ids=np.arange(w0, w0 + n_weeks),
        weekly=weekly,
        couple_lsm=couple_lsm,
        totals=totals,
        total_lsm=None if np.isnan(total_lsm) else float(total_lsm),
        messages=[int((s == p).sum()) for p in range(2)],
        first=int(t.min()),
        last=int(t.max()),
        gap_seconds=gap_seconds,
        emotion=emotion is not None,
    )


def _div(num: float, den: float, scale: float = 1.0) -> float | None:
    return None if den <= 0 else scale * num / den


def _lsm(counts: dict[str, Floats], words: Floats) -> Floats:
    """Language style matching per column (Ireland and Pennebaker 2011)."""
    total = np.zeros(words.shape[1])
    safe = np.maximum(words, 1.0)
    for values in counts.values():
        pa, pb = values[0] / safe[0], values[1] / safe[1]
        total += 1.0 - np.abs(pa - pb) / (pa + pb + LSM_EPSILON)
    out: Floats = total / len(counts)
    out[(words[0] < LSM_MIN_WORDS) | (words[1] < LSM_MIN_WORDS)] = np.nan
    return out


def _totals(
    weekly: dict[str, Floats],
    table: ChatTable,
    features: Features,
    person_cat: Floats,
    s: Ints,
    gap: Flags,
    answered: Flags,
    start_rows: Ints,
    turn: Flags,
    delays: Floats,
    late: Flags,
) -> dict[str, list[float | None]]:
    text_msg = ~table.media & ~table.deleted

    def by_person(weights: Floats | None = None, rows: Flags | Ints | None = None) -> Floats:
        who = s if rows is None else s[rows]
        summed: Floats = np.bincount(who, weights=weights, minlength=2).astype(float)
        return summed

    messages = by_person()
    texts = by_person(text_msg.astype(float))
    words = by_person(features.words.astype(float))
    started = by_person(rows=gap)
    unanswered = by_person(rows=start_rows[~answered])
    questions = by_person(features.question.astype(float))
    late_n = by_person(late.astype(float))
    all_starts = float(gap.sum())
    reply_person = s[turn]
    totals: dict[str, list[float | None]] = {k: [] for k in weekly}
    for p in range(2):
        my_delays = delays[reply_person == p]
        totals["messages"].append(float(messages[p]))
        totals["words_per_message"].append(_div(float(words[p]), float(texts[p])))
        totals["reply_minutes_median"].append(
            float(np.median(my_delays)) if my_delays.size else None
        )
        totals["initiated_share"].append(_div(float(started[p]), all_starts))
        totals["conversations_started"].append(float(started[p]))
        totals["unanswered_starts"].append(float(unanswered[p]))
        totals["questions_per_100"].append(_div(float(questions[p]), float(messages[p]), 100.0))
        for metric, name in _PER_100.items():
            hits = float(person_cat[p, CATEGORIES.index(name)])
            totals[metric].append(_div(hits, float(messages[p]), 100.0))
        we, me, you = (float(person_cat[p, CATEGORIES.index(c)]) for c in ("we", "i", "you"))
        totals["we_share"].append(_div(we, we + me + you))
        totals["late_night_share"].append(_div(float(late_n[p]), float(messages[p])))
    return totals
