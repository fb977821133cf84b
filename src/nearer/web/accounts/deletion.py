"""Deleting an account and everything in it; the page and ``DELETE /api/me`` share this.

The user's own rows go first, one model at a time (``access.own_rows_for_user``, the same
list the export reads), so nothing they wrote is left behind even where a row also points at
the couple. The couple is ended exactly as unpairing ends it: the partner keeps their own
items, and what they had shared turns private because it names a couple that is over.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.db import transaction
from django.http import HttpRequest

from nearer.core.errors import NearerError
from nearer.web.access import own_rows_for_user
from nearer.web.accounts import throttle
from nearer.web.accounts.models import User
from nearer.web.couples import pairing

WRONG_PASSWORD = "That is not your current password. Type the password you log in with."


class DeletionRefused(NearerError):
    """The password did not confirm the deletion; nothing was deleted."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def confirm_password(request: HttpRequest, user: User, password: str) -> None:
    """Raise ``DeletionRefused`` unless ``password`` is the user's own. It goes through the
    log-in check (``authenticate``), so wrong tries count towards the same throttle and an
    open session cannot be used to guess the password."""
    found = authenticate(request, username=user.email, password=password or "")
    if throttle.was_locked(request):
        raise DeletionRefused(throttle.blocked_message(request), status=429)
    if found is None or found.pk != user.pk:
        raise DeletionRefused(WRONG_PASSWORD, status=400)


@dataclass(frozen=True)
class AccountContents:
    """What deleting the account removes, counted; shown on the confirmation page."""

    daily_checkins: int
    weekly_talks: int
    journal_entries: int
    shared_journal_entries: int
    assessment_results: int
    shared_assessment_results: int
    check_drafts: int
    invitations: int
    api_tokens: int
    safety_plans: int
    plans: int
    partner_name: str | None
    share_links: int = 0


def contents_of(user: User) -> AccountContents:
    rows = own_rows_for_user(user)
    partner = user.partner
    return AccountContents(
        daily_checkins=rows.daily_checkins.count(),
        weekly_talks=rows.weekly_talks.count(),
        journal_entries=rows.journal_entries.count(),
        shared_journal_entries=rows.journal_entries.filter(shared=True).count(),
        assessment_results=rows.assessment_results.count(),
        shared_assessment_results=rows.assessment_results.filter(shared=True).count(),
        check_drafts=rows.check_drafts.count(),
        invitations=rows.invitations.count(),
        api_tokens=rows.api_tokens.count(),
        safety_plans=rows.safety_plans.count(),
        plans=rows.plans.count(),
        partner_name=partner.display_name if partner else None,
        share_links=rows.share_links.count(),
    )


@transaction.atomic
def delete_account(user: User) -> dict[str, int]:
    """Delete the user and every row of theirs; returns how many rows each model lost."""
    if user.couple_id is not None:
        pairing.unpair(user)
    deleted: dict[str, int] = {}
    for name, rows in own_rows_for_user(user).items():
        deleted[name] = rows.delete()[0]
    # Failed log-ins are kept by the email typed, not by the account: match the email.
    deleted["login_failures"] = AccessAttempt.objects.filter(username=user.email).delete()[0]
    user.delete()
    deleted["accounts"] = 1
    return deleted
