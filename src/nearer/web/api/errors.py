from __future__ import annotations

from typing import Any

from nearer.core.errors import NearerError


class BadInput(NearerError):
    """Input the API refuses; answered as 400 with one line and the per-field errors."""

    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None, status: int = 400):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}
        self.status = status


def from_form(form: Any) -> BadInput:
    """Turn a Django form's errors into one BadInput, first message as the headline."""
    errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
    field, messages = next(iter(errors.items()))
    where = "" if field == "__all__" else f"{field}: "
    return BadInput(f"{where}{messages[0]}", errors)


# What each error status means, as the OpenAPI document describes it (docs/api.md says the
# same in more words).
MEANING = {
    400: "The body is not readable UTF-8 JSON, holds text that cannot be stored, or a value "
    "breaks a rule (the errors say which).",
    401: "Not logged in, or the email and password do not match.",
    403: "Refused: the request came from another site, or a session write lacks its CSRF token.",
    404: "No such item for you (a partner's private item looks the same).",
    409: "The request does not fit the current state (a pairing step, or an upload that "
    "no longer waits for it).",
    413: "The body is too large (an upload: over its size limit).",
    415: "The body is not sent as application/json.",
    422: "The JSON does not fit the documented schema: a field is missing, of the wrong type "
    "or beyond its limits.",
    429: "Too many failed log-ins for this account from this address; Retry-After says when.",
    503: "Not available for a moment (the upload could not be kept); try again shortly.",
}


# A write with a JSON body may be refused for its body or its origin, and needs a log-in;
# a write without a body (an action) only for the origin or the log-in.
WRITE = (400, 401, 403, 413, 415, 422)
ACTION = (401, 403)


def problems(*codes: int) -> dict[int, Any]:
    """``response=`` entries for the error statuses an endpoint can answer."""
    from nearer.web.api.schemas import Problem

    return {code: Problem for code in codes}
