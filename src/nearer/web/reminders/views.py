"""The reminders form (also a section of Settings), one-click unsubscribe, and dismissing
an in-app reminder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from nearer.core.reminders import describe_days
from nearer.web import access
from nearer.web.helpers import current_user, form_status
from nearer.web.reminders import send, tokens
from nearer.web.reminders.forms import RemindersForm
from nearer.web.reminders.models import CHECKIN, EMAIL, TALK, Reminder


@login_required
@require_http_methods(["GET", "POST"])
def reminders_page(request: HttpRequest) -> HttpResponse:
    """The same form as Settings shows; it comes back here only to show a refusal."""
    user = current_user(request)
    form = RemindersForm(
        request.POST if request.method == "POST" else None, reminders=send.reminders_for(user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, saved_line(send.reminders_for(user)))
        return redirect(reverse("accounts:settings") + "#reminders")
    context = {"form": form, "mail_works": send.mail_works(), "partner": user.partner}
    return render(request, "reminders/page.html", context, status=form_status(request, form))


def saved_line(reminders: dict[str, Reminder]) -> str:
    """ "Reminders saved: check-in at 21:15 on weekdays, on your home page." """
    parts = []
    for kind, name in ((CHECKIN, "check-in"), (TALK, "weekly talk")):
        r = reminders[kind]
        if r.enabled:
            how = "by email" if send.channel_for(r) == EMAIL else "on your home page"
            at = r.time_of_day.strftime("%H:%M")
            parts.append(f"{name} at {at} {describe_days(r.weekdays)}, {how}")
    if not parts:
        return "Reminders saved: both are off."
    return "Reminders saved: " + "; ".join(parts) + "."


# The POST comes from the mail client itself (RFC 8058 one-click), without a session or a
# CSRF token: the signed token in the address is what authorises it, and all it can do is
# turn one reminder off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    reminder = tokens.reminder_of(token)
    if reminder is None:
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=404)
    context = {"what": "check-in" if reminder.kind == CHECKIN else "weekly-talk"}
    if request.method == "POST":
        send.turn_off(reminder)
        return render(request, "reminders/unsubscribe.html", {**context, "done": True})
    return render(
        request, "reminders/unsubscribe.html", {**context, "already_off": not reminder.enabled}
    )


@login_required
@require_POST
def dismiss(request: HttpRequest, public_id: str) -> HttpResponse:
    notice = access.get_notice_for_user(current_user(request), public_id)
    send.dismiss(notice)
    return redirect("home")
