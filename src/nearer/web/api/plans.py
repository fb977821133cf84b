"""The plan: GET this week's plan (built or rebuilt as the page does), POST a step's status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field, StrictStr

from nearer.core.safety import SafetyAlert
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.api.common import user_of
from nearer.web.api.errors import WRITE, BadInput, problems
from nearer.web.plans.build import current_plan, progress_for
from nearer.web.plans.models import REASON_LIMIT, Plan, PlanStep
from nearer.web.plans.record import StepRefused, set_step_status
from nearer.web.plans.views import learn_path, step_link
from nearer.web.safety.alerts import summary as safety_summary

router = Router(tags=["plan"])


class Step(Schema):
    id: UUID
    name: str
    for_whom: str  # "you", "both", "anyone" (you, or both of you), "help"
    summary: str
    actions: list[str]
    why: list[str]
    minutes: int
    status: str  # "todo", "done", "not_for_us"
    reason: str
    learn: str
    safety: dict[str, Any] | None = None  # what a "not for us" reason raised, if anything


class Reading(Schema):
    title: str
    url: str


class Week(Schema):
    week_start: date
    done: int
    steps: int


class NotForUs(Schema):
    strategy: str
    reason: str


class PartnerStep(Schema):
    name: str
    summary: str
    actions: list[str]
    minutes: int
    done: bool
    in_your_plan: bool


class PlanOut(Schema):
    id: UUID
    week_start: date
    built_at: datetime
    headline: str
    understanding: list[str]
    changes: list[str]
    safety_alert: bool
    safety: dict[str, Any] | None
    steps: list[Step]
    professional: list[dict[str, Any]]
    read_next: list[Reading]
    progress: list[Week]
    not_for_us: list[NotForUs]


class PlanState(Schema):
    plan: PlanOut | None
    missing: str | None
    together: list[PartnerStep] | None  # the partner's steps for both, once both agreed


class StepIn(Schema):
    status: Literal["todo", "done", "not_for_us"]
    reason: Annotated[StrictStr, Field(max_length=REASON_LIMIT)] = ""


def _step(s: PlanStep, alerts: list[SafetyAlert] | None = None) -> Step:
    kind = "help" if s.is_help else s.audience if s.audience in ("both", "anyone") else "you"
    return Step(
        id=s.public_id,
        name=s.name,
        for_whom=kind,
        summary=s.summary,
        actions=[str(a) for a in s.actions],
        why=[str(w) for w in s.why],
        minutes=s.minutes,
        status=s.status,
        reason=s.reason,
        learn=step_link(s.strategy_id),
        safety=safety_summary(alerts or []),
    )


def _plan(user: User, plan: Plan) -> PlanOut:
    content = plan.content
    return PlanOut(
        id=plan.public_id,
        week_start=plan.week_start,
        built_at=plan.built_at,
        headline=content.get("headline", ""),
        understanding=content.get("understanding", []),
        changes=plan.changes,
        safety_alert=plan.safety_alert,
        safety=plan.safety or None,
        steps=[_step(s) for s in plan.steps.all()],
        professional=content.get("professional", []),
        read_next=[
            Reading(title=r["title"], url=learn_path(r["topic"], r["id"]))
            for r in content.get("read_next", [])
        ],
        progress=[Week(week_start=w.start, done=w.done, steps=w.steps) for w in progress_for(user)],
        not_for_us=[
            NotForUs(strategy=k, reason=v)
            for k, v in access.declined_strategies_for_user(user).items()
        ],
    )


@router.get("/plan", response={200: PlanState, **problems(401)})
def plan(request: HttpRequest) -> PlanState:
    """Your plan for this week; rebuilt first when a new check, screener or a clear change in
    check-ins altered the picture. Only you get it."""
    user = user_of(request)
    found = current_plan(user)
    together = access.partner_joint_steps_for_user(user)
    return PlanState(
        plan=_plan(user, found) if found else None,
        missing=None if found else "Take the Connection Check first: the plan starts from it.",
        together=[PartnerStep(**t.__dict__) for t in together] if together is not None else None,
    )


@router.post("/plan/steps/{step_id}", response={200: Step, **problems(*WRITE, 404)})
def step_status(request: HttpRequest, step_id: UUID, body: StepIn) -> Step:
    """Mark one of your steps ``done``, ``todo`` or ``not_for_us`` (with an optional
    ``reason``); a step of anyone else's plan is 404."""
    user = user_of(request)
    found = access.get_step_for_user(user, step_id)
    try:
        alerts = set_step_status(user, found, body.status, body.reason)
    except StepRefused as exc:
        raise BadInput(str(exc), {exc.field: [str(exc)]}) from None
    return _step(found, alerts)
