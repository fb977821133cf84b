"""Assessments in the browser (filled in once the core instruments settle)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from nearer.web import access
from nearer.web.helpers import current_user


@login_required
@require_http_methods(["GET"])
def assessment_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(request, "assessments/list.html", {"results": access.results_for_user(user)[:50]})
