"""Building a person's plan from what they stored, and rebuilding it when the picture changes.

The guidance engine (``nearer.core.guidance.build_plan``) does the thinking; this module
gathers its inputs (the latest Connection Check with its notes and safety screen, the latest
result of each screener, the last two weeks of check-ins) and decides when to build again:

- a new Connection Check or screener result;
- a clear change in check-ins: the band of the last two weeks' closeness moved (the same
  bands as the partner's weekly summary, ``checkins.summary.CLOSENESS_BANDS``), or a
  check-in raised a safety alert;
- a strategy marked "not for us" (it is left out of this plan and every later one);
- a new week.

Each new plan says what changed since the one before, and keeps what was already marked on
steps that stay in the same week.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from nearer.core.errors import NearerError
from nearer.core.guidance import Plan as Guidance
from nearer.core.guidance import Recommendation, build_plan
from nearer.core.guidance.ranking import this_week
from nearer.core.instruments.base import ScreenResult
from nearer.core.instruments.connection_check import INSTRUMENT_ID as CONNECTION_CHECK
from nearer.core.instruments.connection_scoring import ConnectionResult, score_connection_check
from nearer.core.instruments.registry import get_screener
from nearer.web import access, vocab
from nearer.web.accounts.models import User
from nearer.web.assessments.models import AssessmentResult
from nearer.web.checkins.summary import CLOSENESS_BANDS, closeness_band, week_start
from nearer.web.plans.models import NOT_FOR_US, TODO, Plan, PlanStep
from nearer.web.safety.alerts import summary as safety_summary

logger = logging.getLogger(__name__)

# The check-ins a plan reads: the last two weeks, from three check-ins on (the same minimum
# as the partner's weekly summary, so one day never decides the picture).
CHECKIN_DAYS = 14
MIN_CHECKINS = 3


@dataclass(frozen=True)
class Inputs:
    check: AssessmentResult | None
    screens: tuple[AssessmentResult, ...]
    band: int | None  # closeness band of the last two weeks, None with too few check-ins
    area: str | None
    alert_checkins: tuple[str, ...]  # public ids of recent check-ins that raised an alert
    alert_texts: tuple[str, ...]
    declined: dict[str, str]

    def basis(self, week: date) -> dict[str, Any]:
        return {
            "week": week.isoformat(),
            "check": str(self.check.public_id) if self.check else None,
            "screens": sorted(str(s.public_id) for s in self.screens),
            "band": self.band,
            "alerts": sorted(self.alert_checkins),
            "declined": sorted(self.declined),
        }


def inputs_for(user: User, today: date) -> Inputs:
    results = access.results_for_user(user)
    check = results.filter(instrument=CONNECTION_CHECK).first()
    latest: dict[str, AssessmentResult] = {}
    for r in results.exclude(instrument=CONNECTION_CHECK):
        latest.setdefault(r.instrument, r)  # newest first
    since = today - timedelta(days=CHECKIN_DAYS - 1)
    recent = list(access.checkins_for_user(user).filter(day__gte=since, day__lte=today))
    band = area = None
    if len(recent) >= MIN_CHECKINS:
        bands = sorted(closeness_band(c.closeness) for c in recent)
        band = bands[len(bands) // 2]
        areas = [c.quadrant for c in recent]
        area = max(sorted(set(areas)), key=areas.count)
    alerted = [c for c in recent if c.safety_alert]
    return Inputs(
        check=check,
        screens=tuple(latest.values()),
        band=band,
        area=area,
        alert_checkins=tuple(str(c.public_id) for c in alerted),
        alert_texts=tuple(t for c in alerted for t in (c.private_note, c.appreciation) if t),
        declined=access.declined_strategies_for_user(user),
    )


def _check_of(result: AssessmentResult) -> tuple[ConnectionResult, tuple[ScreenResult, ...]]:
    """The stored check with its notes, and its safety screen (both the owner's alone)."""
    answers = dict(result.answers)
    notes = result.private_answers.get("notes")
    if isinstance(notes, str) and notes:
        answers["notes"] = notes
    check = score_connection_check(answers)
    safety = result.private_answers.get("safety")
    screens: tuple[ScreenResult, ...] = ()
    if isinstance(safety, dict) and safety:
        screen = get_screener("safety")
        # As when the check was taken: a skipped item counts as no for the alert only.
        filled = {item.id: safety.get(item.id, 0) for item in screen.items if not item.optional}
        screens = (screen.score({**filled, **safety}),)
    return check, screens


def _screen_of(result: AssessmentResult) -> ScreenResult:
    return get_screener(result.instrument).score(result.answers)


def without_declined(
    guidance: Guidance,
    check: ConnectionResult,
    declined: dict[str, str],
    keep: Sequence[str] = (),
) -> tuple[Recommendation, ...]:
    """This week's steps with every declined strategy left out, the next ones moving up.
    Help that is due keeps its place: it cannot be declined (docs/web.md, "Plan").

    ``keep`` names steps already in this week's plan: when only a decline changed, those
    stay and just the freed place is filled, so setting one step aside never swaps others.
    """
    if not declined and not keep:
        return guidance.this_week
    due = [r for r in guidance.this_week if r.strategy.practice == "professional"]
    known = {r.strategy.id: r for r in (*guidance.this_week, *guidance.strategies)}
    kept = [known[k] for k in keep if k in known and k not in declined]
    first = list(dict.fromkeys([*due, *kept]))
    ranked = [r for r in guidance.strategies if r.strategy.id not in declined and r not in first]
    return this_week(ranked, first, check.has("partner_refuses_help"))


def _only_new_declines(before: Plan | None, basis: dict[str, Any]) -> bool:
    """Whether the one change is a step newly set aside (bringing one back rebuilds fully,
    so that it can return at once)."""
    if before is None:
        return False
    same = {k: v for k, v in before.basis.items() if k != "declined"}
    grew = set(before.basis.get("declined", [])) <= set(basis["declined"])
    return grew and same == {k: v for k, v in basis.items() if k != "declined"}


def _checkin_line(band: int | None, area: str | None) -> str | None:
    if band is None:
        return None
    name = vocab.quadrant_names().get(area or "", area or "")
    return (
        f"Your check-ins over the last two weeks: mostly feeling {CLOSENESS_BANDS[band][2]}, "
        f"most often “{name}”."
    )


def _step_row(plan: Plan, n: int, rec: Recommendation) -> PlanStep:
    s = rec.strategy
    return PlanStep(
        plan=plan,
        position=n,
        strategy_id=s.id,
        name=s.name,
        audience=s.audience,
        practice=s.practice,
        summary=s.summary,
        actions=list(s.steps),
        why=list(rec.why),
        minutes=s.minutes,
    )


def _content(guidance: Guidance, inputs: Inputs, screens: Sequence[ScreenResult]) -> dict[str, Any]:
    data = guidance.to_dict()
    line = _checkin_line(inputs.band, inputs.area)
    return {
        "headline": data["headline"],
        "understanding": data["understanding"] + ([line] if line else []),
        "professional": data["professional"],
        "suggested_screens": data["suggested_screens"],
        "read_next": data["read_next"],
        "from_notes": [list(pair) for pair in guidance.from_notes],  # the owner's alone
        "screens": [
            {
                "instrument": get_screener(s.instrument).short_name,
                "interpretation": s.interpretation,
            }
            for s in screens
            if s.instrument != "safety"
        ],
        "left_out": [
            {"name": x.strategy.name, "reason": x.reason}
            for x in guidance.left_out
            if guidance.has_safety_alert
        ],
        "country": guidance.crisis.code,
        "role": guidance.role,
    }


def _changes(
    before: Plan | None, inputs: Inputs, week: date, steps: Sequence[Recommendation]
) -> list[str]:
    if before is None:
        return []
    old = before.basis
    out: list[str] = []
    if old.get("week") != week.isoformat():
        out.append("A new week has started.")
    if inputs.check and old.get("check") != str(inputs.check.public_id):
        out.append(f"You took a new Connection Check on {inputs.check.taken_at:%-d %B}.")
    new_screens = {str(s.public_id): s for s in inputs.screens}
    for sid, s in new_screens.items():
        if sid not in old.get("screens", []):
            out.append(f"A new {get_screener(s.instrument).short_name} result.")
    if old.get("band") != inputs.band and inputs.band is not None:
        if old.get("band") is None:
            out.append(
                f"Your check-ins now count: mostly feeling {CLOSENESS_BANDS[inputs.band][2]}."
            )
        else:
            out.append(
                f"Your check-ins moved from feeling {CLOSENESS_BANDS[old['band']][2]} to "
                f"feeling {CLOSENESS_BANDS[inputs.band][2]}."
            )
    if set(inputs.alert_checkins) - set(old.get("alerts", [])):
        out.append("Something you wrote in a check-in put help first.")
    for sid in sorted(set(inputs.declined) - set(old.get("declined", []))):
        name = before.steps.filter(strategy_id=sid).values_list("name", flat=True).first() or sid
        out.append(f"Left out “{name}”, which you marked “not for us”.")
    was = list(before.steps.values_list("strategy_id", "name"))
    now = [(r.strategy.id, r.strategy.name) for r in steps]
    added = [name for sid, name in now if sid not in dict(was)]
    dropped = [name for sid, name in was if sid not in dict(now)]
    if added:
        out.append("New this week: " + "; ".join(added) + ".")
    if dropped:
        out.append("No longer in the plan: " + "; ".join(dropped) + ".")
    if not added and not dropped and out:
        out.append("The steps stay the same.")
    return out


def current_plan(user: User, today: date | None = None) -> Plan | None:
    """The user's plan for this week, built or rebuilt when the picture changed; None until
    they have taken a Connection Check (the plan starts from it)."""
    today = today or timezone.localdate()
    inputs = inputs_for(user, today)
    if inputs.check is None:
        return None
    week = week_start(today)
    basis = inputs.basis(week)
    before = access.latest_plan_for_user(user)
    if before is not None and before.basis == basis:
        return before
    try:
        return _build(user, inputs, week, basis, before)
    except NearerError:
        # Stored answers the engine no longer accepts (an older check's format): keep the
        # last plan rather than fail the page; a new check builds a fresh one.
        logger.warning("plan not rebuilt: stored answers were refused")
        return before


@transaction.atomic
def _build(
    user: User, inputs: Inputs, week: date, basis: dict[str, Any], before: Plan | None
) -> Plan:
    assert inputs.check is not None
    check, check_screens = _check_of(inputs.check)
    screens = (*check_screens, *(_screen_of(s) for s in inputs.screens))
    guidance = build_plan(check, screens, texts=inputs.alert_texts, country=user.country or None)
    keep: list[str] = []
    if before is not None and _only_new_declines(before, basis):
        keep = list(before.steps.exclude(status=NOT_FOR_US).values_list("strategy_id", flat=True))
    steps = without_declined(guidance, check, inputs.declined, keep)
    plan = Plan.objects.create(
        user=user,
        week_start=week,
        basis=basis,
        content=_content(guidance, inputs, screens),
        changes=_changes(before, inputs, week, steps),
        safety_alert=guidance.has_safety_alert,
        safety=safety_summary(guidance.safety) or {},
    )
    carried: dict[str, PlanStep] = {}
    if before is not None and before.week_start == week:
        carried = {s.strategy_id: s for s in before.steps.all()}
    rows = [_step_row(plan, n, rec) for n, rec in enumerate(steps, 1)]
    for row in rows:
        kept = carried.get(row.strategy_id)
        if kept is not None and kept.status != NOT_FOR_US:
            row.status, row.updated_at = kept.status, kept.updated_at
    PlanStep.objects.bulk_create(rows)
    return plan


@dataclass(frozen=True)
class WeekProgress:
    start: date
    done: int
    steps: int


def progress_for(user: User, weeks: int = 8) -> list[WeekProgress]:
    """Steps done per week, from the last plan of each week, newest first."""
    seen: dict[date, Plan] = {}
    for plan in access.plans_for_user(user).prefetch_related("steps")[:200]:
        seen.setdefault(plan.week_start, plan)  # newest first: the week's last plan
    out = []
    for start, plan in list(seen.items())[:weeks]:
        counted = [s for s in plan.steps.all() if s.status != NOT_FOR_US]
        out.append(WeekProgress(start, sum(s.status != TODO for s in counted), len(counted)))
    return out
