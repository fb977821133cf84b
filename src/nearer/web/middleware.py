"""Headers Django 5.2 does not set itself."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy from settings on every response.

    Pages use no inline script or style, so the policy can forbid both; the admin keeps a
    looser ``style-src`` because Django's admin templates set inline styles.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy: str = settings.CONTENT_SECURITY_POLICY
        if request.path.startswith("/admin/") or request.path.startswith("/api/docs"):
            policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class HeadAsGetMiddleware:
    """Answer HEAD wherever GET is answered: the view runs as for GET and the body is
    dropped, headers (Content-Length included) kept. Django's class-based views do the same;
    function views decorated for GET alone would otherwise answer 405, and so would the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            # Files (static assets, downloads) already say their length; the file is closed
            # with the response.
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response.headers["Content-Length"] = str(length)
        return response
