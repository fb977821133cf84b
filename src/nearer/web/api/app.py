"""The NinjaAPI object, its authentication and error handlers, and its routers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from nearer.web.accounts.models import ApiToken, User
from nearer.web.api import (
    accounts,
    assessments,
    checkins,
    couples,
    insights,
    journal,
    learn,
    plans,
    reminders,
)
from nearer.web.api.errors import MEANING, BadInput
from nearer.web.api.guard import JsonParser, UnreadableBody
from nearer.web.timezones import activate_for


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
            activate_for(user)  # the middleware ran before the token was read
        return user


AUTH = [TokenAuth(), SessionAuth()]


class NearerAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """The document, with each error status saying what it means here."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, answer in operation.get("responses", {}).items():
                    if int(code) in MEANING:
                        answer["description"] = MEANING[int(code)]
        return schema


api = NearerAPI(
    title="nearer API",
    version="1",
    description="Check-ins, journal, pairing and assessments for couples. See docs/api.md.",
    auth=AUTH,
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the JSON is enough
    urls_namespace="api",
    parser=JsonParser(),
)


def _error(request: HttpRequest, detail: str, status: int, errors: Any = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(BadInput)
def _bad_input(request: HttpRequest, exc: BadInput) -> HttpResponse:
    return _error(request, exc.detail, exc.status, exc.errors)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """422: the JSON does not fit the schema (missing, wrong type, beyond a limit)."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query")]
        field = ".".join(loc) or "body"
        errors.setdefault(field, []).append(str(error.get("msg", "is not valid")))
    first = next(iter(errors.items()), ("body", ["is not valid"]))
    detail = f"{first[0]}: {first[1][0]}. Fix it and send again."
    return _error(request, detail, 422, errors)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = "Not logged in. Send Authorization: Bearer <token> or log in first."
    return _error(request, detail, 401)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, "Not found: no such item for you.", 404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals: 403 for a session write without its CSRF token, and a body the
    parser could not use (the parser's reason is the cause: 400, 415 or 422)."""
    cause = exc.__cause__
    if isinstance(cause, UnreadableBody):
        return _error(request, cause.detail, cause.status, cause.errors)
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _error(request, f"The body is larger than {limit // 1024} kB. Send less.", 413)


api.add_router("/", accounts.router)
api.add_router("/couple", couples.router)
api.add_router("/", checkins.router)
api.add_router("/journal", journal.router)
api.add_router("/", assessments.router)
api.add_router("/", insights.router)
api.add_router("/", plans.router)
api.add_router("/", learn.router)
api.add_router("/", reminders.router)
