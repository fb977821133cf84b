"""Answer sets for the situations the guidance tests cover, built from readable profiles.

Each profile gives one frequency (0-4) per statement about me and about my partner; the
helpers fill the Connection Check answers from them so tests read as situations, not as
77 literal numbers.
"""

from __future__ import annotations

from typing import Any

from nearer.core.instruments.connection_check import definition

CLOSE = {"closeness": 4, "distance": 0}
WARM = {"closeness": 3, "distance": 1}
DISTANT = {"closeness": 1, "distance": 3}
WALLED = {"closeness": 0, "distance": 4}


def statements(me: dict[str, int], partner: dict[str, int] | None) -> dict[str, Any]:
    """Answer every statement from a profile (direction -> frequency) for each person."""
    answers: dict[str, Any] = {}
    for s in definition().statements:
        answers[f"{s.id}.self"] = me[s.direction]
        if partner is not None:
            answers[f"{s.id}.partner"] = partner[s.direction]
    return answers


def no_context() -> dict[str, str]:
    """ "No" to every context question that has a no (the checklist, as the terminal sends
    it when nothing is picked); the direct questions stay unanswered."""
    return {q.id: "no" for q in definition().context if "no" in [c.value for c in q.choices]}


def stable_close() -> dict[str, Any]:
    return {**statements(WARM, WARM), **no_context(), "duration": "none"}


def burnout_withdrawal() -> dict[str, Any]:
    """My partner pulled back after a demanding new job; I am the one reaching."""
    return {
        **statements(WARM, DISTANT),
        **no_context(),
        "duration": "2w-2m",
        "onset": "event",
        "trend": "growing",
        "stress": "partner",
        "exhausted": "partner",
        "work_switch_off": "no",
    }


def pursuer_distancer() -> dict[str, Any]:
    """I press for closeness, my partner pulls back; we want different amounts of it."""
    return {
        **statements(WARM, DISTANT),
        **no_context(),
        "p1.self": 4,
        "p3.self": 4,
        "p1.partner": 0,
        "p2.partner": 4,
        "p2.self": 0,
        "duration": "6m-2y",
        "onset": "gradual",
        "needs": "me",
        "independence": "partner",
    }


def mutual_drift() -> dict[str, Any]:
    return {
        **statements(DISTANT, DISTANT),
        **no_context(),
        "duration": "gt2y",
        "onset": "gradual",
        "fights": "yes",
    }


def healthy_boundary() -> dict[str, Any]:
    """Some space we chose on purpose, with warmth intact."""
    return {
        **statements(WARM, WARM),
        **no_context(),
        "duration": "2m-6m",
        "onset": "event",
        "boundary": "both",
    }


def phq9(item9: int = 0, rest: int = 1) -> dict[str, int]:
    answers = {str(i): rest for i in range(1, 9)}
    answers["9"] = item9
    return answers


def safety(positive: bool) -> dict[str, Any]:
    from nearer.core.instruments.registry import get_screener

    items = get_screener("safety").items
    answers: dict[str, Any] = {item.id: 0 for item in items if not item.optional}
    if positive:
        answers[items[0].id] = 1
    return answers
