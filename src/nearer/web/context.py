"""Template context every page gets: the help link's country, the partner, the demo flag, and
a one-shot safety alert that puts crisis resources first on the next page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nearer.web.support import help_for


def nearer(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    country = settings.DEFAULT_COUNTRY
    partner = None
    if user is not None and user.is_authenticated:
        country = user.country or country
        partner = user.partner
    session = getattr(request, "session", None)
    alert = bool(session.pop("safety_alert", False)) if session is not None else False
    return {
        "help_country": country,
        "partner": partner,
        "demo": settings.DEMO,
        "safety_alert": alert,
        "help": help_for(country) if alert else None,
    }
