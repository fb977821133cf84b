"""What an API request must be before it reaches an endpoint.

An endpoint that takes a body gets it only as JSON (``Content-Type: application/json``,
else 415), within ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (else 413, from the API's handler), as
UTF-8 JSON whose text holds nothing a database cannot store (a lone surrogate such as
``"\\ud800"``, or NUL, which PostgreSQL refuses; else 400). And a write must not come from
another site: a browser says where a request comes from (``Origin``,
``Sec-Fetch-Site``), so a page elsewhere cannot post a log-in form here (login CSRF) even
as ``text/plain``, which browsers send cross-site without asking. Scripts send neither
header and are not affected. Every refusal is the API's JSON error shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.parser import Parser

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAME_SITE_FETCH = frozenset({"same-origin", "none"})

CROSS_SITE = "Requests from another site are refused. Call the API from this site or a script."
NOT_JSON = "Send the body as JSON, with the header Content-Type: application/json."
UNREADABLE = "The body is not valid UTF-8 JSON. Check quotes, commas and brackets."
NOT_AN_OBJECT = "The body must be one JSON object, {...}, with the fields the endpoint takes."
UNSTORABLE = (
    "The text holds a character that cannot be stored (a lone surrogate such as \\ud800, "
    "or NUL). Remove it and send again."
)


def refusal(status: int, detail: str, errors: dict[str, list[str]] | None = None) -> HttpResponse:
    return JsonResponse({"detail": detail, "errors": errors or {}}, status=status)


def _origin_ok(request: HttpRequest) -> bool:
    fetch = request.headers.get("Sec-Fetch-Site")
    if fetch is not None and fetch.lower() not in SAME_SITE_FETCH:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    try:
        here = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return True  # Django refuses the host itself a moment later, with its own 400
    trusted: list[str] = list(getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    return origin == here or origin in trusted


def unstorable(data: Any) -> str | None:
    """Where in decoded JSON a string holds a lone surrogate or NUL ("body" when at the
    top), or None. Iterative, so deep nesting cannot exhaust the stack."""
    stack: list[tuple[str, Any]] = [("body", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
                return where
        elif isinstance(value, dict):
            for key, item in value.items():
                name = key if where == "body" else f"{where}.{key}"
                stack.append((where, key))
                stack.append((name, item))
        elif isinstance(value, list):
            stack.extend(
                (f"{where}.{i}" if where != "body" else str(i), v) for i, v in enumerate(value)
            )
    return None


class UnreadableBody(Exception):
    """Why a body cannot be used. Django Ninja wraps whatever the parser raises in its own
    ``HttpError(400)``; the API's handler for that looks for this as the cause."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or {}


class JsonParser(Parser):
    """Ninja calls this only for endpoints that take a body, and only when one was sent (an
    empty body is a 422 "field required" from the schema instead)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise UnreadableBody(415, NOT_JSON)
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise UnreadableBody(400, UNREADABLE) from exc
        where = unstorable(data)
        if where is not None:
            raise UnreadableBody(400, f"{where}: {UNSTORABLE}", {where: [UNSTORABLE]})
        if not isinstance(data, dict):
            raise UnreadableBody(422, NOT_AN_OBJECT)
        return data


class CrossSiteMiddleware:
    """Under /api/, a write that a browser says comes from another site is refused (403)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith("/api/")
            and request.method in BODY_METHODS
            and not _origin_ok(request)
        ):
            return refusal(403, CROSS_SITE)
        return self.get_response(request)
