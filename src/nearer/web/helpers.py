"""Small pieces every view uses."""

from __future__ import annotations

from django.http import HttpRequest

# Who is asking: the one answer for pages and the API lives with the other access helpers.
from nearer.web.access import current_user

__all__ = ["current_user", "form_status"]


def form_status(request: HttpRequest, form: object) -> int:
    """400 for a form sent with errors, so tests and tools can tell a refusal apart."""
    errors = getattr(form, "errors", None)
    return 400 if request.method == "POST" and errors else 200
