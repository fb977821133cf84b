"""What the app answers when its database is away, and the load balancer's health check.

``GET /healthz`` is answered before any other middleware (no host check, no HTTPS redirect,
no session): a load balancer probes each app process by address, over plain HTTP. It runs
one cheap query, so a process whose database is unreachable leaves the pool.

When the database stops answering in the middle of a request (PostgreSQL restarting, SQLite
on a full disk), the person gets a short "back in a moment" page, or a JSON error from the
API, with status 503 (507 for a full disk) instead of a 500 and a traceback. Nothing is
half-saved: every write runs in one transaction, which the database rolls back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from nearer.web.support import help_for

log = logging.getLogger("nearer.web.health")

HEALTH_PATH = "/healthz"
# Seconds a client is asked to wait before trying again (Retry-After); PostgreSQL restarts
# and fail-overs usually take a few seconds.
RETRY_AFTER_S = 10

# SQLite's wording for SQLITE_FULL (sqlite.org/rescode.html#full).
_FULL_DISK = "database or disk is full"


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _health() -> JsonResponse:
    if database_is_up():
        return JsonResponse({"status": "ok"})
    response = JsonResponse({"status": "unavailable", "detail": "The database does not answer."})
    response.status_code = 503
    return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` first, before host checks, redirects and sessions."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH and request.method in {"GET", "HEAD"}:
            return _health()
        return self.get_response(request)


def is_outage(exc: BaseException) -> bool:
    """True for errors that mean "the database cannot be used now", not a bug in nearer."""
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 (or 507 for a full disk) answer for a database outage."""
    full = _FULL_DISK in str(exc)
    status = 507 if full else 503
    if full:
        detail = "The server's disk is full, so nothing was saved. Tell whoever runs nearer."
    else:
        detail = "nearer cannot reach its database right now. Try again in a moment."
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": detail}, status=status)
    else:
        html = render_to_string(
            "unavailable.html",
            {
                "detail": detail,
                "full": full,
                # Crisis lines come from the knowledge base, not the database, so they
                # still show during an outage.
                "help": help_for(settings.DEFAULT_COUNTRY),
            },
        )
        response = HttpResponse(html, status=status)
    if not full:
        response["Retry-After"] = str(RETRY_AFTER_S)
    return response


class DatabaseOutageMiddleware:
    """Turn a database outage raised by a view into the 503 page, with one log line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_outage(exc):
            return None
        # The error class and the database's first line only: never the query or its values.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        log.error(
            "database unavailable on %s %s: %s: %s",
            request.method,
            request.path,
            type(exc).__name__,
            first[:200],
        )
        response = unavailable(request, exc)
        # Logged once, here, with the cause; django.request would log the 503 a second time.
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an outage raised outside a view (a session saved by middleware) still
    gets the 503 page; anything else is Django's plain 500."""
    import sys

    from django.views.defaults import server_error as django_server_error

    exc = sys.exc_info()[1]
    if exc is not None and is_outage(exc):
        return unavailable(request, exc)
    return django_server_error(request)
