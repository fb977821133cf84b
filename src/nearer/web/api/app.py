"""The NinjaAPI object, its authentication and error handlers, and its routers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from nearer.web.accounts.models import ApiToken, User
from nearer.web.api import accounts, assessments, checkins, couples, journal, learn
from nearer.web.api.errors import BadInput


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


AUTH = [TokenAuth(), SessionAuth()]

api = NinjaAPI(
    title="nearer API",
    version="1",
    description="Check-ins, journal, pairing and assessments for couples. See docs/api.md.",
    auth=AUTH,
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the JSON is enough
    urls_namespace="api",
)


@api.exception_handler(BadInput)
def _bad_input(request: HttpRequest, exc: BadInput) -> HttpResponse:
    return api.create_response(
        request, {"detail": exc.detail, "errors": exc.errors}, status=exc.status
    )


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query")]
        field = ".".join(loc) or "body"
        errors.setdefault(field, []).append(str(error.get("msg", "is not valid")))
    first = next(iter(errors.items()), ("body", ["is not valid"]))
    detail = f"{first[0]}: {first[1][0]}. Fix it and send again."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    body: dict[str, Any] = {
        "detail": "Not logged in. Send Authorization: Bearer <token> or log in first."
    }
    return api.create_response(request, body, status=401)


api.add_router("/", accounts.router)
api.add_router("/couple", couples.router)
api.add_router("/", checkins.router)
api.add_router("/journal", journal.router)
api.add_router("/", assessments.router)
api.add_router("/", learn.router)
