"""Early warning from daily check-ins and message aggregates read together.

early_warning(people, on) -> Warning       # detect.py: who drifts, scan.py: the statistics
early_warnings(people, start, end)         # the same for every day, in one pass
summary_for(warning, viewer) -> Summary    # words.py: what each person is shown
simulate.couple(kind, seed)                # made-up couples for tests and benchmarks
"""

from nearer.core.drift.detect import (
    MIN_WEEKS,
    Change,
    Day,
    Person,
    Warning,
    WeekSeen,
    early_warning,
    early_warnings,
)

__all__ = [
    "MIN_WEEKS",
    "Change",
    "Day",
    "Person",
    "Warning",
    "WeekSeen",
    "early_warning",
    "early_warnings",
]
