"""Accounts: sign up, session log-in and log-out, bearer tokens, who am I, export, delete,
change password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.signals import user_logged_in
from django.http import FileResponse, HttpRequest
from ninja import Router, Status

from nearer.web.accounts import deletion, passwords, throttle
from nearer.web.accounts.export import export_for
from nearer.web.accounts.export_zip import export_zip_file, zip_filename
from nearer.web.accounts.forms import ChangePasswordForm, SignUpForm
from nearer.web.accounts.models import ApiToken, User
from nearer.web.api import schemas
from nearer.web.api.common import me, user_of
from nearer.web.api.errors import ACTION, WRITE, BadInput, from_form, problems
from nearer.web.country import guess_country

router = Router(tags=["accounts"])


def _check(request: HttpRequest, creds: schemas.Credentials) -> User:
    """Email and password through ``authenticate``, so django-axes throttles the API exactly
    like the log-in page (accounts/throttle.py)."""
    user = authenticate(request, username=creds.email.strip().lower(), password=creds.password)
    if throttle.was_locked(request):
        raise BadInput(throttle.blocked_message(request), status=429)
    if not isinstance(user, User):
        raise BadInput(
            "Email or password is wrong. Check both, or reset your password.", status=401
        )
    return user


@router.post(
    "/auth/signup", auth=None, response={201: schemas.Me, **problems(400, 403, 413, 415, 422, 429)}
)
def signup(request: HttpRequest, body: schemas.SignUp) -> Status[schemas.Me]:
    if throttle.is_locked(request, body.email):
        raise BadInput(throttle.blocked_message(request), status=429)
    form = SignUpForm(
        {
            "display_name": body.display_name,
            "email": body.email,
            "country": body.country or guess_country(request).code or "",
            "time_zone": body.time_zone or "",
            "password1": body.password,
            "password2": body.password,
        }
    )
    if not form.is_valid():
        throttle.count_taken_email(request, form, body.email)
        raise from_form(form)
    user = form.save()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return Status(201, me(user))


@router.post("/auth/login", auth=None, response={200: schemas.Me, **problems(*WRITE, 429)})
def session_login(request: HttpRequest, body: schemas.Credentials) -> schemas.Me:
    """Log in with a session cookie (for browsers); writes then need the CSRF token."""
    user = _check(request, body)
    login(request, user)
    return me(user)


@router.post(
    "/auth/token",
    auth=None,
    response={201: schemas.Token, **problems(*WRITE, 429)},
)
def token(request: HttpRequest, body: schemas.Credentials) -> Status[schemas.Token]:
    """Trade email and password for a bearer token (shown once; store it safely)."""
    user = _check(request, body)
    # A log-in like any other: logged, last_login set, the pair's failures cleared.
    user_logged_in.send(sender=User, request=request, user=user)
    return Status(201, schemas.Token(token=ApiToken.issue(user)))


@router.post("/auth/logout", response={200: schemas.Message, **problems(*ACTION)})
def session_logout(request: HttpRequest) -> schemas.Message:
    """End the session; with a bearer token, revoke that token."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        ApiToken.revoke(header[7:].strip())
    logout(request)
    return schemas.Message(detail="Logged out.")


@router.get("/me", response={200: schemas.Me, **problems(401)})
def whoami(request: HttpRequest) -> schemas.Me:
    return me(user_of(request))


@router.get("/me/export", response={200: schemas.Export, **problems(400, 401)})
def export(request: HttpRequest, format: str = "json") -> Any:
    """Everything you stored: account, check-ins with notes, journal, results, weekly talks
    you recorded, invitations, token metadata and share links. Nothing of your partner's.
    ``?format=zip`` gives the zip of the Settings download (JSON, CSV tables, README)."""
    user = user_of(request)
    if format == "zip":
        response = FileResponse(
            export_zip_file(user),
            as_attachment=True,
            filename=zip_filename(),
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store"
        return response
    if format != "json":
        raise BadInput("Unknown export format. Use format=json or format=zip.")
    return export_for(user)


@router.delete("/me", response={204: None, **problems(*WRITE, 429)})
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


@router.post("/me/password", response={200: schemas.Message, **problems(*WRITE, 429)})
def change_password(request: HttpRequest, body: schemas.PasswordChange) -> schemas.Message:
    """Change your password. A session stays logged in; every other session ends and every
    API token is revoked, the one making this call too (get a new one: ``/auth/token``)."""
    user = user_of(request)
    form = ChangePasswordForm(
        user,
        {
            "current_password": body.current_password,
            "new_password1": body.new_password,
            "new_password2": body.new_password,
        },
    )
    status = passwords.change_password(request, user, form)
    if status != 200:
        # The form asks for the new password twice; the API takes it once.
        names = {"new_password1": "new_password", "new_password2": "new_password"}
        errors: dict[str, list[str]] = {}
        for field, messages in form.errors.items():
            errors.setdefault(names.get(field, field), []).extend(str(m) for m in messages)
        first, lines = next(iter(errors.items()))
        raise BadInput(f"{first}: {lines[0]}", errors, status=status)
    return schemas.Message(
        detail="Password changed. Other sessions are logged out and every API token is revoked."
    )
