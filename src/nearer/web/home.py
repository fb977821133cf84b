"""What the home page says to do today, gathered in one place so that the template stays a
list of clear blocks: check in, what the partner did (never their scores), appreciations to
thank for, this week's plan step, the weekly talk when due, and your own weeks as a chart
and a mood meter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from nearer.web import access, vocab
from nearer.web.accounts.models import User
from nearer.web.checkins.summary import summarise, week_start
from nearer.web.insights.early import summary_for_user
from nearer.web.plans.build import current_plan
from nearer.web.plans.models import TODO, PlanStep

# The chart and the mood meter look back this far: long enough to show a trend, short
# enough that old weeks do not drown the recent ones (nearer's own choice).
CHART_DAYS = 56
MOOD_DAYS = 28
# The weekly talk is due when the last one was a week ago or more.
TALK_EVERY_DAYS = 7
# How many appreciations the home page shows; the rest are one tap away.
APPRECIATIONS_SHOWN = 3

# The mood meter's layout: energy from top to bottom, pleasantness from left to right.
MOOD_GRID = ("high_unpleasant", "high_pleasant", "low_unpleasant", "low_pleasant")


@dataclass(frozen=True)
class MoodCell:
    quadrant: str
    name: str
    days: int
    words: tuple[str, ...]  # the words picked most often there, at most three


def mood_meter(user: User, today: date) -> list[MoodCell]:
    rows = list(
        access.checkins_for_user(user)
        .filter(day__gt=today - timedelta(days=MOOD_DAYS), day__lte=today)
        .values_list("quadrant", "feeling")
    )
    names = vocab.quadrant_names()
    cells = []
    for q in MOOD_GRID:
        words = Counter(f for quadrant, f in rows if quadrant == q)
        top = tuple(w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        cells.append(MoodCell(q, names.get(q, q), sum(words.values()), top))
    return cells


def chart_data(user: User, today: date) -> dict[str, Any]:
    """Your own days for the chart: dates (as Unix seconds, what uPlot reads), closeness,
    and the area of each day as a number (pleasant up, unpleasant down)."""
    rows = list(
        access.checkins_for_user(user)
        .filter(day__gt=today - timedelta(days=CHART_DAYS), day__lte=today)
        .order_by("day")
        .values_list("day", "closeness", "quadrant")
    )
    pleasant = {"high_pleasant": 1, "low_pleasant": 1, "high_unpleasant": -1, "low_unpleasant": -1}
    return {
        "x": [int((d - date(1970, 1, 1)).total_seconds()) for d, _, _ in rows],
        "closeness": [c for _, c, _ in rows],
        "pleasant": [pleasant.get(q, 0) for _, _, q in rows],
        "days": [d.isoformat() for d, _, _ in rows],
    }


def weekly_closeness(user: User, today: date, weeks: int = 8) -> list[tuple[date, float | None]]:
    """Your average closeness per week, oldest first: the chart's text alternative."""
    first = week_start(today) - timedelta(days=7 * (weeks - 1))
    mine = access.checkins_for_user(user)
    out = []
    for n in range(weeks):
        start = first + timedelta(days=7 * n)
        out.append((start, summarise(mine, start).average_closeness))
    return [(s, a) for s, a in out if a is not None]


def plan_step(user: User, today: date) -> tuple[PlanStep | None, bool]:
    """This week's next step to do, and whether a plan exists at all."""
    plan = current_plan(user, today)
    if plan is None:
        return None, False
    return plan.steps.filter(status=TODO).first(), True


def talk_due(user: User, today: date) -> bool:
    if user.partner is None:
        return False
    last = access.weekly_for_user(user).first()
    # Both days in the person's own zone: the stored time is UTC, and its UTC date is a day
    # off for a talk held late in the evening west of Greenwich.
    return last is None or (today - timezone.localtime(last.done_at).date()).days >= TALK_EVERY_DAYS


def home_context(user: User, today: date) -> dict[str, Any]:
    start = week_start(today)
    partner = user.partner
    checked_in = access.checkins_for_user(user).filter(day=today).first()
    received = access.appreciations_for_user(user, limit=APPRECIATIONS_SHOWN)
    fresh = [a for a in received if not a.thanked and (today - a.day).days < 7]
    step, has_plan = plan_step(user, today)
    thanked_by = access.thanks_received_for_user(user, today - timedelta(days=7))
    partner_today = bool(partner) and access.partner_checked_in_today(user, today)
    due = talk_due(user, today)
    chart = chart_data(user, today)
    mood = mood_meter(user, today)
    nothing_new = bool(checked_in) and not (fresh or thanked_by or step or due or partner_today)
    return {
        "me": user,
        "checked_in": checked_in,
        "partner_today": partner_today,
        "appreciations": received,
        "fresh_appreciations": fresh,
        "thanked_by": thanked_by[:1],
        "step": step,
        "has_plan": has_plan,
        "talk_due": due,
        "last_talk": access.weekly_for_user(user).first(),
        "mine": summarise(access.checkins_for_user(user), start),
        "theirs": access.partner_week_for_user(user, start),
        "chart": chart,
        "chart_weeks": weekly_closeness(user, today),
        "mood": mood,
        "mood_any": any(cell.days for cell in mood),
        "nothing_new": nothing_new,
        # The early warning from check-ins (and chat insights, if any), as this person may
        # see it.
        "warning": summary_for_user(user, today),
    }
