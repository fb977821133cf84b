"""Each person's own day: the time zone a request runs in.

Django's ``timezone.localdate()`` follows the zone activated for the running thread, so
activating the signed-in person's zone for the length of their request makes every "today"
(the check-in's day, the week's start, the home page) theirs, pages and API alike, without
each view passing a zone around. The zone is always deactivated afterwards: waitress serves
requests on a pool of threads, and one person's zone must never leak into the next request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


@cache
def zone_names() -> tuple[str, ...]:
    """The zones a person picks from: one per place in the system's zone.tab (canonical
    names, such as Europe/Oslo, without the old aliases like Asia/Tel_Aviv), and UTC."""
    for folder in TZPATH:
        table = Path(folder) / "zone.tab"
        if table.is_file():
            rows = table.read_text(encoding="utf-8").splitlines()
            names = {r.split("\t")[2] for r in rows if r and not r.startswith("#")}
            return (*sorted(n for n in names if n in available_timezones()), "UTC")
    legacy = ("Etc/", "SystemV/", "US/", "posix/", "right/")
    places = sorted(z for z in available_timezones() if "/" in z and not z.startswith(legacy))
    return (*places, "UTC")


def known(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return bool(name)


def zone_of(user: Any) -> str:
    """The person's zone, or the site's when they chose none (or it is no longer known)."""
    chosen = str(getattr(user, "time_zone", "") or "")
    return chosen if chosen and known(chosen) else str(settings.TIME_ZONE)


def activate_for(user: Any) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        timezone.activate(ZoneInfo(zone_of(user)))
    else:
        timezone.deactivate()


class PersonTimeZoneMiddleware:
    """Run each signed-in person's request in their own zone (see the module docstring).
    API requests signed with a token are switched when the token is read (``api.app``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        activate_for(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
