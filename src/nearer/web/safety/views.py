"""The private safety plan (view, edit, print) and the page on staying safer with a
dangerous partner. The plan is its author's alone: anyone else gets 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.knowledge import load
from nearer.core.safety import PARTNER_HARM, SafetyAlert
from nearer.core.safety import guide as partner_guide
from nearer.core.safety.plan import SECTIONS
from nearer.core.safety.response import respond
from nearer.web import access
from nearer.web.country import guess_country
from nearer.web.helpers import current_user, form_status
from nearer.web.safety.forms import SafetyPlanForm
from nearer.web.safety.record import plan_of, save_plan, starting_plan


@login_required
@require_http_methods(["GET"])
def plan(request: HttpRequest) -> HttpResponse:
    """The person's own plan, or where to start one."""
    found = access.safety_plan_for_user(current_user(request))
    if found is not None:
        return redirect("safety:detail", public_id=found.public_id)
    return render(request, "safety/start.html", {"sections": SECTIONS})


@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    found = access.get_safety_plan_for_user(user, public_id)
    mine = plan_of(found)
    return render(
        request,
        "safety/plan.html",
        {
            "record": found,
            "sections": [(s, mine.items(s.id)) for s in SECTIONS],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    found = access.safety_plan_for_user(user)
    start = plan_of(found) if found is not None else starting_plan(user)
    form = SafetyPlanForm(
        request.POST if request.method == "POST" else None,
        initial=SafetyPlanForm.initial_for(start),
    )
    if request.method == "POST" and form.is_valid():
        new = form.plan(start)
        if new is not None:
            saved = save_plan(user, new)
            messages.success(request, "Your safety plan is saved. Only you can see it.")
            return redirect("safety:detail", public_id=saved.public_id)
    return render(
        request,
        "safety/edit.html",
        {"form": form, "creating": found is None},
        status=form_status(request, form),
    )


@login_required
@require_POST
def delete(request: HttpRequest, public_id: str) -> HttpResponse:
    access.get_safety_plan_for_user(current_user(request), public_id).delete()
    messages.success(request, "Your safety plan is deleted.")
    return redirect("safety:plan")


@require_http_methods(["GET"])
def guide(request: HttpRequest) -> HttpResponse:
    """Safety planning when a partner is dangerous; open without an account, quick exit on.
    The country's domestic-abuse services lead, as on a partner-harm alert."""
    user = request.user
    code = (getattr(user, "country", "") if user.is_authenticated else "") or (
        guess_country(request).code or settings.DEFAULT_COUNTRY
    )
    lines = respond([SafetyAlert(PARTNER_HARM, "", "guide")], load().crisis_for(code))
    return render(
        request,
        "safety/guide.html",
        {
            "title": partner_guide.TITLE,
            "intro": partner_guide.INTRO,
            "parts": partner_guide.PARTS,
            "sources": partner_guide.SOURCES,
            "lines": lines,
            "page_quick_exit": True,
        },
    )
