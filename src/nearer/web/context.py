"""Template context every page gets: the help link's country, the partner, the demo flag,
the one-shot safety alert that puts help first on the next page, and quick exit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nearer.core.knowledge import load
from nearer.core.safety.response import respond
from nearer.web.safety import alerts as safety_alerts
from nearer.web.safety.quick_exit import NEUTRAL_URL
from nearer.web.support import help_for


def nearer(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    country = settings.DEFAULT_COUNTRY
    partner = None
    if user is not None and user.is_authenticated:
        country = user.country or country
        partner = user.partner
    alerts = safety_alerts.take(request)
    shown = respond(alerts, load().crisis_for(country)) if alerts else None
    return {
        "help_country": country,
        "partner": partner,
        "demo": settings.DEMO,
        "safety_alert": bool(alerts),
        "safety": shown,
        "help": help_for(country) if alerts else None,
        "quick_exit": safety_alerts.quick_exit_on(request) or bool(shown and shown.partner_harm),
        "quick_exit_url": NEUTRAL_URL,
    }
