"""Pages: insights list and upload, a job's progress (and its JSON status), the insights."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.knowledge import load as load_knowledge
from nearer.core.safety.response import alerts_from, respond
from nearer.web import access
from nearer.web.helpers import current_user
from nearer.web.insights import early, jobs, uploads
from nearer.web.insights.analysis import PARTNER_A, PARTNER_B
from nearer.web.insights.charts import chart_data, headline, table_rows
from nearer.web.insights.forms import ChooseForm, UploadForm, choose_form
from nearer.web.insights.models import InsightHistory, InsightJob
from nearer.web.safety import alerts as safety_alerts

ASSETS = {"uPlot.iife.min.js": "text/javascript", "uPlot.min.css": "text/css"}


@login_required
@require_http_methods(["GET", "POST"])
def insights_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    status = 200
    paired = user.partner is not None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, paired=paired)
        if uploads.too_big(request):
            form = UploadForm(request.POST, paired=paired)
            form.is_valid()
            form.errors.clear()
            form.add_error(
                "export",
                f"The file is larger than {uploads.limit_text()}. Export the chat without "
                "media, or only the last year.",
            )
            status = 413
        elif form.is_valid():
            data = form.cleaned_data
            try:
                job = jobs.create_job(
                    user, data["export"], data["me"], redact=data["redact"], share=form.share_chosen
                )
            except jobs.UploadNotKept as exc:
                form.add_error("export", str(exc)[0].upper() + str(exc)[1:])
                status = 503
            else:
                return redirect("insights:job", public_id=job.public_id)
        else:
            status = 400
    else:
        form = UploadForm(initial={"me": user.display_name}, paired=paired)
    histories = list(access.insights_for_user(user).select_related("owner"))
    return render(
        request,
        "insights/list.html",
        {
            "form": form,
            "own": next((h for h in histories if h.owner_id == user.pk), None),
            "shared": [h for h in histories if h.owner_id != user.pk],
            "jobs": access.insight_jobs_for_user(user)[:5],
            "limit": uploads.limit_text(),
            "choice_hours": jobs.CHOICE_HOURS,
            "warning": early.summary_for_user(user),
        },
        status=status,
    )


def _job_page(
    request: HttpRequest, found: InsightJob, form: ChooseForm | None = None, status: int = 200
) -> HttpResponse:
    history = InsightHistory.objects.filter(owner=found.owner).first()
    if form is None and found.choosing:
        form = choose_form(found)
    context: dict[str, Any] = {
        "job": found,
        "progress": jobs.progress(found),
        "history": history,
        "form": form,
    }
    if form is not None:
        # Each box beside its sender's message count (the form's choices keep the order).
        counts = [f"{int(n):,} message{'' if n == 1 else 's'}" for _, n in found.senders]
        context["picker"] = list(zip(form["people"], counts, strict=True))
        context["hours"] = jobs.CHOICE_HOURS
    return render(request, "insights/job.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def job(request: HttpRequest, public_id: str) -> HttpResponse:
    found = access.get_insight_job_for_user(current_user(request), public_id)
    jobs.expire_choices(only=found)
    return _job_page(request, found)


@login_required
@require_POST
def choose(request: HttpRequest, public_id: str) -> HttpResponse:
    """The two people of a group chat: a form error for anything but two of its senders."""
    found = access.get_insight_job_for_user(current_user(request), public_id)
    jobs.expire_choices(only=found)
    if not found.choosing:
        messages.info(request, "This upload no longer waits for a choice.")
        return redirect("insights:job", public_id=found.public_id)
    form = choose_form(found, request.POST)
    if not form.is_valid():
        return _job_page(request, found, form, status=400)
    if not jobs.choose(found, form.cleaned_data["people"], form.cleaned_data["me"]):
        messages.info(request, "This upload no longer waits for a choice.")
    return redirect("insights:job", public_id=found.public_id)


@login_required
@require_POST
def cancel(request: HttpRequest, public_id: str) -> HttpResponse:
    found = access.get_insight_job_for_user(current_user(request), public_id)
    if jobs.cancel(found):
        messages.success(request, "Cancelled. The file you uploaded has been deleted.")
        return redirect("insights:list")
    messages.info(request, "This upload is already being analysed or has finished.")
    return redirect("insights:job", public_id=found.public_id)


@login_required
@require_http_methods(["GET"])
def job_status(request: HttpRequest, public_id: str) -> JsonResponse:
    found = access.get_insight_job_for_user(current_user(request), public_id)
    jobs.expire_choices(only=found)
    body = jobs.progress(found)
    history = InsightHistory.objects.filter(owner=found.owner).first()
    if found.status == found.DONE and history is not None:
        body["insights_url"] = f"/insights/{history.public_id}/"
    return JsonResponse(body)


@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    history = access.get_insights_for_user(user, public_id)
    signals = [_shown_signal(history, s) for s in history.signals]
    mine = history.owner_id == user.pk
    context: dict[str, Any] = {
        "history": history,
        "mine": mine,
        "headline": headline(history),
        # Patterns lead; the single changes behind them fold away, so the page opens on
        # what matters instead of a wall of similar sentences.
        "patterns": [s for s in signals if s.get("pattern")],
        "changes": [s for s in signals if not s.get("pattern")],
        "caveats": history.caveats,
        "charts": chart_data(history),
        "weeks": history.weeks.count(),
        "table": table_rows(history),
        "warning": early.summary_for_user(user),
        "chat_safety": _chat_safety(request, history, user)
        if history.owner_id == user.pk
        else None,
        "chat_writers": chat_writers(history.safety),
    }
    return render(request, "insights/detail.html", context)


def _chat_safety(request: HttpRequest, history: InsightHistory, user: Any) -> Any:
    """The help for what the safety screen found in the uploader's chat (None: nothing).
    Only the uploader's own page calls this: the partner never sees it or a hint of it."""
    found = history.safety
    if not found:
        return None
    alerts = alerts_from(found["kinds"], found["level"], found["categories"], "chat messages")
    shown = respond(alerts, load_knowledge().crisis_for(user.country or settings.DEFAULT_COUNTRY))
    if shown.partner_harm:
        request.session[safety_alerts.QUICK_EXIT_KEY] = True  # quick exit on every page now
    return shown


def chat_writers(found: dict[str, Any] | None) -> str:
    """Whose chat messages the safety screen read as danger: "you", "partner", "both", or
    "" for a summary stored before nearer kept that (the page then names nobody)."""
    writers = set((found or {}).get("writers", []))
    if writers == {PARTNER_A}:
        return "you"
    if writers == {PARTNER_B}:
        return "partner"
    return "both" if writers == {PARTNER_A, PARTNER_B} else ""


def _shown_signal(history: InsightHistory, signal: dict[str, Any]) -> dict[str, Any]:
    began = signal.get("change_date")
    try:
        began_day = date.fromisoformat(str(began)[:10]) if began else None
    except ValueError:
        began_day = None
    return {
        **signal,
        "explanation": history.rename(str(signal.get("explanation", ""))),
        "person": history.shown_name(str(signal.get("person", ""))),
        "began": began_day,
    }


@login_required
@require_POST
def share(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    history = access.get_own_insights_for_user(user, public_id)
    on = request.POST.get("shared") == "1" and user.couple_id is not None
    history.shared = on
    history.couple_id = user.couple_id if on else None
    history.save(update_fields=["shared", "couple"])
    partner = user.partner
    if on and partner is not None:
        messages.success(request, f"{partner.display_name} can now see these insights.")
    else:
        messages.success(request, "These insights are private to you now.")
    return redirect("insights:detail", public_id=history.public_id)


@login_required
@require_POST
def delete(request: HttpRequest, public_id: str) -> HttpResponse:
    history = access.get_own_insights_for_user(current_user(request), public_id)
    history.delete()
    messages.success(request, "Deleted your chat insights and every week in them.")
    return redirect("insights:list")


@require_http_methods(["GET"])
def asset(request: HttpRequest, name: str) -> HttpResponse:
    """The vendored chart library, served from the analysis package (no CDN)."""
    if name not in ASSETS:
        raise Http404("No such file.")
    body = resources.files("nearer.core.analysis.assets").joinpath(name).read_bytes()
    response = HttpResponse(body, content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
