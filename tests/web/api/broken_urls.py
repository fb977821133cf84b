"""A URL that fails on purpose, to check how a server error is logged."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("boom/", boom)]
