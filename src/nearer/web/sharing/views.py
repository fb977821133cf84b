"""The Sharing page (who has what, until when, who opened it) and the report a link opens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nearer.web.helpers import current_user, form_status
from nearer.web.sharing import links
from nearer.web.sharing.forms import ShareForm
from nearer.web.sharing.report import Choice, build_report, render_report


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ShareForm(user, request.POST if request.method == "POST" else None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            made = links.create_link(
                user,
                form.cleaned_data["label"],
                form.cleaned_data["sections"],
                form.cleaned_data["hours"],
                form.cleaned_data["journal_entries"],
                form.cleaned_data["together"],
            )
        except links.ShareError as exc:
            form.add_error(None, str(exc))
        else:
            form = ShareForm(user)
    own = list(links.links_for_user(user))
    for link in own:
        # Shown on the page: whether the partner's part currently stands beside this one.
        link.joined = link.is_open() and links.partner_link(link) is not None  # type: ignore[attr-defined]
    context = {
        "form": form,
        "links": own,
        "made": made,
        "made_url": request.build_absolute_uri(f"/s/{made.token}/") if made else "",
    }
    response = render(request, "sharing/index.html", context, status=form_status(request, form))
    if made:
        # The token is on this page once: no cache may keep it.
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    link = links.get_link_for_user(current_user(request), public_id)
    links.revoke(link)
    messages.success(request, f"The link for {link.label} no longer opens.")
    return redirect("sharing:index")


@require_GET
def report(request: HttpRequest, token: str) -> HttpResponse:
    """What the therapist sees: no log-in, no navigation, nothing but the chosen report."""
    link = links.open_link(token)
    links.log_access(link, request.headers.get("User-Agent", ""))
    choices = [Choice(link.owner, tuple(link.sections), tuple(link.journal_entries))]
    other = links.partner_link(link)
    if other is not None:
        links.log_access(other, request.headers.get("User-Agent", ""))
        choices.append(Choice(other.owner, tuple(other.sections), tuple(other.journal_entries)))
        # The same order whichever partner's link is opened.
        choices.sort(key=lambda c: c.owner.pk)
    response = HttpResponse(render_report(build_report(choices)))
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response
