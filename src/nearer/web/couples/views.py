"""The partner page: solo path, invitation code and link, joining, unpairing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearer.web.access import get_invitation_by_code
from nearer.web.couples import pairing
from nearer.web.couples.forms import JoinForm
from nearer.web.helpers import current_user, form_status


@login_required
@require_http_methods(["GET"])
def partner(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    invitation = pairing.current_invitation(user) if user.couple_id is None else None
    link = request.build_absolute_uri(f"/partner/join/{invitation.code}/") if invitation else ""
    return render(
        request,
        "couples/partner.html",
        {"invitation": invitation, "link": link, "join_form": JoinForm(), "me": user},
    )


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
