"""The "The plan and what was done" section of a report, from the plans app.

It reads the plans as stored and never builds one (a report changes nothing): the latest
plan's steps and what became of them, every step set aside as "not for us" with the reason
the person gave, and steps done per week. Never a step's "why", which quotes the answers,
and never a partner's plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nearer.core.safety.vocabulary import PARTNER_HARM
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.plans.build import progress_for
from nearer.web.plans.models import NOT_FOR_US, STEP_STATUSES, Plan

STATUS_WORDS = dict(STEP_STATUSES)
# Weeks of progress shown: about two months, as the plan page shows.
PROGRESS_WEEKS = 8


@dataclass(frozen=True)
class StepRow:
    name: str
    status: str  # "todo", "done", "not_for_us"
    status_words: str
    reason: str
    minutes: int


@dataclass(frozen=True)
class SetAside:
    name: str
    reason: str


@dataclass(frozen=True)
class ProgressRow:
    start: date
    done: int
    steps: int

    @property
    def bar(self) -> float:
        return round(100 * self.done / self.steps, 1) if self.steps else 0.0


@dataclass(frozen=True)
class PlanView:
    week_start: date | None
    steps: tuple[StepRow, ...]
    set_aside: tuple[SetAside, ...]
    progress: tuple[ProgressRow, ...]
    # True when the part stands beside the partner's and the plan was built around harm
    # from a partner: then none of it is shown (the partner may open the same report).
    withheld: bool = False


def _partner_harm(plan: Plan) -> bool:
    return bool(plan.safety_alert and PARTNER_HARM in (plan.safety or {}).get("kinds", []))


def plan_rows(owner: User, beside_partner: bool = False) -> list[PlanView]:
    """The owner's plan as one view, or nothing when they have no plan yet."""
    plan = access.latest_plan_for_user(owner)
    declined = access.declined_strategies_for_user(owner)
    if plan is None and not declined:
        return []
    alerted = access.plans_for_user(owner).filter(safety_alert=True)
    if beside_partner and any(_partner_harm(p) for p in alerted):
        return [PlanView(None, (), (), (), withheld=True)]
    names = dict(
        access.plans_for_user(owner)
        .filter(steps__status=NOT_FOR_US)
        .values_list("steps__strategy_id", "steps__name")
    )
    steps: tuple[StepRow, ...] = ()
    if plan is not None:
        steps = tuple(
            StepRow(s.name, s.status, STATUS_WORDS.get(s.status, s.status), s.reason, s.minutes)
            for s in plan.steps.all()
        )
    return [
        PlanView(
            week_start=plan.week_start if plan is not None else None,
            steps=steps,
            set_aside=tuple(
                SetAside(names.get(sid, sid), reason) for sid, reason in declined.items()
            ),
            progress=tuple(
                ProgressRow(p.start, p.done, p.steps)
                for p in reversed(progress_for(owner, PROGRESS_WEEKS))
            ),
        )
    ]
