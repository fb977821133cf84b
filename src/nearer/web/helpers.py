"""Small pieces every view uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from nearer.web.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The logged-in user with nearer's own type (views are wrapped in login_required)."""
    from nearer.web.accounts.models import User

    user = request.user
    assert isinstance(user, User)
    return user


def form_status(request: HttpRequest, form: object) -> int:
    """400 for a form sent with errors, so tests and tools can tell a refusal apart."""
    errors = getattr(form, "errors", None)
    return 400 if request.method == "POST" and errors else 200
