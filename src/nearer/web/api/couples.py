"""Pairing: the couple's state, invitation codes, joining, unpairing."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from nearer.web.access import get_invitation_by_code
from nearer.web.api import schemas
from nearer.web.api.common import person, user_of
from nearer.web.api.errors import ACTION, WRITE, BadInput, from_form, problems
from nearer.web.couples import pairing
from nearer.web.couples.forms import JoinForm
from nearer.web.couples.models import Invitation

router = Router(tags=["pairing"])


def _invitation(request: HttpRequest, found: Invitation | None) -> schemas.Invitation | None:
    if found is None:
        return None
    link = request.build_absolute_uri(f"/partner/join/{found.code}/")
    return schemas.Invitation(code=found.pretty_code, link=link, expires_at=found.expires_at)


def _state(request: HttpRequest) -> schemas.CoupleState:
    user = user_of(request)
    partner = user.partner
    return schemas.CoupleState(
        paired=partner is not None,
        partner=person(partner) if partner else None,
        since=user.couple.created_at if user.couple else None,
        invitation=_invitation(request, pairing.current_invitation(user)) if not partner else None,
    )


@router.get("", response={200: schemas.CoupleState, **problems(401)})
def state(request: HttpRequest) -> schemas.CoupleState:
    return _state(request)


@router.post(
    "/invitations",
    response={201: schemas.Invitation, **problems(*ACTION, 409)},
)
def invite(request: HttpRequest) -> Status[schemas.Invitation | None]:
    try:
        found = pairing.invite(user_of(request))
    except pairing.PairingError as exc:
        raise BadInput(str(exc), status=409) from exc
    return Status(201, _invitation(request, found))


@router.post("/join", response={200: schemas.CoupleState, **problems(*WRITE, 404, 409)})
def join(request: HttpRequest, body: schemas.JoinCode) -> schemas.CoupleState:
    form = JoinForm({"code": body.code})
    if not form.is_valid():
        raise from_form(form)
    invitation = get_invitation_by_code(form.cleaned_data["code"])
    try:
        pairing.accept(user_of(request), invitation)
    except pairing.PairingError as exc:
        raise BadInput(str(exc), status=409) from exc
    return _state(request)


@router.get("/unpair", response={200: schemas.UnpairPreview, **problems(401)})
def unpair_preview(request: HttpRequest) -> schemas.UnpairPreview:
    """What unpairing would change, to show before confirming."""
    found = pairing.preview(user_of(request))
    return schemas.UnpairPreview(**found.__dict__)


@router.post("/unpair", response={200: schemas.CoupleState, **problems(*ACTION, 409)})
def unpair(request: HttpRequest) -> schemas.CoupleState:
    try:
        pairing.unpair(user_of(request))
    except pairing.PairingError as exc:
        raise BadInput(str(exc), status=409) from exc
    return _state(request)
