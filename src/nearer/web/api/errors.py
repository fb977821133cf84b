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
