"""Journal pages. Entries are private unless the author shares them, one by one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearer.web import access
from nearer.web.helpers import current_user, form_status
from nearer.web.journal.forms import JournalEntryForm
from nearer.web.journal.models import JournalEntry
from nearer.web.journal.patterns import patterns_for
from nearer.web.journal.record import entry_alerts, save_entry
from nearer.web.safety.alerts import remember
from nearer.web.support import suggest_feelings


@login_required
@require_http_methods(["GET"])
def entry_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    entries = access.entries_for_user(user)[:100]
    return render(request, "journal/list.html", {"entries": entries, "me": user})


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = JournalEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = save_entry(user, JournalEntry(author=user), form.cleaned_data)
        remember(request, entry_alerts(entry))
        messages.success(request, "Saved." + (" Shared with your partner." if entry.shared else ""))
        return redirect("journal:detail", public_id=entry.public_id)
    return render(
        request,
        "journal/form.html",
        {"form": form, "creating": True},
        status=form_status(request, form),
    )


@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    entry = access.get_entry_for_user(user, public_id)
    mine = entry.author_id == user.pk
    suggestions = (
        [s for s in suggest_feelings(entry.text) if s.word not in entry.feelings] if mine else []
    )
    return render(
        request,
        "journal/detail.html",
        {"entry": entry, "mine": mine, "suggestions": suggestions},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = current_user(request)
    entry = access.get_own_entry_for_user(user, public_id)
    initial = {
        "text": entry.text,
        "feelings": ", ".join(entry.feelings),
        "situations": ", ".join(entry.situations),
        "triggers": ", ".join(entry.triggers),
        "shared": entry.shared,
    }
    form = JournalEntryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_entry(user, entry, form.cleaned_data)
        remember(request, entry_alerts(entry))
        messages.success(request, "Saved.")
        return redirect("journal:detail", public_id=entry.public_id)
    return render(
        request,
        "journal/form.html",
        {"form": form, "entry": entry, "creating": False},
        status=form_status(request, form),
    )


@login_required
@require_POST
def add_feeling(request: HttpRequest, public_id: str) -> HttpResponse:
    """Accept one suggested feeling onto the entry."""
    from nearer.web import vocab

    entry = access.get_own_entry_for_user(current_user(request), public_id)
    found = vocab.lookup(str(request.POST.get("word", "")))
    if found is None:
        messages.error(request, "That word is not in nearer's feelings list. Pick a suggestion.")
    elif found.word not in entry.feelings:
        entry.feelings = [*entry.feelings, found.word]
        entry.save(update_fields=["feelings", "updated_at"])
    return redirect("journal:detail", public_id=entry.public_id)


@login_required
@require_POST
def delete(request: HttpRequest, public_id: str) -> HttpResponse:
    entry = access.get_own_entry_for_user(current_user(request), public_id)
    entry.delete()
    messages.success(request, "Entry deleted.")
    return redirect("journal:list")


@login_required
@require_http_methods(["GET"])
def patterns(request: HttpRequest) -> HttpResponse:
    found = patterns_for(current_user(request), timezone.localdate())
    return render(request, "journal/patterns.html", {"p": found})
