"""One sitting: the Connection Check, the safety screen and any screeners, and the plan.

An answers file (what ``nearer assess --answers`` reads, and what an interrupted interactive
check saves) is one JSON object:

    {"c1.self": 3, "c1.partner": 1, ..., "duration": "2m-6m", "stress": "partner",
     "notes": "free text", "country": "GB",
     "screeners": {"safety": {"afraid": 0, ...}, "phq9": {"1": 0, ...}}}

Connection Check items sit at the top level; each screener's answers sit under
``screeners`` keyed by the screener id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nearer import __version__
from nearer.core.errors import AnswerError
from nearer.core.guidance import Plan, build_plan
from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_check import split_meta
from nearer.core.instruments.connection_scoring import ConnectionResult, score_connection_check
from nearer.core.instruments.registry import get_screener


@dataclass(frozen=True)
class Assessment:
    check: ConnectionResult
    screens: tuple[ScreenResult, ...]
    plan: Plan
    taken_at: str
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape; notes and free text are left out (they stay private)."""
        return {
            "nearer": __version__,
            "taken_at": self.taken_at,
            "name": self.name,
            "connection_check": self.check.to_dict(),
            "screeners": {s.instrument: s.to_dict() for s in self.screens},
            "plan": self.plan.to_dict(),
        }


def score_screeners(raw: Any) -> tuple[ScreenResult, ...]:
    """Score the ``screeners`` object of an answers file (screener id -> answers)."""
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        raise AnswerError(
            '"screeners" must be an object mapping a screener id to its answers, '
            'e.g. {"phq9": {"1": 0, ...}}.'
        )
    return tuple(get_screener(str(sid)).score(answers) for sid, answers in raw.items())


def assess(
    answers: Mapping[str, Any], country: str | None = None, now: datetime | None = None
) -> Assessment:
    """Score everything in one answers object and build the plan."""
    check = score_connection_check(answers)
    _, meta = split_meta(answers)
    screens = score_screeners(meta.get("screeners"))
    where = country or meta.get("country")
    plan = build_plan(check, screens, country=str(where) if where else None)
    taken = (now or datetime.now()).replace(microsecond=0).isoformat()
    name = meta.get("name")
    return Assessment(check, screens, plan, taken, str(name) if name else None)


def result_from_json(data: Any) -> ConnectionResult:
    """Read a Connection Check from either an answers file or an ``assess --json`` output."""
    if isinstance(data, Mapping) and "connection_check" in data:
        inner = data["connection_check"]
        if not isinstance(inner, Mapping) or "answers" not in inner:
            raise AnswerError(
                "this looks like an assess --json output without its answers; "
                "run nearer assess --json again with this version."
            )
        return score_connection_check(inner["answers"])
    if not isinstance(data, Mapping):
        raise AnswerError("expected a JSON object: an answers file or an assess --json output.")
    return score_connection_check(data)
