"""The Connection Check in the browser, one screen at a time, saved as it goes.

Plain forms, no JavaScript: each screen posts its answers with the button pressed (back,
next, or save and leave); the answers go into the person's draft on the server, so the
check can be picked up on another device. The last screen scores the draft and deletes it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.errors import AnswerError
from nearer.web import access
from nearer.web.assessments import check_flow
from nearer.web.assessments.instruments import CONNECTION_CHECK, instrument
from nearer.web.assessments.models import CheckDraft
from nearer.web.assessments.record import save_result
from nearer.web.helpers import current_user
from nearer.web.safety.alerts import remember, stored_alerts

ACTIONS = ("back", "next", "leave")


@login_required
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """Resume the person's draft where they left it, or start one."""
    user = current_user(request)
    draft, _ = CheckDraft.objects.get_or_create(user=user, instrument=CONNECTION_CHECK)
    total = len(check_flow.screens(draft.answers))
    return redirect("assessments:check_screen", draft.public_id, min(draft.screen, total - 1) + 1)


def _go(draft: CheckDraft, number: int) -> HttpResponse:
    return redirect("assessments:check_screen", draft.public_id, number)


@login_required
@require_http_methods(["GET", "POST"])
def screen(request: HttpRequest, public_id: str, number: int) -> HttpResponse:
    user = current_user(request)
    draft = access.get_draft_for_user(user, public_id)
    all_screens = check_flow.screens(draft.answers)
    if not 1 <= number <= len(all_screens):
        return _go(draft, min(max(number, 1), len(all_screens)))
    shown = all_screens[number - 1]
    last = number == len(all_screens)
    status = 200
    if request.method == "POST":
        action = request.POST.get("go", "next")
        if action not in ACTIONS:
            action = "next"
        form = check_flow.screen_form(shown, draft.answers, request.POST, last)
        if action in ("back", "leave"):
            check_flow.save_screen(shown, draft.answers, check_flow.valid_values(form))
            draft.screen = number - 2 if action == "back" and number > 1 else number - 1
            draft.save()
            if action == "leave":
                messages.success(
                    request,
                    "Saved. Pick up where you left off from Assessments, on any device.",
                )
                return redirect("assessments:list")
            return _go(draft, max(1, number - 1))
        if form.is_valid():
            check_flow.save_screen(shown, draft.answers, form.cleaned_data)
            if check_flow.new_follow_up(shown, draft.answers):
                draft.screen = number - 1
                draft.save()
                messages.info(request, "One more question, just below the one you answered.")
                return _go(draft, number)
            after = check_flow.screens(draft.answers)
            if number < len(after):
                draft.screen = number
                draft.save()
                return _go(draft, number + 1)
            draft.save()
            return _finish(request, draft)
        status = 400
    else:
        form = check_flow.screen_form(shown, draft.answers, last=last)
    total = len(all_screens)
    return render(
        request,
        "assessments/check_screen.html",
        {
            "instrument": instrument(CONNECTION_CHECK),
            "draft": draft,
            "screen": shown,
            "form": form,
            "fields": [(f, check_flow.is_scale(shown, f.name)) for f in form if f.name != "shared"],
            "skip": check_flow.SKIP,
            "number": number,
            "total": total,
            "last": last,
            "percent": check_flow_width(number, total),
            "minutes_left": check_flow.minutes_left(draft.answers, number - 1),
        },
        status=status,
    )


def check_flow_width(number: int, total: int) -> int:
    """The progress bar's width class, in steps of 5 (no inline styles)."""
    return 5 * round(100 * (number - 1) / total / 5)


def _finish(request: HttpRequest, draft: CheckDraft) -> HttpResponse:
    missing = check_flow.first_unanswered(draft.answers)
    if missing is not None:
        messages.error(request, "A few questions still need an answer. Here is the first.")
        draft.screen = missing
        draft.save()
        return _go(draft, missing + 1)
    user = current_user(request)
    try:
        result = save_result(
            user,
            CONNECTION_CHECK,
            check_flow.to_answers(draft.answers),
            bool(draft.answers.get(check_flow.SHARED)),
        )
    except AnswerError as exc:
        messages.error(request, f"{exc} Change the answer and try again.")
        return _go(draft, draft.screen + 1)
    remember(request, stored_alerts(result))
    draft.delete()
    return redirect("assessments:result", public_id=result.public_id)


@login_required
@require_POST
def discard(request: HttpRequest, public_id: str) -> HttpResponse:
    """Throw the unfinished answers away and start again from the first screen."""
    draft = access.get_draft_for_user(current_user(request), public_id)
    draft.delete()
    messages.success(request, "Your unfinished answers are gone. Starting again.")
    return redirect("assessments:check")
