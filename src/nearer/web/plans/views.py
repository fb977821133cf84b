"""The plan page: this week's steps, help, reading, progress, and the steps shared with the
partner. Every plan is its author's alone (``access.plans_for_user``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.knowledge import load
from nearer.core.safety.response import respond
from nearer.web import access
from nearer.web.accounts.models import User
from nearer.web.plans.build import current_plan, progress_for
from nearer.web.plans.models import NOT_FOR_US, Plan
from nearer.web.plans.record import StepRefused, bring_back, set_sharing, set_step_status
from nearer.web.safety.alerts import remember, stored_alerts

URGENCY_WORDS = {"now": "Now", "soon": "Soon", "consider": "Worth considering"}


def learn_path(topic: str, entry_id: str) -> str:
    """The knowledge page of one entry (the learn app's ``learn:entry`` URL, by path so the
    plan does not depend on that app being installed)."""
    if topic == entry_id:
        return f"/learn/{topic}/"
    return f"/learn/{topic}/{entry_id}/"


def step_link(strategy_id: str) -> str:
    if strategy_id.startswith("help_"):
        return learn_path("help", strategy_id.removeprefix("help_"))
    return learn_path("strategies", strategy_id)


def plan_context(user: User, plan: Plan | None) -> dict[str, Any]:
    if plan is None:
        return {"plan": None}
    alerts = stored_alerts(plan)
    content = plan.content
    shown = respond(alerts, load().crisis_for(content.get("country"))) if alerts else None
    declined = access.declined_strategies_for_user(user)
    names = dict(
        access.plans_for_user(user)
        .filter(steps__status=NOT_FOR_US)
        .values_list("steps__strategy_id", "steps__name")
    )
    return {
        "plan": plan,
        "content": content,
        "steps": [(s, step_link(s.strategy_id)) for s in plan.steps.all()],
        "plan_safety": shown,
        # Harm from a partner: Quick exit on this page too, as on the help page.
        "page_quick_exit": bool(shown and shown.partner_harm),
        "left_out": _left_out(content.get("left_out", [])),
        "professional": [
            {**h, "urgency_words": URGENCY_WORDS.get(h["urgency"], h["urgency"])}
            for h in content.get("professional", [])
        ],
        "read_next": [
            (title, learn_path(topic, entry_id))
            for topic, entry_id, title in (
                (r["topic"], r["id"], r["title"]) for r in content.get("read_next", [])
            )
        ],
        "declined": [(sid, names.get(sid, sid), reason) for sid, reason in declined.items()],
        "progress": progress_for(user),
        "sharing": access.shares_joint_steps(user),
        "partner_sharing": bool(user.partner and access.shares_joint_steps(user.partner)),
        "together": access.partner_joint_steps_for_user(user),
        "has_joint": any(s.audience == "both" for s in plan.steps.all()),
    }


def _left_out(items: list[dict[str, str]]) -> list[tuple[str, list[str]]]:
    """What a safety alert held back, grouped by reason: one reason, the practices it covers."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        grouped.setdefault(item["reason"], []).append(item["name"])
    return list(grouped.items())


@login_required
@require_http_methods(["GET"])
def plan_page(request: HttpRequest) -> HttpResponse:
    user = access.current_user(request)
    return render(request, "plans/plan.html", plan_context(user, current_plan(user)))


@login_required
@require_POST
def step(request: HttpRequest, public_id: str) -> HttpResponse:
    user = access.current_user(request)
    found = access.get_step_for_user(user, public_id)
    status = str(request.POST.get("status", ""))
    try:
        alerts = set_step_status(user, found, status, str(request.POST.get("reason", "")))
    except StepRefused as exc:
        messages.error(request, str(exc))
        return redirect("plans:plan")
    remember(request, alerts)
    words = {
        "done": f"Well done: “{found.name}” is marked done.",
        "todo": f"“{found.name}” is back on this week's list.",
        "not_for_us": f"Noted: “{found.name}” is set aside. Your plan leaves it out now.",
    }
    messages.success(request, words[status])
    return redirect("plans:plan")


@login_required
@require_POST
def undo_not_for_us(request: HttpRequest, strategy_id: str) -> HttpResponse:
    user = access.current_user(request)
    if bring_back(user, strategy_id) == 0:
        raise Http404("No such step.")
    messages.success(request, "Brought back: the plan may suggest it again.")
    return redirect("plans:plan")


@login_required
@require_POST
def sharing(request: HttpRequest) -> HttpResponse:
    user = access.current_user(request)
    share = request.POST.get("share") == "1"
    set_sharing(user, share)
    messages.success(
        request,
        "Your steps meant for both of you are shared."
        if share
        else "Your plan is fully private again.",
    )
    return redirect("plans:plan")
