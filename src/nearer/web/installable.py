"""The app on a phone's home screen: the web app manifest, the service worker and the
offline page.

The service worker is served from the root (``/sw.js``) so that its scope is the whole app.
It keeps only the offline page and a few static files; it never stores an app page or an
API answer, so nothing anyone wrote lands in the phone's cache. The offline page holds no
one's data either (it does not use the app layout with its names): it is the same for
everyone, and lists emergency numbers, which are public knowledge.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from nearer.core.knowledge import load
from nearer.web.icons import files as icon_files

THEME = "#8c2f4f"  # --accent in nearer.css
BACKGROUND = "#fbf8f4"  # --bg


def stored_files() -> list[str]:
    """The static files the service worker keeps (for the offline page and the icons)."""
    return ["nearer/nearer.css", "nearer/icon.svg", *(f"nearer/icons/{n}" for n in icon_files())]


def precached() -> list[str]:
    """What the service worker keeps: the offline page and the static files it uses."""
    return ["/offline/", *(static(name) for name in stored_files())]


@require_http_methods(["GET"])
def manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {
            "src": static(f"nearer/icons/{name}"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable" if maskable else "any",
        }
        for name, (size, maskable) in icon_files().items()
    ]
    body = {
        "name": "nearer: notice, understand and repair emotional distance",
        "short_name": "nearer",
        "description": "Daily check-ins, a journal and a plan for couples drifting apart.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": icons,
    }
    response = JsonResponse(body, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@cache
def _worker() -> str:
    assets = precached()
    # The cache's name changes whenever the worker, the offline page or a stored file does,
    # so a new release replaces the copies on the phone (the browser installs a worker
    # whose text differs by even one byte).
    text = render_to_string("sw.js", {"assets": json.dumps(assets), "version": "{version}"})
    digest = hashlib.sha256(text.encode())
    digest.update(_offline_html().encode())
    for name in stored_files():
        found = finders.find(name)
        if isinstance(found, str):
            digest.update(Path(found).read_bytes())
    return text.replace("{version}", digest.hexdigest()[:12])


def _offline_html() -> str:
    countries = [c for c in load().crisis if c.code != "INTL"]
    return render_to_string("offline.html", {"countries": countries})


@require_http_methods(["GET"])
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on each visit only when this is not cached for long.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_http_methods(["GET"])
def offline(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: the page is the same for everyone and names no one.
    return HttpResponse(_offline_html())
