"""How django-axes throttles every way in: its settings point at the callables here.

One mechanism for the log-in page, ``/admin/login/``, the API's log-in, token and sign-up,
and every "type your password again" (changing it, deleting the account): all of them go
through ``django.contrib.auth.authenticate``, where axes' backend refuses a locked pair and
its signal handler counts the failures, in the database so every app process agrees.

What is locked is one account *from one address* (OWASP Authentication Cheat Sheet and
Credential Stuffing Prevention Cheat Sheet, 2024: lock-outs keyed on the account alone let a
stranger lock the owner out). After ``LOGIN_ATTEMPTS`` failures of the pair within a day the
pair waits one minute; every further failure doubles the wait, up to a day. The owner, from
their own address, is never kept out by someone else's guesses. A success clears the pair.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

# Failures are remembered this long before the first lock, and no wait is longer.
MEMORY = timedelta(days=1)
FIRST_WAIT = timedelta(minutes=1)

BLOCKED_MESSAGE = (
    "Too many failed log-ins for this account from here. Wait {wait} and try again, or reset "
    "your password."
)


def failure_limit(request: HttpRequest, credentials: Any = None) -> int:
    """``AXES_FAILURE_LIMIT``: failures of one account and address before the first wait."""
    limit: int = settings.LOGIN_ATTEMPTS
    return limit


def login_name(request: HttpRequest, credentials: Any = None) -> str:
    """``AXES_USERNAME_CALLABLE``: the email as typed, trimmed and lower-cased, as accounts
    store it. Remembered on the request so ``cool_off`` knows which pair it is timing."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "") if request.method == "POST" else ""
    name = str(raw).strip().lower()[:254]
    request.nearer_login_name = name  # type: ignore[attr-defined]
    return name


def _pair(request: HttpRequest) -> Any:
    return AccessAttempt.objects.filter(
        username=getattr(request, "nearer_login_name", None),
        ip_address=getattr(request, "axes_ip_address", None),
    )


def wait_after(failures: int, limit: int) -> timedelta:
    """How long a pair with ``failures`` recent failures must wait after the last one."""
    if failures < limit:
        return MEMORY
    doubled: timedelta = FIRST_WAIT * (2 ** min(failures - limit, 20))
    return min(doubled, MEMORY)


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """``AXES_COOLOFF_TIME``: grows with the failures of this account and address. It is also
    how far back failures count, so below the limit they are remembered for a day."""
    if request is None or not hasattr(request, "nearer_login_name"):
        return MEMORY
    failures: int = _pair(request).aggregate(n=Sum("failures_since_start"))["n"] or 0
    return wait_after(failures, failure_limit(request))


def seconds_left(request: HttpRequest) -> int:
    last: datetime | None = _pair(request).aggregate(at=Max("attempt_time"))["at"]
    if last is None:
        return 0
    left = (last + cool_off(request) - timezone.now()).total_seconds()
    return max(1, math.ceil(left))


def _words(seconds: int) -> str:
    if seconds < 90:
        return "a minute"
    if seconds < 90 * 60:
        return f"{math.ceil(seconds / 60)} minutes"
    return f"{math.ceil(seconds / 3600)} hours"


def blocked_message(request: HttpRequest) -> str:
    return BLOCKED_MESSAGE.format(wait=_words(seconds_left(request)))


def is_locked(request: HttpRequest, email: str) -> bool:
    """For steps that are not a log-in but must obey the same lock (sign-up)."""
    return bool(AxesProxyHandler.is_locked(request, {"username": email}))


def count_taken_email(request: HttpRequest, form: Any, email: str) -> None:
    """A sign-up refused because the email has an account tells the sender that the account
    exists, so it counts as a failed log-in for that account from this address."""
    from django.contrib.auth.signals import user_login_failed

    from nearer.web.accounts.models import User

    name = email.strip().lower()
    if "email" in form.errors and name and User.objects.filter(email=name).exists():
        user_login_failed.send(sender=__name__, credentials={"username": name}, request=request)


def was_locked(request: HttpRequest) -> bool:
    """True once ``authenticate`` refused this request because its pair is locked, or this
    failure started the lock."""
    return bool(getattr(request, "axes_locked_out", False))


def locked_out(
    request: HttpRequest, original: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: 429 with Retry-After. A view that already answered 429 with
    its own words (log-in page, API, password forms) keeps its answer; anything else (the
    admin's log-in) gets the log-in page with the message, or JSON under /api/."""
    message = blocked_message(request)
    response: HttpResponse
    if original is not None and original.status_code == 429:
        response = original
    elif request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "errors": {}}, status=429)
    else:
        from nearer.web.accounts.forms import LoginForm

        response = render(
            request,
            "accounts/login.html",
            {"form": LoginForm(request), "blocked": message},
            status=429,
        )
    response["Retry-After"] = str(seconds_left(request))
    return response
