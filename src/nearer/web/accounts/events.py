"""Every log-in event, logged once: success, failure, lock.

A line names the event, a short keyed hash of the email (the same account always gets the
same reference, but the log does not say who it is), the client address and the path. Never
the password, the email or anything else a person typed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest

log = logging.getLogger("nearer.auth")


def account_ref(email: object) -> str:
    """12 hex digits of HMAC-SHA256(SECRET_KEY, email): stable per account, not reversible
    without the key, and too short to be worth brute-forcing for a list of known emails."""
    name = str(email or "").strip().lower().encode("utf-8", "replace")
    key = str(settings.SECRET_KEY).encode("utf-8")
    return hmac.new(key, name, hashlib.sha256).hexdigest()[:12]


def _where(request: HttpRequest | None) -> tuple[str, str]:
    if request is None:
        return "-", "-"
    from nearer.web.proxy import client_address

    return client_address(request) or "-", request.path


def logged_in(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    address, path = _where(request)
    log.info("login ok account=%s address=%s path=%s", account_ref(user.email), address, path)


def login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    address, path = _where(request)
    ref = account_ref(credentials.get("username"))
    log.warning("login failed account=%s address=%s path=%s", ref, address, path)


def locked_out(
    sender: object, request: HttpRequest | None = None, username: object = None, **kw: Any
) -> None:
    address, path = _where(request)
    log.warning("login locked account=%s address=%s path=%s", account_ref(username), address, path)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_logged_in.connect(logged_in, dispatch_uid="nearer-login-ok")
    user_login_failed.connect(login_failed, dispatch_uid="nearer-login-failed")
    user_locked_out.connect(locked_out, dispatch_uid="nearer-login-locked")
