"""The partner page: what the partner shares with you and what you share with them, or the
solo path with its invitation code and link; joining and unpairing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearer.web import access
from nearer.web.access import get_invitation_by_code
from nearer.web.accounts.models import User
from nearer.web.assessments import instruments
from nearer.web.checkins.summary import week_start
from nearer.web.couples import pairing
from nearer.web.couples.forms import JoinForm
from nearer.web.helpers import current_user, form_status
from nearer.web.journal.models import JournalEntry


@login_required
@require_http_methods(["GET"])
def partner(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    invitation = pairing.current_invitation(user) if user.couple_id is None else None
    link = request.build_absolute_uri(f"/partner/join/{invitation.code}/") if invitation else ""
    context: dict[str, Any] = {
        "invitation": invitation,
        "link": link,
        "join_form": JoinForm(),
        "me": user,
    }
    if user.partner is not None:
        context |= shared_both_ways(user, timezone.localdate())
    return render(request, "couples/partner.html", context)


WEEKS_SHOWN = 4
ITEMS_SHOWN = 5


def shared_both_ways(user: User, today: date) -> dict[str, Any]:
    """What the partner lets this user see, read only through the access helpers (so the
    same rules as everywhere apply), and a count of what this user shares in return."""
    partner = user.partner
    assert partner is not None
    this_week = week_start(today)
    weeks = [
        access.partner_week_for_user(user, this_week - timedelta(weeks=back))
        for back in range(WEEKS_SHOWN)
    ]
    names = {i.id: i.name for i in instruments.all_instruments()}
    results = [
        (names.get(r.instrument, r.instrument), r)
        for r in access.shared_results_for_user(user)[:ITEMS_SHOWN]
    ]
    return {
        "weeks": [w for w in weeks if w is not None],
        "days": [d for d in access.partner_days_for_user(user, limit=7) if d.feeling],
        "their_entries": access.entries_for_user(user).filter(author=partner)[:ITEMS_SHOWN],
        "their_results": results,
        "appreciations": access.appreciation_count_for_user(user),
        "my_shared_entries": JournalEntry.objects.filter(
            author=user, shared=True, couple=user.couple
        ).count(),
        "my_shared_results": access.results_for_user(user).filter(shared=True).count(),
    }


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    try:
        pairing.invite(current_user(request))
    except pairing.PairingError as exc:
        messages.error(request, str(exc))
    return redirect("couples:partner")


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST)
    user = current_user(request)
    if form.is_valid():
        invitation = get_invitation_by_code(form.cleaned_data["code"])
        return _accept(request, invitation)
    return render(
        request,
        "couples/partner.html",
        {"invitation": pairing.current_invitation(user), "join_form": form, "me": user},
        status=form_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def join_link(request: HttpRequest, code: str) -> HttpResponse:
    invitation = get_invitation_by_code(code)
    if request.method == "POST":
        return _accept(request, invitation)
    return render(request, "couples/join.html", {"invitation": invitation})


def _accept(request: HttpRequest, invitation: object) -> HttpResponse:
    from nearer.web.couples.models import Invitation

    assert isinstance(invitation, Invitation)
    try:
        pairing.accept(current_user(request), invitation)
    except pairing.PairingError as exc:
        messages.error(request, str(exc))
        return redirect("couples:partner")
    messages.success(request, f"You and {invitation.inviter.display_name} are now paired.")
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def unpair(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if user.couple_id is None:
        messages.error(request, "You are not paired, so there is nothing to undo.")
        return redirect("couples:partner")
    if request.method == "POST":
        pairing.unpair(user)
        messages.success(request, "You are unpaired. Everything you wrote is still yours.")
        return redirect("couples:partner")
    return render(
        request, "couples/unpair.html", {"preview": pairing.preview(user), "other": user.partner}
    )
