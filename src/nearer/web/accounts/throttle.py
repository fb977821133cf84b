"""Log-in throttling kept in the database, so every app process behind a proxy agrees.

After ``LOGIN_ATTEMPTS`` failures in 15 minutes for one email address, or from one client
address, further attempts are refused until the window passes (OWASP Authentication Cheat
Sheet, 2023: limit failed attempts per account and per source).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from nearer.web.accounts.models import LoginFailure
from nearer.web.proxy import client_address


def email_key(email: str) -> str:
    return f"email:{email.strip().lower()}"


def _keys(request: HttpRequest, email: str) -> list[str]:
    return [email_key(email), f"ip:{client_address(request)}"]


def blocked(request: HttpRequest, email: str) -> bool:
    limit: int = settings.LOGIN_ATTEMPTS
    return any(LoginFailure.recent(key) >= limit for key in _keys(request, email))


def record_failure(request: HttpRequest, email: str) -> None:
    LoginFailure.objects.bulk_create([LoginFailure(key=key) for key in _keys(request, email)])


def clear(request: HttpRequest, email: str) -> None:
    LoginFailure.objects.filter(key=_keys(request, email)[0]).delete()


BLOCKED_MESSAGE = "Too many failed log-ins. Wait 15 minutes and try again, or reset your password."
