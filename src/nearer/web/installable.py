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

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from nearer.core.knowledge import load
from nearer.web.icons import files as icon_files

THEME = "#8c2f4f"  # --accent in nearer.css
BACKGROUND = "#fbf8f4"  # --bg


def precached() -> list[str]:
    """What the service worker keeps: the offline page and the static files it uses."""
    icons = [static(f"nearer/icons/{name}") for name in icon_files()]
    return ["/offline/", static("nearer/nearer.css"), static("nearer/icon.svg"), *icons]


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
    # The cache's name changes whenever the worker's own text does, so an update drops the
    # old copies of the offline page and the static files.
    text = render_to_string("sw.js", {"assets": json.dumps(assets), "version": "{version}"})
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    return text.replace("{version}", version)


@require_http_methods(["GET"])
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker(), content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on each visit only when this is not cached for long.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_http_methods(["GET"])
def offline(request: HttpRequest) -> HttpResponse:
    countries = [c for c in load().crisis if c.code != "INTL"]
    return render(request, "offline.html", {"countries": countries})
