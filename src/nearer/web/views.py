"""Pages that belong to no single domain: the home page and the help page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nearer.web import access
from nearer.web.checkins.summary import summarise, week_start
from nearer.web.country import guess_country
from nearer.web.helpers import current_user
from nearer.web.insights.early import summary_for_user
from nearer.web.support import countries, help_for


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    user = current_user(request)
    today = timezone.localdate()
    start = week_start(today)
    partner = user.partner
    return render(
        request,
        "home.html",
        {
            "me": user,
            "checked_in": access.checkins_for_user(user).filter(day=today).first(),
            "appreciations": access.appreciations_for_user(user)[:3],
            "mine": summarise(access.checkins_for_user(user), start),
            "theirs": summarise(access.partner_checkins_for_user(user), start) if partner else None,
            "last_talk": access.weekly_for_user(user).first(),
            # insights: the early warning from check-ins (and chat insights, if any)
            "warning": summary_for_user(user, today),
        },
    )


@require_http_methods(["GET"])
def help_page(request: HttpRequest) -> HttpResponse:
    """Crisis and safety resources, one click from every page, also without logging in."""
    code = str(request.GET.get("country", "")).strip().upper()
    if not code:
        user = request.user
        code = getattr(user, "country", "") if user.is_authenticated else ""
        code = code or guess_country(request).code or settings.DEFAULT_COUNTRY
    return render(
        request,
        "help.html",
        {"help": help_for(code), "countries": countries(), "code": code, "page_quick_exit": True},
    )
