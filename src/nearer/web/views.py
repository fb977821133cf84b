"""Pages that belong to no single domain: the home page and the help page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nearer.web.country import guess_country
from nearer.web.helpers import current_user
from nearer.web.home import home_context
from nearer.web.support import countries, help_for


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    user = current_user(request)
    return render(request, "home.html", home_context(user, timezone.localdate()))


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
