"""Changing a password while logged in; the Settings page and ``POST /api/me/password``.

The current password is checked through ``authenticate`` (the one throttle). Saving the new
one revokes every API token (``User.save``) and ends every other session (Django ties each
session to the password); the session making the change is kept.
"""

from __future__ import annotations

from django.contrib.auth import authenticate, update_session_auth_hash
from django.http import HttpRequest

from nearer.web.accounts import throttle
from nearer.web.accounts.forms import ChangePasswordForm
from nearer.web.accounts.models import User

WRONG_PASSWORD = "That is not your current password. Type the password you log in with."


def change_password(request: HttpRequest, user: User, form: ChangePasswordForm) -> int:
    """Validate and apply ``form``; returns 200 when changed, else the status to answer
    (400 with the errors on the form, 429 while the throttle holds the account here)."""
    if not form.is_valid():
        return 400
    found = authenticate(
        request, username=user.email, password=form.cleaned_data["current_password"]
    )
    if throttle.was_locked(request):
        form.add_error("current_password", throttle.blocked_message(request))
        return 429
    if found is None or found.pk != user.pk:
        form.add_error("current_password", WRONG_PASSWORD)
        return 400
    user.set_password(form.cleaned_data["new_password1"])
    user.save()
    if request.session.session_key:
        update_session_auth_hash(request, user)
    return 200
