"""Daily check-in (under 30 seconds), its history, appreciations, and the weekly talk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearer.web import access, vocab
from nearer.web.checkins.forms import DEFAULT_CLOSENESS, DailyCheckInForm
from nearer.web.checkins.models import DailyCheckIn
from nearer.web.checkins.record import NOTE_LIMIT, record_weekly, save_today
from nearer.web.checkins.summary import summarise, week_start
from nearer.web.helpers import current_user, form_status
from nearer.web.plans.record import thank_for
from nearer.web.safety.alerts import remember


@login_required
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    day = timezone.localdate()
    mine = access.checkins_for_user(user)
    existing = mine.filter(day=day).first()
    # Closeness carries over from the last check-in, so a plain check-in is area, word, Save.
    last = existing or mine.first()
    initial: dict[str, object] = {"closeness": last.closeness if last else DEFAULT_CLOSENESS}
    if existing:
        initial |= {
            "quadrant": existing.quadrant,
            "feeling": existing.feeling,
            "appreciation": existing.appreciation,
            "private_note": existing.private_note,
        }
    form = DailyCheckInForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, alerts = save_today(user, data)
        remember(request, alerts)
        messages.success(request, f"Checked in: {data['feeling']}, closeness {data['closeness']}.")
        return redirect("home")
    return render(
        request,
        "checkins/today.html",
        {
            "form": form,
            "quadrants": vocab.all_quadrants(),
            "existing": existing,
            "carried_over": last is not None and existing is None,
        },
        status=form_status(request, form),
    )


@login_required
@require_http_methods(["GET"])
def history(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    mine = access.checkins_for_user(user)[:60]
    partner = user.partner
    theirs = (
        [d for d in access.partner_days_for_user(user) if d.feeling is not None]
        if partner is not None and partner.share_daily_detail
        else None
    )
    return render(
        request,
        "checkins/history.html",
        {
            "mine": mine,
            "weeks": by_week(list(mine)),
            "theirs": theirs,
            "names": vocab.quadrant_names(),
        },
    )


@dataclass(frozen=True)
class HistoryWeek:
    """One week of the reader's own check-ins, newest day first, with its average."""

    start: date
    days: list[DailyCheckIn]

    @property
    def average(self) -> float:
        return sum(d.closeness for d in self.days) / len(self.days)


def by_week(days: list[DailyCheckIn]) -> list[HistoryWeek]:
    """Groups newest-first check-ins into weeks (Monday first), newest week first, so that a
    phone shows weeks to scan instead of one long table."""
    weeks: dict[date, list[DailyCheckIn]] = {}
    for day in days:
        weeks.setdefault(week_start(day.day), []).append(day)
    return [HistoryWeek(start, rows) for start, rows in weeks.items()]


@login_required
@require_http_methods(["GET"])
def appreciations(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    received = access.appreciations_for_user(user)
    given = access.checkins_for_user(user).exclude(appreciation="")[:100]
    return render(request, "checkins/appreciations.html", {"received": received, "given": given})


@login_required
@require_POST
def thank(request: HttpRequest, public_id: str) -> HttpResponse:
    """Say thank you for an appreciation the partner wrote (their check-in; 404 otherwise)."""
    thank_for(current_user(request), public_id)
    messages.success(request, "Thank you sent.")
    target = request.POST.get("next", "")
    return redirect("home" if target == "home" else "checkins:appreciations")


@login_required
@require_http_methods(["GET"])
def weekly(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    start = week_start(timezone.localdate())
    return render(
        request,
        "checkins/weekly.html",
        {
            "done": access.weekly_for_user(user)[:12],
            "mine": summarise(access.checkins_for_user(user), start),
            "theirs": access.partner_week_for_user(user, start),
        },
    )


@login_required
@require_POST
def weekly_done(request: HttpRequest) -> HttpResponse:
    note = str(request.POST.get("note", ""))
    if len(note) > NOTE_LIMIT:
        messages.error(
            request, f"The note is {len(note)} characters; keep it under {NOTE_LIMIT + 1}."
        )
        return redirect("checkins:weekly")
    _, alerts = record_weekly(current_user(request), note)
    remember(request, alerts)
    messages.success(request, "Weekly talk recorded. Thank you both for making the time.")
    return redirect("checkins:weekly")
