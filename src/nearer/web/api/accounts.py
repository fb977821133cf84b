"""Accounts: sign up, session log-in and log-out, bearer tokens, who am I, export, delete."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest
from ninja import Router, Status

from nearer.web.accounts import deletion, throttle
from nearer.web.accounts.export import export_for
from nearer.web.accounts.forms import SignUpForm
from nearer.web.accounts.models import ApiToken, User
from nearer.web.api import schemas
from nearer.web.api.common import me, user_of
from nearer.web.api.errors import BadInput, from_form
from nearer.web.country import guess_country

router = Router(tags=["accounts"])


def _check(request: HttpRequest, creds: schemas.Credentials) -> User:
    if throttle.blocked(request, creds.email):
        raise BadInput(throttle.BLOCKED_MESSAGE, status=429)
    user = authenticate(request, username=creds.email.strip().lower(), password=creds.password)
    if not isinstance(user, User):
        throttle.record_failure(request, creds.email)
        raise BadInput(
            "Email or password is wrong. Check both, or reset your password.", status=401
        )
    throttle.clear(request, creds.email)
    return user


@router.post("/auth/signup", auth=None, response={201: schemas.Me})
def signup(request: HttpRequest, body: schemas.SignUp) -> Status[schemas.Me]:
    form = SignUpForm(
        {
            "display_name": body.display_name,
            "email": body.email,
            "country": body.country or guess_country(request).code or "",
            "password1": body.password,
            "password2": body.password,
        }
    )
    if not form.is_valid():
        raise from_form(form)
    user = form.save()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return Status(201, me(user))


@router.post("/auth/login", auth=None, response=schemas.Me)
def session_login(request: HttpRequest, body: schemas.Credentials) -> schemas.Me:
    """Log in with a session cookie (for browsers); writes then need the CSRF token."""
    user = _check(request, body)
    login(request, user)
    return me(user)


@router.post("/auth/token", auth=None, response={201: schemas.Token})
def token(request: HttpRequest, body: schemas.Credentials) -> Status[schemas.Token]:
    """Trade email and password for a bearer token (shown once; store it safely)."""
    user = _check(request, body)
    return Status(201, schemas.Token(token=ApiToken.issue(user)))


@router.post("/auth/logout", response=schemas.Message)
def session_logout(request: HttpRequest) -> schemas.Message:
    """End the session; with a bearer token, revoke that token."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        ApiToken.revoke(header[7:].strip())
    logout(request)
    return schemas.Message(detail="Logged out.")


@router.get("/me", response=schemas.Me)
def whoami(request: HttpRequest) -> schemas.Me:
    return me(user_of(request))


@router.get("/me/export", response=schemas.Export)
def export(request: HttpRequest) -> dict[str, Any]:
    """Everything you stored: account, check-ins with notes, journal, results, weekly talks
    you recorded, invitations and token metadata. Nothing of your partner's."""
    return export_for(user_of(request))


@router.delete("/me", response={204: None})
def delete_me(request: HttpRequest, body: schemas.DeleteAccount) -> Status[None]:
    """Delete your account and everything in it; ``{"password": ...}`` confirms it."""
    user = user_of(request)
    try:
        deletion.confirm_password(request, user, body.password)
    except deletion.DeletionRefused as exc:
        raise BadInput(str(exc), {"password": [str(exc)]}, status=exc.status) from exc
    deletion.delete_account(user)
    logout(request)
    return Status(204, None)
