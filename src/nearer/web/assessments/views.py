"""Assessments in the browser: take one, see results over time, share, perception gap."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.errors import AnswerError, UnknownInstrument
from nearer.core.instruments.connection_scoring import score_connection_check
from nearer.web import access
from nearer.web.assessments import check_flow, instruments
from nearer.web.assessments.forms import answers_from, build_form
from nearer.web.assessments.instruments import CONNECTION_CHECK
from nearer.web.assessments.models import AssessmentResult
from nearer.web.assessments.reading import (
    AreaBar,
    area_bars,
    check_page,
    owner_answers,
    partner_headline,
    screener_headline,
)
from nearer.web.assessments.record import perception_gap, save_result, set_shared
from nearer.web.helpers import current_user
from nearer.web.safety.alerts import remember, stored_alerts
from nearer.web.support import help_for


@login_required
@require_http_methods(["GET"])
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    names = {i.id: i.name for i in instruments.all_instruments()}
    draft = access.draft_for_user(user, CONNECTION_CHECK)
    return render(
        request,
        "assessments/list.html",
        {
            "draft": draft,
            "draft_progress": check_flow.progress(draft) if draft else None,
            "instruments": instruments.all_instruments(),
            "results": access.results_for_user(user)[:100],
            "shared": access.shared_results_for_user(user)[:50],
            "names": names,
        },
    )


def _instrument(instrument_id: str) -> instruments.Instrument:
    try:
        return instruments.instrument(instrument_id)
    except UnknownInstrument:
        raise Http404("No such instrument.") from None


@login_required
@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, instrument_id: str) -> HttpResponse:
    user = current_user(request)
    found = _instrument(instrument_id)
    if found.id == CONNECTION_CHECK and request.method == "GET":
        # One screen at a time (check_screen); a whole form posted here is still scored.
        return redirect("assessments:check")
    form = build_form(found, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answers = answers_from(found, form.cleaned_data)
        try:
            result = save_result(user, found.id, answers, bool(form.cleaned_data["shared"]))
        except AnswerError as exc:
            form.add_error(None, str(exc))
        else:
            remember(request, stored_alerts(result))
            return redirect("assessments:result", public_id=result.public_id)
    sections = [
        (s, [form[f"q_{i.id.replace('.', '__')}"] for i in s.items]) for s in found.sections
    ]
    return render(
        request,
        "assessments/take.html",
        {"instrument": found, "form": form, "sections": sections},
        status=400 if request.method == "POST" else 200,
    )


def plan_url() -> str:
    """The Plan page (nearer.web.plans, built alongside); its path while it is not installed."""
    try:
        return reverse("plans:plan")
    except NoReverseMatch:
        return "/plan/"


@login_required
@require_http_methods(["GET"])
def result(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    found = access.get_result_for_user(user, public_id)
    mine = found.user_id == user.pk
    is_check = found.instrument == CONNECTION_CHECK
    page = partner_page = None
    if is_check:
        # The partner's view is scored from the shared answers only: never the note.
        partner_page = shared_view(found)
        if mine:
            page = check_page(
                owner_answers(found.answers, found.private_answers), stored_alerts(found)
            )
    return render(
        request,
        "assessments/result.html",
        {
            "r": found,
            "data": found.result,
            "mine": mine,
            "is_check": is_check,
            "name": _instrument(found.instrument).name,
            # Only the author is told; a partner viewing a shared result never is.
            "help": help_for(user.country) if mine and found.safety_alert else None,
            "notes": found.private_answers.get("notes", "") if mine else "",
            "page": page,
            "shared_view": partner_page,
            "screen_headline": "" if is_check else screener_headline(found.result),
            "screen_shared_headline": (
                "" if is_check else screener_headline(found.result, found.user.display_name)
            ),
            "plan_url": plan_url(),
        },
    )


@dataclass(frozen=True)
class SharedView:
    """What a partner sees of a shared check: the same on their page and in the preview."""

    owner: str
    headline: str
    all: tuple[AreaBar, ...]  # overall first, then each area

    @property
    def me_label(self) -> str:
        return f"{self.owner}'s side"

    @property
    def partner_label(self) -> str:
        return f"Yours, as {self.owner} sees it"


def shared_view(found: AssessmentResult) -> SharedView:
    check = score_connection_check(found.answers)
    overall, areas = area_bars(check)
    owner = found.user.display_name
    return SharedView(owner, partner_headline(check, owner), (overall, *areas))


@login_required
@require_POST
def share(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    found = access.get_own_result_for_user(user, public_id)
    set_shared(user, found, request.POST.get("shared") == "1")
    messages.success(request, "Shared with your partner." if found.shared else "Now private.")
    return redirect("assessments:result", public_id=found.public_id)


@login_required
@require_http_methods(["GET"])
def gap(request: HttpRequest) -> HttpResponse:
    state = perception_gap(current_user(request))
    return render(request, "assessments/gap.html", {"state": state})
